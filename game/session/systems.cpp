#include "game/session/systems.hpp"

#include "engine/ecs/world.hpp"
#include "game/session/limb.hpp"
#include "game/session/session.hpp"
#include "game/telemetry/format_v1.hpp"

#include <algorithm>

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
                case CommandKind::InjectLeak:
                case CommandKind::InjectDropout: break;  // for the simulated cuff (the feed), not the world
            }
        });
    }
}

void ingest_telemetry(ecs::World& world, const ecs::TickContext& /*tick*/) {
    const auto& batch = world.ctx().get<TelemetryBatch>();
    auto& state = world.ctx().get<TelemetryState>();
    double angle_deg = 0.0;
    double effort_01 = 0.0;
    bool has_angle = false;
    bool has_effort = false;
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
        }
        if (s.has(telemetry_v1::kAngleDeg)) {
            angle_deg = s.values[telemetry_v1::kAngleDeg];
            has_angle = true;
        }
        if (s.has(telemetry_v1::kEffort)) {
            effort_01 = s.values[telemetry_v1::kEffort];
            has_effort = true;
        }
    }
    world.view<const LimbRig, PatientDrive, JointPose>().each(
        [&](const LimbRig& rig, PatientDrive& drive, JointPose& pose) {
            // Once telemetry has measured the pose, it owns it: between samples and after the last
            // one (the end of a recording, a lost sensor) the limb keeps its last measured pose.
            drive.pose_measured = drive.pose_measured || has_angle;
            drive.effort_measured = drive.effort_measured || has_effort;
            if (has_angle) {
                pose.angle_deg = static_cast<float>(angle_deg);
                const float range = rig.contracted_angle_deg - rig.rest_angle_deg;
                drive.progress_01 =
                    range != 0.f ? std::clamp((pose.angle_deg - rig.rest_angle_deg) / range, 0.f, 1.f) : 0.f;
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
            const float target = lifting ? 1.f : 0.f;
            if (!drive.pose_measured) {
                // Critically damped spring, semi-implicit Euler: stable at 60 Hz for omega*dt << 2.
                const float accel =
                    kJointOmega * kJointOmega * (target - drive.progress_01) - 2.f * kJointOmega * drive.velocity_per_s;
                drive.velocity_per_s += accel * dt_s;
                drive.progress_01 = std::clamp(drive.progress_01 + drive.velocity_per_s * dt_s, 0.f, 1.f);
                pose.angle_deg = angle_for_progress(rig, drive.progress_01);
            }
            if (drive.effort_measured) return;
            // Activation leads the movement: high while lifting, low while lowering (eccentric).
            const float activation_target = lifting ? 0.6f : (drive.progress_01 > 0.05f ? 0.25f : 0.f);
            pose.activation_01 += (activation_target - pose.activation_01) * std::min(1.f, dt_s / 0.08f);
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

}  // namespace bfr::session
