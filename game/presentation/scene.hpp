#pragma once
// World + alpha -> RenderList: everything the 3-D view shows, as plain data. No GL here, so
// what is drawn is tested with the null renderer.

#include "engine/render/camera.hpp"
#include "engine/render/render_list.hpp"
#include "engine/render/renderer.hpp"
#include "game/session/components.hpp"

namespace bfr::session {
class Session;
}

namespace bfr::presentation {

/// GPU handles of one limb's meshes (see limb_meshes.hpp).
struct SceneMeshes {
    render::MeshHandle proximal, distal, joint, muscle, end, cuff, cuff_band, prop, weight, torso;
};

/// Uploads the limb's meshes through `renderer`. Invalid handles are skipped when drawing.
[[nodiscard]] SceneMeshes create_scene_meshes(render::Renderer& renderer, const session::LimbRig& rig);
/// Releases them.
void destroy_scene_meshes(render::Renderer& renderer, const SceneMeshes& meshes);

/// The fixed default camera of each limb (also what `shot` uses): the exercise plane seen from
/// the patient's side, slightly from the front and above.
[[nodiscard]] render::OrbitCamera default_camera(session::LimbKind limb) noexcept;

/// Fills `out` (reusing its capacity) with the frame: the limb posed at the pose interpolated
/// between the previous and the current tick with `alpha` (0 = previous, 1 = current).
void build_render_list(const session::Session& session, const SceneMeshes& meshes, const render::OrbitCamera& camera,
                       float aspect, float alpha, render::RenderList& out);

/// The interpolated pose the frame shows.
[[nodiscard]] session::JointPose interpolated_pose(const session::Session& session, float alpha);

/// The metabolite colour ramp (linear RGB): light amber (0) → vermillion (0.5) → deep purple (1).
/// Its lightness falls monotonically, so the order reads with any colour vision (docs/visuals.md).
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
inline constexpr float kCuffBand[3] = {0.0f, 0.18f, 0.45f};  // Okabe-Ito blue, linear
}  // namespace palette

}  // namespace bfr::presentation
