#include "game/modes/therapist/lab.hpp"

#include "game/physiology/lop.hpp"
#include "game/presentation/view_models.hpp"
#include "game/session/commands.hpp"
#include "game/session/guidance.hpp"
#include "game/telemetry/format_v1.hpp"
#include "game/telemetry/recorder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace bfr::modes::therapist {
namespace {

physiology::Limb model_limb(session::LimbKind limb) noexcept {
    return limb == session::LimbKind::Leg ? physiology::Limb::Leg : physiology::Limb::Arm;
}

core::Tick ticks_of(double seconds) noexcept {
    return core::ticks_from_seconds(std::max(0.0, seconds));
}

std::string pct_text(double pct) {
    return fmt::format("{:.0f} % LOP", pct);
}

}  // namespace

// --- Setup ---------------------------------------------------------------------------------------

void apply_protocol(const protocol::Protocol& p, session::LimbKind limb, LabSetup& setup, LabParams& params) {
    setup.set_reps.clear();
    for (const protocol::SetSpec& s : p.sets) setup.set_reps.push_back(s.to_failure ? std::max(15u, s.reps) : s.reps);
    if (setup.set_reps.empty()) setup.set_reps = {30, 15, 15, 15};
    setup.load_pct1rm = p.load_pct1rm;
    params.pct_lop_a = limb == session::LimbKind::Leg ? p.target_pct_lop_leg : p.target_pct_lop_arm;
    params.rest_s = p.rest_s;
    params.cuff_on_in_rest = p.cuff_in_rest == protocol::CuffInRest::KeepOn;
    const double rep = p.tempo.rep_s();
    if (rep > 0.2) params.rep_s = rep;
    LabSetup s = setup;
    LabParams q = params;
    // Snap to what the controls offer, so the keyboard steps from there.
    for (const Control c : {Control::PctLopA, Control::Cadence, Control::Rest, Control::Load}) {
        (void)set_control(c, control_value(c, s, q), s, q);
    }
    setup = s;
    params = q;
}

double cuff_width_cm(const LabSetup& setup) noexcept {
    if (setup.cuff_width_cm > 0.0 && std::isfinite(setup.cuff_width_cm)) return setup.cuff_width_cm;
    return physiology::preset(model_limb(setup.limb)).cuff_width_cm;
}

double lab_lop_mmHg(const LabSetup& setup) noexcept {
    const physiology::Params p = physiology::preset(model_limb(setup.limb));
    return physiology::estimate_lop({model_limb(setup.limb), cuff_width_cm(setup), p.limb_circumference_cm, p.sbp_mmHg,
                                     setup.posture})
        .mmHg;
}

double lab_lop_sd_mmHg(const LabSetup& setup) noexcept {
    return physiology::lop_sd_mmHg(lab_lop_mmHg(setup));
}

sim::SimConfig lab_sim_config(const LabSetup& setup, double first_rep_s) {
    sim::SimConfig c;
    c.limb = setup.limb == session::LimbKind::Leg ? sim::Limb::Leg : sim::Limb::Arm;
    c.seed = setup.seed;
    c.profile = setup.loose_cuff ? sim::Profile::Loose : sim::Profile::Tight;
    c.lop_mmhg = lab_lop_mmHg(setup);
    c.individual_lop = false;  // the patient's LOP is exactly the estimate (the same person on both sides)
    c.measure_lop = false;
    c.load_pct_1rm = setup.load_pct1rm;
    c.auto_tempo = false;       // the lab's script drives both patients
    c.wait_for_target = true;   // vented until the lab asks for a pressure
    c.rep_ns = static_cast<std::int64_t>(std::llround(std::clamp(first_rep_s, 0.5, 10.0) * 1e9));
    return c;
}

session::SessionConfig lab_session_config(const LabSetup& setup) {
    session::SessionConfig c;
    c.limb = setup.limb;
    c.lop_mmHg = lab_lop_mmHg(setup);
    c.load_pct1rm = setup.load_pct1rm;
    return c;
}

// --- Script --------------------------------------------------------------------------------------

