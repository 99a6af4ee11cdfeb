#include "game/session/systems.hpp"

#include "engine/ecs/world.hpp"
#include "game/session/limb.hpp"
#include "game/session/session.hpp"
#include "game/telemetry/format_v1.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

namespace bfr::session {

void snapshot_poses(ecs::World& world, const ecs::TickContext& /*tick*/) {
    world.view<const JointPose, PrevJointPose>().each(
        [](const JointPose& pose, PrevJointPose& prev) { prev.pose = pose; });
}

void apply_commands(ecs::World& world, const ecs::TickContext& tick) {
    auto& batch = world.ctx().get<CommandBatch>();
    world.ctx().get<SessionCommands>().take_into(batch.commands);
    for (const Command& c : batch.commands) {
        world.view<PatientDrive>().each([&](PatientDrive& drive) {
            switch (c.kind) {
                case CommandKind::ContractDown: drive.contract_held = true; break;
                case CommandKind::ContractUp: drive.contract_held = false; break;
                case CommandKind::SetAutoTempo:
                    drive.auto_tempo = c.value != 0.f;
                    drive.tempo_start_tick = tick.tick;
                    break;
                default: break;  // for the device (the feed) or recorded as events (UserEventFeed)
            }
        });
    }
}

void ingest_telemetry(ecs::World& world, const ecs::TickContext& tick) {
    const auto& batch = world.ctx().get<TelemetryBatch>();
    auto& state = world.ctx().get<TelemetryState>();
    double angle_deg = 0.0;
    double effort_01 = 0.0;
    bool has_angle = false;
    bool has_effort = false;
    std::int64_t angle_ns = -1;
    std::int64_t effort_ns = -1;
    int contract = 0;  // +1: the recording's contract input went down last, -1: up
    for (const telemetry::Sample& s : batch.samples) {
        for (std::size_t c = 0; c < telemetry::kMaxColumns; ++c) {
            if (s.has(c)) state.latest.set(c, s.values[c]);
        }
        state.latest.t_ns = s.t_ns;
        state.last_sample_ns = s.t_ns;
        ++state.samples;
        if (!s.event.empty()) {
            state.latest.event = s.event;
            ++state.events;
            if (s.event == "contract_down") contract = 1;
            if (s.event == "contract_up") contract = -1;
        }
        if (s.has(telemetry_v1::kAngleDeg)) {
            angle_deg = s.values[telemetry_v1::kAngleDeg];
            has_angle = true;
            angle_ns = s.t_ns;
        }
        if (s.has(telemetry_v1::kEffort)) {
            effort_01 = s.values[telemetry_v1::kEffort];
            has_effort = true;
            effort_ns = s.t_ns;
        }
    }
    world.view<const LimbRig, PatientDrive, JointPose>().each(
        [&](const LimbRig& rig, PatientDrive& drive, JointPose& pose) {
            // Once telemetry has measured the pose, it owns it: between samples and after the last
            // one (the end of a recording, a lost sensor) the limb keeps its last measured pose.
            const bool first_angle = has_angle && !drive.pose_measured;
            drive.pose_measured = drive.pose_measured || has_angle;
            if (has_angle) drive.last_angle_ns = angle_ns;
            if (has_effort) drive.last_effort_ns = effort_ns;
            // A measured effort owns the activation while it keeps coming; an empty cell for longer
            // than the hold hands it back to the inference (the movement, the contract input).
            drive.effort_measured =
                drive.last_effort_ns >= 0 && tick.tick_end_ns - drive.last_effort_ns <= kEffortHoldNs;
            // The recorded contract input (a kiosk button, a demo) drives the patient as live input does.
            if (contract != 0) drive.contract_held = contract > 0;
            if (has_angle) {
                pose.angle_deg = static_cast<float>(angle_deg);
                const float range = rig.contracted_angle_deg - rig.rest_angle_deg;
                drive.progress_01 =
                    range != 0.f ? std::clamp((pose.angle_deg - rig.rest_angle_deg) / range, 0.f, 1.f) : 0.f;
                if (first_angle) drive.measured_progress_prev = drive.progress_01;
                drive.velocity_per_s = 0.f;
            }
            if (has_effort) pose.activation_01 = std::clamp(static_cast<float>(effort_01), 0.f, 1.f);
        });
}

void drive_patient(ecs::World& world, const ecs::TickContext& tick) {
    const float dt_s = static_cast<float>(tick.tick_ns) * 1e-9f;
    world.view<const LimbRig, PatientDrive, JointPose>().each(
        [&](const LimbRig& rig, PatientDrive& drive, JointPose& pose) {
            bool lifting = drive.contract_held;
            if (drive.auto_tempo && !drive.contract_held) {
                const auto phase = (tick.tick - drive.tempo_start_tick) % kAutoRepTicks;
                lifting = phase < kAutoRepTicks / 2;
            }
            bool loaded = drive.progress_01 > 0.05f;  // away from rest: the load is held or lowered
            if (drive.pose_measured && dt_s > 0.f) {
                // A measured joint angle: the movement tells the phase. Rising toward the top of
                // the range is concentric work; holding or lowering the load is eccentric work.
                const float raw = (drive.progress_01 - drive.measured_progress_prev) / dt_s;
                drive.measured_progress_prev = drive.progress_01;
                drive.measured_velocity_per_s += (raw - drive.measured_velocity_per_s) * std::min(1.f, dt_s / 0.15f);
                lifting = drive.measured_velocity_per_s > 0.15f;
                loaded = drive.progress_01 > 0.1f || drive.measured_velocity_per_s < -0.15f;
                if (tick.tick_end_ns - drive.last_angle_ns > kSensorLostNs) {
                    lifting = false;  // the angle stopped coming: nothing says the muscle still works
                    loaded = false;
                }
            }
            const float target = lifting ? 1.f : 0.f;
            if (!drive.pose_measured && dt_s > 0.f) {
                // Critically damped spring, semi-implicit Euler: stable at 60 Hz for omega*dt << 2.
                const float accel =
                    kJointOmega * kJointOmega * (target - drive.progress_01) - 2.f * kJointOmega * drive.velocity_per_s;
                drive.velocity_per_s += accel * dt_s;
                drive.progress_01 = std::clamp(drive.progress_01 + drive.velocity_per_s * dt_s, 0.f, 1.f);
                pose.angle_deg = angle_for_progress(rig, drive.progress_01);
            }
            if (drive.effort_measured) return;
            // Activation leads the movement: high while lifting, low while lowering (eccentric).
            const float activation_target = lifting ? drive.lift_activation : (loaded ? 0.6f * drive.lift_activation : 0.f);
            if (dt_s > 0.f) {
                pose.activation_01 += (activation_target - pose.activation_01) * std::min(1.f, dt_s / 0.08f);
            }
        });
}

void tally_reps(ecs::World& world, const ecs::TickContext& tick) {
    auto& events = world.ctx().get<RepEvents>();
    world.view<PatientDrive, RepTally>().each([&](PatientDrive& drive, RepTally& tally) {
        if (drive.rep_armed && drive.progress_01 >= 0.8f) {
            drive.rep_armed = false;
            ++tally.performed;
            tally.last_rep_tick = tick.tick;
            events.push(RepPerformed{tally.performed, tick.tick});
        } else if (!drive.rep_armed && drive.progress_01 <= 0.2f) {
            drive.rep_armed = true;
        }
    });
}

namespace {

/// The phase bookkeeping of one tick (track_session_phase).
struct PhaseTracker {
    SessionPhase& ph;
    const RepTally& tally;
    core::Tick tick;
    std::uint32_t tally_before;  ///< Reps tallied before this tick.

