#pragma once
// The trace CSV of `replay --trace` (interfaces.md §6): one row every 1/hz s of recording time,
// each holding the state of the latest tick at or before the row's time, streamed as the replay
// goes (constant memory whatever the recording's length).

#include "game/physiology/model.hpp"

#include <cstdint>
#include <cstdio>
#include <string>

#include <fmt/format.h>

namespace bfr::replay {

/// Row times of a trace at `hz` rows per second, in exact integer nanoseconds: row k is at
/// floor(k × 1e9 / hz) ns, with hz taken in whole micro-hertz (so 10, 7 or 60 Hz are exact and
/// rows never drift).
class TraceClock {
public:
    /// `hz` in (0, 60]; anything else (NaN included) is taken as 10.
    explicit TraceClock(double hz) noexcept;
    [[nodiscard]] std::int64_t row_ns(std::uint64_t k) const noexcept;
    /// How many rows lie at or before `last_ns` (at least 1: row 0).
    [[nodiscard]] std::uint64_t rows_until(std::int64_t last_ns) const noexcept;
    [[nodiscard]] std::uint64_t micro_hz() const noexcept { return micro_hz_; }

private:
    std::uint64_t micro_hz_;
    std::uint64_t q_;  ///< 1e15 / micro_hz
    std::uint64_t r_;  ///< 1e15 % micro_hz
};

/// What a trace row shows: the state after one tick.
struct TraceState {
    double cuff_mmHg = 0.0;
    double lop_in_use_mmHg = 0.0;  ///< The LOP the session uses (recording or default).
    double activation = 0.0;       ///< The activation the model heard.
    std::uint32_t reps = 0;        ///< Reps counted so far.
    physiology::Outputs out;
};

/// The contract's columns, then this program's extra ones.
[[nodiscard]] const char* trace_header() noexcept;

/// Formats rows into a buffer and writes them to a stdio stream in large blocks.
class TraceWriter {
public:
    /// Writes the header at once. `file` is not owned and must outlive the writer.
    explicit TraceWriter(std::FILE* file);
    void write_row(std::int64_t t_ns, const TraceState& state);
    /// Writes what is buffered; false when the stream failed (now or before).
    bool flush();
    [[nodiscard]] std::uint64_t rows() const noexcept { return rows_; }
    [[nodiscard]] bool failed() const noexcept { return failed_; }

private:
    std::FILE* file_;
    fmt::memory_buffer buffer_;
    std::uint64_t rows_ = 0;
    bool failed_ = false;
};

/// One row as text, without the line end (tests).
[[nodiscard]] std::string format_trace_row(std::int64_t t_ns, const TraceState& state);

}  // namespace bfr::replay