void LabScript::advance(core::Tick k, const LabParams& p, const std::vector<std::uint32_t>& set_reps) {
    const std::size_t sets = set_reps.size();
    const core::Tick rep_len = std::max<core::Tick>(2, ticks_of(p.rep_s));
    auto begin_set = [&](std::uint32_t index) {
        stage = LabStage::Set;
        set_index = index;
        reps_done = 0;
        stage_start = k;
        rep_start = k;
        rep_ticks = rep_len;
    };
    switch (stage) {
        case LabStage::LeadIn:
            if (k >= kLeadInTicks) {
                if (sets == 0) {
                    stage = LabStage::Recovery;
                    stage_start = k;
                } else {
                    begin_set(0);
                }
            }
            break;
        case LabStage::Set:
            if (k >= rep_start + rep_ticks) {
                ++reps_done;
                if (reps_done >= set_reps[set_index]) {
                    stage = set_index + 1 >= sets ? LabStage::Recovery : LabStage::Rest;
                    stage_start = k;
                } else {
                    rep_start = k;
                    rep_ticks = rep_len;
                }
            }
            break;
        case LabStage::Rest:
            if (k >= stage_start + ticks_of(p.rest_s)) begin_set(set_index + 1);
            break;
        case LabStage::Recovery: break;
    }
    rest_ticks = ticks_of(p.rest_s);
    switch (stage) {
        case LabStage::LeadIn:
            contract = false;
            cuff_on = true;
            break;
        case LabStage::Set:
            contract = k - rep_start < rep_ticks / 2;
            cuff_on = true;
            break;
        case LabStage::Rest: {
            contract = false;
            const core::Tick reinflate = std::min(kReinflateTicks, rest_ticks / 2);
            cuff_on = p.cuff_on_in_rest || k + reinflate >= stage_start + rest_ticks;
            break;
        }
        case LabStage::Recovery:
            contract = false;
            cuff_on = false;
            break;
    }
}

std::string stage_text(const LabScript& s, core::Tick now, std::size_t sets_total) {
    const double elapsed = core::seconds_from_ticks(now > s.stage_start ? now - s.stage_start : 0);
    switch (s.stage) {
        case LabStage::LeadIn: return "Cuff inflating \xc2\xb7 set 1 next";
        case LabStage::Set:
            return fmt::format("Set {} of {} \xc2\xb7 rep {}", s.set_index + 1, sets_total, s.reps_done + 1);
        case LabStage::Rest: {
            const double left = std::max(0.0, core::seconds_from_ticks(s.rest_ticks) - elapsed);
            return fmt::format("Rest \xc2\xb7 {} left \xc2\xb7 cuff {}", presentation::format_clock(std::ceil(left)),
                               s.cuff_on ? "on" : "off");
        }
        case LabStage::Recovery:
            return fmt::format("Done \xc2\xb7 cuff off {}", presentation::format_clock(elapsed));
    }
    return {};
}

// --- Sides ---------------------------------------------------------------------------------------

std::string side_label(Side side, const LabParams& params) {
    if (side == Side::A) return fmt::format("A \xc2\xb7 BFR {}", pct_text(params.pct_lop_a));
    if (params.b_mode == BMode::NoCuff) return "B \xc2\xb7 no cuff (no BFR)";
    return fmt::format("B \xc2\xb7 BFR {}", pct_text(params.pct_lop_b));
}

std::string side_name(Side side, const LabParams& params) {
    if (side == Side::A) return "A (cuff)";
    if (params.b_mode == BMode::NoCuff) return "B (no cuff)";
    return fmt::format("B ({:.0f} % LOP)", params.pct_lop_b);
}

// --- Run -----------------------------------------------------------------------------------------

LabRun::LabRun(const LabSetup& setup, const LabParams& first, telemetry_v1::Recorder* record_a,
               telemetry_v1::Recorder* record_b)
    : setup_{setup},
      feed_a_{lab_sim_config(setup, first.rep_s)},
      feed_b_{lab_sim_config(setup, first.rep_s)},
      rec_a_{record_a != nullptr ? std::make_unique<frontend::RecordingFeed>(feed_a_, *record_a) : nullptr},
      rec_b_{record_b != nullptr ? std::make_unique<frontend::RecordingFeed>(feed_b_, *record_b) : nullptr},
      a_{lab_session_config(setup), rec_a_ ? static_cast<session::SampleFeed*>(rec_a_.get()) : &feed_a_},
      b_{lab_session_config(setup), rec_b_ ? static_cast<session::SampleFeed*>(rec_b_.get()) : &feed_b_},
      captions_{side_name(Side::A, first), side_name(Side::B, first)} {
    trace_a_.reserve(4096);
    trace_b_.reserve(4096);
    a_.prime();
    b_.prime();
    observe(first);
}

