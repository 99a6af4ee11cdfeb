#include "game/presentation/scene.hpp"

#include "game/presentation/limb_meshes.hpp"
#include "game/session/limb.hpp"
#include "game/session/session.hpp"

#include <glm/geometric.hpp>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtx/quaternion.hpp>

#include <algorithm>

namespace bfr::presentation {
namespace {

glm::vec3 color(const float (&c)[3]) {
    return {c[0], c[1], c[2]};
}

/// A limb segment's frame: local +Y along `direction` (in the exercise plane XY), local +Z the
/// plane's normal (toward the default camera), local +X = Y x Z; origin at `origin`.
glm::mat4 along(glm::vec3 origin, glm::vec3 direction) {
    const glm::vec3 y = glm::normalize(direction);
    const glm::vec3 z(0.f, 0.f, 1.f);
    const glm::vec3 x = glm::normalize(glm::cross(y, z));
    glm::mat4 m(1.f);
    m[0] = glm::vec4(x, 0.f);
    m[1] = glm::vec4(y, 0.f);
    m[2] = glm::vec4(glm::cross(x, y), 0.f);
    m[3] = glm::vec4(origin, 1.f);
    return m;
}

render::Material skin_material() {
    render::Material m;
    m.base_color = color(palette::kSkin);
    m.roughness_01 = 0.6f;
    m.rim_01 = 0.35f;
    return m;
}

}  // namespace

SceneMeshes create_scene_meshes(render::Renderer& renderer, const session::LimbRig& rig) {
    const LimbMeshes m = build_limb_meshes(rig);
    SceneMeshes h;
    h.proximal = renderer.create_mesh(m.proximal);
    h.distal = renderer.create_mesh(m.distal);
    h.joint = renderer.create_mesh(m.joint);
    h.muscle = renderer.create_mesh(m.muscle);
    h.end = renderer.create_mesh(m.end);
    h.cuff = renderer.create_mesh(m.cuff);
    h.cuff_band = renderer.create_mesh(m.cuff_band);
    h.prop = renderer.create_mesh(m.prop);
    h.torso = renderer.create_mesh(m.torso);
    h.weight = renderer.create_mesh(m.weight);
    return h;
}

void destroy_scene_meshes(render::Renderer& renderer, const SceneMeshes& m) {
    for (const render::MeshHandle h :
         {m.proximal, m.distal, m.joint, m.muscle, m.end, m.cuff, m.cuff_band, m.prop, m.weight, m.torso}) {
        renderer.destroy_mesh(h);
    }
}

render::OrbitCamera default_camera(session::LimbKind limb) noexcept {
    render::OrbitCamera c;
    c.fov_y_deg = 35.f;
    c.min_distance = 0.4f;
    c.max_distance = 4.f;
    c.min_pitch_deg = -60.f;
    c.max_pitch_deg = 75.f;
    if (limb == session::LimbKind::Leg) {
        c.target = {-0.02f, -0.02f, 0.f};
        c.yaw_deg = 30.f;
        c.pitch_deg = 12.f;
        c.distance = 2.4f;
    } else {
        c.target = {0.08f, 0.03f, 0.f};
        c.yaw_deg = 25.f;
        c.pitch_deg = 10.f;
        c.distance = 1.45f;
    }
    return c;
}

session::JointPose interpolated_pose(const session::Session& session, float alpha) {
    const auto& world = session.world();
    const session::JointPose* cur = world.find<session::JointPose>(session.limb());
    const session::PrevJointPose* prev = world.find<session::PrevJointPose>(session.limb());
    if (cur == nullptr) return {};
    if (prev == nullptr) return *cur;
    const float a = std::clamp(alpha, 0.f, 1.f);
    session::JointPose p;
    p.angle_deg = prev->pose.angle_deg + (cur->angle_deg - prev->pose.angle_deg) * a;
    p.activation_01 = prev->pose.activation_01 + (cur->activation_01 - prev->pose.activation_01) * a;
    return p;
}

glm::vec3 metabolite_color(float metabolite_01) noexcept {
    const float m = std::isfinite(metabolite_01) ? std::clamp(metabolite_01, 0.f, 1.f) : 0.f;
    // sRGB stops, converted to linear: amber (240, 200, 60), vermillion (213, 94, 0), purple (110, 28, 104).
    auto linear = [](float c) {
        const float x = c / 255.f;
        return x <= 0.04045f ? x / 12.92f : std::pow((x + 0.055f) / 1.055f, 2.4f);
    };
    const glm::vec3 a{linear(240.f), linear(200.f), linear(60.f)};
    const glm::vec3 b{linear(213.f), linear(94.f), linear(0.f)};
    const glm::vec3 c{linear(110.f), linear(28.f), linear(104.f)};
    return m < 0.5f ? glm::mix(a, b, m * 2.f) : glm::mix(b, c, (m - 0.5f) * 2.f);
}

float metabolite_fill_level(float metabolite_01) noexcept {
    const float m = std::isfinite(metabolite_01) ? std::clamp(metabolite_01, 0.f, 1.f) : 0.f;
    return std::min(1.f, kMetaboliteFillGain * m);
}

void build_render_list(const session::Session& session, const SceneMeshes& meshes, const render::OrbitCamera& camera,
                       float aspect, float alpha, render::RenderList& out) {
    out.clear();
    out.camera = render::make_camera_view(camera, aspect);
    out.environment = render::Environment{};
    out.environment.background_top = {0.060f, 0.085f, 0.125f};
    out.environment.background_bottom = {0.012f, 0.016f, 0.024f};
    out.environment.sky_ambient = {0.30f, 0.34f, 0.42f};
    out.environment.ground_ambient = {0.12f, 0.10f, 0.09f};
    // Key light from the upper front-left, a cool fill from the right and a rim from behind.
    out.lights.push_back({glm::vec3(0.45f, -0.75f, -0.55f), glm::vec3(1.0f, 0.96f, 0.90f), 1.25f});
    out.lights.push_back({glm::vec3(-0.7f, -0.2f, -0.4f), glm::vec3(0.55f, 0.65f, 0.85f), 0.45f});
    out.lights.push_back({glm::vec3(-0.2f, -0.3f, 0.9f), glm::vec3(0.9f, 0.9f, 1.0f), 0.6f});

    const auto* rig = session.world().find<session::LimbRig>(session.limb());
    if (rig == nullptr) return;
    const session::JointPose pose = interpolated_pose(session, alpha);
    const render::Material skin = skin_material();

    const glm::vec3 proximal_joint = session::proximal_joint(*rig);
    const glm::vec3 proximal_dir = session::proximal_direction(*rig);
    const glm::vec3 distal_dir = session::distal_direction(*rig, pose.angle_deg);
    const glm::mat4 proximal_frame = along(proximal_joint, proximal_dir);
    // The model's state: the limb distal to the cuff fills with the metabolite load, from the
    // joint up toward the cuff (what the cuff traps), seen through the skin; the muscle belly
    // thickens with the swelling (true to scale unless kSwellingExaggeration says otherwise).
    const auto* phys = session.world().find<session::LimbPhysiology>(session.limb());
    const float swelling = phys != nullptr ? static_cast<float>(std::max(0.0, phys->out.swelling_pct)) : 0.f;
    const float metabolite = phys != nullptr ? static_cast<float>(std::clamp(phys->out.metabolite, 0.0, 1.0)) : 0.f;
    const glm::vec3 fill_color = glm::mix(skin.base_color, metabolite_color(metabolite), 0.75f);
    const float below_cuff = std::clamp(1.f - cuff_placement(*rig).end_m / rig->proximal_length_m, 0.f, 1.f);
    render::Material proximal_skin = skin;
    proximal_skin.fill_01 = metabolite_fill_level(metabolite) * below_cuff;
    proximal_skin.fill_color = fill_color;
    out.meshes.push_back({meshes.proximal, proximal_frame, proximal_skin});
    out.meshes.push_back({meshes.distal, along(glm::vec3(0.f), distal_dir), skin});
    out.meshes.push_back({meshes.joint, glm::mat4(1.f), skin});

    // Muscle belly: on the flexor side of the proximal segment, bulging and shortening as it
    // contracts (volume roughly kept: thicker when shorter).
    const bool leg = rig->kind == session::LimbKind::Leg;
    const float contraction = std::clamp(pose.activation_01, 0.f, 1.f);
    const float length_m = rig->proximal_length_m * (leg ? 0.30f : 0.28f) * (1.f - 0.12f * contraction);
    const float thick_m =
        (leg ? 0.056f : 0.030f) * (1.f + 0.22f * contraction) * (1.f + kSwellingExaggeration * swelling / 100.f);
    const glm::vec3 flexor_side = leg ? glm::vec3(0.f, 1.f, 0.f) : glm::vec3(1.f, 0.f, 0.f);
    const float along_m = rig->proximal_length_m * (leg ? 0.50f : 0.58f);
    const float offset_m = (leg ? 0.028f : 0.020f) + 0.006f * contraction;
    const glm::vec3 belly_center = proximal_joint + proximal_dir * along_m + flexor_side * offset_m;
    const glm::mat4 belly =
        along(belly_center, proximal_dir) * glm::scale(glm::mat4(1.f), glm::vec3(thick_m, length_m, thick_m * 0.95f));
    render::Material muscle = skin;
    muscle.fill_01 = metabolite_fill_level(metabolite);
    muscle.fill_color = fill_color;
    out.meshes.push_back({meshes.muscle, belly, muscle});

    // Hand / foot at the end of the distal segment, and the load.
    const glm::vec3 end = session::distal_end(*rig, pose.angle_deg);
    glm::mat4 end_frame = along(end + distal_dir * (leg ? 0.0f : 0.045f), distal_dir);
    if (leg) end_frame = end_frame * glm::translate(glm::mat4(1.f), glm::vec3(-0.07f, 0.03f, 0.f));  // toes up
    out.meshes.push_back({meshes.end, end_frame, skin});
    render::Material iron;
    iron.base_color = {0.05f, 0.055f, 0.06f};
    iron.roughness_01 = 0.3f;
    iron.rim_01 = 0.3f;
    if (leg) {
        out.meshes.push_back({meshes.weight, along(end - distal_dir * 0.05f, distal_dir), iron});
    } else {
        // The dumbbell's axis runs through the fist across the exercise plane (+Z).
        const glm::mat4 bell = glm::translate(glm::mat4(1.f), end + distal_dir * 0.05f) *
                               glm::toMat4(glm::rotation(glm::vec3(0.f, 1.f, 0.f), glm::vec3(0.f, 0.f, 1.f)));
        out.meshes.push_back({meshes.weight, bell, iron});
    }

    render::Material cuff_material;
    cuff_material.base_color = color(palette::kCuff);
    cuff_material.roughness_01 = 0.85f;
    cuff_material.rim_01 = 0.2f;
    out.meshes.push_back({meshes.cuff, proximal_frame, cuff_material});
    render::Material band;
    band.base_color = color(palette::kCuffBand);
    band.roughness_01 = 0.4f;
    band.emissive = color(palette::kCuffBand) * 0.25f;
    out.meshes.push_back({meshes.cuff_band, proximal_frame, band});

    // Context: the bench under the thigh, or the torso (in a dark shirt) beside the arm.
    render::Material prop;
    prop.base_color = leg ? glm::vec3(0.06f, 0.065f, 0.075f) : glm::vec3(0.035f, 0.045f, 0.065f);
    prop.roughness_01 = 0.9f;
    prop.rim_01 = leg ? 0.f : 0.25f;
    const glm::mat4 prop_frame =
        leg ? glm::translate(glm::mat4(1.f), glm::vec3(-0.26f, -0.12f, 0.f))
            : glm::translate(glm::mat4(1.f), proximal_joint + glm::vec3(-0.03f, -0.02f, -0.2f));
    out.meshes.push_back({meshes.prop, prop_frame, prop});
    if (leg) {  // the seated patient's torso rises above the hip
        render::Material shirt = prop;
        shirt.base_color = {0.045f, 0.06f, 0.085f};
        shirt.rim_01 = 0.25f;
        out.meshes.push_back(
            {meshes.torso, glm::translate(glm::mat4(1.f), proximal_joint + glm::vec3(-0.06f, 0.52f, 0.f)), shirt});
    }
}

}  // namespace bfr::presentation
