#include "engine/render/gl/gl_renderer.hpp"

#include "engine/render/gl/gl_shader.hpp"
#include "engine/render/handle_pool.hpp"

#include <epoxy/gl.h>
#include <fmt/format.h>
#include <glm/gtc/matrix_inverse.hpp>
#include <glm/gtc/type_ptr.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace bfr::render::gl {
namespace {

constexpr std::uint16_t kMaxMeshes = 4096;
constexpr int kMaxLights = 3;  // lit.frag's constant loop (unrolled: far cheaper on llvmpipe)

struct GlMesh {
    GLuint vao = 0;
    GLuint vbo = 0;
    GLuint ebo = 0;
    GLsizei index_count = 0;
};

struct Target {
    GLuint fbo = 0;
    GLuint color = 0;
    GLuint depth = 0;
    int width = 0;
    int height = 0;
    int samples = 0;
};

void destroy_target(Target& t) {
    if (t.fbo != 0) glDeleteFramebuffers(1, &t.fbo);
    if (t.color != 0) glDeleteRenderbuffers(1, &t.color);
    if (t.depth != 0) glDeleteRenderbuffers(1, &t.depth);
    t = Target{};
}

bool create_target(Target& t, int width, int height, int samples) {
    destroy_target(t);
    glGenFramebuffers(1, &t.fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, t.fbo);
    glGenRenderbuffers(1, &t.color);
    glBindRenderbuffer(GL_RENDERBUFFER, t.color);
    if (samples > 1)
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_RGBA8, width, height);
    else
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, t.color);
    glGenRenderbuffers(1, &t.depth);
    glBindRenderbuffer(GL_RENDERBUFFER, t.depth);
    if (samples > 1)
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_DEPTH_COMPONENT24, width, height);
    else
        glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, width, height);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, t.depth);
    t.width = width;
    t.height = height;
    t.samples = samples;
    return glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
}

struct LitUniforms {
    GLint model = -1, view_proj = -1, normal_matrix = -1, eye = -1;
    GLint bone1 = -1, normal_matrix1 = -1, inflate = -1;
    GLint base_color = -1, roughness = -1, emissive = -1, rim = -1, opacity = -1, fill = -1, fill_color = -1;
    GLint light_dir = -1, light_color = -1;
    GLint sky_ambient = -1, ground_ambient = -1, exposure = -1;
};

struct BackgroundUniforms {
    GLint top = -1, bottom = -1;
};

}  // namespace

struct GlRenderer::Impl {
    GLuint lit_program = 0;
    GLuint background_program = 0;
    GLuint empty_vao = 0;  // core profile needs a bound VAO even for attribute-less draws
    LitUniforms lit;
    BackgroundUniforms bg;
    HandlePool<MeshTag> pool{kMaxMeshes};
    std::vector<GlMesh> meshes = std::vector<GlMesh>(kMaxMeshes);
    Target msaa;
    Target present;
    int requested_samples = 4;
    int max_samples = 0;
    FrameStats stats;
    std::uint64_t skipped = 0;
    std::vector<const MeshDraw*> transparent;

    ~Impl() {
        for (GlMesh& m : meshes) release(m);
        destroy_target(msaa);
        destroy_target(present);
        if (empty_vao != 0) glDeleteVertexArrays(1, &empty_vao);
        if (lit_program != 0) glDeleteProgram(lit_program);
        if (background_program != 0) glDeleteProgram(background_program);
    }

    static void release(GlMesh& m) {
        if (m.vao != 0) glDeleteVertexArrays(1, &m.vao);
        if (m.vbo != 0) glDeleteBuffers(1, &m.vbo);
        if (m.ebo != 0) glDeleteBuffers(1, &m.ebo);
        m = GlMesh{};
    }

    bool msaa_failed = false;  // the driver refused a multisampled framebuffer: draw without MSAA

    int samples() const {
        const int s = std::min(requested_samples, max_samples);
        return s > 1 && !msaa_failed ? s : 0;
    }

    std::string error;  // why the last frame failed, empty if it did not

    bool direct = false;  ///< No MSAA: draw into the window's framebuffer 0 (no present copy).
    int direct_width = 0;
    int direct_height = 0;

