#include "game/frontend/frontend.hpp"

#include "engine/app/app.hpp"
#include "engine/audio/audio.hpp"
#include "engine/audio/mixer.hpp"
#include "engine/audio/sdl/sdl_audio.hpp"
#include "engine/audio/speech.hpp"
#include "game/presentation/voice_lines.hpp"
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
#include "game/frontend/live_history.hpp"
#include "game/frontend/paths.hpp"
#include "game/modes/home/guided_panels.hpp"
#include "game/modes/home/hud.hpp"
#include "game/modes/home/progress_panel.hpp"
#include "game/modes/kiosk/kiosk_window.hpp"
#include "game/modes/therapist/therapist_window.hpp"
#include "game/presentation/progress_view.hpp"
#include "game/history/progress_source.hpp"
#include "game/frontend/settings.hpp"
#include "game/frontend/stage.hpp"
#include "game/protocol/protocol_io.hpp"
#include "game/session/guidance.hpp"
#include "game/session/systems.hpp"
#include "game/session/user_event_feed.hpp"
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

/// "Large text": text and panels this much larger (on top of --ui-scale and Ctrl+=/-).
constexpr float kLargeText = 1.35f;
/// The sonification tone's level (before the sound-effects volume): a soft background hum.
constexpr float kToneLevel = 0.06f;

