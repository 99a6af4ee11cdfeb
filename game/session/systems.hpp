#pragma once
// The session's systems: free functions `verb_noun(World&, const TickContext&)`.

#include "engine/ecs/fwd.hpp"
#include "engine/ecs/schedule.hpp"

namespace bfr::session {

/// PreTick: keeps the previous tick's pose for interpolation.
void snapshot_poses(ecs::World& world, const ecs::TickContext& tick);
/// PreTick: takes the queued commands and applies them to the patient's drive.
void apply_commands(ecs::World& world, const ecs::TickContext& tick);
/// Ingest: every sample of the tick, in order, updates the latest telemetry; a measured joint
/// angle or effort drives the pose directly (the patient's own movement).
void ingest_telemetry(ecs::World& world, const ecs::TickContext& tick);
/// Simulate: the rep counters (game/reps, fused) hear every sample of the tick, in order; each rep
/// they commit goes to RepLog and RepCountedEvents.
void count_reps(ecs::World& world, const ecs::TickContext& tick);
/// The end of the telemetry (a recording's last row, a set known to be over): the rep counters
/// commit what they were still holding (a contraction already back at rest, a cut-short last rep).
/// Returns true when they did (RepLog and RepCountedEvents have it;
/// the event is drained by the next Session::step, or read directly from RepLog).
bool finish_rep_count(ecs::World& world);
/// Simulate: moves the joint toward the contracted or rest position (critically damped), unless
/// telemetry measured the pose this tick.
void drive_patient(ecs::World& world, const ecs::TickContext& tick);
/// Simulate: the virtual patient's own rep tally (top of the range, with hysteresis).
void tally_reps(ecs::World& world, const ecs::TickContext& tick);
/// Simulate: the session's phase (SessionPhase) from the tick's samples, in order, then its reps.
///  - Events win: `inflate` turns the cuff on (CuffOff/Done → Inflated); `deflate` turns it off
///    (→ Done after a set, else CuffOff; a set in progress ends); `set_start` begins the next set
///    (one still running ends first); `set_end` ends the set and starts the rest; `rest_start`
///    starts a rest (ending a set still running; a rest already running keeps its start).
///    Reps of the tick that delivered `set_start` count in the new set, those of the tick of
///    `set_end` in the ending one (a rep is counted at the top of its movement, well inside the set).
///  - Without set events (until the stream's first one): a rep outside a set starts the next set
///    at that rep; no rep for more than kInferredRestNs ends the set, and the rest counts from its
///    last rep.
///  - Without cuff events (until the stream's first one): the cuff is on while its pressure is at
///    least kCuffOnMmhg.
/// Every time is a sample time or a tick's end: never the wall clock.
void track_session_phase(ecs::World& world, const ecs::TickContext& tick);

/// Simulate: the limb's physiology integrates once with the tick's latest inputs: cuff pressure,
/// LOP (column, `lop_measured:N` event or default), and the activation (the tick's mean measured
/// effort, else the virtual patient's).
void simulate_physiology(ecs::World& world, const ecs::TickContext& tick);

/// A measured effort holds between its samples for this long (5 Hz is the slowest rate of the
/// contract); after it, the activation is inferred again (interfaces.md §4: an empty cell).
inline constexpr std::int64_t kEffortHoldNs = 500'000'000;
/// interfaces.md §3: sensor lost after 2 s without samples. A measured pose then stops meaning
/// work (the limb keeps its last pose, at rest).
inline constexpr std::int64_t kSensorLostNs = 2'000'000'000;
/// LOP values the model accepts (mmHg); anything else is a broken reading, ignored and reported.
inline constexpr double kLopMinMmhg = 50.0;
inline constexpr double kLopMaxMmhg = 400.0;

/// Without set events, a set ends when no rep came for longer than this (6 s: three missed reps at
/// the usual 2 s per rep, shorter than any prescribed rest).
inline constexpr std::int64_t kInferredRestNs = 6'000'000'000;
/// Without cuff events, the cuff counts as inflated from this pressure (the replay's threshold).
inline constexpr double kCuffOnMmhg = 20.0;

/// Natural frequency of the joint's critically damped response (rad/s): ~95 % of the way in 0.7 s.
inline constexpr float kJointOmega = 7.f;
/// Ticks per automatic rep (2 s: 1 s lifting, 1 s lowering).
inline constexpr unsigned kAutoRepTicks = 120;

}  // namespace bfr::session
