#include "engine/render/null/null_renderer.hpp"

namespace bfr::render {

NullRenderer::NullRenderer(std::uint16_t mesh_capacity) : pool_(mesh_capacity), triangle_counts_(mesh_capacity, 0) {}

MeshHandle NullRenderer::create_mesh(const MeshData& mesh) {
    last_error_.clear();
    if (!validate_mesh(mesh, &last_error_)) {
        return MeshHandle{};
    }
    const MeshHandle handle = pool_.alloc();
    if (!handle.is_set()) {
        last_error_ = "mesh pool is full";
        return handle;
    }
    triangle_counts_[pool_.index(handle)] = mesh.triangle_count();
    return handle;
}

void NullRenderer::destroy_mesh(MeshHandle mesh) {
    const std::uint16_t index = pool_.index(mesh);
    if (pool_.free(mesh)) {
        triangle_counts_[index] = 0;
    }
}

bool NullRenderer::is_mesh_valid(MeshHandle mesh) const {
    return pool_.valid(mesh);
}

void NullRenderer::draw(const RenderList& list, Viewport viewport) {
    ++frames_;
    FrameStats stats;
    for (const MeshDraw& d : list.meshes) {
        if (!pool_.valid(d.mesh)) {
            ++skipped_;
            continue;
        }
        ++stats.draw_calls;
        stats.triangles += triangle_counts_[pool_.index(d.mesh)];
    }
    last_stats_ = stats;
    last_draw_count_ = list.meshes.size();
    last_light_count_ = list.lights.size();
    last_viewport_ = viewport;
    last_background_ = list.environment.background_bottom;
}

Image NullRenderer::read_pixels() {
    if (frames_ == 0) {
        return Image{};
    }
    return make_image(last_viewport_.width_px, last_viewport_.height_px, linear_to_srgb8(last_background_, 1.f));
}

FrameStats NullRenderer::last_frame_stats() const {
    return last_stats_;
}

std::uint64_t NullRenderer::skipped_draws() const {
    return skipped_;
}

}  // namespace bfr::render
