#include "game/session/session.hpp"

#include "game/session/guidance.hpp"
#include "game/session/limb.hpp"
#include "game/session/systems.hpp"

#include <algorithm>
#include <cmath>

namespace bfr::session {
namespace {

using ecs::Phase;
// One tick, top to bottom (see docs/architecture.md).
constexpr ecs::SystemDesc kSystems[] = {
    {Phase::PreTick, "snapshot_poses", &snapshot_poses},
    {Phase::PreTick, "apply_commands", &apply_commands},
    {Phase::Ingest, "ingest_telemetry", &ingest_telemetry},
    {Phase::Simulate, "count_reps", &count_reps},
    {Phase::Simulate, "drive_patient", &drive_patient},
    {Phase::Simulate, "tally_reps", &tally_reps},
    {Phase::Simulate, "track_session_phase", &track_session_phase},
    {Phase::Simulate, "simulate_physiology", &simulate_physiology},
    {Phase::Simulate, "run_protocol", &run_protocol},
    {Phase::Validate, "enforce_limits", &enforce_limits},
    {Phase::Validate, "assess_pressure", &assess_pressure},
    {Phase::Post, "score_reps", &score_reps},
};

}  // namespace

std::span<const ecs::SystemDesc> session_systems() noexcept {
    return kSystems;
}

Session::Session(const SessionConfig& config, SampleFeed* feed) : schedule_{session_systems()}, feed_{feed} {
    world_.ctx().emplace<TelemetryBatch>();
    world_.ctx().emplace<TelemetryState>().latest.clear();
    world_.ctx().emplace<SessionClock>();
    world_.ctx().emplace<SessionCommands>();
    world_.ctx().emplace<CommandBatch>();
    world_.ctx().emplace<RepEvents>();
    world_.ctx().emplace<RepLog>();
    {
        const LimbRig counted = default_rig(config.limb);
        reps::RepCountingConfig rc;
        rc.rest_angle_deg = counted.rest_angle_deg;
        rc.contracted_angle_deg = counted.contracted_angle_deg;
        world_.ctx().emplace<RepCountingState>(RepCountingState{reps::RepCounting{rc}, {}});
    }
    world_.ctx().emplace<RepCountedEvents>();
    {
        auto& ps = world_.ctx().emplace<ProtocolState>();
        ps.start = config.protocol_starts_by_itself ? ProtocolStart::Automatic : ProtocolStart::OnCommand;
        const protocol::Protocol limits_from = config.protocol ? *config.protocol : protocol::standard_protocol();
        if (config.protocol) {
            ps.runner.emplace(*config.protocol,
                              config.limb == LimbKind::Leg ? protocol::Limb::Leg : protocol::Limb::Arm);
        }
        SafetyState safety_state;
        safety_state.monitor = safety::SafetyMonitor{limits_of(limits_from)};
        world_.ctx().emplace<SafetyState>(std::move(safety_state));
        PressureConfig pc;
        pc.default_target_pct_lop = default_target_pct_lop(config.limb);
        pc.band_fraction = limits_from.limits.band_fraction;
        world_.ctx().emplace<PressureFidelity>(PressureFidelity{PressureTracker{pc}});
        GameState game;
        const std::uint32_t goal =
            config.goal_reps > 0 ? config.goal_reps : (config.protocol ? config.protocol->prescribed_reps() : 0u);
        game.score = gamification::SessionScore{gamification::Goal{goal}};
        world_.ctx().emplace<GameState>(std::move(game));
    }

    const LimbRig rig = default_rig(config.limb);
    limb_ = world_.create();
    world_.emplace<LimbRig>(limb_, rig);
    JointPose pose;
    pose.angle_deg = rig.rest_angle_deg;
    world_.emplace<JointPose>(limb_, pose);
    world_.emplace<PrevJointPose>(limb_, PrevJointPose{pose});
    PatientDrive drive;
    drive.auto_tempo = config.auto_tempo;
    drive.lift_activation = lift_activation_for_load(config.load_pct1rm);
    world_.emplace<PatientDrive>(limb_, drive);
    world_.emplace<RepTally>(limb_);
    world_.emplace<SessionPhase>(limb_);

    LimbPhysiology phys;
    phys.prepared =
        physiology::prepare(physiology::preset(config.limb == LimbKind::Leg ? physiology::Limb::Leg : physiology::Limb::Arm));
    phys.state = physiology::rest_state(phys.prepared.params);
    phys.inputs.lop_mmHg = config.lop_mmHg > 0.0 ? config.lop_mmHg : default_lop_mmHg(config.limb);
    phys.lop_from_telemetry = false;
    phys.out = physiology::observe(phys.state, phys.inputs, phys.prepared);
    world_.emplace<LimbPhysiology>(limb_, phys);
}

double default_lop_mmHg(LimbKind limb) noexcept {
    return limb == LimbKind::Leg ? 200.0 : 170.0;
}

double default_target_pct_lop(LimbKind limb) noexcept {
    return limb == LimbKind::Leg ? 60.0 : 50.0;
}

float lift_activation_for_load(double load_pct1rm) noexcept {
    return static_cast<float>(physiology::activation_for_load(load_pct1rm));
}

const LimbPhysiology& Session::physiology() const {
    return world_.get<LimbPhysiology>(limb_);
}

bool Session::push(const Command& command) {
    return world_.ctx().get<SessionCommands>().push(command);
}

void Session::prime() {
    if (primed_) return;
    last_reps_.clear();
    last_counted_.clear();
    run_tick(0);
}

void Session::step() {
    last_reps_.clear();
    last_counted_.clear();
    if (!primed_) run_tick(0);
    run_tick(world_.ctx().get<SessionClock>().tick + 1);
}

void Session::run_tick(core::Tick k) {
    auto& clock = world_.ctx().get<SessionClock>();
    // Tick 0 ends at time 0 and lasts nothing: the samples at or before time 0 (interfaces.md §3).
    const std::int64_t end_ns = core::tick_end_ns(k);
    const ecs::TickContext ctx{k, end_ns, k == 0 ? 0 : end_ns - core::tick_end_ns(k - 1)};
    primed_ = true;
    auto& batch = world_.ctx().get<TelemetryBatch>();
    batch.samples.clear();
    if (feed_ != nullptr) {
        // The feed hears this tick's commands first (the simulated patient contracts now), then
        // delivers every sample up to the tick's end.
        for (const Command& c : world_.ctx().get<SessionCommands>().peek()) feed_->on_command(c);
        feed_->pull_until(ctx.tick_end_ns, batch.samples);
    }
    schedule_.run(world_, ctx);
    clock.tick = k;
    world_.ctx().get<RepEvents>().drain([this](const RepPerformed& e) { last_reps_.push_back(e); });
    world_.ctx().get<RepCountedEvents>().drain([this](const RepCounted& e) { last_counted_.push_back(e); });
}

void Session::advance_to(double seconds) {
    if (!(seconds > 0.0) || !std::isfinite(seconds)) return;
    const core::Tick target = core::ticks_from_seconds(seconds);
    while (tick() < target) step();
}

core::Tick Session::tick() const noexcept {
    return world_.ctx().get<SessionClock>().tick;
}

double Session::time_s() const noexcept {
    return core::seconds_from_ticks(tick());
}

}  // namespace bfr::session
