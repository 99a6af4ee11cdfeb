// `--mode therapist` as a user runs it (docs/therapist.md): `shot` renders the mode's own screen
// (the what-if lab, or the replay theatre for a recording) at the size asked, the same picture
// every time; live sources are refused; `run` records the lab's run when it ends.

#include "engine/render/image.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <stdlib.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

namespace fs = std::filesystem;
using bfr::test::offscreen_env;
using bfr::test::run_process;

namespace {

const std::string kExe = BFR_COACH_EXE;
const std::string kArmRecording = std::string(BFR_SOURCE_DIR) + "/assets/recordings/arm-30-15-15-15-50pct-lop.csv";

std::unique_ptr<bfr::test::TempDir> temp_dir(const std::string& name) {
    return std::make_unique<bfr::test::TempDir>("therapist_test_" + name);
}

std::string file_bytes(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("shot --mode therapist renders the lab at the size asked, the same picture every time",
          "[cli][process][gl][therapist]") {
    const auto tmp = temp_dir("shot");
    const fs::path& dir = tmp->path();
    for (const char* name : {"a.png", "b.png"}) {
        const auto r = run_process(kExe,
                                   {"shot", "--mode", "therapist", "--at", "120", "--frames", "2", "--size", "640x360",
                                    "--out", (dir / name).string()},
                                   offscreen_env());
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(r.out.find("frames: 2") != std::string::npos);
        CHECK(r.out.find("triangles:") != std::string::npos);
    }
    std::string error;
    const auto image = bfr::render::load_png((dir / "a.png").string(), &error);
    INFO(error);
    REQUIRE(image);
    CHECK(image->width == 640);
    CHECK(image->height == 360);
    CHECK(file_bytes(dir / "a.png") == file_bytes(dir / "b.png"));
}

TEST_CASE("shot --mode therapist with a recording renders the replay theatre", "[cli][process][gl][therapist]") {
    const auto tmp = temp_dir("theatre");
    const fs::path out = tmp->path() / "t.png";
    const auto r = run_process(kExe,
                               {"shot", "--mode", "therapist", "--source", "file:" + kArmRecording, "--at", "100",
                                "--frames", "1", "--size", "480x270", "--out", out.string()},
                               offscreen_env());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::string error;
    const auto image = bfr::render::load_png(out.string(), &error);
    REQUIRE(image);
    CHECK(image->width == 480);
    CHECK(image->height == 270);
    // --no-ui: the limb alone.
    const auto bare = run_process(kExe,
                                  {"shot", "--mode", "therapist", "--no-ui", "--frames", "1", "--size", "320x200",
                                   "--out", (tmp->path() / "bare.png").string()},
                                  offscreen_env());
    INFO(bare.err);
    CHECK(bare.exit_code == 0);
}

TEST_CASE("therapist mode refuses a live source (2) and a missing recording (3)", "[cli][process][therapist]") {
    const auto tmp = temp_dir("refuse");
    const auto live = run_process(
        kExe, {"shot", "--mode", "therapist", "--source", "udp:127.0.0.1:9", "--out", (tmp->path() / "x.png").string()},
        offscreen_env());
    CHECK(live.exit_code == 2);
    CHECK(live.err.find("live cuff runs in the home mode") != std::string::npos);
    CHECK(live.err.find("hint:") != std::string::npos);
    const auto missing = run_process(kExe,
                                     {"shot", "--mode", "therapist", "--source", "file:/nonexistent/rec.csv", "--out",
                                      (tmp->path() / "y.png").string()},
                                     offscreen_env());
    CHECK(missing.exit_code == 3);
    CHECK(missing.err.find("/nonexistent/rec.csv") != std::string::npos);
    CHECK_FALSE(fs::exists(tmp->path() / "x.png"));
    CHECK_FALSE(fs::exists(tmp->path() / "y.png"));
    const auto protocol = run_process(
        kExe, {"shot", "--mode", "therapist", "--protocol", "no-such-protocol", "--out", (tmp->path() / "z.png").string()},
        offscreen_env());
    CHECK(protocol.exit_code == 2);
}

TEST_CASE("run --mode therapist opens the lab and records its run when it ends", "[cli][process][gl][therapist]") {
    const auto tmp = temp_dir("run");
    const fs::path data = tmp->path() / "data";
    const auto r = run_process(kExe, {"run", "--mode", "therapist", "--size", "480x270", "--data-dir", data.string()},
                               offscreen_env(), 60.0, 3.0, SIGTERM);
    INFO(r.err);
    CHECK_FALSE(r.timed_out);
    CHECK(r.signal == 0);
    CHECK(r.exit_code == 0);
    int a = 0;
    int b = 0;
    if (fs::is_directory(data / "recordings")) {
        for (const auto& e : fs::directory_iterator(data / "recordings")) {
            const std::string name = e.path().filename().string();
            if (name.find("-lab-A") != std::string::npos) ++a;
            if (name.find("-lab-B") != std::string::npos) ++b;
        }
    }
    CHECK(a == 1);
    CHECK(b == 1);
}
