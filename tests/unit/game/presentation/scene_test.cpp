#include "game/presentation/scene.hpp"
#include "engine/render/null/null_renderer.hpp"
#include "game/presentation/limb_meshes.hpp"
#include "game/presentation/view_models.hpp"
#include "game/session/limb.hpp"
#include "game/session/session.hpp"
#include "game/telemetry/format_v1.hpp"

#include <catch2/catch.hpp>

using namespace bfr;

TEST_CASE("limb meshes are valid and within the triangle budget", "[presentation]") {
    for (const auto kind : {session::LimbKind::Arm, session::LimbKind::Leg}) {
        const auto m = presentation::build_limb_meshes(session::default_rig(kind));
        std::size_t triangles = 0;
        for (const auto* mesh :
             {&m.proximal, &m.distal, &m.joint, &m.muscle, &m.end, &m.cuff, &m.cuff_band, &m.prop, &m.weight}) {
            std::string why;
            INFO(why);
            CHECK(render::validate_mesh(*mesh, &why));
            triangles += mesh->triangle_count();
        }
        triangles += m.torso.triangle_count();
        CHECK(triangles > 2000);
        CHECK(triangles < 20000);  // llvmpipe budget: the whole scene stays far below 50k
    }
}

TEST_CASE("the cuff sits around the proximal segment, a little larger than the limb", "[presentation]") {
    const auto rig = session::default_rig(session::LimbKind::Arm);
    const auto cuff = presentation::cuff_placement(rig);
    const auto m = presentation::build_limb_meshes(rig);
    const auto b = render::compute_bounds(m.cuff);
    CHECK(b.min.y == Approx(cuff.start_m));
    CHECK(b.max.y == Approx(cuff.end_m));
    CHECK(b.max.x > 0.045f);  // wider than the upper arm under it
    CHECK(b.max.x < 0.08f);
}

TEST_CASE("the render list poses the forearm at the interpolated angle", "[presentation]") {
    render::NullRenderer renderer;
    session::SessionConfig config;
    config.auto_tempo = true;
    session::Session s{config};
    const auto rig = session::default_rig(session::LimbKind::Arm);
    const auto meshes = presentation::create_scene_meshes(renderer, rig);
    CHECK(renderer.is_mesh_valid(meshes.distal));
    CHECK_FALSE(renderer.is_mesh_valid(meshes.torso));  // the arm has no separate torso
    s.advance_to(0.5);
    render::RenderList list;
    presentation::build_render_list(s, meshes, presentation::default_camera(rig.kind), 16.f / 9.f, 1.f, list);
    CHECK(list.lights.size() == 3);
    // Second draw is the forearm; its local +Y points along the forearm.
    REQUIRE(list.meshes.size() >= 2);
    const auto& forearm = list.meshes[1];
    CHECK(forearm.mesh.id == meshes.distal.id);
    const float angle = s.world().get<session::JointPose>(s.limb()).angle_deg;
    const glm::vec3 expected = session::distal_direction(rig, angle);
    const glm::vec3 y_axis(forearm.model[1]);
    CHECK(y_axis.x == Approx(expected.x).margin(1e-5));
    CHECK(y_axis.y == Approx(expected.y).margin(1e-5));

    // alpha 0 shows the previous tick's pose.
    const float prev = s.world().get<session::PrevJointPose>(s.limb()).pose.angle_deg;
    CHECK(presentation::interpolated_pose(s, 0.f).angle_deg == Approx(prev));
    CHECK(presentation::interpolated_pose(s, 0.5f).angle_deg == Approx(0.5f * (prev + angle)));

    renderer.draw(list, {320, 200});
    CHECK(renderer.skipped_draws() == 0);
    CHECK(renderer.last_frame_stats().draw_calls == list.meshes.size());
    presentation::destroy_scene_meshes(renderer, meshes);
    CHECK(renderer.mesh_count() == 0);
}

TEST_CASE("the default camera frames the whole limb", "[presentation]") {
    for (const auto kind : {session::LimbKind::Arm, session::LimbKind::Leg}) {
        const auto rig = session::default_rig(kind);
        const auto cam = presentation::default_camera(kind);
        const auto view = render::make_camera_view(cam, 16.f / 9.f);
        const glm::mat4 vp = view.proj * view.view;
        for (const float angle : {rig.rest_angle_deg, rig.contracted_angle_deg}) {
            for (const glm::vec3 p : {session::proximal_joint(rig), glm::vec3(0.f), session::distal_end(rig, angle)}) {
                const auto px = render::project_to_pixel(vp, p, 1280, 720);
                REQUIRE(px);
                CHECK(px->x > 64.f);
                CHECK(px->x < 1216.f);
                CHECK(px->y > 36.f);
                CHECK(px->y < 684.f);
            }
        }
    }
}

