// The program as a user runs it: exit codes, messages, the PNG of `shot`, and `run` headless.
// These tests start bfr-coach as a child process (with SDL's offscreen driver where GL is needed).

#include "engine/render/camera.hpp"
#include "engine/render/image.hpp"
#include "game/presentation/limb_meshes.hpp"
#include "game/presentation/scene.hpp"
#include "game/session/limb.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <memory>

namespace fs = std::filesystem;
using bfr::test::offscreen_env;
using bfr::test::run_process;

namespace {

const std::string kExe = BFR_COACH_EXE;

/// A fresh, unique temporary folder (suites may run side by side), removed with its contents.
struct TempDir {
    fs::path path;
    TempDir() = default;
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::unique_ptr<TempDir> temp_dir(const std::string& name) {
    std::string pattern = (fs::temp_directory_path() / ("bfr_cli_test_" + name + "_XXXXXX")).string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    auto dir = std::make_unique<TempDir>();
    dir->path = pattern;
    return dir;
}

/// Runs a shell command line (for redirections a child process of ours cannot express).
bfr::test::ProcessResult shell(const std::string& command, const std::map<std::string, std::string>& env) {
    return run_process("/bin/sh", {"-c", command}, env);
}

/// Environment for GL children: no X, the offscreen EGL driver, dummy audio, and (under ASan)
/// no leak report, because Mesa's llvmpipe leaks a few hundred bytes of its own at exit
/// (toolchain.md, pitfall 7). Children that never create a GL context keep leak checking.
/// Runs `shot` with `args` plus `--out PATH` and returns the picture (the test fails if it cannot).
bfr::render::Image shoot(std::vector<std::string> args, const fs::path& png) {
    args.insert(args.begin(), "shot");
    args.push_back("--out");
    args.push_back(png.string());
    const auto r = run_process(kExe, args, offscreen_env());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::string error;
    auto image = bfr::render::load_png(png.string(), &error);
    INFO(error);
    REQUIRE(image);
    return std::move(*image);
}

int max_channel_difference(glm::u8vec4 a, glm::u8vec4 b) {
    return std::max({std::abs(a.r - b.r), std::abs(a.g - b.g), std::abs(a.b - b.b)});
}

}  // namespace

TEST_CASE("help and version exit 0 on stdout", "[cli][process]") {
    const auto help = run_process(kExe, {"--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("Usage:") != std::string::npos);
    CHECK(help.err.empty());
    const auto version = run_process(kExe, {"--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out.rfind("bfr-coach 0.", 0) == 0);
}

TEST_CASE("wrong usage exits 2 with a message and a hint on stderr", "[cli][process]") {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--no-such-flag"}, {"shot", "--size", "big"}, {"shot", "--frames", "-1"}, {"bogus"}, {"replay"}}) {
        const auto r = run_process(kExe, args);
        INFO(args.front() << ": " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.signal == 0);
        CHECK(r.out.empty());
        CHECK(r.err.find("error") != std::string::npos);
        CHECK(r.err.find("hint:") != std::string::npos);
    }
}

TEST_CASE("shot --mode kiosk renders the kiosk's own screen, the same every time, in the language asked", "[cli][process][kiosk]") {
    const auto tmp = temp_dir("kiosk");
    const fs::path& dir = tmp->path;
    const std::vector<std::string> common{"--mode", "kiosk", "--frames", "4", "--size", "480x270", "--at", "20"};
    auto with = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = common;
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    };
    const auto en = shoot(with({}), dir / "en.png");
    const auto en_again = shoot(with({}), dir / "en2.png");
    const auto de = shoot(with({"--lang", "de"}), dir / "de.png");
    CHECK(en.width == 480);
    CHECK(en.height == 270);
    CHECK(en.rgba == en_again.rgba);  // deterministic: the attract loop runs in simulation time
    CHECK(en.rgba != de.rgba);          // the captions are German
    // An unknown language is a warning, not a failure: the kiosk must come up.
    const auto r = run_process(kExe, {"shot", "--mode", "kiosk", "--frames", "2", "--size", "160x90", "--lang", "xx",
                                      "--out", (dir / "xx.png").string()},
                               offscreen_env());
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("--lang xx") != std::string::npos);
    CHECK(fs::exists(dir / "xx.png"));
}

TEST_CASE("eval-reps counts every labelled file, says why one cannot be read, and closes with the figures",
          "[cli][process]") {
    const auto tmp = temp_dir("eval");
    const fs::path& dir = tmp->path;
    // Two recordings with the joint angle: 6 and 4 reps of 2 s; one the labels name but that is not there.
    for (const auto& [name, reps] : std::vector<std::pair<std::string, int>>{{"six.csv", 6}, {"four.csv", 4}}) {
        std::ofstream f(dir / name);
        f << "t_s,angle_deg\n";
        for (int k = 0; k <= 50 * (2 * reps + 4); ++k) {
            const double t = k / 50.0;
            const double in = t - 2.0;
            const double p = in >= 0.0 && in < 2.0 * reps ? 0.5 - 0.5 * std::cos(3.14159265358979 * std::fmod(in, 2.0)) : 0.0;
            f << t << "," << 10.0 + 125.0 * p << "\n";
        }
    }
    std::ofstream(dir / "labels.csv") << "file,exercise,true_reps\nsix.csv,curl,6\nfour.csv,curl,5\nmissing.csv,curl,3\n";
    const auto r = run_process(kExe, {"eval-reps", dir.string()});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("six.csv, 6, 6, +0") != std::string::npos);
    CHECK(r.out.find("four.csv, 5, 4, -1") != std::string::npos);
    CHECK(r.out.find("missing.csv, 3, 0, -3") != std::string::npos);
    CHECK(r.err.find("missing.csv: counted as 0 reps") != std::string::npos);
    const auto last = r.out.substr(r.out.rfind("exact:"));
    CHECK(last == "exact: 1/3 (33.3%)  within1: 2/3 (66.7%)  mae: 1.333\n");

    // No folder, no labels, labels without the columns: exit 3 with the reason.
    CHECK(run_process(kExe, {"eval-reps", (dir / "nope").string()}).exit_code == 3);
    const auto empty = temp_dir("eval_empty");
    const auto no_labels = run_process(kExe, {"eval-reps", empty->path.string()});
    CHECK(no_labels.exit_code == 3);
    CHECK(no_labels.err.find("labels.csv") != std::string::npos);
    std::ofstream(empty->path / "labels.csv") << "name,count\na.csv,3\n";
    const auto bad = run_process(kExe, {"eval-reps", empty->path.string()});
    CHECK(bad.exit_code == 3);
    CHECK(bad.err.find("true_reps") != std::string::npos);
}

TEST_CASE("run with no display exits 3 and points to shot and xvfb-run", "[cli][process]") {
    const auto tmp = temp_dir("nodisplay");
    const fs::path& dir = tmp->path;
    const auto r = run_process(kExe, {"--data-dir", dir.string()},
                               {{"DISPLAY", ""}, {"WAYLAND_DISPLAY", ""}, {"SDL_VIDEODRIVER", ""}});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("no display") != std::string::npos);
    CHECK(r.err.find("bfr-coach shot") != std::string::npos);
    CHECK(r.err.find("xvfb-run") != std::string::npos);
}

