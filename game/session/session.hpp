#pragma once
// A session: the world, its schedule and its clock. The same object runs in the window, in
// `shot` and (later) in `replay`; only the source of input differs.

#include "engine/core/event_queue.hpp"
#include "engine/core/time.hpp"
#include "engine/ecs/schedule.hpp"
#include "engine/ecs/world.hpp"
#include "game/protocol/protocol.hpp"
#include "game/reps/rep_counting.hpp"
#include "game/session/commands.hpp"
#include "game/session/components.hpp"
#include "game/session/events.hpp"
#include "game/session/sample_feed.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace bfr::session {

/// How a session starts.
struct SessionConfig {
    LimbKind limb = LimbKind::Arm;
    bool auto_tempo = false;  ///< The virtual patient performs reps by itself (shot, demos).
    double lop_mmHg = 0.0;    ///< Limb occlusion pressure; 0: the limb's default until telemetry gives one.
    double load_pct1rm = 30.0;  ///< External load (telemetry's load_pct1rm overrides it).
    /// The protocol the session follows (game/session/guidance.hpp); none: sets come from the
    /// telemetry's events or the rests between reps. Its safety limits apply either way (the
    /// defaults without one).
    std::optional<protocol::Protocol> protocol;
    /// Start the protocol at the first set or rep (replay) rather than only at `command:start`.
    bool protocol_starts_by_itself = true;
    /// The patient's goal for the session (reps; 0: the protocol's prescribed reps), scored by the
    /// game layer (game/gamification).
    std::uint32_t goal_reps = 0;
};

/// interfaces.md §3: the LOP assumed when nothing gives one.
[[nodiscard]] double default_lop_mmHg(LimbKind limb) noexcept;
/// interfaces.md §3: the target pressure, % of LOP, when nothing prescribes one (50 arm, 60 leg).
[[nodiscard]] double default_target_pct_lop(LimbKind limb) noexcept;
/// Activation of the lifting phase for a load (fraction of MVC; physiology::activation_for_load).
[[nodiscard]] float lift_activation_for_load(double load_pct1rm) noexcept;

/// Per-world singletons (in World::ctx()).
struct SessionClock {
    core::Tick tick = 0;  ///< Ticks completed.
};
using SessionCommands = core::CommandQueue<Command>;
/// The commands being applied during the current tick (taken from SessionCommands).
struct CommandBatch {
    std::vector<Command> commands;
};
using RepEvents = core::EventQueue<RepPerformed>;
/// The telemetry samples of the current tick, in order (filled before the systems run).
struct TelemetryBatch {
    std::vector<telemetry::Sample> samples;
};
/// Reps counted from the telemetry (count_reps): every committed rep, in order.
struct RepLog {
    std::vector<double> times_s;  ///< When the counter committed each rep (interfaces.md §5 `reps.times_s`).
    std::vector<double> start_s;  ///< When each rep's movement began.
    std::vector<reps::RepEvent> events;  ///< Each rep as its counter committed it (range, quality, phases).
};
/// The counters fed by count_reps (one per session: the exercised limb), fused (game/reps).
struct RepCountingState {
    reps::RepCounting counting;
    std::vector<reps::RepEvent> scratch;  ///< Reused every tick: no allocation once warm.
};
using RepCountedEvents = core::EventQueue<RepCounted>;
/// The latest telemetry, channel by channel (a channel keeps its last measured value).
struct TelemetryState {
    telemetry::Sample latest;          ///< Every channel's most recent value (present bits accumulate).
    std::int64_t last_sample_ns = -1;  ///< Time of the most recent sample (-1: none yet).
    std::uint64_t samples = 0;         ///< Samples ingested so far.
    std::uint64_t events = 0;          ///< Samples that carried an event.
};

/// The systems of one tick, in order: reading this table top to bottom is reading one tick.
[[nodiscard]] std::span<const ecs::SystemDesc> session_systems() noexcept;

class Session {
public:
    /// `feed` (optional, not owned, must outlive the session) supplies the telemetry.
    explicit Session(const SessionConfig& config, SampleFeed* feed = nullptr);

    /// Queues a command for the next tick. False when the queue is full (the command is dropped).
    bool push(const Command& command);
    /// Runs one tick (1/60 s): commands, systems, then the end-of-tick event drain. The first call
    /// runs tick 0 first (see prime()).
    void step();
    /// Runs tick 0 once: the samples at or before time 0, which lasts nothing (interfaces.md §3),
    /// so the state at t = 0 holds them. step() does it by itself; replay calls it to show t = 0.
    void prime();
    /// Runs ticks until simulation time reaches `seconds` (headless, as fast as possible).
    void advance_to(double seconds);

    [[nodiscard]] core::Tick tick() const noexcept;
    [[nodiscard]] double time_s() const noexcept;
    [[nodiscard]] const ecs::World& world() const noexcept { return world_; }
    [[nodiscard]] ecs::World& world() noexcept { return world_; }
    /// The exercised limb's entity.
    [[nodiscard]] ecs::Entity limb() const noexcept { return limb_; }
    [[nodiscard]] const ecs::Schedule& schedule() const noexcept { return schedule_; }
    /// Rep events drained at the end of the most recent tick (for UI notices).
    [[nodiscard]] std::span<const RepPerformed> last_tick_reps() const noexcept { return last_reps_; }
    /// Reps the rep counter committed during the most recent tick (drained at its end).
    [[nodiscard]] std::span<const RepCounted> last_tick_counted_reps() const noexcept { return last_counted_; }
    /// The limb's physiology after the most recent tick.
    [[nodiscard]] const LimbPhysiology& physiology() const;

private:
    void run_tick(core::Tick k);
    bool primed_ = false;
    ecs::World world_;
    ecs::Schedule schedule_;
    ecs::Entity limb_;
    SampleFeed* feed_ = nullptr;
    std::vector<RepPerformed> last_reps_;
    std::vector<RepCounted> last_counted_;
};

}  // namespace bfr::session
