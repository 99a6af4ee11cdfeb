#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <glm/ext/matrix_transform.hpp>
#include <glm/geometric.hpp>
#include <glm/gtc/constants.hpp>

#include "engine/render/mesh.hpp"

using namespace bfr::render;

namespace {

// Every non-degenerate triangle's counter-clockwise face normal must agree with its vertex
// normals: catches flipped winding and inward normals at once.
std::size_t count_winding_mismatches(const MeshData& mesh) {
    std::size_t bad = 0;
    for (std::size_t t = 0; t < mesh.triangle_count(); ++t) {
        const Vertex& a = mesh.vertices[mesh.indices[3 * t]];
        const Vertex& b = mesh.vertices[mesh.indices[3 * t + 1]];
        const Vertex& c = mesh.vertices[mesh.indices[3 * t + 2]];
        const glm::vec3 face = glm::cross(b.position - a.position, c.position - a.position);
        if (glm::length(face) < 1e-9f) {
            continue;
        }
        if (glm::dot(face, a.normal + b.normal + c.normal) <= 0.f) {
            ++bad;
        }
    }
    return bad;
}

float max_normal_error(const MeshData& mesh) {
    float worst = 0.f;
    for (const Vertex& v : mesh.vertices) {
        worst = std::max(worst, std::fabs(glm::length(v.normal) - 1.f));
    }
    return worst;
}

constexpr std::array<LatheProfilePoint, 4> kLimb{{{0.f, 0.10f}, {0.3f, 0.14f}, {0.7f, 0.15f}, {1.f, 0.08f}}};

}  // namespace

TEST_CASE("lathe vertex and triangle counts", "[render][mesh][lathe]") {
    LatheDesc desc;
    desc.profile = kLimb;
    desc.segments = 16;
    const MeshData mesh = make_lathe(desc);
    // side: 4 rings x 17 columns; caps: 2 x (centre + 16 rim)
    CHECK(mesh.vertices.size() == 4U * 17U + 2U * 17U);
    CHECK(mesh.triangle_count() == 2U * 16U * 3U + 2U * 16U);
    std::string why;
    CHECK(validate_mesh(mesh, &why));
    CHECK(why.empty());
    CHECK(max_normal_error(mesh) < 1e-5f);
    CHECK(count_winding_mismatches(mesh) == 0);

    desc.cap_bottom = false;
    CHECK(make_lathe(desc).triangle_count() == 2U * 16U * 3U + 16U);
    desc.cap_top = false;
    CHECK(make_lathe(desc).vertices.size() == 4U * 17U);

    // A closed tip (radius 0) gets no cap; too few segments are clamped to 3.
    const std::array<LatheProfilePoint, 3> tip{{{0.f, 0.1f}, {0.5f, 0.1f}, {0.6f, 0.f}}};
    LatheDesc tip_desc;
    tip_desc.profile = tip;
    tip_desc.segments = 1;
    const MeshData tip_mesh = make_lathe(tip_desc);
    CHECK(tip_mesh.vertices.size() == 3U * 4U + 4U);
    CHECK(tip_mesh.triangle_count() == 2U * 3U * 2U + 3U);

    const std::array<LatheProfilePoint, 1> single{{{0.f, 1.f}}};
    LatheDesc single_desc;
    single_desc.profile = single;
    CHECK(make_lathe(single_desc).vertices.empty());
}

TEST_CASE("lathe side normals point outward and follow the slope", "[render][mesh][lathe]") {
    LatheDesc desc;
    desc.profile = kLimb;
    desc.segments = 24;
    const MeshData mesh = make_lathe(desc);
    const std::size_t side = kLimb.size() * 25U;
    for (std::size_t i = 0; i < side; ++i) {
        const Vertex& v = mesh.vertices[i];
        const glm::vec3 radial = glm::normalize(glm::vec3{v.position.x, 0.f, v.position.z});
        REQUIRE(glm::dot(v.normal, radial) > 0.f);
    }
    // Cone narrowing upward: radius 0.2 -> 0.1 over 1 m, normal tilts up by atan(0.1).
    const std::array<LatheProfilePoint, 2> cone{{{0.f, 0.2f}, {1.f, 0.1f}}};
    LatheDesc cone_desc;
    cone_desc.profile = cone;
    cone_desc.segments = 8;
    const MeshData cone_mesh = make_lathe(cone_desc);
    const glm::vec3 n = cone_mesh.vertices[0].normal;  // ring 0, angle 0 -> +X side
    CHECK(n.x == Approx(1.f / std::sqrt(1.01f)).margin(1e-5));
    CHECK(n.y == Approx(0.1f / std::sqrt(1.01f)).margin(1e-5));
    CHECK(n.z == Approx(0.f).margin(1e-6));
    // Caps are flat: bottom faces -Y, top faces +Y.
    CHECK(cone_mesh.vertices[2 * 9].normal == glm::vec3(0.f, -1.f, 0.f));
    CHECK(cone_mesh.vertices.back().normal == glm::vec3(0.f, 1.f, 0.f));
}

