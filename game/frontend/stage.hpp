#pragma once
// What every windowed mode shares (home, therapist, kiosk): the window + renderer + UI ("stage"),
// the telemetry feeds of a scene, the simulated cuff's configuration, and the `shot` plumbing
// (an offscreen or hidden window, the PNG and the timing figures on stdout).

#include "engine/app/app.hpp"
#include "engine/platform/platform.hpp"
#include "engine/render/gl/gl_renderer.hpp"
#include "engine/render/image.hpp"
#include "engine/ui/ui_context.hpp"
#include "game/cli/cli.hpp"
#include "game/frontend/feeds.hpp"
#include "game/protocol/protocol.hpp"
#include "game/session/limb.hpp"

#include <memory>
#include <string>

namespace bfr::frontend {

[[nodiscard]] session::LimbKind to_limb(cli::Limb limb);

/// The simulated cuff for a scene. LOP is the limb's default (interfaces.md §3) rather than
/// measured first, so the session starts within seconds; `auto_tempo` runs the protocol by itself.
[[nodiscard]] sim::SimConfig sim_config(const cli::SceneOptions& scene, bool auto_tempo, bool guided = false,
                                        double lop_mmHg = 0.0, const protocol::Protocol* protocol = nullptr);

/// Everything a frame needs, built once.
struct Stage {
    std::unique_ptr<platform::Window> window;
    std::unique_ptr<render::gl::GlRenderer> renderer;
    std::unique_ptr<ui::UiContext> ui;
};

/// Opens the window, the renderer and (optionally) the UI. Logs and returns false on failure.
/// The UI never writes imgui.ini: every panel is placed by code, so there is nothing to save.
[[nodiscard]] bool build_stage(Stage& stage, const platform::WindowDesc& desc, bool with_ui, float ui_scale,
                               int msaa_samples);

/// The stage of `run`: a visible window on a real display (x11/wayland) of the scene's size,
/// fullscreen when asked (or when `force_fullscreen`), with the UI. False (logged, with the
/// no-display hint on stderr when no window could open) when nothing can render.
[[nodiscard]] bool build_run_stage(Stage& stage, const cli::RunOptions& options, const char* title,
                                   bool force_fullscreen = false);

/// The stage of `shot`: SDL_VIDEODRIVER decides; else a hidden window on the display when there
/// is one (xvfb-run), else the offscreen (EGL) driver. False (logged) when nothing can render.
[[nodiscard]] bool build_shot_stage(Stage& stage, const cli::ShotOptions& options, const char* title);

/// Reads back the last frame, writes `options.out_path` and prints the figures `shot` prints
/// (interfaces.md §2: frames, mean/p99 frame ms, triangles, draw calls, and the reference). Returns
/// the exit status.
[[nodiscard]] int finish_shot(Stage& stage, const render::Image& image, const app::FrameTimings& timings,
                              const cli::ShotOptions& options, double simulation_time_s);

/// The telemetry feed of a scene: the simulator, a file or a live device (one of them).
struct Feeds {
    std::unique_ptr<SimFeed> sim;
    std::unique_ptr<FileFeed> file;
    std::unique_ptr<LiveFeed> live;
    [[nodiscard]] session::SampleFeed& active() const {
        if (file) return *file;
        if (live) return *live;
        return *sim;
    }
};

/// Opens the scene's `--source`. False, with a reason, when the file or device cannot be opened.
[[nodiscard]] bool open_feeds(const cli::SceneOptions& scene, bool auto_tempo, Feeds& feeds, std::string* error,
                              bool guided = false, double lop_mmHg = 0.0, const protocol::Protocol* protocol = nullptr);

/// Prints a usage error the way the command line does ("bfr-coach SUB: error: …" + hint).
void usage_error(const char* subcommand, const std::string& message);

inline constexpr const char* kNoDisplayHint =
    "hint: render a picture without a display with 'bfr-coach shot --out shot.png', or run the window on a "
    "virtual display with 'xvfb-run -a bfr-coach'\n";

/// Real display servers only: without this, SDL falls back to its invisible offscreen driver when
/// DISPLAY points nowhere, and `run` would run forever with nothing on screen.
inline constexpr const char* kDisplayDrivers = "x11,wayland";

/// `shot` also times the speed budget's reference (ImGui's bare demo) when it renders at least
/// this many frames (with the HUD: --no-ui has no ImGui to compare with).
inline constexpr std::uint32_t kReferenceMinFrames = 60;

}  // namespace bfr::frontend
