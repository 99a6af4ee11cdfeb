#include "game/modes/therapist/traces.hpp"

#include "game/session/session.hpp"
#include "game/session/systems.hpp"
#include "game/telemetry/format_v1.hpp"

#include <algorithm>
#include <cmath>

namespace bfr::modes::therapist {
namespace {

constexpr std::array<VarInfo, kVarCount> kVars{{
    {"Cuff pressure", "mmHg", "What the cuff's sensor reads; the band is the prescription ±10 %.", 100.f, 0.f, 0},
    {"Target pressure", "mmHg", "The pressure the device regulates toward.", 100.f, 0.f, 0},
    {"Cuff, % of LOP", "%", "Cuff pressure as a share of the limb occlusion pressure now.", 100.f, 0.f, 0},
    {"LOP now", "mmHg", "Limb occlusion pressure: rises with blood pressure during exercise.", 200.f, 0.f, 0},
    {"Arterial inflow", "% of rest", "Blood flowing in through the arteries.", 200.f, 0.f, 0},
    {"Venous outflow", "% of rest", "Blood draining out through the veins.", 200.f, 0.f, 0},
    {"Venous pressure", "mmHg", "Pressure in the veins below the cuff.", 20.f, 0.f, 0},
    {"Pooled venous blood", "mL/100 mL", "Extra blood held in the veins below the cuff.", 1.f, 0.f, 2},
    {"Interstitial fluid", "mL/100 mL", "Fluid filtered out of the capillaries into the tissue.", 0.5f, 0.f, 2},
    {"Cell volume", "% over rest", "Water drawn into the muscle cells by the metabolites.", 1.f, 0.f, 2},
    {"Muscle thickness", "% over rest", "Swelling as ultrasound measures it: blood, fluid and cells.", 5.f, 0.f, 1},
    {"Metabolites", "%", "Lactate, acid (H+) and phosphate held in the muscle (0-100 %).", 20.f, 0.f, 0},
    {"Phosphocreatine", "% of rest", "The muscle's quick energy store.", 100.f, 0.f, 0},
    {"Phosphate (Pi)", "mM", "Released as the energy store is used.", 10.f, 0.f, 1},
    {"Muscle pH", "", "Acidity inside the muscle (lower = more acid).", 7.1f, 6.4f, 2},
    {"Muscle lactate", "mmol/L", "Made by anaerobic energy production.", 5.f, 0.f, 1},
    {"Blood lactate", "mmol/L", "Lactate that reached the circulation (rises after release).", 2.f, 0.f, 1},
    {"Muscle O2 (SmO2)", "%", "Oxygen saturation of the muscle, as a NIRS sensor shows it.", 100.f, 0.f, 0},
    {"ATP demand", "mM/s", "Energy the working muscle uses.", 0.5f, 0.f, 2},
    {"Aerobic ATP", "mM/s", "Energy made with oxygen (limited by blood flow).", 0.5f, 0.f, 2},
    {"Anaerobic ATP", "mM/s", "Energy made without oxygen (glycolysis): makes lactate.", 0.5f, 0.f, 2},
    {"Activation", "% MVC", "How hard the muscle is driven (fraction of a maximal contraction).", 50.f, 0.f, 0},
    {"Motor units active", "%", "Share of the muscle's fibres recruited now.", 50.f, 0.f, 0},
    {"Fatigue", "% force lost", "Loss of maximal force (three-compartment model).", 10.f, 0.f, 1},
    {"Force capacity", "% of fresh", "Force the muscle can still produce.", 100.f, 0.f, 0},
    {"Discomfort", "0-10", "Modelled cuff and exercise discomfort.", 10.f, 0.f, 1},
    {"Effort (RPE)", "6-20", "Modelled rating of perceived exertion (Borg).", 20.f, 6.f, 0},
    {"Time under occlusion", "s", "Continuous time with the cuff at 20 mmHg or more.", 60.f, 0.f, 0},
}};

constexpr std::array<PlotPage, 4> kPages{{
    {"Flow and the two mechanisms",
     {Var::CuffMmhg, Var::ArterialInflow, Var::VenousOutflow, Var::Pooled, Var::Metabolite, Var::CellSwell,
      Var::Swelling},
     7},
    {"Pressure and fluid",
     {Var::PctLop, Var::Lop, Var::VenousPressure, Var::Interstitial, Var::Occlusion, Var::Smo2, Var::BloodLactate},
     7},
    {"Energy and acid",
     {Var::AtpDemand, Var::Oxidative, Var::Glycolytic, Var::Pcr, Var::Pi, Var::Ph, Var::Lactate},
     7},
    {"Effort, fatigue and feeling",
     {Var::Activation, Var::Recruitment, Var::Fatigue, Var::Capacity, Var::Discomfort, Var::Rpe, Var::Metabolite},
     6},
}};

float f(double v) noexcept {
    return std::isfinite(v) ? static_cast<float>(v) : 0.f;
}

}  // namespace

const VarInfo& var_info(Var v) noexcept {
    return kVars[std::min(static_cast<std::size_t>(v), kVarCount - 1)];
}

TracePoint trace_point(const session::Session& session) {
    TracePoint p{};
    const auto& telemetry = session.world().ctx().get<session::TelemetryState>();
    const auto& latest = telemetry.latest;
    const session::LimbPhysiology& phys = session.physiology();
    const auto& o = phys.out;
    // A lost sensor (or the end of a recording) is a gap in the pressure plot, not its last value.
    const bool receiving = telemetry.samples > 0 &&
                           core::tick_end_ns(session.tick()) - telemetry.last_sample_ns <= session::kSensorLostNs;
    p[static_cast<std::size_t>(Var::CuffMmhg)] =
        receiving && latest.has(telemetry_v1::kCuffMmhg) ? f(latest.values[telemetry_v1::kCuffMmhg]) : -1.f;
    float target = -1.f;
    if (receiving && latest.has(telemetry_v1::kTargetMmhg) && latest.values[telemetry_v1::kTargetMmhg] > 0.0) {
        target = f(latest.values[telemetry_v1::kTargetMmhg]);
    }
    p[static_cast<std::size_t>(Var::TargetMmhg)] = target;
    p[static_cast<std::size_t>(Var::PctLop)] = f(std::max(0.0, o.pct_lop));
    p[static_cast<std::size_t>(Var::Lop)] = f(o.lop_mmHg);
    p[static_cast<std::size_t>(Var::ArterialInflow)] = f(o.arterial_inflow_pct);
    p[static_cast<std::size_t>(Var::VenousOutflow)] = f(o.venous_outflow_pct);
    p[static_cast<std::size_t>(Var::VenousPressure)] = f(o.venous_pressure_mmHg);
    p[static_cast<std::size_t>(Var::Pooled)] = f(o.pooled_ml_100ml);
    p[static_cast<std::size_t>(Var::Interstitial)] = f(o.interstitial_ml_100ml);
    p[static_cast<std::size_t>(Var::CellSwell)] = f(o.cell_swell_pct);
    p[static_cast<std::size_t>(Var::Swelling)] = f(o.swelling_pct);
    p[static_cast<std::size_t>(Var::Metabolite)] = f(100.0 * std::clamp(o.metabolite, 0.0, 1.0));
    p[static_cast<std::size_t>(Var::Pcr)] = f(o.pcr_pct);
    p[static_cast<std::size_t>(Var::Pi)] = f(o.pi_mM);
    p[static_cast<std::size_t>(Var::Ph)] = f(o.ph);
    p[static_cast<std::size_t>(Var::Lactate)] = f(o.lactate_mmol_l);
    p[static_cast<std::size_t>(Var::BloodLactate)] = f(o.blood_lactate_mmol_l);
    p[static_cast<std::size_t>(Var::Smo2)] = f(o.smo2_pct);
    p[static_cast<std::size_t>(Var::AtpDemand)] = f(o.atp_demand_mM_s);
    p[static_cast<std::size_t>(Var::Oxidative)] = f(o.oxidative_mM_s);
    p[static_cast<std::size_t>(Var::Glycolytic)] = f(o.glycolytic_mM_s);
    p[static_cast<std::size_t>(Var::Activation)] = f(100.0 * phys.inputs.activation);
    p[static_cast<std::size_t>(Var::Recruitment)] = f(o.recruitment_pct);
    p[static_cast<std::size_t>(Var::Fatigue)] = f(o.fatigue_pct);
    p[static_cast<std::size_t>(Var::Capacity)] = f(100.0 * o.capacity);
    p[static_cast<std::size_t>(Var::Discomfort)] = f(o.discomfort);
    p[static_cast<std::size_t>(Var::Rpe)] = f(o.rpe);
    p[static_cast<std::size_t>(Var::Occlusion)] = f(o.occlusion_run_s);
    return p;
}

void Trace::record(const session::Session& session) {
    if (session.tick() % kTraceTicks != 0 && !points_.empty()) return;
    record(session.tick(), trace_point(session));
}

void Trace::record(core::Tick tick, const TracePoint& point) {
    const std::size_t slot = static_cast<std::size_t>(tick / kTraceTicks);
    if (!points_.empty() && slot < points_.size()) return;  // this slot (or a later one) is recorded
    while (points_.size() <= slot) points_.push_back(point);
}

std::size_t Trace::index_at(core::Tick tick) const noexcept {
    if (points_.empty()) return 0;
    const auto slot = static_cast<std::size_t>(tick / kTraceTicks);
    return std::min(slot, points_.size() - 1);
}

float Trace::max_in(Var v, std::size_t first, std::size_t last) const noexcept {
    float m = 0.f;
    const auto c = static_cast<std::size_t>(v);
    for (std::size_t i = first; i <= last && i < points_.size(); ++i) m = std::max(m, points_[i][c]);
    return m;
}

std::span<const PlotPage> plot_pages() noexcept {
    return kPages;
}

float plot_top(float value, float min_top) noexcept {
    float v = std::isfinite(value) ? std::max(value, min_top) : min_top;
    if (!(v > 0.f)) return 1.f;
    v *= 1.0001f;  // a value exactly on a step stays on it
    const float p = std::pow(10.f, std::floor(std::log10(v)));
    for (const float m : {1.f, 2.f, 2.5f, 5.f, 10.f}) {
        if (m * p >= v / 1.0001f) return m * p;
    }
    return 10.f * p;
}

PlotRange plot_range(Var v, float max_value) noexcept {
    const VarInfo& info = var_info(v);
    PlotRange r;
    r.bottom = info.fixed_bottom;
    if (info.fixed_bottom > 0.f) {
        const float m = std::isfinite(max_value) ? max_value : info.min_top;
        r.top = std::max(info.min_top, std::ceil(m * 10.f - 1e-3f) / 10.f);
    } else {
        r.top = plot_top(max_value, info.min_top);
    }
    if (!(r.top > r.bottom)) r.top = r.bottom + 1.f;
    return r;
}

}  // namespace bfr::modes::therapist