TEST_CASE("shot writes a PNG of the asked size with the limb drawn, and prints its figures", "[cli][process][gl]") {
    const auto tmp = temp_dir("shot");
    const fs::path& dir = tmp->path;
    const fs::path png = dir / "s.png";
    const auto r = run_process(kExe,
                               {"shot", "--frames", "10", "--size", "320x200", "--no-ui", "--out", png.string(),
                                "--data-dir", (dir / "data").string()},
                               offscreen_env());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("frames: 10\n") != std::string::npos);
    CHECK(r.out.find("mean_frame_ms: ") != std::string::npos);
    CHECK(r.out.find("p99_frame_ms: ") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "data"));  // shot records nothing

    std::string error;
    const auto image = bfr::render::load_png(png.string(), &error);
    INFO(error);
    REQUIRE(image);
    CHECK(image->width == 320);
    CHECK(image->height == 200);

    // Where the elbow projects, the limb covers the background: compare with the same row at the
    // left edge, which only the background reaches.
    const auto rig = bfr::session::default_rig(bfr::session::LimbKind::Arm);
    const auto view = bfr::render::make_camera_view(bfr::presentation::default_camera(rig.kind), 320.f / 200.f);
    for (const glm::vec3 point : {glm::vec3(0.f), bfr::session::proximal_joint(rig) * 0.5f}) {
        const auto px = bfr::render::project_to_pixel(view.proj * view.view, point, 320, 200);
        REQUIRE(px);
        const int x = static_cast<int>(px->x);
        const int y = static_cast<int>(px->y);
        CAPTURE(x, y);
        CHECK(max_channel_difference(image->pixel(x, y), image->pixel(1, y)) > 30);
    }
    // The top-left and top-right corners are background (no UI with --no-ui).
    CHECK(max_channel_difference(image->pixel(1, 1), image->pixel(318, 1)) < 12);
}

