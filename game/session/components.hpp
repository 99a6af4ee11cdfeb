#pragma once
// Components of the session world: small plain structs, units in the names.

#include "game/physiology/model.hpp"

#include <cstdint>

namespace bfr::session {

/// Which limb is exercised (arm: biceps curl; leg: seated knee extension).
enum class LimbKind : std::uint8_t { Arm, Leg };

/// The limb's fixed geometry and range of motion.
struct LimbRig {
    LimbKind kind = LimbKind::Arm;
    float proximal_length_m = 0.30f;     ///< Upper arm / thigh.
    float distal_length_m = 0.27f;       ///< Forearm / shank.
    float rest_angle_deg = 10.f;         ///< Joint flexion at rest (0 = full extension).
    float contracted_angle_deg = 135.f;  ///< Joint flexion at the top of a rep.
};

/// The pose the simulation computed for the current tick.
struct JointPose {
    float angle_deg = 0.f;      ///< Joint flexion (0 = full extension).
    float activation_01 = 0.f;  ///< Muscle activation, 0 = rest, 1 = maximal.
};

/// The pose at the end of the previous tick; the renderer blends the two with the loop's alpha.
struct PrevJointPose {
    JointPose pose;
};

/// How the virtual patient is driven: by the user's contract input or an automatic tempo.
struct PatientDrive {
    bool contract_held = false;          ///< The user holds the contract input.
    bool auto_tempo = false;             ///< Perform reps automatically (2 s per rep) when nobody drives.
    float progress_01 = 0.f;             ///< Where the joint is between rest (0) and contracted (1).
    float velocity_per_s = 0.f;          ///< d(progress)/dt of the joint's critically damped response.
    std::uint64_t tempo_start_tick = 0;  ///< Tick the automatic tempo started at.
    bool rep_armed = true;               ///< Hysteresis of the virtual patient's own rep tally.
    bool pose_measured = false;          ///< Telemetry has measured the joint angle (it owns the pose).
    bool effort_measured = false;        ///< Telemetry measured the effort recently (it owns the activation).
    std::int64_t last_effort_ns = -1;    ///< Time of the latest effort sample (-1: none).
    std::int64_t last_angle_ns = -1;     ///< Time of the latest joint-angle sample (-1: none).
    float lift_activation = 0.40f;       ///< Activation while lifting (physiology::activation_for_load).
    float measured_progress_prev = 0.f;  ///< Progress at the previous tick, for a measured angle's velocity.
    float measured_velocity_per_s = 0.f; ///< Smoothed d(progress)/dt of a measured angle (τ 0.15 s).
};

/// Reps the virtual patient has performed (its own tally; the rep counter of issue 6 is separate).
struct RepTally {
    std::uint32_t performed = 0;
    std::uint64_t last_rep_tick = 0;  ///< Tick the latest rep completed at (0 = none yet).
};

/// The restricted limb's physiology (game/physiology): its parameters, state, the inputs of the
/// latest tick and everything derived from them.
struct LimbPhysiology {
    physiology::Prepared prepared;  ///< The parameters (`prepared.params`), made ready for stepping.
    physiology::State state;
    physiology::Inputs inputs;
    physiology::Outputs out;
    bool lop_from_telemetry = false;  ///< The LOP came from the recording (column or event), not a default.
    std::uint64_t lop_rejected = 0;   ///< LOP values outside the plausible range, ignored.
    double lop_rejected_mmHg = 0.0;   ///< The latest of them.
};

}  // namespace bfr::session
