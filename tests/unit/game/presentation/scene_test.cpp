#include "game/presentation/scene.hpp"
#include "engine/render/null/null_renderer.hpp"
#include "game/presentation/limb_meshes.hpp"
#include "game/presentation/view_models.hpp"
#include "game/session/limb.hpp"
#include "game/session/session.hpp"
#include "game/telemetry/format_v1.hpp"

#include <catch2/catch.hpp>

using namespace bfr;

namespace {

const render::MeshDraw* draw_of(const render::RenderList& list, render::MeshHandle mesh) {
    for (const auto& d : list.meshes) {
        if (d.mesh.id == mesh.id) return &d;
    }
    return nullptr;
}

std::size_t draws_of(const render::RenderList& list, render::MeshHandle mesh) {
    std::size_t n = 0;
    for (const auto& d : list.meshes) n += d.mesh.id == mesh.id ? 1 : 0;
    return n;
}

std::vector<const render::MeshData*> all_meshes(const presentation::LimbMeshes& m) {
    return {&m.skin,     &m.muscle,   &m.joint, &m.end,  &m.veins,  &m.artery, &m.deep_vein,
            &m.particle, &m.cuff,     &m.cuff_band, &m.prop, &m.weight};
}

/// The world position of a bind-pose skin vertex under a draw's two bones (what lit.vert does,
/// without inflation).
glm::vec3 posed(const render::MeshDraw& d, const render::Vertex& v) {
    const glm::vec4 p(v.position, 1.f);
    return glm::mix(glm::vec3(d.model * p), glm::vec3(d.bone1 * p), v.skin.x);
}

}  // namespace

TEST_CASE("limb meshes are valid and within the triangle budget", "[presentation]") {
    for (const auto kind : {session::LimbKind::Arm, session::LimbKind::Leg}) {
        const auto m = presentation::build_limb_meshes(session::default_rig(kind));
        std::size_t triangles = 0;
        for (const auto* mesh : all_meshes(m)) {
            std::string why;
            const bool ok = render::validate_mesh(*mesh, &why);
            INFO(why);
            CHECK(ok);
            triangles += mesh->triangle_count();
        }
        triangles += m.torso.triangle_count();
        CHECK(triangles > 4000);
        CHECK(triangles < 25000);  // llvmpipe budget: the whole scene stays far below 50k
        CHECK(m.artery_path.points.size() > 20);
        CHECK(m.vein_path.length_m > 0.4f * session::default_rig(kind).proximal_length_m);
    }
}

TEST_CASE("the skin is one surface skinned to two bones with a smooth blend across the joint", "[presentation]") {
    for (const auto kind : {session::LimbKind::Arm, session::LimbKind::Leg}) {
        const auto rig = session::default_rig(kind);
        const auto m = presentation::build_limb_meshes(rig);
        const auto cuff = presentation::cuff_placement(rig);
        const float joint = rig.proximal_length_m;
        int blended = 0;
        for (const auto& v : m.skin.vertices) {
            const float y = v.position.y;
            CHECK(v.skin.x == Approx(presentation::distal_bone_weight(rig, y)));
            if (y < joint - 0.06f) CHECK(v.skin.x == 0.f);
            if (y > joint + 0.06f) CHECK(v.skin.x == 1.f);
            if (v.skin.x > 0.05f && v.skin.x < 0.95f) ++blended;
            // Swelling only between the cuff and the joint; the fill's v runs 0 (cuff) → 1 (joint).
            if (y < cuff.end_m - 0.01f || y > joint + 0.01f) CHECK(v.skin.y == 0.f);
            CHECK(v.uv.y == Approx((y - cuff.end_m) / (joint - cuff.end_m)).margin(1e-4));
        }
        CHECK(blended >= 3 * 29);  // several rings share the bend
        // Weights rise monotonically across the joint.
        float previous = 0.f;
        for (float y = joint - 0.1f; y <= joint + 0.1f; y += 0.002f) {
            const float w = presentation::distal_bone_weight(rig, y);
            CHECK(w >= previous);
            previous = w;
        }
        // The belly side (local −X) swells more than the back and bulges as it contracts.
        float front = 0.f;
        float back = 0.f;
        float bulge_front = 0.f;
        float bulge_back = 0.f;
        const float mid = 0.5f * (cuff.end_m + joint);
        for (const auto& v : m.skin.vertices) {
            if (std::fabs(v.position.y - mid) > 0.02f) continue;
            if (v.position.x < 0.f) {
                front = std::max(front, v.skin.y);
                bulge_front = std::max(bulge_front, v.skin.z);
            } else {
                back = std::max(back, v.skin.y);
                bulge_back = std::max(bulge_back, v.skin.z);
            }
        }
        CHECK(front > back);
        CHECK(back > 0.4f);
        CHECK(bulge_front > 0.5f);
        CHECK(bulge_back == 0.f);
    }
}

