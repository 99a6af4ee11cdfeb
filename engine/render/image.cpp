#include "engine/render/image.hpp"

#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <memory>
#include <system_error>

#include <fmt/format.h>
#include <stb_image.h>
#include <stb_image_write.h>
#include <unistd.h>

namespace bfr::render {
namespace {

std::size_t byte_offset(const Image& image, int x, int y) {
    return (static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(x)) * 4;
}

bool in_range(const Image& image, int x, int y) {
    return image.consistent() && x >= 0 && y >= 0 && x < image.width && y < image.height;
}

std::string errno_text(int err) {
    return fmt::format("{} (errno {})", std::generic_category().message(err), err);
}

bool set_error(std::string* error, std::string message) {
    if (error != nullptr) {
        *error = std::move(message);
    }
    return false;
}

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

void append_bytes(void* context, void* data, int size) {
    auto* out = static_cast<std::vector<std::uint8_t>*>(context);
    const auto* bytes = static_cast<const std::uint8_t*>(data);
    if (size > 0) {
        out->insert(out->end(), bytes, bytes + size);
    }
}

std::uint8_t to_byte(float v01) {
    const float clamped = std::isfinite(v01) ? std::clamp(v01, 0.f, 1.f) : 0.f;
    return static_cast<std::uint8_t>(std::lround(clamped * 255.f));
}

}  // namespace

glm::u8vec4 Image::pixel(int x, int y) const {
    if (!in_range(*this, x, y)) {
        return glm::u8vec4{0};
    }
    const std::size_t o = byte_offset(*this, x, y);
    return glm::u8vec4{rgba[o], rgba[o + 1], rgba[o + 2], rgba[o + 3]};
}

void Image::set_pixel(int x, int y, glm::u8vec4 value) {
    if (!in_range(*this, x, y)) {
        return;
    }
    const std::size_t o = byte_offset(*this, x, y);
    rgba[o] = value.x;
    rgba[o + 1] = value.y;
    rgba[o + 2] = value.z;
    rgba[o + 3] = value.w;
}

bool Image::empty() const {
    return width <= 0 || height <= 0 || rgba.empty();
}

bool Image::consistent() const {
    return width >= 0 && height >= 0 &&
           rgba.size() == static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4;
}

Image make_image(int width, int height, glm::u8vec4 fill) {
    Image image;
    if (width <= 0 || height <= 0) {
        return image;
    }
    image.width = width;
    image.height = height;
    const std::size_t count = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    image.rgba.resize(count * 4);
    for (std::size_t i = 0; i < count; ++i) {
        image.rgba[4 * i] = fill.x;
        image.rgba[4 * i + 1] = fill.y;
        image.rgba[4 * i + 2] = fill.z;
        image.rgba[4 * i + 3] = fill.w;
    }
    return image;
}

void flip_rows(Image& image) {
    if (!image.consistent() || image.height < 2) {
        return;
    }
    const auto row_bytes = static_cast<std::ptrdiff_t>(image.width) * 4;
    auto top = image.rgba.begin();
    auto bottom = image.rgba.begin() + (image.height - 1) * row_bytes;
    while (top < bottom) {
        std::swap_ranges(top, top + row_bytes, bottom);
        top += row_bytes;
        bottom -= row_bytes;
    }
}

glm::u8vec4 linear_to_srgb8(glm::vec3 linear_rgb, float alpha_01) {
    const auto encode = [](float c) {
        c = std::isfinite(c) ? std::clamp(c, 0.f, 1.f) : 0.f;
        return c <= 0.0031308f ? 12.92f * c : 1.055f * std::pow(c, 1.f / 2.4f) - 0.055f;
    };
    return glm::u8vec4{to_byte(encode(linear_rgb.x)), to_byte(encode(linear_rgb.y)), to_byte(encode(linear_rgb.z)),
                       to_byte(alpha_01)};
}

bool write_png(const Image& image, const std::string& path, std::string* error) {
    if (image.empty() || !image.consistent()) {
        return set_error(error, fmt::format("write_png '{}': image is empty or inconsistent "
                                            "({}x{}, {} bytes)",
                                            path, image.width, image.height, image.rgba.size()));
    }
    if (image.width > std::numeric_limits<int>::max() / 4) {
        return set_error(error, fmt::format("write_png '{}': image too wide", path));
    }
    std::vector<std::uint8_t> encoded;
    if (stbi_write_png_to_func(&append_bytes, &encoded, image.width, image.height, 4, image.rgba.data(),
                               image.width * 4) == 0 ||
        encoded.empty()) {
        return set_error(error, fmt::format("write_png '{}': PNG encoding failed", path));
    }

    namespace fs = std::filesystem;
    std::error_code ec;
    // Write through symbolic links to the file they name (up to a sane depth).
    fs::path target(path);
    for (int depth = 0; depth < 16 && fs::is_symlink(fs::symlink_status(target, ec)); ++depth) {
        const fs::path link = fs::read_symlink(target, ec);
        if (ec) break;
        target = link.is_absolute() ? link : target.parent_path() / link;
    }
    const fs::file_status status = fs::status(target, ec);
    if (fs::is_directory(status)) {
        return set_error(error, fmt::format("write_png '{}': is a folder, not a file name", path));
    }
    if (fs::exists(status) && !fs::is_regular_file(status)) {
        // A device or a pipe (/dev/stdout, a fifo): write to it directly, there is nothing to replace.
        errno = 0;
        FilePtr file{std::fopen(target.c_str(), "wb")};
        const bool ok = file && std::fwrite(encoded.data(), 1, encoded.size(), file.get()) == encoded.size() &&
                        std::fflush(file.get()) == 0;
        const int err = errno;
        if (file) static_cast<void>(std::fclose(file.release()));
        if (!ok) return set_error(error, fmt::format("write_png '{}': writing failed: {}", path, errno_text(err)));
        return true;
    }

    // A regular file (or a new one): write a unique temporary file beside it, fsync, then rename
    // it over the target, so a crash never leaves half a PNG and two writers never share a file.
    const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    std::string tmp_name(1, '.');  // built step by step: gcc 12 warns (-Wrestrict) on "." + name + "…"
    tmp_name.append(target.filename().string());
    tmp_name.append(".XXXXXX");
    std::string tmp_path = (dir / tmp_name).string();
    errno = 0;
    const int fd = ::mkstemp(tmp_path.data());
    if (fd < 0) {
        const int err = errno;
        return set_error(error, fmt::format("write_png '{}': cannot create a file in '{}': {}", path, dir.string(),
                                            errno_text(err)));
    }
    const mode_t mask = ::umask(0);
    ::umask(mask);
    static_cast<void>(::fchmod(fd, static_cast<mode_t>(0666) & ~mask));
    {
        FilePtr file{::fdopen(fd, "wb")};
        if (!file) {
            const int err = errno;
            ::close(fd);
            std::remove(tmp_path.c_str());
            return set_error(error,
                             fmt::format("write_png '{}': cannot write '{}': {}", path, tmp_path, errno_text(err)));
        }
        errno = 0;
        const bool written = std::fwrite(encoded.data(), 1, encoded.size(), file.get()) == encoded.size() &&
                             std::fflush(file.get()) == 0 && ::fsync(::fileno(file.get())) == 0;
        const int write_err = errno;
        const bool closed = std::fclose(file.release()) == 0;
        const int close_err = errno;
        if (!written || !closed) {
            std::remove(tmp_path.c_str());
            return set_error(error, fmt::format("write_png '{}': writing '{}' failed: {}", path, tmp_path,
                                                errno_text(!written ? write_err : close_err)));
        }
    }
    errno = 0;
    if (std::rename(tmp_path.c_str(), target.c_str()) != 0) {
        const int err = errno;
        std::remove(tmp_path.c_str());
        return set_error(
            error, fmt::format("write_png '{}': cannot rename '{}' over it: {}", path, tmp_path, errno_text(err)));
    }
    return true;
}

std::optional<Image> load_png(const std::string& path, std::string* error) {
    errno = 0;
    FilePtr file{std::fopen(path.c_str(), "rb")};
    if (!file) {
        const int err = errno;
        set_error(error, fmt::format("load_png '{}': cannot open: {}", path, errno_text(err)));
        return std::nullopt;
    }
    std::vector<std::uint8_t> bytes;
    std::uint8_t buffer[1 << 16];
    for (;;) {
        const std::size_t got = std::fread(buffer, 1, sizeof buffer, file.get());
        bytes.insert(bytes.end(), buffer, buffer + got);
        if (got < sizeof buffer) {
            break;
        }
    }
    if (std::ferror(file.get()) != 0) {
        const int err = errno;
        set_error(error, fmt::format("load_png '{}': read error: {}", path, errno_text(err)));
        return std::nullopt;
    }
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        set_error(error, fmt::format("load_png '{}': file too large", path));
        return std::nullopt;
    }

