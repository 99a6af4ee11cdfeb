#include "game/session/systems.hpp"

#include "engine/ecs/world.hpp"
#include "game/session/limb.hpp"
#include "game/session/session.hpp"

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
            }
        });
    }
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
            // Critically damped spring, semi-implicit Euler: stable at 60 Hz for omega*dt << 2.
            const float accel =
                kJointOmega * kJointOmega * (target - drive.progress_01) - 2.f * kJointOmega * drive.velocity_per_s;
            drive.velocity_per_s += accel * dt_s;
            drive.progress_01 = std::clamp(drive.progress_01 + drive.velocity_per_s * dt_s, 0.f, 1.f);
            pose.angle_deg = angle_for_progress(rig, drive.progress_01);
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
