#pragma once
// OpenGL 3.3 core backend of render::Renderer. GL types stay inside gl_renderer.cpp.
//
// A frame: draw(list, viewport) renders the scene into an MSAA framebuffer, resolves it into
// the single-sample "present" framebuffer and leaves that bound, so a UI layer can draw on top
// of it; present() then copies it to the window. read_pixels() reads the present framebuffer,
// so a captured PNG holds exactly what the window shows, UI included, with or without a window.
// Without MSAA (software rasterisers) there is nothing to resolve: the scene is drawn straight
// into the window's back buffer (the "present" target is then framebuffer 0; present() has
// nothing to copy and read_pixels() reads the back buffer), saving a full-screen copy a frame.

#include "engine/render/renderer.hpp"

#include <memory>
#include <string>

namespace bfr::render::gl {

/// Creation options; zero fields take the defaults shown.
struct GlRendererDesc {
    std::string shader_dir;  ///< Folder with <name>.vert/.frag (see shaders/README.md).
    /// Requested MSAA samples, clamped to GL_MAX_SAMPLES; 0/1 = off; negative = automatic:
    /// 4 on a GPU, off on a software rasteriser (llvmpipe, softpipe, swrast), where 4x MSAA
    /// doubles the frame time (see the README's performance table).
    int msaa_samples = -1;
};

class GlRenderer final : public Renderer {
public:
    /// Needs a current GL 3.3 core context. Returns nullptr and fills `error` (shader
    /// diagnostics as "file:line:col: message") when a shader fails to load.
    [[nodiscard]] static std::unique_ptr<GlRenderer> create(const GlRendererDesc& desc, std::string* error);
    ~GlRenderer() override;
    GlRenderer(const GlRenderer&) = delete;
    GlRenderer& operator=(const GlRenderer&) = delete;

    [[nodiscard]] MeshHandle create_mesh(const MeshData& mesh) override;
    void destroy_mesh(MeshHandle mesh) override;
    [[nodiscard]] bool is_mesh_valid(MeshHandle mesh) const override;
    void draw(const RenderList& list, Viewport viewport) override;
    [[nodiscard]] Image read_pixels() override;
    [[nodiscard]] FrameStats last_frame_stats() const override;
    [[nodiscard]] std::uint64_t skipped_draws() const override;

    /// Binds the present framebuffer (where the UI draws after draw()).
    void bind_present_target();
    /// Copies the present framebuffer to the window's default framebuffer.
    void present();
    /// Blocks until the GL pipeline has finished the frame (for honest frame timings).
    void finish();
    /// Why the last draw or read-back failed (an incomplete framebuffer, a GL error); empty if
    /// it did not. read_pixels() returns an empty image in that case.
    [[nodiscard]] const std::string& error() const;
    /// MSAA samples in use (0 when off, or when the driver refused a multisampled framebuffer).
    [[nodiscard]] int msaa_samples() const;

private:
    struct Impl;
    explicit GlRenderer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace bfr::render::gl
