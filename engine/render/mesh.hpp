#pragma once
// CPU-side meshes and procedural generators. Conventions (see docs/render.md): right-handed,
// +Y up, metres, indexed triangle lists with counter-clockwise front faces, unit normals.
// Angles around +Y follow glm::rotate(angle, +Y): angle 0 is +X, 90 degrees is -Z.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

namespace bfr::render {

/// One vertex: object-space position (m), unit normal, texture coordinate.
struct Vertex {
    /// Object-space position in metres.
    glm::vec3 position{0.f};
    /// Unit-length surface normal.
    glm::vec3 normal{0.f, 1.f, 0.f};
    /// Texture coordinate; generators keep it in [0,1].
    glm::vec2 uv{0.f};
    /// Deformation weights (all 0 for a rigid mesh; generators leave them 0):
    /// x = weight of the draw's second bone (0..1; linear blend skinning, see MeshDraw::bone1),
    /// y, z = weights of the radial inflate channels 0 and 1 (the vertex moves away from the
    /// object's +Y axis by weight x MeshDraw::inflate_m[0 or 1] metres: swelling of a lathe),
    /// w = weight of the normal inflate channel 2 (the vertex moves along its normal by
    /// weight x inflate_m[2]: a tube that grows). Applied in object space before the transforms.
    glm::vec4 skin{0.f};
};

/// Indexed triangle list; every 3 indices form one counter-clockwise (front-facing) triangle.
struct MeshData {
    /// Vertex array.
    std::vector<Vertex> vertices;
    /// Triangle indices into `vertices`; size is a multiple of 3 in a valid mesh.
    std::vector<std::uint32_t> indices;

    /// Number of whole triangles (indices.size() / 3).
    [[nodiscard]] std::size_t triangle_count() const { return indices.size() / 3; }
};

/// Axis-aligned bounding box.
struct Bounds {
    /// Smallest corner.
    glm::vec3 min{0.f};
    /// Largest corner.
    glm::vec3 max{0.f};
};

/// Bounds of all vertex positions (also unreferenced ones); all zero for a mesh without vertices.
[[nodiscard]] Bounds compute_bounds(const MeshData& mesh);

/// Checks that the mesh is drawable: at least one triangle, index count a multiple of 3, every
/// index in range, finite positions and uvs, normals of unit length within 1e-3. On failure
/// returns false and, when `why` is non-null, stores a one-line reason.
[[nodiscard]] bool validate_mesh(const MeshData& mesh, std::string* why);

/// One point of a lathe profile: height (m) and distance from the Y axis (m, >= 0).
struct LatheProfilePoint {
    /// Height along +Y in metres.
    float y = 0.f;
    /// Radius in metres (before scale_x/scale_z).
    float radius = 0.f;
};

/// Parameters of make_lathe.
struct LatheDesc {
    /// Profile from bottom to top: y non-decreasing, radius >= 0. Needs at least 2 points.
    std::span<const LatheProfilePoint> profile;
    /// Columns around the axis (clamped to >= 3).
    std::uint32_t segments = 32;
    /// X scale of the cross-section (elliptical limbs); non-positive/non-finite means 1.
    float scale_x = 1.f;
    /// Z scale of the cross-section; non-positive/non-finite means 1.
    float scale_z = 1.f;
    /// Close the first profile point with a flat fan facing -Y (skipped if its radius is 0).
    bool cap_bottom = true;
    /// Close the last profile point with a flat fan facing +Y (skipped if its radius is 0).
    bool cap_top = true;
};

/// Surface of revolution of `desc.profile` around +Y with smooth normals from the profile's
/// slope (correct under elliptical scaling). UV: u = angle / 2pi with a duplicated seam column,
/// v = arc-length fraction along the profile (0 at the first point). Side: profile.size() *
/// (segments + 1) vertices and 2 * segments * (profile.size() - 1) triangles; each cap adds
/// segments + 1 vertices and `segments` triangles. Empty mesh for fewer than 2 profile points.
[[nodiscard]] MeshData make_lathe(const LatheDesc& desc);

/// Samples a smooth curve through the control points (Catmull-Rom tangents, clamped so that y
/// stays monotonic; radius clamped to >= 0). Returns `samples` points (at least 2) evenly spaced
/// in the spline parameter; first and last equal the first and last control points, and every
/// control point is hit exactly when (samples - 1) is a multiple of (control.size() - 1).
/// Fewer than 2 control points are returned unchanged.
[[nodiscard]] std::vector<LatheProfilePoint> resample_profile(std::span<const LatheProfilePoint> control,
                                                              std::uint32_t samples);

/// UV sphere centred at the origin. rings >= 2 latitude bands, segments >= 3 (clamped).
/// (rings + 1) * (segments + 1) vertices, 2 * segments * (rings - 1) triangles (no degenerate
/// pole triangles). v = 0 at the south pole (-Y).
[[nodiscard]] MeshData make_uv_sphere(float radius, std::uint32_t rings, std::uint32_t segments);

/// Box centred at the origin with flat-shaded faces: 24 vertices, 12 triangles.
[[nodiscard]] MeshData make_box(glm::vec3 half_extents);

/// Flat disc in the XZ plane facing +Y: centre + `segments` rim vertices (segments >= 3),
/// `segments` triangles. UV maps the disc into [0,1]^2.
[[nodiscard]] MeshData make_disc(float radius, std::uint32_t segments);

/// Torus around +Y in the XZ plane: (major + 1) * (minor + 1) vertices (seams duplicated),
/// 2 * major * minor triangles; both segment counts clamped to >= 3.
[[nodiscard]] MeshData make_torus(float major_radius, float minor_radius, std::uint32_t major_segments,
                                  std::uint32_t minor_segments);

/// Appends `src` to `dst`, transforming positions by `transform` and normals by its
/// inverse-transpose (renormalised). A mirroring transform (negative determinant) also flips the
/// triangle winding so front faces stay counter-clockwise.
void append_mesh(MeshData& dst, const MeshData& src, const glm::mat4& transform);

}  // namespace bfr::render
