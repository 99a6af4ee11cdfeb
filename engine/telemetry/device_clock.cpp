#include "engine/telemetry/device_clock.hpp"

#include <limits>

namespace bfr::telemetry {

namespace {

constexpr std::uint64_t kWrap32 = 1ULL << 32;
constexpr std::int64_t kNsPerMs = 1'000'000;
constexpr std::int64_t kMaxTime = std::numeric_limits<std::int64_t>::max() / 2;

/// a - b without overflow, clamped to [0, kMaxTime].
std::int64_t forward_difference(std::int64_t a, std::int64_t b) noexcept {
    if (a <= b) return 0;
    const auto d = static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b);
    return d > static_cast<std::uint64_t>(kMaxTime) ? kMaxTime : static_cast<std::int64_t>(d);
}

}  // namespace

DeviceClock::DeviceClock(std::int64_t fallback_step_ns) noexcept
    : fallback_step_ns_{fallback_step_ns > 0 ? fallback_step_ns : 1} {}

void DeviceClock::reset() noexcept {
    started_ = false;
    last_t_ns_ = 0;
    first_arrival_ns_ = 0;
    last_arrival_ns_ = 0;
    last_ms_ = 0;
    resets_ = 0;
}

std::int64_t DeviceClock::advance(std::int64_t step_ns) noexcept {
    if (step_ns > 0) last_t_ns_ = step_ns > kMaxTime - last_t_ns_ ? kMaxTime : last_t_ns_ + step_ns;
    return last_t_ns_;
}

std::int64_t DeviceClock::from_arrival(std::int64_t arrival_ns) noexcept {
    if (!started_) {
        started_ = true;
        first_arrival_ns_ = arrival_ns;
        last_arrival_ns_ = arrival_ns;
        last_t_ns_ = 0;
        return 0;
    }
    last_arrival_ns_ = arrival_ns;
    const std::int64_t t = forward_difference(arrival_ns, first_arrival_ns_);
    if (t > last_t_ns_) last_t_ns_ = t;
    return last_t_ns_;
}

std::int64_t DeviceClock::from_device_ms(std::uint64_t device_ms, std::int64_t arrival_ns) noexcept {
    if (!started_) {
        started_ = true;
        first_arrival_ns_ = arrival_ns;
        last_arrival_ns_ = arrival_ns;
        last_ms_ = device_ms;
        last_t_ns_ = 0;
        return 0;
    }
    std::uint64_t step_ms = 0;
    bool plausible = false;
    if (device_ms >= last_ms_) {
        step_ms = device_ms - last_ms_;
        plausible = step_ms <= kMaxStepMs;
    } else if (last_ms_ < kWrap32 && last_ms_ >= kWrap32 / 2) {
        step_ms = device_ms + (kWrap32 - last_ms_);  // a 32-bit millis() wrapped
        plausible = step_ms <= kMaxStepMs;
    }
    std::int64_t step_ns = 0;
    if (plausible) {
        step_ns = static_cast<std::int64_t>(step_ms) * kNsPerMs;
    } else {
        ++resets_;
        step_ns = forward_difference(arrival_ns, last_arrival_ns_);
        if (step_ns == 0) step_ns = fallback_step_ns_;
        if (step_ns > static_cast<std::int64_t>(kMaxStepMs) * kNsPerMs)
            step_ns = static_cast<std::int64_t>(kMaxStepMs) * kNsPerMs;
    }
    last_ms_ = device_ms;
    last_arrival_ns_ = arrival_ns;
    return advance(step_ns);
}

}  // namespace bfr::telemetry