    void enter(PhaseKind kind, std::int64_t t_ns) noexcept {
        ph.kind = kind;
        ph.start_ns = t_ns;
        ph.start_tick = tick;
    }
    void end_set(std::uint32_t tally_now) noexcept {
        if (ph.kind != PhaseKind::Set) return;
        ph.reps_in_set = tally_now - ph.tally_at_set_start;
        ph.reps_previous_sets += ph.reps_in_set;
    }
    void begin_set(std::int64_t t_ns) noexcept {
        end_set(tally_before);  // a set still running (its set_end is missing) ends here
        ++ph.set_number;
        ph.tally_at_set_start = tally_before;
        ph.reps_in_set = 0;
        enter(PhaseKind::Set, t_ns);
    }
    void begin_rest(std::int64_t t_ns) noexcept {
        if (ph.kind == PhaseKind::Rest) return;  // `rest_start` after `set_end`: the rest began at the set's end
        end_set(tally.performed);
        enter(PhaseKind::Rest, t_ns);
    }
    void cuff(bool on, std::int64_t t_ns) noexcept {
        ph.cuff_on = on;
        if (on) {
            if (ph.kind == PhaseKind::CuffOff || ph.kind == PhaseKind::Done) enter(PhaseKind::Inflated, t_ns);
            return;
        }
        end_set(tally.performed);
        if (ph.kind != PhaseKind::CuffOff && ph.kind != PhaseKind::Done) {
            enter(ph.set_number > 0 ? PhaseKind::Done : PhaseKind::CuffOff, t_ns);
        }
    }
};

}  // namespace

void track_session_phase(ecs::World& world, const ecs::TickContext& tick) {
    const auto& batch = world.ctx().get<TelemetryBatch>();
    world.view<const RepTally, SessionPhase>().each([&](const RepTally& tally, SessionPhase& ph) {
        PhaseTracker t{ph, tally, tick.tick, ph.tally_seen};
        for (const telemetry::Sample& s : batch.samples) {
            if (!ph.cuff_events && s.has(telemetry_v1::kCuffMmhg)) {
                const bool on = s.values[telemetry_v1::kCuffMmhg] >= kCuffOnMmhg;
                if (on != ph.cuff_on) t.cuff(on, s.t_ns);
            }
            if (s.event.empty()) continue;
            const std::string_view e = s.event;
            if (e == "inflate" || e == "deflate") {
                ph.cuff_events = true;
                t.cuff(e == "inflate", s.t_ns);
            } else if (e == "set_start") {
                ph.set_events = true;
                t.begin_set(s.t_ns);
            } else if (e == "set_end" || e == "rest_start") {
                ph.set_events = true;
                t.begin_rest(s.t_ns);
            }
        }
        if (!ph.set_events) {
            // No set events (yet): the reps tell the sets.
            if (tally.performed > t.tally_before) {
                ph.last_rep_ns = tick.tick_end_ns;
                if (ph.kind != PhaseKind::Set) t.begin_set(tick.tick_end_ns);
            } else if (ph.kind == PhaseKind::Set && ph.last_rep_ns >= 0 &&
                       tick.tick_end_ns - ph.last_rep_ns > kInferredRestNs) {
                t.end_set(tally.performed);
                t.enter(PhaseKind::Rest, ph.last_rep_ns);
            }
        }
        if (ph.kind == PhaseKind::Set) ph.reps_in_set = tally.performed - ph.tally_at_set_start;
        ph.tally_seen = tally.performed;
    });
}

namespace {

/// `lop_measured:N` → N (mmHg); nullopt-like -1 for anything else.
double lop_from_event(std::string_view event) noexcept {
    constexpr std::string_view kPrefix = "lop_measured:";
    if (event.substr(0, kPrefix.size()) != kPrefix) return -1.0;
    const std::string_view number = event.substr(kPrefix.size());
    double value = -1.0;
    const auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (ec != std::errc{} || ptr != number.data() + number.size() || !std::isfinite(value)) return -1.0;
    return value > 0.0 && value <= 500.0 ? value : -1.0;
}

}  // namespace

void simulate_physiology(ecs::World& world, const ecs::TickContext& tick) {
    const auto& batch = world.ctx().get<TelemetryBatch>();
    const auto& state = world.ctx().get<TelemetryState>();
    double effort_sum = 0.0;
    int effort_n = 0;
    double lop = -1.0;  // the tick's latest LOP, from the column or a `lop_measured:N` event
    for (const telemetry::Sample& s : batch.samples) {
        if (s.has(telemetry_v1::kEffort)) {
            effort_sum += s.values[telemetry_v1::kEffort];
            ++effort_n;
        }
        if (s.has(telemetry_v1::kLopMmhg)) lop = s.values[telemetry_v1::kLopMmhg];
        if (!s.event.empty()) {
            const double measured = lop_from_event(s.event);
            if (measured > 0.0) lop = measured;
        }
    }
    const double dt_s = static_cast<double>(tick.tick_ns) * 1e-9;
    world.view<PatientDrive, const JointPose, LimbPhysiology>().each(
        [&](PatientDrive& drive, const JointPose& pose, LimbPhysiology& phys) {
            const telemetry::Sample& latest = state.latest;
            if (latest.has(telemetry_v1::kCuffMmhg)) phys.inputs.cuff_mmHg = latest.values[telemetry_v1::kCuffMmhg];
            if (lop >= kLopMinMmhg && lop <= kLopMaxMmhg) {
                phys.inputs.lop_mmHg = lop;
                phys.lop_from_telemetry = true;
            } else if (lop >= 0.0) {
                ++phys.lop_rejected;  // a broken reading: the LOP in use stays
                phys.lop_rejected_mmHg = lop;
            }
            if (latest.has(telemetry_v1::kLoadPct1rm)) {
                drive.lift_activation = lift_activation_for_load(latest.values[telemetry_v1::kLoadPct1rm]);
            }
            // A measured effort drives the model directly (the tick's mean, so no sample is lost);
            // otherwise the virtual patient's activation does.
            if (effort_n > 0) {
                phys.inputs.activation = effort_sum / effort_n;
            } else if (!drive.effort_measured) {
                phys.inputs.activation = pose.activation_01;
            }
            phys.state = physiology::step(phys.state, phys.inputs, phys.prepared, dt_s);
            phys.out = physiology::observe(phys.state, phys.inputs, phys.prepared);
            phys.prev_inflow_rest_s = phys.inflow_rest_s;
            phys.prev_outflow_rest_s = phys.outflow_rest_s;
            phys.inflow_rest_s += std::clamp(phys.out.arterial_inflow_pct * 0.01, 0.0, kFlowShownCap) * dt_s;
            phys.outflow_rest_s += std::clamp(phys.out.venous_outflow_pct * 0.01, 0.0, kFlowShownCap) * dt_s;
            if (std::isfinite(phys.inputs.cuff_mmHg)) {
                // Falls at once with the pressure, rises slowly: each contraction's brief peak
                // barely lifts it, a leak shows at once, an inflation within a few seconds.
                const double tau = phys.inputs.cuff_mmHg > phys.cuff_held_mmHg ? kCuffHoldTauS : kCuffFallTauS;
                phys.cuff_held_mmHg += (phys.inputs.cuff_mmHg - phys.cuff_held_mmHg) * (1.0 - std::exp(-dt_s / tau));
            }
        });
}

namespace {

void record_rep(ecs::World& world, const reps::RepEvent& rep, core::Tick tick) {
    auto& log = world.ctx().get<RepLog>();
    log.times_s.push_back(static_cast<double>(rep.commit_ns) * 1e-9);
    log.start_s.push_back(static_cast<double>(rep.start_ns) * 1e-9);
    log.events.push_back(rep);
    world.ctx().get<RepCountedEvents>().push(RepCounted{rep.index, rep.start_ns, rep.commit_ns, tick});
}

}  // namespace

void count_reps(ecs::World& world, const ecs::TickContext& tick) {
    const auto& batch = world.ctx().get<TelemetryBatch>();
    auto& state = world.ctx().get<RepCountingState>();
    for (const telemetry::Sample& s : batch.samples) {
        state.scratch.clear();
        state.counting.push(s, state.scratch);
        for (const reps::RepEvent& rep : state.scratch) record_rep(world, rep, tick.tick);
    }
}

bool finish_rep_count(ecs::World& world) {
    auto& state = world.ctx().get<RepCountingState>();
    state.scratch.clear();
    state.counting.finish(state.scratch);
    for (const reps::RepEvent& rep : state.scratch) record_rep(world, rep, 0);
    return !state.scratch.empty();
}

}  // namespace bfr::session
