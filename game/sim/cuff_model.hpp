#pragma once
// The simulated pneumatic cuff: a bladder with pressure-dependent compliance, a pump, an exhaust
// valve, a slow leak, tissue creep under the cuff, and the limb pushing into the bladder when its
// muscles contract. The arterial pulse ripple and the pressure sensor are modelled by free
// functions here; the heart that drives the ripple lives in the virtual patient.
//
// Volume balance per step (mL): C(P)·dP = (Q_pump − Q_valve − Q_leak)·dt − dV_creep + dV_limb.
// See docs/simulator.md for every parameter and where its value comes from.

#include "game/sim/sim_config.hpp"

namespace bfr::sim {

/// Hardware parameters of one cuff (bladder, pump, valve) and its pressure sensor.
struct CuffParams {
    double compliance_ml_per_mmhg = 1.0;        ///< Bladder compliance once snug (dV/dP).
    double slack_compliance_ml_per_mmhg = 4.0;  ///< Extra compliance of the slack bladder at 0 mmHg.
    double slack_scale_mmhg = 20.0;             ///< Pressure over which the slack compliance fades (e-fold).
    double pump_max_ml_per_s = 80.0;            ///< Pump flow into an empty cuff.
    double pump_stall_mmhg = 450.0;             ///< Back-pressure at which the pump delivers nothing.
    double pump_spin_s = 0.05;                  ///< Pump motor time constant (spin-up and run-down).
    double valve_ml_per_s_mmhg = 1.5;           ///< Exhaust conductance of the fully open valve.
    double valve_lag_s = 0.02;                  ///< Valve opening time constant.
    double leak_pct_per_10s = 0.5;              ///< Slow leak: % of the pressure lost per 10 s.
    double creep_ml_per_mmhg = 0.08;            ///< Tissue/strap creep volume per mmHg at equilibrium.
    double creep_tau_s = 20.0;                  ///< Creep time constant.
    double limb_ml_per_effort = 100.0;          ///< Tissue pushed into the bladder per unit of muscle effort.
    double pulse_pp_mmhg = 3.0;                 ///< Largest peak-to-peak arterial ripple (mid-range pressure).
    double sensor_noise_mmhg = 0.3;             ///< Sensor noise, 1 sd.
    double sensor_lsb_mmhg = 0.1;               ///< Sensor quantisation step.
};

/// The cuff of `limb` behaving like `profile`: the leg cuff is 1.4× the arm's volume with a 1.2× pump;
/// the loose cuff leaks more and creeps more (docs/simulator.md).
[[nodiscard]] CuffParams default_cuff_params(Limb limb, Profile profile) noexcept;

/// Peak-to-peak arterial pulse ripple (mmHg) seen in a cuff at `cuff_mmhg` on a limb whose true LOP is
/// `lop_mmhg`: 0 with the cuff off, rising to `max_pp_mmhg` by 40 % LOP, shrinking over the last 12 %
/// below LOP and exactly 0 at or above LOP.
[[nodiscard]] double pulse_ripple_pp_mmhg(double cuff_mmhg, double lop_mmhg, double max_pp_mmhg) noexcept;

/// What a pressure sensor reports for `true_mmhg` given a standard-normal draw `noise_sd`:
/// adds noise, quantises to the LSB and never reports below 0.
[[nodiscard]] double sensor_reading_mmhg(double true_mmhg, double noise_sd, const CuffParams& params) noexcept;

/// Actuator commands from the device firmware, held until the next firmware iteration.
struct ActuatorCommand {
    double pump_01 = 0.0;   ///< Pump drive (PWM duty), 0..1.
    double valve_01 = 0.0;  ///< Exhaust valve opening, 0..1.
};

/// The bladder's state and its integration (explicit Euler at the simulator's 1 kHz step).
class CuffModel {
public:
    /// A deflated cuff with the given hardware.
    explicit CuffModel(const CuffParams& params) noexcept;

    /// Advances by `dt_s` with actuator commands `cmd`, the limb's current displacement into the
    /// bladder `limb_ml` (its change over the step is what moves pressure) and an extra leak.
    void step(const ActuatorCommand& cmd, double limb_ml, double extra_leak_pct_per_10s, double dt_s) noexcept;

    /// Bladder pressure without the arterial ripple (mmHg).
    [[nodiscard]] double pressure_mmhg() const noexcept { return pressure_mmhg_; }
    /// Bladder compliance at `pressure_mmhg` (mL/mmHg).
    [[nodiscard]] double compliance_ml_per_mmhg(double pressure_mmhg) const noexcept;
    /// Current pump flow (mL/s); > 0 while the pump runs.
    [[nodiscard]] double pump_flow_ml_per_s() const noexcept { return pump_flow_ml_per_s_; }
    /// Current valve opening, 0..1.
    [[nodiscard]] double valve_01() const noexcept { return valve_01_; }
    /// The hardware parameters.
    [[nodiscard]] const CuffParams& params() const noexcept { return params_; }

private:
    CuffParams params_;
    double pressure_mmhg_ = 0.0;
    double creep_ml_ = 0.0;
    double limb_ml_ = 0.0;
    double pump_speed_01_ = 0.0;
    double valve_01_ = 0.0;
    double pump_flow_ml_per_s_ = 0.0;
};

}  // namespace bfr::sim
