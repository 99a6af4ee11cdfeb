#pragma once
// Counts reps from the `effort` channel (interfaces.md §4: "each contraction in effort, rising
// from rest and returning to it, counts as one rep"). Streaming and causal: one sample at a time,
// in time order, no look-ahead; a rep is committed (with the time of the sample that commits it)
// once its contraction is back at rest.
//
//   rest ──(effort > on for ≥ 0.15 s, never below off)──► contraction
//   contraction ──(effort < off)──► returning ──(stays ≤ on for 0.1 s)──► rep committed, rest
//                                   returning ──(effort > on again)──► contraction (a dip, not a rest)
//
//   on  = rest level + max(0.05, 0.2 × the recent contraction amplitude)
//   off = rest level + 0.5 × (on − rest level)
//
// The rest level follows slow drift (upward with τ 2 s, downward with τ 0.5 s, only while at
// rest), so a baseline that creeps up is never a rep; a contraction has to rise faster than
// about 0.025 MVC/s. The recent amplitude is the last rep's peak above rest, halving every 10 s,
// so small bumps between big reps are ignored while a set that gets weaker is still counted.
// The rest level starts at 0 (effort's rest, interfaces.md §4), so a recording that begins in
// the middle of a contraction counts it once it returns to rest. An excursion that lasts longer
// than 60 s is a shift of the rest level (an offset sensor, a re-zeroed one), not a rep: a
// recording whose effort sits well above 0 from its start loses the reps of that first minute. At the end of the
// stream, finish() commits a contraction that had already returned to rest (below `off`) but not yet for 0.1 s; one
// still above `off` is not counted (it never returned to rest in the recording).

#include <cstdint>
#include <optional>

namespace bfr::reps {

struct EffortCounterConfig {
    double min_rise = 0.05;               ///< Smallest rise above rest that starts a contraction (fraction of MVC).
    double on_fraction = 0.2;             ///< … or this share of the recent contraction amplitude, if larger.
    double off_ratio = 0.5;               ///< off sits this far from rest toward on.
    double min_contraction_s = 0.15;      ///< Shorter excursions (first to last sample above `off`) are spikes.
    double min_rest_s = 0.1;              ///< Back near rest this long commits the rep.
    double max_contraction_s = 60.0;      ///< Longer excursions are a shift of the rest level, not a rep.
    double amplitude_half_life_s = 10.0;  ///< The remembered amplitude halves in this time.
    double rest_rise_tau_s = 2.0;         ///< The rest level follows upward drift with this time constant,
    double rest_fall_tau_s = 0.5;         ///< and downward drift with this one.
};

/// One committed rep.
struct EffortRep {
    std::uint32_t index = 0;     ///< 1-based.
    std::int64_t start_ns = 0;   ///< First sample of the contraction (above `on`).
    std::int64_t end_ns = 0;     ///< First sample back below `off`.
    std::int64_t commit_ns = 0;  ///< The sample that committed the rep.
    double peak = 0.0;           ///< Highest effort of the contraction.
    std::int64_t peak_ns = 0;    ///< When it was reached (the turn between the two phases).
    std::int64_t leave_ns = 0;   ///< The last sample still at rest (within a quarter of `on`) before it.
    double rest_level = 0.0;     ///< The rest level it rose from.
};

class EffortRepCounter {
public:
    enum class Phase : std::uint8_t { Rest, Candidate, Contraction, Returning };

    explicit EffortRepCounter(const EffortCounterConfig& config = {}) noexcept;

    /// Feeds one sample (`effort` 0..1; values outside are clamped, non-finite ones ignored).
    /// Times must not decrease (an earlier time is taken as the previous one). Returns the rep
    /// this sample commits, if any.
    std::optional<EffortRep> push(std::int64_t t_ns, double effort) noexcept;
    /// The end of the stream: commits a contraction already back below `off` (at the last
    /// sample's time). Further pushes continue normally.
    std::optional<EffortRep> finish() noexcept;

    [[nodiscard]] std::uint32_t count() const noexcept { return count_; }
    [[nodiscard]] Phase phase() const noexcept { return phase_; }
    [[nodiscard]] double rest_level() const noexcept { return rest_; }
    /// The thresholds at the latest sample.
    [[nodiscard]] double on_threshold() const noexcept { return rest_ + rise_on_; }
    [[nodiscard]] double off_threshold() const noexcept { return rest_ + config_.off_ratio * rise_on_; }
    [[nodiscard]] const EffortCounterConfig& config() const noexcept { return config_; }

private:
    EffortRep commit(std::int64_t t_ns) noexcept;
    void raise_peak(double x, std::int64_t t_ns) noexcept;
    void update_rise(std::int64_t t_ns) noexcept;

    EffortCounterConfig config_;
    Phase phase_ = Phase::Rest;
    bool started_ = false;
    std::int64_t last_ns_ = 0;
    double rest_ = 0.0;
    double rise_on_ = 0.05;
    double amplitude_ = 0.0;          ///< Last rep's peak above rest.
    std::int64_t amplitude_ns_ = 0;   ///< When it was remembered.
    std::int64_t start_ns_ = 0;       ///< Contraction (or candidate) start.
    std::int64_t last_above_ns_ = 0;  ///< Latest sample at or above `off` in the candidate.
    std::int64_t below_ns_ = 0;       ///< First sample back below `off`.
    double peak_ = 0.0;
    std::int64_t peak_ns_ = 0;
    std::int64_t rest_ns_ = 0;
    double start_rest_ = 0.0;  ///< Rest level when the contraction began.
    std::uint32_t count_ = 0;
};

}  // namespace bfr::reps
