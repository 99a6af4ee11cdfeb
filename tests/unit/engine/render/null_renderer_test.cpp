#include <catch2/catch.hpp>

#include <memory>

#include "engine/render/mesh.hpp"
#include "engine/render/null/null_renderer.hpp"
#include "engine/render/render_list.hpp"
#include "engine/render/renderer.hpp"

using namespace bfr::render;

TEST_CASE("null renderer creates and destroys meshes", "[render][null]") {
    NullRenderer null_renderer;
    Renderer& r = null_renderer;  // exercised through the interface
    const MeshHandle box = r.create_mesh(make_box(glm::vec3{0.5f}));
    REQUIRE(r.is_mesh_valid(box));
    CHECK(null_renderer.mesh_count() == 1U);
    CHECK(null_renderer.last_error().empty());

    const MeshHandle bad = r.create_mesh(MeshData{});
    CHECK_FALSE(bad.is_set());
    CHECK_FALSE(r.is_mesh_valid(bad));
    CHECK(null_renderer.last_error().find("no triangles") != std::string::npos);
    CHECK(null_renderer.mesh_count() == 1U);

    r.destroy_mesh(box);
    CHECK_FALSE(r.is_mesh_valid(box));
    CHECK(null_renderer.mesh_count() == 0U);
    r.destroy_mesh(box);           // stale: ignored
    r.destroy_mesh(MeshHandle{});  // invalid: ignored
    CHECK(null_renderer.mesh_count() == 0U);

    const MeshHandle again = r.create_mesh(make_box(glm::vec3{0.5f}));
    CHECK(r.is_mesh_valid(again));
    CHECK_FALSE(r.is_mesh_valid(box));
    CHECK(again != box);
}

TEST_CASE("null renderer counts draws, triangles and skipped draws", "[render][null]") {
    NullRenderer r;
    const MeshData sphere_data = make_uv_sphere(1.f, 8, 12);
    const MeshHandle box = r.create_mesh(make_box(glm::vec3{0.5f}));
    const MeshHandle sphere = r.create_mesh(sphere_data);
    REQUIRE(r.is_mesh_valid(box));
    REQUIRE(r.is_mesh_valid(sphere));

    RenderList list;
    list.lights.push_back(DirectionalLight{});
    list.meshes.push_back(MeshDraw{box, glm::mat4{1.f}, Material{}});
    list.meshes.push_back(MeshDraw{sphere, glm::mat4{1.f}, Material{}});
    list.meshes.push_back(MeshDraw{sphere, glm::mat4{1.f}, Material{}});
    r.draw(list, Viewport{64, 32});
    CHECK(r.frames() == 1U);
    CHECK(r.last_frame_stats().draw_calls == 3U);
    CHECK(r.last_frame_stats().triangles == 12U + 2U * sphere_data.triangle_count());
    CHECK(r.skipped_draws() == 0U);
    CHECK(r.last_draw_count() == 3U);
    CHECK(r.last_light_count() == 1U);

    r.destroy_mesh(box);
    list.meshes.push_back(MeshDraw{});  // never-created handle
    r.draw(list, Viewport{64, 32});
    CHECK(r.frames() == 2U);
    CHECK(r.last_frame_stats().draw_calls == 2U);
    CHECK(r.last_frame_stats().triangles == 2U * sphere_data.triangle_count());
    CHECK(r.skipped_draws() == 2U);
    r.draw(list, Viewport{64, 32});
    CHECK(r.skipped_draws() == 4U);  // cumulative

    list.clear();
    CHECK(list.meshes.empty());
    r.draw(list, Viewport{64, 32});
    CHECK(r.last_frame_stats().draw_calls == 0U);
    CHECK(r.last_frame_stats().triangles == 0U);
}

TEST_CASE("null renderer fails cleanly when full", "[render][null]") {
    NullRenderer r(2);
    const MeshData disc = make_disc(1.f, 6);
    CHECK(r.create_mesh(disc).is_set());
    const MeshHandle second = r.create_mesh(disc);
    CHECK(second.is_set());
    CHECK_FALSE(r.create_mesh(disc).is_set());
    CHECK(r.last_error() == "mesh pool is full");
    r.destroy_mesh(second);
    CHECK(r.create_mesh(disc).is_set());
}

TEST_CASE("null renderer read_pixels is the background", "[render][null]") {
    NullRenderer r;
    CHECK(r.read_pixels().empty());  // nothing drawn yet

    RenderList list;
    list.environment.background_bottom = {0.f, 0.2f, 1.f};
    r.draw(list, Viewport{8, 4});
    CHECK(r.last_viewport().width_px == 8);
    CHECK(r.last_viewport().height_px == 4);
    const Image img = r.read_pixels();
    REQUIRE(img.width == 8);
    REQUIRE(img.height == 4);
    CHECK(img.pixel(0, 0) == glm::u8vec4(0, 124, 255, 255));
    CHECK(img.pixel(7, 3) == glm::u8vec4(0, 124, 255, 255));

    r.draw(list, Viewport{0, 0});
    CHECK(r.read_pixels().empty());
}
