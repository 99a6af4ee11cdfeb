#include "game/frontend/frontend.hpp"

#include "engine/app/app.hpp"
#include "engine/ui/reference_frames.hpp"
#include "engine/core/interrupt.hpp"
#include "engine/core/log.hpp"
#include "engine/platform/platform.hpp"
#include "engine/platform/sdl/sdl_platform.hpp"
#include "engine/render/gl/gl_renderer.hpp"
#include "engine/render/image.hpp"
#include "engine/ui/ui_context.hpp"
#include "game/frontend/feeds.hpp"
#include "game/frontend/input_map.hpp"
#include "game/frontend/paths.hpp"
#include "game/modes/home/hud.hpp"
#include "game/presentation/scene.hpp"
#include "game/presentation/view_models.hpp"
#include "game/session/limb.hpp"
#include "game/session/session.hpp"
#include "game/telemetry/format_v1.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace bfr::frontend {
namespace {

/// `shot` also times the speed budget's reference (ImGui's bare demo) when it renders at least
/// this many frames (with the HUD: --no-ui has no ImGui to compare with).
constexpr std::uint32_t kReferenceMinFrames = 60;

session::LimbKind to_limb(cli::Limb limb) {
    return limb == cli::Limb::Leg ? session::LimbKind::Leg : session::LimbKind::Arm;
}

/// The simulated cuff for a scene. LOP is the limb's default (interfaces.md §3) rather than
/// measured first, so the session starts within seconds; `auto_tempo` runs the protocol by itself.
sim::SimConfig sim_config(const cli::SceneOptions& scene, bool auto_tempo) {
    sim::SimConfig c;
    c.limb = scene.limb == cli::Limb::Leg ? sim::Limb::Leg : sim::Limb::Arm;
    c.seed = scene.seed;
    c.measure_lop = false;
    c.auto_tempo = auto_tempo;
    c.profile = scene.loose_cuff ? sim::Profile::Loose : sim::Profile::Tight;
    return c;
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
bool open_feeds(const cli::SceneOptions& scene, bool auto_tempo, Feeds& feeds, std::string* error) {
    switch (scene.source.kind) {
        case telemetry::SourceSpec::Kind::Sim:
            feeds.sim = std::make_unique<SimFeed>(sim_config(scene, auto_tempo));
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

/// The loop client shared by `run` and `shot`.
class GameClient final : public app::LoopClient {
public:
    struct Options {
        bool interactive = true;     ///< Take input (run) or ignore it (shot).
        bool finish_frames = false;  ///< glFinish each frame (honest shot timings).
        int width_px = 0;            ///< Fixed render size (shot); 0 = the window's drawable size.
        int height_px = 0;
        float ui_dt_s = 0.f;      ///< Fixed UI delta (shot); 0 = wall clock.
        float ui_scale = 1.f;     ///< The user's UI scale (--ui-scale); the HUD also follows the window size.
        bool xray = false;        ///< Start in the cut-away view.
        bool recording = false;   ///< The session is being recorded (the HUD says so).
        std::string source_text;  ///< Where the telemetry comes from (shown in the help panel).
        std::function<telemetry::LinkState()> link_state;  ///< Live sources: the link, for "sensor lost".
        std::function<bool()> source_finished;             ///< File sources: the recording has ended.
    };

    GameClient(Stage& stage, session::Session& session, const session::LimbRig& rig, const Options& options)
        : stage_{stage},
          session_{session},
          options_{options},
          default_camera_{presentation::default_camera(rig.kind)},
          camera_{default_camera_},
          user_ui_scale_{options.ui_scale} {
        meshes_ = presentation::create_scene_meshes(*stage_.renderer, rig);
        view_.xray = options.xray;
        info_.show_perf = options.interactive;
        info_.recording = options.recording;
        info_.source = options.source_text;
        info_.renderer = stage_.window->gl_description();
        info_.contract_key = std::string(platform::key_name(mapper_.config().contract_key));
    }
    ~GameClient() override { presentation::destroy_scene_meshes(*stage_.renderer, meshes_); }
    GameClient(const GameClient&) = delete;
    GameClient& operator=(const GameClient&) = delete;

    bool handle_input(std::span<const platform::InputEvent> events) override {
        if (!options_.interactive) {  // a shot ignores input, but SIGINT/SIGTERM still stop it
            return std::none_of(events.begin(), events.end(), [](const platform::InputEvent& e) {
                return e.kind == platform::InputEvent::Kind::QuitRequested;
            });
        }
        actions_.clear();
        for (const auto& e : events) mapper_.map(e, actions_);
        mapper_.update(last_dt_s_, actions_);
        for (const Action& a : actions_) {
            if (!apply(a)) return false;
        }
        return true;
    }

    void step() override {
        session_.step();
        observe_tick();
    }
    /// The HUD's plots hear every simulation tick (also those run headless before a shot).
    void observe_tick() { history_.observe(session_); }

    void draw_frame(float alpha, float frame_dt_s) override {
        last_dt_s_ = frame_dt_s;
        if (frame_dt_s > 0.f) smoothed_dt_s_ += (frame_dt_s - smoothed_dt_s_) * 0.05f;
        const int w = options_.width_px > 0 ? options_.width_px : stage_.window->drawable_width();
        const int h = options_.height_px > 0 ? options_.height_px : stage_.window->drawable_height();
        const float aspect = h > 0 ? static_cast<float>(w) / static_cast<float>(h) : 1.f;
        presentation::build_render_list(session_, meshes_, camera_, aspect, alpha, list_, view_);
        stage_.renderer->draw(list_, {w, h});
        if (stage_.ui && show_hud_) {
            stage_.ui->set_scale(presentation::hud_scale_for(w, h, user_ui_scale_));  // no-op unless it changed
            stage_.ui->begin_frame(options_.ui_dt_s, options_.width_px, options_.height_px);
            info_.fps = smoothed_dt_s_ > 0.f ? 1.f / smoothed_dt_s_ : 0.f;
            info_.frame_ms = smoothed_dt_s_ * 1000.f;
            info_.vsync = stage_.window->vsync();
            info_.source_finished = options_.source_finished && options_.source_finished();
            if (options_.link_state) {
                const auto link = options_.link_state();
                info_.link = std::string(telemetry::link_state_name(link));
                info_.sensor_lost = link == telemetry::LinkState::Lost;
            }
            const auto vm = presentation::make_hud_view_model(session_, alpha);
            const auto req = modes::home::draw_hud(vm, history_, info_, *stage_.ui);
            stage_.ui->end_frame();
            if (req.toggle_auto_tempo) (void)apply({ActionKind::ToggleAutoTempo});
            if (req.close_help) info_.show_help = false;
        }
        stage_.renderer->present();
        if (options_.finish_frames) stage_.renderer->finish();
    }

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
            case ActionKind::ToggleXray: view_.xray = !view_.xray; break;
            case ActionKind::Orbit: render::orbit(camera_, a.x, a.y); break;
            case ActionKind::Zoom: render::zoom(camera_, a.x); break;
            case ActionKind::ResetCamera: camera_ = default_camera_; break;
            case ActionKind::InjectLeak: (void)session_.push({session::CommandKind::InjectLeak}); break;
            case ActionKind::InjectDropout: (void)session_.push({session::CommandKind::InjectDropout}); break;
            case ActionKind::UiScaleUp: user_ui_scale_ = std::min(user_ui_scale_ + 0.1f, 3.f); break;
            case ActionKind::UiScaleDown: user_ui_scale_ = std::max(user_ui_scale_ - 0.1f, 0.5f); break;
        }
        return true;
    }

    Stage& stage_;
    session::Session& session_;
    Options options_;
    InputMapper mapper_;
    std::vector<Action> actions_;
    presentation::SceneMeshes meshes_{};
    presentation::SceneOptions view_{};
    render::OrbitCamera default_camera_;
    render::OrbitCamera camera_;
    render::RenderList list_;
    presentation::HudHistory history_;
    modes::home::HudFrameInfo info_;
    bool show_hud_ = true;
    float last_dt_s_ = 0.f;
    float smoothed_dt_s_ = 1.f / 60.f;
    float user_ui_scale_ = 1.f;
};

/// Prints a usage error the way the command line does ("bfr-coach SUB: error: …" + hint).
void usage_error(const char* subcommand, const std::string& message) {
    std::fprintf(stderr, "bfr-coach %s: error: %s\nhint: run 'bfr-coach %s --help' for what this version can do\n",
                 subcommand, message.c_str(), subcommand);
}

/// Features whose issues have not landed yet answer "not available yet" (exit 2).
bool check_available(const cli::SceneOptions& scene, const char* subcommand) {
    if (scene.mode != cli::Mode::Home) {
        usage_error(subcommand, fmt::format("--mode {} is not available yet (this version has the home mode)",
                                            cli::mode_name(scene.mode)));
        return false;
    }
    if (!scene.protocol.empty()) {
        usage_error(subcommand, "--protocol is not available yet (protocols come with the guided session)");
        return false;
    }
    return true;
}

constexpr const char* kNoDisplayHint =
    "hint: render a picture without a display with 'bfr-coach shot --out shot.png', or run the window on a "
    "virtual display with 'xvfb-run -a bfr-coach'\n";

/// Real display servers only: without this, SDL falls back to its invisible offscreen driver when
/// DISPLAY points nowhere, and `run` would run forever with nothing on screen.
constexpr const char* kDisplayDrivers = "x11,wayland";

/// Advances the session to `seconds` headless (as Session::advance_to), tick by tick so that
/// `each_tick` hears every one, stopping early on SIGINT/SIGTERM (checked every simulated second).
bool advance_interruptibly(session::Session& session, double seconds, const std::function<void()>& each_tick) {
    if (!(seconds > 0.0) || !std::isfinite(seconds)) return !core::interrupt_requested();
    const core::Tick target = core::ticks_from_seconds(seconds);
    while (session.tick() < target) {
        if (session.tick() % core::kTickHz == 0 && core::interrupt_requested()) return false;
        session.step();
        each_tick();
    }
    return !core::interrupt_requested();
}

}  // namespace

int run_window(const cli::RunOptions& options, const cli::CommonOptions& common) {
    if (!check_available(options.scene, "run")) return cli::kExitUsage;
    if (!platform::display_configured()) {
        core::log_error("no display found: DISPLAY and WAYLAND_DISPLAY are not set, so no window can open");
        std::fputs(kNoDisplayHint, stderr);
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
    desc.video_drivers = kDisplayDrivers;
    Stage stage;
    if (!build_stage(stage, desc, true, options.scene.ui_scale, options.scene.msaa_samples)) {
        if (!stage.window) std::fputs(kNoDisplayHint, stderr);
        return cli::kExitBadInput;
    }
    // A live session (the simulator or a device) is recorded as telemetry v1 under the data
    // folder while it runs; a file shown in the window is not (it is a recording already).
    Feeds feeds;
    if (!open_feeds(options.scene, false, feeds, &error)) {
        core::log_error("{}", error);
        return cli::kExitBadInput;
    }
    session::SampleFeed& source = feeds.active();
    const auto recordings = data_dir / "recordings";
    std::error_code ec;
    if (!feeds.file) std::filesystem::create_directories(recordings, ec);
    std::unique_ptr<telemetry_v1::Recorder> recorder =
        ec || feeds.file ? nullptr
                         : telemetry_v1::Recorder::create(
                               telemetry_v1::new_recording_path(recordings, cli::limb_name(options.scene.limb)),
                               telemetry_v1::schema(),
                               fmt::format("{}, {}", cli::limb_name(options.scene.limb), source.describe()), &error);
    std::unique_ptr<RecordingFeed> recording;
    if (recorder) {
        recording = std::make_unique<RecordingFeed>(source, *recorder);
        core::log_info("recording this session to {}", recorder->path().string());
    } else if (!feeds.file) {
        core::log_warn("this session is not recorded: {}", ec ? ec.message() : error);
    }
    session::SessionConfig config;
    config.limb = to_limb(options.scene.limb);
    session::Session session{config, recording ? static_cast<session::SampleFeed*>(recording.get()) : &source};
    GameClient::Options copts;
    copts.ui_scale = options.scene.ui_scale;
    copts.xray = options.scene.xray;
    copts.recording = recorder != nullptr;
    copts.source_text = source.describe();
    if (feeds.live) copts.link_state = [live = feeds.live.get()] { return live->link_state(); };
    if (feeds.file) copts.source_finished = [file = feeds.file.get()] { return file->finished(); };
    GameClient client{stage, session, session::default_rig(config.limb), copts};
    app::LoopConfig loop;
    loop.max_frames = options.quit_after_frames;
    const auto stats = app::run_realtime(*stage.window, client, loop);
    core::log_debug("{} frames, {} ticks, {} clamped", stats.frames, stats.ticks, stats.clamped_frames);
    if (feeds.file) core::log_info("{}", feeds.file->summary());
    if (feeds.live) core::log_info("{}", feeds.live->summary());
    if (recorder) {
        if (!recorder->sync())
            core::log_error("{}", recorder->error());
        else
            core::log_info("recorded {} rows to {}", recorder->stats().rows, recorder->path().string());
    }
    return cli::kExitOk;  // closing the window (or SIGTERM from the session manager) is a normal end
}

int run_shot(const cli::ShotOptions& options, const cli::CommonOptions& /*common*/) {
    if (!check_available(options.scene, "shot")) return cli::kExitUsage;
    platform::WindowDesc desc;
    desc.title = "BFR Coach (shot)";
    desc.width_px = options.scene.width_px;
    desc.height_px = options.scene.height_px;
    desc.hidden = true;
    desc.vsync = false;
    Stage stage;
    const bool driver_chosen = std::getenv("SDL_VIDEODRIVER") != nullptr;
    bool built = false;
    if (driver_chosen || !platform::display_configured()) {
        // SDL_VIDEODRIVER decides, or there is no display: the offscreen (EGL) driver needs none.
        if (!driver_chosen) desc.video_drivers = "offscreen";
        built = build_stage(stage, desc, !options.no_ui, options.scene.ui_scale, options.scene.msaa_samples);
    } else {
        // A display is configured: a hidden window there (xvfb-run), else offscreen after all.
        desc.video_drivers = kDisplayDrivers;
        built = build_stage(stage, desc, !options.no_ui, options.scene.ui_scale, options.scene.msaa_samples);
        if (!built && !stage.window) {
            core::log_info("no usable display; rendering with the offscreen driver instead");
            stage = Stage{};
            desc.video_drivers = "offscreen";
            built = build_stage(stage, desc, !options.no_ui, options.scene.ui_scale, options.scene.msaa_samples);
        }
    }
    if (!built) return cli::kExitBadInput;

    session::SessionConfig config;
    config.limb = to_limb(options.scene.limb);
    config.auto_tempo = true;  // nobody drives it: the patient performs the protocol by itself
    Feeds feeds;
    std::string feed_error;
    if (!open_feeds(options.scene, true, feeds, &feed_error)) {
        core::log_error("{}", feed_error);
        return cli::kExitBadInput;
    }
    session::Session session{config, &feeds.active()};

    GameClient::Options copts;
    copts.interactive = false;
    copts.finish_frames = true;
    copts.width_px = options.scene.width_px;
    copts.height_px = options.scene.height_px;
    copts.ui_dt_s = 1.f / 60.f;
    copts.ui_scale = options.scene.ui_scale;
    copts.xray = options.scene.xray;
    copts.source_text = feeds.active().describe();
    if (feeds.file) copts.source_finished = [file = feeds.file.get()] { return file->finished(); };
    GameClient client{stage, session, session::default_rig(config.limb), copts};
    if (options.at_s && !advance_interruptibly(session, *options.at_s, [&client] { client.observe_tick(); })) {
        core::log_error("interrupted; no picture written");
        return core::interrupt_exit_status();
    }

    render::Image image;
    const auto timings =
        app::run_fixed_frames(*stage.window, client, options.frames, [&] { image = stage.renderer->read_pixels(); });
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
                   stage.window->video_driver(), session.time_s());
    return cli::kExitOk;
}

}  // namespace bfr::frontend
