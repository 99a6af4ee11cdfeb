#include "engine/telemetry/diy_formats.hpp"

#include "engine/core/text.hpp"
#include "engine/telemetry/number.hpp"
#include "engine/telemetry/text.hpp"

#include <fmt/format.h>

#include <charconv>
#include <iterator>
#include <system_error>

namespace bfr::telemetry {

namespace {

constexpr std::array<std::string_view, 4> kNames = {"v1", "pressure-line", "mmhg-number", "mprls"};

/// Most whitespace- or comma-separated fields an mprls line may have.
constexpr std::size_t kMaxMprlsFields = 9;

template <class... Args>
bool fail(std::string* reason, fmt::format_string<Args...> format, Args&&... args) {
    if (reason != nullptr) {
        reason->clear();
        fmt::format_to(std::back_inserter(*reason), format, std::forward<Args>(args)...);
    }
    return false;
}

constexpr bool is_number_char(char c) noexcept {
    return is_digit(c) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
}

/// The factor from `unit` (spaces inside ignored, any case) to mmHg; an empty unit is mmHg.
std::optional<double> unit_factor(std::string_view unit) noexcept {
    char packed[8];
    std::size_t n = 0;
    for (const char c : unit) {
        if (is_blank(c)) continue;
        if (n == sizeof packed) return std::nullopt;
        packed[n++] = core::ascii_lower(c);
    }
    const std::string_view u(packed, n);
    if (u.empty() || u == "mmhg") return 1.0;
    if (u == "kpa") return kMmhgPerKpa;
    if (u == "psi") return kMmhgPerPsi;
    return std::nullopt;
}

/// `number [unit]` (the rest of a line): the pressure in mmHg.
bool parse_pressure_with_unit(std::string_view text, double& mmhg, std::string_view line, std::string* reason,
                              std::string_view expected) {
    text = trim_blanks(text);
    std::size_t i = 0;
    while (i < text.size() && is_number_char(text[i])) {
        // An 'e' that starts a word is not an exponent ("12 e" is not a unit we know anyway).
        ++i;
    }
    const std::string_view number = text.substr(0, i);
    double value = 0.0;
    const NumberStatus status = parse_double(number, value);
    if (status == NumberStatus::Empty) return fail(reason, "not a {} line: {}", expected, quoted(line));
    if (status != NumberStatus::Ok) return fail(reason, "{} is not a number (pressure)", quoted(number));
    const std::string_view unit = trim_blanks(text.substr(i));
    const auto factor = unit_factor(unit);
    if (!factor) return fail(reason, "unknown pressure unit {} (mmHg, kPa or psi)", quoted(unit));
    mmhg = value * *factor;
    return true;
}

bool parse_pressure_line(std::string_view line, DiyReading& out, std::string* reason) {
    static constexpr std::string_view kKey = "pressure";
    const std::string_view text = trim_blanks(line);
    if (text.size() < kKey.size() || !core::iequals_ascii(text.substr(0, kKey.size()), kKey))
        return fail(reason, "not a 'Pressure: N mmHg' line: {}", quoted(line));
    std::string_view rest = trim_blanks(text.substr(kKey.size()));
    if (!rest.empty() && (rest.front() == ':' || rest.front() == '=')) rest.remove_prefix(1);
    return parse_pressure_with_unit(rest, out.pressure_mmhg, line, reason, "'Pressure: N mmHg'");
}

bool parse_mmhg_number(std::string_view line, DiyReading& out, std::string* reason) {
    return parse_pressure_with_unit(line, out.pressure_mmhg, line, reason, "'N mm Hg'");
}

bool all_hex(std::string_view text) noexcept {
    if (text.empty()) return false;
    for (const char c : text) {
        if (!(is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
    }
    return true;
}

bool parse_mprls(std::string_view line, DiyReading& out, std::string* reason) {
    std::array<std::string_view, kMaxMprlsFields> fields{};
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (is_blank(line[i]) || line[i] == ',')) ++i;
        if (i >= line.size()) break;
        const std::size_t start = i;
        while (i < line.size() && !is_blank(line[i]) && line[i] != ',') ++i;
        if (count == fields.size())
            return fail(reason, "not an MPRLS line (more than {} fields): {}", kMaxMprlsFields, quoted(line));
        fields[count++] = line.substr(start, i - start);
    }
    if (count != 5 && count != 7 && count != 9)
        return fail(reason,
                    "not an MPRLS line ({} fields, expected 9: status, 3 raw bytes, counts, %FS, pressure, "
                    "temperature, millis): {}",
                    count, quoted(line));
    for (std::size_t k = 0; k + 5 < count; ++k) {  // status and raw bytes, printed in hex
        if (!all_hex(fields[k]))
            return fail(reason, "not an MPRLS line ({} is not hex): {}", quoted(fields[k]), quoted(line));
    }
    const std::size_t base = count - 5;  // counts, %FS, pressure, temp, millis
    static constexpr std::array<std::string_view, 4> kWhat = {"counts", "%FS", "pressure", "temperature"};
    double values[4] = {};
    for (std::size_t k = 0; k < 4; ++k) {
        const NumberStatus status = parse_double(fields[base + k], values[k]);
        if (status != NumberStatus::Ok)
            return fail(reason, "{} is not a number (MPRLS {})", quoted(fields[base + k]), kWhat[k]);
    }
    const std::string_view millis = fields[base + 4];
    std::uint64_t ms = 0;
    const auto [ptr, ec] = std::from_chars(millis.data(), millis.data() + millis.size(), ms);
    if (ec != std::errc{} || ptr != millis.data() + millis.size())
        return fail(reason, "{} is not a whole number of milliseconds (MPRLS millis)", quoted(millis));
    out.pressure_mmhg = values[2];
    out.has_device_ms = true;
    out.device_ms = ms;
    return true;
}

}  // namespace

const std::array<std::string_view, 4>& format_names() noexcept {
    return kNames;
}

std::string_view format_name(Format format) noexcept {
    const auto index = static_cast<std::size_t>(format);
    return index < kNames.size() ? kNames[index] : std::string_view("?");
}

std::optional<Format> parse_format_name(std::string_view name) noexcept {
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (kNames[i] == name) return static_cast<Format>(i);
    }
    return std::nullopt;
}

std::string format_names_text() {
    std::string out;
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (i > 0) out += ", ";
        out += kNames[i];
    }
    return out;
}

bool parse_diy_line(Format format, std::string_view line, DiyReading& out, std::string* reason) {
    out = DiyReading{};
    switch (format) {
        case Format::PressureLine: return parse_pressure_line(line, out, reason);
        case Format::MmhgNumber: return parse_mmhg_number(line, out, reason);
        case Format::Mprls: return parse_mprls(line, out, reason);
        case Format::V1: break;
    }
    return fail(reason, "format {} is not a DIY line format", format_name(format));
}

}  // namespace bfr::telemetry
