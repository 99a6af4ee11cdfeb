#include "game/presentation/limb_meshes.hpp"

#include <glm/gtc/matrix_transform.hpp>

#include <array>

namespace bfr::presentation {
namespace {

using render::LatheProfilePoint;

constexpr std::uint32_t kSegments = 40;
constexpr std::uint32_t kProfileSamples = 33;

render::MeshData lathe(std::span<const LatheProfilePoint> control, float scale_x, float scale_z, bool caps) {
    const auto profile = render::resample_profile(control, kProfileSamples);
    render::LatheDesc desc;
    desc.profile = profile;
    desc.segments = kSegments;
    desc.scale_x = scale_x;
    desc.scale_z = scale_z;
    desc.cap_bottom = caps;
    desc.cap_top = caps;
    return render::make_lathe(desc);
}

// Radius profiles (m) from the proximal joint along the segment; adult proportions, rounded ends
// so segments blend at the joints.
constexpr std::array<LatheProfilePoint, 8> kUpperArm = {{{-0.030f, 0.000f},
                                                         {-0.020f, 0.040f},
                                                         {0.010f, 0.056f},
                                                         {0.070f, 0.050f},
                                                         {0.150f, 0.046f},
                                                         {0.240f, 0.041f},
                                                         {0.300f, 0.037f},
                                                         {0.325f, 0.000f}}};
constexpr std::array<LatheProfilePoint, 8> kForearm = {{{-0.025f, 0.000f},
                                                        {-0.012f, 0.030f},
                                                        {0.020f, 0.038f},
                                                        {0.070f, 0.040f},
                                                        {0.150f, 0.033f},
                                                        {0.230f, 0.026f},
                                                        {0.270f, 0.023f},
                                                        {0.285f, 0.000f}}};
constexpr std::array<LatheProfilePoint, 8> kThigh = {{{-0.040f, 0.000f},
                                                      {-0.025f, 0.060f},
                                                      {0.020f, 0.088f},
                                                      {0.120f, 0.084f},
                                                      {0.260f, 0.073f},
                                                      {0.380f, 0.058f},
                                                      {0.440f, 0.052f},
                                                      {0.470f, 0.000f}}};
constexpr std::array<LatheProfilePoint, 8> kShank = {{{-0.030f, 0.000f},
                                                      {-0.015f, 0.042f},
                                                      {0.030f, 0.050f},
                                                      {0.110f, 0.057f},
                                                      {0.220f, 0.045f},
                                                      {0.340f, 0.032f},
                                                      {0.420f, 0.029f},
                                                      {0.440f, 0.000f}}};

}  // namespace

CuffPlacement cuff_placement(const session::LimbRig& rig) noexcept {
    if (rig.kind == session::LimbKind::Leg) return {0.04f, 0.16f, 0.097f};
    return {0.035f, 0.115f, 0.062f};
}

LimbMeshes build_limb_meshes(const session::LimbRig& rig) {
    LimbMeshes m;
    const bool leg = rig.kind == session::LimbKind::Leg;
    if (leg) {
        m.proximal = lathe(kThigh, 1.f, 0.92f, false);
        m.distal = lathe(kShank, 0.95f, 1.f, false);
        m.joint = render::make_uv_sphere(0.052f, 16, 24);
        // Foot: a long, flat ellipsoid; the scene turns it so that the toes point along the
        // segment's local -X (up when the knee is straight).
        render::append_mesh(m.end, render::make_uv_sphere(1.f, 16, 24),
                            glm::scale(glm::mat4(1.f), glm::vec3(0.105f, 0.038f, 0.048f)));
    } else {
        m.proximal = lathe(kUpperArm, 1.f, 0.9f, false);
        m.distal = lathe(kForearm, 1.f, 0.82f, false);
        m.joint = render::make_uv_sphere(0.036f, 16, 24);
        // Fist: a rounded, slightly flattened ellipsoid around the dumbbell's handle.
        render::append_mesh(m.end, render::make_uv_sphere(1.f, 16, 24),
                            glm::scale(glm::mat4(1.f), glm::vec3(0.040f, 0.050f, 0.047f)));
    }
    m.muscle = render::make_uv_sphere(1.f, 20, 32);

    const CuffPlacement cuff = cuff_placement(rig);
    const std::array<LatheProfilePoint, 6> cuff_profile = {{{cuff.start_m, cuff.radius_m - 0.006f},
                                                            {cuff.start_m + 0.004f, cuff.radius_m},
                                                            {cuff.start_m + 0.02f, cuff.radius_m + 0.002f},
                                                            {cuff.end_m - 0.02f, cuff.radius_m + 0.002f},
                                                            {cuff.end_m - 0.004f, cuff.radius_m},
                                                            {cuff.end_m, cuff.radius_m - 0.006f}}};
    render::LatheDesc desc;
    desc.profile = cuff_profile;
    desc.segments = kSegments;
    desc.cap_bottom = false;
    desc.cap_top = false;
    m.cuff = render::make_lathe(desc);
    const float band_mid = 0.5f * (cuff.start_m + cuff.end_m);
    const std::array<LatheProfilePoint, 4> band_profile = {{{band_mid - 0.012f, cuff.radius_m + 0.0015f},
                                                            {band_mid - 0.010f, cuff.radius_m + 0.0035f},
                                                            {band_mid + 0.010f, cuff.radius_m + 0.0035f},
                                                            {band_mid + 0.012f, cuff.radius_m + 0.0015f}}};
    desc.profile = band_profile;
    m.cuff_band = render::make_lathe(desc);

    if (leg) {
        m.prop = render::make_box({0.30f, 0.03f, 0.22f});  // bench seat
        const std::array<LatheProfilePoint, 7> torso = {{{-0.55f, 0.0f},
                                                         {-0.53f, 0.12f},
                                                         {-0.35f, 0.15f},
                                                         {-0.05f, 0.16f},
                                                         {0.07f, 0.14f},
                                                         {0.13f, 0.09f},
                                                         {0.15f, 0.0f}}};
        m.torso = lathe(torso, 0.85f, 1.2f, false);
        m.weight = render::make_torus(0.058f, 0.022f, 40, 16);  // ankle weight
    } else {
        // Torso: a rounded chest beside which the arm hangs.
        const std::array<LatheProfilePoint, 7> torso = {{{-0.55f, 0.0f},
                                                         {-0.52f, 0.11f},
                                                         {-0.30f, 0.15f},
                                                         {-0.05f, 0.17f},
                                                         {0.07f, 0.15f},
                                                         {0.13f, 0.09f},
                                                         {0.15f, 0.0f}}};
        m.prop = lathe(torso, 1.25f, 0.8f, false);
        // Dumbbell along +Y: plates at both ends of a knurled handle.
        const std::array<LatheProfilePoint, 12> bell = {{{-0.13f, 0.0f},
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
        bell_desc.profile = bell;
        bell_desc.segments = 32;
        bell_desc.cap_bottom = false;
        bell_desc.cap_top = false;
        m.weight = render::make_lathe(bell_desc);
    }
    return m;
}

}  // namespace bfr::presentation
