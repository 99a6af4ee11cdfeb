#include "game/modes/kiosk/kiosk_window.hpp"

#include "engine/audio/audio.hpp"
#include "engine/audio/sdl/sdl_audio.hpp"
#include "engine/core/interrupt.hpp"
#include "engine/core/log.hpp"
#include "engine/core/time.hpp"
#include "game/frontend/paths.hpp"
#include "game/frontend/stage.hpp"
#include "game/modes/kiosk/kiosk_panels.hpp"
#include "game/modes/kiosk/kiosk_runtime.hpp"
#include "game/presentation/scene.hpp"
#include "game/presentation/view_models.hpp"
#include "game/session/session.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace bfr::modes::kiosk {
namespace {

/// The kiosk's runtime from assets/kiosk (settings, texts) and the scene's options; problems are
/// logged and the kiosk runs on what could be read (built-in English at worst).
std::unique_ptr<KioskRuntime> make_runtime(const cli::SceneOptions& scene) {
    KioskRuntimeConfig cfg;
    std::vector<std::string> problems;
    KioskTexts texts;
    if (const auto assets = frontend::find_resource_dir("assets", "BFR_ASSET_DIR", "kiosk/kiosk.json")) {
        auto parsed = load_kiosk_settings(*assets / "kiosk" / "kiosk.json");
        cfg.settings = parsed.settings;
        problems = parsed.problems;
        texts = load_kiosk_texts(*assets / "kiosk" / "lang", problems);
    } else {
        problems.push_back("cannot find assets/kiosk (set BFR_ASSET_DIR): built-in English and default timings");
        texts = load_kiosk_texts(std::filesystem::path{}, problems);
    }
    for (const auto& p : problems) core::log_warn("kiosk: {}", p);
    cfg.limb = frontend::to_limb(scene.limb);
    cfg.seed = scene.seed;
    cfg.loose_cuff = scene.loose_cuff;
    auto runtime = std::make_unique<KioskRuntime>(cfg, std::move(texts));
    if (!scene.lang.empty() && !runtime->select_language(scene.lang)) {
        core::log_warn("kiosk: no texts for --lang {}; starting in the default language", scene.lang);
    }
    return runtime;
}

audio::Cue cue_for(Effect e) {
    switch (e) {
        case Effect::SoundStart: return audio::Cue::Accent;
        case Effect::SoundRoundDone: return audio::Cue::Chime;
        default: return audio::Cue::Tick;  // a rep, a second of the countdown
    }
}

/// The kiosk's loop client: the live limb, the kiosk's panels, its sounds. No HUD, no recording,
/// nothing kept: the runtime replaces the session at every attract cycle and round.
class KioskClient final : public app::LoopClient {
public:
    KioskClient(frontend::Stage& stage, KioskRuntime& kiosk, audio::AudioOut* sound, bool interactive, int width_px,
                int height_px)
        : stage_{stage}, kiosk_{kiosk}, sound_{sound}, interactive_{interactive}, width_px_{width_px}, height_px_{height_px} {
        const auto kind = kiosk_.session().world().get<session::LimbRig>(kiosk_.session().limb()).kind;
        meshes_ = presentation::create_scene_meshes(*stage_.renderer, session::default_rig(kind));
        camera_ = presentation::default_camera(kind);
        render::zoom(camera_, 1.2f);  // a little farther: the cuff stays in view around the kiosk's bigger panels
    }
    ~KioskClient() override { presentation::destroy_scene_meshes(*stage_.renderer, meshes_); }
    KioskClient(const KioskClient&) = delete;
    KioskClient& operator=(const KioskClient&) = delete;

    bool handle_input(std::span<const platform::InputEvent> events) override {
        if (!interactive_) {
            for (const auto& e : events) {
                if (e.kind == platform::InputEvent::Kind::QuitRequested) return false;  // a shot ends on SIGINT
            }
            return true;
        }
        for (const auto& e : events) kiosk_.handle_event(e);  // the window's close button is ignored in there
        return !kiosk_.exit_requested() && !core::interrupt_requested();
    }