/// `shot` also times the speed budget's reference (ImGui's bare demo) when it renders at least
/// this many frames (with the HUD: --no-ui has no ImGui to compare with).
constexpr std::uint32_t kReferenceMinFrames = 60;

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
        /// What the window shows: the plain HUD (shot, free practice), the set-up screen, or a
        /// guided session (the protocol's panels, the discomfort prompt, the summary).
        enum class Screen : std::uint8_t { Plain, Setup, Session } screen = Screen::Plain;
        modes::home::SetupForm* form = nullptr;  ///< The set-up form (Screen::Setup), owned by the caller.
        modes::home::SetupView setup_view;
        audio::AudioOut* audio = nullptr;        ///< Sounds (tempo ticks, chimes, alarms); null: silent.
        audio::Speech* voice = nullptr;          ///< The voice coach (captions are shown either way); null: captions only.
        LiveHistory* history = nullptr;          ///< The session's history (sets written as they end); null: none.
        std::string summary_note;                ///< Shown on the summary ("recorded to …").
        /// The history's sessions for the progress screen (Screen::Setup), oldest first.
        std::vector<gamification::SessionRecord> progress_sessions;
        std::int32_t utc_offset_s = 0;           ///< The patient's local days and weeks.
        platform::Key contract_key = platform::Key::Space;  ///< The user's contract key (settings).
        bool sonify = false;          ///< A tone following %LOP and a soft tick per rep.
        bool sound_captions = true;   ///< A caption for every sound effect.
        bool large_text = false;      ///< Text and panels kLargeText larger.
    };

    /// Why the loop ended.
    enum class Outcome : std::uint8_t { None, Quit, Start, FreePractice, LimbChanged, NewSession };
    [[nodiscard]] Outcome outcome() const noexcept { return outcome_; }
    [[nodiscard]] float metabolite_peak() const noexcept { return metabolite_peak_; }
    [[nodiscard]] float swelling_peak() const noexcept { return swelling_peak_; }

    GameClient(Stage& stage, session::Session& session, const session::LimbRig& rig, const Options& options)
        : stage_{stage},
          session_{session},
          options_{options},
          default_camera_{presentation::default_camera(rig.kind)},
          camera_{default_camera_},
          user_ui_scale_{options.ui_scale},
          large_text_{options.large_text} {
        meshes_ = presentation::create_scene_meshes(*stage_.renderer, rig);
        view_.xray = options.xray;
        info_.show_perf = options.interactive;
        info_.recording = options.recording;
        info_.source = options.source_text;
        info_.renderer = stage_.window->gl_description();
        info_.contract_key = std::string(platform::key_name(mapper_.config().contract_key));
    }
    ~GameClient() override {
        if (options_.audio != nullptr && tone_on_) options_.audio->set_tone(0.f, 0.f);
        presentation::destroy_scene_meshes(*stage_.renderer, meshes_);
    }
    GameClient(const GameClient&) = delete;
    GameClient& operator=(const GameClient&) = delete;

    bool handle_input(std::span<const platform::InputEvent> events) override {
        if (outcome_ != Outcome::None) return false;
        if (!options_.interactive) {  // a shot ignores input, but SIGINT/SIGTERM still stop it
            return std::none_of(events.begin(), events.end(), [](const platform::InputEvent& e) {
                return e.kind == platform::InputEvent::Kind::QuitRequested;
            });
        }
        actions_.clear();
        if (capturing_key_) {
            // The next key pressed becomes the contract key (Escape keeps the old one).
            for (const auto& e : events) {
                if (e.kind != platform::InputEvent::Kind::KeyDown || e.repeat) continue;
                capturing_key_ = false;
                if (e.key == platform::Key::Escape) break;
                if (mapper_.set_contract_key(e.key, actions_)) {
                    key_message_.clear();
                    if (options_.form != nullptr) options_.form->contract_key = std::string(platform::key_name(e.key));
                } else {
                    key_message_ = fmt::format("{} is already for {}: choose another key.", platform::key_name(e.key),
                                               InputMapper::reserved_for(e.key));
                }
                break;
            }
            info_.contract_key = std::string(platform::key_name(mapper_.config().contract_key));
            for (const Action& a : actions_) (void)apply(a);
            return true;
        }
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
        if (options_.history != nullptr) options_.history->observe_tick(session_);
        celebrate_tick();
        if (options_.screen == Options::Screen::Session) {
            sound_tick();
            follow_cue();
        }
        if (options_.screen != Options::Screen::Setup) sonify_tick();
    }

    /// The voice coach: a line (spoken when a voice is there, always captioned) at each set's
    /// start, each rest's start and its last 5 s, the end, and every safety alarm; rate-limited,
    /// safety first. Simulation time drives it, so captions follow the session, not the frame rate.
    void coach_tick() {
        const auto& world = session_.world();
        const std::int64_t now_ns = core::tick_end_ns(session_.tick());
        std::optional<presentation::VoiceLine> line;
        for (const auto& a : world.ctx().get<session::SafetyState>().tick_alarms) {
            line = presentation::alarm_line(safety::kind_name(a.kind), safety::action_name(a.action));
        }
        const auto& ps = world.ctx().get<session::ProtocolState>();
        if (!line && ps.runner) {
            const protocol::ProtocolRunner& r = *ps.runner;
            const protocol::Protocol& p = r.protocol();
            for (const auto& e : ps.tick_events) {
                switch (e.kind) {
                    case protocol::RunnerEventKind::SetStarted: {
                        const std::uint32_t n = e.set_number;
                        const bool failure = n >= 1 && n <= p.sets.size() && p.sets[n - 1].to_failure;
                        const std::uint32_t reps = n >= 1 && n <= p.sets.size() ? p.sets[n - 1].reps : 0;
                        line = presentation::set_started_line(n, static_cast<std::uint32_t>(p.sets.size()), reps, failure);
                        break;
                    }
                    case protocol::RunnerEventKind::RestStarted:
                        line = presentation::rest_started_line(p.rest_s, p.cuff_in_rest == protocol::CuffInRest::Release);
                        rest_warned_ = false;
                        break;
                    case protocol::RunnerEventKind::SessionCompleted:
                        line = presentation::session_done_line(!r.stopped());
                        if (!celebration_voice_.empty()) line->text += " " + celebration_voice_;
                        break;
                    default: break;
                }
            }
            if (!line && r.stage() == protocol::Stage::Rest && !rest_warned_ && p.rest_s > 10.0 &&
                r.rest_remaining_s(now_ns) <= 5.0) {
                rest_warned_ = true;
                line = presentation::rest_ending_line();
            }
        }
        if (!line || !voice_gate_.admit(*line, now_ns)) return;
        caption_ = line->text;
        caption_until_ns_ = now_ns + 4'000'000'000;
        if (options_.voice != nullptr) options_.voice->say(line->text);
    }

    /// Auto tempo in a guided session: the virtual patient contracts while the guide says UP.
    void follow_cue() {
        if (!follow_cue_) return;
        const auto& ps = session_.world().ctx().get<session::ProtocolState>();
        const bool up = ps.runner && ps.runner->tempo_cue(core::tick_end_ns(session_.tick())).direction ==
                                         protocol::CueDirection::Up;
        if (up != following_up_) {
            (void)session_.push({up ? session::CommandKind::ContractDown : session::CommandKind::ContractUp});
            following_up_ = up;
        }
    }
    /// The HUD's plots hear every simulation tick (also those run headless before a shot).
    void observe_tick() {
        history_.observe(session_);
        const auto& out = session_.physiology().out;
        metabolite_peak_ = std::max(metabolite_peak_, static_cast<float>(out.metabolite));
        swelling_peak_ = std::max(swelling_peak_, static_cast<float>(out.swelling_pct));
    }

    void draw_frame(float alpha, float frame_dt_s) override {
        last_dt_s_ = frame_dt_s;
        if (frame_dt_s > 0.f) smoothed_dt_s_ += (frame_dt_s - smoothed_dt_s_) * 0.05f;
        const int w = options_.width_px > 0 ? options_.width_px : stage_.window->drawable_width();
        const int h = options_.height_px > 0 ? options_.height_px : stage_.window->drawable_height();
        const float aspect = h > 0 ? static_cast<float>(w) / static_cast<float>(h) : 1.f;
        presentation::build_render_list(session_, meshes_, camera_, aspect, alpha, list_, view_);
        stage_.renderer->draw(list_, {w, h});
        if (stage_.ui && show_hud_) {
            // no-op unless it changed
            stage_.ui->set_scale(presentation::hud_scale_for(w, h, user_ui_scale_ * (large_text_ ? kLargeText : 1.f)));
            stage_.ui->begin_frame(options_.ui_dt_s, options_.width_px, options_.height_px);
            info_.fps = smoothed_dt_s_ > 0.f ? 1.f / smoothed_dt_s_ : 0.f;
            info_.frame_ms = smoothed_dt_s_ * 1000.f;
            info_.vsync = stage_.window->vsync();
            info_.source_finished = options_.source_finished && options_.source_finished();
            info_.safety_banners = options_.screen == Options::Screen::Session;
            if (options_.link_state) {
                const auto link = options_.link_state();
                info_.link = std::string(telemetry::link_state_name(link));
                info_.sensor_lost = link == telemetry::LinkState::Lost;
            }
            auto vm = presentation::make_hud_view_model(session_, alpha);
            guided_ = presentation::make_guided_view_model(session_);
            guided_.metabolite_peak_01 = metabolite_peak_;
            guided_.swelling_peak_pct = swelling_peak_;
            guided_info_.muted = options_.audio != nullptr && options_.audio->muted();
            guided_info_.audio_available = options_.audio != nullptr && options_.audio->available();
            guided_info_.summary_note = options_.summary_note;
            guided_info_.caption = core::tick_end_ns(session_.tick()) < caption_until_ns_ ? caption_ : std::string();
            guided_info_.sound_caption =
                core::tick_end_ns(session_.tick()) < sound_caption_until_ns_ ? sound_caption_ : std::string();
            guided_info_.voice_on = options_.voice != nullptr && !options_.voice->muted();
            guided_info_.voice_available = options_.voice != nullptr && options_.voice->available();
            guided_info_.show_summary = options_.screen == Options::Screen::Session && guided_.has_protocol &&
                                        guided_.stage == presentation::GuidedViewModel::Stage::Done &&
                                        !guided_.discomfort_wanted;
            if (options_.screen == Options::Screen::Session && guided_.has_protocol) {
                guide_hud(vm);
                vm.auto_tempo = follow_cue_;
            }
            guided_info_.sound_volume = options_.audio != nullptr ? options_.audio->volume() : 1.f;
            guided_info_.voice_volume = options_.voice != nullptr ? options_.voice->volume() : 1.f;
            if (options_.screen == Options::Screen::Setup && options_.form != nullptr && progress_open_) {
                const auto r = modes::home::draw_progress(progress_vm_, *stage_.ui);
                if (r.month_step != 0) {
                    presentation::step_month(progress_year_, progress_month_, r.month_step);
                    build_progress();
                }
                if (r.close) progress_open_ = false;
            } else if (options_.screen == Options::Screen::Setup && options_.form != nullptr) {
                modes::home::SetupForm& form = *options_.form;
                options_.setup_view.contract_key = std::string(platform::key_name(mapper_.config().contract_key));
                options_.setup_view.capturing_key = capturing_key_;
                options_.setup_view.key_message = key_message_;
                const auto setup = modes::home::draw_setup(form, options_.setup_view, *stage_.ui);
                if (setup.change_key) {
                    capturing_key_ = true;
                    key_message_.clear();
                }
                large_text_ = form.large_text;
                sonify_ = form.sonify;
                sound_captions_ = form.sound_captions;
                if (options_.audio != nullptr) options_.audio->set_volume(form.sound_volume);
                if (options_.voice != nullptr) options_.voice->set_volume(form.voice_volume);
                if (setup.test_sound && options_.audio != nullptr) options_.audio->play(audio::Cue::Chime);
                if (setup.test_voice && options_.voice != nullptr) options_.voice->say("This is the voice coach.");
                if (setup.quit) outcome_ = Outcome::Quit;
                if (setup.limb_changed) outcome_ = Outcome::LimbChanged;
                if (setup.start) outcome_ = Outcome::Start;
                if (setup.free_practice) outcome_ = Outcome::FreePractice;
                if (setup.progress) open_progress();
            } else {
                const auto req = modes::home::draw_hud(vm, history_, info_, *stage_.ui);
                if (req.toggle_auto_tempo) (void)apply({ActionKind::ToggleAutoTempo});
                if (req.close_help) info_.show_help = false;
                const auto g = modes::home::draw_guided(guided_, guided_info_, *stage_.ui);
                answer(g);
            }
            stage_.ui->end_frame();
        }
        stage_.renderer->present();
        if (options_.finish_frames) stage_.renderer->finish();
    }