TEST_CASE("the cuff sits around the proximal segment, a little larger than the limb", "[presentation]") {
    const auto rig = session::default_rig(session::LimbKind::Arm);
    const auto cuff = presentation::cuff_placement(rig);
    const auto m = presentation::build_limb_meshes(rig);
    const auto b = render::compute_bounds(m.cuff);
    CHECK(b.min.y == Approx(cuff.start_m));
    CHECK(b.max.y == Approx(cuff.end_m));
    float skin_under = 0.f;
    for (const auto& v : m.skin.vertices) {
        if (v.position.y >= cuff.start_m && v.position.y <= cuff.end_m) skin_under = std::max(skin_under, v.position.x);
    }
    CHECK(b.max.x > skin_under);  // wider than the upper arm under it
    CHECK(b.max.x < skin_under + 0.015f);
    for (const auto& v : m.cuff.vertices) {  // the bladder's middle bulges most as it inflates
        CHECK(v.skin.y >= 0.35f - 1e-6f);
        CHECK(v.skin.y <= 1.f + 1e-6f);
    }
}

TEST_CASE("the render list poses the limb's skin with the two bones at the interpolated angle", "[presentation]") {
    render::NullRenderer renderer;
    session::SessionConfig config;
    config.auto_tempo = true;
    session::Session s{config};
    const auto rig = session::default_rig(session::LimbKind::Arm);
    const auto meshes = presentation::create_scene_meshes(renderer, rig);
    for (const auto h : {meshes.skin, meshes.veins, meshes.artery, meshes.deep_vein, meshes.particle, meshes.prop})
        CHECK(renderer.is_mesh_valid(h));
    CHECK_FALSE(renderer.is_mesh_valid(meshes.torso));  // the arm has no separate torso
    s.advance_to(0.9);
    render::RenderList list;
    presentation::build_render_list(s, meshes, presentation::default_camera(rig.kind), 16.f / 9.f, 1.f, list);
    CHECK(list.lights.size() == 3);
    const auto* skin = draw_of(list, meshes.skin);
    REQUIRE(skin != nullptr);
    const float angle = s.world().get<session::JointPose>(s.limb()).angle_deg;
    CHECK(angle > rig.rest_angle_deg + 20.f);  // mid-rep: the elbow is bent
    // A vertex of the forearm lands on the forearm's line, one of the upper arm on the upper arm's.
    render::Vertex fore;
    fore.position = {0.f, rig.proximal_length_m + 0.2f, 0.f};
    fore.skin.x = 1.f;
    const glm::vec3 expected = session::distal_direction(rig, angle) * 0.2f;
    const glm::vec3 got = posed(*skin, fore);
    CHECK(got.x == Approx(expected.x).margin(1e-5));
    CHECK(got.y == Approx(expected.y).margin(1e-5));
    render::Vertex upper;
    upper.position = {0.f, 0.1f, 0.f};
    const glm::vec3 up_expected = session::proximal_joint(rig) + session::proximal_direction(rig) * 0.1f;
    CHECK(glm::distance(posed(*skin, upper), up_expected) < 1e-5f);
    // Across the joint the blend keeps the skin connected: a vertex at the joint lands on it.
    render::Vertex at_joint;
    at_joint.position = {0.f, rig.proximal_length_m, 0.f};
    at_joint.skin.x = 0.5f;
    CHECK(glm::length(posed(*skin, at_joint)) < 1e-5f);

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
    /// Cuff at `mmhg` plus, when `ripple` > 0, a contraction's rise of up to `ripple` mmHg once
    /// every 2 s (half a sine per rep).
    explicit StoppingFeed(std::int64_t stop_ns, double mmhg = 85.0, double ripple = 0.0)
        : stop_ns_{stop_ns}, mmhg_{mmhg}, ripple_{ripple} {}
    void pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) override {
        for (; next_ns_ <= t_ns && next_ns_ <= stop_ns_; next_ns_ += 10'000'000) {
            telemetry::Sample s;
            s.clear();
            s.t_ns = next_ns_;
            const double phase = static_cast<double>(next_ns_) * 1e-9 * 3.14159265358979 ;
            s.set(telemetry_v1::kCuffMmhg, mmhg_ + ripple_ * std::max(0.0, std::sin(phase)));
            out.push_back(s);
        }
    }
    std::string describe() const override { return "stopping"; }