    int width = 0;
    int height = 0;
    int channels_in_file = 0;
    std::unique_ptr<stbi_uc, void (*)(void*)> pixels{
        stbi_load_from_memory(bytes.data(), static_cast<int>(bytes.size()), &width, &height, &channels_in_file, 4),
        &stbi_image_free};
    if (!pixels || width <= 0 || height <= 0) {
        const char* reason = stbi_failure_reason();
        set_error(error,
                  fmt::format("load_png '{}': cannot decode: {}", path, reason != nullptr ? reason : "unknown error"));
        return std::nullopt;
    }
    Image image;
    image.width = width;
    image.height = height;
    const std::size_t size = static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4;
    image.rgba.assign(pixels.get(), pixels.get() + size);
    return image;
}

ImageDiff compare_images(const Image& a, const Image& b, int tolerance) {
    if (a.width != b.width || a.height != b.height || !a.consistent() || !b.consistent()) {
        return ImageDiff{255, 1.0};
    }
    const std::size_t pixels = a.rgba.size() / 4;
    if (pixels == 0) {
        return ImageDiff{0, 0.0};
    }
    int max_abs = 0;
    std::size_t failing = 0;
    for (std::size_t p = 0; p < pixels; ++p) {
        bool fails = false;
        for (std::size_t c = 0; c < 4; ++c) {
            const int diff = std::abs(static_cast<int>(a.rgba[4 * p + c]) - static_cast<int>(b.rgba[4 * p + c]));
            max_abs = std::max(max_abs, diff);
            fails = fails || diff > tolerance;
        }
        if (fails) {
            ++failing;
        }
    }
    return ImageDiff{max_abs, static_cast<double>(failing) / static_cast<double>(pixels)};
}

}  // namespace bfr::render
