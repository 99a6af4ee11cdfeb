#include "engine/render/mesh.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <glm/geometric.hpp>
#include <glm/gtc/constants.hpp>
#include <glm/mat3x3.hpp>
#include <glm/vec4.hpp>

namespace bfr::render {
namespace {

constexpr float kTwoPi = glm::two_pi<float>();
constexpr float kNormalTolerance = 1e-3f;

bool is_finite(glm::vec3 v) {
    return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z);
}

bool is_finite(glm::vec2 v) {
    return std::isfinite(v.x) && std::isfinite(v.y);
}

glm::vec3 normalize_or(glm::vec3 v, glm::vec3 fallback) {
    const float len = glm::length(v);
    return (len > 1e-20f && std::isfinite(len)) ? v / len : fallback;
}

glm::vec2 normalize_or_zero(glm::vec2 v) {
    const float len = glm::length(v);
    return (len > 1e-20f && std::isfinite(len)) ? v / len : glm::vec2(0.f);
}

float sanitize_scale(float scale) {
    return (std::isfinite(scale) && scale > 0.f) ? scale : 1.f;
}

// cos/sin of column j of `segments`, exact at the seam so the first and last column coincide.
glm::vec2 column_dir(std::uint32_t j, std::uint32_t segments) {
    if (j == 0 || j == segments) {
        return {1.f, 0.f};
    }
    const float angle = kTwoPi * static_cast<float>(j) / static_cast<float>(segments);
    return {std::cos(angle), std::sin(angle)};
}

std::uint32_t to_index(std::size_t i) {
    return static_cast<std::uint32_t>(i);
}

// Indices for a (rows x columns) grid of vertices laid out row-major starting at `base`, where
// columns run around +Y (angle increasing) and rows run "up" the surface: (a, b, c) (a, c, d).
void push_grid(MeshData& mesh, std::uint32_t base, std::uint32_t rows, std::uint32_t columns) {
    const std::uint32_t stride = columns + 1;
    for (std::uint32_t i = 0; i + 1 < rows; ++i) {
        for (std::uint32_t j = 0; j < columns; ++j) {
            const std::uint32_t a = base + i * stride + j;
            const std::uint32_t b = a + 1;
            const std::uint32_t d = a + stride;
            const std::uint32_t c = d + 1;
            mesh.indices.insert(mesh.indices.end(), {a, b, c, a, c, d});
        }
    }
}

// Flat fan closing the lathe at one profile point.
void push_cap(MeshData& mesh, const LatheProfilePoint& p, std::uint32_t segments, float sx, float sz, bool top) {
    const glm::vec3 normal{0.f, top ? 1.f : -1.f, 0.f};
    const std::uint32_t centre = to_index(mesh.vertices.size());
    mesh.vertices.push_back(Vertex{{0.f, p.y, 0.f}, normal, {0.5f, 0.5f}});
    for (std::uint32_t j = 0; j < segments; ++j) {
        const glm::vec2 cs = column_dir(j, segments);
        mesh.vertices.push_back(Vertex{
            {sx * p.radius * cs.x, p.y, -sz * p.radius * cs.y}, normal, {0.5f + 0.5f * cs.x, 0.5f + 0.5f * cs.y}});
    }
    for (std::uint32_t j = 0; j < segments; ++j) {
        const std::uint32_t rim0 = centre + 1 + j;
        const std::uint32_t rim1 = centre + 1 + (j + 1) % segments;
        if (top) {
            mesh.indices.insert(mesh.indices.end(), {centre, rim0, rim1});
        } else {
            mesh.indices.insert(mesh.indices.end(), {centre, rim1, rim0});
        }
    }
}

}  // namespace

Bounds compute_bounds(const MeshData& mesh) {
    if (mesh.vertices.empty()) {
        return Bounds{};
    }
    Bounds b{mesh.vertices.front().position, mesh.vertices.front().position};
    for (const Vertex& v : mesh.vertices) {
        b.min = glm::min(b.min, v.position);
        b.max = glm::max(b.max, v.position);
    }
    return b;
}

