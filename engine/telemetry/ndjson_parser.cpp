#include "engine/telemetry/ndjson_parser.hpp"

#include "engine/telemetry/number.hpp"
#include "engine/telemetry/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <limits>

namespace bfr::telemetry {

namespace {

constexpr bool is_json_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void skip_space(std::string_view line, std::size_t& pos) noexcept {
    while (pos < line.size() && is_json_space(line[pos])) ++pos;
}

/// Sets `*reason` (when wanted) and returns false, for one-line failure exits.
template <class... Args>
bool fail(std::string* reason, fmt::format_string<Args...> format, Args&&... args) {
    if (reason != nullptr) {
        reason->clear();
        fmt::format_to(std::back_inserter(*reason), format, std::forward<Args>(args)...);
    }
    return false;
}

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Reads 4 hex digits at line[pos..pos+4).
bool read_hex4(std::string_view line, std::size_t pos, std::uint32_t& out) noexcept {
    if (pos > line.size() || line.size() - pos < 4) return false;
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
        const int h = hex_value(line[pos + k]);
        if (h < 0) return false;
        v = (v << 4) | static_cast<std::uint32_t>(h);
    }
    out = v;
    return true;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

/// Scans a JSON number at line[pos] (strict JSON grammar); on success `pos` is past it.
bool scan_number(std::string_view line, std::size_t& pos) noexcept {
    std::size_t i = pos;
    const std::size_t n = line.size();
    if (i < n && line[i] == '-') ++i;
    if (i >= n || !is_digit(line[i])) return false;
    if (line[i] == '0') {
        ++i;
    } else {
        while (i < n && is_digit(line[i])) ++i;
    }
    if (i < n && line[i] == '.') {
        ++i;
        if (i >= n || !is_digit(line[i])) return false;
        while (i < n && is_digit(line[i])) ++i;
    }
    if (i < n && (line[i] == 'e' || line[i] == 'E')) {
        ++i;
        if (i < n && (line[i] == '+' || line[i] == '-')) ++i;
        if (i >= n || !is_digit(line[i])) return false;
        while (i < n && is_digit(line[i])) ++i;
    }
    pos = i;
    return true;
}

/// The bare word at line[pos] (letters, digits, '-', '+', '.'), e.g. "null", "true", "NaN".
std::string_view word_at(std::string_view line, std::size_t pos) noexcept {
    std::size_t i = pos;
    while (i < line.size()) {
        const char c = line[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '-' || c == '+' || c == '.'))
            break;
        ++i;
    }
    return line.substr(pos, i - pos);
}

}  // namespace

NdjsonParser::NdjsonParser(Schema schema)
    : schema_{std::move(schema)}, columns_{std::min(schema_.columns.size(), kMaxColumns)} {}

bool NdjsonParser::scan_string(std::string_view line, std::size_t& pos, std::string& scratch, std::string_view& value,
                               std::string* reason) {
    const std::size_t start = pos + 1;  // past the opening quote
    std::size_t i = start;
    const std::size_t n = line.size();
    // Fast path: no escapes.
    while (i < n) {
        const char c = line[i];
        if (c == '"') {
            value = line.substr(start, i - start);
            pos = i + 1;
            return true;
        }
        if (c == '\\') break;
        if (static_cast<unsigned char>(c) < 0x20)
            return fail(reason, "control character inside a string (byte {})", i + 1);
        ++i;
    }
    if (i >= n) return fail(reason, "unterminated string (starting at byte {})", start);
    scratch.assign(line.substr(start, i - start));
    while (i < n) {
        const char c = line[i];
        if (c == '"') {
            value = scratch;
            pos = i + 1;
            return true;
        }
        if (static_cast<unsigned char>(c) < 0x20)
            return fail(reason, "control character inside a string (byte {})", i + 1);
        if (c != '\\') {
            scratch.push_back(c);
            ++i;
            continue;
        }
        if (i + 1 >= n) break;
        const char e = line[i + 1];
        i += 2;
        switch (e) {
            case '"': scratch.push_back('"'); break;
            case '\\': scratch.push_back('\\'); break;
            case '/': scratch.push_back('/'); break;
            case 'b': scratch.push_back('\b'); break;
            case 'f': scratch.push_back('\f'); break;
            case 'n': scratch.push_back('\n'); break;
            case 'r': scratch.push_back('\r'); break;
            case 't': scratch.push_back('\t'); break;
            case 'u': {
                std::uint32_t cp = 0;
                if (!read_hex4(line, i, cp)) return fail(reason, "bad \\u escape in a string (byte {})", i - 1);
                i += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    std::uint32_t low = 0;
                    if (i + 1 < n && line[i] == '\\' && line[i + 1] == 'u' && read_hex4(line, i + 2, low) &&
                        low >= 0xDC00 && low <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                        i += 6;
                    } else {
                        return fail(reason, "unpaired surrogate in a \\u escape (byte {})", i - 5);
                    }
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    return fail(reason, "unpaired surrogate in a \\u escape (byte {})", i - 5);
                }
                append_utf8(scratch, cp);
                break;
            }
            default: return fail(reason, "bad escape {} in a string (byte {})", quoted(line.substr(i - 2, 2)), i - 1);
        }
    }
    return fail(reason, "unterminated string (starting at byte {})", start);
}