private:
    /// Applies one action; false means "quit".
    bool apply(const Action& a) {
        switch (a.kind) {
            case ActionKind::ContractDown:
                // While a panel waits for the patient's answer, the button that answers must not
                // also start a rep (and in the set-up screen nothing is being counted yet).
                if (answering()) break;
                (void)session_.push({session::CommandKind::ContractDown});
                break;
            case ActionKind::ContractUp: (void)session_.push({session::CommandKind::ContractUp}); break;
            case ActionKind::ToggleAutoTempo: {
                if (options_.screen == Options::Screen::Session) {
                    // In a guided session the virtual patient follows the tempo guide: it lifts
                    // while the guide says UP and rests in the rests.
                    follow_cue_ = !follow_cue_;
                    if (!follow_cue_ && following_up_) {
                        (void)session_.push({session::CommandKind::ContractUp});
                        following_up_ = false;
                    }
                    break;
                }
                const auto* drive = session_.world().find<session::PatientDrive>(session_.limb());
                const bool on = drive != nullptr && !drive->auto_tempo;
                (void)session_.push({session::CommandKind::SetAutoTempo, on ? 1.f : 0.f});
                break;
            }
            case ActionKind::Quit: return false;
            case ActionKind::Back:
                // Escape closes an open popup (ImGui does) or the progress screen; else it quits.
                if (stage_.ui && stage_.ui->popup_open()) {
                    stage_.ui->close_popups();
                    break;
                }
                if (progress_open_) {
                    progress_open_ = false;
                    break;
                }
                return false;
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
            case ActionKind::Acknowledge: {
                modes::home::GuidedRequests r;
                for (const auto& alarm : guided_.alarms) {
                    if (!alarm.acknowledged) r.acknowledge = alarm.id;  // the newest, shown on top
                }
                if (!r.acknowledge && guided_info_.show_summary) r.close_summary = true;
                answer(r);
                break;
            }
            case ActionKind::Digit:
                if (guided_.discomfort_wanted) {
                    modes::home::GuidedRequests r;
                    r.discomfort = static_cast<int>(a.x);
                    answer(r);
                }
                break;
            case ActionKind::EndSet:
                if (guided_.stage == presentation::GuidedViewModel::Stage::Set) {
                    modes::home::GuidedRequests r;
                    r.end_set = true;
                    answer(r);
                }
                break;
            case ActionKind::ToggleMute:
                if (options_.audio != nullptr) options_.audio->set_muted(!options_.audio->muted());
                break;
        }
        return true;
    }

    /// A panel is waiting for the patient's answer (or the set-up screen is up).
    [[nodiscard]] bool answering() const noexcept {
        if (options_.screen == Options::Screen::Setup) return true;
        return options_.screen == Options::Screen::Session && modes::home::wants_answer(guided_, guided_info_);
    }

    /// The user's answers and choices go to the session as commands (recorded as events).
    void answer(const modes::home::GuidedRequests& r) {
        if (r.discomfort) (void)session_.push({session::CommandKind::ReportDiscomfort, static_cast<float>(*r.discomfort)});
        if (r.acknowledge) (void)session_.push({session::CommandKind::Acknowledge, static_cast<float>(*r.acknowledge)});
        if (r.acknowledge_all) (void)session_.push({session::CommandKind::Acknowledge, -1.f});
        if (r.end_set) (void)session_.push({session::CommandKind::EndSet});
        if (r.skip_rest) (void)session_.push({session::CommandKind::SkipRest});
        if (r.stop) (void)session_.push({session::CommandKind::StopSession});
        if (r.toggle_mute && options_.audio != nullptr) options_.audio->set_muted(!options_.audio->muted());
        if (r.toggle_voice && options_.voice != nullptr) options_.voice->set_muted(!options_.voice->muted());
        if (r.sound_volume && options_.audio != nullptr) options_.audio->set_volume(*r.sound_volume);
        if (r.voice_volume && options_.voice != nullptr) options_.voice->set_volume(*r.voice_volume);
        if (r.reinflate) (void)session_.push({session::CommandKind::DeviceTarget, static_cast<float>(guided_.target_pct_lop)});
        if (r.close_summary) outcome_ = Outcome::NewSession;
        if (r.quit) outcome_ = Outcome::Quit;
    }

    /// The main panel follows the protocol: "12/30" reps, the set's or the rest's clock.
    void guide_hud(presentation::HudViewModel& vm) const {
        using GStage = presentation::GuidedViewModel::Stage;
        const auto& g = guided_;
        vm.reps_text = modes::home::rep_figure(g, vm.reps_performed);
        presentation::PhaseTimer& t = vm.timer;
        switch (g.stage) {
            case GStage::Ready:
            case GStage::Starting:
                t.big = "0:00";
                t.label = "GET READY";
                t.detail = fmt::format("{} sets", g.sets_total);
                t.tone = presentation::TimerTone::Neutral;
                break;
            case GStage::Set:
                t.big = presentation::format_clock(g.stage_elapsed_s);
                t.label = fmt::format("SET {} OF {}", g.set_number, g.sets_total);
                t.detail = g.to_failure ? std::string("to failure") : fmt::format("{} reps", g.target_reps);
                t.tone = presentation::TimerTone::Set;
                break;
            case GStage::Rest:
                t.big = presentation::format_clock(std::ceil(g.rest_remaining_s));
                t.label = "REST";
                t.detail = fmt::format("then set {}", g.set_number + 1);
                t.tone = presentation::TimerTone::Rest;
                break;
            case GStage::Done:
                t.big = "Done";
                t.label = fmt::format("{} SETS", g.sets.size());
                t.detail = fmt::format("{} reps", g.reps_total);
                t.tone = presentation::TimerTone::Done;
                break;
        }
    }

    /// Sounds of the latest tick: a chime when a set ends or a rest is over, the tempo's ticks
    /// (an accent as each lift begins), the alarm tone for a new safety alarm.
    void sound_tick() {
        coach_tick();
        if (options_.audio == nullptr) return;
        const auto& world = session_.world();
        if (!world.ctx().get<session::SafetyState>().tick_alarms.empty()) {
            play(audio::Cue::Alarm, "[alarm]");
            return;
        }
        const auto& ps = world.ctx().get<session::ProtocolState>();
        for (const auto& e : ps.tick_events) {
            if (e.kind == protocol::RunnerEventKind::SessionCompleted && !guided_info_.celebrations.empty()) {
                play(audio::Cue::Fanfare, "[fanfare: something new earned]");
                return;
            }
            if (e.kind == protocol::RunnerEventKind::SetCompleted || e.kind == protocol::RunnerEventKind::RestEnded ||
                e.kind == protocol::RunnerEventKind::SessionCompleted) {
                play(audio::Cue::Chime, e.kind == protocol::RunnerEventKind::SetCompleted ? "[chime: set complete]"
                                        : e.kind == protocol::RunnerEventKind::RestEnded ? "[chime: rest over]"
                                                                                          : "[chime: session over]");
                return;
            }
        }
        if (!ps.runner) return;
        // The runner marks the tick a new phase of the guide began (run_protocol updated it this tick).
        const auto cue = ps.runner->tempo_cue(core::tick_end_ns(session_.tick()));
        if (!cue.tick) return;
        if (cue.direction == protocol::CueDirection::Up) play(audio::Cue::Accent, "[tick: up]", 0.4);
        if (cue.direction == protocol::CueDirection::Down) play(audio::Cue::Tick, "[tick: down]", 0.4);
    }

    /// Plays a sound effect and captions it (for those who cannot hear it) for `caption_s`.
    void play(audio::Cue cue, const char* caption, double caption_s = 1.5) {
        if (options_.audio == nullptr) return;
        options_.audio->play(cue);
        if (!sound_captions_ || options_.audio->muted()) return;
        sound_caption_ = caption;
        sound_caption_until_ns_ = core::tick_end_ns(session_.tick()) + static_cast<std::int64_t>(caption_s * 1e9);
    }

    /// Sonification (optional): a tone whose pitch follows the cuff's %LOP while it is inflated,
    /// and a soft tick for each rep counted.
    void sonify_tick() {
        if (options_.audio == nullptr) return;
        if (!sonify_) {
            if (tone_on_) options_.audio->set_tone(0.f, 0.f);
            tone_on_ = false;
            return;
        }
        const auto& phys = session_.physiology();
        const double lop = phys.inputs.lop_mmHg;
        const double cuff = phys.inputs.cuff_mmHg;
        const bool inflated = lop > 0.0 && cuff >= session::kCuffOnMmhg;
        const double pct = inflated ? cuff / lop * 100.0 : 0.0;
        options_.audio->set_tone(audio::pitch_for_pct_lop(pct), inflated ? kToneLevel : 0.f);
        tone_on_ = inflated;
        if (!session_.last_tick_counted_reps().empty()) play(audio::Cue::RepTick, "[tick: rep counted]", 0.6);
    }

    /// The tick the session completes: what it earned against the stored history (new personal
    /// bests, badges) goes to the summary, the voice coach's last line and the fanfare.
    void celebrate_tick() {
        if (celebrated_ || options_.history == nullptr || options_.screen != Options::Screen::Session) return;
        const auto& ps = session_.world().ctx().get<session::ProtocolState>();
        const bool done = std::any_of(ps.tick_events.begin(), ps.tick_events.end(), [](const auto& e) {
            return e.kind == protocol::RunnerEventKind::SessionCompleted;
        });
        if (!done) return;
        celebrated_ = true;
        const history::Celebration c = options_.history->celebration(session_, options_.utc_offset_s);
        guided_info_.celebrations = presentation::celebration_lines(c.badges, c.bests);
        celebration_voice_ = presentation::celebration_voice_line(c.badges, c.bests);
    }

    void open_progress() {
        const gamification::LocalDate today = gamification::local_date(unix_now_s(), options_.utc_offset_s);
        progress_year_ = today.year;
        progress_month_ = today.month;
        build_progress();
        progress_open_ = true;
    }
    void build_progress() {
        progress_vm_ = presentation::build_progress_view(options_.progress_sessions, unix_now_s(), options_.utc_offset_s,
                                                         progress_year_, progress_month_);
    }

    Stage& stage_;
    session::Session& session_;
    Options options_;
    bool progress_open_ = false;
    presentation::ProgressViewModel progress_vm_;
    std::int32_t progress_year_ = 1970;
    std::uint32_t progress_month_ = 1;
    bool celebrated_ = false;
    std::string celebration_voice_;  ///< Appended to the voice coach's last line.
    InputMapper mapper_{InputMapConfig{options_.contract_key}};
    bool capturing_key_ = false;   ///< The next key pressed becomes the contract key.
    std::string key_message_;      ///< Why a key was refused as the contract key.
    std::vector<Action> actions_;
    presentation::SceneMeshes meshes_{};
    presentation::SceneOptions view_{};
    render::OrbitCamera default_camera_;
    render::OrbitCamera camera_;
    render::RenderList list_;
    presentation::HudHistory history_;
    modes::home::HudFrameInfo info_;
    bool show_hud_ = true;
    Outcome outcome_ = Outcome::None;
    presentation::GuidedViewModel guided_;
    modes::home::GuidedFrameInfo guided_info_;
    bool follow_cue_ = false;    ///< Guided auto tempo: the patient follows the tempo guide.
    presentation::VoiceGate voice_gate_;
    std::string caption_;             ///< The voice coach's latest line, shown as a caption.
    std::int64_t caption_until_ns_ = 0;
    bool rest_warned_ = false;
    bool following_up_ = false;  ///< ... and is lifting now.
    float metabolite_peak_ = 0.f;
    float swelling_peak_ = 0.f;
    float last_dt_s_ = 0.f;
    float smoothed_dt_s_ = 1.f / 60.f;
    float user_ui_scale_ = 1.f;
    bool large_text_ = false;
    bool sonify_ = options_.sonify;
    bool tone_on_ = false;
    bool sound_captions_ = options_.sound_captions;
    std::string sound_caption_;          ///< The last sound effect's caption ...
    std::int64_t sound_caption_until_ns_ = 0;  ///< ... shown until then (simulation time).
};

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

