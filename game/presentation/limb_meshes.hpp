#pragma once
// Procedural limb meshes (CPU data, no GL). The skin of the whole limb is ONE surface of
// revolution in the bind pose (straight limb along +Y, the proximal joint at y = 0, the distal
// joint at y = proximal length), skinned to two bones with a smooth blend across the joint, with
// the muscle belly's bump on the anterior side. Superficial veins, the artery and the deep vein
// ride on the same skeleton. Vertex::skin carries the weights the scene animates with
// (render_list.hpp): x = the distal bone, y = swelling (radial), z = the belly's contraction
// bulge (radial), w = a vessel's own filling (along its normal). See docs/visuals.md.
#include "engine/render/mesh.hpp"
#include "game/session/components.hpp"

#include <vector>

namespace bfr::presentation {

/// A vessel's centre line in the bind pose (object space of the limb) with its bone weights.
struct VesselPath {
    std::vector<glm::vec3> points;   ///< Proximal to distal.
    std::vector<glm::vec4> weights;  ///< Vertex::skin of each point (w unused).
    float radius_m = 0.f;
    float length_m = 0.f;
};

struct LimbMeshes {
    render::MeshData skin;       ///< The whole limb's skin, skinned (bone 0 proximal, bone 1 distal).
    render::MeshData muscle;     ///< Biceps / quadriceps belly (unit-free ellipsoid, scaled per frame; x-ray view).
    render::MeshData joint;      ///< Elbow / knee fill (a sphere that rounds the outside of the bent joint).
    render::MeshData end;        ///< Hand / foot.
    render::MeshData veins;      ///< Superficial veins distal to the cuff, skinned; skin.w = their filling.
    render::MeshData artery;     ///< The main artery (x-ray view), skinned.
    render::MeshData deep_vein;  ///< The deep vein beside it (x-ray view), skinned.
    render::MeshData particle;   ///< One flow particle (a small sphere, radius 1 m: scaled per draw).
    render::MeshData cuff;       ///< The pneumatic cuff; skin.y = how much each part bulges as it inflates.
    render::MeshData cuff_band;  ///< The gauge band around the cuff (shows the pressure against the band).
    render::MeshData prop;       ///< Torso (arm) or bench seat (leg): context that makes the limb read at a glance.
    render::MeshData torso;      ///< Leg only: the seated patient's torso above the hip (empty for the arm).
    render::MeshData weight;     ///< Dumbbell (arm, along +Y through the fist) or ankle weight (leg, around +Y).
    VesselPath artery_path;      ///< Centre lines the flow particles follow (bind pose).
    VesselPath vein_path;
};

/// Where the cuff sits along the proximal segment, from its proximal joint (m), and its size.
struct CuffPlacement {
    float start_m;
    float end_m;
    float radius_m;
};
[[nodiscard]] CuffPlacement cuff_placement(const session::LimbRig& rig) noexcept;

/// Thickness of the exercised muscle at rest (m): biceps brachii ~3.2 cm, quadriceps (rectus
/// femoris + vastus intermedius) ~5.0 cm by ultrasound. The model's swelling % applies to it.
[[nodiscard]] float muscle_thickness_m(session::LimbKind kind) noexcept;

/// The skin's bone-1 weight at height y of the bind pose: 0 on the proximal segment, 1 on the
/// distal one, a smoothstep across the joint.
[[nodiscard]] float distal_bone_weight(const session::LimbRig& rig, float y_m) noexcept;

/// Builds every mesh of a limb. Deterministic; about 12k triangles in all.
[[nodiscard]] LimbMeshes build_limb_meshes(const session::LimbRig& rig);

}  // namespace bfr::presentation
