#pragma once
// Simulation time: a fixed 60 Hz tick clock counted in integer nanoseconds.
//
// Tick k (k >= 1) covers the half-open interval (tick_end_ns(k-1), tick_end_ns(k)], with
// tick_end_ns(k) = floor(k * 1e9 / 60) computed exactly in integers, so the clock never drifts:
// step lengths alternate 16'666'666 / 16'666'667 ns and 60 ticks are exactly one second.
// Nothing in this module reads a wall clock; the app loop measures frames and feeds them in.

#include <cstdint>
#include <limits>

#include "engine/core/fwd.hpp"

namespace bfr::core {

/// Simulation steps per second.
inline constexpr std::uint32_t kTickHz = 60;
/// Nanoseconds per second.
inline constexpr Nanos kNanosPerSecond = 1'000'000'000;
/// Longest real frame FixedStep accepts; longer frames are clamped (spiral-of-death guard).
inline constexpr Nanos kMaxFrameNs = 250'000'000;
/// Largest tick whose end time is representable in Nanos (about 292 years of simulation).
/// tick_end_ns saturates to the maximum Nanos for any larger tick.
inline constexpr Tick kMaxTick = 553'402'322'211;

/// End time of tick `k`, i.e. floor(k * 1e9 / 60) ns, exact and drift-free.
/// tick_end_ns(0) == 0, tick_end_ns(60) == 1e9. Never overflows: saturates to
/// numeric_limits<Nanos>::max() for k > kMaxTick.
[[nodiscard]] constexpr Nanos tick_end_ns(Tick k) noexcept {
    if (k > kMaxTick) {
        return std::numeric_limits<Nanos>::max();
    }
    constexpr auto kHz = Tick{kTickHz};
    constexpr auto kNsPerS = static_cast<Tick>(kNanosPerSecond);
    // Split so the product never exceeds 64 bits: whole seconds, then the tick's share of one.
    return static_cast<Nanos>((k / kHz) * kNsPerS + ((k % kHz) * kNsPerS) / kHz);
}

/// The tick a sample at time `t_ns` belongs to: the smallest k with tick_end_ns(k) >= t_ns,
/// so tick_end_ns(k-1) < t_ns <= tick_end_ns(k). Times <= 0 belong to tick 0.
[[nodiscard]] constexpr Tick tick_at_ns(Nanos t_ns) noexcept {
    if (t_ns <= 0) {
        return 0;
    }
    constexpr auto kHz = Tick{kTickHz};
    constexpr auto kNsPerS = static_cast<Tick>(kNanosPerSecond);
    const auto t = static_cast<Tick>(t_ns);
    // k = ceil(t * 60 / 1e9), split into whole seconds and a remainder (< 1e9) to stay in range.
    return (t / kNsPerS) * kHz + ((t % kNsPerS) * kHz + kNsPerS - 1) / kNsPerS;
}

/// Number of ticks closest to `seconds` (rounded half away from zero). Negative values and NaN
/// give 0; values beyond kMaxTick ticks (including +inf) give kMaxTick.
[[nodiscard]] Tick ticks_from_seconds(double seconds) noexcept;

/// Duration of `k` ticks in seconds (k / 60.0). Exact up to double precision.
[[nodiscard]] constexpr double seconds_from_ticks(Tick k) noexcept {
    return static_cast<double>(k) / static_cast<double>(kTickHz);
}

/// `ns` nanoseconds expressed in seconds (for display and physics constants, not for clocks).
[[nodiscard]] constexpr double seconds_from_ns(Nanos ns) noexcept {
    return static_cast<double>(ns) / static_cast<double>(kNanosPerSecond);
}

/// Fixed-timestep accumulator ("Fix your timestep", with pacman.c's integer tick clock).
///
/// Real frame durations go in through advance(); the simulation consumes whole ticks while
/// step_due(); the renderer interpolates with alpha(). The fed-in time is kept as one absolute
/// integer, so any split of exactly one second (1000 x 1 ms, 60 x 16'666'667 ns, ...) makes
/// exactly 60 ticks due. Typical loop:
///
///     fs.advance(frame_ns);
///     while (fs.step_due()) { fs.consume_step(); step(); }
///     render(fs.alpha());
///
/// Not thread-safe; owned by the app loop.
class FixedStep {
public:
    /// Creates an accumulator at tick 0 that clamps frames to `max_frame_ns`.
    /// Precondition: max_frame_ns > 0 (smaller values are raised to 1 ns).
    explicit FixedStep(Nanos max_frame_ns = kMaxFrameNs) noexcept;

    /// Adds one real frame of `frame_ns`. Negative durations count as 0; durations longer than
    /// max_frame_ns() are clamped to it and counted in clamped_frames().
    void advance(Nanos frame_ns) noexcept;

    /// True while the fed-in time has reached the end of tick() + 1.
    [[nodiscard]] bool step_due() const noexcept {
        return tick_ < kMaxTick && tick_end_ns(tick_ + 1) <= accumulated_ns_;
    }

    /// Completes one tick and returns the new tick() value. Precondition: step_due().
    Tick consume_step() noexcept;

    /// Number of ticks completed so far.
    [[nodiscard]] Tick tick() const noexcept { return tick_; }

    /// Interpolation weight in [0, 1): how far the fed-in time is from the end of tick() towards
    /// the end of tick() + 1. Clamped just below 1 while steps are still due.
    [[nodiscard]] float alpha() const noexcept;

    /// Simulation time of the last completed tick: tick_end_ns(tick()).
    [[nodiscard]] Nanos sim_time_ns() const noexcept { return tick_end_ns(tick_); }

    /// Total real time fed in so far (after clamping), in nanoseconds.
    [[nodiscard]] Nanos accumulated_ns() const noexcept { return accumulated_ns_; }

    /// How many advance() calls were clamped to max_frame_ns().
    [[nodiscard]] std::uint64_t clamped_frames() const noexcept { return clamped_frames_; }

    /// The per-frame clamp given at construction.
    [[nodiscard]] Nanos max_frame_ns() const noexcept { return max_frame_ns_; }

    /// Back to tick 0 with no accumulated time and no clamped frames; keeps max_frame_ns().
    void reset() noexcept;

private:
    Nanos max_frame_ns_;
    Nanos accumulated_ns_ = 0;
    Tick tick_ = 0;
    std::uint64_t clamped_frames_ = 0;
};

}  // namespace bfr::core
