#pragma once
// Text checks and quoting for telemetry lines: is an event text clean UTF-8, and how does a cell
// from a possibly binary line appear in a message (bounded, printable).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace bfr::telemetry {

/// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above
/// U+10FFFF) and holds no control character (U+0000..U+001F, U+007F).
[[nodiscard]] constexpr bool is_clean_text(std::string_view text) noexcept {
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7F) return false;
            ++i;
            continue;
        }
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1Fu;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0Fu;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07u;
        } else {
            return false;
        }
        if (n - i < len) return false;
        for (std::size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0u) != 0x80u) return false;
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return false;
        if (cp >= 0xD800 && cp <= 0xDFFF) return false;
        i += len;
    }
    return true;
}

/// `text` in single quotes for a message: at most `max_bytes` of it (then "..."), bytes outside
/// printable ASCII written as \xNN, so binary garbage never reaches a terminal or a JSON file raw.
[[nodiscard]] inline std::string quoted(std::string_view text, std::size_t max_bytes = 40) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size() < max_bytes ? text.size() + 2 : max_bytes + 5);
    out.push_back('\'');
    const std::size_t n = text.size() < max_bytes ? text.size() : max_bytes;
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7F && c != '\\') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('\\');
            out.push_back('x');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0x0F]);
        }
    }
    if (text.size() > max_bytes) out += "...";
    out.push_back('\'');
    return out;
}

}  // namespace bfr::telemetry
