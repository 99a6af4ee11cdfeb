#include "engine/render/shader_diagnostics.hpp"

#include <cstddef>

namespace bfr::render {
namespace {

// One recognised diagnostic line.
struct Diagnostic {
    int line = -1;
    int column = -1;
    std::string_view severity;  // "error"/"warning" when it must be inserted (AMD/Intel form)
    std::string_view message;   // rest of the line, as the driver wrote it
    bool is_error = false;
};

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

void skip_spaces(std::string_view& s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
}

std::string_view trim_right(std::string_view s) {
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\0' || s.back() == '\n')) {
        s.remove_suffix(1);
    }
    return s;
}

// Consumes a run of decimal digits (capped so it cannot overflow); false if there is none.
bool eat_number(std::string_view& s, int& out) {
    std::size_t i = 0;
    long value = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        if (value < 100000000L) {
            value = value * 10 + (s[i] - '0');
        }
        ++i;
    }
    if (i == 0) {
        return false;
    }
    out = static_cast<int>(value);
    s.remove_prefix(i);
    return true;
}

bool eat(std::string_view& s, char c) {
    if (s.empty() || s.front() != c) {
        return false;
    }
    s.remove_prefix(1);
    return true;
}

bool message_is_error(std::string_view message) {
    return starts_with(message, "error") || starts_with(message, "fatal error") ||
           starts_with(message, "preprocessor error");
}

// `ERROR: 0:12: msg` / `WARNING: 0:12: msg`
bool parse_amd(std::string_view s, Diagnostic& d) {
    bool error = false;
    if (starts_with(s, "ERROR:")) {
        error = true;
        s.remove_prefix(6);
    } else if (starts_with(s, "WARNING:")) {
        s.remove_prefix(8);
    } else {
        return false;
    }
    skip_spaces(s);
    int source = 0;
    int line = 0;
    if (!eat_number(s, source) || !eat(s, ':') || !eat_number(s, line) || !eat(s, ':')) {
        return false;
    }
    skip_spaces(s);
    d = Diagnostic{line, -1, error ? "error" : "warning", s, error};
    return true;
}

// `0:12(5): error: msg` (Mesa) or `0:12: msg` (generic)
bool parse_colon_form(std::string_view s, Diagnostic& d) {
    int source = 0;
    int line = 0;
    if (!eat_number(s, source) || !eat(s, ':') || !eat_number(s, line)) {
        return false;
    }
    int column = -1;
    if (eat(s, '(')) {
        if (!eat_number(s, column) || !eat(s, ')')) {
            return false;
        }
    }
    if (!eat(s, ':')) {
        return false;
    }
    skip_spaces(s);
    d = Diagnostic{line, column, {}, s, message_is_error(s)};
    return true;
}

// `0(12) : error C0000: msg` (NVIDIA)
bool parse_nvidia(std::string_view s, Diagnostic& d) {
    int source = 0;
    int line = 0;
    if (!eat_number(s, source) || !eat(s, '(') || !eat_number(s, line) || !eat(s, ')')) {
        return false;
    }
    skip_spaces(s);
    if (!eat(s, ':')) {
        return false;
    }
    skip_spaces(s);
    d = Diagnostic{line, -1, {}, s, message_is_error(s)};
    return true;
}

bool parse_line(std::string_view s, Diagnostic& d) {
    skip_spaces(s);
    return parse_amd(s, d) || parse_colon_form(s, d) || parse_nvidia(s, d);
}

// Calls fn(line) for every line of the log with trailing whitespace/CR/NUL removed.
template <class Fn>
void for_each_line(std::string_view log, Fn&& fn) {
    while (!log.empty()) {
        const std::size_t eol = log.find('\n');
        const std::string_view line = log.substr(0, eol);
        log = eol == std::string_view::npos ? std::string_view{} : log.substr(eol + 1);
        if (!fn(trim_right(line))) {
            return;
        }
    }
}

}  // namespace

std::string rewrite_shader_log(std::string_view driver_log, std::string_view file_path) {
    const std::string_view path = file_path.empty() ? std::string_view{"<shader>"} : file_path;
    std::string out;
    out.reserve(driver_log.size() + 64);
    for_each_line(driver_log, [&](std::string_view line) {
        std::string_view content = line;
        skip_spaces(content);
        if (content.empty()) {
            return true;
        }
        out += path;
        Diagnostic d;
        if (parse_line(content, d)) {
            out += ':';
            out += std::to_string(d.line);
            if (d.column >= 0) {
                out += ':';
                out += std::to_string(d.column);
            }
            out += ": ";
            if (!d.severity.empty()) {
                out += d.severity;
                out += ": ";
            }
            out += d.message;
        } else {
            out += ": ";
            out += content;
        }
        out += '\n';
        return true;
    });
    return out;
}

int first_error_line(std::string_view driver_log) {
    int result = -1;
    for_each_line(driver_log, [&](std::string_view line) {
        Diagnostic d;
        if (parse_line(line, d) && d.is_error) {
            result = d.line;
            return false;
        }
        return true;
    });
    return result;
}

}  // namespace bfr::render
