#pragma once
// Strict, allocation-free number parsing for telemetry cells: a whole cell must be one number
// (surrounding spaces and tabs allowed), NaN and infinity are told apart from text, and times are
// read as exact integer nanoseconds so a recording written with exact decimals replays exactly.

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>

namespace bfr::telemetry {

/// What parsing a cell found.
enum class NumberStatus : std::uint8_t {
    Ok,          ///< A finite number in range.
    Empty,       ///< Nothing but spaces: "not measured".
    NotANumber,  ///< Text that is not (entirely) a number.
    NotFinite,   ///< NaN or infinity.
    OutOfRange,  ///< A number too large (or too small) to represent.
};

/// Largest |t_s| accepted, in seconds (keeps t_ns inside int64 with room; Unix times fit).
inline constexpr double kMaxTimeSeconds = 9.0e9;

/// True for the blanks allowed around a cell: space and tab.
[[nodiscard]] constexpr bool is_blank(char c) noexcept {
    return c == ' ' || c == '\t';
}

/// `text` without leading and trailing spaces and tabs.
[[nodiscard]] constexpr std::string_view trim_blanks(std::string_view text) noexcept {
    std::size_t b = 0;
    std::size_t e = text.size();
    while (b < e && is_blank(text[b])) ++b;
    while (e > b && is_blank(text[e - 1])) --e;
    return text.substr(b, e - b);
}

/// True for '0'..'9'.
[[nodiscard]] constexpr bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

/// Parses a whole cell as a double (std::from_chars, general format; one leading '+' allowed;
/// blanks around it ignored). `out` is written only on Ok.
[[nodiscard]] inline NumberStatus parse_double(std::string_view text, double& out) noexcept {
    text = trim_blanks(text);
    if (text.empty()) return NumberStatus::Empty;
    const char* first = text.data();
    const char* const last = first + text.size();
    if (*first == '+' && last - first > 1 && (is_digit(first[1]) || first[1] == '.')) ++first;
    double value = 0.0;
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (ptr != last) return NumberStatus::NotANumber;
    if (ec == std::errc::result_out_of_range) return NumberStatus::OutOfRange;
    if (ec != std::errc{}) return NumberStatus::NotANumber;
    if (!std::isfinite(value)) return NumberStatus::NotFinite;
    out = value;
    return NumberStatus::Ok;
}

/// Parses a whole cell of seconds into integer nanoseconds. Plain decimals ("12.345", "-0.5",
/// "+3") are converted exactly (digits past the ninth decimal round half away from zero); other
/// forms ("1.5e3") go through a double. |t| > kMaxTimeSeconds is OutOfRange.
[[nodiscard]] inline NumberStatus parse_seconds_ns(std::string_view text, std::int64_t& out_ns) noexcept {
    text = trim_blanks(text);
    if (text.empty()) return NumberStatus::Empty;
    std::size_t i = 0;
    bool negative = false;
    if (text[0] == '-' || text[0] == '+') {
        negative = text[0] == '-';
        i = 1;
    }
    // Fast exact path: [sign] digits [. digits], at most 10 integer digits.
    std::uint64_t whole = 0;
    std::size_t int_digits = 0;
    while (i < text.size() && is_digit(text[i]) && int_digits < 11) {
        whole = whole * 10 + static_cast<std::uint64_t>(text[i] - '0');
        ++i;
        ++int_digits;
    }
    bool exact = int_digits <= 10;
    std::uint64_t frac = 0;
    std::size_t frac_digits = 0;
    bool round_up = false;
    if (exact && i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && is_digit(text[i])) {
            if (frac_digits < 9) {
                frac = frac * 10 + static_cast<std::uint64_t>(text[i] - '0');
            } else if (frac_digits == 9) {
                round_up = text[i] >= '5';
            }
            ++frac_digits;
            ++i;
        }
    }
    if (exact && i == text.size() && (int_digits > 0 || frac_digits > 0)) {
        for (std::size_t d = frac_digits; d < 9; ++d) frac *= 10;
        constexpr std::uint64_t kMaxNs = 9'000'000'000'000'000'000ULL;  // kMaxTimeSeconds in ns
        if (whole > kMaxNs / 1'000'000'000ULL) return NumberStatus::OutOfRange;
        const std::uint64_t ns = whole * 1'000'000'000ULL + frac + (round_up ? 1U : 0U);
        if (ns > kMaxNs) return NumberStatus::OutOfRange;
        const auto signed_ns = static_cast<std::int64_t>(ns);
        out_ns = negative ? -signed_ns : signed_ns;
        return NumberStatus::Ok;
    }
    // Anything else (exponents, "nan", "inf", text): through a double.
    double seconds = 0.0;
    const NumberStatus status = parse_double(text, seconds);
    if (status != NumberStatus::Ok) return status;
    if (std::fabs(seconds) > kMaxTimeSeconds) return NumberStatus::OutOfRange;
    out_ns = std::llround(seconds * 1e9);
    return NumberStatus::Ok;
}

/// Appends `t_ns` as exact decimal seconds, trailing zeros trimmed ("12.5", "-0.000001", "3").
inline void append_seconds(std::string& out, std::int64_t t_ns) {
    std::uint64_t magnitude = t_ns < 0 ? 0 - static_cast<std::uint64_t>(t_ns) : static_cast<std::uint64_t>(t_ns);
    if (t_ns < 0) out.push_back('-');
    char digits[24];
    const auto whole = magnitude / 1'000'000'000ULL;
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, whole);
    (void)ec;
    out.append(digits, static_cast<std::size_t>(end - digits));
    std::uint64_t frac = magnitude % 1'000'000'000ULL;
    if (frac == 0) return;
    char fdigits[9];
    for (int d = 8; d >= 0; --d) {
        fdigits[d] = static_cast<char>('0' + frac % 10);
        frac /= 10;
    }
    std::size_t n = 9;
    while (n > 0 && fdigits[n - 1] == '0') --n;
    out.push_back('.');
    out.append(fdigits, n);
}

}  // namespace bfr::telemetry
