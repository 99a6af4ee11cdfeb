// `bfr-coach export --format pdf|png` as a user runs it: recordings stored with `replay --save`
// on three dates, then the report of the latest session as PDF (one page) and of an earlier one
// as PNG (A4 at 150 dpi, ink in the header); the errors of the other formats (an empty history,
// an unknown session, an unwritable path) with the same exit codes and messages, leaving no file.

#include "support/text.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <stb_image.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using bfr::test::run_process;

using bfr::test::read_text;

namespace {

const std::string kExe = BFR_COACH_EXE;
const fs::path kSource = BFR_SOURCE_DIR;

/// bfr-coach with `args` and `--data-dir` `data`.
bfr::test::ProcessResult coach(std::vector<std::string> args, const fs::path& data) {
    args.push_back("--data-dir");
    args.push_back(data.string());
    return run_process(kExe, args, {}, 120.0);
}

std::size_t page_objects(const std::string& pdf) {
    std::size_t count = 0;
    const std::string key = "/Type /Page";
    for (std::size_t at = pdf.find(key); at != std::string::npos; at = pdf.find(key, at + 1)) {
        if (at + key.size() >= pdf.size() || pdf[at + key.size()] != 's') ++count;
    }
    return count;
}

}  // namespace

TEST_CASE("export writes the clinician report of a replayed session as PDF and PNG", "[cli][history][report]") {
    const bfr::test::TempDir dir{"report_cli"};
    const fs::path data = dir / "data";
    const std::string rec = (kSource / "tests/data/safety/clean_session.csv").string();
    for (const char* when : {"2026-03-02T12:00:00Z", "2026-03-04T18:00:00Z", "2026-03-09T12:00:00Z"}) {
        const auto r = coach({"replay", rec, "--protocol", "30-15-15-15", "--save", "--started-at", when, "--summary",
                              (dir / "s.json").string()},
                             data);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
    }

    const auto pdf = coach({"export", "--latest", "--format", "pdf", "--out", (dir / "report.pdf").string()}, data);
    INFO(pdf.err);
    REQUIRE(pdf.exit_code == 0);
    CHECK(pdf.err.find("exported session 3 (pdf, 75 reps)") != std::string::npos);
    const std::string bytes = read_text(dir / "report.pdf");
    CHECK(bytes.rfind("%PDF-", 0) == 0);
    CHECK(page_objects(bytes) == 1);

    const auto png = coach({"export", "--session", "2", "--format", "png", "--out", (dir / "report.png").string()}, data);
    INFO(png.err);
    REQUIRE(png.exit_code == 0);
    const std::string png_bytes = read_text(dir / "report.png");
    int w = 0;
    int h = 0;
    int channels = 0;
    unsigned char* pixels = stbi_load_from_memory(reinterpret_cast<const unsigned char*>(png_bytes.data()),
                                                  static_cast<int>(png_bytes.size()), &w, &h, &channels, 3);
    REQUIRE(pixels != nullptr);
    CHECK(w == 1240);
    CHECK(h == 1754);
    std::size_t ink = 0;
    for (int y = 60; y < 300; ++y) {
        for (int x = 0; x < w; ++x) {
            const unsigned char* p = pixels + 3 * (static_cast<std::size_t>(y) * static_cast<std::size_t>(w) +
                                                   static_cast<std::size_t>(x));
            ink += (p[0] != 255 || p[1] != 255 || p[2] != 255) ? 1U : 0U;
        }
    }
    stbi_image_free(pixels);
    CHECK(ink > 5000);

    // An existing report is replaced whole.
    const auto again = coach({"export", "--latest", "--format", "pdf", "--out", (dir / "report.png").string()}, data);
    REQUIRE(again.exit_code == 0);
    CHECK(read_text(dir / "report.png").rfind("%PDF-", 0) == 0);

    // Errors as with the other formats: exit 3, a message, no file and no temporary left behind.
    const auto missing = coach({"export", "--session", "9", "--format", "pdf", "--out", (dir / "x.pdf").string()}, data);
    CHECK(missing.exit_code == 3);
    CHECK(missing.err.find("no session 9; `bfr-coach history` lists them") != std::string::npos);
    const auto unwritable =
        coach({"export", "--latest", "--format", "png", "--out", (dir / "no/such/folder/x.png").string()}, data);
    CHECK(unwritable.exit_code == 3);
    CHECK(unwritable.err.find("error") != std::string::npos);
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir.path())) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"data", "report.pdf", "report.png", "s.json"});
}

TEST_CASE("export --format pdf of an empty history exits 3 and writes nothing", "[cli][history][report]") {
    const bfr::test::TempDir dir{"report_cli_empty"};
    const auto r = coach({"export", "--latest", "--format", "pdf", "--out", (dir / "x.pdf").string()}, dir / "data");
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("is empty: there is no session to export") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "x.pdf"));
    CHECK_FALSE(fs::exists(dir / "data"));
}
