#pragma once
// The restricted limb: a mechanistic, lumped, real-time model of one limb distal to the cuff
// (docs/physiology.md has every equation, parameter, unit and source).
//
//   cuff pressure / LOP ─► arterial inflow, venous outflow ─► pooled blood, filtration
//   activation (effort) ─► ATP demand ─► PCr, oxidative flux (O2-capped), glycolysis ─► lactate, pH, Pi
//   metabolites ─► recruitment, 3-compartment fatigue, intracellular swelling, blood pressure (LOP drift)
//
// Pure functions of (state, inputs, parameters, dt): no globals, no allocation, deterministic.
// Stable at the 60 Hz tick (the fastest term, the 3CC controller at 10 s⁻¹, is sub-stepped).

#include <cstdint>

namespace bfr::physiology {

enum class Limb : std::uint8_t { Arm, Leg };
enum class Posture : std::uint8_t { Supine, Seated, Standing };

/// Every parameter of the model (defaults and sources in docs/physiology.md, §Parameters).
struct Params {
    Limb limb = Limb::Arm;
    // Cuff and arterial pressure.
    double sbp_mmHg = 120.0;              ///< Resting brachial systolic pressure.
    double cuff_width_cm = 5.0;           ///< Cuff bladder width.
    double limb_circumference_cm = 30.0;  ///< Limb circumference under the cuff.
    // Flow (per 100 mL of tissue; flows are reported relative to the resting no-cuff flow).
    double rest_flow_ml_min_100ml = 3.0;  ///< Resting muscle blood flow.
    double hyperaemia_max = 20.0;         ///< Active-muscle flow at full vasodilation, × rest.
    double vasodilation_tau_s = 20.0;     ///< Flow response (τ_Q).
    double aerobic_dilation_mM_s = 0.2;  ///< ATP turnover above rest that full dilation is matched to.
    double metabolite_dilation = 0.4;     ///< Vasodilation per unit of metabolite load (reactive hyperaemia).
    double vasodilation_decay_tau_s = 60.0;  ///< Return of vasodilation toward its target when it falls.
    double contraction_impedance = 0.29;   ///< Share of inflow a maximal contraction squeezes off.
    // Veins, pooling, filtration.
    double venous_pressure_rest_mmHg = 9.3;   ///< Pv at rest (forearm, Perry 1986).
    double central_venous_mmHg = 4.0;         ///< Downstream venous pressure.
    double venous_capacity_ml_100ml = 4.0;    ///< Maximal pooled volume (ΔV_max).
    double venous_pressure_scale_mmHg = 27.0; ///< Compliance curve scale (0.15 %/mmHg at low P).
    double cfc_ml_min_100ml_mmHg = 0.003;     ///< Capillary filtration coefficient at rest.
    double cfc_exercise_gain = 3.0;           ///< CFC × (1 + gain × vasodilation): capillary recruitment.
    double interstitial_compliance_ml_100ml_mmHg = 0.1;  ///< Interstitial volume per mmHg of its pressure rise.
    double lymph_tau_s = 26.0 * 60.0;         ///< Lymph clears excess interstitial fluid (0.04 → 0.12 mL/min).
    // Energetics (mM = mmol per litre of cell water).
    double pcr_rest_mM = 30.0;
    double pi_rest_mM = 4.0;
    double atp_rest_mM_s = 0.01;          ///< Resting ATP turnover.
    double atp_mvc_mM_s = 1.7;            ///< ATP cost of a maximal contraction (Slade 2006).
    double type1_share = 0.25;             ///< Recruitment below which only slow (type I) units work.
    double type2_cost_ratio = 1.85;        ///< ATP per unit of a fast unit vs a slow one.
    double type1_glycolytic_share = 0.26; ///< Glycolytic capacity of slow units vs fast ones.
    double pcr_recovery_tau_s = 35.0;     ///< Oxidative control: J_ox = J_rest + ΔPCr / τ (free flow).
    double ox_max_mM_s = 0.88;             ///< Maximal oxidative ATP synthesis.
    double glycolysis_max_mM_s = 2.95;     ///< Glycolytic ATP at full activation and deep PCr fall.
    double glycolysis_pcr_half_mM = 6.3; ///< PCr deficit giving half the glycolytic rate.
    double proton_per_pcr = 0.43;          ///< H+ consumed per PCr split (alkalinisation).
    double buffer_mM_per_ph = 30.2;       ///< Intracellular buffer capacity β.
    double ph_rest = 7.03;
    // Oxygen.
    double arterial_sat_pct = 98.0;
    double smo2_rest_pct = 70.0;          ///< SmO2 at rest as a NIRS device shows it.
    double nirs_arterial_share = 0.25;    ///< Share of the NIRS signal from arterial blood (the rest: capillaries, veins, myoglobin).
    double o2_per_atp_pct_per_mM = 18.0;  ///< Tissue O2 store (saturation %) used per mM ATP made by oxidation.
    double smo2_floor_pct = 10.0;         ///< Tissue O2 store saturation at which oxidation stops.
    double o2_half_pct = 4.2;             ///< Store saturation above the floor that halves the oxidative ceiling.
    // Lactate.
    double lactate_rest_mM = 1.0;
    double lactate_exchange_per_s = 1.0 / 245.0;  ///< Muscle → blood lactate exchange at high flow.
    double lactate_flow_half = 3.0;              ///< Venous outflow (× rest) giving half the exchange.
    double active_muscle_l = 0.25;               ///< Cell water of the working muscle (biceps; leg: 2 L).
    double lactate_distribution_l = 10.0;        ///< Systemic lactate space.
    double lactate_clearance_tau_s = 15.0 * 60.0;
    // Swelling.
    double osmotic_swell_pct_per_mM = 100.0 / 290.0;  ///< Ideal osmometer: ΔV/V = Δosmoles / 290.
    double cell_swell_tau_s = 30.0;
    double cell_shrink_tau_s = 210.0 * 60.0;  ///< Cells regain their volume slowly (hours).
    double hyperaemic_volume_ml_100ml = 1.5;  ///< Extra blood in a fully dilated bed.
    double thickness_per_blood = 1.5;         ///< Muscle thickness % per mL/100 mL of blood.
    double thickness_per_interstitial = 7.2;  ///< … per mL/100 mL of interstitial fluid.
    double thickness_per_cell = 5.1;          ///< … per % of cell volume.
    double swelling_limit_pct = 100.0;        ///< Soft ceiling of the thickness increase.
    // Fatigue (three-compartment model, Xia & Frey-Law 2008; Looft 2018).
    double fatigue_F_per_s = 0.00912;
    double recovery_R_per_s = 0.00094;
    double controller_L_per_s = 10.0;
    double rest_recovery_r = 15.0;
    double fatigue_metabolite_gain = 1.207;  ///< F × (1 + gain × (metabolite − threshold) / (1 − threshold)).
    double fatigue_metabolite_threshold = 0.05;  ///< Metabolite load below which fatigue is not accelerated.
    double force_metabolite_loss = 0.204;   ///< Force per active unit × (1 − loss × metabolite).
    double mvc_nm = 65.0;                  ///< Maximal torque of the exercising joint.
    // Perception and blood pressure.
    double discomfort_tau_s = 40.0;
    double discomfort_pressure = 0.05;    ///< Share of the 0..10 scale per unit of %LOP/100.
    double discomfort_metabolite = 0.085;   ///< … per unit of metabolite load (group III/IV afferents).
    double discomfort_fatigue = 0.34;     ///< … per unit of fatigued motor units.
    double discomfort_occlusion = 0.6;     ///< … reached after long occlusion (saturating with time).
    double discomfort_occlusion_tau_s = 200.0;
    double bp_tau_s = 60.0;
    double bp_metaboreflex_mmHg = 40.0;   ///< Systolic rise at metabolite 1.
    double bp_central_mmHg = 25.0;        ///< Systolic rise at full activation.
};

/// Arm and leg presets (biceps curl; seated knee extension).
[[nodiscard]] Params preset(Limb limb) noexcept;

/// What the model hears every tick.
struct Inputs {
    double cuff_mmHg = 0.0;   ///< Measured cuff pressure.
    double lop_mmHg = 170.0;  ///< Limb occlusion pressure measured (or estimated) before exercise.
    double activation = 0.0;  ///< Demanded activation, fraction of maximal voluntary contraction.
};

/// The model's state (units in the names).
struct State {
    double t_s = 0.0;
    double bp_rise_mmHg = 0.0;       ///< Systolic rise (metaboreflex, central command): LOP drift.
    double vasodilation = 0.0;       ///< 0..1, the vascular bed's dilation.
    double pooled_ml_100ml = 0.0;    ///< Excess venous blood.
    double interstitial_ml_100ml = 0.0;
    double cell_swell_pct = 0.0;     ///< Intracellular volume over rest.
    double pcr_mM = 30.0;
    double lactate_mM = 1.0;         ///< Muscle.
    double blood_lactate_mM = 1.0;   ///< Systemic venous.
    double tissue_o2_pct = 60.7;     ///< O2 saturation of the tissue store (capillary-venous blood, myoglobin).
    double m_resting = 1.0;          ///< 3CC: motor units at rest,
    double m_active = 0.0;           ///<      active,
    double m_fatigued = 0.0;         ///<      fatigued.
    double discomfort = 0.0;         ///< 0..10.
    double occlusion_s = 0.0;        ///< Total time with the cuff at or above 20 mmHg.
    double occlusion_run_s = 0.0;    ///< Continuous time under occlusion (resets when deflated).
    double occlusion_load = 0.0;     ///< 1 − exp(−occlusion_run_s / τ): the discomfort of a long occlusion.
};

/// Everything derived from a state (what the picture, the trace and the summary show).
struct Outputs {
    double lop_mmHg = 0.0;            ///< LOP now (drifts with blood pressure).
    double pct_lop = 0.0;             ///< Cuff pressure as % of the current LOP.
    double arterial_inflow_pct = 100.0;
    double venous_outflow_pct = 100.0;
    double venous_pressure_mmHg = 0.0;
    double pooled_ml_100ml = 0.0;
    double interstitial_ml_100ml = 0.0;
    double cell_swell_pct = 0.0;
    double pcr_pct = 100.0;
    double pi_mM = 0.0;
    double oxidative_mM_s = 0.0;
    double glycolytic_mM_s = 0.0;
    double atp_demand_mM_s = 0.0;
    double ph = 7.03;
    double lactate_mmol_l = 1.0;
    double blood_lactate_mmol_l = 1.0;
    double smo2_pct = 70.0;
    double swelling_pct = 0.0;        ///< Muscle thickness over rest, % (ultrasound).
    double metabolite = 0.0;          ///< 0..1, the metabolite load the picture shows.
    double fatigue_pct = 0.0;         ///< Loss of maximal force, %.
    double recruitment_pct = 0.0;     ///< Motor units active, %.
    double capacity = 1.0;            ///< Force the muscle can still produce, fraction of fresh MVC.
    double discomfort = 0.0;          ///< 0..10.
    double rpe = 6.0;                 ///< Borg 6..20.
    double occlusion_s = 0.0;
    double occlusion_run_s = 0.0;
};

/// The parameters' reciprocals and one tick's relaxation factors (computed by `prepare`).
struct StepCoefs {
    double h;
    double controller_gain;  // 1 − exp(−L·h)
    double inv_sbp, inv_buffer, inv_capacity, inv_venous_gradient, cost_slow, cost_fast, inv_glycolytic_units;
    double inv_pcr_tau, ceiling_scale, inv_compliance, cfc_per_s, rest_flow_per_s, inv_aerobic, glyco_half_sq;
    double vd_up, vd_down, inv_lymph_tau, exchange_k, blood_ratio, inv_clearance_tau, inv_o2_turnover;
    double swell_up, swell_down, inv_fatigue_span, discomfort_rate, bp_rate, occlusion_rate;
};

/// Parameters made ready for stepping at the 60 Hz tick (divisions and exponentials done once:
/// a step costs ~100 ns and they would be a third of it). Prepare again after changing `params`.
struct Prepared {
    Params params;
    StepCoefs tick;  ///< For a 1/60 s step.
};
[[nodiscard]] Prepared prepare(const Params& p) noexcept;

/// The resting state (cuff off, no exercise).
[[nodiscard]] State rest_state(const Params& p) noexcept;
/// Advances `s` by `dt_s` seconds with `in` held constant. Any input is accepted: non-finite or
/// out-of-range values are clamped, so the state always stays finite and physical.
[[nodiscard]] State step(const State& s, const Inputs& in, const Params& p, double dt_s) noexcept;
/// The same with prepared parameters (what the session and the scenarios use).
[[nodiscard]] State step(const State& s, const Inputs& in, const Prepared& p, double dt_s) noexcept;
/// Everything derived from `s`, given the current inputs.
[[nodiscard]] Outputs observe(const State& s, const Inputs& in, const Params& p) noexcept;
/// The same with prepared parameters (no per-call divisions; what the session uses every tick).
[[nodiscard]] Outputs observe(const State& s, const Inputs& in, const Prepared& p) noexcept;

/// Peak activation (fraction of MVC) of a dynamic rep lifting `load_pct1rm` % of the one-rep
/// maximum: the load plus ~10 % MVC for the limb's own weight and the acceleration (docs/physiology.md).
[[nodiscard]] double activation_for_load(double load_pct1rm) noexcept;

/// Rest arterial inflow as a fraction of the no-cuff value at `pct_lop` % of LOP (the default
/// piecewise-linear curve of physiology-reference.md §3.1; 0 at and above 100 %).
[[nodiscard]] double rest_flow_fraction(double pct_lop) noexcept;

/// Whether the muscle can produce `activation` now (3CC capacity against the demand).
[[nodiscard]] bool can_sustain(const State& s, double activation, const Params& p) noexcept;

}  // namespace bfr::physiology