TEST_CASE("the HUD scale follows the window and the user's choice", "[presentation]") {
    CHECK(presentation::hud_scale_for(1280, 720, 1.f) == Approx(1.f));
    CHECK(presentation::hud_scale_for(1920, 1080, 1.f) == Approx(1.5f));
    CHECK(presentation::hud_scale_for(3840, 2160, 1.f) == Approx(2.5f));  // capped
    CHECK(presentation::hud_scale_for(320, 200, 1.f) == Approx(0.55f));   // floor keeps text legible
    CHECK(presentation::hud_scale_for(1280, 400, 1.f) == Approx(0.55f));  // the smaller ratio decides
    CHECK(presentation::hud_scale_for(1280, 720, 1.5f) == Approx(1.5f));
    CHECK(presentation::hud_scale_for(1300, 730, 1.f) == Approx(1.f));  // rounded: no rebuild per pixel
    CHECK(presentation::hud_scale_for(0, 720, 1.f) == Approx(1.f));
    CHECK(presentation::hud_scale_for(1280, 720, std::numeric_limits<float>::quiet_NaN()) == Approx(1.f));
    CHECK(presentation::hud_scale_for(3840, 2160, 3.f) == Approx(3.f));  // never beyond the UI's maximum
}

TEST_CASE("the HUD view model reads the session", "[presentation]") {
    session::SessionConfig config;
    config.limb = session::LimbKind::Leg;
    config.auto_tempo = true;
    session::Session s{config};
    s.advance_to(4.1);
    const auto vm = presentation::make_hud_view_model(s, 1.f);
    CHECK(std::string(vm.joint_name) == "knee");
    CHECK(vm.reps_performed == 2);
    CHECK(vm.auto_tempo);
    CHECK(vm.sim_time_s == Approx(4.1).margin(1.0 / 60));
    // The second rep completed about 3.3 s in: no flash at 4.1 s; right after a rep, a full one.
    CHECK(vm.rep_flash_01 == 0.f);
    session::Session fresh{config};
    while (fresh.last_tick_reps().empty()) fresh.step();
    CHECK(presentation::make_hud_view_model(fresh, 1.f).rep_flash_01 == Approx(1.f));
    for (unsigned i = 0; i < presentation::kRepFlashTicks / 2; ++i) fresh.step();
    CHECK(presentation::make_hud_view_model(fresh, 1.f).rep_flash_01 == Approx(0.5f));
    CHECK(presentation::format_clock(0.0) == "0:00");
    CHECK(presentation::format_clock(75.9) == "1:15");
    CHECK(presentation::format_clock(-3.0) == "0:00");
    CHECK(presentation::format_clock(std::numeric_limits<double>::quiet_NaN()) == "0:00");
}

namespace {

/// Samples every 10 ms until `stop_ns`, then silence.
class StoppingFeed final : public session::SampleFeed {
public:
    explicit StoppingFeed(std::int64_t stop_ns) : stop_ns_{stop_ns} {}
    void pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) override {
        for (; next_ns_ <= t_ns && next_ns_ <= stop_ns_; next_ns_ += 10'000'000) {
            telemetry::Sample s;
            s.clear();
            s.t_ns = next_ns_;
            s.set(telemetry_v1::kCuffMmhg, 85.0);
            out.push_back(s);
        }
    }
    std::string describe() const override { return "stopping"; }

private:
    std::int64_t stop_ns_;
    std::int64_t next_ns_ = 0;
};

}  // namespace

