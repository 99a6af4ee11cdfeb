#pragma once
// 8-bit RGBA images (top row first, like PNG files and unlike glReadPixels), PNG I/O through
// stb, and tolerant image comparison for golden-image tests.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <glm/ext/vector_uint4_sized.hpp>
#include <glm/vec3.hpp>

namespace bfr::render {

/// RGBA8 image, rows stored top row first, 4 bytes per pixel, no padding.
struct Image {
    /// Width in pixels.
    int width = 0;
    /// Height in pixels.
    int height = 0;
    /// width * height * 4 bytes, top row first.
    std::vector<std::uint8_t> rgba;

    /// Pixel at column x, row y (row 0 = top). Out of range (or inconsistent storage) -> {0,0,0,0}.
    [[nodiscard]] glm::u8vec4 pixel(int x, int y) const;
    /// Sets a pixel; out-of-range coordinates are ignored.
    void set_pixel(int x, int y, glm::u8vec4 value);
    /// True when there is no pixel to look at (zero size or no storage).
    [[nodiscard]] bool empty() const;
    /// True when rgba.size() == width * height * 4 with non-negative sizes.
    [[nodiscard]] bool consistent() const;
};

/// A width x height image filled with `fill` (empty image for non-positive sizes).
[[nodiscard]] Image make_image(int width, int height, glm::u8vec4 fill);

/// Reverses the row order in place (bottom-first GL read-back <-> top-first PNG).
void flip_rows(Image& image);

/// Encodes a linear-RGB colour (clamped to [0,1]) to 8-bit sRGB; alpha_01 is stored linearly.
[[nodiscard]] glm::u8vec4 linear_to_srgb8(glm::vec3 linear_rgb, float alpha_01 = 1.f);

/// Writes a PNG: encodes in memory, writes `path + ".tmp"`, flushes, then renames over `path`,
/// so a crash never leaves a half-written PNG at `path`. Does not create directories. On failure
/// returns false and, when `error` is non-null, stores a message naming the path and the
/// system error (strerror text and errno).
[[nodiscard]] bool write_png(const Image& image, const std::string& path, std::string* error);

/// Loads an image file (PNG; any format stb_image decodes works) as RGBA8, top row first,
/// whatever its channel count. nullopt on failure with a message naming the path in `error`.
[[nodiscard]] std::optional<Image> load_png(const std::string& path, std::string* error);

/// How different two images are.
struct ImageDiff {
    /// Largest absolute difference of any channel of any pixel (0..255).
    int max_abs_channel = 0;
    /// Fraction of pixels (0..1) with at least one channel differing by more than the tolerance.
    double failing_fraction = 0.0;
};

/// Compares two images channel by channel (alpha included). Different sizes (or inconsistent
/// storage) -> {255, 1.0}.
[[nodiscard]] ImageDiff compare_images(const Image& a, const Image& b, int tolerance);

}  // namespace bfr::render