    void step() override {
        kiosk_.step();
        sounds_.clear();
        kiosk_.take_sounds(sounds_);
        if (sound_ != nullptr) {
            for (Effect e : sounds_) sound_->play(cue_for(e));
        }
    }

    void draw_frame(float alpha, float /*frame_dt_s*/) override {
        const int w = width_px_ > 0 ? width_px_ : stage_.window->drawable_width();
        const int h = height_px_ > 0 ? height_px_ : stage_.window->drawable_height();
        const float aspect = h > 0 ? static_cast<float>(w) / static_cast<float>(h) : 1.f;
        presentation::build_render_list(kiosk_.session(), meshes_, camera_, aspect, alpha, list_, view_opts_);
        stage_.renderer->draw(list_, {w, h});
        if (stage_.ui) {
            kiosk_.make_view(view_);
            stage_.ui->set_scale(presentation::hud_scale_for(w, h, kKioskBaseUiScale * view_.text_scale));
            stage_.ui->begin_frame(interactive_ ? 0.f : 1.f / 60.f, width_px_, height_px_);
            kiosk_.apply(draw_kiosk(view_, kiosk_fonts(*stage_.ui)));
            stage_.ui->end_frame();
        }
        stage_.renderer->present();
        if (!interactive_) stage_.renderer->finish();
    }

private:
    frontend::Stage& stage_;
    KioskRuntime& kiosk_;
    audio::AudioOut* sound_;
    bool interactive_;
    int width_px_, height_px_;
    presentation::SceneMeshes meshes_{};
    presentation::SceneOptions view_opts_{};
    render::OrbitCamera camera_;
    render::RenderList list_;
    KioskView view_;
    std::vector<Effect> sounds_;
};

}  // namespace

int run_window(const cli::RunOptions& options, const cli::CommonOptions& /*common*/) {
    if (!platform::display_configured()) {
        core::log_error("no display found: DISPLAY and WAYLAND_DISPLAY are not set, so no window can open");
        std::fputs(frontend::kNoDisplayHint, stderr);
        return cli::kExitBadInput;
    }
    auto kiosk = make_runtime(options.scene);
    frontend::Stage stage;
    // A kiosk fills its screen (docs/kiosk.md).
    if (!frontend::build_run_stage(stage, options, "BFR Coach", true)) return cli::kExitBadInput;
    std::string why;
    std::unique_ptr<audio::AudioOut> sound = audio::sdl::create_sdl_audio(&why);
    if (!sound->available()) core::log_info("{}", sound->describe());
    core::log_info("kiosk mode: the admin's way out is documented in docs/kiosk.md (nothing is recorded or kept)");
    KioskClient client{stage, *kiosk, sound.get(), true, 0, 0};
    app::LoopConfig loop;
    loop.max_frames = options.quit_after_frames;
    (void)app::run_realtime(*stage.window, client, loop);
    if (kiosk->exit_reason() == ExitReason::AdminChord) core::log_info("kiosk: closed by the admin's key combination");
    return cli::kExitOk;
}

int run_shot(const cli::ShotOptions& options, const cli::CommonOptions& /*common*/) {
    auto kiosk = make_runtime(options.scene);
    frontend::Stage stage;
    if (!frontend::build_shot_stage(stage, options, "BFR Coach (kiosk shot)")) return cli::kExitBadInput;
    if (options.at_s) {
        // The attract loop runs by itself: step it to the time asked (deterministic).
        const core::Tick target = core::ticks_from_seconds(*options.at_s);
        for (core::Tick k = 0; k < target; ++k) {
            if (k % core::kTickHz == 0 && core::interrupt_requested()) {
                core::log_error("interrupted; no picture written");
                return core::interrupt_exit_status();
            }
            kiosk->step();
        }
    }
    KioskClient client{stage, *kiosk, nullptr, false, options.scene.width_px, options.scene.height_px};
    render::Image image;
    const auto timings =
        app::run_fixed_frames(*stage.window, client, options.frames, [&] { image = stage.renderer->read_pixels(); });
    return frontend::finish_shot(stage, image, timings, options, kiosk->session().time_s());
}

}  // namespace bfr::modes::kiosk
