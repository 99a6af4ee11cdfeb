#pragma once
// Sample times for lines that carry no time column (the DIY formats): the device's own millisecond
// clock where the line has one, else the time the line arrived. Times start at 0 on the first
// line and never decrease. A 32-bit millis() wrap (every 49.7 days) is followed; a clock that
// jumps back (the device restarted) or leaps forward by more than kMaxStepMs continues from the
// previous time plus the arrival-time step instead, and is counted.

#include <cstdint>

namespace bfr::telemetry {

/// Turns device clocks and arrival times into non-decreasing sample times (ns from the first line).
class DeviceClock {
public:
    /// Largest forward step of a device clock taken as real (10 minutes); more is a reset.
    static constexpr std::uint64_t kMaxStepMs = 10ULL * 60 * 1000;

    /// A clock; `fallback_step_ns` is the step used after a reset when arrival times do not advance.
    explicit DeviceClock(std::int64_t fallback_step_ns = 20'000'000) noexcept;

    /// The time of a line with device clock `device_ms` that arrived at `arrival_ns`.
    [[nodiscard]] std::int64_t from_device_ms(std::uint64_t device_ms, std::int64_t arrival_ns) noexcept;
    /// The time of a line without a device clock that arrived at `arrival_ns`.
    [[nodiscard]] std::int64_t from_arrival(std::int64_t arrival_ns) noexcept;

    /// Device clock resets (jumps back or implausible leaps) seen so far.
    [[nodiscard]] std::uint64_t resets() const noexcept { return resets_; }
    /// Starts over (the next line is time 0).
    void reset() noexcept;

private:
    std::int64_t advance(std::int64_t step_ns) noexcept;

    std::int64_t fallback_step_ns_;
    bool started_ = false;
    std::int64_t last_t_ns_ = 0;
    std::int64_t first_arrival_ns_ = 0;
    std::int64_t last_arrival_ns_ = 0;
    std::uint64_t last_ms_ = 0;
    std::uint64_t resets_ = 0;
};

}  // namespace bfr::telemetry