    /// Makes the framebuffers for a viewport. False (with `error`) when the driver refuses them.
    bool ensure_targets(int width, int height) {
        if (samples() <= 1) {  // nothing to resolve: straight into the window's back buffer
            if (!direct) {
                destroy_target(msaa);
                destroy_target(present);
            }
            direct = true;
            direct_width = width;
            direct_height = height;
            return true;
        }
        direct = false;
        if (present.width == width && present.height == height && present.fbo != 0) return true;
        if (!create_target(present, width, height, 0)) {
            destroy_target(present);
            error = fmt::format("the driver refused a {}x{} framebuffer", width, height);
            return false;
        }
        const int s = samples();
        if (s > 1) {
            if (!create_target(msaa, width, height, s)) {
                destroy_target(msaa);
                msaa_failed = true;
            }
        } else {
            destroy_target(msaa);
        }
        return true;
    }

    void draw_mesh(const MeshDraw& d, const glm::mat4& view_proj) {
        const GlMesh& m = meshes[pool.index(d.mesh)];
        const glm::mat3 normal_matrix = glm::inverseTranspose(glm::mat3(d.model));
        const glm::mat3 normal_matrix1 = glm::inverseTranspose(glm::mat3(d.bone1));
        glUniformMatrix4fv(lit.model, 1, GL_FALSE, glm::value_ptr(d.model));
        glUniformMatrix4fv(lit.bone1, 1, GL_FALSE, glm::value_ptr(d.bone1));
        glUniformMatrix3fv(lit.normal_matrix1, 1, GL_FALSE, glm::value_ptr(normal_matrix1));
        glUniform3fv(lit.inflate, 1, glm::value_ptr(d.inflate_m));
        glUniformMatrix4fv(lit.view_proj, 1, GL_FALSE, glm::value_ptr(view_proj));
        glUniformMatrix3fv(lit.normal_matrix, 1, GL_FALSE, glm::value_ptr(normal_matrix));
        glUniform3fv(lit.base_color, 1, glm::value_ptr(d.material.base_color));
        glUniform1f(lit.roughness, d.material.roughness_01);
        glUniform3fv(lit.emissive, 1, glm::value_ptr(d.material.emissive));
        glUniform1f(lit.rim, d.material.rim_01);
        glUniform1f(lit.opacity, d.material.opacity_01);
        glUniform1f(lit.fill, d.material.fill_01);
        glUniform3fv(lit.fill_color, 1, glm::value_ptr(d.material.fill_color));
        glBindVertexArray(m.vao);
        glDrawElements(GL_TRIANGLES, m.index_count, GL_UNSIGNED_INT, nullptr);
        stats.draw_calls += 1;
        stats.triangles += static_cast<std::uint64_t>(m.index_count / 3);
    }
};

GlRenderer::GlRenderer(std::unique_ptr<Impl> impl) : impl_{std::move(impl)} {}
GlRenderer::~GlRenderer() = default;

std::unique_ptr<GlRenderer> GlRenderer::create(const GlRendererDesc& desc, std::string* error) {
    auto impl = std::make_unique<Impl>();
    impl->lit_program = load_program(desc.shader_dir, "lit", error);
    if (impl->lit_program == 0) return nullptr;
    impl->background_program = load_program(desc.shader_dir, "background", error);
    if (impl->background_program == 0) return nullptr;
    glGenVertexArrays(1, &impl->empty_vao);
    if (desc.msaa_samples >= 0) {
        impl->requested_samples = desc.msaa_samples;
    } else {
        const auto* name = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
        const std::string renderer = name != nullptr ? name : "";
        const bool software = renderer.find("llvmpipe") != std::string::npos ||
                              renderer.find("softpipe") != std::string::npos ||
                              renderer.find("swrast") != std::string::npos;
        impl->requested_samples = software ? 0 : 4;
    }
    glGetIntegerv(GL_MAX_SAMPLES, &impl->max_samples);

    const GLuint p = impl->lit_program;
    LitUniforms& u = impl->lit;
    u.model = glGetUniformLocation(p, "u_model");
    u.view_proj = glGetUniformLocation(p, "u_view_proj");
    u.normal_matrix = glGetUniformLocation(p, "u_normal_matrix");
    u.bone1 = glGetUniformLocation(p, "u_bone1");
    u.normal_matrix1 = glGetUniformLocation(p, "u_normal_matrix1");
    u.inflate = glGetUniformLocation(p, "u_inflate");
    u.eye = glGetUniformLocation(p, "u_eye");
    u.base_color = glGetUniformLocation(p, "u_base_color");
    u.roughness = glGetUniformLocation(p, "u_roughness");
    u.emissive = glGetUniformLocation(p, "u_emissive");
    u.rim = glGetUniformLocation(p, "u_rim");
    u.opacity = glGetUniformLocation(p, "u_opacity");
    u.fill = glGetUniformLocation(p, "u_fill");
    u.fill_color = glGetUniformLocation(p, "u_fill_color");
    u.light_dir = glGetUniformLocation(p, "u_light_dir");
    u.light_color = glGetUniformLocation(p, "u_light_color");
    u.sky_ambient = glGetUniformLocation(p, "u_sky_ambient");
    u.ground_ambient = glGetUniformLocation(p, "u_ground_ambient");
    u.exposure = glGetUniformLocation(p, "u_exposure");
    impl->bg.top = glGetUniformLocation(impl->background_program, "u_top");
    impl->bg.bottom = glGetUniformLocation(impl->background_program, "u_bottom");
    return std::unique_ptr<GlRenderer>(new GlRenderer(std::move(impl)));
}

