#include "game/presentation/view_models.hpp"

#include "game/presentation/scene.hpp"
#include "game/session/guidance.hpp"
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
    // The reps the counters counted from the telemetry (game/reps); with no signal to count from
    // (no telemetry at all), the virtual patient's own tally.
    const auto& counting = world.ctx().get<session::RepCountingState>().counting;
    const bool counted = counting.seen_any();
    const auto flash = [&](double since_s) {
        const double span_s = static_cast<double>(kRepFlashTicks) / static_cast<double>(core::kTickHz);
        if (since_s >= 0.0 && since_s < span_s) vm.rep_flash_01 = static_cast<float>(1.0 - since_s / span_s);
    };
    if (counted) {
        const auto& log = world.ctx().get<session::RepLog>();
        vm.reps_performed = static_cast<std::uint32_t>(log.times_s.size());
        vm.reps_counted_from = reps::signal_name(counting.lead());
        if (!log.times_s.empty()) flash(session.time_s() - log.times_s.back());
    } else if (const auto* tally = world.find<session::RepTally>(limb)) {
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

    if (const auto* ph = world.find<session::SessionPhase>(limb)) {
        vm.phase = ph->kind;
        vm.set_number = ph->set_number;
        vm.reps_in_set = ph->reps_in_set;
        vm.reps_in_sets = ph->reps_previous_sets + (ph->kind == session::PhaseKind::Set ? ph->reps_in_set : 0);
        // Divided, not multiplied by 1e-9: whole seconds stay whole (35 s is 0:35, not 0:34).
        vm.phase_elapsed_s = static_cast<double>(std::max<std::int64_t>(0, now_ns - ph->start_ns)) / 1e9;
        vm.rest_target_s = static_cast<double>(ph->rest_target_ns) / 1e9;
    }
    vm.timer =
        phase_timer(vm.phase, vm.set_number, vm.reps_in_set, vm.reps_in_sets, vm.phase_elapsed_s, vm.rest_target_s);
    vm.swelling_scale = swelling_scale_text(kSwellingExaggeration);
    vm.cell_swell_pct = static_cast<float>(std::max(0.0, phys.out.cell_swell_pct));
    vm.cell_width_scale = cell_view_width_scale(vm.cell_swell_pct);
    const glm::vec3 fill = metabolite_color(vm.metabolite_01);
    vm.metabolite_srgb = srgb_from_linear(fill.r, fill.g, fill.b);
    return vm;
}

PhaseTimer phase_timer(session::PhaseKind kind, std::uint32_t set_number, std::uint32_t reps_in_set,
                       std::uint32_t reps_in_sets, double elapsed_s, double rest_target_s) {
    if (!std::isfinite(elapsed_s) || elapsed_s < 0.0) elapsed_s = 0.0;
    if (!std::isfinite(rest_target_s) || rest_target_s < 0.0) rest_target_s = 0.0;
    PhaseTimer t;
    switch (kind) {
        case session::PhaseKind::CuffOff:
            t.big = "Cuff off";
            t.line = t.big;
            break;
        case session::PhaseKind::Done:
            t.big = "Done";
            t.label = "CUFF OFF";
            t.detail = fmt::format("{} set{} \xc2\xb7 {} reps", set_number, set_number == 1 ? "" : "s", reps_in_sets);
            t.line = t.big;
            t.tone = TimerTone::Done;
            break;
        case session::PhaseKind::Inflated:
            t.big = format_clock(elapsed_s);
            t.label = "CUFF ON";
            t.detail = set_number == 0 ? "set 1 next" : fmt::format("set {} next", set_number + 1);
            t.line = fmt::format("Cuff on \xc2\xb7 {}", t.big);
            break;
        case session::PhaseKind::Set:
            t.big = format_clock(elapsed_s);
            t.label = fmt::format("SET {}", set_number);
            t.detail = fmt::format("{} rep{}", reps_in_set, reps_in_set == 1 ? "" : "s");
            t.line = fmt::format("Set {} \xc2\xb7 {}", set_number, t.big);
            t.tone = TimerTone::Set;
            break;
        case session::PhaseKind::Rest: {
            const double left_s = rest_target_s - elapsed_s;
            t.label = "REST";
            if (left_s > 0.0) {
                t.big = format_clock(std::ceil(left_s));  // 0:01 until the rest is over
                t.detail = fmt::format("left of {}", format_clock(rest_target_s));
                t.line = fmt::format("Rest \xc2\xb7 {} left", t.big);
                t.tone = TimerTone::Rest;
            } else {
                t.big = fmt::format("+{}", format_clock(-left_s));
                t.detail = fmt::format("over {}", format_clock(rest_target_s));
                t.line = fmt::format("Rest \xc2\xb7 {}", t.big);
                t.tone = TimerTone::RestOver;
            }
            break;
        }
    }
    return t;
}