TEST_CASE("shot is deterministic: the same command gives the same picture", "[cli][process][gl]") {
    const auto tmp = temp_dir("shot_det");
    const fs::path& dir = tmp->path;
    for (const char* name : {"a.png", "b.png"}) {
        const auto r = run_process(
            kExe, {"shot", "--frames", "5", "--at", "3.3", "--size", "256x160", "--out", (dir / name).string()},
            offscreen_env());
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
    }
    std::string error;
    const auto a = bfr::render::load_png((dir / "a.png").string(), &error);
    const auto b = bfr::render::load_png((dir / "b.png").string(), &error);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(bfr::render::compare_images(*a, *b, 0).max_abs_channel == 0);
}

TEST_CASE("shot --at moves the simulation: a different pose gives a different picture", "[cli][process][gl]") {
    const auto tmp = temp_dir("shot_at");
    const fs::path& dir = tmp->path;
    // The simulated patient's first set starts at 6 s (1 s idle, inflation, 5 s to settle), 2 s
    // per rep: at 6.9 s the forearm is near the top, at 7.9 s back down.
    const auto up = shoot({"--frames", "3", "--no-ui", "--at", "6.85", "--size", "256x160"}, dir / "up.png");
    const auto down = shoot({"--frames", "3", "--no-ui", "--at", "7.85", "--size", "256x160"}, dir / "down.png");
    CHECK(bfr::render::compare_images(up, down, 30).failing_fraction > 0.01);
}

TEST_CASE("shot into a folder that does not exist fails with exit 3 and the path", "[cli][process][gl]") {
    const auto r = run_process(kExe, {"shot", "--frames", "1", "--size", "64x64", "--out", "/nonexistent/dir/x.png"},
                               offscreen_env());
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("/nonexistent/dir/x.png") != std::string::npos);
}

TEST_CASE("run opens the window offscreen, creates the data folder and quits cleanly", "[cli][process][gl]") {
    const auto tmp = temp_dir("run");
    const fs::path& dir = tmp->path;
    const auto r = run_process(
        kExe, {"run", "--quit-after-frames", "20", "--size", "320x200", "--data-dir", (dir / "data").string()},
        offscreen_env());
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(fs::is_directory(dir / "data"));
}

TEST_CASE("run refuses a data folder that is a file, with exit 3", "[cli][process]") {
    const auto tmp = temp_dir("run_bad_data");
    const fs::path& dir = tmp->path;
    { std::ofstream(dir / "file") << "x"; }
    const auto r =
        run_process(kExe, {"run", "--quit-after-frames", "1", "--data-dir", (dir / "file").string()}, offscreen_env());
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("not a folder") != std::string::npos);
}

