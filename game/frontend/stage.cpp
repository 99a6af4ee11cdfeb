#include "game/frontend/stage.hpp"

#include "engine/core/interrupt.hpp"
#include "engine/core/log.hpp"
#include "engine/platform/sdl/sdl_platform.hpp"
#include "engine/ui/reference_frames.hpp"
#include "game/frontend/paths.hpp"
#include "game/presentation/view_models.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace bfr::frontend {

session::LimbKind to_limb(cli::Limb limb) {
    return limb == cli::Limb::Leg ? session::LimbKind::Leg : session::LimbKind::Arm;
}

sim::SimConfig sim_config(const cli::SceneOptions& scene, bool auto_tempo, bool guided, double lop_mmHg,
                          const protocol::Protocol* protocol) {
    sim::SimConfig c;
    if (protocol != nullptr) {
        // The patient performs this protocol (a to-failure set: its minimum, at least 15 reps).
        c.set_reps.clear();
        for (const protocol::SetSpec& set : protocol->sets) c.set_reps.push_back(set.to_failure ? std::max(15u, set.reps) : set.reps);
        c.rest_ns = static_cast<std::int64_t>(std::llround(protocol->rest_s * 1e9));
        const double rep_s = protocol->tempo.concentric_s + protocol->tempo.eccentric_s + protocol->tempo.pause_s;
        if (rep_s > 0.2) c.rep_ns = static_cast<std::int64_t>(std::llround(rep_s * 1e9));
        c.target_pct_lop = scene.limb == cli::Limb::Leg ? protocol->target_pct_lop_leg : protocol->target_pct_lop_arm;
        c.load_pct_1rm = protocol->load_pct1rm;
    }
    c.wait_for_target = guided;  // a guided session inflates the cuff when it starts
    if (lop_mmHg > 0.0) c.lop_mmhg = lop_mmHg;
    c.limb = scene.limb == cli::Limb::Leg ? sim::Limb::Leg : sim::Limb::Arm;
    c.seed = scene.seed;
    c.measure_lop = false;
    c.auto_tempo = auto_tempo;
    c.profile = scene.loose_cuff ? sim::Profile::Loose : sim::Profile::Tight;
    return c;
}


/// Opens the window, the renderer and (optionally) the UI. Logs and returns false on failure.
/// The UI never writes imgui.ini: every panel is placed by code, so there is nothing to save.
bool build_stage(Stage& stage, const platform::WindowDesc& desc, bool with_ui, float ui_scale, int msaa_samples) {
    std::string error;
    stage.window = platform::sdl::create_window(desc, &error);
    if (!stage.window) {
        core::log_error("{}", error);
        return false;
    }
    const auto shaders = find_resource_dir("shaders", "BFR_SHADER_DIR", "lit.frag");
    if (!shaders) {
        core::log_error("cannot find the shaders/ folder (set BFR_SHADER_DIR to the folder that holds lit.frag)");
        return false;
    }
    render::gl::GlRendererDesc rdesc;
    rdesc.shader_dir = shaders->string();
    rdesc.msaa_samples = msaa_samples;
    stage.renderer = render::gl::GlRenderer::create(rdesc, &error);
    if (!stage.renderer) {
        core::log_error("{}", error);
        return false;
    }
    if (with_ui) {
        ui::UiDesc udesc;
        udesc.scale = presentation::hud_scale_for(desc.width_px, desc.height_px, ui_scale);
        std::string warning;
        stage.ui = ui::UiContext::create(*stage.window, udesc, &error, &warning);
        if (!stage.ui) {
            core::log_error("{}", error);
            return false;
        }
        if (!warning.empty()) core::log_warn("{}", warning);
        ui::UiContext* ui = stage.ui.get();
        stage.window->set_native_event_hook([ui](const void* ev) { return ui->process_native_event(ev); });
    }
    core::log_debug("video driver {}, {}, MSAA {}x", stage.window->video_driver(), stage.window->gl_description(),
                    stage.renderer->msaa_samples());
    return true;
}


/// Opens the scene's `--source`. False, with a reason, when the file or device cannot be opened.
bool open_feeds(const cli::SceneOptions& scene, bool auto_tempo, Feeds& feeds, std::string* error, bool guided,
                double lop_mmHg, const protocol::Protocol* protocol) {
    switch (scene.source.kind) {
        case telemetry::SourceSpec::Kind::Sim:
            feeds.sim = std::make_unique<SimFeed>(sim_config(scene, auto_tempo, guided, lop_mmHg, protocol));
            break;
        case telemetry::SourceSpec::Kind::File:
            feeds.file = FileFeed::open(scene.source.path, scene.format, error);
            break;
        case telemetry::SourceSpec::Kind::Serial:
        case telemetry::SourceSpec::Kind::Udp:
        case telemetry::SourceSpec::Kind::Stdin: feeds.live = LiveFeed::open(scene.source, scene.format, error); break;
    }
    return feeds.sim || feeds.file || feeds.live;
}

