#include "game/physiology/model.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace bfr::physiology {
namespace {

constexpr double kOcclusionThresholdMmhg = 20.0;  // interfaces.md §5: occlusion_s
constexpr double kMaxStepS = 1.0 / 60.0;          // internal step: never coarser than the tick
constexpr double kMaxDtS = 3600.0;                // one call advances at most an hour
constexpr double kPiRangeMm = 12.5;               // ΔPi that counts as a full metabolite load
constexpr double kPhRange = 0.3;                  // ΔpH that counts as a full metabolite load
constexpr double kPhFloor = 6.2;
constexpr double kPhCeiling = 7.3;
constexpr double kCapillaryPerVenous = 1.16;      // Pc = 1.16·Pv + 8.1 (Perry 1986)
constexpr double kLactatePerGlycolyticAtp = 1.0 / 1.5;
constexpr double kRestingActivation = 0.01;       // below this the muscle is resting (3CC r applies)

/// The tissue store's rest saturation that gives the device's resting SmO2.
double tissue_o2_rest_pct(const Params& p) noexcept {
    return (p.smo2_rest_pct - p.nirs_arterial_share * p.arterial_sat_pct) / (1.0 - p.nirs_arterial_share);
}

double finite_or(double v, double fallback) noexcept {
    return std::isfinite(v) ? v : fallback;
}
double clamp(double v, double lo, double hi) noexcept {
    return std::isfinite(v) ? std::clamp(v, lo, hi) : lo;
}
double clamp01(double v) noexcept {
    return clamp(v, 0.0, 1.0);
}

struct CleanInputs {
    double cuff_mmHg;
    double lop0_mmHg;
    double activation;
    double tissue_mmHg;  // pressure the cuff exerts on the deep tissue (fixed for the call)
};

CleanInputs clean(const Inputs& in, const Params& p) noexcept {
    CleanInputs c{clamp(finite_or(in.cuff_mmHg, 0.0), 0.0, 500.0), clamp(finite_or(in.lop_mmHg, 170.0), 40.0, 500.0),
                  clamp01(in.activation), 0.0};
    // The cuff transmits a fraction of its pressure to the deep tissue: exactly the arterial
    // systolic pressure at LOP. Veins under the cuff stay shut until they exceed it.
    c.tissue_mmHg = c.cuff_mmHg * p.sbp_mmHg / c.lop0_mmHg;
    return c;
}

using Coefs = StepCoefs;

double rate(double h, double tau) noexcept {
    return std::min(1.0, h / tau);
}

Coefs coefs(const Params& p, double h) noexcept {
    Coefs k{};
    k.h = h;
    k.controller_gain = 1.0 - std::exp(-p.controller_L_per_s * h);
    k.inv_sbp = 1.0 / p.sbp_mmHg;
    k.inv_buffer = 1.0 / p.buffer_mM_per_ph;
    k.inv_capacity = 1.0 / p.venous_capacity_ml_100ml;
    k.inv_venous_gradient = 1.0 / (p.venous_pressure_rest_mmHg - p.central_venous_mmHg);
    k.cost_slow = p.atp_mvc_mM_s / (p.type1_share + p.type2_cost_ratio * (1.0 - p.type1_share));
    k.cost_fast = k.cost_slow * p.type2_cost_ratio;
    k.inv_glycolytic_units = 1.0 / (p.type1_glycolytic_share * p.type1_share + 1.0 - p.type1_share);
    k.inv_pcr_tau = 1.0 / p.pcr_recovery_tau_s;
    const double o2_full = tissue_o2_rest_pct(p) - p.smo2_floor_pct;
    k.ceiling_scale = p.ox_max_mM_s * (o2_full + p.o2_half_pct) / o2_full;
    k.inv_compliance = 1.0 / p.interstitial_compliance_ml_100ml_mmHg;
    k.cfc_per_s = p.cfc_ml_min_100ml_mmHg / 60.0;
    k.rest_flow_per_s = p.rest_flow_ml_min_100ml / 60.0;
    k.inv_aerobic = 1.0 / p.aerobic_dilation_mM_s;
    k.glyco_half_sq = p.glycolysis_pcr_half_mM * p.glycolysis_pcr_half_mM;
    k.vd_up = rate(h, p.vasodilation_tau_s);
    k.vd_down = rate(h, p.vasodilation_decay_tau_s);
    k.inv_lymph_tau = 1.0 / p.lymph_tau_s;
    k.exchange_k = p.lactate_exchange_per_s * (1.0 + p.lactate_flow_half);
    k.blood_ratio = p.active_muscle_l / p.lactate_distribution_l;
    k.inv_clearance_tau = 1.0 / p.lactate_clearance_tau_s;
    k.inv_o2_turnover = p.o2_per_atp_pct_per_mM * p.atp_rest_mM_s / (p.arterial_sat_pct - tissue_o2_rest_pct(p));
    k.swell_up = rate(h, p.cell_swell_tau_s);
    k.swell_down = rate(h, p.cell_shrink_tau_s);
    k.inv_fatigue_span = 1.0 / (1.0 - p.fatigue_metabolite_threshold);
    k.discomfort_rate = rate(h, p.discomfort_tau_s);
    k.bp_rate = rate(h, p.bp_tau_s);
    k.occlusion_rate = rate(h, p.discomfort_occlusion_tau_s);
    return k;
}

/// Everything the rates need, computed once from a state and the inputs.
struct Derived {
    double lop_mmHg;
    double x;                  // cuff / LOP now
    double g;                  // rest flow fraction the cuff allows
    double pi_mM;
    double ph;
    double metabolite;
    double force_per_unit;     // force of an active unit, fraction of fresh
    double demand;             // activation the task needs (recruitment target, TL_eff)
    double demand_flow;        // × rest, set by vasodilation
    double impedance;          // share of inflow left by the contraction's intramuscular pressure
    double q_a;                // arterial inflow, × rest
    double fill;               // pooled volume / venous capacity
    double venous_mmHg;
    double venous_conductance; // × rest flow per mmHg
    double back_mmHg;          // pressure the veins must exceed to drain
    double q_v;                // venous outflow, × rest
    double atp_demand;         // mM/s
    double oxidative;          // mM/s
    double glycolytic;         // mM/s
    double filtration;         // mL/100 mL/s (excess over rest)
};

double ph_of(double lactate, double pcr, const Params& p, double inv_buffer) noexcept {
    const double protons = (lactate - p.lactate_rest_mM) - p.proton_per_pcr * (p.pcr_rest_mM - pcr);
    return clamp(p.ph_rest - protons * inv_buffer, kPhFloor, kPhCeiling);
}

double metabolite_of(double pi, double ph, const Params& p) noexcept {
    constexpr double kPiScale = 1.0 / kPiRangeMm;
    constexpr double kPhScale = 1.0 / kPhRange;
    return clamp01(0.5 * clamp01((pi - p.pi_rest_mM) * kPiScale) + 0.5 * clamp01((p.ph_rest - ph) * kPhScale));
}

Derived derive(const State& s, const CleanInputs& in, const Params& p, const Coefs& k) noexcept {
    Derived d{};
    d.lop_mmHg = in.lop0_mmHg * (1.0 + s.bp_rise_mmHg * k.inv_sbp);
    d.x = in.cuff_mmHg / d.lop_mmHg;
    d.g = rest_flow_fraction(100.0 * d.x);
    d.pi_mM = p.pi_rest_mM + (p.pcr_rest_mM - s.pcr_mM);
    d.ph = ph_of(s.lactate_mM, s.pcr_mM, p, k.inv_buffer);
    d.metabolite = metabolite_of(d.pi_mM, d.ph, p);
    d.force_per_unit = 1.0 - p.force_metabolite_loss * d.metabolite;
    d.demand = std::min(1.0, in.activation / d.force_per_unit);
    const double vasodilation = clamp01(s.vasodilation);
    d.demand_flow = 1.0 + (p.hyperaemia_max - 1.0) * vasodilation;
    d.impedance = std::max(0.05, 1.0 - p.contraction_impedance * s.m_active);
    // At rest the cuff passes g(x) of the flow; in exercise it also blunts the hyperaemic rise
    // (the cuff's resistance weighs more against a dilated bed): the increment is scaled by g again.
    d.q_a = d.g * (1.0 + (d.demand_flow - 1.0) * d.g) * d.impedance;
    d.fill = std::clamp(s.pooled_ml_100ml * k.inv_capacity, 0.0, 0.999);
    d.venous_mmHg = p.venous_pressure_rest_mmHg - p.venous_pressure_scale_mmHg * std::log1p(-d.fill);
    d.venous_conductance = d.demand_flow * k.inv_venous_gradient;
    d.back_mmHg = std::max(p.central_venous_mmHg, in.tissue_mmHg);
    d.q_v = d.venous_conductance * std::max(0.0, d.venous_mmHg - d.back_mmHg);
    // Size principle: slow units first; fast units (above type1_share) cost more ATP and carry
    // most of the glycolytic capacity.
    const double slow = std::min(s.m_active, p.type1_share);
    const double fast = std::max(0.0, s.m_active - p.type1_share);
    d.atp_demand = p.atp_rest_mM_s + k.cost_slow * slow + k.cost_fast * fast;
    const double glycolytic_units = (p.type1_glycolytic_share * slow + fast) * k.inv_glycolytic_units;
    const double pcr_deficit = std::max(0.0, p.pcr_rest_mM - s.pcr_mM);
    const double control = p.atp_rest_mM_s + pcr_deficit * k.inv_pcr_tau;
    const double o2 = std::max(0.0, s.tissue_o2_pct - p.smo2_floor_pct);
    const double ceiling = k.ceiling_scale * (o2 / (o2 + p.o2_half_pct));
    d.oxidative = std::min(control, ceiling);
    const double acid_brake = clamp01((d.ph - 6.3) * 2.5);  // glycolysis slows from pH 6.7, stops at 6.3
    const double deficit_sq = pcr_deficit * pcr_deficit;
    d.glycolytic =
        p.glycolysis_max_mM_s * glycolytic_units * (deficit_sq / (deficit_sq + k.glyco_half_sq)) * acid_brake;
    // Starling: the capillary pressure's rise against the interstitium's own rising pressure
    // (its compliance), so filtration stops at an equilibrium instead of running away.
    d.filtration = k.cfc_per_s * (1.0 + p.cfc_exercise_gain * vasodilation) *
                   (kCapillaryPerVenous * (d.venous_mmHg - p.venous_pressure_rest_mmHg) -
                    s.interstitial_ml_100ml * k.inv_compliance);
    return d;
}

/// One internal step of `k.h` seconds.
State advance(const State& s, const CleanInputs& in, const Params& p, const Coefs& k) noexcept {
    const Derived d = derive(s, in, p, k);
    const double h = k.h;
    State n = s;
    n.t_s = s.t_s + h;

    // Vasodilation follows metabolic demand and the metabolites (functional and reactive hyperaemia).
    const double demand_dilation = (d.atp_demand - p.atp_rest_mM_s) * k.inv_aerobic;
    const double target_vd = clamp01(demand_dilation + p.metabolite_dilation * d.metabolite);
    const double vd_rate = target_vd > s.vasodilation ? k.vd_up : k.vd_down;
    n.vasodilation = clamp01(s.vasodilation + (target_vd - s.vasodilation) * vd_rate);

    // Pooled blood: inflow − outflow − filtration, linearly implicit in the volume (the venous
    // compliance curve stiffens near capacity; explicit Euler would ring on release).
    {
        const double dpv_dv = p.venous_pressure_scale_mmHg * k.inv_capacity / (1.0 - d.fill);
        const bool draining = d.venous_mmHg > d.back_mmHg;
        const double dout_dv = (draining ? k.rest_flow_per_s * d.venous_conductance * dpv_dv : 0.0);
        const double inflow = (d.q_a - d.q_v) * k.rest_flow_per_s - d.filtration;
        const double dv = h * inflow / (1.0 + h * dout_dv);
        n.pooled_ml_100ml = std::clamp(s.pooled_ml_100ml + dv, 0.0, 0.999 * p.venous_capacity_ml_100ml);
    }
    n.interstitial_ml_100ml =
        std::max(0.0, s.interstitial_ml_100ml + h * (d.filtration - s.interstitial_ml_100ml * k.inv_lymph_tau));

    // Energetics.
    n.pcr_mM = std::clamp(s.pcr_mM + h * (d.oxidative + d.glycolytic - d.atp_demand), 0.3, p.pcr_rest_mM);
    // Exchange is flow-limited at low venous outflow and permeability-limited at high (k at rest flow).
    const double exchange =
        k.exchange_k * (d.q_v / (d.q_v + p.lactate_flow_half)) * (s.lactate_mM - s.blood_lactate_mM);
    n.lactate_mM = std::clamp(s.lactate_mM + h * (d.glycolytic * kLactatePerGlycolyticAtp - exchange), 0.0, 60.0);
    const double to_blood = exchange * k.blood_ratio;
    const double cleared = (s.blood_lactate_mM - p.lactate_rest_mM) * k.inv_clearance_tau;
    n.blood_lactate_mM = std::clamp(s.blood_lactate_mM + h * (to_blood - cleared), 0.0, 40.0);

    // Tissue oxygen: delivery by inflow against use by oxidation (rest is the steady state).
    n.tissue_o2_pct = clamp(s.tissue_o2_pct + h * (d.q_a * (p.arterial_sat_pct - s.tissue_o2_pct) * k.inv_o2_turnover -
                                                   p.o2_per_atp_pct_per_mM * d.oxidative),
                            0.0, p.arterial_sat_pct);

    // Cell swelling: water follows the osmoles metabolism adds (lactate, Pi), fast in and slow out.
    const double osmoles = std::max(0.0, s.lactate_mM - p.lactate_rest_mM) + (d.pi_mM - p.pi_rest_mM);
    const double target_swell = p.osmotic_swell_pct_per_mM * osmoles;
    const double swell_rate = target_swell > s.cell_swell_pct ? k.swell_up : k.swell_down;
    n.cell_swell_pct = std::max(0.0, s.cell_swell_pct + (target_swell - s.cell_swell_pct) * swell_rate);

    // Three-compartment fatigue with the demand raised by the metabolites' force loss.
    {
        const double gain = k.controller_gain;
        double c = 0.0;  // units moved from resting to active (negative: relaxing)
        if (d.demand > s.m_active) {
            c = std::min(gain * (d.demand - s.m_active), s.m_resting);
        } else {
            c = gain * (d.demand - s.m_active);
        }
        const double resting = in.activation < kRestingActivation;
        const double r = resting ? 1.0 + (p.rest_recovery_r - 1.0) * d.g : 1.0;
        const double excess = std::max(0.0, d.metabolite - p.fatigue_metabolite_threshold) * k.inv_fatigue_span;
        const double f = p.fatigue_F_per_s * (1.0 + p.fatigue_metabolite_gain * excess);
        const double fatiguing = h * f * s.m_active;
        const double recovering = h * p.recovery_R_per_s * r * s.m_fatigued;
        n.m_active = std::max(0.0, s.m_active + c - fatiguing);
        n.m_fatigued = std::max(0.0, s.m_fatigued + fatiguing - recovering);
        n.m_resting = std::max(0.0, s.m_resting - c + recovering);
        const double inv_sum = 1.0 / (n.m_active + n.m_fatigued + n.m_resting);
        n.m_active *= inv_sum;
        n.m_fatigued *= inv_sum;
        n.m_resting *= inv_sum;
    }

    // Perception: cuff pressure, metabolites (group III/IV afferents) and fatigue.
    // The time-dose of the cuff: full from 30 % LOP up (prescription pressures feel alike), fading
    // below it (a loose cuff is barely felt).
    const double occlusion = s.occlusion_load * std::min(1.0, d.x * (1.0 / 0.3));
    const double target_discomfort =
        10.0 * clamp01(p.discomfort_pressure * std::min(d.x, 1.2) + p.discomfort_metabolite * d.metabolite +
                       p.discomfort_fatigue * s.m_fatigued + p.discomfort_occlusion * occlusion);
    n.discomfort = clamp(s.discomfort + (target_discomfort - s.discomfort) * k.discomfort_rate, 0.0, 10.0);

    // Blood pressure: metaboreflex and central command (the LOP drifts with it).
    const double target_bp = p.bp_metaboreflex_mmHg * d.metabolite + p.bp_central_mmHg * s.m_active;
    n.bp_rise_mmHg = clamp(s.bp_rise_mmHg + (target_bp - s.bp_rise_mmHg) * k.bp_rate, 0.0, 100.0);

    if (in.cuff_mmHg >= kOcclusionThresholdMmhg) {
        n.occlusion_s = s.occlusion_s + h;
        n.occlusion_run_s = s.occlusion_run_s + h;
        n.occlusion_load = s.occlusion_load + (1.0 - s.occlusion_load) * k.occlusion_rate;
    } else {
        n.occlusion_run_s = 0.0;
        n.occlusion_load = 0.0;
    }
    return n;
}

}  // namespace

