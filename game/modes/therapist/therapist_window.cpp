#include "game/modes/therapist/therapist_window.hpp"

#include "engine/app/app.hpp"
#include "engine/core/interrupt.hpp"
#include "engine/core/log.hpp"
#include "engine/platform/platform.hpp"
#include "engine/render/camera.hpp"
#include "engine/render/gl/gl_renderer.hpp"
#include "engine/render/image.hpp"
#include "engine/ui/ui_context.hpp"
#include "game/frontend/paths.hpp"
#include "game/frontend/stage.hpp"
#include "game/modes/therapist/lab.hpp"
#include "game/modes/therapist/theatre.hpp"
#include "game/modes/therapist/therapist_input.hpp"
#include "game/modes/therapist/therapist_panels.hpp"
#include "game/presentation/scene.hpp"
#include "game/presentation/view_models.hpp"
#include "game/session/limb.hpp"
#include "game/session/session.hpp"
#include "game/telemetry/recorder.hpp"

#include <fmt/format.h>
#include <glm/trigonometric.hpp>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>

namespace bfr::modes::therapist {
namespace {

/// The therapist's screens hold more than the home HUD: text at this share of its size.
constexpr float kUiScale = 0.8f;
/// The plots' time spans (W cycles them).
constexpr double kPlotWindows[] = {60.0, 180.0, 600.0};

/// The camera that sees both sides: the limb's own default view, further back and aimed a little
/// lower so the two limbs stand above the caption and the timeline.
render::OrbitCamera lab_camera(session::LimbKind limb) {
    render::OrbitCamera c = presentation::default_camera(limb);
    c.max_distance = 6.f;
    if (limb == session::LimbKind::Leg) {
        // The seated patients' hips and torsos stand behind their knees: aim at the pair's middle.
        const float yaw = glm::radians(c.yaw_deg);
        c.target -= glm::vec3(std::cos(yaw), 0.f, -std::sin(yaw)) * 0.16f;
        c.distance *= 2.12f;
        c.target.y -= 0.08f;
    } else {
        c.distance *= 2.1f;
        c.target.y -= 0.185f;
    }
    return c;
}

/// The theatre's camera: the limb's own default view, back a little so the limb stands clear of
/// the panels, the caption and the timeline.
render::OrbitCamera theatre_camera(session::LimbKind limb) {
    render::OrbitCamera c = presentation::default_camera(limb);
    c.max_distance = 6.f;
    c.distance *= limb == session::LimbKind::Leg ? 1.45f : 1.9f;
    c.target.y -= limb == session::LimbKind::Leg ? 0.1f : 0.17f;
    return c;
}

/// Where a side stands: A to the left and B to the right of the single limb's place, along the
/// default camera's horizontal right (so both are at the same depth).
glm::vec3 side_offset(session::LimbKind limb, Side side) {
    const render::OrbitCamera c = presentation::default_camera(limb);
    const float yaw = glm::radians(c.yaw_deg);
    const glm::vec3 right(std::cos(yaw), 0.f, -std::sin(yaw));
    const float half = limb == session::LimbKind::Leg ? 0.43f : 0.30f;
    return right * (side == Side::A ? -half : half);
}

/// The point a limb's label stands on (world, before the side's offset): above the shoulder or the knee.
glm::vec3 tag_anchor(session::LimbKind limb) {
    const session::LimbRig rig = session::default_rig(limb);
    if (limb == session::LimbKind::Leg) return glm::vec3(-0.10f, 0.36f, 0.f);
    return session::proximal_joint(rig) + glm::vec3(0.f, 0.20f, 0.f);
}

std::vector<std::string> tag_lines(const session::Session& s, float swelling_scale) {
    const auto& out = s.physiology().out;
    std::vector<std::string> lines;
    lines.push_back(fmt::format("Metabolites {:.0f} %", 100.0 * std::clamp(out.metabolite, 0.0, 1.0)));
    lines.push_back(fmt::format("Muscle +{:.1f} % thicker", std::max(0.0, out.swelling_pct)));
    if (swelling_scale != 1.f) lines.push_back(fmt::format("swelling drawn \xc3\x97{:.0f}", swelling_scale));
    return lines;
}

class TherapistClient final : public app::LoopClient {
public:
    struct Options {
        bool interactive = true;
        bool finish_frames = false;
        int width_px = 0;
        int height_px = 0;
        float ui_dt_s = 0.f;
        float ui_scale = 1.f;
        bool xray = false;
        bool playing = true;
        std::string file_name;  ///< Theatre: the recording's name.
    };

