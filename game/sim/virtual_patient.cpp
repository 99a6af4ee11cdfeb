#include "game/sim/virtual_patient.hpp"

#include <algorithm>
#include <cmath>

namespace bfr::sim {

namespace {

constexpr double kPi = 3.141592653589793;
constexpr double kDegPerRad = 180.0 / kPi;
constexpr double kStandardGravity = 9.80665;  // m/s² per g

// Muscle.
constexpr double kMvcPerLoad = 1.1;          // peak effort per unit of %1RM/100 at full resistance
constexpr double kRestEffortProfile = 0.05;  // resistance at the start of the sweep
constexpr double kConcentricFactor = 1.0;
constexpr double kEccentricFactor = 0.6;  // lowering a load takes less activation
constexpr double kIsometricFactor = 0.9;
constexpr double kActivationTauS = 0.04;
constexpr double kDeactivationTauS = 0.08;
constexpr double kRepVariationSd = 0.04;
constexpr double kFatigueGainPerS = 0.02;      // per unit effort
constexpr double kFatigueRecoveryPerS = 0.01;  // free flow; halved under full occlusion

// Heart.
constexpr double kRestHeartMinHz = 1.05;      // 63 bpm
constexpr double kRestHeartMaxHz = 1.25;      // 75 bpm
constexpr double kExerciseHeartGainHz = 0.3;  // +18 bpm at full exercise drive
constexpr double kMaxHeartHz = 1.5;
constexpr double kExerciseDriveTauS = 20.0;
constexpr double kBeatVariationSd = 0.02;

double min_jerk(double s) noexcept {
    return s * s * s * (10.0 + s * (-15.0 + 6.0 * s));
}
double min_jerk_d1(double s) noexcept {
    return 30.0 * s * s * (1.0 - s) * (1.0 - s);
}
double min_jerk_d2(double s) noexcept {
    return 60.0 * s * (1.0 - s) * (1.0 - 2.0 * s);
}

double pulse_shape(double phase_01) noexcept {
    // Systolic upstroke and a smaller dicrotic wave.
    const double a = (phase_01 - 0.12) / 0.05;
    const double b = (phase_01 - 0.42) / 0.07;
    return std::exp(-a * a) + 0.35 * std::exp(-b * b);
}

}  // namespace

VirtualPatient::VirtualPatient(Limb limb, double load_pct_1rm, std::uint64_t seed) noexcept
    : limb_(limb),
      rng_(seed ^ 0x5EED0F9A71E47ULL),
      load_mvc_01_(std::clamp(load_pct_1rm, 0.0, 100.0) / 100.0 * kMvcPerLoad),
      rest_angle_deg_(limb == Limb::Arm ? 10.0 : 90.0),
      top_angle_deg_(limb == Limb::Arm ? 135.0 : 5.0),
      sensor_radius_m_(limb == Limb::Arm ? 0.15 : 0.25),
      rest_heart_rate_hz_(0.0),
      heart_rate_hz_(0.0) {
    angle_deg_ = rest_angle_deg_;
    rest_heart_rate_hz_ = rng_.uniform(kRestHeartMinHz, kRestHeartMaxHz);
    heart_rate_hz_ = rest_heart_rate_hz_;
    beat_phase_01_ = rng_.uniform_01();
    // Random mounting orientation: a uniform random unit quaternion (Shoemake 1992).
    const double u1 = rng_.uniform_01();
    const double u2 = rng_.uniform_01();
    const double u3 = rng_.uniform_01();
    const double qx = std::sqrt(1.0 - u1) * std::sin(2.0 * kPi * u2);
    const double qy = std::sqrt(1.0 - u1) * std::cos(2.0 * kPi * u2);
    const double qz = std::sqrt(u1) * std::sin(2.0 * kPi * u3);
    const double qw = std::sqrt(u1) * std::cos(2.0 * kPi * u3);
    mount_ = {1.0 - 2.0 * (qy * qy + qz * qz), 2.0 * (qx * qy - qz * qw),       2.0 * (qx * qz + qy * qw),
              2.0 * (qx * qy + qz * qw),       1.0 - 2.0 * (qx * qx + qz * qz), 2.0 * (qy * qz - qx * qw),
              2.0 * (qx * qz - qy * qw),       2.0 * (qy * qz + qx * qw),       1.0 - 2.0 * (qx * qx + qy * qy)};
    // Normalise the pulse waveform to zero mean and unit peak-to-peak (done once).
    constexpr int kN = 1000;
    double lo = 1e9, hi = -1e9, sum = 0.0;
    for (int i = 0; i < kN; ++i) {
        const double v = pulse_shape(static_cast<double>(i) / kN);
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        sum += v;
    }
    pulse_mean_ = sum / kN;
    pulse_scale_ = 1.0 / (hi - lo);
}

void VirtualPatient::set_move_s(double move_s) noexcept {
    move_s_ = std::max(0.2, move_s);
}

void VirtualPatient::step(bool contract, double occlusion_01, double dt_s) noexcept {
    // A new contraction: draw this rep's intensity.
    if (contract && !held_) {
        ++reps_started_;
        rep_factor_ = std::max(0.8, 1.0 + kRepVariationSd * rng_.gaussian());
    }
    held_ = contract;

    // Motion: the sweep runs linearly toward its goal; progress is its minimum-jerk image.
    const double goal = held_ ? 1.0 : 0.0;
    const double rate = 1.0 / move_s_;
    const double prev_sweep = sweep_01_;
    sweep_01_ = goal > sweep_01_ ? std::min(goal, sweep_01_ + rate * dt_s) : std::max(goal, sweep_01_ - rate * dt_s);
    sweep_rate_per_s_ = (sweep_01_ - prev_sweep) / dt_s;
    progress_01_ = min_jerk(sweep_01_);
    const double range_deg = top_angle_deg_ - rest_angle_deg_;
    angle_deg_ = rest_angle_deg_ + range_deg * progress_01_;
    angle_rate_dps_ = range_deg * min_jerk_d1(sweep_01_) * sweep_rate_per_s_;
    angle_accel_dps2_ = range_deg * min_jerk_d2(sweep_01_) * sweep_rate_per_s_ * sweep_rate_per_s_;

    // Muscle: resistance grows toward the top (gravity on the shank; a band on the arm).
    double phase_factor = 0.0;
    if (sweep_rate_per_s_ > 0.0) {
        phase_factor = kConcentricFactor;
    } else if (sweep_rate_per_s_ < 0.0) {
        phase_factor = kEccentricFactor;
    } else if (held_ && sweep_01_ >= 1.0) {
        phase_factor = kIsometricFactor;
    }
    const double profile = kRestEffortProfile + (1.0 - kRestEffortProfile) * std::sin(0.5 * kPi * progress_01_);
    const double wanted = std::min(1.0, load_mvc_01_ * profile * phase_factor * rep_factor_ * (1.0 + fatigue_01_));
    const double tau = wanted > effort_01_ ? kActivationTauS : kDeactivationTauS;
    effort_01_ += (wanted - effort_01_) * std::min(1.0, dt_s / tau);

    const double occl = std::clamp(occlusion_01, 0.0, 1.0);
    const double recovery = kFatigueRecoveryPerS * (1.0 - 0.5 * occl);
    fatigue_01_ = std::max(0.0, fatigue_01_ + (kFatigueGainPerS * effort_01_ - recovery * fatigue_01_) * dt_s);

    // Heart: rate follows a slow exercise drive; each beat's length varies a little.
    exercise_drive_01_ += (std::min(1.0, effort_01_ / 0.4) - exercise_drive_01_) * (dt_s / kExerciseDriveTauS);
    heart_rate_hz_ = std::min(kMaxHeartHz, rest_heart_rate_hz_ + kExerciseHeartGainHz * exercise_drive_01_);
    beat_phase_01_ += heart_rate_hz_ * dt_s / beat_length_factor_;
    if (beat_phase_01_ >= 1.0) {
        beat_phase_01_ -= 1.0;
        beat_length_factor_ = std::clamp(1.0 + kBeatVariationSd * rng_.gaussian(), 0.9, 1.1);
    }
}

double VirtualPatient::pulse_wave() const noexcept {
    return (pulse_shape(beat_phase_01_) - pulse_mean_) * pulse_scale_;
}

Vec3 VirtualPatient::to_sensor(const Vec3& v) const noexcept {
    return {mount_[0] * v.x + mount_[1] * v.y + mount_[2] * v.z, mount_[3] * v.x + mount_[4] * v.y + mount_[5] * v.z,
            mount_[6] * v.x + mount_[7] * v.y + mount_[8] * v.z};
}

Vec3 VirtualPatient::accel_g() const noexcept {
    // Segment direction in the sagittal plane (x forward, y up): psi from +x.
    // Arm: forearm hangs at 0° flexion and turns forward-up; leg: shank points forward at 0° and hangs at 90°.
    const double sign = limb_ == Limb::Arm ? 1.0 : -1.0;
    const double psi = (limb_ == Limb::Arm ? angle_deg_ - 90.0 : -angle_deg_) / kDegPerRad;
    const double psi_rate = sign * angle_rate_dps_ / kDegPerRad;
    const double psi_accel = sign * angle_accel_dps2_ / kDegPerRad;
    // Specific force in segment axes (x along the segment away from the joint, y normal in plane, z joint axis):
    // the 1 g reaction to gravity plus centripetal and tangential acceleration of the sensor.
    const Vec3 segment{std::sin(psi) - sensor_radius_m_ * psi_rate * psi_rate / kStandardGravity,
                       std::cos(psi) + sensor_radius_m_ * psi_accel / kStandardGravity, 0.0};
    return to_sensor(segment);
}

Vec3 VirtualPatient::gyro_dps() const noexcept {
    const double sign = limb_ == Limb::Arm ? 1.0 : -1.0;
    return to_sensor(Vec3{0.0, 0.0, sign * angle_rate_dps_});
}

}  // namespace bfr::sim