Params preset(Limb limb) noexcept {
    Params p;
    p.limb = limb;
    if (limb == Limb::Leg) {
        p.cuff_width_cm = 11.5;
        p.limb_circumference_cm = 55.0;
        p.fatigue_F_per_s = 0.0150;
        p.recovery_R_per_s = 0.00149;
        p.mvc_nm = 250.0;
        p.active_muscle_l = 2.0;
    } else {
        p.cuff_width_cm = 5.0;
        p.limb_circumference_cm = 30.0;
        p.fatigue_F_per_s = 0.00912;
        p.recovery_R_per_s = 0.00094;
        p.mvc_nm = 65.0;
        p.active_muscle_l = 0.25;
        // Elbow flexors swell less in thickness than the quadriceps after the same 75 reps
        // (+11.7 %, Yasuda 2012; +21 %, forearm LL-BFR study): the quadriceps-calibrated gains × 0.45.
        p.thickness_per_blood *= 0.45;
        p.thickness_per_interstitial *= 0.45;
        p.thickness_per_cell *= 0.45;
    }
    return p;
}

double activation_for_load(double load_pct1rm) noexcept {
    const double load = std::isfinite(load_pct1rm) ? std::clamp(load_pct1rm, 0.0, 100.0) : 30.0;
    return load <= 0.0 ? 0.0 : std::min(1.0, 0.1 + load / 100.0);
}