TEST_CASE("the HUD says the sensor is lost after 2 s without a sample, and not before", "[presentation]") {
    StoppingFeed feed{3'000'000'000};
    session::Session s{session::SessionConfig{}, &feed};
    s.advance_to(1.0);
    CHECK_FALSE(presentation::make_hud_view_model(s, 1.f).sensor_lost);
    CHECK(presentation::make_hud_view_model(s, 1.f).cuff_mmhg == Approx(85.0));
    s.advance_to(4.9);  // 1.9 s after the last sample
    CHECK_FALSE(presentation::make_hud_view_model(s, 1.f).sensor_lost);
    s.advance_to(5.1);  // 2.1 s
    CHECK(presentation::make_hud_view_model(s, 1.f).sensor_lost);
    session::Session never{session::SessionConfig{}};  // no feed at all: nothing was ever "lost"
    never.advance_to(10.0);
    CHECK_FALSE(presentation::make_hud_view_model(never, 1.f).sensor_lost);
}

TEST_CASE("the HUD shows the model: metabolites and swelling rise under the cuff, the LOP in use", "[presentation]") {
    StoppingFeed feed{120'000'000'000};  // cuff at 85 mmHg for two minutes
    session::SessionConfig config;
    config.auto_tempo = true;  // the virtual patient exercises
    session::Session s{config, &feed};
    const auto at_start = presentation::make_hud_view_model(s, 1.f);
    CHECK(at_start.metabolite_01 == 0.f);
    CHECK(at_start.swelling_pct == 0.f);
    s.advance_to(90.0);
    const auto vm = presentation::make_hud_view_model(s, 1.f);
    CHECK(vm.metabolite_01 > 0.1f);
    CHECK(vm.metabolite_01 <= 1.f);
    CHECK(vm.swelling_pct > 5.f);
    CHECK(vm.metabolite_01 == Approx(s.physiology().out.metabolite));
    CHECK(vm.lop_in_use_mmhg == Approx(170.0));  // no LOP in the feed: the arm's default, marked
    CHECK(vm.lop_is_default);
    CHECK(vm.lop_mmhg < 0.0);
}

namespace {

const render::MeshDraw* draw_of(const render::RenderList& list, render::MeshHandle mesh) {
    for (const auto& d : list.meshes) {
        if (d.mesh.id == mesh.id) return &d;
    }
    return nullptr;
}

float luminance(glm::vec3 c) {
    return 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b;
}

}  // namespace

TEST_CASE("the metabolite ramp darkens monotonically, so its order reads with any colour vision", "[presentation]") {
    float previous = 2.f;
    for (int i = 0; i <= 100; ++i) {
        const float l = luminance(presentation::metabolite_color(static_cast<float>(i) / 100.f));
        CHECK(l < previous);
        previous = l;
    }
    CHECK(luminance(presentation::metabolite_color(0.f)) > 4.f * luminance(presentation::metabolite_color(1.f)));
    CHECK(presentation::metabolite_fill_level(0.f) == 0.f);
    CHECK(presentation::metabolite_fill_level(0.25f) == Approx(0.5f));
    CHECK(presentation::metabolite_fill_level(0.9f) == 1.f);
    CHECK(presentation::metabolite_fill_level(std::nanf("")) == 0.f);
}

TEST_CASE("the limb fills with the model's metabolites and the belly thickens with its swelling", "[presentation]") {
    render::NullRenderer renderer;
    const auto rig = session::default_rig(session::LimbKind::Arm);
    const auto meshes = presentation::create_scene_meshes(renderer, rig);
    session::SessionConfig config;
    config.auto_tempo = true;
    session::Session s{config};
    render::RenderList list;
    presentation::build_render_list(s, meshes, presentation::default_camera(rig.kind), 16.f / 9.f, 1.f, list);
    REQUIRE(draw_of(list, meshes.muscle) != nullptr);
    CHECK(draw_of(list, meshes.muscle)->material.fill_01 == 0.f);
    CHECK(draw_of(list, meshes.proximal)->material.fill_01 == 0.f);
    const float rest_thickness = glm::length(glm::vec3(draw_of(list, meshes.muscle)->model[0]));

    // Make the model's state directly (the rendering reads it, whatever produced it).
    auto& phys = s.world().get<session::LimbPhysiology>(s.limb());
    float previous_fill = 0.f;
    for (double m : {0.1, 0.2, 0.4}) {
        phys.out.metabolite = m;
        phys.out.swelling_pct = 35.0;
        presentation::build_render_list(s, meshes, presentation::default_camera(rig.kind), 16.f / 9.f, 1.f, list);
        const auto& muscle = draw_of(list, meshes.muscle)->material;
        const auto& limb = draw_of(list, meshes.proximal)->material;
        CHECK(muscle.fill_01 > previous_fill);
        CHECK(limb.fill_01 > 0.f);
        CHECK(limb.fill_01 < muscle.fill_01);  // the limb fills only up to the cuff
        previous_fill = muscle.fill_01;
    }
    // +35 % thickness (true to scale): the belly is 35 % thicker than at rest, same pose.
    const float swollen = glm::length(glm::vec3(draw_of(list, meshes.muscle)->model[0]));
    CHECK(swollen == Approx(rest_thickness * 1.35f).epsilon(0.01));
    presentation::destroy_scene_meshes(renderer, meshes);
}
