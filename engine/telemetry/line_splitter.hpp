#pragma once
// Splits a byte stream that arrives in arbitrary chunks into lines: `\n` or `\r\n` ends a line, a
// last line without a line end is delivered by finish(), a UTF-8 byte order mark at the very
// start is dropped, and a line longer than the cap is reported as too long without ever being
// buffered beyond the cap. Lines that lie whole inside a chunk are delivered without copying.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace bfr::telemetry {

/// One line of the stream.
struct Line {
    std::string_view text;     ///< Without its line end (and without a leading BOM on line 1);
                               ///< empty when too_long. Valid only during the callback.
    std::uint64_t number = 0;  ///< 1-based line number.
    std::uint64_t length = 0;  ///< Bytes in the line without its `\n` (for a too-long line, all of them).
    bool too_long = false;     ///< Longer than the cap: its bytes were dropped.
};

/// Chunk-to-line splitter with bounded memory (at most max_line_bytes() + 1 bytes buffered).
class LineSplitter {
public:
    /// The default cap on a line's length in bytes (not counting its line end).
    static constexpr std::size_t kDefaultMaxLineBytes = 4096;

    /// A splitter whose lines may hold at most `max_line_bytes` bytes (at least 1).
    explicit LineSplitter(std::size_t max_line_bytes = kDefaultMaxLineBytes);

    /// Feeds the next bytes of the stream; calls `on_line(const Line&)` for every line they complete.
    template <class OnLine>
    void feed(std::string_view chunk, OnLine&& on_line);

    /// Ends the stream: delivers a last line that had no line end (if any bytes are pending).
    template <class OnLine>
    void finish(OnLine&& on_line);

    /// Forgets everything (line numbers restart at 1 and a BOM is dropped again).
    void reset() noexcept;

    /// Lines delivered so far.
    [[nodiscard]] std::uint64_t lines() const noexcept { return lines_; }
    /// The cap on a line's length.
    [[nodiscard]] std::size_t max_line_bytes() const noexcept { return max_; }
    /// Bytes held for an incomplete line (never more than max_line_bytes() + 1).
    [[nodiscard]] std::size_t buffered_bytes() const noexcept { return buf_.size(); }

private:
    template <class OnLine>
    void emit(std::string_view text, OnLine& on_line);
    template <class OnLine>
    void emit_too_long(OnLine& on_line);

    std::string buf_;            // the start of an incomplete line (at most max_ + 1 bytes)
    std::size_t max_;            // cap on a line's bytes, not counting "\r\n"
    std::uint64_t lines_ = 0;    // lines delivered
    std::uint64_t skipped_ = 0;  // bytes of a too-long line seen so far
    bool skipping_ = false;      // inside a too-long line: dropping bytes until '\n'
    bool pending_ = false;       // bytes arrived since the last line end
};

template <class OnLine>
void LineSplitter::emit(std::string_view text, OnLine& on_line) {
    ++lines_;
    pending_ = false;
    Line line;
    line.number = lines_;
    line.length = text.size();
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.size() > max_) {  // (a BOM counts toward the cap, so chunking cannot change the verdict)
        line.too_long = true;
    } else {
        if (lines_ == 1 && text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.remove_prefix(3);
        line.text = text;
    }
    on_line(static_cast<const Line&>(line));
}

template <class OnLine>
void LineSplitter::emit_too_long(OnLine& on_line) {
    ++lines_;
    pending_ = false;
    Line line;
    line.number = lines_;
    line.length = skipped_;
    line.too_long = true;
    skipping_ = false;
    skipped_ = 0;
    on_line(static_cast<const Line&>(line));
}

template <class OnLine>
void LineSplitter::feed(std::string_view chunk, OnLine&& on_line) {
    const char* p = chunk.data();
    const char* const end = p + chunk.size();
    while (p < end) {
        const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        const char* const seg_end = nl != nullptr ? nl : end;
        const auto seg = static_cast<std::size_t>(seg_end - p);
        if (skipping_) {
            skipped_ += seg;
        } else if (buf_.empty() && nl != nullptr) {
            // The whole line is in this chunk: no copy. (+1 leaves room for a '\r'.)
            if (seg > max_ + 1) {
                skipped_ = seg;
                skipping_ = true;
            } else {
                emit(std::string_view(p, seg), on_line);
            }
        } else if (buf_.size() + seg > max_ + 1) {
            skipped_ = buf_.size() + seg;
            skipping_ = true;
            buf_.clear();
        } else {
            buf_.append(p, seg);
            if (nl != nullptr) {
                emit(std::string_view(buf_), on_line);
                buf_.clear();
            }
        }
        if (nl == nullptr) {
            pending_ = true;
            break;
        }
        if (skipping_) emit_too_long(on_line);
        p = nl + 1;
    }
}

template <class OnLine>
void LineSplitter::finish(OnLine&& on_line) {
    if (!pending_) return;
    if (skipping_) {
        emit_too_long(on_line);
    } else {
        const std::string_view rest(buf_);
        emit(rest, on_line);
        buf_.clear();
    }
    pending_ = false;
}

}  // namespace bfr::telemetry
