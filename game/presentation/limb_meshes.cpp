#include "game/presentation/limb_meshes.hpp"

#include <glm/geometric.hpp>
#include <glm/gtc/constants.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <tuple>

namespace bfr::presentation {
namespace {

using render::LatheProfilePoint;
using render::MeshData;
using render::Vertex;

constexpr std::uint32_t kSegments = 28;  // columns around a limb: smooth at ~100 px wide, cheap for llvmpipe
constexpr std::uint32_t kSkinSamples = 45;  // profile samples along the whole limb (44 = 4 x 11: every control point hit)
constexpr float kPi = glm::pi<float>();

float smooth01(float e0, float e1, float x) {
    const float t = std::clamp((x - e0) / (e1 - e0), 0.f, 1.f);
    return t * t * (3.f - 2.f * t);
}

/// sin²(πt) over [y0, y1], 0 outside: a smooth bump along the limb.
float bell(float y0, float y1, float y) {
    if (y <= y0 || y >= y1) return 0.f;
    const float s = std::sin(kPi * (y - y0) / (y1 - y0));
    return s * s;
}

/// Everything that shapes one limb's skin, in the bind pose (metres from the proximal joint).
struct Anatomy {
    std::vector<LatheProfilePoint> control;  ///< Radius profile of the whole limb (12 points).
    float scale_z = 0.9f;                    ///< Elliptical cross-section (front-back over side-side).
    float belly_from = 0.f, belly_to = 0.f;  ///< Axial extent of the muscle belly's bump.
    float belly_bump_m = 0.f;                ///< Its height at rest.
    float joint_blend_m = 0.04f;             ///< Half-width of the skinning blend across the joint.
};

Anatomy anatomy(const session::LimbRig& rig) {
    Anatomy a;
    const float l1 = rig.proximal_length_m;
    const float l2 = rig.distal_length_m;
    if (rig.kind == session::LimbKind::Leg) {
        // Thigh (hip → knee) then shank (knee → ankle); adult proportions, radii in metres.
        a.control = {{-0.09f * l1, 0.f},        {-0.057f * l1, 0.060f},   {0.045f * l1, 0.088f},
                     {0.27f * l1, 0.084f},      {0.59f * l1, 0.073f},     {0.86f * l1, 0.058f},
                     {l1, 0.052f},              {l1 + 0.07f * l2, 0.050f}, {l1 + 0.26f * l2, 0.057f},
                     {l1 + 0.52f * l2, 0.045f}, {l1 + l2, 0.031f},        {l1 + 1.07f * l2, 0.f}};
        a.scale_z = 0.95f;
        a.belly_from = 0.18f * l1;
        a.belly_to = 0.95f * l1;
        a.belly_bump_m = 0.010f;
        a.joint_blend_m = 0.055f;
    } else {
        // Upper arm (shoulder → elbow) then forearm (elbow → wrist).
        a.control = {{-0.12f * l1, 0.f},       {-0.08f * l1, 0.046f},    {0.04f * l1, 0.060f},
                     {0.23f * l1, 0.054f},     {0.50f * l1, 0.050f},     {0.80f * l1, 0.044f},
                     {l1, 0.039f},             {l1 + 0.07f * l2, 0.041f}, {l1 + 0.26f * l2, 0.043f},
                     {l1 + 0.55f * l2, 0.035f}, {l1 + l2, 0.025f},        {l1 + 1.06f * l2, 0.f}};
        a.scale_z = 0.88f;
        a.belly_from = 0.30f * l1;
        a.belly_to = 0.93f * l1;
        a.belly_bump_m = 0.009f;
        a.joint_blend_m = 0.04f;
    }
    return a;
}

/// Radius of the (resampled) profile at height y, linear between samples.
float radius_at(const std::vector<LatheProfilePoint>& profile, float y) {
    if (profile.empty()) return 0.f;
    if (y <= profile.front().y) return profile.front().radius;
    for (std::size_t i = 1; i < profile.size(); ++i) {
        if (y <= profile[i].y) {
            const float span = profile[i].y - profile[i - 1].y;
            const float t = span > 0.f ? (y - profile[i - 1].y) / span : 1.f;
            return profile[i - 1].radius + (profile[i].radius - profile[i - 1].radius) * t;
        }
    }
    return profile.back().radius;
}

/// How anterior (belly side, local −X) a direction around the axis is: 1 in front, 0 from the side back.
float anterior(float cos_angle) {
    const float f = std::max(0.f, -cos_angle);
    return f * std::sqrt(f);
}

/// The weights a point of the skin at height y, angle a (cos) gets: swelling and contraction bulge.
struct RegionWeights {
    float swell = 0.f;
    float bulge = 0.f;
};

RegionWeights region_weights(const session::LimbRig& rig, const Anatomy& an, float y, float cos_angle) {
    const CuffPlacement cuff = cuff_placement(rig);
    const float l1 = rig.proximal_length_m;
    // Swelling: the segment below the cuff (where the model's muscle is), all round but most over
    // the belly, fading out under the cuff's distal edge and across the joint.
    const float axial = smooth01(cuff.end_m - 0.01f, cuff.end_m + 0.03f, y) * (1.f - smooth01(l1 - 0.05f, l1 + 0.01f, y));
    RegionWeights w;
    w.swell = axial * (0.55f + 0.45f * anterior(cos_angle));
    w.bulge = bell(an.belly_from, an.belly_to, y) * anterior(cos_angle);
    return w;
}

/// Area-weighted smooth normals, shared across vertices at the same position (the lathe's seam
/// and poles), so displaced surfaces shade without seams.
void smooth_normals(MeshData& mesh) {
    std::map<std::tuple<long, long, long>, glm::vec3> sums;
    auto key = [](glm::vec3 p) {
        return std::make_tuple(std::lround(p.x * 1e5f), std::lround(p.y * 1e5f), std::lround(p.z * 1e5f));
    };
    for (std::size_t i = 0; i + 2 < mesh.indices.size(); i += 3) {
        const glm::vec3 a = mesh.vertices[mesh.indices[i]].position;
        const glm::vec3 b = mesh.vertices[mesh.indices[i + 1]].position;
        const glm::vec3 c = mesh.vertices[mesh.indices[i + 2]].position;
        const glm::vec3 n = glm::cross(b - a, c - a);
        for (const glm::vec3 p : {a, b, c}) sums[key(p)] += n;
    }
    for (Vertex& v : mesh.vertices) {
        const glm::vec3 n = sums[key(v.position)];
        const float len = glm::length(n);
        if (len > 1e-12f) v.normal = n / len;
    }
}

MeshData build_skin(const session::LimbRig& rig, const Anatomy& an, std::vector<LatheProfilePoint>& profile_out) {
    profile_out = render::resample_profile(an.control, kSkinSamples);
    render::LatheDesc desc;
    desc.profile = profile_out;
    desc.segments = kSegments;
    desc.scale_z = an.scale_z;
    desc.cap_bottom = false;
    desc.cap_top = false;
    MeshData mesh = render::make_lathe(desc);
    const CuffPlacement cuff = cuff_placement(rig);
    const float fill_span = std::max(rig.proximal_length_m - cuff.end_m, 0.01f);
    for (Vertex& v : mesh.vertices) {
        const float y = v.position.y;
        const glm::vec2 radial(v.position.x, v.position.z);
        const float r = glm::length(radial);
        const float c = r > 1e-6f ? radial.x / r : 0.f;
        if (r > 1e-6f) {
            const float bump = an.belly_bump_m * bell(an.belly_from, an.belly_to, y) * anterior(c);
            v.position.x += radial.x / r * bump;
            v.position.z += radial.y / r * bump;
        }
        const RegionWeights w = region_weights(rig, an, y, c);
        v.skin = {distal_bone_weight(rig, y), w.swell, w.bulge, 0.f};
        // v: 0 at the cuff's distal edge, 1 at the joint (the metabolite fill rises from the joint
        // toward the cuff, lit.frag); above the cuff v < 0, beyond the joint v > 1 (never filled).
        v.uv.y = (y - cuff.end_m) / fill_span;
    }
    smooth_normals(mesh);
    return mesh;
}

/// A tube along `centre` (bind pose) with radius tapering at both ends; each ring's vertices
/// take the weights of their centre point, w = filling weight (1 in the middle, 0.35 at the ends).
void append_tube(MeshData& mesh, const std::vector<glm::vec3>& centre, const std::vector<glm::vec4>& weights,
                 const std::vector<glm::vec3>& up, float radius_m, std::uint32_t sides) {
    if (centre.size() < 2) return;
    const auto base = static_cast<std::uint32_t>(mesh.vertices.size());
    const std::size_t n = centre.size();
    for (std::size_t i = 0; i < n; ++i) {
        const glm::vec3 t = glm::normalize(centre[std::min(i + 1, n - 1)] - centre[i > 0 ? i - 1 : 0]);
        const glm::vec3 side = glm::normalize(glm::cross(t, up[i]));
        const glm::vec3 normal_up = glm::normalize(glm::cross(side, t));
        const float s = static_cast<float>(i) / static_cast<float>(n - 1);
        const float taper = 0.35f + 0.65f * std::sqrt(std::max(0.f, std::sin(kPi * s)));
        for (std::uint32_t k = 0; k <= sides; ++k) {
            const float phi = 2.f * kPi * static_cast<float>(k) / static_cast<float>(sides);
            const glm::vec3 nrm = std::cos(phi) * normal_up + std::sin(phi) * side;
            Vertex v;
            v.position = centre[i] + nrm * (radius_m * taper);
            v.normal = glm::normalize(nrm);
            v.uv = {static_cast<float>(k) / static_cast<float>(sides), s};
            v.skin = weights[i];
            v.skin.w = taper;
            mesh.vertices.push_back(v);
        }
    }
    const std::uint32_t ring = sides + 1;
    for (std::uint32_t i = 0; i + 1 < static_cast<std::uint32_t>(n); ++i) {
        for (std::uint32_t k = 0; k < sides; ++k) {
            const std::uint32_t a = base + i * ring + k;
            const std::uint32_t b = a + ring;
            mesh.indices.insert(mesh.indices.end(), {a, a + 1, b, a + 1, b + 1, b});
        }
    }
}

/// Control points of a vessel: height (m) and angle around the axis (deg; 0 = +X, 270 = +Z, the
/// camera's side), depth as a fraction of the local radius (1 = on the skin).
struct VesselPoint {
    float y;
    float angle_deg;
    float depth;
};

/// Samples a vessel's centre line every ~8 mm (linear in height and angle between control points).
VesselPath vessel_path(const session::LimbRig& rig, const Anatomy& an, const std::vector<LatheProfilePoint>& profile,
                       const std::vector<VesselPoint>& control, float radius_m, float lift_m, bool ride_swelling) {
    VesselPath path;
    path.radius_m = radius_m;
    for (std::size_t c = 0; c + 1 < control.size(); ++c) {
        const VesselPoint a = control[c];
        const VesselPoint b = control[c + 1];
        const int steps = std::max(1, static_cast<int>(std::ceil(std::fabs(b.y - a.y) / 0.008f)));
        for (int k = (c == 0 ? 0 : 1); k <= steps; ++k) {
            const float t = static_cast<float>(k) / static_cast<float>(steps);
            const float y = a.y + (b.y - a.y) * t;
            const float ang = glm::radians(a.angle_deg + (b.angle_deg - a.angle_deg) * t);
            const float depth = a.depth + (b.depth - a.depth) * t;
            const float cs = std::cos(ang);
            const float bump = an.belly_bump_m * bell(an.belly_from, an.belly_to, y) * anterior(cs);
            const float r = (radius_at(profile, y) * depth + bump) + lift_m;
            const glm::vec3 p(r * cs, y, -r * an.scale_z * std::sin(ang));
            const RegionWeights w = region_weights(rig, an, y, cs);
            path.points.push_back(p);
            path.weights.push_back(ride_swelling ? glm::vec4(distal_bone_weight(rig, y), w.swell, w.bulge, 0.f)
                                                 : glm::vec4(distal_bone_weight(rig, y), 0.f, 0.f, 0.f));
        }
    }
    for (std::size_t i = 1; i < path.points.size(); ++i) path.length_m += glm::distance(path.points[i - 1], path.points[i]);
    return path;
}

MeshData tube_of(const VesselPath& path) {
    MeshData mesh;
    std::vector<glm::vec3> up;
    for (const glm::vec3 p : path.points) up.push_back(glm::normalize(glm::vec3(p.x, 0.f, p.z) + glm::vec3(1e-6f)));
    append_tube(mesh, path.points, path.weights, up, path.radius_m, 5);
    return mesh;
}

}  // namespace

CuffPlacement cuff_placement(const session::LimbRig& rig) noexcept {
    if (rig.kind == session::LimbKind::Leg) return {0.04f, 0.16f, 0.097f};
    return {0.035f, 0.115f, 0.066f};
}

float muscle_thickness_m(session::LimbKind kind) noexcept {
    return kind == session::LimbKind::Leg ? 0.050f : 0.032f;
}

float distal_bone_weight(const session::LimbRig& rig, float y_m) noexcept {
    const float half = rig.kind == session::LimbKind::Leg ? 0.055f : 0.04f;
    return smooth01(rig.proximal_length_m - half, rig.proximal_length_m + half, y_m);
}

LimbMeshes build_limb_meshes(const session::LimbRig& rig) {
    LimbMeshes m;
    const bool leg = rig.kind == session::LimbKind::Leg;
    const Anatomy an = anatomy(rig);
    std::vector<LatheProfilePoint> profile;
    m.skin = build_skin(rig, an, profile);
    const float l1 = rig.proximal_length_m;
    const float l2 = rig.distal_length_m;
    const CuffPlacement cuff = cuff_placement(rig);

    // Superficial veins on the side the camera sees (around 270°), from just below the cuff to
    // the wrist/ankle: a main trunk, a branch on the distal segment and one across the joint.
    const float vr = leg ? 0.0036f : 0.0028f;
    const float lift = -0.35f * vr;  // centre a little under the skin: a raised ridge, not a pipe
    const std::vector<std::vector<VesselPoint>> veins = {
        {{cuff.end_m + 0.012f, 262.f, 1.f},
         {0.45f * l1, 255.f, 1.f},
         {0.8f * l1, 266.f, 1.f},
         {l1 + 0.05f * l2, 258.f, 1.f},
         {l1 + 0.45f * l2, 246.f, 1.f},
         {l1 + 0.95f * l2, 252.f, 1.f}},
        {{l1 + 0.12f * l2, 262.f, 1.f}, {l1 + 0.5f * l2, 292.f, 1.f}, {l1 + 0.93f * l2, 300.f, 1.f}},
        {{0.9f * l1, 266.f, 1.f}, {l1 + 0.02f * l2, 285.f, 1.f}, {l1 + 0.14f * l2, 300.f, 1.f}},
    };
    for (const auto& control : veins) {
        const VesselPath p = vessel_path(rig, an, profile, control, vr, lift, true);
        const MeshData tube = tube_of(p);
        render::append_mesh(m.veins, tube, glm::mat4(1.f));
    }
    // The main artery and its deep vein, for the x-ray view and the flow particles: from under
    // the cuff to the distal end, on the camera's side inside the limb.
    m.artery_path = vessel_path(rig, an, profile,
                                {{0.02f * l1, 250.f, 0.55f}, {0.6f * l1, 245.f, 0.6f}, {l1, 262.f, 0.55f},
                                 {l1 + 0.9f * l2, 255.f, 0.55f}},
                                leg ? 0.0065f : 0.0046f, 0.f, false);
    m.vein_path = vessel_path(rig, an, profile,
                              {{0.02f * l1, 275.f, 0.6f}, {0.6f * l1, 280.f, 0.62f}, {l1, 282.f, 0.58f},
                               {l1 + 0.9f * l2, 285.f, 0.6f}},
                              leg ? 0.0072f : 0.0052f, 0.f, false);
    m.artery = tube_of(m.artery_path);
    m.deep_vein = tube_of(m.vein_path);
    m.particle = render::make_uv_sphere(1.f, 5, 8);

    if (leg) {
        m.joint = render::make_uv_sphere(0.047f, 10, 16);
        // Foot: a long, flat ellipsoid; the scene turns it so that the toes point along the
        // segment's local -X (up when the knee is straight).
        render::append_mesh(m.end, render::make_uv_sphere(1.f, 10, 18),
                            glm::scale(glm::mat4(1.f), glm::vec3(0.105f, 0.038f, 0.048f)));
    } else {
        m.joint = render::make_uv_sphere(0.032f, 10, 16);
        // Fist: a rounded, slightly flattened ellipsoid around the dumbbell's handle.
        render::append_mesh(m.end, render::make_uv_sphere(1.f, 10, 18),
                            glm::scale(glm::mat4(1.f), glm::vec3(0.040f, 0.050f, 0.047f)));
    }
    m.muscle = render::make_uv_sphere(1.f, 12, 20);

    // The cuff: a padded band; skin.y makes its middle bulge most as it inflates.
    const std::array<LatheProfilePoint, 6> cuff_profile = {{{cuff.start_m, cuff.radius_m - 0.006f},
                                                            {cuff.start_m + 0.004f, cuff.radius_m},
                                                            {cuff.start_m + 0.02f, cuff.radius_m + 0.002f},
                                                            {cuff.end_m - 0.02f, cuff.radius_m + 0.002f},
                                                            {cuff.end_m - 0.004f, cuff.radius_m},
                                                            {cuff.end_m, cuff.radius_m - 0.006f}}};
    const auto cuff_samples = render::resample_profile(cuff_profile, 11);
    render::LatheDesc desc;
    desc.profile = cuff_samples;
    desc.segments = kSegments;
    desc.scale_z = an.scale_z;
    desc.cap_bottom = false;
    desc.cap_top = false;
    m.cuff = render::make_lathe(desc);
    for (Vertex& v : m.cuff.vertices) {
        const float t = std::clamp((v.position.y - cuff.start_m) / (cuff.end_m - cuff.start_m), 0.f, 1.f);
        v.skin.y = 0.35f + 0.65f * std::sin(kPi * t);
    }
    const float band_mid = 0.5f * (cuff.start_m + cuff.end_m);
    const std::array<LatheProfilePoint, 4> band_profile = {{{band_mid - 0.012f, cuff.radius_m + 0.0015f},
                                                            {band_mid - 0.010f, cuff.radius_m + 0.0035f},
                                                            {band_mid + 0.010f, cuff.radius_m + 0.0035f},
                                                            {band_mid + 0.012f, cuff.radius_m + 0.0015f}}};
    desc.profile = band_profile;
    m.cuff_band = render::make_lathe(desc);
    for (Vertex& v : m.cuff_band.vertices) v.skin.y = 1.f;

    if (leg) {
        m.prop = render::make_box({0.30f, 0.03f, 0.22f});  // bench seat
        const std::array<LatheProfilePoint, 7> torso = {{{-0.55f, 0.0f},
                                                         {-0.53f, 0.12f},
                                                         {-0.35f, 0.15f},
                                                         {-0.05f, 0.16f},
                                                         {0.07f, 0.14f},
                                                         {0.13f, 0.09f},
                                                         {0.15f, 0.0f}}};
        render::LatheDesc td;
        const auto torso_samples = render::resample_profile(torso, 25);
        td.profile = torso_samples;
        td.segments = 24;
        td.scale_x = 0.85f;
        td.scale_z = 1.2f;
        td.cap_bottom = false;
        td.cap_top = false;
        m.torso = render::make_lathe(td);
        m.weight = render::make_torus(0.058f, 0.022f, 28, 10);  // ankle weight
    } else {
        // The shoulder in a T-shirt sleeve, pulled up above the cuff (bind pose of the upper arm).
        const std::array<LatheProfilePoint, 7> sleeve = {{{-0.105f, 0.0f},
                                                          {-0.095f, 0.045f},
                                                          {-0.06f, 0.072f},
                                                          {-0.01f, 0.074f},
                                                          {0.02f, 0.068f},
                                                          {0.03f, 0.064f},
                                                          {0.031f, 0.056f}}};
        render::LatheDesc td;
        const auto sleeve_samples = render::resample_profile(sleeve, 13);
        td.profile = sleeve_samples;
        td.segments = kSegments;
        td.scale_z = an.scale_z;
        td.cap_bottom = false;
        td.cap_top = false;
        m.prop = render::make_lathe(td);
        // Dumbbell along +Y: plates at both ends of a knurled handle.
        const std::array<LatheProfilePoint, 12> bell_profile = {{{-0.13f, 0.0f},
                                                                 {-0.13f, 0.050f},
                                                                 {-0.095f, 0.052f},
                                                                 {-0.09f, 0.030f},
                                                                 {-0.085f, 0.016f},
                                                                 {-0.05f, 0.014f},
                                                                 {0.05f, 0.014f},
                                                                 {0.085f, 0.016f},
                                                                 {0.09f, 0.030f},
                                                                 {0.095f, 0.052f},
                                                                 {0.13f, 0.050f},
                                                                 {0.13f, 0.0f}}};
        render::LatheDesc bell_desc;
        bell_desc.profile = bell_profile;
        bell_desc.segments = 24;
        bell_desc.cap_bottom = false;
        bell_desc.cap_top = false;
        m.weight = render::make_lathe(bell_desc);
    }
    return m;
}

}  // namespace bfr::presentation