double rest_flow_fraction(double pct_lop) noexcept {
    static constexpr double kX[] = {0, 10, 30, 40, 60, 80, 90, 100};
    static constexpr double kG[] = {1.00, 0.85, 0.70, 0.60, 0.50, 0.35, 0.25, 0.00};
    if (!std::isfinite(pct_lop) || pct_lop <= 0.0) return 1.0;
    if (pct_lop >= 100.0) return 0.0;
    static constexpr double kSlope[] = {0.0, -0.015, -0.0075, -0.01, -0.005, -0.0075, -0.01, -0.025};  // per %LOP
    static_assert(std::size(kSlope) == std::size(kX));
    for (std::size_t i = 1; i < std::size(kX); ++i) {
        if (pct_lop <= kX[i]) return kG[i - 1] + (pct_lop - kX[i - 1]) * kSlope[i];
    }
    return 0.0;
}

State rest_state(const Params& p) noexcept {
    State s;
    s.pcr_mM = p.pcr_rest_mM;
    s.lactate_mM = p.lactate_rest_mM;
    s.blood_lactate_mM = p.lactate_rest_mM;
    s.tissue_o2_pct = tissue_o2_rest_pct(p);
    return s;
}

Prepared prepare(const Params& p) noexcept {
    return Prepared{p, coefs(p, kMaxStepS)};
}