    TherapistClient(frontend::Stage& stage, std::unique_ptr<Lab> lab, std::unique_ptr<Theatre> theatre,
                    const Options& options)
        : stage_{stage}, lab_{std::move(lab)}, theatre_{std::move(theatre)}, options_{options} {
        playing_ = options.playing;
        view_.xray = options.xray;
        user_ui_scale_ = options.ui_scale;
        ensure_meshes();
        camera_ = default_camera();
    }
    ~TherapistClient() override {
        if (has_meshes_) presentation::destroy_scene_meshes(*stage_.renderer, meshes_);
    }
    TherapistClient(const TherapistClient&) = delete;
    TherapistClient& operator=(const TherapistClient&) = delete;

    [[nodiscard]] Lab* lab() noexcept { return lab_.get(); }
    [[nodiscard]] Theatre* theatre() noexcept { return theatre_.get(); }
    [[nodiscard]] bool quit() const noexcept { return quit_; }

    /// Lab: records the run that is about to be replaced (R) — set by the caller.
    std::function<void(const Lab&)> on_new_run;

    bool handle_input(std::span<const platform::InputEvent> events) override {
        if (!options_.interactive) {
            return std::none_of(events.begin(), events.end(), [](const platform::InputEvent& e) {
                return e.kind == platform::InputEvent::Kind::QuitRequested;
            });
        }
        acts_.clear();
        for (const auto& e : events) input_.map(e, acts_);
        for (const Act& a : acts_) apply(a);
        return !quit_;
    }

    void step() override {
        if (!playing_) return;
        if (lab_) {
            lab_->advance(speed_);
            if (lab_->now() >= kMaxLabTicks) playing_ = false;
        } else {
            theatre_->advance(speed_);
            if (theatre_->now() >= theatre_->end()) playing_ = false;
        }
    }

    [[nodiscard]] double time_s() const {
        return core::seconds_from_ticks(lab_ ? lab_->now() : theatre_->now());
    }

    void draw_frame(float alpha, float /*frame_dt_s*/) override {
        ensure_meshes();
        const int w = options_.width_px > 0 ? options_.width_px : stage_.window->drawable_width();
        const int h = options_.height_px > 0 ? options_.height_px : stage_.window->drawable_height();
        const float aspect = h > 0 ? static_cast<float>(w) / static_cast<float>(h) : 1.f;
        // Interpolate between ticks only when playing at 1x: paused, stepped or fast, show the tick.
        const float a = playing_ && speed_ == 1 ? alpha : 1.f;
        std::vector<LimbTag> tags;
        if (lab_) {
            const LabRun& run = lab_->run();
            const session::LimbKind limb = lab_->setup().limb;
            presentation::SceneOptions o = view_;
            o.offset = side_offset(limb, Side::A);
            o.append = false;
            presentation::build_render_list(run.session(Side::A), meshes_, camera_, aspect, a, list_, o);
            o.offset = side_offset(limb, Side::B);
            o.append = true;
            o.cuff = lab_->params().b_mode == BMode::SecondPressure;
            presentation::build_render_list(run.session(Side::B), meshes_, camera_, aspect, a, list_, o);
            for (const Side side : {Side::A, Side::B}) {
                LimbTag t;
                t.style = side == Side::A ? 0 : 1;
                t.title = side_label(side, lab_->params());
                t.lines = tag_lines(run.session(side), view_.swelling_scale);
                place_tag(t, tag_anchor(limb) + side_offset(limb, side), w, h);
                tags.push_back(std::move(t));
            }
        } else {
            presentation::build_render_list(theatre_->session(), meshes_, camera_, aspect, a, list_, view_);
            LimbTag t;
            t.title = "The patient \xc2\xb7 recording";
            t.lines = tag_lines(theatre_->session(), view_.swelling_scale);
            place_tag(t, tag_anchor(theatre_->options().limb), w, h);
            tags.push_back(std::move(t));
        }
        stage_.renderer->draw(list_, {w, h});
        if (stage_.ui) {
            stage_.ui->set_scale(presentation::hud_scale_for(w, h, user_ui_scale_ * kUiScale));
            stage_.ui->begin_frame(options_.ui_dt_s, options_.width_px, options_.height_px);
            push_style();
            draw_ui(tags, w);
            pop_style();
            stage_.ui->end_frame();
        }
        stage_.renderer->present();
        if (options_.finish_frames) stage_.renderer->finish();
    }

private:
    [[nodiscard]] session::LimbKind limb() const {
        return lab_ ? lab_->setup().limb : theatre_->options().limb;
    }
    [[nodiscard]] render::OrbitCamera default_camera() const {
        return lab_ ? lab_camera(limb()) : theatre_camera(limb());
    }