MeshHandle GlRenderer::create_mesh(const MeshData& mesh) {
    if (!validate_mesh(mesh, nullptr)) return {};
    const MeshHandle handle = impl_->pool.alloc();
    if (!impl_->pool.valid(handle)) return {};
    GlMesh& m = impl_->meshes[impl_->pool.index(handle)];
    glGenVertexArrays(1, &m.vao);
    glBindVertexArray(m.vao);
    glGenBuffers(1, &m.vbo);
    glBindBuffer(GL_ARRAY_BUFFER, m.vbo);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(mesh.vertices.size() * sizeof(Vertex)), mesh.vertices.data(),
                 GL_STATIC_DRAW);
    glGenBuffers(1, &m.ebo);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, m.ebo);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(mesh.indices.size() * sizeof(std::uint32_t)),
                 mesh.indices.data(), GL_STATIC_DRAW);
    constexpr auto stride = static_cast<GLsizei>(sizeof(Vertex));
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(offsetof(Vertex, position)));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(offsetof(Vertex, normal)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(offsetof(Vertex, uv)));
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 4, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(offsetof(Vertex, skin)));
    glBindVertexArray(0);
    m.index_count = static_cast<GLsizei>(mesh.indices.size());
    return handle;
}

void GlRenderer::destroy_mesh(MeshHandle mesh) {
    if (!impl_->pool.valid(mesh)) return;
    Impl::release(impl_->meshes[impl_->pool.index(mesh)]);
    impl_->pool.free(mesh);
}

bool GlRenderer::is_mesh_valid(MeshHandle mesh) const {
    return impl_->pool.valid(mesh);
}