/// The set-up form from the saved settings (and --limb, which wins).
modes::home::SetupForm form_from(const Settings& settings, const cli::SceneOptions& scene,
                                 const std::vector<protocol::Protocol>& protocols) {
    modes::home::SetupForm f;
    f.leg = scene.limb_given ? scene.limb == cli::Limb::Leg : settings.limb == "leg";
    f.left = settings.side == "left";
    f.posture = static_cast<int>(settings.posture);
    f.load_pct1rm = static_cast<int>(std::lround(settings.load_pct1rm));
    f.sound_volume = static_cast<float>(settings.sound_volume);
    f.voice_volume = static_cast<float>(settings.voice_volume);
    f.sonify = settings.sonify;
    f.sound_captions = settings.sound_captions;
    f.large_text = settings.large_text;
    f.contract_key = platform::key_from_name(settings.contract_key) ? settings.contract_key : std::string("Space");
    const std::string wanted = scene.protocol.empty() ? settings.protocol : scene.protocol;
    for (std::size_t i = 0; i < protocols.size(); ++i) {
        if (protocols[i].name == wanted) f.protocol_index = static_cast<int>(i);
    }
    const std::string limb = f.leg ? "leg" : "arm";
    const std::string side = f.left ? "left" : "right";
    const std::int64_t now = unix_now_s();
    if (const LopRecord* lop = settings.lop_for(limb, side)) {
        f.lop_mmhg = static_cast<int>(std::lround(lop->lop_mmHg));
        f.lop_posture = static_cast<int>(lop->posture);
        f.lop_source = lop->source;
        f.lop_age = age_text(now - lop->measured_unix_s);
    } else {
        f.lop_mmhg = static_cast<int>(session::default_lop_mmHg(f.leg ? session::LimbKind::Leg : session::LimbKind::Arm));
    }
    // A screening done within the last 30 days stands (ticked, with its date); older: ask again.
    if (settings.screening_unix_s > 0) {
        f.screening_age = age_text(now - settings.screening_unix_s);
        if (now - settings.screening_unix_s < 30 * 86400) f.screening.fill(true);
    }
    return f;
}