    void ensure_meshes() {
        const session::LimbKind l = limb();
        if (has_meshes_ && meshes_limb_ == l) return;
        if (has_meshes_) presentation::destroy_scene_meshes(*stage_.renderer, meshes_);
        meshes_ = presentation::create_scene_meshes(*stage_.renderer, session::default_rig(l));
        meshes_limb_ = l;
        if (has_meshes_) camera_ = default_camera();  // a new limb: its own view
        has_meshes_ = true;
    }

    void place_tag(LimbTag& t, glm::vec3 world, int w, int h) const {
        const glm::mat4 vp = list_.camera.proj * list_.camera.view;
        const auto px = render::project_to_pixel(vp, world, w, h);
        if (!px) return;
        t.visible = true;
        t.x = px->x;
        t.y = px->y;
    }

    void draw_ui(std::vector<LimbTag>& tags, int w) {
        const ImVec2 display = ImGui::GetIO().DisplaySize;
        // Tags are in framebuffer pixels; the UI may be in window points (HiDPI).
        const float to_ui = w > 0 ? display.x / static_cast<float>(w) : 1.f;
        for (LimbTag& t : tags) {
            t.x *= to_ui;
            t.y *= to_ui;
        }
        const PanelLayout layout = panel_layout(display.x, display.y);
        if (!show_panels_) {
            draw_limb_tags(tags, *stage_.ui);
            return;
        }
        // Keep tags clear of the panels: within the middle band.
        const float left = layout.margin * 2.f + layout.left_width;
        const float right = display.x - layout.margin * 2.f - layout.right_width;
        for (LimbTag& t : tags) {
            t.x = std::clamp(t.x, left + ImGui::GetFontSize() * 6.f, std::max(left, right - ImGui::GetFontSize() * 6.f));
            t.y = std::max(t.y, ImGui::GetFontSize() * 3.6f);
        }
        draw_limb_tags(tags, *stage_.ui);
        const core::Tick now = lab_ ? lab_->now() : theatre_->now();
        if (lab_) {
            LabPanelView v;
            v.setup = &lab_->setup();
            v.params = &lab_->params();
            v.focus = focus_;
            v.stage = stage_text(lab_->run().script(), now, lab_->setup().set_reps.size());
            v.clock = presentation::format_clock(core::seconds_from_ticks(now));
            v.status = lab_->now() >= lab_->latest()
                           ? (playing_ ? "live" : "paused")
                           : fmt::format("rewound {} \xc2\xb7 the latest is {}",
                                         presentation::format_clock(core::seconds_from_ticks(lab_->latest() - now)),
                                         presentation::format_clock(core::seconds_from_ticks(lab_->latest())));
            const LabPanelRequests r = draw_lab_panel(v, panel_state_, layout, *stage_.ui);
            if (r.focus) focus_ = *r.focus;
            if (r.changed) change_control(*r.changed, r.value, 0);
            if (r.restart) restart();
            if (r.help) show_help_ = true;
        } else {
            TheatrePanelView v;
            v.theatre = theatre_.get();
            v.now = now;
            v.file_name = options_.file_name;
            const TheatrePanelRequests r = draw_theatre_panel(v, layout, *stage_.ui);
            if (r.seek) theatre_->seek(*r.seek);
            if (r.help) show_help_ = true;
        }
        PlotsView pv;
        pv.page = plot_page_;
        pv.now = now;
        pv.window_s = kPlotWindows[plot_window_];
        if (lab_) {
            pv.a = &lab_->run().trace(Side::A);
            pv.b = &lab_->run().trace(Side::B);
            pv.name_a = side_label(Side::A, lab_->params());
            pv.name_b = side_label(Side::B, lab_->params());
        } else {
            pv.a = &theatre_->trace();
            pv.name_a = "The patient (recording)";
        }
        const PlotsRequests pr = draw_plots(pv, layout, *stage_.ui);
        if (pr.next_page) plot_page_ = (plot_page_ + 1) % plot_pages().size();
        if (pr.window) plot_window_ = (plot_window_ + 1) % std::size(kPlotWindows);

        CaptionView cv;
        const CaptionDirector& captions = lab_ ? lab_->run().captions() : theatre_->captions();
        cv.now = now;
        cv.current = captions.at(now);
        cv.recent = captions.recent(now, 3);
        draw_caption(cv, layout, *stage_.ui);

        const TimelineRequests tr = draw_timeline(timeline_view(), layout, *stage_.ui);
        if (tr.play_pause) toggle_play();
        if (tr.speed) speed_ = *tr.speed;
        if (tr.step_back) step_by(-1);
        if (tr.step_forward) step_by(+1);
        if (tr.to_start) seek(0);
        if (tr.to_end) seek(end_tick());
        if (tr.previous_rep) jump_rep(false);
        if (tr.next_rep) jump_rep(true);
        if (tr.seek_s) {
            const core::Tick t = core::ticks_from_seconds(*tr.seek_s);
            if (t != now) seek(t);
        }
        if (show_help_ && draw_help(theatre_ != nullptr, *stage_.ui)) show_help_ = false;
    }