TEST_CASE("run ends cleanly (exit 0) on SIGTERM and on SIGINT", "[cli][process][gl]") {
    for (const int sig : {SIGTERM, SIGINT}) {
        const auto tmp = temp_dir("run_signal");
        const fs::path& dir = tmp->path;
        const auto r = run_process(kExe, {"run", "--size", "320x200", "--data-dir", (dir / "data").string()},
                                   offscreen_env(), 60.0, 1.5, sig);
        INFO("signal " << sig << ": " << r.err);
        CHECK_FALSE(r.timed_out);
        CHECK(r.signal == 0);
        CHECK(r.exit_code == 0);
    }
}

TEST_CASE("shot stops on SIGINT: conventional status 130, no picture, no temporary file", "[cli][process][gl]") {
    const auto tmp = temp_dir("shot_sigint");
    const fs::path& dir = tmp->path;
    const auto r =
        run_process(kExe, {"shot", "--frames", "100000", "--size", "128x128", "--out", (dir / "s.png").string()},
                    offscreen_env(), 60.0, 1.0, SIGINT);
    INFO(r.err);
    CHECK_FALSE(r.timed_out);
    CHECK(r.signal == 0);
    CHECK(r.exit_code == 130);
    CHECK(r.err.find("interrupted") != std::string::npos);
    CHECK(fs::is_empty(dir));
}

TEST_CASE("shot --at far ahead is interruptible too", "[cli][process][gl]") {
    const auto tmp = temp_dir("shot_at_sigterm");
    const fs::path& dir = tmp->path;
    const auto r = run_process(kExe, {"shot", "--at", "604800", "--size", "128x128", "--out", (dir / "s.png").string()},
                               offscreen_env(), 60.0, 1.0, SIGTERM);
    CHECK_FALSE(r.timed_out);
    CHECK(r.exit_code == 143);
    CHECK(fs::is_empty(dir));
}

TEST_CASE("a DISPLAY that points nowhere: run exits 3 with the hint, shot falls back to offscreen",
          "[cli][process][gl]") {
    const auto tmp = temp_dir("stale_display");
    const fs::path& dir = tmp->path;
    const std::map<std::string, std::string> env = {
        {"DISPLAY", ":4242"}, {"WAYLAND_DISPLAY", ""}, {"SDL_VIDEODRIVER", ""}, {"ASAN_OPTIONS", "detect_leaks=0"}};
    const auto run = run_process(kExe, {"run", "--data-dir", (dir / "data").string()}, env, 30.0);
    INFO(run.err);
    CHECK_FALSE(run.timed_out);
    CHECK(run.exit_code == 3);
    CHECK(run.err.find("xvfb-run") != std::string::npos);
    const auto shot =
        run_process(kExe, {"shot", "--frames", "2", "--size", "96x64", "--out", (dir / "s.png").string()}, env, 60.0);
    INFO(shot.err);
    CHECK(shot.exit_code == 0);
    CHECK(fs::exists(dir / "s.png"));
}

TEST_CASE("a closed stderr or a full stdout never crashes the program", "[cli][process][gl]") {
    const auto tmp = temp_dir("closed_streams");
    const fs::path& dir = tmp->path;
    auto env = offscreen_env();
    const auto closed = shell("'" + kExe + "' replay x.csv 2>&-; echo \"status $?\"", env);
    CHECK(closed.out.find("status 3") != std::string::npos);  // a missing file, told to a closed stderr
    const auto full = shell("'" + kExe + "' shot --frames 1 --size 64x64 --out '" + (dir / "s.png").string() +
                                "' > /dev/full; echo \"status $?\" >&2",
                            env);
    INFO(full.err);
    CHECK(full.err.find("status 3") != std::string::npos);
    CHECK(full.err.find("could not write the figures") != std::string::npos);
}

