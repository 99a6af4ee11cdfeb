#pragma once
// Every rep counter fed from one telemetry stream, fused (docs/reps.md): each signal present runs
// its own streaming counter, and the reps of the most trustworthy signal present are the session's
// reps — the user's contract input (each press deliberate) before effort (a measured contraction),
// the joint angle, the motion sensor and the cuff pressure. A signal is present while it has delivered a sample in the
// last kSignalLiveNs; the lead moves down the list only when a better signal falls silent, so no
// rep is counted twice.

#include "engine/telemetry/sample.hpp"
#include "game/reps/effort_counter.hpp"
#include "game/reps/motion_counter.hpp"
#include "game/reps/pressure_counter.hpp"
#include "game/reps/rep_event.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace bfr::reps {

/// How long a signal counts as present after its latest sample.
inline constexpr std::int64_t kSignalLiveNs = 3'000'000'000;

struct RepCountingConfig {
    /// The joint's angle at rest and at the top of a rep (the limb's rig): the angle counter sees
    /// the progress between them, 0..1, whichever way the joint moves.
    double rest_angle_deg = 10.0;
    double contracted_angle_deg = 135.0;
    EffortCounterConfig effort{};
    EffortCounterConfig angle = angle_defaults();
    MotionCounterConfig motion{};
    PressureCounterConfig pressure{};

    /// The angle counter: a rep is a movement of at least a fifth of the range away from rest and
    /// back; rest follows the dwell position.
    static EffortCounterConfig angle_defaults() noexcept {
        EffortCounterConfig c;
        c.min_rise = 0.2;
        c.on_fraction = 0.3;
        c.min_contraction_s = 0.2;
        c.min_rest_s = 0.05;
        return c;
    }
};

class RepCounting {
public:
    explicit RepCounting(const RepCountingConfig& config = {});

    /// Feeds one sample (all of its columns and its event); appends the reps it commits.
    void push(const telemetry::Sample& sample, std::vector<RepEvent>& out);
    /// The end of the stream (a set known to be over): appends the reps it confirms.
    void finish(std::vector<RepEvent>& out);

    /// Reps counted so far (the lead's, as reported).
    [[nodiscard]] std::uint32_t count() const noexcept { return count_; }
    /// The signal whose reps count now (Effort when nothing has been seen yet).
    [[nodiscard]] RepSignal lead() const noexcept { return lead_; }
    /// Whether a signal has ever delivered a sample.
    [[nodiscard]] bool seen(RepSignal s) const noexcept { return seen_[static_cast<std::size_t>(s)]; }
    /// Whether any signal to count from has delivered a sample.
    [[nodiscard]] bool seen_any() const noexcept {
        for (const bool s : seen_) {
            if (s) return true;
        }
        return false;
    }

private:
    void report(const RepEvent& rep, std::vector<RepEvent>& out);
    void update_lead(std::int64_t t_ns) noexcept;
    [[nodiscard]] RepEvent from_effort(const EffortRep& r, RepSignal signal) const noexcept;

    RepCountingConfig config_;
    EffortRepCounter effort_;
    EffortRepCounter angle_;
    MotionRepCounter motion_;
    PressureRepCounter pressure_;
    std::vector<RepEvent> motion_out_;  ///< Reused: the motion counter's reps of one sample.
    std::array<std::int64_t, 5> last_ns_{};
    std::array<bool, 5> seen_{};
    RepSignal lead_ = RepSignal::Effort;
    bool contract_held_ = false;
    std::int64_t contract_down_ns_ = 0;
    std::uint32_t contract_count_ = 0;
    std::uint32_t count_ = 0;
};

}  // namespace bfr::reps
