#include "game/session/limb.hpp"

#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>

#include <algorithm>
#include <cmath>

namespace bfr::session {

LimbRig default_rig(LimbKind kind) noexcept {
    LimbRig rig;
    rig.kind = kind;
    if (kind == LimbKind::Leg) {
        rig.proximal_length_m = 0.44f;
        rig.distal_length_m = 0.42f;
        rig.rest_angle_deg = 90.f;       // seated, shank hanging
        rig.contracted_angle_deg = 5.f;  // knee (almost) straight
    } else {
        rig.proximal_length_m = 0.30f;
        rig.distal_length_m = 0.27f;
        rig.rest_angle_deg = 10.f;
        rig.contracted_angle_deg = 135.f;
    }
    return rig;
}

glm::vec3 proximal_direction(const LimbRig& rig) noexcept {
    return rig.kind == LimbKind::Leg ? glm::vec3(1.f, 0.f, 0.f) : glm::vec3(0.f, -1.f, 0.f);
}

glm::vec3 proximal_joint(const LimbRig& rig) noexcept {
    return -proximal_direction(rig) * rig.proximal_length_m;
}

glm::vec3 distal_direction(const LimbRig& rig, float angle_deg) noexcept {
    const float a = glm::radians(angle_deg);
    if (rig.kind == LimbKind::Leg) return {std::cos(a), -std::sin(a), 0.f};
    return {std::sin(a), -std::cos(a), 0.f};
}

glm::vec3 distal_end(const LimbRig& rig, float angle_deg) noexcept {
    return distal_direction(rig, angle_deg) * rig.distal_length_m;
}

float angle_for_progress(const LimbRig& rig, float progress_01) noexcept {
    const float p = std::clamp(progress_01, 0.f, 1.f);
    return rig.rest_angle_deg + (rig.contracted_angle_deg - rig.rest_angle_deg) * p;
}

}  // namespace bfr::session