bool validate_mesh(const MeshData& mesh, std::string* why) {
    const auto fail = [why](std::string reason) {
        if (why != nullptr) {
            *why = std::move(reason);
        }
        return false;
    };
    if (mesh.indices.empty()) {
        return fail("mesh has no triangles");
    }
    if (mesh.indices.size() % 3 != 0) {
        return fail(fmt::format("index count {} is not a multiple of 3", mesh.indices.size()));
    }
    if (mesh.vertices.size() > std::numeric_limits<std::uint32_t>::max()) {
        return fail(fmt::format("{} vertices do not fit 32-bit indices", mesh.vertices.size()));
    }
    for (std::size_t i = 0; i < mesh.indices.size(); ++i) {
        if (mesh.indices[i] >= mesh.vertices.size()) {
            return fail(fmt::format("index {} at position {} is out of range ({} vertices)", mesh.indices[i], i,
                                    mesh.vertices.size()));
        }
    }
    for (std::size_t i = 0; i < mesh.vertices.size(); ++i) {
        const Vertex& v = mesh.vertices[i];
        if (!is_finite(v.position)) {
            return fail(fmt::format("vertex {} has a non-finite position", i));
        }
        if (!is_finite(v.uv)) {
            return fail(fmt::format("vertex {} has a non-finite uv", i));
        }
        if (!(std::isfinite(v.skin.x) && std::isfinite(v.skin.y) && std::isfinite(v.skin.z) &&
              std::isfinite(v.skin.w))) {
            return fail(fmt::format("vertex {} has a non-finite skin weight", i));
        }
        if (!(v.skin.x >= 0.f && v.skin.x <= 1.f)) {
            return fail(fmt::format("vertex {} has a bone weight {} outside 0..1", i, static_cast<double>(v.skin.x)));
        }
        const float len = glm::length(v.normal);
        if (!(std::fabs(len - 1.f) <= kNormalTolerance)) {  // also rejects NaN
            return fail(fmt::format("vertex {} normal has length {} (want 1 +- {})", i, static_cast<double>(len),
                                    static_cast<double>(kNormalTolerance)));
        }
    }
    return true;
}

MeshData make_lathe(const LatheDesc& desc) {
    MeshData mesh;
    const std::span<const LatheProfilePoint> profile = desc.profile;
    const std::size_t n = profile.size();
    if (n < 2) {
        return mesh;
    }
    const std::uint32_t segments = std::max(desc.segments, 3U);
    const float sx = sanitize_scale(desc.scale_x);
    const float sz = sanitize_scale(desc.scale_z);

    // Arc length along the profile (unscaled) for v.
    std::vector<float> arc(n, 0.f);
    for (std::size_t i = 1; i < n; ++i) {
        const glm::vec2 d{profile[i].radius - profile[i - 1].radius, profile[i].y - profile[i - 1].y};
        arc[i] = arc[i - 1] + glm::length(d);
    }
    const float total_arc = arc.back();

    // Smooth 2D normals (radial, vertical): perpendicular to the averaged unit tangents of the
    // adjacent profile segments. Tangent (dr, dy) -> outward normal (dy, -dr).
    std::vector<glm::vec2> normals_2d(n);
    for (std::size_t i = 0; i < n; ++i) {
        glm::vec2 tangent{0.f};
        if (i > 0) {
            tangent += normalize_or_zero({profile[i].radius - profile[i - 1].radius, profile[i].y - profile[i - 1].y});
        }
        if (i + 1 < n) {
            tangent += normalize_or_zero({profile[i + 1].radius - profile[i].radius, profile[i + 1].y - profile[i].y});
        }
        const glm::vec2 normal = normalize_or_zero({tangent.y, -tangent.x});
        normals_2d[i] = (normal == glm::vec2(0.f)) ? glm::vec2(1.f, 0.f) : normal;
    }

    const std::size_t side_vertices = n * (segments + 1);
    mesh.vertices.reserve(side_vertices + 2 * (segments + 1));
    mesh.indices.reserve(6 * segments * (n - 1) + 6 * segments);
    for (std::size_t i = 0; i < n; ++i) {
        const LatheProfilePoint& p = profile[i];
        const glm::vec2 n2 = normals_2d[i];
        const float v = total_arc > 0.f ? arc[i] / total_arc : 0.f;
        for (std::uint32_t j = 0; j <= segments; ++j) {
            const glm::vec2 cs = column_dir(j, segments);
            const glm::vec3 position{sx * p.radius * cs.x, p.y, -sz * p.radius * cs.y};
            // Inverse-transpose of diag(sx, 1, sz), multiplied through by sx * sz (same direction).
            const glm::vec3 normal =
                normalize_or(glm::vec3{n2.x * cs.x * sz, n2.y * sx * sz, -n2.x * cs.y * sx}, glm::vec3{0.f, 1.f, 0.f});
            const float u = static_cast<float>(j) / static_cast<float>(segments);
            mesh.vertices.push_back(Vertex{position, normal, {u, v}});
        }
    }
    push_grid(mesh, 0, to_index(n), segments);

    if (desc.cap_bottom && profile.front().radius > 0.f) {
        push_cap(mesh, profile.front(), segments, sx, sz, false);
    }
    if (desc.cap_top && profile.back().radius > 0.f) {
        push_cap(mesh, profile.back(), segments, sx, sz, true);
    }
    return mesh;
}

