#pragma once
// Counts reps from a motion sensor on the limb (accelerometer and/or gyroscope), in any
// orientation, at any sample rate, for any exercise. Streaming and causal: one sample at a time,
// O(1) work per sample, no allocation; finish() at the end of a stream (a set known to be over)
// may confirm the last, cut-short rep. docs/reps.md describes the algorithm:
//
//  1. tempo: the 3-axis signal band-passed (0.08–1 Hz) and decimated to 10 Hz feeds a running
//     autocorrelation (lags 0.8–8 s, summed over the axes: independent of orientation); its
//     strongest peak, preferring the fundamental over multiples, is the rep period T;
//  2. counting signal: a band-pass whose time constants scale with T, projected onto the main
//     axis of movement (a running 3x3 covariance, one power-iteration step per sample);
//  3. lobes: a hysteresis band sized from the recent rep amplitude splits the signal into lobes;
//     a lobe on the excursion side that returns is a candidate. Rest is where the signal dwells:
//     the excursion side is the one with the brief lobes (the larger peaks break a tie);
//  4. set recognition: candidates are held (a dozen per side) until the tempo has been stable for
//     a period; then the counter walks back from the newest candidate through the held ones one
//     period apart (with a compatible amplitude): a chain of three is a set, committed at once
//     (all but the newest late); every later rep is committed at once unless it comes too soon or
//     is too small; a pause of 2.5 T ends the set.

#include "game/reps/rep_event.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace bfr::reps {

struct MotionCounterConfig {
    double decimated_hz = 10.0;   ///< Rate of the tempo estimator's autocorrelation.
    double min_period_s = 0.8;    ///< Shortest rep period considered.
    double max_period_s = 8.0;    ///< Longest rep period considered (sets the autocorrelation's length).
    double autocorr_tau_s = 8.0;  ///< Forgetting time of the running autocorrelation.
    double lowpass_periods = 0.08;    ///< Counting signal low-pass time constant, in rep periods.
    double baseline_periods = 0.5;    ///< Its baseline (high-pass) time constant, in rep periods.
    double covariance_periods = 2.0;  ///< Forgetting time of the running covariance, in rep periods.
    double hysteresis = 0.3;      ///< Hysteresis half-width, share of the typical half peak-to-peak.
    double noise_floor_g = 0.01;  ///< Absolute hysteresis floor (sensor noise), g.
    double min_rep_amplitude_g = 0.08;  ///< A rep moves the counting signal at least this much peak to peak.
    double min_gap_periods = 0.55;    ///< A rep closer than this many periods to the last is not new.
    double min_amplitude = 0.4;   ///< In a set, a candidate needs this share of the set's amplitude.
    double chain_interval_lo = 0.7;   ///< Back-tracking: held candidates [lo, hi] x T apart ...
    double chain_interval_hi = 1.6;
    double set_amplitude_ratio = 0.4; ///< ... with amplitudes within this ratio form a chain.
    std::size_t set_min_reps = 3;     ///< A chain this long is a set.
    double stable_periods = 1.0;      ///< Set recognition waits until the tempo has held this many periods ...
    double stable_change = 0.15;      ///< ... changing by less than this share.
    double recheck_periods = 0.5;     ///< A candidate this recent is recognised as soon as the tempo settles.
    double dwell_weight = 4.0;        ///< Polarity: weight of the lobes' dwell balance against their peak ratio.
    double set_end_periods = 2.5;     ///< A pause this many periods long ends the set.
    double initial_period_s = 2.5;    ///< Tempo assumed before the autocorrelation is confident.
    double fundamental_share = 0.8;   ///< A sub-multiple lag wins if its peak is this share of the best.
    double tempo_confidence = 0.3;    ///< Normalised autocorrelation needed to trust the tempo.
    double finish_return = 0.5;   ///< finish(): a cut lobe must be back to this share of its extreme.
    double rest_return = 0.9;    ///< In a set, an excursion back to this share of its extreme ...
    double rest_hold_periods = 0.1;  ///< ... this long after its peak has turned: the rep commits.
    double gap_reset_s = 1.0;     ///< A gap between samples longer than this restarts the filters.
};

class MotionRepCounter {
public:
    explicit MotionRepCounter(const MotionCounterConfig& config = {}) noexcept;

    /// Feeds one sample: acceleration (g, gravity included) and angular rate (°/s); a non-finite
    /// value means "not measured". The accelerometer is used when it is complete, else the
    /// gyroscope (the first usable sample decides). Times must not decrease; a sample earlier than
    /// the previous one is ignored. The reps it commits are appended to `out` (set recognition
    /// commits a whole chain at once; no allocation once `out` has room for a dozen).
    void push(std::int64_t t_ns, double ax, double ay, double az, double gx, double gy, double gz,
              std::vector<RepEvent>& out);
    /// The end of the stream: confirms a last rep the stream cut short, or a two-rep set.
    void finish(std::vector<RepEvent>& out);