/// The user's accessibility choices (the set-up form, kept in the settings) for a window client.
void apply_access(GameClient::Options& copts, const modes::home::SetupForm& form) {
    copts.contract_key = platform::key_from_name(form.contract_key).value_or(platform::Key::Space);
    copts.sonify = form.sonify;
    copts.sound_captions = form.sound_captions;
    copts.large_text = form.large_text;
}

/// The history's sessions for the progress screen (empty, with a warning in the log, when the
/// history cannot be read: the window goes on without it).
std::vector<gamification::SessionRecord> load_progress(const std::filesystem::path& data_dir) {
    std::string why;
    auto db = history::HistoryDb::open(data_dir, &why);
    if (!db) {
        core::log_warn("progress: {}", why);
        return {};
    }
    auto rows = db->list_sessions();
    if (!rows) {
        core::log_warn("progress: {}", db->last_error());
        return {};
    }
    return history::records_of(history::progress_sessions(*rows));
}

/// The set-up screen's one line about the long run: "Weekly streak: 2 perfect weeks · This week: …".
std::string progress_line(const std::vector<gamification::SessionRecord>& sessions, std::int32_t utc_offset_s) {
    if (sessions.empty()) return {};
    // Sessions come oldest first (load_progress); one dated ahead of the clock still counts.
    const std::int64_t now = std::max(unix_now_s(), sessions.back().started_unix_s);
    const gamification::StreakReport streak = gamification::weekly_streaks(sessions, now, utc_offset_s);
    std::uint32_t this_week = 0;
    for (const auto& w : streak.weeks) {
        if (w.in_progress) this_week = w.completed_sessions;
    }
    return fmt::format("Streak: {} perfect week{} \xc2\xb7 this week {} of 2-3", streak.current_weeks,
                       streak.current_weeks == 1 ? "" : "s", this_week);
}

