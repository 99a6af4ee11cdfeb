// GL tests: a real GL 3.3 core context on SDL's offscreen (EGL) driver with Mesa's llvmpipe.
// Run as one CTest test (RESOURCE_LOCK gl), never discovered at build time.

#include "engine/render/gl/gl_renderer.hpp"
#include "engine/platform/sdl/sdl_platform.hpp"
#include "engine/render/camera.hpp"
#include "engine/render/mesh.hpp"

#include <catch2/catch.hpp>

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace bfr;
namespace fs = std::filesystem;

namespace {

std::unique_ptr<platform::Window> open_window(int w, int h) {
    if (std::getenv("DISPLAY") == nullptr) setenv("SDL_VIDEODRIVER", "offscreen", 0);
    platform::WindowDesc desc;
    desc.width_px = w;
    desc.height_px = h;
    desc.hidden = true;
    desc.vsync = false;
    std::string error;
    auto window = platform::sdl::create_window(desc, &error);
    INFO(error);
    REQUIRE(window);
    return window;
}

render::RenderList scene_with(render::MeshHandle mesh, float aspect) {
    render::RenderList list;
    render::OrbitCamera cam;
    cam.target = {0.f, 0.f, 0.f};
    cam.distance = 3.f;
    cam.yaw_deg = 20.f;
    cam.pitch_deg = 15.f;
    list.camera = render::make_camera_view(cam, aspect);
    list.lights.push_back({});
    render::Material red;
    red.base_color = {0.9f, 0.05f, 0.05f};
    if (mesh.id != 0) list.meshes.push_back({mesh, glm::mat4(1.f), red});
    return list;
}

/// A renderer on the project's shaders; `msaa_samples` < 0 = automatic.
std::unique_ptr<render::gl::GlRenderer> make_renderer(int msaa_samples = -1) {
    render::gl::GlRendererDesc desc;
    desc.shader_dir = BFR_SHADER_DIR;
    desc.msaa_samples = msaa_samples;
    std::string error;
    auto renderer = render::gl::GlRenderer::create(desc, &error);
    INFO(error);
    REQUIRE(renderer);
    return renderer;
}

int channel_distance(glm::u8vec4 a, glm::u8vec4 b) {
    return std::max({std::abs(a.r - b.r), std::abs(a.g - b.g), std::abs(a.b - b.b)});
}

}  // namespace

TEST_CASE("the GL renderer draws a lit mesh where the camera projects it", "[gl]") {
    auto window = open_window(320, 200);
    auto renderer = make_renderer();

    const auto sphere = renderer->create_mesh(render::make_uv_sphere(0.6f, 16, 24));
    REQUIRE(renderer->is_mesh_valid(sphere));
    const float aspect = 320.f / 200.f;

    renderer->draw(scene_with({}, aspect), {320, 200});
    const render::Image empty = renderer->read_pixels();
    renderer->draw(scene_with(sphere, aspect), {320, 200});
    const render::Image drawn = renderer->read_pixels();
    REQUIRE(drawn.width == 320);
    REQUIRE(drawn.height == 200);
    CHECK(renderer->last_frame_stats().draw_calls == 1);
    CHECK(renderer->last_frame_stats().triangles > 500);

    // The sphere is at the target, which projects to the image centre: red there, background elsewhere.
    const glm::u8vec4 centre = drawn.pixel(160, 100);
    CHECK(centre.r > 2 * centre.g);
    CHECK(channel_distance(centre, empty.pixel(160, 100)) > 40);
    CHECK(channel_distance(drawn.pixel(4, 4), empty.pixel(4, 4)) == 0);
    CHECK(channel_distance(drawn.pixel(315, 195), empty.pixel(315, 195)) == 0);
    // Background gradient: lighter at the top than at the bottom (rows are top-first).
    CHECK(empty.pixel(160, 2).b > empty.pixel(160, 197).b);

    // Deterministic: the same list gives the same pixels.
    renderer->draw(scene_with(sphere, aspect), {320, 200});
    const auto again = renderer->read_pixels();
    CHECK(render::compare_images(drawn, again, 0).max_abs_channel == 0);

    // Stale handles are skipped and counted, never drawn.
    renderer->destroy_mesh(sphere);
    CHECK_FALSE(renderer->is_mesh_valid(sphere));
    renderer->draw(scene_with(sphere, aspect), {320, 200});
    CHECK(renderer->skipped_draws() == 1);
    CHECK(renderer->last_frame_stats().draw_calls == 0);
}