    [[nodiscard]] TimelineView timeline_view() const {
        TimelineView v;
        v.playing = playing_;
        v.speed = speed_;
        if (lab_) {
            v.now_s = core::seconds_from_ticks(lab_->now());
            v.latest_s = core::seconds_from_ticks(lab_->latest());
            v.end_s = core::seconds_from_ticks(std::max(lab_->planned_end(), lab_->latest() + 30 * core::kTickHz));
            const auto& marks = lab_->marks();
            for (std::size_t i = 0; i < marks.size(); ++i) {
                const LabMark& m = marks[i];
                const double t = core::seconds_from_ticks(m.tick);
                if (m.kind == LabMark::Kind::Rep) {
                    v.reps.push_back(t);
                } else if (m.kind == LabMark::Kind::Alarm) {
                    v.alarms.push_back(t);
                } else if (m.kind == LabMark::Kind::SetStart || m.kind == LabMark::Kind::RestStart) {
                    double end = v.latest_s;
                    for (std::size_t j = i + 1; j < marks.size(); ++j) {
                        if (marks[j].kind != LabMark::Kind::Rep && marks[j].kind != LabMark::Kind::Alarm) {
                            end = core::seconds_from_ticks(marks[j].tick);
                            break;
                        }
                    }
                    const bool set = m.kind == LabMark::Kind::SetStart;
                    v.spans.push_back({t, end, set ? fmt::format("Set {}", m.set_index + 1) : std::string("rest"), set});
                }
            }
            for (const ParamChange& c : lab_->log()) {
                if (c.tick > 0) v.changes.push_back(core::seconds_from_ticks(c.tick));
            }
        } else {
            const auto& r = theatre_->result();
            v.theatre = true;
            v.now_s = core::seconds_from_ticks(theatre_->now());
            v.latest_s = core::seconds_from_ticks(theatre_->end());
            v.end_s = v.latest_s;
            for (std::size_t i = 0; i < r.sets.size(); ++i) {
                v.spans.push_back({r.sets[i].start_s, r.sets[i].end_s, fmt::format("Set {}", i + 1), true});
            }
            for (std::size_t i = 0; i < r.reps.size(); ++i) v.reps.push_back(core::seconds_from_ticks(theatre_->rep_tick(i)));
            for (const auto& al : r.alarms) v.alarms.push_back(static_cast<double>(al.t_ns) * 1e-9);
            v.reps_text = fmt::format("rep {} of {}", theatre_->reps_at(theatre_->now()), r.reps.size());
        }
        return v;
    }

