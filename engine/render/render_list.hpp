#pragma once
// Everything a backend needs to draw one frame, as plain data: the game fills a RenderList,
// the renderer consumes it. No GPU state lives here. Colours are LINEAR RGB (the backend
// encodes to sRGB on output); distances are metres; right-handed, +Y up.

#include <vector>

#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>

#include "engine/render/camera.hpp"
#include "engine/render/handle_pool.hpp"

namespace bfr::render {

/// Surface parameters of one draw (simple PBR-ish model plus a rim term for highlighting).
struct Material {
    /// Albedo, linear RGB.
    glm::vec3 base_color{0.8f};
    /// 0 = mirror-like, 1 = fully rough.
    float roughness_01 = 0.5f;
    /// Light emitted regardless of lighting, linear RGB.
    glm::vec3 emissive{0.f};
    /// Strength of the view-dependent rim highlight (e.g. to mark the active muscle).
    float rim_01 = 0.f;
    /// 1 = opaque; below 1 the draw is alpha-blended.
    float opacity_01 = 1.f;
    /// A level that fills the mesh along its v texture coordinate, from v = 1 down to
    /// v = 1 − fill_01 (0 = empty), in `fill_color`, with a bright front where the level stands.
    /// Parts with v > 1 are never filled (a mesh can map only a region to 0..1).
    float fill_01 = 0.f;
    /// Colour of the filled part, linear RGB.
    glm::vec3 fill_color{0.f};
};

/// One mesh instance.
struct MeshDraw {
    /// Mesh from Renderer::create_mesh; stale/invalid handles are skipped and counted.
    MeshHandle mesh;
    /// Object-to-world transform (of the first bone, for skinned meshes).
    glm::mat4 model{1.f};
    /// Surface parameters.
    Material material;
    /// Object-to-world transform of the second bone: each vertex blends `model` and `bone1` by
    /// its Vertex::skin.x weight (rigid meshes have weight 0 and ignore it).
    glm::mat4 bone1{1.f};
    /// Inflate amounts in metres: [0], [1] radial channels, [2] along the normal (Vertex::skin).
    glm::vec3 inflate_m{0.f};
};

/// Light from infinitely far away.
struct DirectionalLight {
    /// Direction the light TRAVELS (from the light towards the scene); need not be normalised.
    glm::vec3 direction{-0.4f, -1.f, -0.3f};
    /// Linear RGB colour.
    glm::vec3 color{1.f};
    /// Multiplier on color.
    float intensity = 1.f;
};

/// Ambient lighting and background.
struct Environment {
    /// Hemisphere ambient from above (linear RGB).
    glm::vec3 sky_ambient{0.35f, 0.38f, 0.45f};
    /// Hemisphere ambient from below (linear RGB).
    glm::vec3 ground_ambient{0.18f, 0.16f, 0.15f};
    /// Background gradient colour at the top of the viewport (linear RGB).
    glm::vec3 background_top{0.13f, 0.15f, 0.19f};
    /// Background gradient colour at the bottom of the viewport (linear RGB).
    glm::vec3 background_bottom{0.05f, 0.06f, 0.08f};
    /// Linear multiplier applied to lit colour before tone mapping / sRGB encoding.
    float exposure = 1.f;
};

/// Camera matrices for one frame.
struct CameraView {
    /// World-to-view matrix.
    glm::mat4 view{1.f};
    /// View-to-clip matrix (OpenGL clip space).
    glm::mat4 proj{1.f};
    /// Eye position in world space (for specular and rim terms).
    glm::vec3 eye{0.f};
};

/// One frame's worth of drawing, as plain data.
struct RenderList {
    /// Camera for the frame.
    CameraView camera;
    /// Ambient light and background.
    Environment environment;
    /// Directional lights (backends may cap the count; the GL backend documents its limit).
    std::vector<DirectionalLight> lights;
    /// Mesh instances, drawn in order (opaque first is the caller's job for blending).
    std::vector<MeshDraw> meshes;

    /// Empties lights and meshes (keeping their capacity); camera and environment are kept.
    void clear() {
        lights.clear();
        meshes.clear();
    }
};

/// CameraView of an orbit camera for a viewport of the given aspect (width / height).
[[nodiscard]] inline CameraView make_camera_view(const OrbitCamera& camera, float aspect) {
    return CameraView{view_matrix(camera), projection_matrix(camera, aspect), eye_position(camera)};
}

}  // namespace bfr::render
