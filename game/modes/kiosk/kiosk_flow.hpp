#pragma once
// The kiosk's mode state machine (docs/kiosk.md), in simulation time: pure (no SDL, no wall
// clock, no session), fed the visitor's inputs and the simulation's ticks; it answers with
// effects its owner applies (a fresh attract session, a fresh play round, the cuff released...).
//
//   Attract ──press──► Play ──goal reached / round time up──► Result ──result_s──► Attract
//      ▲                 │ ▲                                      │
//      │        idle T1  ▼ │ any input                            └──press (after a guard)──► Play
//      └──countdown T2── StillThere
//
// Attract: the live simulation runs by itself (the simulated patient exercises with the cuff on)
// while captions say what BFR does; every attract_cycle_s the simulation starts afresh. Play: one
// round, a short set of `round_reps` reps with the cuff on, the visitor contracting. Idle in Play
// (no input edge for idle_warning_s, a held contraction is not idle) → "Are you still there?" with
// a countdown of countdown_s; any input → back to Play; the countdown's end → Attract, the round
// and the visitor's choices forgotten (ResetVisitor). Result: what the round did, result_s long.
// A visitor who only changed the language (or text size) in Attract and left is forgotten too,
// idle_warning_s + countdown_s after their last input.

#include <cstdint>
#include <vector>

namespace bfr::modes::kiosk {

enum class KioskState : std::uint8_t { Attract, Play, StillThere, Result };

/// "attract", "play", "still_there", "result".
[[nodiscard]] const char* state_name(KioskState state) noexcept;

/// Every timing of the kiosk (assets/kiosk/kiosk.json "timings"); seconds unless said otherwise.
struct KioskTimings {
    double idle_warning_s = 20.0;  ///< T1: idle in Play before "Are you still there?".
    double countdown_s = 10.0;     ///< T2: the countdown before going back to Attract.
    double result_s = 10.0;        ///< How long the result stays up.
    double result_guard_s = 1.5;   ///< Presses this soon after the result appears do not start a new round.
    double round_max_s = 90.0;     ///< A round ends ("time's up") after this long, whatever happens.
    std::uint32_t round_reps = 12; ///< The round's goal.
    double caption_s = 8.0;        ///< Each attract caption stays this long.
    double attract_cycle_s = 64.0; ///< The attract simulation starts afresh this often.
};

/// The timings with every value brought into its sane range (non-finite values: the default):
/// idle 5..600 s, countdown 3..120 s, result 3..120 s, guard 0..result, round 20..600 s,
/// reps 1..100, caption 2..60 s, attract cycle 10..3600 s.
[[nodiscard]] KioskTimings sanitized(const KioskTimings& timings) noexcept;

/// What the owner must do (applied in order).
enum class Effect : std::uint8_t {
    NewAttractCycle,  ///< Replace the simulation with a fresh attract one (it exercises by itself).
    StartRound,       ///< Replace the simulation with a fresh play one (the visitor drives it).
    ContractDown,     ///< The visitor contracts (to the play simulation).
    ContractUp,       ///< The visitor relaxes.
    EndRound,         ///< The round is over: release the contraction and deflate the cuff (the washout shows).
    ResetVisitor,     ///< Forget the visitor's choices (language, text size): the next visitor starts afresh.
    SoundStart,       ///< Sounds (each with its caption on screen): a round starts,
    SoundRep,         ///< a rep counted,
    SoundRoundDone,   ///< the round is over,
    SoundCountdown,   ///< a second of the "still there?" countdown.
};

/// "new_attract_cycle", "start_round", ...
[[nodiscard]] const char* effect_name(Effect effect) noexcept;

/// What the simulation showed during the latest tick.
struct Observation {
    std::uint32_t reps = 0;       ///< Reps completed during the tick.
    float fill_01 = 0.f;          ///< How full of metabolites the muscle is drawn (0..1).
    float swelling_pct = 0.f;     ///< The muscle's swelling, %.
};

/// The current (or, in Result, the last) round. Cleared when the kiosk goes back to Attract.
struct RoundStats {
    std::uint32_t reps = 0;
    std::uint32_t goal = 0;
    double elapsed_s = 0.0;        ///< From its start to now (to its end, once over).
    float fill_peak_01 = 0.f;
    float swelling_peak_pct = 0.f;
    bool completed = false;        ///< The goal was reached (else time ran out, or it is still running).
};

/// Counters since the kiosk started (diagnostics and the soak test; nothing about a visitor).
struct FlowCounters {
    std::uint64_t attract_cycles = 0;    ///< NewAttractCycle effects.
    std::uint64_t rounds_started = 0;
    std::uint64_t rounds_completed = 0;  ///< Goal reached.
    std::uint64_t rounds_timed_out = 0;  ///< round_max_s reached.
    std::uint64_t still_there = 0;       ///< "Are you still there?" shown.
    std::uint64_t resumed = 0;           ///< ... and answered.
    std::uint64_t abandoned = 0;         ///< ... and its countdown ran out.
};

class KioskFlow {
public:
    /// Starts in Attract (the owner builds the first attract simulation itself). `caption_count`
    /// (at least 1) is how many attract captions there are.
    explicit KioskFlow(const KioskTimings& timings = {}, std::uint32_t caption_count = 1);