    [[nodiscard]] core::Tick end_tick() const {
        return lab_ ? lab_->latest() : theatre_->end();
    }

    void seek(core::Tick t) {
        if (lab_) {
            lab_->seek(std::min(t, lab_->latest()));
        } else {
            theatre_->seek(t);
        }
    }

    void step_by(int direction) {
        playing_ = false;
        const core::Tick now = lab_ ? lab_->now() : theatre_->now();
        if (direction < 0) {
            if (now > 0) seek(now - 1);
        } else if (lab_) {
            lab_->advance(1);  // a single step may go beyond the latest moment: it simulates on
        } else {
            theatre_->advance(1);
        }
    }

    void seek_by(double seconds) {
        const core::Tick now = lab_ ? lab_->now() : theatre_->now();
        const auto delta = core::ticks_from_seconds(std::abs(seconds));
        if (seconds < 0.0) {
            seek(now > delta ? now - delta : 0);
        } else if (lab_) {
            // Forward: up to the latest moment when rewound; at the latest, it simulates on.
            if (now < lab_->latest()) {
                lab_->seek(std::min(now + delta, lab_->latest()));
            } else {
                lab_->advance(delta);
            }
        } else {
            theatre_->seek(now + delta);
        }
    }

    void jump_rep(bool next) {
        if (!theatre_) return;
        const auto t = next ? theatre_->next_rep(theatre_->now()) : theatre_->previous_rep(theatre_->now());
        if (t) theatre_->seek(*t);
    }

    void toggle_play() {
        if (!playing_ && theatre_ && theatre_->now() >= theatre_->end()) theatre_->seek(0);  // play again from the start
        playing_ = !playing_;
    }

    void restart() {
        if (!lab_) return;
        if (on_new_run) on_new_run(*lab_);
        lab_->restart();
    }

    void change_control(Control c, double value, int direction) {
        if (!lab_) return;
        LabSetup s = lab_->setup();
        LabParams p = lab_->params();
        if (!control_enabled(c, p)) return;  // B's pressure while B has no cuff
        const bool changed = direction == 0 ? set_control(c, value, s, p) : step_control(c, direction, s, p);
        if (!changed) return;
        if (control_info(c).setup) {
            lab_->set_setup(s);
        } else {
            lab_->set_params(p);
        }
    }

    void apply(const Act& a) {
        switch (a.kind) {
            case ActKind::PlayPause: toggle_play(); break;
            case ActKind::Speed: speed_ = static_cast<std::uint32_t>(a.x); break;
            case ActKind::StepBack: step_by(-1); break;
            case ActKind::StepForward: step_by(+1); break;
            case ActKind::Seek: seek_by(static_cast<double>(a.x)); break;
            case ActKind::ToStart: seek(0); break;
            case ActKind::ToEnd: seek(end_tick()); break;
            case ActKind::FocusPrevious: focus_ = (focus_ + kControlCount - 1) % kControlCount; break;
            case ActKind::FocusNext: focus_ = (focus_ + 1) % kControlCount; break;
            case ActKind::Decrease: change_control(static_cast<Control>(focus_), 0.0, -1); break;
            case ActKind::Increase: change_control(static_cast<Control>(focus_), 0.0, +1); break;
            case ActKind::CycleB: change_control(Control::BModeControl, 0.0, +1); break;
            case ActKind::ToggleLimb: change_control(Control::Limb, 0.0, +1); break;
            case ActKind::Restart: restart(); break;
            case ActKind::NextPlots: plot_page_ = (plot_page_ + 1) % plot_pages().size(); break;
            case ActKind::PlotWindow: plot_window_ = (plot_window_ + 1) % std::size(kPlotWindows); break;
            case ActKind::NextRep: jump_rep(true); break;
            case ActKind::PreviousRep: jump_rep(false); break;
            case ActKind::ToggleXray: view_.xray = !view_.xray; break;
            case ActKind::SwellingScale: view_.swelling_scale = view_.swelling_scale == 1.f ? 3.f : 1.f; break;
            case ActKind::ResetCamera: camera_ = default_camera(); break;
            case ActKind::TogglePanels: show_panels_ = !show_panels_; break;
            case ActKind::ToggleHelp: show_help_ = !show_help_; break;
            case ActKind::Fullscreen: stage_.window->set_fullscreen(!stage_.window->fullscreen()); break;
            case ActKind::UiScaleUp: user_ui_scale_ = std::min(user_ui_scale_ + 0.1f, 3.f); break;
            case ActKind::UiScaleDown: user_ui_scale_ = std::max(user_ui_scale_ - 0.1f, 0.5f); break;
            case ActKind::Orbit: render::orbit(camera_, a.x, a.y); break;
            case ActKind::Zoom: render::zoom(camera_, a.x); break;
            case ActKind::Back:
                if (show_help_) {
                    show_help_ = false;
                } else {
                    quit_ = true;
                }
                break;
            case ActKind::Quit: quit_ = true; break;
        }
    }