bool NdjsonParser::read_row(std::string_view line, Sample& out, std::string* reason, ParseReport& report) {
    out.t_ns = 0;
    out.present = 0;
    std::fill_n(out.values.begin(), columns_, std::numeric_limits<double>::quiet_NaN());
    out.event.clear();

    std::size_t pos = 0;
    const std::size_t n = line.size();
    skip_space(line, pos);
    if (pos >= n || line[pos] != '{') return fail(reason, "not a JSON object: {}", quoted(line));
    ++pos;
    skip_space(line, pos);
    bool have_time = false;
    bool seen_time = false;
    bool seen_event = false;
    std::uint32_t seen_columns = 0;
    if (pos < n && line[pos] == '}') {
        ++pos;
    } else {
        while (true) {
            if (pos >= n || line[pos] != '"') return fail(reason, "expected a key in double quotes (byte {})", pos + 1);
            std::string_view key;
            if (!scan_string(line, pos, key_, key, reason)) return false;
            skip_space(line, pos);
            if (pos >= n || line[pos] != ':')
                return fail(reason, "expected ':' after the key {} (byte {})", quoted(key), pos + 1);
            ++pos;
            skip_space(line, pos);
            if (pos >= n) return fail(reason, "no value for the key {}", quoted(key));

            // Which key is it?
            enum class Role : std::uint8_t { Ignore, Time, Event, Value } role = Role::Ignore;
            std::size_t column = 0;
            if (key == schema_.time_column) {
                if (seen_time) return fail(reason, "duplicate key {}", quoted(key));
                seen_time = true;
                role = Role::Time;
            } else if (!schema_.event_column.empty() && key == schema_.event_column) {
                if (seen_event) return fail(reason, "duplicate key {}", quoted(key));
                seen_event = true;
                role = Role::Event;
            } else if (const auto index = schema_.index_of(key); index && *index < columns_) {
                column = *index;
                if ((seen_columns >> column) & 1U) return fail(reason, "duplicate key {}", quoted(key));
                seen_columns |= 1U << column;
                role = Role::Value;
            } else {
                report.note_unknown_column(key);
            }
            const std::string_view name = role == Role::Time    ? std::string_view(schema_.time_column)
                                          : role == Role::Event ? std::string_view(schema_.event_column)
                                          : role == Role::Value ? std::string_view(schema_.columns[column].name)
                                                                : key;

            // The value.
            const char c = line[pos];
            if (c == '"') {
                std::string_view text;
                if (!scan_string(line, pos, value_, text, reason)) return false;
                if (role == Role::Event) {
                    if (!is_clean_text(text))
                        return fail(reason, "{} has control characters or bytes that are not UTF-8 ({})", quoted(text),
                                    name);
                    out.event.assign(text);
                } else if (role != Role::Ignore) {
                    return fail(reason, "{} is not a number ({})", quoted(text), name);
                }
            } else if (c == '-' || is_digit(c)) {
                const std::size_t start = pos;
                if (!scan_number(line, pos))
                    return fail(reason, "{} is not a number ({})", quoted(word_at(line, start)), name);
                const std::string_view text = line.substr(start, pos - start);
                if (role == Role::Event) return fail(reason, "{} must be a string, not {}", name, quoted(text));
                if (role == Role::Time) {
                    const NumberStatus status = parse_seconds_ns(text, out.t_ns);
                    if (status == NumberStatus::OutOfRange)
                        return fail(reason, "{} is out of range ({})", quoted(text), name);
                    if (status != NumberStatus::Ok) return fail(reason, "{} is not a number ({})", quoted(text), name);
                    have_time = true;
                } else if (role == Role::Value) {
                    double value = 0.0;
                    const NumberStatus status = parse_double(text, value);
                    if (status == NumberStatus::OutOfRange)
                        return fail(reason, "{} is out of range ({})", quoted(text), name);
                    if (status != NumberStatus::Ok) return fail(reason, "{} is not a number ({})", quoted(text), name);
                    const ColumnSpec& spec = schema_.columns[column];
                    if (value < spec.min || value > spec.max)
                        return fail(reason, "{} is outside {}..{} ({})", quoted(text), spec.min, spec.max, name);
                    out.values[column] = value;
                    out.present |= 1U << column;
                }
            } else if (c == '{' || c == '[') {
                return fail(reason, "nested {} for {} (only flat objects are read)", c == '{' ? "object" : "array",
                            quoted(key));
            } else {
                const std::string_view word = word_at(line, pos);
                if (word == "null") {
                    // Not measured (time: missing, reported below).
                } else if (word == "true" || word == "false") {
                    if (role == Role::Event) return fail(reason, "{} must be a string, not {}", name, word);
                    if (role != Role::Ignore) return fail(reason, "{} is not a number ({})", quoted(word), name);
                } else if (word == "NaN" || word == "Infinity" || word == "-Infinity") {
                    if (role == Role::Event) return fail(reason, "{} must be a string, not {}", name, word);
                    if (role != Role::Ignore)
                        return fail(reason, "{} is NaN or infinity, not a number ({})", quoted(word), name);
                } else {
                    return fail(reason, "bad value for {} (byte {}): {}", quoted(key), pos + 1,
                                quoted(line.substr(pos, 12)));
                }
                pos += word.size();
            }

            skip_space(line, pos);
            if (pos < n && line[pos] == ',') {
                ++pos;
                skip_space(line, pos);
                continue;
            }
            if (pos < n && line[pos] == '}') {
                ++pos;
                break;
            }
            return fail(reason, "expected ',' or '}}' (byte {})", pos + 1);
        }
    }
    skip_space(line, pos);
    if (pos != n) return fail(reason, "text after the object (byte {})", pos + 1);
    if (!have_time) return fail(reason, "missing {}", schema_.time_column);
    return true;
}

}  // namespace bfr::telemetry