std::string swelling_scale_text(float exaggeration) {
    if (!std::isfinite(exaggeration) || exaggeration <= 0.f) return "drawn at an unknown scale";
    if (std::abs(exaggeration - 1.f) < 1e-3f) return "drawn true to scale";
    return fmt::format("drawn \xc3\x97{:.3g}", static_cast<double>(exaggeration));
}

float cell_true_width_gain(float cell_swell_pct) noexcept {
    if (!std::isfinite(cell_swell_pct) || cell_swell_pct <= 0.f) return 0.f;
    return std::sqrt(1.f + cell_swell_pct / 100.f) - 1.f;
}

float cell_view_width_scale(float cell_swell_pct) noexcept {
    return std::min(kCellViewMaxWidthScale, 1.f + kCellViewExaggeration * cell_true_width_gain(cell_swell_pct));
}

float stretch_sensor_glow(int index, float cell_swell_pct) noexcept {
    if (index < 0 || index >= kStretchSensors || !std::isfinite(cell_swell_pct)) return 0.f;
    const float from = static_cast<float>(index) * kStretchSensorStepPct;
    return std::clamp((cell_swell_pct - from) / kStretchSensorStepPct, 0.f, 1.f);
}

int stretch_sensors_lit(float cell_swell_pct) noexcept {
    int lit = 0;
    for (int i = 0; i < kStretchSensors; ++i) lit += stretch_sensor_glow(i, cell_swell_pct) >= 1.f ? 1 : 0;
    return lit;
}

std::array<float, 3> srgb_from_linear(float r, float g, float b) noexcept {
    auto encode = [](float c) {
        const float x = std::isfinite(c) ? std::clamp(c, 0.f, 1.f) : 0.f;
        return std::clamp(x <= 0.0031308f ? 12.92f * x : 1.055f * std::pow(x, 1.f / 2.4f) - 0.055f, 0.f, 1.f);
    };
    return {encode(r), encode(g), encode(b)};
}

void HudHistory::record(core::Tick tick, const HistoryPoint& point) noexcept {
    const core::Tick slot = tick / kHistoryTicks;
    core::Tick count = 1;
    if (!points_.empty()) {
        if (slot <= last_slot_) return;
        count = std::min<core::Tick>(slot - last_slot_, kHistoryPoints);
    }
    for (core::Tick i = 0; i < count; ++i) points_.push(point);
    last_slot_ = slot;
}

void HudHistory::observe(const session::Session& session) {
    const auto& telemetry = session.world().ctx().get<session::TelemetryState>();
    const auto& latest = telemetry.latest;
    const session::LimbPhysiology& phys = session.physiology();
    HistoryPoint p;
    // A lost sensor (or the end of a recording) is a gap in the pressure plot, not its last value.
    const bool receiving =
        telemetry.samples > 0 && core::tick_end_ns(session.tick()) - telemetry.last_sample_ns <= kSensorLostNs;
    if (receiving && latest.has(telemetry_v1::kCuffMmhg)) {
        p.cuff_mmhg = static_cast<float>(latest.values[telemetry_v1::kCuffMmhg]);
    }
    if (receiving && latest.has(telemetry_v1::kTargetMmhg)) {
        p.target_mmhg = static_cast<float>(latest.values[telemetry_v1::kTargetMmhg]);
    } else if (p.cuff_mmhg >= static_cast<float>(session::kCuffOnMmhg)) {
        // No target in the telemetry: the default prescription (interfaces.md §3) of the LOP in use.
        const auto* rig = session.world().find<session::LimbRig>(session.limb());
        const double pct = session::default_target_pct_lop(rig != nullptr ? rig->kind : session::LimbKind::Arm);
        p.target_mmhg = static_cast<float>(pct / 100.0 * phys.inputs.lop_mmHg);
    }
    p.metabolite_01 = static_cast<float>(std::clamp(phys.out.metabolite, 0.0, 1.0));
    p.swelling_pct = static_cast<float>(std::max(0.0, phys.out.swelling_pct));
    record(session.tick(), p);
}