TEST_CASE("shot writes through a symbolic link and leaves the link in place", "[cli][process][gl]") {
    const auto tmp = temp_dir("shot_symlink");
    const fs::path& dir = tmp->path;
    fs::create_directories(dir / "real");
    fs::create_symlink(dir / "real" / "target.png", dir / "link.png");
    const auto r = run_process(kExe, {"shot", "--frames", "1", "--size", "64x64", "--out", (dir / "link.png").string()},
                               offscreen_env());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(fs::is_symlink(dir / "link.png"));
    CHECK(fs::file_size(dir / "real" / "target.png") > 100);
    const auto folder =
        run_process(kExe, {"shot", "--frames", "1", "--size", "64x64", "--out", dir.string()}, offscreen_env());
    CHECK(folder.exit_code == 3);
    CHECK(folder.err.find("is a folder") != std::string::npos);
}

TEST_CASE("the default shot draws the HUD over the scene; --no-ui leaves it out", "[cli][process][gl]") {
    const auto tmp = temp_dir("shot_hud");
    const fs::path& dir = tmp->path;
    for (const auto& [name, extra] : {std::pair{"ui.png", ""}, std::pair{"noui.png", "--no-ui"}}) {
        std::vector<std::string> args = {"shot", "--frames", "2", "--size", "640x360", "--out", (dir / name).string()};
        if (std::string(extra).size() > 0) args.emplace_back(extra);
        const auto r = run_process(kExe, args, offscreen_env());
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
    }
    std::string error;
    const auto ui = bfr::render::load_png((dir / "ui.png").string(), &error);
    const auto noui = bfr::render::load_png((dir / "noui.png").string(), &error);
    REQUIRE(ui);
    REQUIRE(noui);
    // The HUD panel sits in the top-left corner: there the pictures differ, and text makes the
    // panel busy (many distinct pixel values); the background alone is a smooth gradient.
    int differing = 0;
    for (int y = 20; y < 120; ++y) {
        for (int x = 20; x < 160; ++x) differing += max_channel_difference(ui->pixel(x, y), noui->pixel(x, y)) > 20;
    }
    CHECK(differing > 2000);
}

// Golden images: the whole picture of a fixed moment, compared with a baseline made on the same
// rasteriser with Filament's tolerances: at most 0.1 % of the pixels may differ by more than
// 5/255. The baselines' renderer (GL_RENDERER / GL_VERSION, e.g. "llvmpipe (LLVM 15.0.6, 256
// bits) / 4.5 (Core Profile) Mesa 22.3.6") is kept in renderer.txt beside them; on any other
// renderer the comparison is reported, not enforced, because a baseline is only valid for the
// rasteriser that made it. BFR_UPDATE_GOLDEN=1 rewrites the baselines (review them, then commit
// them on their own).
namespace {

/// The renderer named in the debug line "video driver D, RENDERER, MSAA Nx".
std::string renderer_of(const std::string& log) {
    const auto line = log.find("video driver ");
    if (line == std::string::npos) return {};
    const auto start = log.find(", ", line);
    const auto end = log.find(", MSAA", start);
    if (start == std::string::npos || end == std::string::npos) return {};
    return log.substr(start + 2, end - start - 2);
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path);
    std::string text;
    std::getline(in, text);
    return text;
}

}  // namespace

