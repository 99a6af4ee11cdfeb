#pragma once
// Bytes → lines, shared by every live source. Game-agnostic and thread-agnostic (one instance per
// reader thread); it never allocates and never holds more than one RawLine of pending bytes.
//
// - A line ends at `\n`; one `\r` right before it is removed too (`\r\n` files and devices).
// - Empty lines (nothing but the terminator) are skipped: they carry no sample.
// - A line longer than kRawLineCapacity keeps its first kRawLineCapacity bytes and is flagged
//   `truncated` (the rest of it is discarded up to its `\n`), so the parser can reject it.
// - finish() ends a pending partial line (the end of a UDP datagram, EOF on stdin);
//   discard() forgets it (a serial device unplugged mid-line).

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "engine/telemetry/live/raw_line.hpp"

namespace bfr::telemetry {

/// Splits a byte stream into RawLines (see the file comment for the rules).
class LineAssembler {
public:
    /// Appends `bytes`; calls `emit(const RawLine&)` for every line they complete, stamped with
    /// `arrival_ns`. The RawLine passed to `emit` is only valid during the call.
    template <class Emit>
    void feed(std::string_view bytes, std::int64_t arrival_ns, Emit&& emit) {
        const char* data = bytes.data();
        std::size_t left = bytes.size();
        while (left > 0) {
            const void* found = std::memchr(data, '\n', left);
            const std::size_t take =
                found == nullptr ? left : static_cast<std::size_t>(static_cast<const char*>(found) - data);
            append(data, take);
            if (found == nullptr) return;
            end_line(arrival_ns, emit);
            data += take + 1;
            left -= take + 1;
        }
    }

    /// Ends the pending partial line, if any, as if a `\n` followed (emitting it unless empty).
    template <class Emit>
    void finish(std::int64_t arrival_ns, Emit&& emit) {
        end_line(arrival_ns, emit);
    }

    /// Forgets the pending partial line without emitting it.
    void discard() noexcept {
        line_bytes_ = 0;
        last_was_cr_ = false;
    }

    /// True when bytes of an unfinished line are pending.
    [[nodiscard]] bool has_partial() const noexcept { return line_bytes_ > 0; }

private:
    void append(const char* data, std::size_t size) noexcept {
        if (size == 0) return;
        if (line_bytes_ < kRawLineCapacity) {
            const std::size_t room = kRawLineCapacity - static_cast<std::size_t>(line_bytes_);
            std::memcpy(line_.text.data() + line_bytes_, data, size < room ? size : room);
        }
        line_bytes_ += size;
        last_was_cr_ = data[size - 1] == '\r';
    }

    template <class Emit>
    void end_line(std::int64_t arrival_ns, Emit& emit) {
        const std::uint64_t content = line_bytes_ - (last_was_cr_ ? 1U : 0U);
        discard();
        if (content == 0) return;
        line_.arrival_ns = arrival_ns;
        line_.truncated = content > kRawLineCapacity;
        line_.length = static_cast<std::uint16_t>(line_.truncated ? kRawLineCapacity : content);
        emit(static_cast<const RawLine&>(line_));
    }

    RawLine line_{};                ///< The pending line's first bytes (and the line being emitted).
    std::uint64_t line_bytes_ = 0;  ///< Bytes of the pending line so far, including any cut off.
    bool last_was_cr_ = false;      ///< The pending line's last byte so far is `\r`.
};

}  // namespace bfr::telemetry