private:
    std::int64_t stop_ns_;
    double mmhg_;
    double ripple_;
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
    // Darker than the skin from the start: the limb darkens as it fills, never lightens.
    const glm::vec3 skin(presentation::palette::kSkin[0], presentation::palette::kSkin[1], presentation::palette::kSkin[2]);
    CHECK(luminance(presentation::metabolite_color(0.f)) < luminance(skin));
    CHECK(presentation::metabolite_fill_level(0.f) == 0.f);
    CHECK(presentation::metabolite_fill_level(0.25f) == Approx(0.5f));
    CHECK(presentation::metabolite_fill_level(0.9f) == 1.f);
    CHECK(presentation::metabolite_fill_level(std::nanf("")) == 0.f);
}

TEST_CASE("the limb fills with the model's metabolites, swells with its swelling, veins fill as blood pools",
          "[presentation]") {
    render::NullRenderer renderer;
    const auto rig = session::default_rig(session::LimbKind::Arm);
    const auto meshes = presentation::create_scene_meshes(renderer, rig);
    session::SessionConfig config;
    config.auto_tempo = true;
    session::Session s{config};
    render::RenderList list;
    const auto camera = presentation::default_camera(rig.kind);
    presentation::build_render_list(s, meshes, camera, 16.f / 9.f, 1.f, list);
    REQUIRE(draw_of(list, meshes.skin) != nullptr);
    CHECK(draw_of(list, meshes.skin)->material.fill_01 == 0.f);
    CHECK(draw_of(list, meshes.skin)->inflate_m.x == 0.f);
    CHECK(draw_of(list, meshes.muscle) == nullptr);  // inside the skin: drawn in the cut-away only

    // Make the model's state directly (the rendering reads it, whatever produced it).
    auto& phys = s.world().get<session::LimbPhysiology>(s.limb());
    float previous_fill = 0.f;
    glm::vec3 previous_vein{1.f};
    float previous_vein_grow = -1.f;
    for (double m : {0.1, 0.2, 0.4}) {
        phys.out.metabolite = m;
        phys.out.swelling_pct = 35.0;
        phys.out.pooled_ml_100ml = 10.0 * m;
        presentation::build_render_list(s, meshes, camera, 16.f / 9.f, 1.f, list);
        const auto* skin = draw_of(list, meshes.skin);
        CHECK(skin->material.fill_01 > previous_fill);
        previous_fill = skin->material.fill_01;
        const auto* veins = draw_of(list, meshes.veins);
        REQUIRE(veins != nullptr);
        CHECK(veins->inflate_m.z > previous_vein_grow);  // fuller...
        CHECK(luminance(veins->material.base_color) < luminance(previous_vein));  // ...and darker
        previous_vein_grow = veins->inflate_m.z;
        previous_vein = veins->material.base_color;
        CHECK(veins->inflate_m.x == skin->inflate_m.x);  // the veins ride on the swelling skin
    }
    // +35 % muscle thickness, true to scale: the skin over the belly moves out by 35 % of it.
    CHECK(draw_of(list, meshes.skin)->inflate_m.x ==
          Approx(0.35f * presentation::muscle_thickness_m(rig.kind) * presentation::kSwellingExaggeration));
    presentation::destroy_scene_meshes(renderer, meshes);
}