TEST_CASE("the GL renderer follows viewport size changes", "[gl]") {
    auto window = open_window(200, 100);
    auto renderer = make_renderer(4);
    CHECK(renderer->msaa_samples() == 4);  // llvmpipe offers 4x MSAA when asked explicitly
    renderer->draw(scene_with({}, 2.f), {200, 100});
    CHECK(renderer->msaa_samples() == 4);
    CHECK(renderer->read_pixels().width == 200);
    renderer->draw(scene_with({}, 1.f), {64, 64});
    const auto small = renderer->read_pixels();
    CHECK(small.width == 64);
    CHECK(small.height == 64);

    // MSAA resolves the scene: the same sphere drawn without MSAA is identical inside and differs
    // only along its silhouette (a thin band of anti-aliased pixels).
    const auto sphere = renderer->create_mesh(render::make_uv_sphere(0.6f, 16, 24));
    renderer->draw(scene_with(sphere, 2.f), {200, 100});
    const auto smooth = renderer->read_pixels();
    CHECK(smooth.pixel(100, 50).r > 2 * smooth.pixel(100, 50).g);
    auto plain = make_renderer(0);
    const auto plain_sphere = plain->create_mesh(render::make_uv_sphere(0.6f, 16, 24));
    plain->draw(scene_with(plain_sphere, 2.f), {200, 100});
    const auto aliased = plain->read_pixels();
    const auto diff = render::compare_images(smooth, aliased, 2);
    CHECK(diff.failing_fraction > 0.002);  // the silhouette: some hundred pixels
    CHECK(diff.failing_fraction < 0.05);   // but not the interior or the background
    CHECK(channel_distance(smooth.pixel(100, 50), aliased.pixel(100, 50)) <= 2);
}

TEST_CASE("automatic MSAA is off on a software rasteriser", "[gl]") {
    auto window = open_window(64, 64);
    auto renderer = make_renderer();
    CHECK(renderer->msaa_samples() == 0);  // CI and these tests run on llvmpipe
}

TEST_CASE("an invalid mesh is refused with an invalid handle", "[gl]") {
    auto window = open_window(64, 64);
    auto renderer = make_renderer();
    render::MeshData bad = render::make_box({1.f, 1.f, 1.f});
    bad.indices.push_back(99999);
    bad.indices.push_back(0);
    bad.indices.push_back(1);
    CHECK_FALSE(renderer->is_mesh_valid(renderer->create_mesh(bad)));
    CHECK_FALSE(renderer->is_mesh_valid(renderer->create_mesh(render::MeshData{})));
}

TEST_CASE("a shader that fails to compile is reported with its file and line", "[gl]") {
    auto window = open_window(64, 64);
    std::string pattern = (fs::temp_directory_path() / "bfr_gl_test_shaders_XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    const fs::path dir(pattern);
    for (const char* name : {"lit.vert", "background.vert", "background.frag"}) {
        fs::copy_file(fs::path(BFR_SHADER_DIR) / name, dir / name);
    }
    {
        std::ofstream frag(dir / "lit.frag");
        frag << "#version 330 core\nout vec4 o_color;\nvoid main() {\n    o_color = vec4(undefined_thing, 1.0);\n}\n";
    }
    std::string error;
    render::gl::GlRendererDesc desc;
    desc.shader_dir = dir.string();
    auto renderer = render::gl::GlRenderer::create(desc, &error);
    CHECK_FALSE(renderer);
    INFO(error);
    CHECK(error.find((dir / "lit.frag").string() + ":4") != std::string::npos);
    CHECK(error.find("undefined_thing") != std::string::npos);

    fs::remove(dir / "lit.frag");
    error.clear();
    CHECK_FALSE(render::gl::GlRenderer::create(desc, &error));
    CHECK(error.find("cannot read shader file") != std::string::npos);
    CHECK(error.find("lit.frag") != std::string::npos);
    fs::remove_all(dir);
}
