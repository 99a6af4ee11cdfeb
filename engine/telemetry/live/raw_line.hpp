#pragma once
// One line of text as a live source received it: fixed capacity, so nothing allocates per line.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace bfr::telemetry {

/// Bytes a RawLine keeps; longer lines are cut to this length and flagged `truncated`.
inline constexpr std::size_t kRawLineCapacity = 512;
static_assert(kRawLineCapacity <= 0xFFFF, "RawLine::length is 16 bits");

/// A complete line (without its `\n` or `\r\n`) and the time it arrived.
struct RawLine {
    /// std::chrono::steady_clock time, in ns since the clock's epoch, at which the reader thread
    /// received the bytes that completed this line (see live_clock_now_ns()).
    std::int64_t arrival_ns = 0;
    std::uint16_t length = 0;  ///< Bytes used in `text` (at most kRawLineCapacity).
    bool truncated = false;    ///< The line was longer than kRawLineCapacity: reject it, do not parse the stub.
    std::array<char, kRawLineCapacity> text{};  ///< The line's bytes (not NUL-terminated; any byte values).

    /// The line's bytes as a view into `text` (valid while this RawLine lives and is unchanged).
    [[nodiscard]] std::string_view view() const noexcept { return {text.data(), length}; }
};

}  // namespace bfr::telemetry