float nice_ceiling(float value) noexcept {
    if (!std::isfinite(value) || value <= 0.f) return 1.f;
    const float decade = std::pow(10.f, std::floor(std::log10(value)));
    for (const float m : {1.f, 2.f, 5.f, 10.f}) {
        if (m * decade >= value * (1.f - 1e-6f)) return m * decade;
    }
    return 10.f * decade;
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

std::string alarm_title(std::string_view kind) {
    if (kind == "pressure_above_lop") return "Cuff at or above your LOP";
    if (kind == "pressure_ceiling") return "Cuff pressure too high";
    if (kind == "pressure_out_of_band") return "Cuff pressure out of its band";
    if (kind == "occlusion_time") return "Cuff on for too long";
    if (kind == "sensor_lost") return "Cuff sensor lost";
    if (kind == "discomfort") return "Discomfort too high";
    return std::string(kind);
}

GuidedViewModel make_guided_view_model(const session::Session& session) {
    GuidedViewModel vm;
    const auto& world = session.world();
    const std::int64_t now_ns = core::tick_end_ns(session.tick());
    const auto& ps = world.ctx().get<session::ProtocolState>();
    const auto& ss = world.ctx().get<session::SafetyState>();
    const double lop = session.physiology().inputs.lop_mmHg;
    if (ps.runner) {
        const protocol::ProtocolRunner& r = *ps.runner;
        const protocol::Protocol& p = r.protocol();
        vm.has_protocol = true;
        vm.protocol_name = p.name;
        vm.protocol_title = p.title;
        vm.sets_total = static_cast<std::uint32_t>(p.sets.size());
        vm.reps_prescribed = p.prescribed_reps();
        vm.rest_s = p.rest_s;
        vm.cuff_released_in_rest = p.cuff_in_rest == protocol::CuffInRest::Release;
        vm.concentric_s = p.tempo.concentric_s;
        vm.eccentric_s = p.tempo.eccentric_s;
        vm.load_pct1rm = p.load_pct1rm;
        switch (r.stage()) {
            case protocol::Stage::Ready:
                vm.stage = ps.start_requested ? GuidedViewModel::Stage::Starting : GuidedViewModel::Stage::Ready;
                break;
            case protocol::Stage::Set: vm.stage = GuidedViewModel::Stage::Set; break;
            case protocol::Stage::Rest: vm.stage = GuidedViewModel::Stage::Rest; break;
            case protocol::Stage::Done: vm.stage = GuidedViewModel::Stage::Done; break;
        }
        vm.set_number = r.set_number();
        vm.reps_in_set = r.reps_in_set();
        vm.target_reps = r.target_reps();
        vm.to_failure = vm.set_number > 0 && vm.set_number <= p.sets.size() && p.sets[vm.set_number - 1].to_failure;
        vm.reps_total = r.total_reps();
        vm.rest_remaining_s = r.rest_remaining_s(now_ns);
        vm.stage_elapsed_s = r.stage_elapsed_s(now_ns);
        vm.target_pct_lop = r.target_pct_lop(now_ns);
        vm.target_mmhg = vm.target_pct_lop * 0.01 * lop;
        const protocol::TempoCue cue = r.tempo_cue(now_ns);
        switch (cue.direction) {
            case protocol::CueDirection::None: vm.cue = GuidedViewModel::Cue::None; break;
            case protocol::CueDirection::Up: vm.cue = GuidedViewModel::Cue::Up; break;
            case protocol::CueDirection::Down: vm.cue = GuidedViewModel::Cue::Down; break;
            case protocol::CueDirection::Hold: vm.cue = GuidedViewModel::Cue::Hold; break;
        }
        vm.cue_progress_01 = static_cast<float>(std::clamp(cue.progress_01, 0.0, 1.0));
        for (const protocol::SetResult& set : r.sets()) {
            vm.sets.push_back(GuidedViewModel::SetRow{set.reps, set.target_reps, set.to_failure, set.ended_early,
                                                      static_cast<double>(set.end_ns - set.start_ns) / 1e9});
        }
        vm.warmup_reps = ps.warmup_reps;
        const auto advice = protocol::advise_next_load(p, r.sets(), p.load_pct1rm);
        vm.load_advice = advice.reason;
        vm.load_advice_pct1rm = advice.load_pct1rm;
        vm.load_increase = advice.increase;
        // Discomfort is asked in each rest and at the end, until the patient answers.
        if (vm.stage == GuidedViewModel::Stage::Rest || vm.stage == GuidedViewModel::Stage::Done) {
            const std::int64_t stage_start_ns =
                now_ns - static_cast<std::int64_t>(std::llround(vm.stage_elapsed_s * 1e9));
            vm.discomfort_wanted = ss.discomfort_last_ns < stage_start_ns && vm.set_number > 0;
        }
    }
    {
        const auto& gs = world.ctx().get<session::GameState>();
        const auto& score = gs.score;
        vm.points = score.points();
        vm.combo = score.combo();
        vm.multiplier_pct = gamification::combo_multiplier_pct(score.combo() + 1);
        vm.best_combo = score.best_combo();
        vm.last_rep_points = gs.any_rep ? gs.last.points : 0;
        vm.last_rep_gated = gs.any_rep && gs.last.gated;
        vm.good_rep_share_01 = score.good_rep_share_01();
        vm.goal_reps = score.goal().reps;
        vm.goal_done = score.reps();
        vm.cheer = gs.cue;
    }
    const auto& pf = world.ctx().get<session::PressureFidelity>().tracker.summary();
    vm.last_rep_peak_pct_lop = pf.last_peak_pct_lop;
    vm.last_rep_valley_pct_lop = pf.last_valley_pct_lop;
    vm.time_in_band_pct = pf.time_in_band_pct;
    vm.peak_pct_lop_mean = pf.peak_pct_lop_mean;
    vm.valley_pct_lop_mean = pf.valley_pct_lop_mean;
    for (const safety::Alarm& a : ss.monitor.alarms()) {
        AlarmView v;
        v.id = a.id;
        v.kind = safety::kind_name(a.kind);
        v.title = alarm_title(v.kind);
        v.message = a.message;
        v.action = safety::action_name(a.action);
        v.t_s = static_cast<double>(a.t_ns) / 1e9;
        v.acknowledged = a.acknowledged;
        v.active = a.active;
        vm.alarms.push_back(std::move(v));
    }
    vm.unacknowledged = ss.monitor.unacknowledged();
    for (const safety::Notice& n : ss.monitor.notices()) vm.notices.push_back(n.text);
    const safety::SafetyStatus st = ss.monitor.status();
    vm.occlusion_run_s = st.occlusion_run_s;
    vm.inflated = st.inflated;
    vm.in_band = st.in_band;
    vm.must_deflate = ss.monitor.must_deflate();
    const bool cuff_wanted = vm.stage == GuidedViewModel::Stage::Set ||
                             (vm.stage == GuidedViewModel::Stage::Rest && !vm.cuff_released_in_rest);
    const double cuff_now = world.ctx().get<session::TelemetryState>().latest.get(telemetry_v1::kCuffMmhg);
    vm.cuff_down = cuff_wanted && !vm.must_deflate && vm.target_mmhg > 0.0 && std::isfinite(cuff_now) &&
                   cuff_now < session::kCuffOnMmhg;
    vm.occlusion_limit_s = ss.monitor.limits().occlusion_limit_s;
    vm.occlusion_warning_s = ss.monitor.limits().occlusion_warning_s;
    vm.discomfort_stop_above = ss.monitor.limits().discomfort_stop_above;
    vm.discomfort_last = ss.discomfort_last;
    vm.discomfort_max = ss.discomfort_max;
    return vm;
}

}  // namespace bfr::presentation
