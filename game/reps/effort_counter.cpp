#include "game/reps/effort_counter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace bfr::reps {
namespace {

constexpr double kNsToS = 1e-9;

/// to − from, saturated (times may span the whole int64 range).
std::int64_t elapsed_ns(std::int64_t from_ns, std::int64_t to_ns) noexcept {
    std::int64_t d = 0;
    if (__builtin_sub_overflow(to_ns, from_ns, &d)) return to_ns > from_ns ? INT64_MAX : INT64_MIN;
    return d;
}

double seconds_between(std::int64_t from_ns, std::int64_t to_ns) noexcept {
    return static_cast<double>(elapsed_ns(from_ns, to_ns)) * kNsToS;
}

/// A duration in whole nanoseconds (durations are compared in integers: 21.3 s − 21.2 s is 0.1 s).
std::int64_t ns_of(double s) noexcept {
    if (!(s > 0.0)) return 0;
    return s >= 9.0e9 ? std::int64_t{9'000'000'000'000'000'000} : static_cast<std::int64_t>(std::llround(s * 1e9));
}

}  // namespace

EffortRepCounter::EffortRepCounter(const EffortCounterConfig& config) noexcept : config_{config} {
    rise_on_ = config_.min_rise;
}

void EffortRepCounter::update_rise(std::int64_t t_ns) noexcept {
    double amplitude = 0.0;
    if (amplitude_ > 0.0 && config_.amplitude_half_life_s > 0.0) {
        const double age_s = std::max(0.0, seconds_between(amplitude_ns_, t_ns));
        amplitude = amplitude_ * std::exp2(-age_s / config_.amplitude_half_life_s);
    }
    rise_on_ = std::max(config_.min_rise, config_.on_fraction * amplitude);
}

std::optional<EffortRep> EffortRepCounter::push(std::int64_t t_ns, double effort) noexcept {
    if (!std::isfinite(effort)) return std::nullopt;
    const double x = std::clamp(effort, 0.0, 1.0);
    if (!started_) {
        started_ = true;  // rest starts at 0 (interfaces.md §4: effort is 0 at rest)
        last_ns_ = t_ns;
    }
    t_ns = std::max(t_ns, last_ns_);
    const double dt_s = seconds_between(last_ns_, t_ns);
    last_ns_ = t_ns;
    update_rise(t_ns);
    const double on = on_threshold();
    const double off = off_threshold();

    switch (phase_) {
        case Phase::Rest:
            if (x <= rest_ + 0.25 * rise_on_) rest_ns_ = t_ns;  // still at rest: the movement has not begun
            if (x > on) {
                phase_ = Phase::Candidate;
                start_ns_ = t_ns;
                last_above_ns_ = t_ns;
                peak_ = x;
                peak_ns_ = t_ns;
                start_rest_ = rest_;
            } else {
                const double tau = x > rest_ ? config_.rest_rise_tau_s : config_.rest_fall_tau_s;
                const double alpha = tau > 0.0 ? 1.0 - std::exp(-dt_s / tau) : 1.0;
                rest_ = std::clamp(rest_ + alpha * (x - rest_), 0.0, 1.0);
            }
            break;
        case Phase::Candidate:
            if (x < off) {
                phase_ = Phase::Rest;  // a spike or noise: too short to be a contraction
                break;
            }
            raise_peak(x, t_ns);
            last_above_ns_ = t_ns;
            if (elapsed_ns(start_ns_, last_above_ns_) >= ns_of(config_.min_contraction_s)) phase_ = Phase::Contraction;
            break;
        case Phase::Contraction:
            if (x < off) {
                phase_ = Phase::Returning;
                below_ns_ = t_ns;
            } else if (elapsed_ns(start_ns_, t_ns) > ns_of(config_.max_contraction_s)) {
                rest_ = x;  // a new rest level, not a rep
                phase_ = Phase::Rest;
            } else {
                raise_peak(x, t_ns);
            }
            break;
        case Phase::Returning:
            if (x > on) {
                phase_ = Phase::Contraction;  // a dip inside the contraction
                raise_peak(x, t_ns);
            } else if (elapsed_ns(below_ns_, t_ns) >= ns_of(config_.min_rest_s)) {
                return commit(t_ns);
            }
            break;
    }
    return std::nullopt;
}

void EffortRepCounter::raise_peak(double x, std::int64_t t_ns) noexcept {
    if (x > peak_) {
        peak_ = x;
        peak_ns_ = t_ns;
    }
}

std::optional<EffortRep> EffortRepCounter::finish() noexcept {
    if (phase_ != Phase::Returning) return std::nullopt;
    return commit(last_ns_);
}

EffortRep EffortRepCounter::commit(std::int64_t t_ns) noexcept {
    ++count_;
    EffortRep rep;
    rep.index = count_;
    rep.start_ns = start_ns_;
    rep.end_ns = below_ns_;
    rep.commit_ns = t_ns;
    rep.peak = peak_;
    rep.peak_ns = peak_ns_;
    rep.leave_ns = std::min(rest_ns_, start_ns_);
    rep.rest_level = start_rest_;
    amplitude_ = std::max(0.0, peak_ - start_rest_);
    amplitude_ns_ = t_ns;
    phase_ = Phase::Rest;
    update_rise(t_ns);
    return rep;
}

}  // namespace bfr::reps
