#include "game/presentation/view_models.hpp"

#include "game/presentation/scene.hpp"
#include "game/session/session.hpp"
#include "game/telemetry/format_v1.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace bfr::presentation {

HudViewModel make_hud_view_model(const session::Session& session, float alpha) {
    HudViewModel vm;
    const auto& world = session.world();
    const auto limb = session.limb();
    if (const auto* rig = world.find<session::LimbRig>(limb)) {
        const bool leg = rig->kind == session::LimbKind::Leg;
        vm.limb_name = leg ? "leg" : "arm";
        vm.joint_name = leg ? "knee" : "elbow";
    }
    if (const auto* tally = world.find<session::RepTally>(limb)) {
        vm.reps_performed = tally->performed;
        const auto since = session.tick() - tally->last_rep_tick;
        if (tally->performed > 0 && since < kRepFlashTicks) {
            vm.rep_flash_01 = 1.f - static_cast<float>(since) / static_cast<float>(kRepFlashTicks);
        }
    }
    if (const auto* drive = world.find<session::PatientDrive>(limb)) {
        vm.contract_held = drive->contract_held;
        vm.auto_tempo = drive->auto_tempo;
    }
    const session::JointPose pose = interpolated_pose(session, alpha);
    vm.joint_angle_deg = pose.angle_deg;
    vm.activation_01 = pose.activation_01;
    vm.sim_time_s = session.time_s();
    const auto& telemetry = world.ctx().get<session::TelemetryState>();
    const auto& latest = telemetry.latest;
    const auto now_ns = core::tick_end_ns(session.tick());
    vm.sensor_lost = telemetry.samples > 0 && now_ns - telemetry.last_sample_ns > kSensorLostNs;
    auto value = [&](std::size_t column) { return latest.has(column) ? latest.values[column] : -1.0; };
    vm.cuff_mmhg = value(telemetry_v1::kCuffMmhg);
    vm.target_mmhg = value(telemetry_v1::kTargetMmhg);
    vm.lop_mmhg = value(telemetry_v1::kLopMmhg);
    const session::LimbPhysiology& phys = session.physiology();
    vm.lop_in_use_mmhg = phys.inputs.lop_mmHg;
    vm.lop_is_default = !phys.lop_from_telemetry;
    vm.metabolite_01 = static_cast<float>(std::clamp(phys.out.metabolite, 0.0, 1.0));
    vm.swelling_pct = static_cast<float>(std::max(0.0, phys.out.swelling_pct));
    return vm;
}

float hud_scale_for(int width_px, int height_px, float user_scale) {
    if (width_px <= 0 || height_px <= 0 || !std::isfinite(user_scale) || user_scale <= 0.f) return 1.f;
    const float fit = std::min(static_cast<float>(width_px) / 1280.f, static_cast<float>(height_px) / 720.f);
    const float scale = std::clamp(user_scale * std::clamp(fit, 0.55f, 2.5f), 0.5f, 3.f);
    return std::round(scale * 20.f) / 20.f;
}

std::string format_clock(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0.0) seconds = 0.0;
    const auto total = static_cast<long long>(seconds);
    return fmt::format("{}:{:02}", total / 60, total % 60);
}

}  // namespace bfr::presentation