namespace {

/// The demo block (assets/recordings, scripts/make_demo_recordings.py): cuff on at 5 s, sets at
/// 10, 100, 160 and 220 s (30-15-15-15, 2 s per rep, 30 s rests), released at 252 s.
const fs::path kArmBlock =
    fs::path(BFR_SOURCE_DIR) / "assets" / "recordings" / "arm-30-15-15-15-50pct-lop.csv";

/// Pixel of a world point in the default arm camera's picture of the given size.
glm::vec2 arm_pixel(glm::vec3 world, int width, int height) {
    const auto view = bfr::render::make_camera_view(bfr::presentation::default_camera(bfr::session::LimbKind::Arm),
                                                    static_cast<float>(width) / static_cast<float>(height));
    const auto px = bfr::render::project_to_pixel(view.proj * view.view, world, width, height);
    REQUIRE(px);
    return *px;
}

/// The limb (skin, the metabolite colours and the veins on it: all carry red), unlike the dark
/// blue-grey background (red <= 75), the cuff and the sleeve.
bool warm(glm::u8vec4 c) {
    return c.r > 95;
}

/// Warm pixels in the rows [row0, row1).
int warm_pixels(const bfr::render::Image& image, int row0, int row1) {
    int n = 0;
    for (int y = std::max(row0, 0); y < std::min(row1, image.height); ++y) {
        for (int x = 0; x < image.width; ++x) n += warm(image.pixel(x, y)) ? 1 : 0;
    }
    return n;
}

}  // namespace

TEST_CASE("golden images of the arm with the HUD and of the leg alone", "[cli][process][gl][golden]") {
    const auto tmp = temp_dir("golden");
    const fs::path& dir = tmp->path;
    const fs::path baselines = fs::path(BFR_SOURCE_DIR) / "tests" / "golden" / "baselines";
    struct Case {
        const char* name;
        std::vector<std::string> args;
    };
    const Case cases[] = {
        {"arm_hud_320x200", {"--limb", "arm", "--at", "6.4"}},
        {"leg_noui_320x200", {"--limb", "leg", "--at", "7.4", "--no-ui"}},
        {"arm_xray_after_block_320x200",
         {"--source", "file:" + kArmBlock.string(), "--at", "251", "--no-ui", "--xray"}},
    };
    for (const Case& c : cases) {
        const fs::path actual = dir / (std::string(c.name) + ".png");
        std::vector<std::string> args = {"shot",        "--frames", "2",     "--size",       "320x200",
                                         "--log-level", "debug",    "--out", actual.string()};
        args.insert(args.end(), c.args.begin(), c.args.end());
        const auto r = run_process(kExe, args, offscreen_env());
        INFO(c.name << ": " << r.err);
        REQUIRE(r.exit_code == 0);
        const std::string renderer = renderer_of(r.err);
        REQUIRE_FALSE(renderer.empty());
        const bool same_renderer = renderer == read_text(baselines / "renderer.txt");
        const fs::path baseline = baselines / (std::string(c.name) + ".llvmpipe.png");
        if (std::getenv("BFR_UPDATE_GOLDEN") != nullptr) {
            fs::create_directories(baselines);
            fs::copy_file(actual, baseline, fs::copy_options::overwrite_existing);
            std::ofstream(baselines / "renderer.txt") << renderer << "\n";
            WARN("rewrote " << baseline.string());
            continue;
        }
        std::string error;
        const auto want = bfr::render::load_png(baseline.string(), &error);
        const auto got = bfr::render::load_png(actual.string(), &error);
        REQUIRE(got);
        REQUIRE(want);
        const auto diff = bfr::render::compare_images(*got, *want, 5);
        INFO("max channel difference " << diff.max_abs_channel << ", failing fraction " << diff.failing_fraction);
        if (!same_renderer) {
            WARN("golden image " << c.name << " not enforced: made on '" << read_text(baselines / "renderer.txt")
                                 << "', this is '" << renderer << "'");
            continue;
        }
        if (diff.failing_fraction > 0.001) {
            const fs::path keep = fs::path(BFR_BINARY_DIR) / (std::string(c.name) + ".actual.png");
            fs::copy_file(actual, keep, fs::copy_options::overwrite_existing);
            FAIL_CHECK("golden image " << c.name << " differs; the actual picture is " << keep.string());
        }
    }
}