    // The visitor's inputs, at any time; effects are appended to `out`.
    /// The big input went down (key, button, touch, gamepad). Starts a round from Attract.
    void contract_down(std::vector<Effect>& out);
    /// ... and came up.
    void contract_up(std::vector<Effect>& out);
    /// Any other press (another key, mouse button, "I'm still here"): the visitor is there; it
    /// starts a round from Attract like the big input, without contracting.
    void press(std::vector<Effect>& out);
    /// A choice that is not a press to play (language, text size): the visitor is there, but
    /// nothing starts.
    void activity(std::vector<Effect>& out);

    /// Advances simulation time by `dt_ns` (> 0) after a tick that showed `obs`.
    void tick(std::int64_t dt_ns, const Observation& obs, std::vector<Effect>& out);

    [[nodiscard]] KioskState state() const noexcept { return state_; }
    [[nodiscard]] const KioskTimings& timings() const noexcept { return timings_; }
    /// Simulation time since the kiosk started.
    [[nodiscard]] std::int64_t time_ns() const noexcept { return now_ns_; }
    [[nodiscard]] double state_elapsed_s() const noexcept;
    /// Seconds of the "still there?" countdown left (0 outside StillThere).
    [[nodiscard]] double countdown_remaining_s() const noexcept;
    /// Seconds left before the result gives way to Attract (0 outside Result).
    [[nodiscard]] double result_remaining_s() const noexcept;
    /// A press now would start a new round (Result, after the guard).
    [[nodiscard]] bool can_play_again() const noexcept;
    /// Idle time in Play (0 while the contraction is held).
    [[nodiscard]] double idle_s() const noexcept;
    /// Time into the current attract cycle.
    [[nodiscard]] double attract_elapsed_s() const noexcept;
    /// Which attract caption shows now: each caption_s in order, the last one staying.
    [[nodiscard]] std::uint32_t caption_index() const noexcept;
    [[nodiscard]] std::uint32_t caption_count() const noexcept { return caption_count_; }
    [[nodiscard]] const RoundStats& round() const noexcept { return round_; }
    [[nodiscard]] bool contract_held() const noexcept { return held_; }
    [[nodiscard]] const FlowCounters& counters() const noexcept { return counters_; }

private:
    void enter(KioskState next);
    void start_round(std::vector<Effect>& out);
    void end_round(bool completed, std::vector<Effect>& out);
    void back_to_attract(std::vector<Effect>& out);
    void wake(std::vector<Effect>& out);
    void input_seen() noexcept { last_input_ns_ = now_ns_; }
    [[nodiscard]] static std::int64_t ns(double seconds) noexcept;

    KioskTimings timings_;
    std::uint32_t caption_count_ = 1;
    KioskState state_ = KioskState::Attract;
    std::int64_t now_ns_ = 0;
    std::int64_t state_start_ns_ = 0;
    std::int64_t attract_start_ns_ = 0;
    std::int64_t round_start_ns_ = 0;
    std::int64_t idle_ns_ = 0;
    std::int64_t last_countdown_second_ = -1;
    std::int64_t last_input_ns_ = 0;
    bool attract_touched_ = false;  ///< A visitor chose something in Attract (not yet forgotten).
    bool held_ = false;
    RoundStats round_;
    FlowCounters counters_;
};

}  // namespace bfr::modes::kiosk