    [[nodiscard]] std::uint32_t count() const noexcept { return count_; }
    [[nodiscard]] double period_s() const noexcept { return period_s_; }
    [[nodiscard]] bool tempo_trusted() const noexcept { return tempo_ok_; }
    [[nodiscard]] bool in_set() const noexcept { return in_set_; }
    [[nodiscard]] const MotionCounterConfig& config() const noexcept { return config_; }

private:
    static constexpr std::size_t kMaxLags = 96;  ///< Enough for max_period_s 9 s at 10 Hz.
    struct Candidate {
        double commit_s = 0, start_s = 0, turn_s = 0, end_s = 0, amplitude = 0;
        int sign = 0;
    };
    static constexpr std::size_t kHeld = 12;  ///< Candidates held per side before a set is recognised.
    struct Chain {
        std::array<Candidate, kHeld> items{};
        std::size_t size = 0;
        void push(const Candidate& c) noexcept;
        void clear() noexcept { size = 0; }
    };

    void tempo(double t, const double (&a)[3], double dt) noexcept;
    void tick(const double (&b)[3]) noexcept;
    void lobes(double t, double y, std::vector<RepEvent>& out);
    /// A lobe ended at `t`: crossing to the other side, or (`turned`) committed as it turned back.
    void lobe_end(int sign, double t, std::vector<RepEvent>& out, bool turned = false);
    void candidate(const Candidate& c, std::vector<RepEvent>& out);
    void recognise_when_stable(std::vector<RepEvent>& out);
    [[nodiscard]] bool stable() const noexcept;
    /// Walks back from `c` through the held candidates of its side; the chain, oldest first.
    std::size_t back_track(const Candidate& c, std::array<Candidate, kHeld + 1>& chain) const noexcept;
    void start_set(const Candidate* chain, std::size_t n, std::vector<RepEvent>& out);
    void commit(const Candidate& c, bool late, std::vector<RepEvent>& out);
    void end_set() noexcept;
    [[nodiscard]] Chain& chain(int sign) noexcept { return sign > 0 ? pending_[0] : pending_[1]; }
    [[nodiscard]] const Chain& sign_chain(int sign) const noexcept { return sign > 0 ? pending_[0] : pending_[1]; }
    [[nodiscard]] std::int64_t to_ns(double t_s) const noexcept;

    MotionCounterConfig config_;
    std::size_t lags_ = 0;
    std::size_t min_lag_ = 2;
    // Clock: seconds since the first sample.
    bool started_ = false;
    std::int64_t origin_ns_ = 0;
    double t_ = 0.0;
    int source_ = 0;  // 0 undecided, 1 accelerometer, 2 gyroscope
    // Tempo estimator.
    std::array<std::array<double, 3>, kMaxLags> ring_{};
    std::array<double, kMaxLags> autocorr_{};
    std::size_t write_ = 0;
    std::uint64_t ticks_ = 0;
    double next_tick_ = 0.0;
    double tempo_lp_[3] = {0, 0, 0};
    double tempo_bl_[3] = {0, 0, 0};
    double period_s_ = 2.5;
    bool tempo_ok_ = false;
    bool have_reference_ = false;  // the tempo the stability clock measures against
    double reference_period_s_ = 0.0;
    double stable_since_ = 0.0;
    double tick_t_ = 0.0;
    // Counting signal.
    double lp_[3] = {0, 0, 0};
    double bl_[3] = {0, 0, 0};
    double cov_[6] = {0, 0, 0, 0, 0, 0};  // xx yy zz xy xz yz
    double axis_[3] = {0.57735026918962576, 0.57735026918962576, 0.57735026918962576};
    double mean_square_ = 0.0;
    double y_ = 0.0;
    // Lobes.
    int side_ = 0;
    double extreme_ = 0.0;
    double extreme_t_ = 0.0;
    double lobe_t0_ = 0.0;
    double zero_cross_t_ = 0.0;
    double prev_extreme_ = 0.0;
    double peaks_[2] = {0, 0};  // typical |extreme| of + and − lobes
    double dwell_[2] = {0, 0};  // typical duration of + and − lobes
    int polarity_ = 0;
    // Set recognition.
    std::array<Chain, 2> pending_{};
    bool in_set_ = false;
    bool recheck_ = false;  // a candidate of the rep polarity arrived before the tempo was stable
    double last_rep_t_ = 0.0;
    bool have_last_rep_ = false;
    double set_amplitude_ = 0.0;
    std::uint32_t count_ = 0;
};

}  // namespace bfr::reps