TEST_CASE("lathe elliptical scaling uses inverse-transpose normals", "[render][mesh][lathe]") {
    const std::array<LatheProfilePoint, 2> cylinder{{{0.f, 0.1f}, {1.f, 0.1f}}};
    LatheDesc desc;
    desc.profile = cylinder;
    desc.segments = 16;
    desc.scale_x = 2.f;
    desc.scale_z = 0.5f;
    const MeshData mesh = make_lathe(desc);
    const Vertex& v = mesh.vertices[2];  // 45 degrees: (2r cos45, y, -0.5r sin45)
    CHECK(v.position.x == Approx(0.2f * std::sqrt(0.5f)).margin(1e-6));
    CHECK(v.position.z == Approx(-0.05f * std::sqrt(0.5f)).margin(1e-6));
    // Ellipse x^2/a^2 + z^2/b^2 = 1 has gradient (x/a^2, z/b^2) ~ (0.5, -2) here.
    const glm::vec3 expected = glm::normalize(glm::vec3{0.5f, 0.f, -2.f});
    CHECK(v.normal.x == Approx(expected.x).margin(1e-5));
    CHECK(v.normal.y == Approx(0.f).margin(1e-6));
    CHECK(v.normal.z == Approx(expected.z).margin(1e-5));
    CHECK(count_winding_mismatches(mesh) == 0);
    const Bounds b = compute_bounds(mesh);
    CHECK(b.max.x == Approx(0.2f).margin(1e-6));
    CHECK(b.max.z == Approx(0.05f).margin(1e-6));
}

TEST_CASE("lathe bounds and uvs", "[render][mesh][lathe]") {
    LatheDesc desc;
    desc.profile = kLimb;
    desc.segments = 16;
    const MeshData mesh = make_lathe(desc);
    const Bounds b = compute_bounds(mesh);
    CHECK(b.min.y == Approx(0.f));
    CHECK(b.max.y == Approx(1.f));
    CHECK(b.max.x == Approx(0.15f).margin(1e-6));
    CHECK(b.min.x == Approx(-0.15f).margin(1e-6));
    CHECK(b.max.z == Approx(0.15f).margin(1e-6));
    CHECK(b.min.z == Approx(-0.15f).margin(1e-6));

    for (const Vertex& v : mesh.vertices) {
        REQUIRE(v.uv.x >= 0.f);
        REQUIRE(v.uv.x <= 1.f);
        REQUIRE(v.uv.y >= 0.f);
        REQUIRE(v.uv.y <= 1.f);
    }
    // Seam column duplicated: same position, u = 0 and u = 1.
    CHECK(mesh.vertices[0].uv.x == 0.f);
    CHECK(mesh.vertices[16].uv.x == 1.f);
    CHECK(mesh.vertices[0].position == mesh.vertices[16].position);
    // v is the arc-length fraction: 0 on the first ring, 1 on the last, monotonic between.
    CHECK(mesh.vertices[0].uv.y == 0.f);
    CHECK(mesh.vertices[3 * 17].uv.y == Approx(1.f));
    const float first_segment = std::hypot(0.3f, 0.04f);
    const float total = first_segment + std::hypot(0.4f, 0.01f) + std::hypot(0.3f, 0.07f);
    CHECK(mesh.vertices[17].uv.y == Approx(first_segment / total).margin(1e-6));
}

