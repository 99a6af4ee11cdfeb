#pragma once
// Counts reps from the cuff pressure alone: a contraction under the cuff pushes the muscle into
// the bladder and raises its pressure once per rep. Streaming and causal, O(1) per sample:
//
//  1. two cascaded low-passes (τ 0.12 s each) take out the arterial pulse ripple and sensor noise;
//  2. the filtered pressure alternates between valleys and peaks: a rise of at least
//     max(2.5 mmHg, 0.3 x the recent reps' rise) from the last valley is a contraction under way,
//     and it is a rep once the pressure has come back down by 65 % of that rise (or of the recent
//     reps' rise, if smaller: a rise that also carries a re-pump's step). Measuring each
//     rep from its own valley, not from one held level, keeps counting through a leak, a
//     regulator's vent or re-pump and a target change;
//  3. a rise that is not a rep: one that settles — flat for 0.8 s (changing by less than 10 % of
//     its size per second) while above 60 % of its rise: the cuff inflating, a re-pump, a new
//     target; one that lasts over 6 s. The pressure it settled at is the next valley.
//
// Pressures outside 0..500 mmHg and non-finite ones are ignored.

#include "game/reps/rep_event.hpp"

#include <cstdint>
#include <optional>

namespace bfr::reps {

struct PressureCounterConfig {
    double lowpass_tau_s = 0.12;     ///< Each of the two low-passes.
    double min_rise_mmhg = 2.5;      ///< Smallest rise from a valley that is a contraction ...
    double on_fraction = 0.3;        ///< ... or this share of the recent reps' rise, if larger.
    double return_fraction = 0.5;    ///< Back down by this share of its rise: the rep is over.
    double step_factor = 1.5;        ///< A rise beyond this many usual rises carries a step ...
    double step_return = 0.4;        ///< ... and is over once down by this share of a usual rise.
    double first_rise_mmhg = 30.0;   ///< A usual rep's rise until the first rep has shown one.
    double min_contraction_s = 0.3;  ///< Shorter rises are bumps, not contractions.
    double max_contraction_s = 6.0;  ///< Longer ones are a new held pressure.
    double flat_per_s = 0.1;         ///< A rise whose pressure changes by less than this share of it per second ...
    double flat_floor_mmhg_s = 0.5;  ///< ... (or this, if larger) ...
    double flat_s = 0.8;             ///< ... for this long ...
    double flat_level = 0.6;         ///< ... while above this share of its rise is a new held pressure.
};

class PressureRepCounter {
public:
    explicit PressureRepCounter(const PressureCounterConfig& config = {}) noexcept;
    /// Feeds one cuff pressure sample (mmHg). Returns the rep it commits, if any.
    std::optional<RepEvent> push(std::int64_t t_ns, double cuff_mmhg) noexcept;
    /// The end of the stream: a contraction already half way back counts.
    std::optional<RepEvent> finish() noexcept;
    [[nodiscard]] std::uint32_t count() const noexcept { return count_; }

private:
    /// Commits the rise under way as a rep of size `rise` (mmHg: what the usual rise learns from;
    /// a rise that carried a step counts as at most step_factor usual ones).
    RepEvent commit(std::int64_t t_ns, double rise) noexcept;
    void settle() noexcept;

    PressureCounterConfig config_;
    bool started_ = false;
    std::int64_t last_ns_ = 0;
    double lp1_ = 0.0;
    double lp2_ = 0.0;
    double slope_ = 0.0;  // mmHg/s of the filtered pressure, smoothed
    bool rising_ = false;
    double valley_ = 0.0;
    std::int64_t valley_ns_ = 0;
    double peak_ = 0.0;
    std::int64_t peak_ns_ = 0;
    std::int64_t rise_ns_ = 0;  // when the rise crossed the threshold
    std::int64_t flat_since_ns_ = -1;
    double typical_rise_ = 0.0;
    std::uint32_t count_ = 0;
};

}  // namespace bfr::reps