std::vector<LatheProfilePoint> resample_profile(std::span<const LatheProfilePoint> control, std::uint32_t samples) {
    const std::size_t n = control.size();
    if (n < 2) {
        return {control.begin(), control.end()};
    }
    samples = std::max(samples, 2U);

    // Catmull-Rom tangents per unit of spline parameter (one-sided at the ends).
    std::vector<float> ty(n);
    std::vector<float> tr(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t lo = i == 0 ? 0 : i - 1;
        const std::size_t hi = i + 1 == n ? n - 1 : i + 1;
        const float span = static_cast<float>(hi - lo);
        ty[i] = (control[hi].y - control[lo].y) / span;
        tr[i] = (control[hi].radius - control[lo].radius) / span;
    }
    // Fritsch-Carlson: limit the y tangents so y(t) never turns back inside a segment.
    for (std::size_t k = 0; k + 1 < n; ++k) {
        const float delta = control[k + 1].y - control[k].y;
        if (!(delta > 0.f)) {
            ty[k] = 0.f;
            ty[k + 1] = 0.f;
            continue;
        }
        const float a = ty[k] / delta;
        const float b = ty[k + 1] / delta;
        const float s = a * a + b * b;
        if (s > 9.f) {
            const float tau = 3.f / std::sqrt(s);
            ty[k] = tau * a * delta;
            ty[k + 1] = tau * b * delta;
        }
    }

    std::vector<LatheProfilePoint> out;
    out.reserve(samples);
    const std::uint64_t segments = n - 1;
    const std::uint64_t steps = samples - 1U;
    for (std::uint64_t s = 0; s < samples; ++s) {
        const std::uint64_t num = s * segments;
        std::size_t k = static_cast<std::size_t>(num / steps);
        float u = static_cast<float>(num % steps) / static_cast<float>(steps);
        if (k >= n - 1) {  // the last sample
            out.push_back(control.back());
            continue;
        }
        if (u == 0.f) {
            out.push_back(control[k]);
            continue;
        }
        const float u2 = u * u;
        const float u3 = u2 * u;
        const float h00 = 2.f * u3 - 3.f * u2 + 1.f;
        const float h10 = u3 - 2.f * u2 + u;
        const float h01 = -2.f * u3 + 3.f * u2;
        const float h11 = u3 - u2;
        const float y = h00 * control[k].y + h10 * ty[k] + h01 * control[k + 1].y + h11 * ty[k + 1];
        const float r = h00 * control[k].radius + h10 * tr[k] + h01 * control[k + 1].radius + h11 * tr[k + 1];
        out.push_back(LatheProfilePoint{y, std::max(r, 0.f)});
    }
    return out;
}

MeshData make_uv_sphere(float radius, std::uint32_t rings, std::uint32_t segments) {
    rings = std::max(rings, 2U);
    segments = std::max(segments, 3U);
    MeshData mesh;
    mesh.vertices.reserve(static_cast<std::size_t>(rings + 1) * (segments + 1));
    for (std::uint32_t k = 0; k <= rings; ++k) {
        float ring_r = 0.f;
        float y = k == 0 ? -1.f : 1.f;
        if (k != 0 && k != rings) {
            const float phi = glm::pi<float>() * static_cast<float>(k) / static_cast<float>(rings);
            ring_r = std::sin(phi);
            y = -std::cos(phi);
        }
        for (std::uint32_t j = 0; j <= segments; ++j) {
            const glm::vec2 cs = column_dir(j, segments);
            const glm::vec3 normal{ring_r * cs.x, y, -ring_r * cs.y};
            mesh.vertices.push_back(Vertex{radius * normal,
                                           normal,
                                           {static_cast<float>(j) / static_cast<float>(segments),
                                            static_cast<float>(k) / static_cast<float>(rings)}});
        }
    }
    const std::uint32_t stride = segments + 1;
    for (std::uint32_t k = 0; k < rings; ++k) {
        for (std::uint32_t j = 0; j < segments; ++j) {
            const std::uint32_t a = k * stride + j;
            const std::uint32_t b = a + 1;
            const std::uint32_t d = a + stride;
            const std::uint32_t c = d + 1;
            if (k != 0) {  // (a, b, c) collapses at the south pole
                mesh.indices.insert(mesh.indices.end(), {a, b, c});
            }
            if (k + 1 != rings) {  // (a, c, d) collapses at the north pole
                mesh.indices.insert(mesh.indices.end(), {a, c, d});
            }
        }
    }
    return mesh;
}