/// Writes the form back into the settings (and the LOP, dated, when the user set it).
void store_form(Settings& settings, const modes::home::SetupForm& f, const std::vector<protocol::Protocol>& protocols) {
    settings.limb = f.leg ? "leg" : "arm";
    settings.side = f.left ? "left" : "right";
    settings.posture = static_cast<Posture>(std::clamp(f.posture, 0, 2));
    settings.load_pct1rm = f.load_pct1rm;
    settings.sound_volume = std::clamp(static_cast<double>(f.sound_volume), 0.0, 1.0);
    settings.voice_volume = std::clamp(static_cast<double>(f.voice_volume), 0.0, 1.0);
    settings.sonify = f.sonify;
    settings.sound_captions = f.sound_captions;
    settings.large_text = f.large_text;
    settings.contract_key = f.contract_key;
    if (f.protocol_index >= 0 && static_cast<std::size_t>(f.protocol_index) < protocols.size()) {
        settings.protocol = protocols[static_cast<std::size_t>(f.protocol_index)].name;
    }
    if (f.lop_edited) {
        LopRecord r;
        r.lop_mmHg = f.lop_mmhg;
        r.measured_unix_s = unix_now_s();
        r.posture = static_cast<Posture>(std::clamp(f.lop_posture, 0, 2));
        r.source = f.lop_source == "device" ? "device" : "typed";
        settings.set_lop(settings.limb, settings.side, r);
    }
}

}  // namespace