bool build_run_stage(Stage& stage, const cli::RunOptions& options, const char* title, bool force_fullscreen) {
    platform::WindowDesc desc;
    desc.title = title;
    desc.width_px = options.scene.width_px;
    desc.height_px = options.scene.height_px;
    desc.fullscreen = options.fullscreen || force_fullscreen;
    desc.vsync = options.vsync;
    desc.video_drivers = kDisplayDrivers;
    if (build_stage(stage, desc, true, options.scene.ui_scale, options.scene.msaa_samples)) return true;
    if (!stage.window) std::fputs(kNoDisplayHint, stderr);
    return false;
}

bool build_shot_stage(Stage& stage, const cli::ShotOptions& options, const char* title) {
    platform::WindowDesc desc;
    desc.title = title;
    desc.width_px = options.scene.width_px;
    desc.height_px = options.scene.height_px;
    desc.hidden = true;
    desc.vsync = false;
    const bool driver_chosen = std::getenv("SDL_VIDEODRIVER") != nullptr;
    if (driver_chosen || !platform::display_configured()) {
        // SDL_VIDEODRIVER decides, or there is no display: the offscreen (EGL) driver needs none.
        if (!driver_chosen) desc.video_drivers = "offscreen";
        return build_stage(stage, desc, !options.no_ui, options.scene.ui_scale, options.scene.msaa_samples);
    }
    // A display is configured: a hidden window there (xvfb-run), else offscreen after all.
    desc.video_drivers = kDisplayDrivers;
    if (build_stage(stage, desc, !options.no_ui, options.scene.ui_scale, options.scene.msaa_samples)) return true;
    if (stage.window) return false;
    core::log_info("no usable display; rendering with the offscreen driver instead");
    stage = Stage{};
    desc.video_drivers = "offscreen";
    return build_stage(stage, desc, !options.no_ui, options.scene.ui_scale, options.scene.msaa_samples);
}

int finish_shot(Stage& stage, const render::Image& image, const app::FrameTimings& timings,
                const cli::ShotOptions& options, double simulation_time_s) {
    if (timings.interrupted) {
        core::log_error("interrupted; no picture written");
        return core::interrupt_exit_status() != 0 ? core::interrupt_exit_status() : cli::kExitBadInput;
    }
    if (image.empty()) {
        core::log_error("the frame could not be read back from OpenGL: {}", stage.renderer->error());
        return cli::kExitBadInput;
    }
    std::string error;
    if (!render::write_png(image, options.out_path, &error)) {
        core::log_error("{}", error);
        return cli::kExitBadInput;
    }
    const auto frame_stats = stage.renderer->last_frame_stats();
    std::printf("frames: %zu\nmean_frame_ms: %.3f\np99_frame_ms: %.3f\ntriangles: %llu\ndraw_calls: %u\n",
                timings.frame_ms.size(), timings.mean_ms, timings.p99_ms,
                static_cast<unsigned long long>(frame_stats.triangles), frame_stats.draw_calls);
    // The speed budget's reference, measured now in the same process and window: ImGui's bare
    // demo window (engine/ui/reference_frames.hpp). Short shots (tests) skip it: too few frames
    // to compare.
    if (options.frames >= kReferenceMinFrames && stage.ui) {
        const auto reference = app::summarize_frame_times(
            ui::imgui_demo_frame_times(stage.window->native_window(), stage.window->native_gl_context(),
                                       image.width, image.height, options.frames));
        if (!reference.frame_ms.empty() && reference.mean_ms > 0.0) {
            std::printf("reference_mean_frame_ms: %.3f\nreference_p99_frame_ms: %.3f\nframe_over_reference: %.2f\n",
                        reference.mean_ms, reference.p99_ms, timings.mean_ms / reference.mean_ms);
        }
    }
    if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
        core::log_error("could not write the figures to standard output");
        return cli::kExitBadInput;
    }
    core::log_info("wrote {} ({}x{}, {}, simulation time {:.2f} s)", options.out_path, image.width, image.height,
                   stage.window->video_driver(), simulation_time_s);
    return cli::kExitOk;
}

void usage_error(const char* subcommand, const std::string& message) {
    std::fprintf(stderr, "bfr-coach %s: error: %s\nhint: run 'bfr-coach %s --help' for what this version can do\n",
                 subcommand, message.c_str(), subcommand);
}

}  // namespace bfr::frontend