void LabRun::step(const LabParams& params) {
    const core::Tick k = a_.tick() + 1;
    const LabStage stage_before = script_.stage;
    const std::uint32_t reps_before = script_.reps_done;
    script_.advance(k, params, setup_.set_reps);
    if (script_.stage != stage_before || (script_.stage == LabStage::Set && script_.reps_done != reps_before)) {
        if (stage_before == LabStage::Set && (script_.reps_done != reps_before || script_.stage != LabStage::Set)) {
            marks_.push_back({LabMark::Kind::Rep, k, stage_before == LabStage::Set ? script_.set_index : 0});
        }
        if (script_.stage != stage_before) {
            const LabMark::Kind kind = script_.stage == LabStage::Set    ? LabMark::Kind::SetStart
                                       : script_.stage == LabStage::Rest ? LabMark::Kind::RestStart
                                                                         : LabMark::Kind::RecoveryStart;
            marks_.push_back({kind, k, script_.set_index});
        }
    }
    if (script_.contract != contract_) {
        contract_ = script_.contract;
        const session::Command c{contract_ ? session::CommandKind::ContractDown : session::CommandKind::ContractUp};
        (void)a_.push(c);
        (void)b_.push(c);
    }
    const std::array<double, 2> want{
        script_.cuff_on ? params.pct_lop_a : 0.0,
        script_.cuff_on && params.b_mode == BMode::SecondPressure ? params.pct_lop_b : 0.0};
    for (std::size_t i = 0; i < 2; ++i) {
        if (want[i] == asked_[i]) continue;
        asked_[i] = want[i];
        (void)(i == 0 ? a_ : b_).push({session::CommandKind::DeviceTarget, static_cast<float>(want[i])});
    }
    a_.step();
    b_.step();
    for (const session::Session* s : {&a_, &b_}) {
        if (!s->world().ctx().get<session::SafetyState>().tick_alarms.empty()) {
            marks_.push_back({LabMark::Kind::Alarm, k, script_.set_index});
            break;
        }
    }
    captions_.rename(side_name(Side::A, params), side_name(Side::B, params));
    observe(params);
}

void LabRun::observe(const LabParams& params) {
    trace_a_.record(a_);
    trace_b_.record(b_);
    StageObservation st;
    st.in_set = script_.stage == LabStage::Set;
    st.in_rest = script_.stage == LabStage::Rest;
    st.rest_cuff_on = params.cuff_on_in_rest;
    st.finished = script_.stage == LabStage::Recovery;
    captions_.observe(a_.tick(), observe_limb(a_, true),
                      observe_limb(b_, params.b_mode == BMode::SecondPressure), st);
}

// --- Timeline ------------------------------------------------------------------------------------

Lab::Lab(const LabSetup& setup, const LabParams& params) : setup_{setup} {
    log_.push_back(ParamChange{0, params});
    rebuild();
}

const LabParams& Lab::params_at(core::Tick k) const noexcept {
    // The latest change at or before k (the log is in tick order and starts at 0).
    auto it = std::upper_bound(log_.begin(), log_.end(), k, [](core::Tick t, const ParamChange& c) { return t < c.tick; });
    return it == log_.begin() ? log_.front().params : std::prev(it)->params;
}

const LabParams& Lab::params() const noexcept {
    return params_at(now() + 1);
}

void Lab::rebuild() {
    run_ = std::make_unique<LabRun>(setup_, log_.front().params);
}

void Lab::step_once() {
    run_->step(params_at(run_->tick() + 1));
}

void Lab::reached() {
    if (run_->tick() >= latest_) {
        latest_ = run_->tick();
        marks_ = run_->marks();
    }
}

void Lab::advance(core::Tick ticks) {
    for (core::Tick i = 0; i < ticks && run_->tick() < kMaxLabTicks; ++i) step_once();
    reached();
}

core::Tick Lab::planned_end() const noexcept {
    const LabParams& p = params();
    double s = core::seconds_from_ticks(kLeadInTicks);
    for (const std::uint32_t reps : setup_.set_reps) s += reps * p.rep_s;
    if (!setup_.set_reps.empty()) s += static_cast<double>(setup_.set_reps.size() - 1) * p.rest_s;
    return core::ticks_from_seconds(s + 60.0);
}

void Lab::seek(core::Tick t) {
    t = std::min(t, kMaxLabTicks);
    if (t < run_->tick()) {
        rebuild();
        while (run_->tick() < t) {
            step_once();
            ++resimulated_;
        }
    } else {
        while (run_->tick() < t) step_once();
    }
    reached();
}