TEST_CASE("the cuff inflates with its pressure and its band shows the held pressure against the band",
          "[presentation]") {
    using presentation::CuffBandState;
    CHECK(presentation::cuff_band_state(0.0, 85.0) == CuffBandState::Deflated);
    CHECK(presentation::cuff_band_state(std::nan(""), 85.0) == CuffBandState::Deflated);
    CHECK(presentation::cuff_band_state(70.0, 85.0) == CuffBandState::Below);
    CHECK(presentation::cuff_band_state(77.0, 85.0) == CuffBandState::InBand);  // 85 − 10 % = 76.5
    CHECK(presentation::cuff_band_state(93.0, 85.0) == CuffBandState::InBand);  // 85 + 10 % = 93.5
    CHECK(presentation::cuff_band_state(94.0, 85.0) == CuffBandState::Above);
    CHECK(presentation::cuff_band_state(94.0, -1.0) == CuffBandState::NoTarget);

    render::NullRenderer renderer;
    const auto rig = session::default_rig(session::LimbKind::Arm);
    const auto meshes = presentation::create_scene_meshes(renderer, rig);
    session::Session s{session::SessionConfig{}};
    render::RenderList list;
    auto& phys = s.world().get<session::LimbPhysiology>(s.limb());
    float previous = -1.f;
    for (double p : {0.0, 60.0, 120.0, 250.0}) {
        phys.inputs.cuff_mmHg = p;
        presentation::build_render_list(s, meshes, presentation::default_camera(rig.kind), 1.f, 1.f, list);
        const auto* cuff = draw_of(list, meshes.cuff);
        REQUIRE(cuff != nullptr);
        CHECK(cuff->inflate_m.x > previous);
        CHECK(draw_of(list, meshes.cuff_band)->inflate_m.x == cuff->inflate_m.x);
        previous = cuff->inflate_m.x;
    }
    presentation::destroy_scene_meshes(renderer, meshes);
}

