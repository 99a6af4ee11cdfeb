#pragma once
// The `pressure` figures of the summary (interfaces.md §5), accumulated tick by tick:
//
// - inflated: cuff ≥ 20 mmHg. Of that time, the ramps are left out: ticks where the pressure
//   moves faster than 30 mmHg/s (its rate smoothed with τ 0.25 s, so a heartbeat or a
//   contraction squeezing the cuff is not a ramp, an inflation or a deflation is), and the first
//   5 s after the cuff rises through 20 mmHg (a recording that starts inflated has no such
//   inflation at its start: it was regulated already). What is left is "assessed".
// - time_in_band_pct: the share of the assessed time within ±10 % of the target (the
//   `target_mmHg` column when the recording has one, else the default prescription: 50 % LOP arm,
//   60 % LOP leg, of the LOP in use). A target below 20 mmHg (the device deflating) is not
//   assessed. No assessed time: no value (null).
// - per rep, the peak and the valley of cuff %LOP (of the LOP in use) within the rep's window —
//   from 0.5 s before its contraction began (but not before the previous rep's commit) to its
//   commit — for the reps with the cuff inflated throughout that window; their means. No such
//   rep: no value (null). Windows are capped at the last 60 s.
// - above_lop_s: time with the cuff at or above the LOP in use.

#include <cstdint>
#include <deque>
#include <optional>

namespace bfr::session {

struct PressureConfig {
    double inflated_mmHg = 20.0;
    double ramp_rate_mmHg_s = 30.0;
    double ramp_smoothing_s = 0.25;
    double settle_s = 5.0;
    double band_fraction = 0.10;
    double default_target_pct_lop = 50.0;  ///< 50 arm, 60 leg (interfaces.md §3).
    double rep_lead_s = 0.5;
    double history_s = 60.0;
};

struct PressureSummary {
    std::optional<double> time_in_band_pct;
    std::optional<double> peak_pct_lop_mean;
    std::optional<double> valley_pct_lop_mean;
    double above_lop_s = 0.0;
    double inflated_s = 0.0;
    double assessed_s = 0.0;  ///< Inflated, not ramping, not settling (the denominator of time_in_band_pct).
    double in_band_s = 0.0;
    std::uint32_t reps_assessed = 0;  ///< Reps whose peak and valley are in the means.
    std::optional<double> last_peak_pct_lop;    ///< The latest assessed rep's peak, % LOP (live display).
    std::optional<double> last_valley_pct_lop;  ///< ... and its valley.
    bool target_from_recording = false;
};

class PressureTracker {
public:
    explicit PressureTracker(const PressureConfig& config = {});

    /// One tick ending at `t_ns` and lasting `dt_s`, with the latest measured cuff pressure (NaN:
    /// none measured yet), the latest target (NaN: none) and the LOP in use.
    void observe_tick(std::int64_t t_ns, double dt_s, double cuff_mmHg, double target_mmHg, double lop_mmHg);
    /// A rep committed at `commit_ns` whose contraction began at `start_ns` (after the tick that
    /// holds the commit has been observed).
    void on_rep(std::int64_t start_ns, std::int64_t commit_ns);

    [[nodiscard]] PressureSummary summary() const;
    /// The smoothed rate of change (mmHg/s) and whether the latest tick was assessed (tests).
    [[nodiscard]] double rate_mmHg_s() const noexcept { return rate_; }
    [[nodiscard]] bool last_assessed() const noexcept { return last_assessed_; }

private:
    struct Point {
        std::int64_t t_ns;
        double pct_lop;
        bool inflated;
    };
    PressureConfig config_;
    PressureSummary sum_;
    std::deque<Point> history_;
    double prev_cuff_;
    double rate_ = 0.0;
    bool have_inflation_ = false;
    std::int64_t inflated_at_ns_ = 0;
    std::int64_t last_commit_ns_ = 0;
    bool any_commit_ = false;
    double peak_sum_ = 0.0;
    double valley_sum_ = 0.0;
    bool last_assessed_ = false;
};

}  // namespace bfr::session