    frontend::Stage& stage_;
    std::unique_ptr<Lab> lab_;
    std::unique_ptr<Theatre> theatre_;
    Options options_;
    TherapistInput input_;
    std::vector<Act> acts_;
    presentation::SceneMeshes meshes_{};
    bool has_meshes_ = false;
    session::LimbKind meshes_limb_ = session::LimbKind::Arm;
    presentation::SceneOptions view_{};
    render::OrbitCamera camera_{};
    render::RenderList list_;
    LabPanelState panel_state_;
    bool playing_ = true;
    std::uint32_t speed_ = 1;
    std::size_t focus_ = 0;
    std::size_t plot_page_ = 0;
    std::size_t plot_window_ = 1;  // 3 min
    bool show_panels_ = true;
    bool show_help_ = false;
    bool quit_ = false;
    float user_ui_scale_ = 1.f;
};

/// What the command line asks of the therapist mode: the lab over the simulated patients, or the
/// theatre over a recording. nullopt (after printing why) for a live source.
struct Built {
    std::unique_ptr<Lab> lab;
    std::unique_ptr<Theatre> theatre;
    std::string file_name;
    int status = cli::kExitOk;
};

Built build(const cli::SceneOptions& scene, const char* subcommand) {
    Built b;
    std::optional<protocol::Protocol> protocol;
    if (!scene.protocol.empty()) {
        std::string why;
        std::vector<std::string> warnings;
        protocol = frontend::resolve_protocol(scene.protocol, &why, &warnings);
        for (const auto& w : warnings) core::log_warn("{}", w);
        if (!protocol) {
            std::fprintf(stderr, "bfr-coach %s: error: --protocol: %s\n", subcommand, why.c_str());
            b.status = frontend::protocol_error_status(scene.protocol);
            return b;
        }
    }
    switch (scene.source.kind) {
        case telemetry::SourceSpec::Kind::Sim: {
            LabSetup setup;
            LabParams params;
            setup.limb = frontend::to_limb(scene.limb);
            setup.seed = scene.seed;
            setup.loose_cuff = scene.loose_cuff;
            params.pct_lop_a = session::default_target_pct_lop(setup.limb);
            if (protocol) apply_protocol(*protocol, setup.limb, setup, params);
            b.lab = std::make_unique<Lab>(setup, params);
            return b;
        }
        case telemetry::SourceSpec::Kind::File: {
            TheatreOptions o;
            o.path = scene.source.path;
            o.format = scene.format;
            o.limb = scene.limb_given ? frontend::to_limb(scene.limb) : limb_from_file_name(o.path);
            o.protocol = protocol;
            std::string error;
            b.theatre = Theatre::open(o, &error);
            if (!b.theatre) {
                core::log_error("{}", error);
                b.status = cli::kExitBadInput;
                return b;
            }
            b.file_name = std::filesystem::path(o.path).filename().string();
            return b;
        }
        case telemetry::SourceSpec::Kind::Serial:
        case telemetry::SourceSpec::Kind::Udp:
        case telemetry::SourceSpec::Kind::Stdin: break;
    }
    frontend::usage_error(subcommand,
                          "--mode therapist shows the what-if lab (--source sim) or a recording (--source file:PATH); "
                          "a live cuff runs in the home mode");
    b.status = cli::kExitUsage;
    return b;
}

/// Writes the lab's run (both sides, 0:00 to the latest moment) under the data folder's
/// recordings, as every live session is (interfaces.md §3).
void record_lab(const Lab& lab, const std::filesystem::path& data_dir) {
    if (lab.latest() < core::kTickHz) return;  // less than a second: nothing to keep
    const auto dir = data_dir / "recordings";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        core::log_warn("the lab's run is not recorded: {}: {}", dir.string(), ec.message());
        return;
    }
    const std::string limb = lab.setup().limb == session::LimbKind::Leg ? "leg" : "arm";
    const auto a = telemetry_v1::new_recording_path(dir, limb + "-lab-A");
    const auto b = telemetry_v1::new_recording_path(dir, limb + "-lab-B");
    std::string error;
    if (lab.record(a, b, &error)) {
        core::log_info("recorded the lab's run ({}): {} and {}", presentation::format_clock(core::seconds_from_ticks(lab.latest())),
                       a.string(), b.string());
    } else {
        core::log_warn("the lab's run is not recorded: {}", error);
    }
}

}  // namespace

