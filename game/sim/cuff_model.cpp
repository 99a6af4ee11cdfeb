#include "game/sim/cuff_model.hpp"

#include <algorithm>
#include <cmath>

namespace bfr::sim {

CuffParams default_cuff_params(Limb limb, Profile profile) noexcept {
    CuffParams p;
    if (limb == Limb::Leg) {
        constexpr double kVolume = 1.4;  // a thigh cuff holds more air than an arm cuff
        p.compliance_ml_per_mmhg *= kVolume;
        p.slack_compliance_ml_per_mmhg *= kVolume;
        p.creep_ml_per_mmhg *= kVolume;
        p.limb_ml_per_effort *= kVolume;
        p.valve_ml_per_s_mmhg *= kVolume;
        p.pump_max_ml_per_s *= 1.2;
    }
    if (profile == Profile::Loose) {
        p.leak_pct_per_10s = 7.0;
        p.creep_ml_per_mmhg *= 5.5;  // 0.3 of the compliance: a stretchy strap settles ~23 % below the pumped pressure
        p.creep_tau_s = 6.0;
    }
    return p;
}

double pulse_ripple_pp_mmhg(double cuff_mmhg, double lop_mmhg, double max_pp_mmhg) noexcept {
    if (!(lop_mmhg > 0.0) || !(cuff_mmhg > 0.0)) return 0.0;
    const double x = cuff_mmhg / lop_mmhg;
    if (x >= 1.0) return 0.0;
    constexpr double kCouplingFull = 0.4;  // the cuff couples to the artery fully from 40 % LOP
    constexpr double kFadeWidth = 0.12;    // ripple fades over the last 12 % below LOP
    const double coupling = std::min(1.0, x / kCouplingFull);
    const double fade = std::pow(std::min(1.0, (1.0 - x) / kFadeWidth), 0.7);
    return max_pp_mmhg * coupling * fade;
}

double sensor_reading_mmhg(double true_mmhg, double noise_sd, const CuffParams& params) noexcept {
    const double noisy = true_mmhg + params.sensor_noise_mmhg * noise_sd;
    const double counts = std::round(noisy / params.sensor_lsb_mmhg);
    return std::max(0.0, counts * params.sensor_lsb_mmhg);
}

CuffModel::CuffModel(const CuffParams& params) noexcept : params_(params) {}

double CuffModel::compliance_ml_per_mmhg(double pressure_mmhg) const noexcept {
    const double p = std::max(0.0, pressure_mmhg);
    return params_.compliance_ml_per_mmhg +
           params_.slack_compliance_ml_per_mmhg * std::exp(-p / params_.slack_scale_mmhg);
}

void CuffModel::step(const ActuatorCommand& cmd, double limb_ml, double extra_leak_pct_per_10s, double dt_s) noexcept {
    const double pump_cmd = std::clamp(cmd.pump_01, 0.0, 1.0);
    const double valve_cmd = std::clamp(cmd.valve_01, 0.0, 1.0);
    pump_speed_01_ += (pump_cmd - pump_speed_01_) * std::min(1.0, dt_s / params_.pump_spin_s);
    valve_01_ += (valve_cmd - valve_01_) * std::min(1.0, dt_s / params_.valve_lag_s);

    const double p = pressure_mmhg_;
    const double c = compliance_ml_per_mmhg(p);
    pump_flow_ml_per_s_ = pump_speed_01_ * params_.pump_max_ml_per_s * std::max(0.0, 1.0 - p / params_.pump_stall_mmhg);
    const double valve_flow = valve_01_ * params_.valve_ml_per_s_mmhg * p;
    const double leak_per_s = (params_.leak_pct_per_10s + std::max(0.0, extra_leak_pct_per_10s)) / 100.0 / 10.0;
    const double leak_flow = c * p * leak_per_s;
    const double creep_target = params_.creep_ml_per_mmhg * p;
    const double d_creep = (creep_target - creep_ml_) * std::min(1.0, dt_s / params_.creep_tau_s);
    creep_ml_ += d_creep;
    const double d_limb = limb_ml - limb_ml_;
    limb_ml_ = limb_ml;

    const double dv_ml = (pump_flow_ml_per_s_ - valve_flow - leak_flow) * dt_s - d_creep + d_limb;
    pressure_mmhg_ = std::max(0.0, p + dv_ml / c);
}

}  // namespace bfr::sim
