#include "game/frontend/frontend.hpp"

#include "engine/app/app.hpp"
#include "engine/core/log.hpp"
#include "engine/platform/platform.hpp"
#include "engine/platform/sdl/sdl_platform.hpp"
#include "engine/render/gl/gl_renderer.hpp"
#include "engine/render/image.hpp"
#include "engine/ui/ui_context.hpp"
#include "game/frontend/input_map.hpp"
#include "game/frontend/paths.hpp"
#include "game/modes/home/hud.hpp"
#include "game/presentation/scene.hpp"
#include "game/presentation/view_models.hpp"
#include "game/session/limb.hpp"
#include "game/session/session.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

namespace bfr::frontend {
namespace {

session::LimbKind to_limb(cli::Limb limb) {
    return limb == cli::Limb::Leg ? session::LimbKind::Leg : session::LimbKind::Arm;
}

/// Everything a frame needs, built once.
struct Stage {
    std::unique_ptr<platform::Window> window;
    std::unique_ptr<render::gl::GlRenderer> renderer;
    std::unique_ptr<ui::UiContext> ui;
};

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
        udesc.scale = ui_scale;
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

/// The loop client shared by `run` and `shot`.
class GameClient final : public app::LoopClient {
public:
    struct Options {
        bool interactive = true;     ///< Take input (run) or ignore it (shot).
        bool finish_frames = false;  ///< glFinish each frame (honest shot timings).
        int width_px = 0;            ///< Fixed render size (shot); 0 = the window's drawable size.
        int height_px = 0;
        float ui_dt_s = 0.f;  ///< Fixed UI delta (shot); 0 = wall clock.
    };

    GameClient(Stage& stage, session::Session& session, const session::LimbRig& rig, const Options& options)
        : stage_{stage},
          session_{session},
          options_{options},
          default_camera_{presentation::default_camera(rig.kind)},
          camera_{default_camera_} {
        meshes_ = presentation::create_scene_meshes(*stage_.renderer, rig);
        info_.show_perf = options.interactive;
        info_.renderer = stage_.window->gl_description();
        info_.contract_key = std::string(platform::key_name(mapper_.config().contract_key));
    }
    ~GameClient() override { presentation::destroy_scene_meshes(*stage_.renderer, meshes_); }
    GameClient(const GameClient&) = delete;
    GameClient& operator=(const GameClient&) = delete;

    bool handle_input(std::span<const platform::InputEvent> events) override {
        if (!options_.interactive) return true;
        actions_.clear();
        for (const auto& e : events) mapper_.map(e, actions_);
        mapper_.update(last_dt_s_, actions_);
        for (const Action& a : actions_) {
            if (!apply(a)) return false;
        }
        return true;
    }

    void step() override { session_.step(); }

    void draw_frame(float alpha, float frame_dt_s) override {
        last_dt_s_ = frame_dt_s;
        if (frame_dt_s > 0.f) smoothed_dt_s_ += (frame_dt_s - smoothed_dt_s_) * 0.05f;
        const int w = options_.width_px > 0 ? options_.width_px : stage_.window->drawable_width();
        const int h = options_.height_px > 0 ? options_.height_px : stage_.window->drawable_height();
        const float aspect = h > 0 ? static_cast<float>(w) / static_cast<float>(h) : 1.f;
        presentation::build_render_list(session_, meshes_, camera_, aspect, alpha, list_);
        stage_.renderer->draw(list_, {w, h});
        if (stage_.ui && show_hud_) {
            stage_.ui->begin_frame(options_.ui_dt_s, options_.width_px, options_.height_px);
            info_.fps = smoothed_dt_s_ > 0.f ? 1.f / smoothed_dt_s_ : 0.f;
            info_.frame_ms = smoothed_dt_s_ * 1000.f;
            info_.vsync = stage_.window->vsync();
            const auto vm = presentation::make_hud_view_model(session_, alpha);
            const auto req = modes::home::draw_hud(vm, info_, *stage_.ui);
            stage_.ui->end_frame();
            if (req.toggle_auto_tempo) (void)apply({ActionKind::ToggleAutoTempo});
            if (req.close_help) info_.show_help = false;
        }
        stage_.renderer->present();
        if (options_.finish_frames) stage_.renderer->finish();
    }

    [[nodiscard]] const render::RenderList& last_list() const { return list_; }

private:
    /// Applies one action; false means "quit".
    bool apply(const Action& a) {
        switch (a.kind) {
            case ActionKind::ContractDown: (void)session_.push({session::CommandKind::ContractDown}); break;
            case ActionKind::ContractUp: (void)session_.push({session::CommandKind::ContractUp}); break;
            case ActionKind::ToggleAutoTempo: {
                const auto* drive = session_.world().find<session::PatientDrive>(session_.limb());
                const bool on = drive != nullptr && !drive->auto_tempo;
                (void)session_.push({session::CommandKind::SetAutoTempo, on ? 1.f : 0.f});
                break;
            }
            case ActionKind::Quit: return false;
            case ActionKind::ToggleFullscreen: stage_.window->set_fullscreen(!stage_.window->fullscreen()); break;
            case ActionKind::ToggleVsync:
                if (!stage_.window->set_vsync(!stage_.window->vsync()))
                    core::log_warn("the driver refused to change vsync");
                break;
            case ActionKind::ToggleHud: show_hud_ = !show_hud_; break;
            case ActionKind::ToggleHelp: info_.show_help = !info_.show_help; break;
            case ActionKind::Orbit: render::orbit(camera_, a.x, a.y); break;
            case ActionKind::Zoom: render::zoom(camera_, a.x); break;
            case ActionKind::ResetCamera: camera_ = default_camera_; break;
            case ActionKind::UiScaleUp:
                if (stage_.ui) stage_.ui->set_scale(stage_.ui->scale() + 0.1f);
                break;
            case ActionKind::UiScaleDown:
                if (stage_.ui) stage_.ui->set_scale(stage_.ui->scale() - 0.1f);
                break;
        }
        return true;
    }