int run_window(const cli::RunOptions& options, const cli::CommonOptions& common) {
    if (options.scene.mode == cli::Mode::Therapist) return modes::therapist::run_window(options, common);
    if (options.scene.mode == cli::Mode::Kiosk) return modes::kiosk::run_window(options, common);
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
    // The protocols to choose from; --protocol NAME|FILE must be readable (it is preselected).
    std::vector<std::string> problems;
    std::vector<protocol::Protocol> protocols;
    if (const auto dir = find_protocols_dir()) protocols = protocol::list_protocols(*dir, &problems);
    if (protocols.empty()) protocols.push_back(protocol::standard_protocol());
    if (!options.scene.protocol.empty()) {
        std::vector<std::string> warnings;
        auto chosen = resolve_protocol(options.scene.protocol, &error, &warnings);
        for (const auto& w : warnings) core::log_warn("{}", w);
        if (!chosen) {
            std::fprintf(stderr, "bfr-coach run: error: --protocol: %s\n", error.c_str());
            return protocol_error_status(options.scene.protocol);
        }
        const auto same = std::find_if(protocols.begin(), protocols.end(),
                                       [&](const protocol::Protocol& p) { return p.name == chosen->name; });
        if (same != protocols.end()) {
            *same = *chosen;
        } else {
            protocols.push_back(*chosen);
        }
    }
    std::string warning;
    Settings settings = load_settings(data_dir, &warning);
    if (!warning.empty()) core::log_warn("{}", warning);

    Stage stage;
    if (!build_run_stage(stage, options, "BFR Coach")) return cli::kExitBadInput;
    // Declared after the stage: destroyed before the window (which quits SDL).
    std::string audio_why;
    std::unique_ptr<audio::AudioOut> sound = audio::sdl::create_sdl_audio(&audio_why);
    if (!sound->available()) core::log_info("{}", sound->describe());
    sound->set_muted(settings.audio_muted);
    sound->set_volume(static_cast<float>(settings.sound_volume));
    std::unique_ptr<audio::Speech> voice = audio::create_espeak_speech();
    core::log_info("{}", voice->describe());
    voice->set_muted(settings.voice_muted);
    voice->set_volume(static_cast<float>(settings.voice_volume));

    cli::SceneOptions scene = options.scene;
    if (!scene.protocol.empty()) {
        // Preselected by its name (a FILE given as --protocol is listed under the name it declares).
        std::vector<std::string> ignored;
        if (auto chosen = resolve_protocol(scene.protocol, nullptr, &ignored)) scene.protocol = chosen->name;
    }
    modes::home::SetupForm form = form_from(settings, scene, protocols);
    const std::int32_t utc_offset_s = history::local_utc_offset_s();
    app::LoopConfig loop;
    loop.max_frames = options.quit_after_frames;
    for (;;) {
        // 1. The set-up screen, over a live preview of the cuff (nothing recorded, cuff vented).
        scene.limb = form.leg ? cli::Limb::Leg : cli::Limb::Arm;
        const std::string limb_name = form.leg ? "leg" : "arm";
        GameClient::Outcome outcome = GameClient::Outcome::Quit;
        {
            Feeds feeds;
            if (!open_feeds(scene, false, feeds, &error, true, form.lop_mmhg)) {
                core::log_error("{}", error);
                return cli::kExitBadInput;
            }
            // A real device's samples are recorded from the first one, set-up screen included (the
            // simulator's are not: nothing real happens before the session).
            const auto recordings = data_dir / "recordings";
            std::error_code ec;
            std::unique_ptr<telemetry_v1::Recorder> recorder;
            std::unique_ptr<RecordingFeed> recording;
            if (feeds.live) {
                std::filesystem::create_directories(recordings, ec);
                if (!ec) {
                    recorder = telemetry_v1::Recorder::create(
                        telemetry_v1::new_recording_path(recordings, limb_name), telemetry_v1::schema(),
                        fmt::format("{}, {}, set-up screen (before a session)", limb_name, feeds.active().describe()),
                        &error);
                }
                if (recorder) {
                    recording = std::make_unique<RecordingFeed>(feeds.active(), *recorder);
                } else {
                    core::log_warn("the set-up screen's telemetry is not recorded: {}", ec ? ec.message() : error);
                }
            }
            session::SessionConfig config;
            config.limb = to_limb(scene.limb);
            session::Session preview{config, recording ? static_cast<session::SampleFeed*>(recording.get())
                                                       : &feeds.active()};
            GameClient::Options copts;
            copts.ui_scale = scene.ui_scale;
        apply_access(copts, form);
            apply_access(copts, form);
            copts.xray = scene.xray;
            copts.source_text = feeds.active().describe();
            copts.screen = GameClient::Options::Screen::Setup;
            copts.form = &form;
            copts.audio = sound.get();
            copts.voice = voice.get();
            copts.utc_offset_s = utc_offset_s;
            copts.progress_sessions = load_progress(data_dir);
            copts.setup_view.progress_line = progress_line(copts.progress_sessions, utc_offset_s);
            copts.setup_view.voice_available = voice->available();
            for (const auto& p : protocols) {
                copts.setup_view.protocols.push_back(modes::home::ProtocolChoice{
                    p.name, p.title, p.description, p.target_pct_lop_arm, p.target_pct_lop_leg, p.prescribed_reps()});
            }
            copts.setup_view.problems = problems;
            copts.setup_view.source = copts.source_text;
            {
                // Spacing from every session known: the history's (imported ones too) and those in the
                // settings the history does not hold (a live session is in both, started seconds apart).
                std::vector<std::int64_t> starts;
                for (const auto& h : copts.progress_sessions) starts.push_back(h.started_unix_s);
                const std::size_t from_history = starts.size();
                for (const std::int64_t t : settings.sessions_unix_s) {
                    const bool known = std::any_of(starts.begin(), starts.begin() + static_cast<std::ptrdiff_t>(from_history),
                                                   [t](std::int64_t h) { return std::llabs(h - t) <= 120; });
                    if (!known) starts.push_back(t);
                }
                copts.setup_view.spacing_warning = spacing_warning(starts, unix_now_s());
            }
            {
                Settings now = settings;
                store_form(now, form, protocols);
                copts.setup_view.lop_warning =
                    lop_warning(now.lop_for(limb_name, form.left ? "left" : "right"), now.posture, unix_now_s());
            }
            if (feeds.live) copts.link_state = [live = feeds.live.get()] { return live->link_state(); };
            GameClient client{stage, preview, session::default_rig(config.limb), copts};
            (void)app::run_realtime(*stage.window, client, loop);
            outcome = client.outcome();
            if (recorder) {
                if (!recorder->sync()) {
                    core::log_error("{}", recorder->error());
                } else if (recorder->stats().rows > 0) {
                    core::log_info("recorded {} rows to {}", recorder->stats().rows, recorder->path().string());
                } else {
                    const auto empty = recorder->path();
                    recorder.reset();
                    std::filesystem::remove(empty, ec);  // nothing arrived: no empty file left behind
                }
            }
        }
        store_form(settings, form, protocols);
        settings.audio_muted = sound->muted();
        if (outcome == GameClient::Outcome::LimbChanged) {
            form = form_from(settings, cli::SceneOptions{}, protocols);  // that limb's stored LOP
            continue;
        }
        if (outcome != GameClient::Outcome::Start && outcome != GameClient::Outcome::FreePractice) {
            // Quitting from the set-up screen keeps what was chosen there (volumes, keys, text size).
            if (!save_settings(data_dir, settings, &error)) core::log_warn("settings not saved: {}", error);
            break;
        }
        const bool guided = outcome == GameClient::Outcome::Start;
        if (guided) {
            settings.screening_unix_s = unix_now_s();
            settings.sessions_unix_s.push_back(unix_now_s());
        }
        if (!save_settings(data_dir, settings, &error)) core::log_warn("settings not saved: {}", error);

        // 2. The session: recorded (telemetry v1 under the data folder) while it runs; a file
        // shown in the window is not (it is a recording already).
        Feeds feeds;
        if (!open_feeds(scene, false, feeds, &error, guided, form.lop_mmhg)) {
            core::log_error("{}", error);
            return cli::kExitBadInput;
        }
        session::UserEventFeed user_events{feeds.active()};
        const auto recordings = data_dir / "recordings";
        std::error_code ec;
        if (!feeds.file) std::filesystem::create_directories(recordings, ec);
        const protocol::Protocol* chosen =
            guided ? &protocols[static_cast<std::size_t>(std::clamp(form.protocol_index, 0,
                                                                    static_cast<int>(protocols.size()) - 1))]
                   : nullptr;
        std::unique_ptr<telemetry_v1::Recorder> recorder =
            ec || feeds.file ? nullptr
                             : telemetry_v1::Recorder::create(
                                   telemetry_v1::new_recording_path(recordings, limb_name),
                                   telemetry_v1::schema(),
                                   fmt::format("{} ({}), {}, protocol {}, LOP {} mmHg, load {} %1RM", limb_name,
                                               form.left ? "left" : "right", user_events.describe(),
                                               chosen != nullptr ? chosen->name : std::string("none (free practice)"),
                                               form.lop_mmhg, form.load_pct1rm),
                                   &error);
        std::unique_ptr<RecordingFeed> recording;
        if (recorder) {
            recording = std::make_unique<RecordingFeed>(user_events, *recorder);
            core::log_info("recording this session to {}", recorder->path().string());
        } else if (!feeds.file) {
            core::log_warn("this session is not recorded: {}", ec ? ec.message() : error);
        }
        session::SessionConfig config;
        config.limb = to_limb(scene.limb);
        config.lop_mmHg = form.lop_mmhg;
        config.load_pct1rm = form.load_pct1rm;
        config.goal_reps = form.goal_reps > 0 ? static_cast<std::uint32_t>(form.goal_reps) : 0u;
        if (chosen != nullptr) {
            config.protocol = *chosen;
            config.protocol->load_pct1rm = form.load_pct1rm;
            config.protocol_starts_by_itself = false;
        }
        session::Session session{config, recording ? static_cast<session::SampleFeed*>(recording.get()) : &user_events};
        if (guided) (void)session.push({session::CommandKind::StartSession});
        LiveSessionInfo info;
        info.limb = limb_name;
        info.side = form.left ? "left" : "right";
        if (chosen != nullptr) {
            info.protocol_name = chosen->name;
            info.protocol_title = chosen->title;
            info.target_pct_lop = form.leg ? chosen->target_pct_lop_leg : chosen->target_pct_lop_arm;
        }
        info.load_pct1rm = form.load_pct1rm;
        info.lop_mmHg = form.lop_mmhg;
        info.lop_source = form.lop_source.empty() ? std::string("default") : form.lop_source;
        info.source = user_events.describe();
        if (recorder) info.recording_path = recorder->path().string();
        LiveHistory history{data_dir, info};
        if (!history.ok()) {
            core::log_error("history: {}", history.error());
            core::log_warn("this session is not stored in the history (it is still recorded to its telemetry file)");
        }
        GameClient::Options copts;
        copts.ui_scale = scene.ui_scale;
        copts.xray = scene.xray;
        copts.recording = recorder != nullptr;
        copts.source_text = feeds.active().describe();
        copts.screen = guided ? GameClient::Options::Screen::Session : GameClient::Options::Screen::Plain;
        copts.audio = sound.get();
        copts.voice = voice.get();
        copts.history = history.ok() ? &history : nullptr;
        copts.utc_offset_s = utc_offset_s;
        if (recorder) copts.summary_note = fmt::format("Recorded to {}", recorder->path().string());
        if (!history.ok()) {
            copts.summary_note += fmt::format("{}Not stored in the history: {}", copts.summary_note.empty() ? "" : ". ",
                                              history.error());
        }
        if (feeds.live) copts.link_state = [live = feeds.live.get()] { return live->link_state(); };
        if (feeds.file) copts.source_finished = [file = feeds.file.get()] { return file->finished(); };
        GameClient client{stage, session, session::default_rig(config.limb), copts};
        const auto stats = app::run_realtime(*stage.window, client, loop);
        core::log_debug("{} frames, {} ticks, {} clamped", stats.frames, stats.ticks, stats.clamped_frames);
        history.finish(session, client.metabolite_peak(), client.swelling_peak());
        if (history.ok()) core::log_info("stored as session {} in the history", history.session_id());
        if (feeds.file) core::log_info("{}", feeds.file->summary());
        if (feeds.live) core::log_info("{}", feeds.live->summary());
        if (recorder) {
            if (!recorder->sync())
                core::log_error("{}", recorder->error());
            else
                core::log_info("recorded {} rows to {}", recorder->stats().rows, recorder->path().string());
        }
        settings.audio_muted = sound->muted();
        settings.voice_muted = voice->muted();
        settings.sound_volume = sound->volume();
        settings.voice_volume = voice->volume();
        if (!save_settings(data_dir, settings, &error)) core::log_warn("settings not saved: {}", error);
        if (client.outcome() != GameClient::Outcome::NewSession) break;
        form = form_from(settings, cli::SceneOptions{}, protocols);
    }
    return cli::kExitOk;  // closing the window (or SIGTERM from the session manager) is a normal end
}

