// The clinician report drawn with cairo (game/history/report_cairo.hpp): a one-page A4 PDF and an
// A4 150-dpi PNG that is white with ink in its header, written to a temporary folder and read
// back; the crowded session's content stays above the footer.

#include "game/history/report.hpp"
#include "game/history/report_cairo.hpp"
#include "game/protocol/protocol.hpp"
#include "history_test_support.hpp"
#include "report_test_support.hpp"

#include <catch2/catch.hpp>
#include <stb_image.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

using namespace bfr::history;
using namespace bfr::history::test;
namespace report = bfr::history::report;

namespace {

void write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream f(path, std::ios::binary);
    f << bytes;
    REQUIRE(f.good());
}

/// Occurrences of "/Type /Page" not followed by "s" (i.e. page objects, not the page tree).
std::size_t page_objects(const std::string& pdf) {
    std::size_t count = 0;
    const std::string key = "/Type /Page";
    for (std::size_t at = pdf.find(key); at != std::string::npos; at = pdf.find(key, at + 1)) {
        if (at + key.size() >= pdf.size() || pdf[at + key.size()] != 's') ++count;
    }
    return count;
}

struct Image {
    int width = 0;
    int height = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> pixels{nullptr, stbi_image_free};

    /// True when the pixel at (x, y) is pure white.
    [[nodiscard]] bool white(int x, int y) const {
        const unsigned char* p = pixels.get() + 3 * (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                                                     static_cast<std::size_t>(x));
        return p[0] == 255 && p[1] == 255 && p[2] == 255;
    }
    /// Pixels that are not white in the rows [y0, y1).
    [[nodiscard]] std::size_t ink(int y0, int y1) const {
        std::size_t n = 0;
        for (int y = y0; y < y1; ++y) {
            for (int x = 0; x < width; ++x) n += white(x, y) ? 0U : 1U;
        }
        return n;
    }
};

Image decode(const std::string& png) {
    Image img;
    int channels = 0;
    img.pixels.reset(stbi_load_from_memory(reinterpret_cast<const unsigned char*>(png.data()),
                                           static_cast<int>(png.size()), &img.width, &img.height, &channels, 3));
    INFO(stbi_failure_reason());
    REQUIRE(img.pixels);
    return img;
}

/// With BFR_REPORT_TEST_OUT set to a folder, the rendered files are also kept there (to look at).
void keep_for_viewing(const std::string& name, const std::string& bytes) {
    if (const char* out = std::getenv("BFR_REPORT_TEST_OUT"); out != nullptr && *out != '\0') {
        write_file(fs::path(out) / name, bytes);
    }
}

report::ReportModel sample_model() {
    report::ReportContext context;
    context.protocol = bfr::protocol::standard_protocol();
    context.version = "0.1.0";
    return report::build_report(protocol_session(5, "2026-03-13T17:30:00Z", {30, 15, 15, 15}), {}, context);
}

}  // namespace

TEST_CASE("the report renders as a one-page A4 PDF", "[history][report]") {
    const TempDir dir;
    std::string error;
    report::RenderInfo info;
    const auto pdf = report::render_pdf(sample_model(), &error, &info);
    INFO(error);
    REQUIRE(pdf);
    write_file(dir / "report.pdf", *pdf);
    const std::string bytes = read_bytes(dir / "report.pdf");
    REQUIRE(bytes.size() > 1000);
    CHECK(bytes.rfind("%PDF-", 0) == 0);
    CHECK(page_objects(bytes) == 1);
    CHECK(bytes.find("/MediaBox [ 0 0 595 842 ]") != std::string::npos);
    CHECK(bytes.find("%%EOF") != std::string::npos);
    CHECK(info.content_bottom_pt > 400.0);
    CHECK(info.content_bottom_pt < info.footer_top_pt);
}

TEST_CASE("the report renders as an A4 PNG at 150 dpi: white, with ink in the header", "[history][report]") {
    const TempDir dir;
    std::string error;
    const auto png = report::render_png(sample_model(), &error);
    INFO(error);
    REQUIRE(png);
    write_file(dir / "report.png", *png);
    keep_for_viewing("sample.png", *png);
    const Image img = decode(read_bytes(dir / "report.png"));
    CHECK(img.width == report::kPngWidthPx);
    CHECK(img.height == report::kPngHeightPx);
    // White margins and corners.
    CHECK(img.white(0, 0));
    CHECK(img.white(img.width - 1, img.height - 1));
    CHECK(img.ink(0, 60) == 0);
    // The title and the header fields: plenty of ink in the top 300 px (2 inches).
    CHECK(img.ink(60, 300) > 5000);
    // Not one big blot either: most of the page is white.
    CHECK(img.ink(0, img.height) < static_cast<std::size_t>(img.width) * static_cast<std::size_t>(img.height) / 5);
}

TEST_CASE("a crowded session still fits above the footer, on one page", "[history][report]") {
    const report::ReportModel m = report::build_report(crowded_session(), {}, report::ReportContext{});
    std::string error;
    report::RenderInfo info;
    const auto pdf = report::render_pdf(m, &error, &info);
    INFO(error);
    REQUIRE(pdf);
    CHECK(page_objects(*pdf) == 1);
    CHECK(info.content_bottom_pt < info.footer_top_pt);
    const auto png = report::render_png(m, &error, &info);
    REQUIRE(png);
    CHECK(info.content_bottom_pt < info.footer_top_pt);
    keep_for_viewing("crowded.png", *png);
    const Image img = decode(*png);
    // Nothing drawn in the side margins (text that ran off its column would be there).
    const int margin_px = static_cast<int>(30.0 * report::kPngDpi / 72.0);
    for (int y = 0; y < img.height; y += 2) {
        for (int x = 0; x < margin_px; ++x) {
            if (!img.white(x, y) || !img.white(img.width - 1 - x, y)) {
                FAIL("ink in the margin at y = " << y);
            }
        }
    }
}