void Lab::set_params(const LabParams& params) {
    const core::Tick from = now() + 1;
    if (params == params_at(from)) return;
    // The future is rewritten: changes after now are dropped, and so is what was seen of it.
    std::erase_if(log_, [from](const ParamChange& c) { return c.tick > from; });
    if (log_.back().tick == from) {
        log_.back().params = params;
    } else {
        log_.push_back(ParamChange{from, params});
    }
    latest_ = now();
    marks_ = run_->marks();
}

void Lab::set_setup(const LabSetup& setup) {
    if (setup == setup_) return;
    const core::Tick t = now();
    setup_ = setup;
    rebuild();
    while (run_->tick() < t) {
        step_once();
        ++resimulated_;
    }
    latest_ = t;
    marks_ = run_->marks();
}

void Lab::restart() {
    const LabParams p = params();
    log_.clear();
    log_.push_back(ParamChange{0, p});
    latest_ = 0;
    rebuild();
    marks_.clear();
}

bool Lab::record(const std::filesystem::path& path_a, const std::filesystem::path& path_b, std::string* error) const {
    const LabParams& first = log_.front().params;
    const double lop = lab_lop_mmHg(setup_);
    auto comment = [&](Side side) {
        return fmt::format("therapist lab, {} {}, {} cuff {:.1f} cm, LOP {:.0f} mmHg (estimated), load {:.0f} %1RM, "
                           "{} (from 0:00)",
                           setup_.limb == session::LimbKind::Leg ? "leg" : "arm", posture_name(setup_.posture),
                           side == Side::A ? "side A," : "side B,", cuff_width_cm(setup_), lop, setup_.load_pct1rm,
                           side_label(side, first));
    };
    auto rec_a = telemetry_v1::Recorder::create(path_a, telemetry_v1::schema(), comment(Side::A), error);
    if (!rec_a) return false;
    auto rec_b = telemetry_v1::Recorder::create(path_b, telemetry_v1::schema(), comment(Side::B), error);
    if (!rec_b) return false;
    LabRun run{setup_, first, rec_a.get(), rec_b.get()};
    while (run.tick() < latest_) run.step(params_at(run.tick() + 1));
    const bool ok_a = rec_a->sync();
    const bool ok_b = rec_b->sync();
    if (!ok_a || !ok_b) {
        if (error != nullptr) *error = !ok_a ? rec_a->error() : rec_b->error();
        return false;
    }
    return true;
}

// --- Controls ------------------------------------------------------------------------------------

namespace {

constexpr ControlInfo kControls[kControlCount] = {
    {Control::PctLopA, "A: cuff pressure", "A's cuff, % of the limb occlusion pressure (acts now)", false, 20, 80, 5},
    {Control::BModeControl, "B is", "No cuff (the same exercise without BFR) or a second pressure", false, 0, 1, 1},
    {Control::PctLopB, "B: cuff pressure", "B's cuff when it has one, % LOP (acts now)", false, 20, 80, 5},
    {Control::Cadence, "Cadence", "Seconds per rep, half up and half down (from the next rep)", false, 1, 6, 0.5},
    {Control::Rest, "Rest between sets", "Length of the rests (acts now)", false, 5, 120, 5},
    {Control::CuffInRest, "Cuff in rests", "Kept on (continuous) or released (intermittent)", false, 0, 1, 1},
    {Control::Load, "Load", "% of one-rep maximum (rewrites the run)", true, 10, 60, 5},
    {Control::CuffWidth, "Cuff width", "Wider cuffs occlude at lower pressure (rewrites the run)", true, 4, 18, 0.5},
    {Control::Posture, "Posture", "Sets the LOP with the cuff's height (rewrites the run)", true, 0, 2, 1},
    {Control::Limb, "Limb", "Arm (biceps curl) or leg (knee extension; rewrites the run)", true, 0, 1, 1},
};

double snap(const ControlInfo& info, double v) {
    if (!std::isfinite(v)) v = info.min;
    v = std::clamp(v, info.min, info.max);
    if (info.step > 0.0) v = info.min + std::round((v - info.min) / info.step) * info.step;
    return std::clamp(v, info.min, info.max);
}

}  // namespace

const char* posture_name(physiology::Posture p) noexcept {
    switch (p) {
        case physiology::Posture::Supine: return "lying (supine)";
        case physiology::Posture::Seated: return "seated";
        case physiology::Posture::Standing: return "standing";
    }
    return "seated";
}

const ControlInfo& control_info(Control c) noexcept {
    return kControls[std::min(static_cast<std::size_t>(c), kControlCount - 1)];
}

bool control_enabled(Control c, const LabParams& params) noexcept {
    return c != Control::PctLopB || params.b_mode == BMode::SecondPressure;
}

