#include "game/presentation/scene.hpp"

#include "game/presentation/limb_meshes.hpp"
#include "game/session/limb.hpp"
#include "game/session/session.hpp"
#include "game/telemetry/format_v1.hpp"

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
    h.skin = renderer.create_mesh(m.skin);
    h.muscle = renderer.create_mesh(m.muscle);
    h.joint = renderer.create_mesh(m.joint);
    h.end = renderer.create_mesh(m.end);
    h.veins = renderer.create_mesh(m.veins);
    h.artery = renderer.create_mesh(m.artery);
    h.deep_vein = renderer.create_mesh(m.deep_vein);
    h.particle = renderer.create_mesh(m.particle);
    h.cuff = renderer.create_mesh(m.cuff);
    h.cuff_band = renderer.create_mesh(m.cuff_band);
    h.prop = renderer.create_mesh(m.prop);
    h.weight = renderer.create_mesh(m.weight);
    h.torso = renderer.create_mesh(m.torso);
    h.artery_path = m.artery_path;
    h.vein_path = m.vein_path;
    return h;
}

void destroy_scene_meshes(render::Renderer& renderer, const SceneMeshes& m) {
    for (const render::MeshHandle h : {m.skin, m.muscle, m.joint, m.end, m.veins, m.artery, m.deep_vein, m.particle,
                                       m.cuff, m.cuff_band, m.prop, m.weight, m.torso}) {
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
        c.target = {-0.08f, -0.1f, 0.f};
        c.yaw_deg = 28.f;
        c.pitch_deg = 10.f;
        c.distance = 1.85f;
    } else {
        c.target = {0.07f, 0.015f, 0.f};
        c.yaw_deg = -24.f;
        c.pitch_deg = 8.f;
        c.distance = 1.3f;
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
    // sRGB stops, converted to linear: amber (220, 120, 20), vermillion (213, 94, 0), purple (110, 28, 104);
    // every one darker than the skin, so a filling limb only ever darkens (docs/visuals.md).
    auto linear = [](float c) {
        const float x = c / 255.f;
        return x <= 0.04045f ? x / 12.92f : std::pow((x + 0.055f) / 1.055f, 2.4f);
    };
    const glm::vec3 a{linear(220.f), linear(120.f), linear(20.f)};
    const glm::vec3 b{linear(213.f), linear(94.f), linear(0.f)};
    const glm::vec3 c{linear(110.f), linear(28.f), linear(104.f)};
    return m < 0.5f ? glm::mix(a, b, m * 2.f) : glm::mix(b, c, (m - 0.5f) * 2.f);
}

float metabolite_fill_level(float metabolite_01) noexcept {
    const float m = std::isfinite(metabolite_01) ? std::clamp(metabolite_01, 0.f, 1.f) : 0.f;
    return std::min(1.f, kMetaboliteFillGain * m);
}

float flow_particle_position(int index, double flowed_rest_s, float vessel_length_m, bool toward_distal) noexcept {
    if (!(vessel_length_m > 0.f) || !std::isfinite(flowed_rest_s)) return 0.f;
    const double travelled = flowed_rest_s * static_cast<double>(kFlowSpeedAtRest) / static_cast<double>(vessel_length_m);
    const double phase = static_cast<double>(index) / kFlowParticles + travelled;
    const auto s = static_cast<float>(phase - std::floor(phase));
    return toward_distal ? s : 1.f - s;
}

float vein_filling(double pooled_ml_100ml, double capacity_ml_100ml) noexcept {
    if (!(capacity_ml_100ml > 0.0) || !std::isfinite(pooled_ml_100ml)) return 0.f;
    return static_cast<float>(std::clamp(pooled_ml_100ml / capacity_ml_100ml, 0.0, 1.0));
}

CuffBandState cuff_band_state(double held_mmhg, double target_mmhg) noexcept {
    if (!std::isfinite(held_mmhg) || held_mmhg < 10.0) return CuffBandState::Deflated;
    if (!std::isfinite(target_mmhg) || target_mmhg <= 0.0) return CuffBandState::NoTarget;
    if (held_mmhg < target_mmhg * 0.9) return CuffBandState::Below;
    if (held_mmhg > target_mmhg * 1.1) return CuffBandState::Above;
    return CuffBandState::InBand;
}

namespace {

/// A point along a vessel's centre line at arc fraction s (0..1), posed with the two bones.
glm::vec3 posed_vessel_point(const VesselPath& path, float s, const glm::mat4& bone0, const glm::mat4& bone1) {
    const auto& points = path.points;
    const auto& weights = path.weights;
    const float length_m = path.length_m;
    if (points.empty()) return glm::vec3(bone0[3]);
    float remaining = std::clamp(s, 0.f, 1.f) * length_m;
    glm::vec3 p = points.front();
    float w = weights.front().x;
    for (std::size_t i = 1; i < points.size(); ++i) {
        const float seg = glm::distance(points[i - 1], points[i]);
        if (remaining <= seg || i + 1 == points.size()) {
            const float t = seg > 0.f ? std::clamp(remaining / seg, 0.f, 1.f) : 0.f;
            p = glm::mix(points[i - 1], points[i], t);
            w = weights[i - 1].x + (weights[i].x - weights[i - 1].x) * t;
            break;
        }
        remaining -= seg;
    }
    return glm::mix(glm::vec3(bone0 * glm::vec4(p, 1.f)), glm::vec3(bone1 * glm::vec4(p, 1.f)), w);
}

glm::vec3 band_color(CuffBandState state) {
    switch (state) {
        case CuffBandState::InBand: return color(palette::kInBand);
        case CuffBandState::Below: return color(palette::kBelowBand);
        case CuffBandState::Above: return color(palette::kAboveBand);
        case CuffBandState::NoTarget: return color(palette::kCuffBand);
        case CuffBandState::Deflated: break;
    }
    return {0.05f, 0.055f, 0.06f};  // deflated: the band goes dark grey
}

}  // namespace

void build_render_list(const session::Session& session, const SceneMeshes& meshes, const render::OrbitCamera& camera,
                       float aspect, float alpha, render::RenderList& out, const SceneOptions& options) {
    const std::size_t first_mesh = options.append ? out.meshes.size() : 0;
    // Every mesh this call adds moves by the limb's offset (when it has one).
    struct Placement {
        render::RenderList& list;
        std::size_t first;
        glm::vec3 offset;
        ~Placement() {
            if (offset == glm::vec3(0.f)) return;
            const glm::mat4 t = glm::translate(glm::mat4(1.f), offset);
            for (std::size_t i = first; i < list.meshes.size(); ++i) {
                list.meshes[i].model = t * list.meshes[i].model;
                list.meshes[i].bone1 = t * list.meshes[i].bone1;
            }
        }
    } placement{out, first_mesh, options.offset};
    if (!options.append) {
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
    }

    const auto* rig = session.world().find<session::LimbRig>(session.limb());
    if (rig == nullptr) return;
    const bool leg = rig->kind == session::LimbKind::Leg;
    const session::JointPose pose = interpolated_pose(session, alpha);
    const render::Material skin = skin_material();
    const float a = std::clamp(alpha, 0.f, 1.f);

    // The skeleton: bone 0 along the proximal segment from the proximal joint (the bind pose's
    // y = 0), bone 1 along the distal segment from the joint (the bind pose's y = proximal length).
    const glm::vec3 proximal_joint = session::proximal_joint(*rig);
    const glm::vec3 proximal_dir = session::proximal_direction(*rig);
    const glm::vec3 distal_dir = session::distal_direction(*rig, pose.angle_deg);
    const glm::mat4 bone0 = along(proximal_joint, proximal_dir);
    const glm::mat4 bone1 =
        along(glm::vec3(0.f), distal_dir) * glm::translate(glm::mat4(1.f), glm::vec3(0.f, -rig->proximal_length_m, 0.f));

    // The model's state.
    const auto* phys = session.world().find<session::LimbPhysiology>(session.limb());
    const float swelling = phys != nullptr ? static_cast<float>(std::max(0.0, phys->out.swelling_pct)) : 0.f;
    const float metabolite = phys != nullptr ? static_cast<float>(std::clamp(phys->out.metabolite, 0.0, 1.0)) : 0.f;
    const float veins_full =
        phys != nullptr ? vein_filling(phys->out.pooled_ml_100ml, phys->prepared.params.venous_capacity_ml_100ml) : 0.f;
    const double cuff_now = phys != nullptr && std::isfinite(phys->inputs.cuff_mmHg) ? phys->inputs.cuff_mmHg : 0.0;
    const double cuff_held = phys != nullptr ? phys->cuff_held_mmHg : 0.0;
    const auto& telemetry = session.world().ctx().get<session::TelemetryState>();
    const double target = telemetry.latest.has(telemetry_v1::kTargetMmhg)
                              ? telemetry.latest.values[telemetry_v1::kTargetMmhg]
                              : -1.0;

    // Deformation: swelling (true to scale unless kSwellingExaggeration says otherwise), the
    // belly's bulge as it contracts and shortens, the veins' filling.
    const float swell_m = muscle_thickness_m(rig->kind) * kSwellingExaggeration * options.swelling_scale * swelling / 100.f;
    const float flex = std::clamp((pose.angle_deg - rig->rest_angle_deg) / (rig->contracted_angle_deg - rig->rest_angle_deg), 0.f, 1.f);
    const float contraction = std::clamp(pose.activation_01, 0.f, 1.f);
    const float shape = std::clamp(0.5f * contraction + 0.5f * flex, 0.f, 1.f);
    const float bulge_m = (leg ? 0.006f : 0.008f) * shape;
    const float vein_grow_m = (leg ? 0.0036f : 0.0028f) * 0.9f * veins_full;
    const glm::vec3 inflate(swell_m, bulge_m, vein_grow_m);

    // Skin: the metabolite fill rises from the joint toward the cuff, seen through the skin;
    // in the cut-away the skin turns translucent.
    const glm::vec3 fill_color = glm::mix(skin.base_color, metabolite_color(metabolite), 0.75f);
    render::Material limb_skin = skin;
    limb_skin.fill_01 = metabolite_fill_level(metabolite);
    limb_skin.fill_color = fill_color;
    if (options.xray) {  // a glassy shell, lit at its edges
        limb_skin.base_color = {0.30f, 0.36f, 0.45f};
        limb_skin.opacity_01 = 0.22f;
        limb_skin.rim_01 = 1.f;
        limb_skin.fill_01 = 0.f;  // the muscle inside shows the fill
    }
    out.meshes.push_back({meshes.skin, bone0, limb_skin, bone1, inflate});
    if (!options.xray) out.meshes.push_back({meshes.joint, glm::mat4(1.f), skin});

    // Superficial veins below the cuff: fuller and darker as blood pools behind the cuff.
    render::Material vein = skin;
    vein.base_color = glm::mix(skin.base_color, color(palette::kVein), 0.3f + 0.4f * veins_full);
    vein.roughness_01 = 0.45f;
    vein.rim_01 = 0.2f;
    if (!options.xray) out.meshes.push_back({meshes.veins, bone0, vein, bone1, inflate});

    if (options.xray) {
        // The belly inside: on the flexor/anterior side of the proximal segment, shortening and
        // thickening as it contracts, thicker with swelling, filled with the metabolite colour.
        const float length_m = rig->proximal_length_m * (leg ? 0.34f : 0.33f) * (1.f - 0.12f * shape);
        const float thick_m = (leg ? 0.055f : 0.032f) * (1.f + 0.22f * shape) + swell_m * 0.5f;
        const glm::vec3 flexor_side = leg ? glm::vec3(0.f, 1.f, 0.f) : glm::vec3(1.f, 0.f, 0.f);
        const float along_m = rig->proximal_length_m * (leg ? 0.55f : 0.62f);
        const float offset_m = (leg ? 0.026f : 0.016f) + 0.004f * shape;
        const glm::vec3 belly_center = proximal_joint + proximal_dir * along_m + flexor_side * offset_m;
        const glm::mat4 belly = along(belly_center, proximal_dir) *
                                glm::scale(glm::mat4(1.f), glm::vec3(thick_m, length_m, thick_m * 0.95f));
        render::Material muscle;
        muscle.base_color = {0.40f, 0.06f, 0.06f};
        muscle.roughness_01 = 0.45f;
        muscle.rim_01 = 0.3f;
        muscle.fill_01 = metabolite_fill_level(metabolite);
        muscle.fill_color = metabolite_color(metabolite);
        out.meshes.push_back({meshes.muscle, belly, muscle});

        render::Material artery;
        artery.base_color = color(palette::kArtery);
        artery.roughness_01 = 0.35f;
        artery.rim_01 = 0.3f;
        out.meshes.push_back({meshes.artery, bone0, artery, bone1, glm::vec3(0.f)});
        render::Material deep_vein = artery;
        deep_vein.base_color = color(palette::kVein);
        out.meshes.push_back({meshes.deep_vein, bone0, deep_vein, bone1, glm::vec3(0.f)});

        // Flow: beads that run with the blood (arterial toward the hand/foot, venous back to the
        // heart), at a speed that follows the model's inflow and outflow (alpha-interpolated).
        if (phys != nullptr) {
            const double inflow = phys->prev_inflow_rest_s + (phys->inflow_rest_s - phys->prev_inflow_rest_s) * static_cast<double>(a);
            const double outflow = phys->prev_outflow_rest_s + (phys->outflow_rest_s - phys->prev_outflow_rest_s) * static_cast<double>(a);
            render::Material bead;
            bead.roughness_01 = 0.3f;
            for (int i = 0; i < kFlowParticles; ++i) {
                const float sa = flow_particle_position(i, inflow, meshes.artery_path.length_m, true);
                const glm::vec3 pa = posed_vessel_point(meshes.artery_path, sa, bone0, bone1);
                bead.base_color = {0.95f, 0.12f, 0.08f};
                bead.emissive = {0.35f, 0.03f, 0.02f};
                const float ra = leg ? 0.0085f : 0.0062f;
                out.meshes.push_back({meshes.particle, glm::translate(glm::mat4(1.f), pa) *
                                                           glm::scale(glm::mat4(1.f), glm::vec3(ra)), bead});
                const float sv = flow_particle_position(i, outflow, meshes.vein_path.length_m, false);
                const glm::vec3 pv = posed_vessel_point(meshes.vein_path, sv, bone0, bone1);
                bead.base_color = {0.15f, 0.35f, 1.0f};
                bead.emissive = {0.04f, 0.12f, 0.45f};
                const float rv = leg ? 0.0092f : 0.0068f;
                out.meshes.push_back({meshes.particle, glm::translate(glm::mat4(1.f), pv) *
                                                           glm::scale(glm::mat4(1.f), glm::vec3(rv)), bead});
            }
        }
    }

    // Hand / foot at the end of the distal segment, and the load.
    const glm::vec3 end = session::distal_end(*rig, pose.angle_deg);
    glm::mat4 end_frame = along(end + distal_dir * (leg ? 0.0f : 0.045f), distal_dir);
    if (leg) end_frame = end_frame * glm::translate(glm::mat4(1.f), glm::vec3(-0.07f, 0.03f, 0.f));  // toes up
    out.meshes.push_back({meshes.end, end_frame, skin});
    render::Material iron;
    iron.base_color = {0.05f, 0.055f, 0.06f};
    iron.roughness_01 = 0.55f;  // satin: a broad highlight that per-vertex lighting renders smoothly
    iron.rim_01 = 0.3f;
    if (leg) {
        out.meshes.push_back({meshes.weight, along(end - distal_dir * 0.05f, distal_dir), iron});
    } else {
        // The dumbbell's axis runs through the fist across the exercise plane (+Z).
        const glm::mat4 bell = glm::translate(glm::mat4(1.f), end + distal_dir * 0.05f) *
                               glm::toMat4(glm::rotation(glm::vec3(0.f, 1.f, 0.f), glm::vec3(0.f, 0.f, 1.f)));
        out.meshes.push_back({meshes.weight, bell, iron});
    }

    // The cuff inflates with the pressure it holds (its middle bulges most) and rides the
    // swelling; its band shows the held pressure against the prescribed band.
    const float cuff_inflate_m =
        static_cast<float>(std::clamp(cuff_now, 0.0, 300.0) / 300.0) * (leg ? 0.014f : 0.010f) - 0.002f;
    render::Material cuff_material;
    cuff_material.base_color = color(palette::kCuff);
    cuff_material.roughness_01 = 0.85f;
    cuff_material.rim_01 = 0.2f;
    if (options.cuff) {
        out.meshes.push_back({meshes.cuff, bone0, cuff_material, bone1, glm::vec3(cuff_inflate_m, 0.f, 0.f)});
        const CuffBandState band_state = cuff_band_state(cuff_held, target);
        render::Material band;
        band.base_color = band_color(band_state);
        band.roughness_01 = 0.4f;
        band.emissive = band.base_color * 0.3f;
        out.meshes.push_back({meshes.cuff_band, bone0, band, bone1, glm::vec3(cuff_inflate_m, 0.f, 0.f)});
    }

    // Context: the bench under the thigh, or the torso (in a dark shirt) beside the arm.
    render::Material prop;
    prop.base_color = leg ? glm::vec3(0.06f, 0.065f, 0.075f) : glm::vec3(0.035f, 0.045f, 0.065f);
    prop.roughness_01 = 0.9f;
    prop.rim_01 = leg ? 0.f : 0.25f;
    out.meshes.push_back(
        {meshes.prop, leg ? glm::translate(glm::mat4(1.f), glm::vec3(-0.26f, -0.12f, 0.f)) : bone0, prop});
    if (leg) {  // the seated patient's torso rises above the hip
        render::Material shirt = prop;
        shirt.base_color = {0.045f, 0.06f, 0.085f};
        shirt.rim_01 = 0.25f;
        out.meshes.push_back(
            {meshes.torso, glm::translate(glm::mat4(1.f), proximal_joint + glm::vec3(-0.06f, 0.52f, 0.f)), shirt});
    }
}

}  // namespace bfr::presentation
