#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <stb/stb_image_write.h>

#include "engine/render/image.hpp"

using namespace bfr::render;
namespace fs = std::filesystem;

namespace {

// A fresh directory under the system temp dir, removed on scope exit.
struct TempDir {
    fs::path path;
    TempDir() {
        std::random_device rd;
        path = fs::temp_directory_path() / ("bfr_render_test_" + std::to_string(rd()));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

Image gradient(int w, int h) {
    Image img = make_image(w, h, glm::u8vec4{0});
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            img.set_pixel(x, y,
                          glm::u8vec4{static_cast<std::uint8_t>(x * 30), static_cast<std::uint8_t>(y * 50),
                                      static_cast<std::uint8_t>(x * y), static_cast<std::uint8_t>(255 - x)});
        }
    }
    return img;
}

}  // namespace

TEST_CASE("image basics", "[render][image]") {
    Image img = make_image(3, 2, glm::u8vec4{1, 2, 3, 4});
    CHECK(img.rgba.size() == 24U);
    CHECK_FALSE(img.empty());
    CHECK(img.consistent());
    CHECK(img.pixel(2, 1) == glm::u8vec4(1, 2, 3, 4));
    CHECK(img.pixel(3, 0) == glm::u8vec4(0));
    CHECK(img.pixel(-1, 0) == glm::u8vec4(0));
    CHECK(Image{}.empty());
    CHECK(make_image(0, 5, glm::u8vec4{9}).empty());

    CHECK(linear_to_srgb8(glm::vec3{0.f, 1.f, 0.2f}) == glm::u8vec4(0, 255, 124, 255));
    CHECK(linear_to_srgb8(glm::vec3{-1.f, 2.f, 0.f}, 0.5f) == glm::u8vec4(0, 255, 0, 128));
}

TEST_CASE("flip_rows reverses rows", "[render][image]") {
    Image img = gradient(2, 3);
    const Image original = img;
    flip_rows(img);
    CHECK(img.pixel(0, 0) == original.pixel(0, 2));
    CHECK(img.pixel(1, 2) == original.pixel(1, 0));
    CHECK(img.pixel(1, 1) == original.pixel(1, 1));
    flip_rows(img);
    CHECK(img.rgba == original.rgba);
}

TEST_CASE("write_png / load_png round trip", "[render][image]") {
    const TempDir dir;
    const std::string path = (dir.path / "round_trip.png").string();
    const Image img = gradient(7, 5);
    std::string error;
    REQUIRE(write_png(img, path, &error));
    CHECK(error.empty());
    CHECK(fs::exists(path));
    CHECK_FALSE(fs::exists(path + ".tmp"));

    const auto loaded = load_png(path, &error);
    REQUIRE(loaded.has_value());
    CHECK(loaded->width == 7);
    CHECK(loaded->height == 5);
    CHECK(loaded->rgba == img.rgba);
    CHECK(loaded->pixel(6, 0) == glm::u8vec4(180, 0, 0, 249));  // top row stays on top

    // Overwriting replaces the file in one step.
    REQUIRE(write_png(make_image(2, 2, glm::u8vec4{9, 8, 7, 6}), path, &error));
    CHECK(load_png(path, &error)->pixel(1, 1) == glm::u8vec4(9, 8, 7, 6));
}

TEST_CASE("load_png always returns 4 channels", "[render][image]") {
    const TempDir dir;
    const std::string path = (dir.path / "rgb.png").string();
    const std::uint8_t rgb[] = {10, 20, 30, 40, 50, 60};  // 2x1, 3 channels
    REQUIRE(stbi_write_png(path.c_str(), 2, 1, 3, rgb, 6) != 0);
    std::string error;
    const auto loaded = load_png(path, &error);
    REQUIRE(loaded.has_value());
    CHECK(loaded->rgba.size() == 8U);
    CHECK(loaded->pixel(1, 0) == glm::u8vec4(40, 50, 60, 255));
}

TEST_CASE("png errors name the path", "[render][image]") {
    const TempDir dir;
    const std::string missing = (dir.path / "no_such_dir" / "out.png").string();
    std::string error;
    CHECK_FALSE(write_png(gradient(2, 2), missing, &error));
    CHECK(error.find(missing) != std::string::npos);
    CHECK(error.find("No such file or directory") != std::string::npos);
    CHECK_FALSE(fs::exists(missing + ".tmp"));

    error.clear();
    CHECK_FALSE(write_png(Image{}, (dir.path / "empty.png").string(), &error));
    CHECK(error.find("empty") != std::string::npos);

    error.clear();
    CHECK_FALSE(load_png(missing, &error).has_value());
    CHECK(error.find(missing) != std::string::npos);

    const std::string garbage = (dir.path / "garbage.png").string();
    std::ofstream(garbage) << "definitely not a png";
    error.clear();
    CHECK_FALSE(load_png(garbage, &error).has_value());
    CHECK(error.find("decode") != std::string::npos);
    CHECK(error.find(garbage) != std::string::npos);
}

TEST_CASE("compare_images", "[render][image]") {
    const Image a = gradient(4, 4);
    Image b = a;
    ImageDiff d = compare_images(a, b, 0);
    CHECK(d.max_abs_channel == 0);
    CHECK(d.failing_fraction == 0.0);

    glm::u8vec4 p = b.pixel(2, 3);
    p.y = static_cast<std::uint8_t>(p.y - 10);
    b.set_pixel(2, 3, p);
    d = compare_images(a, b, 5);
    CHECK(d.max_abs_channel == 10);
    CHECK(d.failing_fraction == Approx(1.0 / 16.0));
    d = compare_images(a, b, 10);
    CHECK(d.max_abs_channel == 10);
    CHECK(d.failing_fraction == 0.0);

    d = compare_images(a, gradient(4, 3), 255);
    CHECK(d.max_abs_channel == 255);
    CHECK(d.failing_fraction == 1.0);
}
