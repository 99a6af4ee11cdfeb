#pragma once
// The backend interface. Implementations: render/gl (OpenGL 3.3 core) and render/null (tests).
// Game code owns MeshData on the CPU, uploads it once with create_mesh, then submits a
// RenderList every frame.

#include <cstdint>

#include "engine/render/handle_pool.hpp"
#include "engine/render/image.hpp"
#include "engine/render/mesh.hpp"
#include "engine/render/render_list.hpp"

namespace bfr::render {

/// Size of the surface to draw into, in pixels.
struct Viewport {
    /// Width in pixels.
    int width_px = 0;
    /// Height in pixels.
    int height_px = 0;
};

/// Counters of the last draw() call.
struct FrameStats {
    /// Mesh draws actually issued (skipped draws excluded).
    std::uint32_t draw_calls = 0;
    /// Triangles in the issued draws.
    std::uint64_t triangles = 0;
};

/// Rendering backend. Not thread-safe: call from the thread that owns the graphics context.
class Renderer {
public:
    /// Backends release their GPU resources.
    virtual ~Renderer() = default;
    /// Uploads a mesh; returns an invalid handle (id 0) if it fails validate_mesh or the backend
    /// is out of slots/memory.
    [[nodiscard]] virtual MeshHandle create_mesh(const MeshData& mesh) = 0;
    /// Releases a mesh; stale or invalid handles are ignored.
    virtual void destroy_mesh(MeshHandle mesh) = 0;
    /// True while the handle refers to a live mesh of this renderer.
    [[nodiscard]] virtual bool is_mesh_valid(MeshHandle mesh) const = 0;
    /// Draws one frame; draws with stale/invalid handles are skipped and counted in skipped_draws.
    virtual void draw(const RenderList& list, Viewport viewport) = 0;
    /// The last drawn frame as RGBA8, top row first (empty before the first draw).
    [[nodiscard]] virtual Image read_pixels() = 0;
    /// Counters of the last draw().
    [[nodiscard]] virtual FrameStats last_frame_stats() const = 0;
    /// Total draws skipped for stale/invalid handles since creation.
    [[nodiscard]] virtual std::uint64_t skipped_draws() const = 0;
};

}  // namespace bfr::render