TEST_CASE("after a replayed 30-15-15-15 block at 50 % LOP the limb's silhouette is larger than at rest",
          "[cli][process][gl][visual]") {
    const auto tmp = temp_dir("silhouette");
    const int w = 640;
    const int h = 360;
    const std::vector<std::string> common = {"--source", "file:" + kArmBlock.string(), "--frames", "1", "--no-ui",
                                             "--size",   std::to_string(w) + "x" + std::to_string(h)};
    auto args = [&](const char* at) {
        auto a = common;
        a.insert(a.end(), {"--at", at});
        return a;
    };
    const auto rest = shoot(args("4"), tmp->path / "rest.png");      // before the cuff goes on
    const auto after = shoot(args("251"), tmp->path / "after.png");  // just after set 4, cuff still on
    // The segment between the cuff and the elbow, where the model's muscle swells (the same pose
    // in both: the arm hangs at rest).
    const auto rig = bfr::session::default_rig(bfr::session::LimbKind::Arm);
    const auto cuff = bfr::presentation::cuff_placement(rig);
    const glm::vec3 shoulder = bfr::session::proximal_joint(rig);
    const glm::vec3 down = bfr::session::proximal_direction(rig);
    const int row0 = static_cast<int>(arm_pixel(shoulder + down * (cuff.end_m + 0.01f), w, h).y);
    const int row1 = static_cast<int>(arm_pixel(glm::vec3(0.f, 0.01f, 0.f), w, h).y);
    REQUIRE(row1 > row0 + 20);
    const int before_px = warm_pixels(rest, row0, row1);
    const int after_px = warm_pixels(after, row0, row1);
    INFO("rows " << row0 << ".." << row1 << ": " << before_px << " px at rest, " << after_px << " px after the block");
    CHECK(before_px > 20 * (row1 - row0));  // the arm is there, ~20+ px wide at this size
    CHECK(after_px > before_px * 105 / 100);  // the swelling (true to scale) widens it measurably
    CHECK(after_px < before_px * 140 / 100);  // ...but plausibly
    // Above the cuff nothing swells: the sleeve and shoulder are the same.
    const int top_row = static_cast<int>(arm_pixel(shoulder + down * 0.0f, w, h).y);
    CHECK(std::abs(warm_pixels(after, 0, top_row) - warm_pixels(rest, 0, top_row)) <= 2 * w / 100);
}

TEST_CASE("the limb's colour darkens monotonically as the metabolites rise through set 1",
          "[cli][process][gl][visual]") {
    const auto tmp = temp_dir("ramp");
    const int w = 640;
    const int h = 360;
    // A patch on the upper arm just above the elbow: the first place the fill reaches.
    const glm::vec2 p = arm_pixel(glm::vec3(0.f, 0.018f, 0.01f), w, h);
    double previous = 1e9;
    // Set 1 runs 10..70 s, one rep every 2 s: each moment shown is the bottom of a rep (the arm
    // hangs as at rest; --frames 1 shows the state 1/60 s after --at).
    for (const char* at : {"7.98", "19.98", "39.98", "59.98"}) {
        const auto image = shoot({"--source", "file:" + kArmBlock.string(), "--frames", "1", "--no-ui", "--size",
                                  std::to_string(w) + "x" + std::to_string(h), "--at", at},
                                 tmp->path / (std::string("t") + at + ".png"));
        double luminance = 0.0;
        int n = 0;
        for (int dy = -3; dy <= 3; ++dy) {
            for (int dx = -3; dx <= 3; ++dx) {
                const auto c = image.pixel(static_cast<int>(p.x) + dx, static_cast<int>(p.y) + dy);
                luminance += 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
                ++n;
            }
        }
        luminance /= n;
        INFO("t = " << at << " s: luminance " << luminance);
        CHECK(luminance < previous - 2.0);
        previous = luminance;
    }
}

