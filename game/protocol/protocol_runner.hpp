#pragma once
// Runs a protocol through a session: which set, how many reps, the rests, when a to-failure set
// is over, the tempo cue, the target pressure now. Driven in simulation time (integer ns, never
// the wall clock) by the session: start() once the cuff is at pressure, on_rep() for every
// counted rep, update() every tick. Times must not decrease (an earlier time counts as the
// latest one). docs/protocols.md describes the rules:
//
//  - a fixed set completes at the rep that reaches its target (SetCompleted at that rep's time),
//    then a rest of rest_s (RestStarted), or the session completes after the last set;
//  - a to-failure set ends when no rep came for failure_pause_s after its last rep (after at least
//    one rep); it ends at its last rep, and the rest counts from there;
//  - end_set() ends a set on the patient's word, stop() ends the session (safety);
//  - the rest ends after rest_s (RestEnded, SetStarted at exactly that time), or earlier by
//    skip_rest() or a rep (the patient began the next set: RestCutShort, RestEnded, SetStarted,
//    and the rep counts in the new set);
//  - overshoot: a rep within 1.5 rep periods (Tempo::rep_s()) of the previous rep of a set that
//    just completed or was ended by end_set() still belongs to that set (its reps may exceed the
//    target): the patient carried on at tempo (or the counter committed late); it neither starts
//    the next set nor changes the rest's timing;
//  - reps before start() are warm-ups, reps in Done (other than overshoot) are extras: both are
//    counted apart and never enter the sets.

#include "game/protocol/protocol.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace bfr::protocol {

/// Where the runner is.
enum class Stage : std::uint8_t {
    Ready,  ///< Before start(): the cuff inflates, warm-up reps are not counted.
    Set,    ///< In a set.
    Rest,   ///< Between sets.
    Done,   ///< After the last set, or stopped.
};

/// What happened, in order of time. Rest events carry the number of the set the rest follows.
enum class RunnerEventKind : std::uint8_t {
    SetStarted,        ///< Set `set_number` began.
    SetCompleted,      ///< Set `set_number` ended (at its target, at failure, by end_set() or stop()).
    RestStarted,       ///< The rest after set `set_number` began.
    RestEnded,         ///< The rest after set `set_number` ended (on time or cut short).
    SessionCompleted,  ///< The session is over (after the last set, or stop(): see stopped()).
    RestCutShort,  ///< The rest after set `set_number` ended early (skip_rest() or an early rep); RestEnded follows.
};

/// One event and its simulation time.
struct RunnerEvent {
    RunnerEventKind kind = RunnerEventKind::SetStarted;  ///< What happened.
    std::int64_t t_ns = 0;                               ///< When, simulation time.
    std::uint32_t set_number = 0;                        ///< The set it concerns, 1-based.

    bool operator==(const RunnerEvent&) const = default;
};

/// A set as it was done.
struct SetResult {
    std::int64_t start_ns = 0;      ///< SetStarted time.
    std::int64_t end_ns = 0;        ///< When it ended (its last overshoot rep, if any).
    std::uint32_t reps = 0;         ///< Reps counted in it (overshoot included: may exceed target_reps).
    std::uint32_t target_reps = 0;  ///< The protocol's reps (for a to-failure set: the expected minimum).
    bool to_failure = false;        ///< A to-failure set.
    bool ended_early = false;       ///< Ended below its target (end_set() with fewer reps, or stop()).

    bool operator==(const SetResult&) const = default;
};

/// The tempo cue's direction.
enum class CueDirection : std::uint8_t {
    None,  ///< No cue (not in a set).
    Up,    ///< Concentric: lift.
    Down,  ///< Eccentric: lower.
    Hold,  ///< Pause before the next rep.
};

/// The tempo cue at one time.
struct TempoCue {
    CueDirection direction = CueDirection::None;  ///< What to do now.
    double progress_01 = 0.0;                     ///< How far into this phase, 0 to 1.
    bool tick = false;                            ///< A new phase began during the last update() (for the audio tick).
};

