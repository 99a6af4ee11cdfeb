#include "game/reps/pressure_counter.hpp"

#include <algorithm>
#include <cmath>

namespace bfr::reps {

PressureRepCounter::PressureRepCounter(const PressureCounterConfig& config) noexcept : config_{config} {}

void PressureRepCounter::settle() noexcept {
    rising_ = false;
    valley_ = lp2_;
    valley_ns_ = last_ns_;
    flat_since_ns_ = -1;
}

RepEvent PressureRepCounter::commit(std::int64_t t_ns, double rise) noexcept {
    RepEvent e = timed_rep(RepSignal::Pressure, ++count_, valley_ns_, rise_ns_, peak_ns_, t_ns, t_ns);
    e.range = typical_rise_ > 0.0 && rise < 0.7 * typical_rise_ ? RepRange::Partial : RepRange::Full;
    e.quality_01 = typical_rise_ > 0.0 ? std::clamp(1.0 - std::fabs(rise / typical_rise_ - 1.0), 0.0, 1.0) : 1.0;
    typical_rise_ = typical_rise_ == 0.0 ? rise : typical_rise_ + 0.3 * (rise - typical_rise_);
    settle();
    return e;
}

std::optional<RepEvent> PressureRepCounter::push(std::int64_t t_ns, double cuff_mmhg) noexcept {
    if (!std::isfinite(cuff_mmhg) || cuff_mmhg < 0.0 || cuff_mmhg > 500.0) return std::nullopt;
    if (!started_) {
        started_ = true;
        last_ns_ = t_ns;
        lp1_ = lp2_ = cuff_mmhg;
        settle();
        return std::nullopt;
    }
    if (t_ns < last_ns_) return std::nullopt;
    const double dt = static_cast<double>(t_ns - last_ns_) * 1e-9;
    last_ns_ = t_ns;
    const double a = 1.0 - std::exp(-dt / config_.lowpass_tau_s);
    const double before = lp2_;
    lp1_ += a * (cuff_mmhg - lp1_);
    lp2_ += a * (lp1_ - lp2_);
    if (dt > 0.0) slope_ += (1.0 - std::exp(-dt / 0.2)) * ((lp2_ - before) / dt - slope_);
    const double x = lp2_;
    const double on = std::max(config_.min_rise_mmhg, config_.on_fraction * typical_rise_);

    if (!rising_) {
        if (x < valley_) {
            valley_ = x;
            valley_ns_ = t_ns;
        } else if (x >= valley_ + on) {
            rising_ = true;
            peak_ = x;
            peak_ns_ = t_ns;
            rise_ns_ = t_ns;
            flat_since_ns_ = -1;
        }
        return std::nullopt;
    }
    if (x > peak_) {
        peak_ = x;
        peak_ns_ = t_ns;
    }
    const double rise = peak_ - valley_;
    // Not a rep: a rise that settles high (an inflation, a re-pump, a new target: flat for a while,
    // flat relative to its own size, so a slow rep's rounded top is not), or one that lasts too long.
    const double flat = std::max(config_.flat_floor_mmhg_s, config_.flat_per_s * rise);
    if (std::fabs(slope_) < flat && x - valley_ >= config_.flat_level * rise) {
        if (flat_since_ns_ < 0) flat_since_ns_ = t_ns;
        if (static_cast<double>(t_ns - flat_since_ns_) * 1e-9 >= config_.flat_s) {
            settle();
            return std::nullopt;
        }
    } else {
        flat_since_ns_ = -1;
    }
    if (static_cast<double>(t_ns - rise_ns_) * 1e-9 > config_.max_contraction_s) {
        settle();
        return std::nullopt;
    }
    // Back down by most of its rise — or of a usual rep's, when this rise also carries a step of
    // the held pressure (a re-pump under way) — the rep is over (if it lasted long enough).
    // A usual rep's rise: the recent reps', or first_rise_mmhg before the first one.
    const double usual = typical_rise_ > 0.0 ? typical_rise_ : config_.first_rise_mmhg;
    double drop = config_.return_fraction * std::min(rise, usual);
    // A rise well beyond a usual rep's carries a step (an inflation or a re-pump while contracting),
    // and the pump may still be pushing as the muscle relaxes: a smaller fall ends that rep.
    const bool stepped = rise > config_.step_factor * usual;
    if (stepped) drop = config_.step_return * usual;
    if (x <= peak_ - drop) {
        if (static_cast<double>(t_ns - valley_ns_) * 1e-9 < config_.min_contraction_s) {
            settle();
            return std::nullopt;
        }
        return commit(t_ns, std::min(rise, config_.step_factor * usual));
    }
    return std::nullopt;
}

std::optional<RepEvent> PressureRepCounter::finish() noexcept {
    if (!rising_ || !(lp2_ <= peak_ - 0.5 * (peak_ - valley_))) return std::nullopt;
    return commit(last_ns_, peak_ - valley_);
}

}  // namespace bfr::reps