int run_shot(const cli::ShotOptions& options, const cli::CommonOptions& common) {
    if (options.scene.mode == cli::Mode::Therapist) return modes::therapist::run_shot(options, common);
    if (options.scene.mode == cli::Mode::Kiosk) return modes::kiosk::run_shot(options, common);
    Stage stage;
    if (!build_shot_stage(stage, options, "BFR Coach (shot)")) return cli::kExitBadInput;

    session::SessionConfig config;
    config.limb = to_limb(options.scene.limb);
    config.auto_tempo = true;  // nobody drives it: the patient performs the protocol by itself
    // --protocol: the simulated patient performs it (its sets, rests, tempo and target).
    std::optional<protocol::Protocol> protocol;
    if (!options.scene.protocol.empty()) {
        std::string why;
        std::vector<std::string> warnings;
        protocol = resolve_protocol(options.scene.protocol, &why, &warnings);
        for (const auto& w : warnings) core::log_warn("{}", w);
        if (!protocol) {
            std::fprintf(stderr, "bfr-coach shot: error: --protocol: %s\n", why.c_str());
            return protocol_error_status(options.scene.protocol);
        }
    }
    Feeds feeds;
    std::string feed_error;
    if (!open_feeds(options.scene, true, feeds, &feed_error, false, 0.0, protocol ? &*protocol : nullptr)) {
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
    return finish_shot(stage, image, timings, options, session.time_s());
}

}  // namespace bfr::frontend