/// The protocol's state machine for one session (see the top of this file).
class ProtocolRunner {
public:
    /// A runner in Ready for `p` on `limb` (which picks the target pressure).
    explicit ProtocolRunner(Protocol p, Limb limb = Limb::Arm);

    /// Ready -> set 1 at `t_ns` (the guided session begins once the cuff is at pressure). Ignored
    /// in other stages. A protocol without sets goes straight to Done.
    void start(std::int64_t t_ns);
    /// A counted rep at `t_ns` (reps in order). Ready: a warm-up (warmup_reps()). Set: counts, and
    /// completes a fixed set at its target. Rest: overshoot of the set just done, or else the next
    /// set starts now (RestCutShort) and the rep counts in it. Done: overshoot of the last set, or
    /// else an extra (extra_reps()).
    void on_rep(std::int64_t t_ns);
    /// The patient ends the set (to failure, or gives up): it ends at `t_ns`, ended_early when
    /// below its target (a to-failure set: below its minimum, or with no rep). Only in a Set.
    void end_set(std::int64_t t_ns);
    /// Ends the rest now and starts the next set (RestCutShort, RestEnded, SetStarted). Only in a Rest.
    void skip_rest(std::int64_t t_ns);
    /// Time passes: a rest that is over ends (the next set starts at its end time); a to-failure
    /// set with at least one rep and none for failure_pause_s ends at its last rep. Also decides
    /// the tempo cue's tick: call once per tick, before tempo_cue().
    void update(std::int64_t t_ns);
    /// The session is stopped (safety): the current set ends early at `t_ns` (SetCompleted), a
    /// rest ends (RestEnded), then SessionCompleted and Done. Ignored in Done.
    void stop(std::int64_t t_ns);

    /// The current stage.
    [[nodiscard]] Stage stage() const noexcept { return stage_; }
    /// The current set (1-based): in a Rest the set just done, in Done the last set reached; 0 before.
    [[nodiscard]] std::uint32_t set_number() const noexcept { return set_number_; }
    /// The number of sets in the protocol.
    [[nodiscard]] std::uint32_t set_count() const noexcept;
    /// Reps in the current set (in a Rest or Done: the set just done, overshoot included).
    [[nodiscard]] std::uint32_t reps_in_set() const noexcept;
    /// The current set's target reps; 0 for a to-failure set (its minimum is in sets()/protocol()); 0 before.
    [[nodiscard]] std::uint32_t target_reps() const noexcept;
    /// The target of the set after the current one (0: to failure, or none).
    [[nodiscard]] std::uint32_t next_target_reps() const noexcept;
    /// All reps counted in sets so far.
    [[nodiscard]] std::uint32_t total_reps() const noexcept { return total_reps_; }
    /// Reps counted before start().
    [[nodiscard]] std::uint32_t warmup_reps() const noexcept { return warmup_reps_; }
    /// Reps counted after the session, outside any set.
    [[nodiscard]] std::uint32_t extra_reps() const noexcept { return extra_reps_; }
    /// True when stop() ended the session.
    [[nodiscard]] bool stopped() const noexcept { return stopped_; }

    /// Seconds left in the rest at `t_ns` (0 when not resting or past its end).
    [[nodiscard]] double rest_remaining_s(std::int64_t t_ns) const noexcept;
    /// Seconds since the current stage began (0 in Ready before any call).
    [[nodiscard]] double stage_elapsed_s(std::int64_t t_ns) const noexcept;
    /// The protocol's target pressure at `t_ns`, %LOP: the limb's target in Ready, in a Set and in a
    /// rest with the cuff kept on; 0 in a rest with the cuff released and in Done. A rest already
    /// over at `t_ns` (not yet seen by update()) counts as the next set.
    [[nodiscard]] double target_pct_lop(std::int64_t t_ns) const noexcept;
    /// The tempo cue at `t_ns`: in a Set, Up for concentric_s, Down for eccentric_s, Hold for pause_s,
    /// cycling from the set's start (a metronome: counted reps do not move it); None otherwise.
    /// `tick` is from the last update().
    [[nodiscard]] TempoCue tempo_cue(std::int64_t t_ns) const noexcept;

