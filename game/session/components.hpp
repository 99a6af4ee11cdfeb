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

/// Where the exercise is: the cuff, the sets and the rests (track_session_phase).
enum class PhaseKind : std::uint8_t {
    CuffOff,   ///< Before the session, or the cuff deflated before any set.
    Inflated,  ///< The cuff is on, no set yet (or re-inflated after the session ended).
    Set,       ///< Inside a set.
    Rest,      ///< Between sets (after a set, before the next one).
    Done,      ///< The cuff deflated after at least one set.
};

/// The protocol's rest between sets (interfaces.md §3 default: 30 s) until protocols set it.
inline constexpr std::int64_t kDefaultRestNs = 30'000'000'000;

/// The session's phase. The telemetry's events decide it (`inflate`, `deflate`, `set_start`,
/// `set_end`, `rest_start`); without set events, sets and rests are inferred from the reps, and
/// without cuff events the cuff's state from its pressure (rules: systems.hpp, track_session_phase).
/// Reps are the virtual patient's RepTally (the same count the HUD shows).
struct SessionPhase {
    PhaseKind kind = PhaseKind::CuffOff;
    std::uint32_t set_number = 0;          ///< 1-based: the current set, or (rest, done) the last one; 0: none yet.
    std::int64_t start_ns = 0;             ///< Sample time the phase started at (an event's, or an inferred one).
    std::uint64_t start_tick = 0;          ///< Tick that started it.
    std::uint32_t reps_in_set = 0;         ///< Reps of the current set (in a rest and after: of the last set).
    std::uint32_t reps_previous_sets = 0;  ///< Reps of the sets that have ended.
    std::int64_t rest_target_ns = kDefaultRestNs;  ///< The prescribed rest between sets.
    // Bookkeeping.
    std::uint32_t tally_at_set_start = 0;  ///< RepTally::performed when the current set began.
    std::uint32_t tally_seen = 0;          ///< RepTally::performed at the end of the previous tick.
    std::int64_t last_rep_ns = -1;         ///< End of the tick of the latest rep (-1: none).
    bool set_events = false;               ///< The stream has set events: they alone decide sets and rests.
    bool cuff_events = false;              ///< The stream has inflate/deflate events: they alone decide the cuff.
    bool cuff_on = false;                  ///< The cuff is inflated.
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
    /// Blood that has flowed in and out since the start, in seconds of resting flow (the integral
    /// of inflow % / 100 and outflow % / 100 over time, each capped at kFlowShownCap), at this
    /// tick's end and the previous one's:
    /// the flow particles' positions, so the same time always shows the same picture.
    double inflow_rest_s = 0.0;
    double outflow_rest_s = 0.0;
    double prev_inflow_rest_s = 0.0;
    double prev_outflow_rest_s = 0.0;
    /// What the cuff holds between contractions (the cuff's band on screen): follows the measured
    /// pressure down at once (time constant kCuffFallTauS) and up slowly (kCuffHoldTauS), so each
    /// contraction's brief peak and the pulse barely lift it while a leak shows at once.
    double cuff_held_mmHg = 0.0;
};

/// The flow integrals (LimbPhysiology::inflow_rest_s, outflow_rest_s) count flow above this many
/// times resting flow as this many: the particles on screen show a surge without a blur.
inline constexpr double kFlowShownCap = 8.0;

/// Time constants of LimbPhysiology::cuff_held_mmHg rising and falling (s).
inline constexpr double kCuffHoldTauS = 1.5;
inline constexpr double kCuffFallTauS = 0.1;

}  // namespace bfr::session
