#pragma once
// One telemetry sample (a row of a recording, a datagram, a line from a device), as plain data.
// Game-agnostic: which column means what is a Schema (schema.hpp) the game provides; the
// telemetry format v1 of interfaces.md §4 is game/telemetry/format_v1.hpp.

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

namespace bfr::telemetry {

/// Most numeric columns a schema may have (v1 has 11 besides t_s and event).
inline constexpr std::size_t kMaxColumns = 24;

/// A sample: its time and the values it carries. A value that was not measured is NaN (and its
/// bit in `present` is clear). `event` holds the text of an `event` cell, empty if none.
struct Sample {
    std::int64_t t_ns = 0;      ///< Time since the recording's start (v1: t_s × 1e9).
    std::uint32_t present = 0;  ///< Bit i set: values[i] was measured.
    std::array<double, kMaxColumns> values{};
    std::string event;  ///< e.g. "set_start", "discomfort:6"; empty = none.

    /// Clears everything (values become NaN).
    void clear() noexcept {
        t_ns = 0;
        present = 0;
        values.fill(std::numeric_limits<double>::quiet_NaN());
        event.clear();
    }
    [[nodiscard]] bool has(std::size_t column) const noexcept {
        return column < kMaxColumns && ((present >> column) & 1u) != 0;
    }
    /// The value of `column`, or NaN when it was not measured.
    [[nodiscard]] double get(std::size_t column) const noexcept {
        return has(column) ? values[column] : std::numeric_limits<double>::quiet_NaN();
    }
    void set(std::size_t column, double value) noexcept {
        if (column >= kMaxColumns) return;
        values[column] = value;
        present |= (1u << column);
    }
};

}  // namespace bfr::telemetry
