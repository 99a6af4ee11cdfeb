#include "engine/core/time.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/assert.hpp"

namespace bfr::core {

static_assert(tick_end_ns(0) == 0);
static_assert(tick_end_ns(1) == 16'666'666);
static_assert(tick_end_ns(kTickHz) == kNanosPerSecond);
static_assert(tick_end_ns(kMaxTick) <= std::numeric_limits<Nanos>::max());
static_assert(tick_end_ns(kMaxTick) > std::numeric_limits<Nanos>::max() - 16'666'667,
              "kMaxTick must be the last tick whose end fits in Nanos");

Tick ticks_from_seconds(double seconds) noexcept {
    const double ticks = std::round(seconds * static_cast<double>(kTickHz));
    if (!(ticks > 0.0)) {  // also catches NaN
        return 0;
    }
    if (ticks >= static_cast<double>(kMaxTick)) {
        return kMaxTick;
    }
    return static_cast<Tick>(ticks);
}

FixedStep::FixedStep(Nanos max_frame_ns) noexcept : max_frame_ns_{std::max<Nanos>(max_frame_ns, 1)} {
    BFR_ASSERT(max_frame_ns > 0, "FixedStep needs a positive frame clamp");
}

void FixedStep::advance(Nanos frame_ns) noexcept {
    if (frame_ns <= 0) {
        return;
    }
    if (frame_ns > max_frame_ns_) {
        frame_ns = max_frame_ns_;
        ++clamped_frames_;
    }
    // Saturate instead of overflowing (only reachable after ~292 years of fed-in time).
    constexpr Nanos kMax = std::numeric_limits<Nanos>::max();
    accumulated_ns_ = (accumulated_ns_ > kMax - frame_ns) ? kMax : accumulated_ns_ + frame_ns;
}

Tick FixedStep::consume_step() noexcept {
    BFR_ASSERT(step_due(), "consume_step() called with no step due");
    if (tick_ < kMaxTick) {
        ++tick_;
    }
    return tick_;
}

float FixedStep::alpha() const noexcept {
    // Largest float below 1: 1 - 2^-24.
    constexpr float kAlphaMax = 1.0f - std::numeric_limits<float>::epsilon() / 2.0f;
    const Nanos begin_ns = tick_end_ns(tick_);
    const Nanos end_ns = tick_end_ns(tick_ + 1);
    if (accumulated_ns_ <= begin_ns || end_ns <= begin_ns) {
        return 0.0f;
    }
    const double fraction = static_cast<double>(accumulated_ns_ - begin_ns) / static_cast<double>(end_ns - begin_ns);
    return std::min(static_cast<float>(fraction), kAlphaMax);
}

void FixedStep::reset() noexcept {
    accumulated_ns_ = 0;
    tick_ = 0;
    clamped_frames_ = 0;
}

}  // namespace bfr::core
