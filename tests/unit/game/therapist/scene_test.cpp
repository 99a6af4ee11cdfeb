// Two limbs in one view (the lab's side by side): SceneOptions::offset moves every mesh of a
// limb, append adds it to the frame already built, cuff leaves the cuff out; without them the
// frame is exactly the single limb's (the home mode's pictures do not change).

#include "engine/render/null/null_renderer.hpp"
#include "game/modes/therapist/lab.hpp"
#include "game/presentation/scene.hpp"
#include "game/session/limb.hpp"

#include <catch2/catch.hpp>

#include <cstring>

using namespace bfr;
using namespace bfr::modes::therapist;

namespace {

bool same_matrix(const glm::mat4& a, const glm::mat4& b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

}  // namespace

TEST_CASE("scene: B joins A's frame, moved by its offset, the cuff left out", "[therapist][scene]") {
    render::NullRenderer renderer;
    const auto meshes = presentation::create_scene_meshes(renderer, session::default_rig(session::LimbKind::Arm));
    LabParams params;
    LabRun run{LabSetup{}, params};
    while (run.tick() < 30 * core::kTickHz) run.step(params);
    const auto camera = presentation::default_camera(session::LimbKind::Arm);

    render::RenderList plain;
    presentation::build_render_list(run.session(Side::A), meshes, camera, 16.f / 9.f, 1.f, plain);
    render::RenderList defaults;
    presentation::build_render_list(run.session(Side::A), meshes, camera, 16.f / 9.f, 1.f, defaults,
                                    presentation::SceneOptions{});
    REQUIRE(plain.meshes.size() == defaults.meshes.size());
    for (std::size_t i = 0; i < plain.meshes.size(); ++i) CHECK(same_matrix(plain.meshes[i].model, defaults.meshes[i].model));

    const glm::vec3 offset(0.3f, 0.f, -0.1f);
    render::RenderList both;
    presentation::SceneOptions o;
    presentation::build_render_list(run.session(Side::A), meshes, camera, 16.f / 9.f, 1.f, both, o);
    const std::size_t a_meshes = both.meshes.size();
    const std::size_t lights = both.lights.size();
    o.offset = offset;
    o.append = true;
    presentation::build_render_list(run.session(Side::A), meshes, camera, 16.f / 9.f, 1.f, both, o);
    CHECK(both.lights.size() == lights);  // the frame's lights and camera are kept
    REQUIRE(both.meshes.size() == 2 * a_meshes);
    for (std::size_t i = 0; i < a_meshes; ++i) {
        const auto& a = both.meshes[i];
        const auto& b = both.meshes[a_meshes + i];
        CHECK(b.mesh == a.mesh);
        const glm::vec3 moved = glm::vec3(b.model[3]) - glm::vec3(a.model[3]);
        CHECK(moved.x == Approx(offset.x).margin(1e-5));
        CHECK(moved.z == Approx(offset.z).margin(1e-5));
        const glm::vec3 moved1 = glm::vec3(b.bone1[3]) - glm::vec3(a.bone1[3]);
        CHECK(moved1.x == Approx(offset.x).margin(1e-5));
    }
    // Without the cuff: two meshes fewer (the cuff and its band).
    render::RenderList no_cuff;
    o = presentation::SceneOptions{};
    o.cuff = false;
    presentation::build_render_list(run.session(Side::B), meshes, camera, 16.f / 9.f, 1.f, no_cuff, o);
    CHECK(no_cuff.meshes.size() + 2 == a_meshes);
    presentation::destroy_scene_meshes(renderer, meshes);
}
