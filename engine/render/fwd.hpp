#pragma once
// Forward declarations for engine/render, so headers that only pass these types around by
// reference or handle do not pull in GLM-heavy definitions.

namespace bfr::render {

/// Generational handle to a renderer-owned resource (see handle_pool.hpp).
template <class Tag>
struct Handle;
/// Tag type that makes MeshHandle distinct from other handle kinds.
struct MeshTag;
/// Handle to a mesh uploaded with Renderer::create_mesh.
using MeshHandle = Handle<MeshTag>;
/// Fixed-capacity allocator of generational handles.
template <class Tag>
class HandlePool;

/// One mesh vertex: position, normal, uv.
struct Vertex;
/// Indexed triangle list on the CPU.
struct MeshData;
/// Axis-aligned bounding box.
struct Bounds;
/// Surface-material parameters for one draw.
struct Material;
/// One mesh instance in a RenderList.
struct MeshDraw;
/// Directional light.
struct DirectionalLight;
/// Ambient light and background gradient.
struct Environment;
/// View, projection and eye position for one frame.
struct CameraView;
/// Everything the renderer needs to draw one frame, as plain data.
struct RenderList;
/// Orbit camera around a target point.
struct OrbitCamera;
/// RGBA8 image, top row first.
struct Image;
/// Result of compare_images.
struct ImageDiff;
/// Size of the surface to draw into.
struct Viewport;
/// Counters of the last drawn frame.
struct FrameStats;
/// Backend interface (OpenGL, null).
class Renderer;
/// Backend that draws nothing; for tests.
class NullRenderer;

}  // namespace bfr::render