namespace {

State step_with(const State& s, const Inputs& in, const Params& p, const StepCoefs* tick, double dt_s) noexcept {
    if (!(dt_s > 0.0)) return s;
    const CleanInputs c = clean(in, p);
    // Equal sub-steps no longer than a tick (a tick of 16 666 667 ns is one step, not two).
    const double dt = std::min(dt_s, kMaxDtS);
    const double n = std::max(1.0, std::ceil(dt / kMaxStepS - 1e-6));
    const double h = dt / n;
    // A tick's 16 666 666 or 16 666 667 ns differ from 1/60 s by 6e-8: the prepared factors serve.
    const bool use_tick = tick != nullptr && std::abs(h - tick->h) <= 1e-6 * tick->h;
    const Coefs k = use_tick ? *tick : coefs(p, h);
    State out = s;
    for (double i = 0.0; i < n; i += 1.0) out = advance(out, c, p, k);
    return out;
}

}  // namespace

State step(const State& s, const Inputs& in, const Params& p, double dt_s) noexcept {
    return step_with(s, in, p, nullptr, dt_s);
}

State step(const State& s, const Inputs& in, const Prepared& p, double dt_s) noexcept {
    return step_with(s, in, p.params, &p.tick, dt_s);
}

Outputs observe(const State& s, const Inputs& in, const Params& p) noexcept {
    return observe(s, in, prepare(p));
}

