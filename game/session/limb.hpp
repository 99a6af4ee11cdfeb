#pragma once
// Limb kinematics: where the joints are for a given flexion angle. Pure functions of the rig.
//
// Frame: metres, right-handed, +Y up, the exercise plane is XY (the camera looks along -Z).
// Arm: shoulder above the elbow (upper arm hangs along -Y); the forearm turns from -Y (0°, full
// extension) toward +X (90°) and up. Leg (seated): hip behind the knee (thigh along +X); the
// shank turns from +X (0°, knee straight) down to -Y (90°).

#include "game/session/components.hpp"

#include <glm/vec3.hpp>

namespace bfr::session {

/// The default rig of each limb (adult proportions; see docs/visuals.md).
[[nodiscard]] LimbRig default_rig(LimbKind kind) noexcept;

/// The distal joint (elbow/knee) sits at the origin. Proximal joint (shoulder/hip):
[[nodiscard]] glm::vec3 proximal_joint(const LimbRig& rig) noexcept;
/// Unit direction from the proximal joint to the distal joint.
[[nodiscard]] glm::vec3 proximal_direction(const LimbRig& rig) noexcept;
/// Unit direction of the distal segment (forearm/shank) at `angle_deg` of flexion.
[[nodiscard]] glm::vec3 distal_direction(const LimbRig& rig, float angle_deg) noexcept;
/// The end of the distal segment (wrist/ankle).
[[nodiscard]] glm::vec3 distal_end(const LimbRig& rig, float angle_deg) noexcept;
/// Flexion angle for a progress between rest (0) and contracted (1).
[[nodiscard]] float angle_for_progress(const LimbRig& rig, float progress_01) noexcept;

}  // namespace bfr::session