TEST_CASE("validate_mesh catches broken meshes", "[render][mesh]") {
    MeshData good = make_box(glm::vec3{0.5f});
    std::string why;
    REQUIRE(validate_mesh(good, &why));

    MeshData bad_index = good;
    bad_index.indices[5] = 1000;
    CHECK_FALSE(validate_mesh(bad_index, &why));
    CHECK(why.find("out of range") != std::string::npos);

    MeshData nan_position = good;
    nan_position.vertices[3].position.x = std::numeric_limits<float>::quiet_NaN();
    CHECK_FALSE(validate_mesh(nan_position, &why));
    CHECK(why.find("vertex 3") != std::string::npos);

    MeshData ragged = good;
    ragged.indices.pop_back();
    CHECK_FALSE(validate_mesh(ragged, &why));
    CHECK(why.find("multiple of 3") != std::string::npos);

    MeshData long_normal = good;
    long_normal.vertices[7].normal = glm::vec3{0.f, 1.01f, 0.f};
    CHECK_FALSE(validate_mesh(long_normal, nullptr));  // null `why` is allowed
    long_normal.vertices[7].normal = glm::vec3{0.f, 1.0005f, 0.f};
    CHECK(validate_mesh(long_normal, nullptr));  // within 1e-3

    MeshData nan_normal = good;
    nan_normal.vertices[0].normal.y = std::numeric_limits<float>::quiet_NaN();
    CHECK_FALSE(validate_mesh(nan_normal, &why));

    CHECK_FALSE(validate_mesh(MeshData{}, &why));
    CHECK(why.find("no triangles") != std::string::npos);
}

TEST_CASE("resample_profile is smooth, monotonic and hits control points", "[render][mesh]") {
    const std::vector<LatheProfilePoint> control{{0.f, 0.1f}, {0.02f, 0.2f}, {1.f, 0.2f}, {1.1f, 0.f}};
    const std::vector<LatheProfilePoint> out = resample_profile(control, 31);
    REQUIRE(out.size() == 31U);
    for (std::size_t k = 0; k < control.size(); ++k) {  // 30 steps / 3 segments: every 10th
        CHECK(out[10 * k].y == control[k].y);
        CHECK(out[10 * k].radius == control[k].radius);
    }
    for (std::size_t i = 1; i < out.size(); ++i) {
        REQUIRE(out[i].y >= out[i - 1].y);  // uneven spacing must not make y turn back
        REQUIRE(out[i].radius >= 0.f);
    }
    // Smooth: a sample between control points differs from the straight chord.
    const float chord = 0.5f * (control[1].radius + control[2].radius);
    CHECK(std::fabs(out[15].radius - chord) > 1e-4f);

    CHECK(resample_profile(control, 0).size() == 2U);  // at least the two ends
    CHECK(resample_profile(std::vector<LatheProfilePoint>{{0.f, 1.f}}, 10).size() == 1U);
}

TEST_CASE("uv sphere", "[render][mesh]") {
    const MeshData mesh = make_uv_sphere(0.5f, 8, 12);
    CHECK(mesh.vertices.size() == 9U * 13U);
    CHECK(mesh.triangle_count() == 12U * (2U * 8U - 2U));
    CHECK(validate_mesh(mesh, nullptr));
    CHECK(count_winding_mismatches(mesh) == 0);
    for (const Vertex& v : mesh.vertices) {
        REQUIRE(glm::length(v.position) == Approx(0.5f).margin(1e-6));
        REQUIRE(glm::length(v.normal - v.position / 0.5f) < 1e-5f);
    }
    CHECK(mesh.vertices.front().normal == glm::vec3(0.f, -1.f, 0.f));
    CHECK(mesh.vertices.back().normal == glm::vec3(0.f, 1.f, 0.f));
    const Bounds b = compute_bounds(mesh);
    CHECK(b.min.y == Approx(-0.5f));
    CHECK(b.max.y == Approx(0.5f));
}

TEST_CASE("box", "[render][mesh]") {
    const glm::vec3 half{0.5f, 1.f, 2.f};
    const MeshData mesh = make_box(half);
    CHECK(mesh.vertices.size() == 24U);
    CHECK(mesh.triangle_count() == 12U);
    CHECK(validate_mesh(mesh, nullptr));
    CHECK(count_winding_mismatches(mesh) == 0);
    const Bounds b = compute_bounds(mesh);
    CHECK(b.min == -half);
    CHECK(b.max == half);
    int plus_x = 0;
    for (const Vertex& v : mesh.vertices) {
        REQUIRE(glm::dot(v.normal, v.position) > 0.f);  // outward
        if (v.normal == glm::vec3(1.f, 0.f, 0.f)) {
            ++plus_x;
            CHECK(v.position.x == 0.5f);
        }
    }
    CHECK(plus_x == 4);
}