Outputs observe(const State& s, const Inputs& in, const Prepared& prepared) noexcept {
    const Params& p = prepared.params;
    const CleanInputs c = clean(in, p);
    const Derived d = derive(s, c, p, prepared.tick);
    Outputs o;
    o.lop_mmHg = d.lop_mmHg;
    o.pct_lop = 100.0 * d.x;
    o.arterial_inflow_pct = 100.0 * d.q_a;
    o.venous_outflow_pct = 100.0 * d.q_v;
    o.venous_pressure_mmHg = d.venous_mmHg;
    o.pooled_ml_100ml = s.pooled_ml_100ml;
    o.interstitial_ml_100ml = s.interstitial_ml_100ml;
    o.cell_swell_pct = s.cell_swell_pct;
    o.pcr_pct = 100.0 * s.pcr_mM / p.pcr_rest_mM;
    o.pi_mM = d.pi_mM;
    o.oxidative_mM_s = d.oxidative;
    o.glycolytic_mM_s = d.glycolytic;
    o.atp_demand_mM_s = d.atp_demand;
    o.ph = d.ph;
    o.lactate_mmol_l = s.lactate_mM;
    o.blood_lactate_mmol_l = s.blood_lactate_mM;
    // NIRS sees the arterial blood too: the device's SmO2 mixes it with the tissue store.
    o.smo2_pct = p.nirs_arterial_share * p.arterial_sat_pct + (1.0 - p.nirs_arterial_share) * s.tissue_o2_pct;
    const double blood = s.pooled_ml_100ml + p.hyperaemic_volume_ml_100ml * clamp01(s.vasodilation);
    // Thickness saturates: a muscle cannot thicken without bound (soft limit, ~linear below 40 %).
    const double raw = p.thickness_per_blood * blood + p.thickness_per_interstitial * s.interstitial_ml_100ml +
                       p.thickness_per_cell * s.cell_swell_pct;
    o.swelling_pct = p.swelling_limit_pct * std::tanh(raw / p.swelling_limit_pct);
    o.metabolite = d.metabolite;
    const double capacity = (1.0 - s.m_fatigued) * d.force_per_unit;
    o.capacity = capacity;
    o.fatigue_pct = 100.0 * (1.0 - capacity);
    o.recruitment_pct = 100.0 * s.m_active;
    o.discomfort = s.discomfort;
    // Perceived exertion integrates the motor command (the recruitment the task needs now) and
    // the discomfort, as Borg defined it; 6 at rest, about 11 for a fresh rep at 30 %1RM.
    o.rpe = 6.0 + 14.0 * clamp01(0.95 * (c.activation > 0.0 ? d.demand : 0.0) + 0.045 * s.discomfort);
    o.occlusion_s = s.occlusion_s;
    o.occlusion_run_s = s.occlusion_run_s;
    return o;
}

bool can_sustain(const State& s, double activation, const Params& p) noexcept {
    const double pi = p.pi_rest_mM + (p.pcr_rest_mM - s.pcr_mM);
    const double m = metabolite_of(pi, ph_of(s.lactate_mM, s.pcr_mM, p, 1.0 / p.buffer_mM_per_ph), p);
    const double capacity = (1.0 - s.m_fatigued) * (1.0 - p.force_metabolite_loss * m);
    return capacity >= clamp01(activation);
}

}  // namespace bfr::physiology
