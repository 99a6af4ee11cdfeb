#pragma once
// Orbit camera: a point of interest (`target`) seen from `distance` metres away at a yaw around
// +Y and a pitch above the horizon. Right-handed, +Y up, looking down -Z in view space.
//
// Convention: yaw 0, pitch 0 puts the eye at target + (0, 0, distance) looking towards -Z.
// Positive yaw turns the eye counter-clockwise seen from above (yaw 90 -> eye on +X); positive
// pitch raises the eye above the target, looking down.

#include <optional>

#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

namespace bfr::render {

/// Orbit camera state. Plain data; mutate with orbit()/zoom() to keep the limits.
struct OrbitCamera {
    /// Point the camera looks at (world, m).
    glm::vec3 target{0.f};
    /// Rotation of the eye around +Y, degrees in [0, 360).
    float yaw_deg = 30.f;
    /// Elevation of the eye above the target's horizon, degrees.
    float pitch_deg = 15.f;
    /// Eye-to-target distance in metres.
    float distance = 3.f;
    /// Vertical field of view in degrees.
    float fov_y_deg = 40.f;
    /// Near clip plane distance (m, > 0).
    float near_plane = 0.05f;
    /// Far clip plane distance (m, > near_plane).
    float far_plane = 100.f;
    /// Smallest distance zoom() allows.
    float min_distance = 0.5f;
    /// Largest distance zoom() allows.
    float max_distance = 20.f;
    /// Lowest pitch orbit() allows, degrees.
    float min_pitch_deg = -80.f;
    /// Highest pitch orbit() allows, degrees.
    float max_pitch_deg = 80.f;
};

/// Adds to yaw (wrapped into [0, 360)) and pitch (clamped to [min_pitch_deg, max_pitch_deg]).
/// Non-finite deltas are ignored.
void orbit(OrbitCamera& camera, float dyaw_deg, float dpitch_deg);

/// Multiplies the distance by `factor` (< 1 moves closer), clamped to [min_distance,
/// max_distance]. factor <= 0 or non-finite is ignored.
void zoom(OrbitCamera& camera, float factor);

/// World-space eye position: target + distance * (cos p sin y, sin p, cos p cos y).
[[nodiscard]] glm::vec3 eye_position(const OrbitCamera& camera);

/// World-to-view matrix (right-handed, +Y up, camera looks down -Z). Built from yaw/pitch
/// directly, so it stays well defined even at pitch +-90.
[[nodiscard]] glm::mat4 view_matrix(const OrbitCamera& camera);

/// Perspective projection into OpenGL clip space (depth -1..1). aspect = width / height;
/// aspect <= 0 or non-finite is treated as 1.
[[nodiscard]] glm::mat4 projection_matrix(const OrbitCamera& camera, float aspect);

/// Projects a world point to pixel coordinates with the origin at the TOP-LEFT corner (x right,
/// y = row down, like a PNG); pixel (i, j) covers [i, i+1) x [j, j+1), so the image centre is
/// (width/2, height/2). Points off-screen still project; nullopt when the point is on or behind
/// the eye plane (clip w <= 0) or the size is not positive.
[[nodiscard]] std::optional<glm::vec2> project_to_pixel(const glm::mat4& view_proj, glm::vec3 world, int width_px,
                                                        int height_px);

}  // namespace bfr::render
