#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include <glm/ext/matrix_transform.hpp>
#include <glm/vec4.hpp>

#include "engine/render/camera.hpp"
#include "engine/render/render_list.hpp"

using namespace bfr::render;

namespace {

bool near(const glm::vec3& a, const glm::vec3& b, float eps = 1e-5f) {
    return glm::length(a - b) <= eps;
}

}  // namespace

TEST_CASE("orbit wraps yaw and clamps pitch", "[render][camera]") {
    OrbitCamera cam;
    cam.yaw_deg = 350.f;
    orbit(cam, 20.f, 0.f);
    CHECK(cam.yaw_deg == Approx(10.f));
    orbit(cam, -30.f, 0.f);
    CHECK(cam.yaw_deg == Approx(340.f));
    cam.yaw_deg = 0.f;
    orbit(cam, 725.f, 0.f);
    CHECK(cam.yaw_deg == Approx(5.f));
    cam.yaw_deg = 0.f;
    orbit(cam, -360.f, 0.f);
    CHECK(cam.yaw_deg == 0.f);
    orbit(cam, -1e-9f, 0.f);  // would round to exactly 360
    CHECK(cam.yaw_deg >= 0.f);
    CHECK(cam.yaw_deg < 360.f);

    cam.pitch_deg = 15.f;
    orbit(cam, 0.f, 100.f);
    CHECK(cam.pitch_deg == 80.f);
    orbit(cam, 0.f, -500.f);
    CHECK(cam.pitch_deg == -80.f);
    orbit(cam, 0.f, 30.f);
    CHECK(cam.pitch_deg == Approx(-50.f));

    const float yaw = cam.yaw_deg;
    orbit(cam, std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity());
    CHECK(cam.yaw_deg == yaw);
    CHECK(cam.pitch_deg == Approx(-50.f));
}

TEST_CASE("zoom clamps and ignores bad factors", "[render][camera]") {
    OrbitCamera cam;
    zoom(cam, 0.5f);
    CHECK(cam.distance == Approx(1.5f));
    zoom(cam, 0.01f);
    CHECK(cam.distance == 0.5f);
    zoom(cam, 1000.f);
    CHECK(cam.distance == 20.f);
    zoom(cam, 0.f);
    zoom(cam, -2.f);
    zoom(cam, std::numeric_limits<float>::quiet_NaN());
    zoom(cam, std::numeric_limits<float>::infinity());
    CHECK(cam.distance == 20.f);
}

TEST_CASE("eye position convention", "[render][camera]") {
    OrbitCamera cam;
    cam.target = {1.f, 2.f, 3.f};
    cam.distance = 3.f;
    cam.yaw_deg = 0.f;
    cam.pitch_deg = 0.f;
    CHECK(near(eye_position(cam), {1.f, 2.f, 6.f}));
    cam.yaw_deg = 90.f;
    CHECK(near(eye_position(cam), {4.f, 2.f, 3.f}));
    cam.yaw_deg = 0.f;
    cam.pitch_deg = 90.f;
    CHECK(near(eye_position(cam), {1.f, 5.f, 3.f}));
}

TEST_CASE("view matrix looks from the eye at the target", "[render][camera]") {
    OrbitCamera cam;
    cam.target = {0.2f, 1.1f, -0.4f};
    cam.yaw_deg = 37.f;
    cam.pitch_deg = 22.f;
    cam.distance = 2.5f;
    const glm::mat4 view = view_matrix(cam);
    const glm::vec3 eye = eye_position(cam);
    CHECK(near(glm::vec3(view * glm::vec4(cam.target, 1.f)), {0.f, 0.f, -2.5f}));
    CHECK(near(glm::vec3(view * glm::vec4(eye, 1.f)), glm::vec3{0.f}));
    const glm::mat4 look = glm::lookAt(eye, cam.target, glm::vec3{0.f, 1.f, 0.f});
    for (int c = 0; c < 4; ++c) {
        CHECK(glm::length(view[c] - look[c]) < 1e-5f);
    }
    // Still well defined looking straight down.
    cam.max_pitch_deg = 90.f;
    cam.pitch_deg = 90.f;
    const glm::mat4 down = view_matrix(cam);
    CHECK(std::isfinite(down[0][0]));
    CHECK(near(glm::vec3(down * glm::vec4(cam.target, 1.f)), {0.f, 0.f, -2.5f}));

    const CameraView cv = make_camera_view(cam, 1.5f);
    CHECK(near(cv.eye, eye_position(cam)));
    CHECK(cv.proj == projection_matrix(cam, 1.5f));
}

TEST_CASE("projection handles bad aspect", "[render][camera]") {
    OrbitCamera cam;
    CHECK(projection_matrix(cam, 0.f) == projection_matrix(cam, 1.f));
    CHECK(projection_matrix(cam, -3.f) == projection_matrix(cam, 1.f));
    const glm::mat4 wide = projection_matrix(cam, 2.f);
    const glm::mat4 square = projection_matrix(cam, 1.f);
    CHECK(wide[0][0] == Approx(square[0][0] / 2.f));
    CHECK(wide[1][1] == Approx(square[1][1]));
    // GL clip space: a point on the near plane maps to depth -1, on the far plane to +1.
    const glm::vec4 near_clip = square * glm::vec4(0.f, 0.f, -cam.near_plane, 1.f);
    const glm::vec4 far_clip = square * glm::vec4(0.f, 0.f, -cam.far_plane, 1.f);
    CHECK(near_clip.z / near_clip.w == Approx(-1.f).margin(1e-4));
    CHECK(far_clip.z / far_clip.w == Approx(1.f).margin(1e-4));
}

TEST_CASE("project_to_pixel uses a top-left origin", "[render][camera]") {
    OrbitCamera cam;
    cam.target = {0.f, 1.f, 0.f};
    cam.yaw_deg = 0.f;
    cam.pitch_deg = 10.f;
    const int w = 640;
    const int h = 480;
    const glm::mat4 vp = projection_matrix(cam, 640.f / 480.f) * view_matrix(cam);

    const auto centre = project_to_pixel(vp, cam.target, w, h);
    REQUIRE(centre.has_value());
    CHECK(centre->x == Approx(320.f).margin(1e-3));
    CHECK(centre->y == Approx(240.f).margin(1e-3));

    const auto above = project_to_pixel(vp, cam.target + glm::vec3{0.f, 0.3f, 0.f}, w, h);
    REQUIRE(above.has_value());
    CHECK(above->y < 240.f - 10.f);  // higher in the world = smaller row

    const auto right = project_to_pixel(vp, cam.target + glm::vec3{0.3f, 0.f, 0.f}, w, h);
    REQUIRE(right.has_value());  // yaw 0 looks down -Z, so +X is screen right
    CHECK(right->x > 330.f);

    const glm::vec3 behind = eye_position(cam) + (eye_position(cam) - cam.target);
    CHECK_FALSE(project_to_pixel(vp, behind, w, h).has_value());
    CHECK_FALSE(project_to_pixel(vp, cam.target, 0, h).has_value());
}