TEST_CASE("disc faces +Y", "[render][mesh]") {
    const MeshData mesh = make_disc(0.3f, 10);
    CHECK(mesh.vertices.size() == 11U);
    CHECK(mesh.triangle_count() == 10U);
    CHECK(validate_mesh(mesh, nullptr));
    CHECK(count_winding_mismatches(mesh) == 0);
    for (std::size_t t = 0; t < mesh.triangle_count(); ++t) {
        const glm::vec3 a = mesh.vertices[mesh.indices[3 * t]].position;
        const glm::vec3 b = mesh.vertices[mesh.indices[3 * t + 1]].position;
        const glm::vec3 c = mesh.vertices[mesh.indices[3 * t + 2]].position;
        REQUIRE(glm::cross(b - a, c - a).y > 0.f);
    }
    const Bounds b = compute_bounds(mesh);
    CHECK(b.max.x == Approx(0.3f));
    CHECK(b.min.y == 0.f);
    CHECK(b.max.y == 0.f);
}

TEST_CASE("torus", "[render][mesh]") {
    const MeshData mesh = make_torus(1.f, 0.25f, 16, 8);
    CHECK(mesh.vertices.size() == 17U * 9U);
    CHECK(mesh.triangle_count() == 2U * 16U * 8U);
    CHECK(validate_mesh(mesh, nullptr));
    CHECK(count_winding_mismatches(mesh) == 0);
    for (const Vertex& v : mesh.vertices) {
        const glm::vec3 centre = glm::normalize(glm::vec3{v.position.x, 0.f, v.position.z});
        REQUIRE(glm::length(v.normal - (v.position - centre) / 0.25f) < 1e-5f);
    }
    const Bounds b = compute_bounds(mesh);
    CHECK(b.max.x == Approx(1.25f));
    CHECK(b.max.y == Approx(0.25f));
    CHECK(b.min.y == Approx(-0.25f));
}

TEST_CASE("append_mesh transforms positions and normals", "[render][mesh]") {
    const MeshData disc = make_disc(1.f, 8);
    MeshData dst = make_box(glm::vec3{0.1f});
    const std::size_t base = dst.vertices.size();

    // +Y rotated 90 degrees about +Z is -X; then moved 2 m along +X.
    glm::mat4 m = glm::translate(glm::mat4{1.f}, glm::vec3{2.f, 0.f, 0.f});
    m = glm::rotate(m, glm::half_pi<float>(), glm::vec3{0.f, 0.f, 1.f});
    append_mesh(dst, disc, m);
    REQUIRE(dst.vertices.size() == base + disc.vertices.size());
    REQUIRE(dst.indices.size() == 36U + disc.indices.size());
    CHECK(dst.indices[36] == base + disc.indices[0]);
    const Vertex& centre = dst.vertices[base];
    CHECK(centre.position.x == Approx(2.f));
    CHECK(centre.normal.x == Approx(-1.f).margin(1e-6));
    CHECK(centre.normal.y == Approx(0.f).margin(1e-6));
    CHECK(validate_mesh(dst, nullptr));
    CHECK(count_winding_mismatches(dst) == 0);

    // Non-uniform scale: normals follow the inverse-transpose, not the matrix.
    MeshData ellipsoid;
    append_mesh(ellipsoid, make_uv_sphere(1.f, 6, 8), glm::scale(glm::mat4{1.f}, {2.f, 1.f, 1.f}));
    const Vertex& v = ellipsoid.vertices[2 * 9 + 1];  // a mid-latitude vertex
    const glm::vec3 unit = v.position / glm::vec3{2.f, 1.f, 1.f};
    const glm::vec3 expected = glm::normalize(unit / glm::vec3{2.f, 1.f, 1.f});
    CHECK(glm::length(v.normal - expected) < 1e-5f);
    CHECK(count_winding_mismatches(ellipsoid) == 0);

    // Mirroring keeps front faces counter-clockwise.
    MeshData mirrored;
    append_mesh(mirrored, make_box(glm::vec3{1.f}), glm::scale(glm::mat4{1.f}, {-1.f, 1.f, 1.f}));
    CHECK(count_winding_mismatches(mirrored) == 0);
    CHECK(mirrored.vertices[0].normal == glm::vec3(-1.f, 0.f, 0.f));  // the old +X face
    CHECK(validate_mesh(mirrored, nullptr));
}