void GlRenderer::draw(const RenderList& list, Viewport viewport) {
    Impl& r = *impl_;
    r.stats = FrameStats{};
    r.error.clear();
    const int width = std::max(viewport.width_px, 1);
    const int height = std::max(viewport.height_px, 1);
    if (!r.ensure_targets(width, height)) return;
    const bool use_msaa = !r.direct && r.msaa.fbo != 0;
    glBindFramebuffer(GL_FRAMEBUFFER, r.direct ? 0 : use_msaa ? r.msaa.fbo : r.present.fbo);
    glViewport(0, 0, width, height);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_BLEND);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DITHER);
    glDepthMask(GL_TRUE);
    glClearColor(0.f, 0.f, 0.f, 1.f);
    glClear(GL_DEPTH_BUFFER_BIT);  // the background covers every pixel: no colour clear

    // Background: a full-screen triangle with a vertical gradient, no depth (drawn first: testing
    // depth over the whole screen costs more on llvmpipe than shading the few covered pixels).
    glDisable(GL_DEPTH_TEST);
    glUseProgram(r.background_program);
    glUniform3fv(r.bg.top, 1, glm::value_ptr(list.environment.background_top));
    glUniform3fv(r.bg.bottom, 1, glm::value_ptr(list.environment.background_bottom));
    glBindVertexArray(r.empty_vao);
    glDrawArrays(GL_TRIANGLES, 0, 3);

    // Lit meshes: opaque front to back as listed, then transparent back to front.
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    glEnable(GL_CULL_FACE);
    glCullFace(GL_BACK);
    glFrontFace(GL_CCW);
    glUseProgram(r.lit_program);
    const glm::mat4 view_proj = list.camera.proj * list.camera.view;
    glUniform3fv(r.lit.eye, 1, glm::value_ptr(list.camera.eye));
    glUniform3fv(r.lit.sky_ambient, 1, glm::value_ptr(list.environment.sky_ambient));
    glUniform3fv(r.lit.ground_ambient, 1, glm::value_ptr(list.environment.ground_ambient));
    glUniform1f(r.lit.exposure, list.environment.exposure);
    std::array<glm::vec3, kMaxLights> dirs{};
    std::array<glm::vec3, kMaxLights> colors{};
    const int light_count = static_cast<int>(std::min<std::size_t>(list.lights.size(), kMaxLights));
    for (int i = 0; i < light_count; ++i) {
        const auto& light = list.lights[static_cast<std::size_t>(i)];
        const float len = glm::length(light.direction);
        dirs[static_cast<std::size_t>(i)] = len > 0.f ? light.direction / len : glm::vec3(0.f, -1.f, 0.f);
        colors[static_cast<std::size_t>(i)] = light.color * light.intensity;
    }
    glUniform3fv(r.lit.light_dir, kMaxLights, glm::value_ptr(dirs[0]));
    glUniform3fv(r.lit.light_color, kMaxLights, glm::value_ptr(colors[0]));

    r.transparent.clear();
    for (const MeshDraw& d : list.meshes) {
        if (!r.pool.valid(d.mesh)) {
            ++r.skipped;
            continue;
        }
        if (d.material.opacity_01 < 1.f) {
            r.transparent.push_back(&d);
            continue;
        }
        r.draw_mesh(d, view_proj);
    }
    if (!r.transparent.empty()) {
        const glm::vec3 eye = list.camera.eye;
        std::stable_sort(r.transparent.begin(), r.transparent.end(), [&](const MeshDraw* a, const MeshDraw* b) {
            const glm::vec3 pa(a->model[3]);
            const glm::vec3 pb(b->model[3]);
            return glm::dot(pa - eye, pa - eye) > glm::dot(pb - eye, pb - eye);
        });
        glEnable(GL_BLEND);
        glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
        glDepthMask(GL_FALSE);
        for (const MeshDraw* d : r.transparent) r.draw_mesh(*d, view_proj);
        glDepthMask(GL_TRUE);
        glDisable(GL_BLEND);
    }
    glBindVertexArray(0);
    glUseProgram(0);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);

    if (use_msaa) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, r.msaa.fbo);
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, r.present.fbo);
        glBlitFramebuffer(0, 0, width, height, 0, 0, width, height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, r.direct ? 0 : r.present.fbo);
}

void GlRenderer::bind_present_target() {
    glBindFramebuffer(GL_FRAMEBUFFER, impl_->direct ? 0 : impl_->present.fbo);
}

void GlRenderer::present() {
    if (impl_->direct) return;  // already in the window's back buffer
    const Target& p = impl_->present;
    if (p.fbo == 0) return;  // nothing drawn yet (or the framebuffer was refused)
    glBindFramebuffer(GL_READ_FRAMEBUFFER, p.fbo);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    glBlitFramebuffer(0, 0, p.width, p.height, 0, 0, p.width, p.height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void GlRenderer::finish() {
    glFinish();
}

int GlRenderer::msaa_samples() const {
    return impl_->samples();
}

Image GlRenderer::read_pixels() {
    const Target& p = impl_->present;
    Image image;
    if (!impl_->error.empty()) return image;
    if (impl_->direct) {
        if (impl_->direct_width <= 0) return image;  // nothing drawn yet
        image.width = impl_->direct_width;
        image.height = impl_->direct_height;
    } else {
        if (p.fbo == 0) return image;
        image.width = p.width;
        image.height = p.height;
    }
    image.rgba.resize(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4u);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, impl_->direct ? 0 : p.fbo);
    if (impl_->direct) glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, image.width, image.height, GL_RGBA, GL_UNSIGNED_BYTE, image.rgba.data());
    // The frame is opaque: blending leaves partial alpha in the target (and a window's back buffer
    // may have no alpha at all), which a PNG viewer would show as holes.
    for (std::size_t i = 3; i < image.rgba.size(); i += 4) image.rgba[i] = 255;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    if (const GLenum gl_error = glGetError(); gl_error != GL_NO_ERROR) {
        impl_->error = fmt::format("OpenGL error 0x{:04x} while drawing the frame", gl_error);
        return {};
    }
    flip_rows(image);  // GL's row 0 is the bottom; Image's is the top
    return image;
}

const std::string& GlRenderer::error() const {
    return impl_->error;
}

FrameStats GlRenderer::last_frame_stats() const {
    return impl_->stats;
}
std::uint64_t GlRenderer::skipped_draws() const {
    return impl_->skipped;
}

}  // namespace bfr::render::gl
