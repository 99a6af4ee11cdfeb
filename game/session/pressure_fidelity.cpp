#include "game/session/pressure_fidelity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bfr::session {
namespace {

std::int64_t ns_from_s(double s) {
    return static_cast<std::int64_t>(std::llround(s * 1e9));
}

}  // namespace

PressureTracker::PressureTracker(const PressureConfig& config)
    : config_{config}, prev_cuff_{std::numeric_limits<double>::quiet_NaN()} {}

void PressureTracker::observe_tick(std::int64_t t_ns, double dt_s, double cuff_mmHg, double target_mmHg,
                                   double lop_mmHg) {
    if (!(dt_s > 0.0) || !std::isfinite(dt_s)) dt_s = 0.0;
    const bool measured = std::isfinite(cuff_mmHg);
    const double cuff = measured ? cuff_mmHg : 0.0;
    const bool inflated = cuff >= config_.inflated_mmHg;
    const bool have_prev = std::isfinite(prev_cuff_);

    if (have_prev && dt_s > 0.0) {
        const double raw = (cuff - prev_cuff_) / dt_s;
        const double alpha = config_.ramp_smoothing_s > 0.0 ? 1.0 - std::exp(-dt_s / config_.ramp_smoothing_s) : 1.0;
        rate_ += alpha * (raw - rate_);
    } else if (!have_prev) {
        rate_ = 0.0;
    }
    if (inflated && have_prev && prev_cuff_ < config_.inflated_mmHg) {
        have_inflation_ = true;
        inflated_at_ns_ = t_ns;
    }

    const bool lop_ok = std::isfinite(lop_mmHg) && lop_mmHg > 0.0;
    if (inflated) sum_.inflated_s += dt_s;
    if (measured && lop_ok && cuff >= lop_mmHg) sum_.above_lop_s += dt_s;

    const bool ramping = std::fabs(rate_) > config_.ramp_rate_mmHg_s;
    const bool settling = have_inflation_ && t_ns - inflated_at_ns_ < ns_from_s(config_.settle_s);
    const bool from_column = std::isfinite(target_mmHg);
    if (from_column) sum_.target_from_recording = true;
    const double target =
        from_column ? target_mmHg : (lop_ok ? config_.default_target_pct_lop / 100.0 * lop_mmHg : 0.0);
    last_assessed_ = inflated && !ramping && !settling && target >= config_.inflated_mmHg;
    if (last_assessed_) {
        sum_.assessed_s += dt_s;
        if (std::fabs(cuff - target) <= config_.band_fraction * target) sum_.in_band_s += dt_s;
    }

    history_.push_back(Point{t_ns, lop_ok ? 100.0 * cuff / lop_mmHg : 0.0, inflated});
    const std::int64_t keep_from = t_ns - ns_from_s(config_.history_s);
    while (!history_.empty() && history_.front().t_ns < keep_from) history_.pop_front();
    if (measured) prev_cuff_ = cuff;
}

void PressureTracker::on_rep(std::int64_t start_ns, std::int64_t commit_ns) {
    std::int64_t from = start_ns - ns_from_s(config_.rep_lead_s);
    if (any_commit_) from = std::max(from, last_commit_ns_);
    last_commit_ns_ = commit_ns;
    any_commit_ = true;
    double peak = -1.0;
    double valley = std::numeric_limits<double>::infinity();
    bool all_inflated = true;
    bool any = false;
    for (const Point& p : history_) {
        if (p.t_ns < from) continue;
        any = true;
        all_inflated = all_inflated && p.inflated;
        peak = std::max(peak, p.pct_lop);
        valley = std::min(valley, p.pct_lop);
    }
    if (!any || !all_inflated) return;
    peak_sum_ += peak;
    valley_sum_ += valley;
    sum_.last_peak_pct_lop = peak;
    sum_.last_valley_pct_lop = valley;
    ++sum_.reps_assessed;
}

PressureSummary PressureTracker::summary() const {
    PressureSummary s = sum_;
    if (s.assessed_s > 0.0) s.time_in_band_pct = 100.0 * s.in_band_s / s.assessed_s;
    if (s.reps_assessed > 0) {
        s.peak_pct_lop_mean = peak_sum_ / s.reps_assessed;
        s.valley_pct_lop_mean = valley_sum_ / s.reps_assessed;
    }
    return s;
}

}  // namespace bfr::session
