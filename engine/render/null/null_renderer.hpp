#pragma once
// A backend that draws nothing (like sokol_gfx's dummy backend or bgfx's Noop renderer): same
// handle rules, validation and counters as a real backend, so game code and tests run without
// a GPU.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/render/renderer.hpp"

namespace bfr::render {

/// No-GPU Renderer for tests and headless runs.
class NullRenderer final : public Renderer {
public:
    /// Default number of mesh slots.
    static constexpr std::uint16_t kDefaultCapacity = 4096;

    /// Creates a renderer with room for `mesh_capacity` live meshes.
    explicit NullRenderer(std::uint16_t mesh_capacity = kDefaultCapacity);

    /// Stores the mesh's triangle count; invalid handle when the pool is full or the mesh fails
    /// validate_mesh (reason in last_error()).
    [[nodiscard]] MeshHandle create_mesh(const MeshData& mesh) override;
    /// Frees the slot; stale or invalid handles are ignored.
    void destroy_mesh(MeshHandle mesh) override;
    /// True while the handle is live.
    [[nodiscard]] bool is_mesh_valid(MeshHandle mesh) const override;
    /// Counts the frame, draw calls and triangles; skips and counts stale/invalid handles.
    void draw(const RenderList& list, Viewport viewport) override;
    /// The last viewport filled with environment.background_bottom encoded to sRGB8 (alpha 255);
    /// empty before the first draw or for a non-positive viewport.
    [[nodiscard]] Image read_pixels() override;
    /// Counters of the last draw().
    [[nodiscard]] FrameStats last_frame_stats() const override;
    /// Total skipped draws since construction.
    [[nodiscard]] std::uint64_t skipped_draws() const override;

    /// Number of draw() calls so far.
    [[nodiscard]] std::uint64_t frames() const { return frames_; }
    /// Number of live meshes.
    [[nodiscard]] std::size_t mesh_count() const { return pool_.size(); }
    /// Number of MeshDraws in the last RenderList (including skipped ones).
    [[nodiscard]] std::size_t last_draw_count() const { return last_draw_count_; }
    /// Number of lights in the last RenderList.
    [[nodiscard]] std::size_t last_light_count() const { return last_light_count_; }
    /// Viewport of the last draw().
    [[nodiscard]] Viewport last_viewport() const { return last_viewport_; }
    /// Why the last create_mesh failed (empty if it succeeded).
    [[nodiscard]] const std::string& last_error() const { return last_error_; }

private:
    HandlePool<MeshTag> pool_;
    std::vector<std::uint64_t> triangle_counts_;  // per slot
    std::uint64_t frames_ = 0;
    std::uint64_t skipped_ = 0;
    FrameStats last_stats_;
    std::size_t last_draw_count_ = 0;
    std::size_t last_light_count_ = 0;
    Viewport last_viewport_;
    glm::vec3 last_background_{0.f};
    std::string last_error_;
};

}  // namespace bfr::render
