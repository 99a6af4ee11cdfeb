#pragma once
// Procedural limb meshes (CPU data, no GL): skin segments built as surfaces of revolution
// from anatomical radius profiles, the muscle belly, the hand or foot, the cuff, and props.
// Each segment is built along +Y from its proximal joint (y = 0) to its distal joint (y = length).

#include "engine/render/mesh.hpp"
#include "game/session/components.hpp"

namespace bfr::presentation {

struct LimbMeshes {
    render::MeshData proximal;   ///< Upper arm / thigh skin.
    render::MeshData distal;     ///< Forearm / shank skin.
    render::MeshData joint;      ///< Elbow / knee cap (a sphere that closes the gap when bent).
    render::MeshData muscle;     ///< Biceps / quadriceps belly (unit-free ellipsoid, scaled per frame).
    render::MeshData end;        ///< Hand / foot.
    render::MeshData cuff;       ///< The pneumatic cuff around the proximal segment.
    render::MeshData cuff_band;  ///< The coloured band on the cuff (shows the pressure state later).
    render::MeshData prop;       ///< Torso (arm) or bench seat (leg): context that makes the limb read at a glance.
    render::MeshData torso;      ///< Leg only: the seated patient's torso above the hip (empty for the arm).
    render::MeshData weight;     ///< Dumbbell (arm, along +Y through the fist) or ankle weight (leg, around +Y).
};

/// Where the cuff sits along the proximal segment, from its proximal joint (m), and its size.
struct CuffPlacement {
    float start_m;
    float end_m;
    float radius_m;
};

[[nodiscard]] CuffPlacement cuff_placement(const session::LimbRig& rig) noexcept;

/// Builds every mesh of a limb. Deterministic; about 10k triangles in all.
[[nodiscard]] LimbMeshes build_limb_meshes(const session::LimbRig& rig);

}  // namespace bfr::presentation
