#pragma once
// The guided session: the protocol runner (game/protocol) and the safety monitor (game/safety)
// inside the tick, fed exactly like the rep counters — every sample of the tick, in order — so
// the window, `replay` and `shot --at` take the same decisions at the same times.
//
// What drives them is telemetry only: the user's choices arrive as `event` rows (`command:start`,
// `command:end_set`, `command:skip_rest`, `command:stop`, `command:acknowledge:ID|all`,
// `discomfort:N`; UserEventFeed writes them for a live session, so a recording replays the same).
// What they decide for the device (inflate to the target, release in a rest, deflate on an
// alarm) goes out as DeviceTarget commands for the next tick: the simulated cuff obeys, a
// recording ignores them.

#include "engine/ecs/fwd.hpp"
#include "engine/ecs/schedule.hpp"
#include "game/gamification/scoring.hpp"
#include "game/protocol/protocol.hpp"
#include "game/protocol/protocol_runner.hpp"
#include "game/safety/safety_monitor.hpp"
#include "game/session/pressure_fidelity.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace bfr::session {

/// How the protocol starts.
enum class ProtocolStart : std::uint8_t {
    /// At `command:start` only (a guided session in the window): the cuff inflates to the target,
    /// and set 1 begins once it is there. Reps before that are warm-up, not counted in a set.
    OnCommand,
    /// Also at the first `set_start` event or the first counted rep (a recording replayed with a
    /// protocol: the sets follow the protocol from the first rep on).
    Automatic,
};

/// The session's protocol (World::ctx()); `runner` is empty when the session follows none.
struct ProtocolState {
    std::optional<protocol::ProtocolRunner> runner;
    ProtocolStart start = ProtocolStart::Automatic;
    bool start_requested = false;          ///< `command:start` seen; waiting for the cuff to reach the target.
    std::int64_t start_requested_ns = -1;
    std::size_t reps_fed = 0;              ///< RepLog entries given to the runner so far.
    std::uint32_t warmup_reps = 0;         ///< Reps before the protocol started.
    std::uint32_t extra_reps = 0;          ///< Reps after it ended.
    std::vector<protocol::RunnerEvent> tick_events;  ///< The runner's events of the latest tick.
    std::vector<protocol::RunnerEvent> log;          ///< All of them.
};

/// The safety monitor (World::ctx()).
struct SafetyState {
    safety::SafetyMonitor monitor;
    std::vector<safety::Alarm> tick_alarms;  ///< Raised during the latest tick.
    bool deflate_asked = false;              ///< A DeviceTarget 0 went out for the alarms in force.
    double target_mmHg = 0.0;                ///< The prescribed target in force (0: none).
    bool target_from_telemetry = false;      ///< The recording's target_mmHg column gave it.
    std::uint32_t discomfort_reports = 0;
    int discomfort_last = -1;                ///< Latest report, 0..10 (-1: none).
    std::int64_t discomfort_last_ns = -1;    ///< When it came (-1: never).
    int discomfort_max = -1;
};

/// Pressure fidelity (World::ctx()): the summary's `pressure` figures, live.
struct PressureFidelity {
    PressureTracker tracker;
    std::size_t reps_seen = 0;  ///< RepLog entries given to the tracker so far.
    std::int64_t last_sample_ns = -1;
};

/// The in-session game layer (World::ctx()): points per rep from its quality, combos, the
/// patient's goal, and celebratory cues dosed one at a time (game/gamification, docs/gamification.md).
/// Only reps inside a protocol's sets are scored; the score gate (no points with the cuff out of
/// its band) uses the safety monitor's judgement of the held pressure.
struct GameState {
    gamification::SessionScore score;
    gamification::FeedbackDoser doser;
    std::size_t reps_seen = 0;
    bool was_out_of_band = false;
    std::int64_t last_commit_ns = -1;  ///< The latest scored rep's commit time.
    gamification::RepScore last;       ///< The latest rep's score.
    std::string cue;                   ///< The cue on screen after the latest tick (empty: none).
    bool any_rep = false;
};

/// Post: scores the reps counted this tick (in a protocol's sets) and offers the cues.
void score_reps(ecs::World& world, const ecs::TickContext& tick);

/// Safety limits of a protocol, for the monitor.
[[nodiscard]] safety::Limits limits_of(const protocol::Protocol& p);

/// Simulate: the tick's events and newly counted reps drive the protocol runner; its phase
/// changes ask the device for the target (or a release in rests, a deflation at the end).
void run_protocol(ecs::World& world, const ecs::TickContext& tick);
/// Gives the runner the reps RepLog holds that it has not seen (run_protocol does it every tick;
/// call it after finish_rep_count at the end of a recording).
void feed_counted_reps(ecs::World& world);
/// Validate: every sample's cuff pressure, the tick's discomfort reports and acknowledgements
/// reach the safety monitor; the target is the recording's target_mmHg, else the protocol's
/// (none in a released rest), else the limb's default; an alarm that asks for deflation sends
/// DeviceTarget 0 once.
void enforce_limits(ecs::World& world, const ecs::TickContext& tick);

/// Validate: the tick's cuff pressure against the target (the recording's target_mmHg, else the
/// protocol's, else the limb's default) and each counted rep's peak and valley (PressureTracker).
/// While the sensor is lost (no sample for 2 s) the pressure is unknown and not assessed.
void assess_pressure(ecs::World& world, const ecs::TickContext& tick);
/// Gives the tracker the reps RepLog holds that it has not seen (after finish_rep_count).
void assess_final_reps(ecs::World& world);

/// `command:acknowledge:ID` → ID; `command:acknowledge:all` → -1; anything else → nullopt.
[[nodiscard]] std::optional<long> acknowledged_alarm(std::string_view event) noexcept;
/// `discomfort:N` with N an integer 0..10 → N; anything else → nullopt (the safety monitor's parser).
using safety::discomfort_level;

}  // namespace bfr::session