    /// The sets ended so far, in order (the current set is not in it until it ends).
    [[nodiscard]] const std::vector<SetResult>& sets() const noexcept { return sets_; }
    /// The events since the last call, in time order.
    [[nodiscard]] std::vector<RunnerEvent> take_events();
    /// The protocol run.
    [[nodiscard]] const Protocol& protocol() const noexcept { return protocol_; }
    /// The limb.
    [[nodiscard]] Limb limb() const noexcept { return limb_; }

private:
    enum class SetEnd : std::uint8_t { Target, Patient, Failure, Stopped };

    void advance(std::int64_t t_ns);
    void begin_set(std::int64_t t_ns);
    void finish_set(std::int64_t t_ns, SetEnd how);
    void end_rest(std::int64_t t_ns, bool cut_short);
    void count_in_set(std::int64_t t_ns);
    bool take_overshoot(std::int64_t t_ns);
    void emit(RunnerEventKind kind, std::int64_t t_ns);
    /// The cue's direction, progress, and phase index since the anchor at `t_ns`.
    void cue_at(std::int64_t t_ns, CueDirection& dir, double& progress, std::int64_t& index) const noexcept;

    Protocol protocol_;
    Limb limb_;
    Stage stage_ = Stage::Ready;
    std::uint32_t set_number_ = 0;
    bool clock_started_ = false;  ///< A time has been given.
    std::int64_t now_ns_ = 0;     ///< The latest time given.
    std::int64_t stage_start_ns_ = 0;
    std::int64_t rest_end_ns_ = 0;
    std::int64_t rest_ns_ = 0;
    std::int64_t failure_pause_ns_ = 0;
    std::int64_t overshoot_window_ns_ = 0;
    std::int64_t concentric_ns_ = 0;
    std::int64_t eccentric_ns_ = 0;
    std::int64_t pause_ns_ = 0;

    SetResult current_;             ///< The set in progress.
    std::int64_t last_rep_ns_ = 0;  ///< The last rep of the current (or just-ended) set.
    bool overshoot_open_ = false;   ///< Reps may still join the set just ended.
    std::uint32_t total_reps_ = 0;
    std::uint32_t warmup_reps_ = 0;
    std::uint32_t extra_reps_ = 0;
    bool stopped_ = false;

    std::int64_t cue_anchor_ns_ = 0;    ///< Cycle origin of the tempo cue.
    std::uint64_t cue_generation_ = 0;  ///< Bumped at every set start.
    std::uint64_t cue_prev_generation_ = 0;
    std::int64_t cue_prev_index_ = -1;
    CueDirection cue_prev_direction_ = CueDirection::None;
    bool cue_tick_ = false;

    std::vector<SetResult> sets_;
    std::vector<RunnerEvent> events_;
};

/// Load advice for the next session.
struct LoadAdvice {
    double load_pct1rm = 0.0;  ///< The load to use next time, %1RM.
    bool increase = false;     ///< True when it is higher than this session's.
    std::string reason;        ///< Why, in a sentence for the patient and the clinician.
};

/// product.md §4 progression [B12]: the load goes up by progression.load_increment_pct1rm (never
/// above progression.max_load_pct1rm) when the last set did more reps than its threshold
/// (progression.last_set_threshold_reps, else the set's own target, else 15 for a to-failure set
/// without a minimum). No increase when the session was cut short: fewer sets than the protocol
/// has, or any set ended early. `load_pct1rm` is the load used this session.
[[nodiscard]] LoadAdvice advise_next_load(const Protocol& protocol, const std::vector<SetResult>& sets,
                                          double load_pct1rm);

}  // namespace bfr::protocol
