#pragma once
// The virtual patient: turns a "contract" command (held / released) into joint motion, muscle
// effort, what an IMU on the moving segment measures, the tissue the contracting muscle pushes
// into the cuff, and the heart beat whose pulse ripples through the cuff.
//
// Motion: a minimum-jerk sweep between rest and full contraction, `move_s` each way (1 s by default:
// 2 s per rep at the automatic tempo). Arm: elbow 10° → 135° (upper arm vertical, forearm swings
// forward and up). Leg: seated knee extension 90° → 5° (shank hangs, swings forward and up).
// Effort (fraction of MVC): load × resistance profile × phase factor × rep-to-rep variation × (1 +
// fatigue), with first-order activation dynamics; 0 at rest. Fatigue grows with effort and recovers
// at rest, slower while the cuff occludes.

#include "game/sim/random.hpp"
#include "game/sim/sim_config.hpp"

#include <array>
#include <cstdint>

namespace bfr::sim {

/// A 3-vector (sensor axes).
struct Vec3 {
    double x = 0.0;  ///< First axis.
    double y = 0.0;  ///< Second axis.
    double z = 0.0;  ///< Third axis.
};

/// The simulated patient and its IMU. Advanced in fixed steps; no allocation.
class VirtualPatient {
public:
    /// A patient at rest exercising `limb` with `load_pct_1rm`; `seed` picks the resting heart rate,
    /// beat-to-beat variation, rep-to-rep variation and the IMU's mounting orientation.
    VirtualPatient(Limb limb, double load_pct_1rm, std::uint64_t seed) noexcept;

    /// Time for one sweep between rest and full contraction (one half of a rep).
    void set_move_s(double move_s) noexcept;

    /// Advances by `dt_s`. `contract`: the patient is told to contract (held) or to relax.
    /// `occlusion_01`: cuff pressure / true LOP, clamped to 0..1 (slows fatigue recovery).
    void step(bool contract, double occlusion_01, double dt_s) noexcept;

    /// Joint angle, 0 = full extension.
    [[nodiscard]] double angle_deg() const noexcept { return angle_deg_; }
    /// Joint angular velocity (flexion positive).
    [[nodiscard]] double angle_rate_dps() const noexcept { return angle_rate_dps_; }
    /// Progress between rest (0) and full contraction (1).
    [[nodiscard]] double progress_01() const noexcept { return progress_01_; }
    /// Muscle activation as a fraction of maximal voluntary contraction.
    [[nodiscard]] double effort_01() const noexcept { return effort_01_; }
    /// Accumulated fatigue (0 fresh); effort for the same load is multiplied by 1 + fatigue.
    [[nodiscard]] double fatigue_01() const noexcept { return fatigue_01_; }
    /// How hard the contracting muscle bulges against the cuff, 0..1 (its effort); the cuff turns it
    /// into displaced volume with CuffParams::limb_ml_per_effort.
    [[nodiscard]] double bulge_01() const noexcept { return effort_01_; }
    /// Heart rate.
    [[nodiscard]] double heart_rate_hz() const noexcept { return heart_rate_hz_; }
    /// Sets the resting heart rate (instead of the seeded draw).
    void set_rest_heart_rate_hz(double hz) noexcept {
        rest_heart_rate_hz_ = hz;
        heart_rate_hz_ = hz;
    }
    /// Arterial pulse waveform, zero mean, 1 peak to peak.
    [[nodiscard]] double pulse_wave() const noexcept;
    /// Accelerometer reading (specific force, g) in the sensor's own axes, noise-free.
    [[nodiscard]] Vec3 accel_g() const noexcept;
    /// Gyroscope reading (°/s) in the sensor's own axes, noise-free.
    [[nodiscard]] Vec3 gyro_dps() const noexcept;
    /// Number of contractions started so far.
    [[nodiscard]] std::uint32_t reps_started() const noexcept { return reps_started_; }
    /// The limb.
    [[nodiscard]] Limb limb() const noexcept { return limb_; }

private:
    [[nodiscard]] Vec3 to_sensor(const Vec3& v) const noexcept;

    Limb limb_;
    Rng rng_;
    double load_mvc_01_;
    double move_s_ = 1.0;
    double rest_angle_deg_;
    double top_angle_deg_;
    double sensor_radius_m_;
    std::array<double, 9> mount_{};  // row-major rotation, segment axes -> sensor axes
    // Motion.
    bool held_ = false;
    double sweep_01_ = 0.0;  // linear in time; progress is its minimum-jerk image
    double sweep_rate_per_s_ = 0.0;
    double progress_01_ = 0.0;
    double angle_deg_ = 0.0;
    double angle_rate_dps_ = 0.0;
    double angle_accel_dps2_ = 0.0;
    // Muscle.
    double effort_01_ = 0.0;
    double fatigue_01_ = 0.0;
    double rep_factor_ = 1.0;
    std::uint32_t reps_started_ = 0;
    // Heart.
    double rest_heart_rate_hz_;
    double heart_rate_hz_;
    double exercise_drive_01_ = 0.0;
    double beat_phase_01_ = 0.0;
    double beat_length_factor_ = 1.0;
    double pulse_mean_ = 0.0;
    double pulse_scale_ = 1.0;
};

}  // namespace bfr::sim
