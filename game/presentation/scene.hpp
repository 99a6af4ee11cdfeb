#pragma once
// World + alpha -> RenderList: everything the 3-D view shows, as plain data. No GL here, so
// what is drawn is tested with the null renderer.

#include <vector>

#include "engine/render/camera.hpp"
#include "engine/render/render_list.hpp"
#include "engine/render/renderer.hpp"
#include "game/presentation/limb_meshes.hpp"
#include "game/session/components.hpp"

namespace bfr::session {
class Session;
}

namespace bfr::presentation {

/// GPU handles of one limb's meshes (see limb_meshes.hpp), and the CPU data the frame needs.
struct SceneMeshes {
    render::MeshHandle skin, muscle, joint, end, veins, artery, deep_vein, particle, cuff, cuff_band, prop, weight,
        torso;
    VesselPath artery_path, vein_path;  ///< Centre lines the flow particles follow (bind pose).
};

/// What the view shows besides the limb itself.
struct SceneOptions {
    /// Cut-away: the skin turns translucent and shows the muscle belly, the artery and the deep
    /// vein with their flow inside.
    bool xray = false;
    /// Where the limb stands in the world (metres): every mesh of this limb moves by it. Several
    /// limbs in one view (the therapist's side by side) stand apart this way.
    glm::vec3 offset{0.f};
    /// Add this limb to `out` as it is (its camera, environment, lights and earlier meshes kept)
    /// instead of starting a new frame.
    bool append = false;
    /// Draws the swelling this many times larger than the model's (on top of kSwellingExaggeration);
    /// whoever sets it says so on screen (the therapist's teaching view).
    float swelling_scale = 1.f;
    /// Draw the cuff (false: the limb without one, e.g. the therapist's "no BFR" side).
    bool cuff = true;
};

/// Flow particles per vessel.
inline constexpr int kFlowParticles = 16;
/// How fast the particles move at resting flow (m/s on screen; they speed up and slow down with
/// the model's inflow and outflow, docs/visuals.md).
inline constexpr float kFlowSpeedAtRest = 0.05f;

/// Uploads the limb's meshes through `renderer`. Invalid handles are skipped when drawing.
[[nodiscard]] SceneMeshes create_scene_meshes(render::Renderer& renderer, const session::LimbRig& rig);
/// Releases them.
void destroy_scene_meshes(render::Renderer& renderer, const SceneMeshes& meshes);

/// The fixed default camera of each limb (also what `shot` uses): the exercise plane seen from
/// the patient's side, slightly from the front and above.
[[nodiscard]] render::OrbitCamera default_camera(session::LimbKind limb) noexcept;

/// Fills `out` (reusing its capacity) with the frame: the limb posed at the pose interpolated
/// between the previous and the current tick with `alpha` (0 = previous, 1 = current). With
/// `options.append` the limb is added to the frame already in `out` (the camera is left as it is).
void build_render_list(const session::Session& session, const SceneMeshes& meshes, const render::OrbitCamera& camera,
                       float aspect, float alpha, render::RenderList& out, const SceneOptions& options = {});

/// Where flow particle `index` (0..kFlowParticles-1) sits along its vessel (0 = proximal end,
/// 1 = distal end) after `flowed_rest_s` seconds of resting-flow-equivalent flow: arterial blood
/// runs toward the hand/foot (`toward_distal`), venous blood back toward the cuff (the session's
/// flow integrals cap the rate at session::kFlowShownCap x rest).
[[nodiscard]] float flow_particle_position(int index, double flowed_rest_s, float vessel_length_m,
                                           bool toward_distal) noexcept;

/// How far the superficial veins are filled, 0..1: the model's pooled venous blood over the
/// veins' capacity.
[[nodiscard]] float vein_filling(double pooled_ml_100ml, double capacity_ml_100ml) noexcept;

/// The cuff band's state against the prescribed band (target ±10 %), from the held pressure.
enum class CuffBandState { Deflated, Below, InBand, Above, NoTarget };
[[nodiscard]] CuffBandState cuff_band_state(double held_mmhg, double target_mmhg) noexcept;

/// The interpolated pose the frame shows.
[[nodiscard]] session::JointPose interpolated_pose(const session::Session& session, float alpha);

/// The metabolite colour ramp (linear RGB): amber (0) → vermillion (0.5) → deep purple (1).
/// Its lightness falls monotonically from just below the skin's, so the order reads with any
/// colour vision and a filling limb only ever darkens (docs/visuals.md).
[[nodiscard]] glm::vec3 metabolite_color(float metabolite_01) noexcept;
/// How much the swelling is exaggerated on screen (1 = true to the model; shown in the HUD).
inline constexpr float kSwellingExaggeration = 1.f;
/// The fill level's gain: a standard 30-15-15-15 session peaks near a metabolite load of 0.5, so
/// the level reaches the cuff at 0.5 (the colour keeps the full 0..1 ramp).
inline constexpr float kMetaboliteFillGain = 2.f;
/// How far the limb below the cuff is filled for a metabolite load (0..1 of the way to the cuff).
[[nodiscard]] float metabolite_fill_level(float metabolite_01) noexcept;

/// Colours of the scene (linear RGB), for tests and docs.
namespace palette {
inline constexpr float kSkin[3] = {0.47f, 0.27f, 0.19f};
inline constexpr float kCuff[3] = {0.06f, 0.07f, 0.09f};
inline constexpr float kCuffBand[3] = {0.0f, 0.18f, 0.45f};        // Okabe-Ito blue, linear
inline constexpr float kInBand[3] = {0.0f, 0.34f, 0.17f};          // Okabe-Ito bluish green, linear
inline constexpr float kBelowBand[3] = {0.09f, 0.46f, 0.81f};      // Okabe-Ito sky blue, linear
inline constexpr float kAboveBand[3] = {0.79f, 0.10f, 0.0f};       // Okabe-Ito vermillion, linear
inline constexpr float kArtery[3] = {0.62f, 0.04f, 0.03f};
inline constexpr float kVein[3] = {0.06f, 0.10f, 0.42f};
}  // namespace palette

}  // namespace bfr::presentation