    Stage& stage_;
    session::Session& session_;
    Options options_;
    InputMapper mapper_;
    std::vector<Action> actions_;
    presentation::SceneMeshes meshes_{};
    render::OrbitCamera default_camera_;
    render::OrbitCamera camera_;
    render::RenderList list_;
    modes::home::HudFrameInfo info_;
    bool show_hud_ = true;
    float last_dt_s_ = 0.f;
    float smoothed_dt_s_ = 1.f / 60.f;
};

/// Subcommand features whose issues have not landed yet answer "not available yet" (exit 2).
bool check_available(const cli::SceneOptions& scene, const char* subcommand) {
    auto refuse = [&](const std::string& what) {
        core::log_error("{} is not available yet in this version (only the home mode on the built-in simulated cuff)",
                        what);
        std::fprintf(stderr, "hint: run 'bfr-coach %s' without it\n", subcommand);
        return false;
    };
    if (scene.mode != cli::Mode::Home) return refuse(fmt::format("--mode {}", cli::mode_name(scene.mode)));
    if (scene.source.kind != telemetry::SourceSpec::Kind::Sim) {
        return refuse(fmt::format("--source {}", telemetry::to_string(scene.source)));
    }
    if (!scene.protocol.empty()) return refuse("--protocol");
    return true;
}

}  // namespace

int run_window(const cli::RunOptions& options, const cli::CommonOptions& common, std::uint64_t quit_after_frames) {
    if (!check_available(options.scene, "run")) return cli::kExitUsage;
    if (!platform::display_configured()) {
        core::log_error("no display found: DISPLAY and WAYLAND_DISPLAY are not set, so no window can open");
        std::fprintf(stderr,
                     "hint: render a picture without a display with 'bfr-coach shot --out shot.png', or run the window "
                     "on a virtual display with 'xvfb-run -a bfr-coach'\n");
        return cli::kExitBadInput;
    }
    const auto data_dir = resolve_data_dir(common.data_dir);
    std::string error;
    if (!ensure_data_dir(data_dir, &error)) {
        core::log_error("{}", error);
        return cli::kExitBadInput;
    }
    platform::WindowDesc desc;
    desc.title = "BFR Coach";
    desc.width_px = options.scene.width_px;
    desc.height_px = options.scene.height_px;
    desc.fullscreen = options.fullscreen;
    desc.vsync = options.vsync;
    Stage stage;
    if (!build_stage(stage, desc, true, options.scene.ui_scale, options.scene.msaa_samples)) {
        return cli::kExitBadInput;
    }
    session::SessionConfig config;
    config.limb = to_limb(options.scene.limb);
    config.seed = options.scene.seed;
    session::Session session{config};
    GameClient client{stage, session, session::default_rig(config.limb), GameClient::Options{}};
    app::LoopConfig loop;
    loop.max_frames = quit_after_frames;
    const auto stats = app::run_realtime(*stage.window, client, loop);
    core::log_debug("{} frames, {} ticks, {} clamped", stats.frames, stats.ticks, stats.clamped_frames);
    return cli::kExitOk;
}

int run_shot(const cli::ShotOptions& options, const cli::CommonOptions& /*common*/) {
    if (!check_available(options.scene, "shot")) return cli::kExitUsage;
    // No display: SDL's offscreen driver (EGL) renders without an X server.
    if (!platform::display_configured()) setenv("SDL_VIDEODRIVER", "offscreen", 0);
    platform::WindowDesc desc;
    desc.title = "BFR Coach (shot)";
    desc.width_px = options.scene.width_px;
    desc.height_px = options.scene.height_px;
    desc.hidden = true;
    desc.vsync = false;
    Stage stage;
    if (!build_stage(stage, desc, !options.no_ui, options.scene.ui_scale, options.scene.msaa_samples)) {
        return cli::kExitBadInput;
    }

    session::SessionConfig config;
    config.limb = to_limb(options.scene.limb);
    config.seed = options.scene.seed;
    config.auto_tempo = true;  // nobody drives it: the patient keeps an automatic tempo
    session::Session session{config};
    if (options.at_s) session.advance_to(*options.at_s);

    GameClient::Options copts;
    copts.interactive = false;
    copts.finish_frames = true;
    copts.width_px = options.scene.width_px;
    copts.height_px = options.scene.height_px;
    copts.ui_dt_s = 1.f / 60.f;
    GameClient client{stage, session, session::default_rig(config.limb), copts};

    render::Image image;
    const auto timings =
        app::run_fixed_frames(*stage.window, client, options.frames, [&] { image = stage.renderer->read_pixels(); });
    std::string error;
    if (!render::write_png(image, options.out_path, &error)) {
        core::log_error("{}", error);
        return cli::kExitBadInput;
    }
    const auto frame_stats = stage.renderer->last_frame_stats();
    std::printf("frames: %zu\nmean_frame_ms: %.3f\np99_frame_ms: %.3f\ntriangles: %llu\ndraw_calls: %u\n",
                timings.frame_ms.size(), timings.mean_ms, timings.p99_ms,
                static_cast<unsigned long long>(frame_stats.triangles), frame_stats.draw_calls);
    std::fflush(stdout);
    core::log_info("wrote {} ({}x{}, {}, simulation time {:.2f} s)", options.out_path, image.width, image.height,
                   stage.window->video_driver(), session.time_s());
    return cli::kExitOk;
}

}  // namespace bfr::frontend