int run_window(const cli::RunOptions& options, const cli::CommonOptions& common) {
    if (!platform::display_configured()) {
        core::log_error("no display found: DISPLAY and WAYLAND_DISPLAY are not set, so no window can open");
        std::fputs(frontend::kNoDisplayHint, stderr);
        return cli::kExitBadInput;
    }
    Built built = build(options.scene, "run");
    if (built.status != cli::kExitOk) return built.status;
    const auto data_dir = frontend::resolve_data_dir(common.data_dir);
    std::string error;
    if (built.lab && !frontend::ensure_data_dir(data_dir, &error)) {
        core::log_error("{}", error);
        return cli::kExitBadInput;
    }
    frontend::Stage stage;
    if (!frontend::build_run_stage(stage, options,
                                   built.lab ? "BFR Coach \xe2\x80\x94 therapist lab" : "BFR Coach \xe2\x80\x94 replay theatre")) {
        return cli::kExitBadInput;
    }
    TherapistClient::Options copts;
    copts.ui_scale = options.scene.ui_scale;
    copts.xray = options.scene.xray;
    copts.file_name = built.file_name;
    TherapistClient client{stage, std::move(built.lab), std::move(built.theatre), copts};
    client.on_new_run = [&data_dir](const Lab& lab) { record_lab(lab, data_dir); };
    app::LoopConfig loop;
    loop.max_frames = options.quit_after_frames;
    const auto stats = app::run_realtime(*stage.window, client, loop);
    core::log_debug("{} frames, {} ticks, {} clamped", stats.frames, stats.ticks, stats.clamped_frames);
    if (Lab* lab = client.lab()) {
        core::log_debug("re-simulated {} ticks for rewinds", lab->resimulated_ticks());
        record_lab(*lab, data_dir);
    }
    return cli::kExitOk;
}

int run_shot(const cli::ShotOptions& options, const cli::CommonOptions& /*common*/) {
    Built built = build(options.scene, "shot");
    if (built.status != cli::kExitOk) return built.status;
    frontend::Stage stage;
    if (!frontend::build_shot_stage(stage, options, "BFR Coach therapist (shot)")) return cli::kExitBadInput;
    if (options.at_s) {
        const core::Tick t = core::ticks_from_seconds(std::max(0.0, *options.at_s));
        if (built.lab) built.lab->seek(t);
        if (built.theatre) built.theatre->seek(t);
        if (core::interrupt_requested()) {
            core::log_error("interrupted; no picture written");
            return core::interrupt_exit_status();
        }
    }
    TherapistClient::Options copts;
    copts.interactive = false;
    copts.finish_frames = true;
    copts.width_px = options.scene.width_px;
    copts.height_px = options.scene.height_px;
    copts.ui_dt_s = 1.f / 60.f;
    copts.ui_scale = options.scene.ui_scale;
    copts.xray = options.scene.xray;
    copts.file_name = built.file_name;
    TherapistClient client{stage, std::move(built.lab), std::move(built.theatre), copts};
    render::Image image;
    const auto timings =
        app::run_fixed_frames(*stage.window, client, options.frames, [&] { image = stage.renderer->read_pixels(); });
    return frontend::finish_shot(stage, image, timings, options, client.time_s());
}

}  // namespace bfr::modes::therapist