double control_value(Control c, const LabSetup& setup, const LabParams& params) noexcept {
    switch (c) {
        case Control::PctLopA: return params.pct_lop_a;
        case Control::BModeControl: return params.b_mode == BMode::SecondPressure ? 1.0 : 0.0;
        case Control::PctLopB: return params.pct_lop_b;
        case Control::Cadence: return params.rep_s;
        case Control::Rest: return params.rest_s;
        case Control::CuffInRest: return params.cuff_on_in_rest ? 0.0 : 1.0;
        case Control::Load: return setup.load_pct1rm;
        case Control::CuffWidth: return cuff_width_cm(setup);
        case Control::Posture: return static_cast<double>(setup.posture);
        case Control::Limb: return setup.limb == session::LimbKind::Leg ? 1.0 : 0.0;
        case Control::Count: break;
    }
    return 0.0;
}

std::string control_value_text(Control c, const LabSetup& setup, const LabParams& params) {
    const double lop = lab_lop_mmHg(setup);
    switch (c) {
        case Control::PctLopA:
            return fmt::format("{:.0f} % LOP \xc2\xb7 {:.0f} mmHg", params.pct_lop_a, lop * params.pct_lop_a / 100.0);
        case Control::BModeControl:
            return params.b_mode == BMode::NoCuff ? "no cuff (no BFR)" : "a second pressure";
        case Control::PctLopB:
            if (params.b_mode == BMode::NoCuff) return "(no cuff)";
            return fmt::format("{:.0f} % LOP \xc2\xb7 {:.0f} mmHg", params.pct_lop_b, lop * params.pct_lop_b / 100.0);
        case Control::Cadence:
            return fmt::format("{:.1f} s per rep", params.rep_s);
        case Control::Rest: return fmt::format("{:.0f} s", params.rest_s);
        case Control::CuffInRest: return params.cuff_on_in_rest ? "kept on" : "released";
        case Control::Load: return fmt::format("{:.0f} % 1RM", setup.load_pct1rm);
        case Control::CuffWidth: return fmt::format("{:.1f} cm", cuff_width_cm(setup));
        case Control::Posture: return posture_name(setup.posture);
        case Control::Limb:
            return setup.limb == session::LimbKind::Leg ? "leg \xc2\xb7 knee extension" : "arm \xc2\xb7 biceps curl";
        case Control::Count: break;
    }
    return {};
}

bool set_control(Control c, double value, LabSetup& setup, LabParams& params) noexcept {
    const ControlInfo& info = control_info(c);
    const double v = snap(info, value);
    const LabSetup s0 = setup;
    const LabParams p0 = params;
    switch (c) {
        case Control::PctLopA: params.pct_lop_a = v; break;
        case Control::BModeControl: params.b_mode = v >= 0.5 ? BMode::SecondPressure : BMode::NoCuff; break;
        case Control::PctLopB: params.pct_lop_b = v; break;
        case Control::Cadence: params.rep_s = v; break;
        case Control::Rest: params.rest_s = v; break;
        case Control::CuffInRest: params.cuff_on_in_rest = v < 0.5; break;
        case Control::Load: setup.load_pct1rm = v; break;
        case Control::CuffWidth: setup.cuff_width_cm = v; break;
        case Control::Posture: setup.posture = static_cast<physiology::Posture>(static_cast<int>(std::lround(v))); break;
        case Control::Limb: {
            const auto limb = v >= 0.5 ? session::LimbKind::Leg : session::LimbKind::Arm;
            if (limb != setup.limb) {
                setup.limb = limb;
                setup.cuff_width_cm = 0.0;  // the new limb's usual cuff
            }
            break;
        }
        case Control::Count: break;
    }
    return !(setup == s0) || !(params == p0);
}

bool step_control(Control c, int direction, LabSetup& setup, LabParams& params) noexcept {
    const ControlInfo& info = control_info(c);
    const double v = control_value(c, setup, params);
    const bool choice = c == Control::BModeControl || c == Control::CuffInRest || c == Control::Posture ||
                        c == Control::Limb;
    if (choice) {
        const int n = static_cast<int>(std::lround(info.max - info.min)) + 1;
        const int i = static_cast<int>(std::lround(v - info.min));
        const int next = ((i + (direction >= 0 ? 1 : -1)) % n + n) % n;
        return set_control(c, info.min + next, setup, params);
    }
    return set_control(c, v + (direction >= 0 ? info.step : -info.step), setup, params);
}

}  // namespace bfr::modes::therapist