TEST_CASE("a broken shader stops shot with exit 3 and names the file and line", "[cli][process][gl]") {
    const auto tmp = temp_dir("broken_shader");
    const fs::path& dir = tmp->path;
    for (const char* name : {"lit.vert", "background.vert", "background.frag"}) {
        fs::copy_file(fs::path(BFR_SOURCE_DIR) / "shaders" / name, dir / name);
    }
    std::ofstream(dir / "lit.frag")
        << "#version 330 core\nout vec4 o_color;\nvoid main() {\n    o_color = vec4(nope);\n}\n";
    auto env = offscreen_env();
    env["BFR_SHADER_DIR"] = dir.string();
    const auto r =
        run_process(kExe, {"shot", "--frames", "1", "--size", "64x64", "--out", (dir / "s.png").string()}, env);
    INFO(r.err);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find((dir / "lit.frag").string() + ":4") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "s.png"));
}

TEST_CASE("shot --source file: shows the recording's pose, and the last state past its end", "[cli][process][gl]") {
    const auto tmp = temp_dir("shot_file");
    const fs::path& dir = tmp->path;
    for (const auto& [name, angle] : {std::pair{"up.csv", 130}, std::pair{"down.csv", 10}}) {
        std::ofstream f(dir / name);
        f << "# test recording\nt_s,cuff_mmHg,lop_mmHg,angle_deg\n";
        for (int i = 0; i < 300; ++i) f << i * 0.01 << ",85," << 170 << "," << angle << "\n";
    }
    auto from_file = [&](const std::string& name) {
        return shoot({"--frames", "2", "--no-ui", "--size", "256x160", "--at", "10", "--source",
                      "file:" + (dir / (name + ".csv")).string()},
                     dir / (name + ".png"));
    };
    CHECK(bfr::render::compare_images(from_file("up"), from_file("down"), 30).failing_fraction > 0.01);
}

TEST_CASE("a source that cannot be opened exits 3 and says why", "[cli][process][gl]") {
    const auto tmp = temp_dir("bad_source");
    const fs::path& dir = tmp->path;
    const auto file = run_process(
        kExe, {"shot", "--source", "file:" + (dir / "missing.csv").string(), "--out", (dir / "x.png").string()},
        offscreen_env());
    CHECK(file.exit_code == 3);
    CHECK(file.err.find("missing.csv") != std::string::npos);
    const auto serial = run_process(
        kExe, {"run", "--source", "serial:" + (dir / "ttyNOPE").string(), "--data-dir", (dir / "data").string()},
        offscreen_env());
    CHECK(serial.exit_code == 3);
    CHECK(serial.err.find("ttyNOPE") != std::string::npos);
}

TEST_CASE("run --source udp: shows and records the lines a device sends", "[cli][process][gl]") {
    const auto tmp = temp_dir("run_udp");
    const fs::path& dir = tmp->path;
    // A free port: bind port 0, read it back, release it.
    const int probe = ::socket(AF_INET, SOCK_DGRAM, 0);
    REQUIRE(probe >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(probe, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(probe, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    const int port = ntohs(addr.sin_port);
    ::close(probe);
    const std::string script =
        "'" + kExe + "' --source udp:127.0.0.1:" + std::to_string(port) + " --size 160x120 --data-dir '" +
        (dir / "data").string() + "' & pid=$!; sleep 1.5; " +
        "for i in $(seq 0 99); do printf 't_s,cuff_mmHg,angle_deg\\n%s,88.5,45\\n' \"$i\" > /dev/udp/127.0.0.1/" +
        std::to_string(port) + "; done; sleep 1; kill -TERM $pid; wait $pid; echo \"status $?\"";
    const auto r = run_process("/bin/bash", {"-c", script}, offscreen_env(), 60.0);
    INFO(r.out << r.err);
    CHECK(r.out.find("status 0") != std::string::npos);
    REQUIRE(fs::is_directory(dir / "data" / "recordings"));
    int rows = 0;
    for (const auto& entry : fs::directory_iterator(dir / "data" / "recordings")) {
        std::ifstream in(entry.path());
        for (std::string line; std::getline(in, line);) rows += line.find(",88.5,") != std::string::npos;
    }
    CHECK(rows == 100);
}
