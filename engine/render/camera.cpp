#include "engine/render/camera.hpp"

#include <algorithm>
#include <cmath>

#include <glm/ext/matrix_clip_space.hpp>
#include <glm/ext/matrix_transform.hpp>
#include <glm/trigonometric.hpp>
#include <glm/vec4.hpp>

namespace bfr::render {
namespace {

// std::clamp requires lo <= hi; a misconfigured camera must not be UB.
float clamp_safe(float v, float lo, float hi) {
    return std::min(std::max(v, lo), hi);
}

}  // namespace

void orbit(OrbitCamera& camera, float dyaw_deg, float dpitch_deg) {
    if (std::isfinite(dyaw_deg)) {
        float yaw = std::fmod(camera.yaw_deg + dyaw_deg, 360.f);
        if (yaw < 0.f) {
            yaw += 360.f;
        }
        if (yaw >= 360.f || !std::isfinite(yaw)) {  // -tiny + 360 rounds to 360
            yaw = 0.f;
        }
        camera.yaw_deg = yaw;
    }
    if (std::isfinite(dpitch_deg)) {
        camera.pitch_deg = clamp_safe(camera.pitch_deg + dpitch_deg, camera.min_pitch_deg, camera.max_pitch_deg);
    }
}

void zoom(OrbitCamera& camera, float factor) {
    if (!std::isfinite(factor) || factor <= 0.f) {
        return;
    }
    camera.distance = clamp_safe(camera.distance * factor, camera.min_distance, camera.max_distance);
}

glm::vec3 eye_position(const OrbitCamera& camera) {
    const float yaw = glm::radians(camera.yaw_deg);
    const float pitch = glm::radians(camera.pitch_deg);
    const glm::vec3 offset{std::cos(pitch) * std::sin(yaw), std::sin(pitch), std::cos(pitch) * std::cos(yaw)};
    return camera.target + camera.distance * offset;
}

glm::mat4 view_matrix(const OrbitCamera& camera) {
    // Camera-to-world = T(target) * Ry(yaw) * Rx(-pitch) * T(0, 0, distance); this is its inverse.
    glm::mat4 view = glm::translate(glm::mat4{1.f}, glm::vec3{0.f, 0.f, -camera.distance});
    view = glm::rotate(view, glm::radians(camera.pitch_deg), glm::vec3{1.f, 0.f, 0.f});
    view = glm::rotate(view, -glm::radians(camera.yaw_deg), glm::vec3{0.f, 1.f, 0.f});
    return glm::translate(view, -camera.target);
}

glm::mat4 projection_matrix(const OrbitCamera& camera, float aspect) {
    if (!std::isfinite(aspect) || aspect <= 0.f) {
        aspect = 1.f;
    }
    const float fov_deg = clamp_safe(camera.fov_y_deg, 1.f, 179.f);
    return glm::perspective(glm::radians(fov_deg), aspect, camera.near_plane, camera.far_plane);
}

std::optional<glm::vec2> project_to_pixel(const glm::mat4& view_proj, glm::vec3 world, int width_px, int height_px) {
    if (width_px <= 0 || height_px <= 0) {
        return std::nullopt;
    }
    const glm::vec4 clip = view_proj * glm::vec4{world, 1.f};
    if (!(clip.w > 1e-6f)) {
        return std::nullopt;
    }
    const float ndc_x = clip.x / clip.w;
    const float ndc_y = clip.y / clip.w;
    const float x = (0.5f * ndc_x + 0.5f) * static_cast<float>(width_px);
    const float y = (0.5f - 0.5f * ndc_y) * static_cast<float>(height_px);
    return glm::vec2{x, y};
}

}  // namespace bfr::render