TEST_CASE("the session's held cuff pressure ignores each contraction's peak", "[presentation]") {
    StoppingFeed feed{600'000'000'000, 85.0, 20.0};  // each rep lifts the cuff to 105 mmHg, out of band
    session::Session s{session::SessionConfig{}, &feed};
    const auto& phys = s.physiology();
    CHECK(phys.cuff_held_mmHg == 0.0);
    double peak = 0.0;
    double held_min = 1e9;
    double held_max = 0.0;
    while (s.time_s() < 30.0) {
        s.step();
        if (s.time_s() < 10.0) continue;  // past the inflation
        peak = std::max(peak, phys.inputs.cuff_mmHg);
        held_min = std::min(held_min, phys.cuff_held_mmHg);
        held_max = std::max(held_max, phys.cuff_held_mmHg);
    }
    CHECK(peak > 1.2 * 85.0);
    CHECK(held_min > 0.9 * 85.0);
    CHECK(held_max < 1.1 * 85.0);
    CHECK(presentation::cuff_band_state(held_max, 85.0) == presentation::CuffBandState::InBand);
}

TEST_CASE("flow particles run with the model's flow and stop when it stops", "[presentation]") {
    using presentation::flow_particle_position;
    // Arterial particles go distal, venous ones proximal; the same flow always gives the same place.
    const float a0 = flow_particle_position(0, 1.0, 0.5f, true);
    const float a1 = flow_particle_position(0, 2.0, 0.5f, true);
    CHECK(a0 == Approx(presentation::kFlowSpeedAtRest / 0.5f));
    CHECK(a1 == Approx(2.f * presentation::kFlowSpeedAtRest / 0.5f));
    CHECK(flow_particle_position(0, 1.0, 0.5f, false) == Approx(1.f - a0));
    CHECK(flow_particle_position(0, 1.0, 0.5f, true) == a0);
    // Evenly spaced along the vessel.
    CHECK(flow_particle_position(1, 0.0, 0.5f, true) == Approx(1.f / presentation::kFlowParticles));
    CHECK(flow_particle_position(0, std::nan(""), 0.5f, true) == 0.f);
    CHECK(flow_particle_position(0, 3.0, 0.f, true) == 0.f);
    // Wraps: always within the vessel.
    for (double f : {0.0, 7.3, 123.4, 1e6}) {
        const float p = flow_particle_position(5, f, 0.3f, true);
        CHECK(p >= 0.f);
        CHECK(p <= 1.f);
    }

    // In a session, the particles move while blood flows, and barely move with the cuff at the LOP.
    render::NullRenderer renderer;
    const auto rig = session::default_rig(session::LimbKind::Arm);
    const auto meshes = presentation::create_scene_meshes(renderer, rig);
    StoppingFeed occluded{600'000'000'000, 240.0};  // far above the LOP: inflow stops
    session::Session blocked{session::SessionConfig{}, &occluded};
    session::Session free_flow{session::SessionConfig{}};
    blocked.advance_to(30.0);
    free_flow.advance_to(30.0);
    const auto& pb = blocked.physiology();
    const auto& pf = free_flow.physiology();
    CHECK(pf.inflow_rest_s - pf.prev_inflow_rest_s > 0.5 / 60.0);
    CHECK(pb.inflow_rest_s - pb.prev_inflow_rest_s < 0.02 / 60.0);
    presentation::SceneOptions xray;
    xray.xray = true;
    render::RenderList list;
    presentation::build_render_list(free_flow, meshes, presentation::default_camera(rig.kind), 1.f, 1.f, list, xray);
    CHECK(draws_of(list, meshes.particle) == 2 * presentation::kFlowParticles);
    CHECK(draw_of(list, meshes.muscle) != nullptr);
    CHECK(draw_of(list, meshes.artery) != nullptr);
    CHECK(draw_of(list, meshes.skin)->material.opacity_01 < 0.5f);
    presentation::build_render_list(free_flow, meshes, presentation::default_camera(rig.kind), 1.f, 1.f, list);
    CHECK(draws_of(list, meshes.particle) == 0);
    CHECK(draw_of(list, meshes.skin)->material.opacity_01 == 1.f);
    presentation::destroy_scene_meshes(renderer, meshes);
}

namespace {

/// A curl seen by its joint angle at 50 Hz: a rep every 2 s from t = 1 s (1 s up, 1 s down).
class CurlFeed final : public session::SampleFeed {
public:
    void pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) override {
        for (; next_ns_ <= t_ns; next_ns_ += 20'000'000) {
            telemetry::Sample s;
            s.clear();
            s.t_ns = next_ns_;
            const double in = static_cast<double>(next_ns_) * 1e-9 - 1.0;
            const double p = in < 0.0 ? 0.0 : 0.5 - 0.5 * std::cos(3.14159265358979 * std::fmod(in, 2.0));
            s.set(telemetry_v1::kAngleDeg, 10.0 + 125.0 * p);
            out.push_back(s);
        }
    }
    std::string describe() const override { return "curl"; }

private:
    std::int64_t next_ns_ = 0;
};

}  // namespace

TEST_CASE("the HUD's rep count is what the counters counted from the telemetry, and says from what",
          "[presentation]") {
    CurlFeed feed;
    session::Session s{session::SessionConfig{}, &feed};
    s.advance_to(10.5);  // reps end at 3, 5, 7, 9 s (committed just after)
    const auto vm = presentation::make_hud_view_model(s, 1.f);
    CHECK(vm.reps_performed == 4);
    CHECK(std::string(vm.reps_counted_from) == "angle");
    CHECK(vm.reps_performed == s.world().ctx().get<session::RepLog>().times_s.size());
    // Without telemetry the virtual patient's own tally shows (and says nothing about a signal).
    session::SessionConfig config;
    config.auto_tempo = true;
    session::Session own{config};
    own.advance_to(4.1);
    const auto tally = presentation::make_hud_view_model(own, 1.f);
    CHECK(tally.reps_performed == 2);
    CHECK(std::string(tally.reps_counted_from).empty());
}