MeshData make_box(glm::vec3 half_extents) {
    struct Face {
        glm::vec3 n, u, v;  // u x v == n, so (-u-v, +u-v, +u+v, -u+v) is counter-clockwise
    };
    static constexpr Face kFaces[] = {
        {{1, 0, 0}, {0, 0, -1}, {0, 1, 0}}, {{-1, 0, 0}, {0, 0, 1}, {0, 1, 0}}, {{0, 1, 0}, {1, 0, 0}, {0, 0, -1}},
        {{0, -1, 0}, {1, 0, 0}, {0, 0, 1}}, {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}},  {{0, 0, -1}, {-1, 0, 0}, {0, 1, 0}},
    };
    static constexpr glm::vec2 kCorners[] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
    MeshData mesh;
    mesh.vertices.reserve(24);
    mesh.indices.reserve(36);
    for (const Face& f : kFaces) {
        const std::uint32_t base = to_index(mesh.vertices.size());
        for (const glm::vec2 c : kCorners) {
            mesh.vertices.push_back(
                Vertex{(f.n + c.x * f.u + c.y * f.v) * half_extents, f.n, {0.5f + 0.5f * c.x, 0.5f + 0.5f * c.y}});
        }
        mesh.indices.insert(mesh.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
    }
    return mesh;
}

MeshData make_disc(float radius, std::uint32_t segments) {
    segments = std::max(segments, 3U);
    MeshData mesh;
    const glm::vec3 up{0.f, 1.f, 0.f};
    mesh.vertices.reserve(segments + 1);
    mesh.vertices.push_back(Vertex{glm::vec3{0.f}, up, {0.5f, 0.5f}});
    for (std::uint32_t j = 0; j < segments; ++j) {
        const glm::vec2 cs = column_dir(j, segments);
        mesh.vertices.push_back(
            Vertex{{radius * cs.x, 0.f, -radius * cs.y}, up, {0.5f + 0.5f * cs.x, 0.5f + 0.5f * cs.y}});
    }
    for (std::uint32_t j = 0; j < segments; ++j) {
        mesh.indices.insert(mesh.indices.end(), {0U, 1 + j, 1 + (j + 1) % segments});
    }
    return mesh;
}

MeshData make_torus(float major_radius, float minor_radius, std::uint32_t major_segments,
                    std::uint32_t minor_segments) {
    major_segments = std::max(major_segments, 3U);
    minor_segments = std::max(minor_segments, 3U);
    MeshData mesh;
    mesh.vertices.reserve(static_cast<std::size_t>(major_segments + 1) * (minor_segments + 1));
    // Rows: minor angle phi (0 = outer equator, then up over the top); columns: major angle.
    for (std::uint32_t i = 0; i <= minor_segments; ++i) {
        const glm::vec2 phi = column_dir(i, minor_segments);
        for (std::uint32_t j = 0; j <= major_segments; ++j) {
            const glm::vec2 theta = column_dir(j, major_segments);
            const glm::vec3 radial{theta.x, 0.f, -theta.y};
            const glm::vec3 normal = phi.x * radial + glm::vec3{0.f, phi.y, 0.f};
            mesh.vertices.push_back(Vertex{major_radius * radial + minor_radius * normal,
                                           normal,
                                           {static_cast<float>(j) / static_cast<float>(major_segments),
                                            static_cast<float>(i) / static_cast<float>(minor_segments)}});
        }
    }
    push_grid(mesh, 0, minor_segments + 1, major_segments);
    return mesh;
}

void append_mesh(MeshData& dst, const MeshData& src, const glm::mat4& transform) {
    const glm::mat3 m{transform};
    // Cofactor matrix = det * inverse-transpose; defined even for singular matrices.
    const glm::mat3 cofactor{glm::cross(m[1], m[2]), glm::cross(m[2], m[0]), glm::cross(m[0], m[1])};
    const float det = glm::dot(m[0], glm::cross(m[1], m[2]));
    const bool mirrored = det < 0.f;
    const glm::mat3 normal_matrix = mirrored ? -cofactor : cofactor;

    const std::uint32_t base = to_index(dst.vertices.size());
    dst.vertices.reserve(dst.vertices.size() + src.vertices.size());
    for (const Vertex& v : src.vertices) {
        const glm::vec4 p = transform * glm::vec4(v.position, 1.f);
        const glm::vec3 position = (p.w != 0.f && p.w != 1.f) ? glm::vec3(p) / p.w : glm::vec3(p);
        const glm::vec3 normal = normalize_or(normal_matrix * v.normal, v.normal);
        dst.vertices.push_back(Vertex{position, normal, v.uv, v.skin});
    }
    dst.indices.reserve(dst.indices.size() + src.indices.size());
    const std::size_t whole = src.indices.size() - src.indices.size() % 3;
    for (std::size_t i = 0; i < whole; i += 3) {
        const std::uint32_t i0 = base + src.indices[i];
        const std::uint32_t i1 = base + src.indices[i + 1];
        const std::uint32_t i2 = base + src.indices[i + 2];
        if (mirrored) {
            dst.indices.insert(dst.indices.end(), {i0, i2, i1});
        } else {
            dst.indices.insert(dst.indices.end(), {i0, i1, i2});
        }
    }
}

}  // namespace bfr::render
