#include "game/modes/home/guided_panels.hpp"

#include "engine/ui/ui_context.hpp"
#include "game/modes/home/palette.hpp"
#include "game/modes/home/widgets.hpp"

#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace bfr::modes::home {
namespace {

using presentation::GuidedViewModel;

constexpr ImGuiWindowFlags kDialogFlags = kPanelFlags | ImGuiWindowFlags_AlwaysAutoResize;
/// A display, not a form: no keyboard focus (Space must contract).
constexpr ImGuiWindowFlags kDisplayFlags = kDialogFlags | ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;

void wrapped(const ImVec4& color, const std::string& text, float width_ems = 30.f) {
    // At most `width_ems` wide, and never past the column (or window) it is in.
    const float avail = ImGui::GetContentRegionAvail().x;
    const float width = ImGui::GetFontSize() * width_ems;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + (avail > 1.f ? std::min(width, avail) : width));
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
}

/// A toggle among options drawn as buttons (large touch targets); returns true when it changed.
bool choice_buttons(const char* id, int& value, std::initializer_list<const char*> labels) {
    bool changed = false;
    int i = 0;
    ImGui::PushID(id);
    for (const char* label : labels) {
        if (i > 0) ImGui::SameLine();
        const bool selected = value == i;
        if (selected) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(kSkyBlue.x * 0.7f, kSkyBlue.y * 0.7f, kSkyBlue.z * 0.7f, 1.f));
        const std::string text = selected ? fmt::format("\xe2\x97\x8f {}", label) : std::string(label);
        if (ImGui::Button(text.c_str(), ImVec2(ImGui::GetFontSize() * 6.f, 0.f)) && !selected) {
            value = i;
            changed = true;
        }
        if (selected) ImGui::PopStyleColor();
        ++i;
    }
    ImGui::PopID();
    return changed;
}

/// A number with − and + buttons (touch and gamepad friendly) and a field to type it in.
bool stepper(const char* id, int& value, int lo, int hi, int small_step, int big_step, const char* unit) {
    bool changed = false;
    ImGui::PushID(id);
    const float w = ImGui::GetFontSize() * 2.6f;
    if (ImGui::Button(fmt::format("\xe2\x88\x92{}", big_step).c_str(), ImVec2(w, 0.f))) {
        value -= big_step;
        changed = true;
    }
    ImGui::SameLine();
    if (ImGui::Button("\xe2\x88\x92", ImVec2(w * 0.7f, 0.f))) {
        value -= small_step;
        changed = true;
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.f);
    int typed = value;
    if (ImGui::InputInt("##value", &typed, 0, 0)) {
        value = typed;
        changed = true;
    }
    ImGui::SameLine();
    if (ImGui::Button("+", ImVec2(w * 0.7f, 0.f))) {
        value += small_step;
        changed = true;
    }
    ImGui::SameLine();
    if (ImGui::Button(fmt::format("+{}", big_step).c_str(), ImVec2(w, 0.f))) {
        value += big_step;
        changed = true;
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(unit);
    value = std::clamp(value, lo, hi);
    ImGui::PopID();
    return changed;
}

/// A 0..100 % slider over a 0..1 volume; true when it was let go after a change (then `value` is new).
bool volume_slider(const char* label, float& value, float width_ems = 10.f) {
    int percent = static_cast<int>(std::lround(std::clamp(value, 0.f, 1.f) * 100.f));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * width_ems);
    if (ImGui::SliderInt(label, &percent, 0, 100, "%d %%", ImGuiSliderFlags_AlwaysClamp)) {
        value = static_cast<float>(percent) / 100.f;
    }
    return ImGui::IsItemDeactivatedAfterEdit();
}

std::string clock_text(double seconds) {
    const auto s = static_cast<long>(std::ceil(std::max(0.0, seconds)));
    return fmt::format("{}:{:02}", s / 60, s % 60);
}

ImVec4 discomfort_color(int level) {
    if (level <= 4) return kGreen;
    if (level <= 7) return kOrange;
    return kVermillion;
}

/// The discomfort prompt: 0..10 on big buttons.
void discomfort_prompt(const GuidedViewModel& vm, const ui::UiContext& ui, GuidedRequests& req) {
    const ImGuiViewport* v = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(center_of(v), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowBgAlpha(0.92f);
    if (ImGui::Begin("##discomfort", nullptr, kDialogFlags)) {
        heading(ui, vm.stage == GuidedViewModel::Stage::Done ? "How does the limb feel now?"
                                                              : "How does the limb feel?");
        ImGui::TextColored(kMuted, "Discomfort from 0 (none) to 10 (the worst you can imagine). Keys 0-9.");
        const float size = ImGui::GetFontSize() * 2.4f;
        for (int level = 0; level <= 10; ++level) {
            if (level > 0) ImGui::SameLine();
            const ImVec4 c = discomfort_color(level);
            ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(c.x * 0.55f, c.y * 0.55f, c.z * 0.55f, 1.f));
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(c.x * 0.8f, c.y * 0.8f, c.z * 0.8f, 1.f));
            ImGui::PushFont(ui.font(ui::FontRole::Heading));
            if (level == 0 && ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
            if (ImGui::Button(fmt::format("{}", level).c_str(), ImVec2(size, size))) req.discomfort = level;
            ImGui::PopFont();
            ImGui::PopStyleColor(2);
        }
        ImGui::TextColored(kMuted, "0-4 fine \xc2\xb7 5-7 strong, tell your therapist \xc2\xb7 above %d: stop",
                           vm.discomfort_stop_above);
    }
    ImGui::End();
}

void alarm_banners(const GuidedViewModel& vm, const ui::UiContext& ui, GuidedRequests& req) {
    const ImGuiViewport* v = ImGui::GetMainViewport();
    const float margin = ImGui::GetFontSize() * 0.8f;
    float y = v->WorkPos.y + margin;
    int shown = 0;
    for (auto it = vm.alarms.rbegin(); it != vm.alarms.rend() && shown < 3; ++it) {
        const presentation::AlarmView& a = *it;
        if (a.acknowledged && !a.active) continue;
        ++shown;
        ImGui::SetNextWindowPos(ImVec2(v->WorkPos.x + v->WorkSize.x * 0.5f, y), ImGuiCond_Always, ImVec2(0.5f, 0.f));
        const float dim = a.acknowledged ? 0.35f : 0.6f;
        ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(kVermillion.x * dim, kVermillion.y * dim, 0.f, 0.95f));
        const std::string id = fmt::format("##alarm{}", a.id);
        ImGuiWindowFlags flags = kDialogFlags;
        if (a.acknowledged) flags |= ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoFocusOnAppearing;
        if (ImGui::Begin(id.c_str(), nullptr, flags)) {
            heading(ui, fmt::format("Alarm: {}", a.title).c_str());
            wrapped(ImVec4(1.f, 1.f, 1.f, 1.f), a.message, 34.f);
            ImGui::TextColored(kYellow, "%s", action_text(a.action));
            if (!a.acknowledged) {
                if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
                if (ImGui::Button("I understand (Enter)", ImVec2(ImGui::GetFontSize() * 11.f, 0.f))) {
                    req.acknowledge = a.id;
                }
            } else {
                ImGui::TextColored(kMuted, "acknowledged \xc2\xb7 still active until the condition clears");
            }
            if (a.action == "stop" && vm.stage != GuidedViewModel::Stage::Done) {
                ImGui::SameLine();
                if (ImGui::Button("End the session")) req.stop = true;
            }
            y = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y + margin * 0.5f;
        }
        ImGui::End();
        ImGui::PopStyleColor();
    }
}

/// The tempo guide: a bar the marker climbs while lifting and descends while lowering.
void tempo_guide(const GuidedViewModel& vm, const ui::UiContext& ui) {
    const float font = ImGui::GetFontSize();
    const ImVec2 size(font * 0.9f, font * 2.6f);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), ImGui::GetColorU32(ImGuiCol_FrameBg), font * 0.3f);
    float level = 0.f;  // 0 bottom, 1 top
    switch (vm.cue) {
        case GuidedViewModel::Cue::Up: level = vm.cue_progress_01; break;
        case GuidedViewModel::Cue::Down: level = 1.f - vm.cue_progress_01; break;
        case GuidedViewModel::Cue::Hold: level = 0.f; break;
        case GuidedViewModel::Cue::None: level = 0.f; break;
    }
    const float r = font * 0.38f;
    const float y = p0.y + size.y - r - 2.f - (size.y - 2.f * r - 4.f) * level;
    const ImVec4 c = vm.cue == GuidedViewModel::Cue::Up ? kOrange : kSkyBlue;
    dl->AddCircleFilled(ImVec2(p0.x + size.x * 0.5f, y), r, ImGui::GetColorU32(c));
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushFont(ui.font(ui::FontRole::Heading));
    ImGui::TextColored(c, "%s", cue_word(vm.cue));
    ImGui::PopFont();
    ImGui::TextColored(kMuted, "%.0f s up \xc2\xb7 %.0f s down", vm.concentric_s, vm.eccentric_s);
    ImGui::EndGroup();
}

void pressure_line(const GuidedViewModel& vm) {
    if (vm.last_rep_peak_pct_lop && vm.last_rep_valley_pct_lop) {
        ImGui::TextColored(kMuted, "last rep: cuff %.0f-%.0f %% LOP", *vm.last_rep_valley_pct_lop,
                           *vm.last_rep_peak_pct_lop);
        if (vm.time_in_band_pct) {
            ImGui::SameLine();
            ImGui::TextColored(*vm.time_in_band_pct >= 90.0 ? kGreen : kOrange, "\xc2\xb7 in band %.0f %%",
                               *vm.time_in_band_pct);
        }
    } else if (vm.time_in_band_pct) {
        ImGui::TextColored(*vm.time_in_band_pct >= 90.0 ? kGreen : kOrange, "cuff in band %.0f %% of the time",
                           *vm.time_in_band_pct);
    }
}

/// Points, combo and the goal: the game layer, one line.
void points_line(const GuidedViewModel& vm) {
    ImGui::TextColored(kYellow, "%u points", vm.points);
    if (vm.combo >= 2) {
        ImGui::SameLine();
        ImGui::TextColored(kOrange, "\xc2\xb7 combo %u (next x%.1f)", vm.combo, vm.multiplier_pct / 100.0);
    }
    if (vm.last_rep_gated) {
        ImGui::SameLine();
        ImGui::TextColored(kMuted, "\xc2\xb7 no points with the cuff out of its band");
    } else if (vm.goal_reps > 0) {
        ImGui::SameLine();
        ImGui::TextColored(kMuted, "\xc2\xb7 goal %u/%u", std::min(vm.goal_done, vm.goal_reps), vm.goal_reps);
    }
}

/// The one cue on screen (dosed: one at a time, with cooldowns), near the rep count.
void cue_toast(const GuidedViewModel& vm, const ui::UiContext& ui) {
    if (vm.cheer.empty()) return;
    const ImGuiViewport* v = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(v->WorkPos.x + v->WorkSize.x * 0.5f, v->WorkPos.y + v->WorkSize.y * 0.30f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowBgAlpha(0.f);
    if (ImGui::Begin("##cue", nullptr, kDisplayFlags | ImGuiWindowFlags_NoInputs)) {
        ImGui::PushFont(ui.font(ui::FontRole::Display));
        ImGui::TextColored(kYellow, "%s", vm.cheer.c_str());
        ImGui::PopFont();
    }
    ImGui::End();
}

void session_panel(const GuidedViewModel& vm, const GuidedFrameInfo& info, const ui::UiContext& ui,
                   GuidedRequests& req) {
    const ImGuiViewport* v = ImGui::GetMainViewport();
    const float margin = ImGui::GetFontSize() * 0.8f;
    ImGui::SetNextWindowPos(ImVec2(v->WorkPos.x + v->WorkSize.x * 0.5f, v->WorkPos.y + v->WorkSize.y - margin),
                            ImGuiCond_Always, ImVec2(0.5f, 1.f));
    ImGui::SetNextWindowBgAlpha(0.55f);
    if (ImGui::Begin("##guided", nullptr, kDisplayFlags)) {
        switch (vm.stage) {
            case GuidedViewModel::Stage::Ready:
                heading(ui, vm.protocol_title.c_str());
                ImGui::TextColored(kMuted, "Press Start on the set-up screen to begin.");
                break;
            case GuidedViewModel::Stage::Starting:
                heading(ui, "Inflating the cuff\xe2\x80\xa6");
                ImGui::TextColored(kMuted, "Set 1 begins when the cuff reaches %.0f mmHg (%.0f %% LOP). Stay relaxed.",
                                   vm.target_mmhg, vm.target_pct_lop);
                break;
            case GuidedViewModel::Stage::Set: {
                tempo_guide(vm, ui);
                ImGui::SameLine(0.f, ImGui::GetFontSize() * 1.2f);
                ImGui::BeginGroup();
                if (vm.to_failure) {
                    ImGui::TextUnformatted("To failure: stop when you cannot lift with good form");
                } else if (vm.reps_in_set < vm.target_reps) {
                    ImGui::Text("%u to go", vm.target_reps - vm.reps_in_set);
                } else {
                    ImGui::TextColored(kGreen, "Target reached");
                }
                pressure_line(vm);
                points_line(vm);
                ImGui::EndGroup();
                if (ImGui::Button(vm.to_failure ? "End set (E)" : "End set early (E)")) req.end_set = true;
                break;
            }
            case GuidedViewModel::Stage::Rest: {
                ImGui::Text("Rest \xc2\xb7 set %u of %u next", vm.set_number + 1, vm.sets_total);
                ImGui::TextColored(kMuted, "%s", vm.cuff_released_in_rest ? "The cuff is released while you rest."
                                                                         : "Keep the cuff on; relax the limb.");
                pressure_line(vm);
                if (ImGui::Button("Skip the rest")) req.skip_rest = true;
                break;
            }
            case GuidedViewModel::Stage::Done:
                heading(ui, "Session complete");
                break;
        }
        if (vm.stage != GuidedViewModel::Stage::Done && vm.stage != GuidedViewModel::Stage::Ready) {
            ImGui::SameLine();
            if (ImGui::Button("Stop session")) req.stop = true;
        }
        ImGui::SameLine();
        if (ImGui::Button(info.muted ? "Sound off (M)" : "Sound on (M)")) req.toggle_mute = true;
        ImGui::SameLine();
        if (ImGui::Button(!info.voice_available ? "Voice: captions only"
                          : info.voice_on      ? "Voice on"
                                               : "Voice off")) {
            req.toggle_voice = true;
        }
        ImGui::SameLine();
        if (ImGui::Button("Volume")) ImGui::OpenPopup("##volume");
        if (ImGui::BeginPopup("##volume")) {
            float sound = info.sound_volume;
            float voice = info.voice_volume;
            ImGui::TextUnformatted("Sound effects");
            (void)volume_slider("##sound", sound);
            if (sound != info.sound_volume) req.sound_volume = sound;
            ImGui::TextUnformatted(info.voice_available ? "Voice" : "Voice (captions only: espeak-ng is not installed)");
            ImGui::BeginDisabled(!info.voice_available);
            (void)volume_slider("##voice", voice);
            ImGui::EndDisabled();
            if (voice != info.voice_volume) req.voice_volume = voice;
            ImGui::TextColored(kMuted, "Alarms always sound at half volume or more, unless muted (M).");
            ImGui::EndPopup();
        }
        // The cuff went down when it should be on (released for safety, a leak, the patient):
        // the session goes on only once it is back at the target.
        if (vm.cuff_down) {
            if (ImGui::Button("Inflate the cuff")) req.reinflate = true;
            ImGui::SameLine();
            ImGui::TextColored(kOrange, "The cuff is down: inflate it to %.0f mmHg to go on.", vm.target_mmhg);
        }
        // The occlusion clock, once it matters.
        if (vm.occlusion_run_s >= vm.occlusion_warning_s) {
            ImGui::TextColored(kOrange, "Cuff on for %s of %s: deflate soon", clock_text(vm.occlusion_run_s).c_str(),
                               clock_text(vm.occlusion_limit_s).c_str());
        }
    }
    ImGui::End();
}

void summary_panel(const GuidedViewModel& vm, const GuidedFrameInfo& info, const ui::UiContext& ui,
                   GuidedRequests& req) {
    const ImGuiViewport* v = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(center_of(v), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowBgAlpha(0.94f);
    if (ImGui::Begin("##summary", nullptr, kDialogFlags)) {
        const bool complete = vm.sets.size() >= vm.sets_total &&
                              std::none_of(vm.sets.begin(), vm.sets.end(), [](const auto& s) { return s.ended_early; });
        heading(ui, complete ? "Well done: session complete" : "Session ended");
        ImGui::TextColored(kMuted, "%s", vm.protocol_title.c_str());
        for (const std::string& line : info.celebrations) {
            ImGui::TextColored(kYellow, "\xe2\x97\x8f");
            ImGui::SameLine();
            wrapped(kYellow, line, 28.f);
        }
        std::uint32_t reps = 0;
        if (ImGui::BeginTable("sets", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_PadOuterX)) {
            ImGui::TableSetupColumn("Set");
            ImGui::TableSetupColumn("Reps");
            ImGui::TableSetupColumn("Time");
            ImGui::TableHeadersRow();
            for (std::size_t i = 0; i < vm.sets.size(); ++i) {
                const auto& s = vm.sets[i];
                reps += s.reps;
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::Text("%zu", i + 1);
                ImGui::TableNextColumn();
                if (s.to_failure) {
                    ImGui::Text("%u (to failure)", s.reps);
                } else {
                    ImGui::TextColored(s.reps >= s.target_reps ? kGreen : kOrange, "%u of %u", s.reps, s.target_reps);
                }
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(clock_text(s.duration_s).c_str());
            }
            ImGui::EndTable();
        }
        ImGui::Text("%u reps in %zu sets", reps, vm.sets.size());
        ImGui::TextColored(kYellow, "%u points \xc2\xb7 best combo %u \xc2\xb7 %.0f %% good reps (full range, on tempo, in band)",
                           vm.points, vm.best_combo, vm.good_rep_share_01 * 100.0);
        if (vm.goal_reps > 0) {
            ImGui::TextColored(vm.goal_done >= vm.goal_reps ? kGreen : kMuted, "Your goal: %u reps \xc2\xb7 %s", vm.goal_reps,
                               vm.goal_done >= vm.goal_reps ? "reached" : "not this time");
        }
        ImGui::Separator();
        ImGui::TextUnformatted("Cuff pressure");
        if (vm.time_in_band_pct) {
            ImGui::TextColored(*vm.time_in_band_pct >= 90.0 ? kGreen : kOrange, "  in its band %.0f %% of the time",
                               *vm.time_in_band_pct);
        }
        if (vm.peak_pct_lop_mean && vm.valley_pct_lop_mean) {
            ImGui::TextColored(kMuted, "  per rep: peak %.0f %% LOP, valley %.0f %% LOP (means)", *vm.peak_pct_lop_mean,
                               *vm.valley_pct_lop_mean);
        }
        ImGui::TextUnformatted("Inside the muscle (the model)");
        ImGui::TextColored(kMuted, "  metabolites peaked at %.0f %% \xc2\xb7 swelling +%.0f %%",
                           static_cast<double>(vm.metabolite_peak_01) * 100.0, static_cast<double>(vm.swelling_peak_pct));
        if (vm.discomfort_max >= 0) ImGui::TextColored(discomfort_color(vm.discomfort_max), "  discomfort at most %d / 10", vm.discomfort_max);
        if (vm.alarms.empty()) {
            ImGui::TextColored(kGreen, "No safety alarms.");
        } else {
            ImGui::TextColored(kVermillion, "Safety alarms: %zu", vm.alarms.size());
            for (const auto& a : vm.alarms) ImGui::BulletText("%s at %s", a.title.c_str(), clock_text(a.t_s).c_str());
        }
        ImGui::Separator();
        wrapped(vm.load_increase ? kGreen : kMuted, fmt::format("Next time: {:.0f} %1RM. {}", vm.load_advice_pct1rm, vm.load_advice));
        if (!info.summary_note.empty()) wrapped(kMuted, info.summary_note);
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        if (ImGui::Button("New session", ImVec2(ImGui::GetFontSize() * 9.f, 0.f))) req.close_summary = true;
        ImGui::SameLine();
        if (ImGui::Button("Quit", ImVec2(ImGui::GetFontSize() * 6.f, 0.f))) req.quit = true;
    }
    ImGui::End();
}

}  // namespace

const char* cue_word(GuidedViewModel::Cue cue) noexcept {
    switch (cue) {
        case GuidedViewModel::Cue::Up: return "UP";
        case GuidedViewModel::Cue::Down: return "DOWN";
        case GuidedViewModel::Cue::Hold: return "HOLD";
        case GuidedViewModel::Cue::None: break;
    }
    return "";
}

const char* action_text(std::string_view action) noexcept {
    if (action == "deflate") return "Deflate the cuff now.";
    if (action == "lower_10_mmHg") return "Lower the cuff by 10 mmHg.";
    if (action == "stop") return "Stop the exercise.";
    return "Check the cuff.";
}

std::string rep_figure(const GuidedViewModel& vm, std::uint32_t reps_counted) {
    if (!vm.has_protocol || vm.stage == GuidedViewModel::Stage::Ready || vm.stage == GuidedViewModel::Stage::Starting) {
        return fmt::format("{}", reps_counted);
    }
    if (vm.stage == GuidedViewModel::Stage::Set && !vm.to_failure && vm.target_reps > 0) {
        return fmt::format("{}/{}", vm.reps_in_set, vm.target_reps);
    }
    if (vm.stage == GuidedViewModel::Stage::Done) return fmt::format("{}", vm.reps_total);
    return fmt::format("{}", vm.reps_in_set);
}

bool wants_answer(const GuidedViewModel& vm, const GuidedFrameInfo& info) noexcept {
    if (info.show_summary) return true;
    if (vm.discomfort_wanted) return true;
    return std::any_of(vm.alarms.begin(), vm.alarms.end(), [](const auto& a) { return !a.acknowledged; });
}

SetupRequests draw_setup(SetupForm& form, const SetupView& view, const ui::UiContext& ui) {
    SetupRequests req;
    const ImGuiViewport* v = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(center_of(v), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowBgAlpha(0.94f);
    ImGui::SetNextWindowSizeConstraints(ImVec2(0.f, 0.f), ImVec2(v->WorkSize.x * 0.96f, v->WorkSize.y * 0.985f));
    // A fixed width (the columns share it, text wraps inside them), the height fitted to the content.
    ImGui::SetNextWindowSize(ImVec2(std::min(v->WorkSize.x * 0.96f, ImGui::GetFontSize() * 62.f), 0.f), ImGuiCond_Always);
    if (ImGui::Begin("##setup", nullptr, kDialogFlags & ~ImGuiWindowFlags_AlwaysAutoResize)) {
        heading(ui, "Today's session");
        if (!view.source.empty()) {
            ImGui::SameLine();
            ImGui::TextColored(kMuted, "  cuff: %s", view.source.c_str());
        }
        if (!view.progress_line.empty()) {
            // The long run in one line, right-aligned on the title's row (Progress has the rest).
            const float w = ImGui::CalcTextSize(view.progress_line.c_str()).x;
            const float x = ImGui::GetWindowContentRegionMax().x - w;
            if (x > ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + ImGui::GetFontSize()) {
                ImGui::SameLine(x);
                ImGui::TextColored(kSkyBlue, "%s", view.progress_line.c_str());
            }
        }
        const bool two_columns = v->WorkSize.x >= ImGui::GetFontSize() * 52.f;
        if (two_columns) {
            ImGui::BeginTable("##setup_columns", 2, ImGuiTableFlags_SizingStretchProp);
            ImGui::TableSetupColumn("form", ImGuiTableColumnFlags_WidthStretch, 0.56f);
            ImGui::TableSetupColumn("screening", ImGuiTableColumnFlags_WidthStretch, 0.44f);
            ImGui::TableNextColumn();
        }

        int limb = form.leg ? 1 : 0;
        ImGui::TextUnformatted("Limb");
        ImGui::SameLine(ImGui::GetFontSize() * 8.f);
        if (choice_buttons("limb", limb, {"Arm", "Leg"})) {
            form.leg = limb == 1;
            req.limb_changed = true;
        }
        int side = form.left ? 0 : 1;
        ImGui::TextUnformatted("Side");
        ImGui::SameLine(ImGui::GetFontSize() * 8.f);
        if (choice_buttons("side", side, {"Left", "Right"})) form.left = side == 0;
        ImGui::TextUnformatted("Posture");
        ImGui::SameLine(ImGui::GetFontSize() * 8.f);
        (void)choice_buttons("posture", form.posture, {"Seated", "Lying", "Standing"});

        ImGui::Separator();
        ImGui::TextUnformatted("LOP");
        ImGui::SameLine(ImGui::GetFontSize() * 8.f);
        if (stepper("lop", form.lop_mmhg, 50, 400, 1, 10, "mmHg")) {
            form.lop_edited = true;
            form.lop_source = "typed";
            form.lop_age = "today";
            form.lop_posture = form.posture;
        }
        ImGui::SetCursorPosX(ImGui::GetFontSize() * 8.f);
        if (!form.lop_age.empty()) {
            ImGui::TextColored(kMuted, "limb occlusion pressure, %s %s, %s", form.lop_source == "device" ? "measured by the device" : "typed in",
                               form.lop_age.c_str(), form.lop_posture == 1 ? "lying" : form.lop_posture == 2 ? "standing" : "seated");
        } else if (view.lop_warning.empty()) {  // else the warning says so
            ImGui::TextColored(kMuted, "limb occlusion pressure: the default (not measured)");
        }
        if (view.device_lop_mmhg > 0.0) {
            ImGui::SetCursorPosX(ImGui::GetFontSize() * 8.f);
            if (ImGui::Button(fmt::format("Use the device's LOP: {:.0f} mmHg", view.device_lop_mmhg).c_str())) {
                form.lop_mmhg = static_cast<int>(std::lround(view.device_lop_mmhg));
                form.lop_source = "device";
                form.lop_age = "today";
                form.lop_posture = form.posture;
                form.lop_edited = true;
            }
        }
        if (!view.lop_warning.empty()) wrapped(kOrange, view.lop_warning, 26.f);

        ImGui::TextUnformatted("Load");
        ImGui::SameLine(ImGui::GetFontSize() * 8.f);
        (void)stepper("load", form.load_pct1rm, 5, 80, 1, 5, "% of 1RM");
        if (form.load_pct1rm < 20 || form.load_pct1rm > 40) {
            ImGui::SetCursorPosX(ImGui::GetFontSize() * 8.f);
            ImGui::TextColored(kOrange, "BFR training uses 20-40 %% of your one-rep maximum");
        }

        ImGui::TextUnformatted("Protocol");
        ImGui::SameLine(ImGui::GetFontSize() * 8.f);
        if (!view.protocols.empty()) {
            form.protocol_index = std::clamp(form.protocol_index, 0, static_cast<int>(view.protocols.size()) - 1);
            const ProtocolChoice& chosen = view.protocols[static_cast<std::size_t>(form.protocol_index)];
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.f);
            if (ImGui::BeginCombo("##protocol", chosen.title.c_str())) {
                for (std::size_t i = 0; i < view.protocols.size(); ++i) {
                    const bool selected = static_cast<int>(i) == form.protocol_index;
                    if (ImGui::Selectable(view.protocols[i].title.c_str(), selected)) form.protocol_index = static_cast<int>(i);
                    if (selected) ImGui::SetItemDefaultFocus();
                }
                ImGui::EndCombo();
            }
            ImGui::SetCursorPosX(ImGui::GetFontSize() * 8.f);
            const double pct = form.leg ? chosen.target_pct_lop_leg : chosen.target_pct_lop_arm;
            const double target = pct * 0.01 * form.lop_mmhg;
            ImGui::TextColored(kMuted, "target %.0f %% LOP = %.0f mmHg (band %.0f-%.0f)", pct, target, target * 0.9,
                               target * 1.1);
            if (!chosen.description.empty()) {
                ImGui::SetCursorPosX(ImGui::GetFontSize() * 8.f);
                wrapped(kMuted, chosen.description, 26.f);
            }
        } else {
            ImGui::TextColored(kVermillion, "no protocol could be read");
        }
        if (!view.protocols.empty()) {
            const ProtocolChoice& p = view.protocols[static_cast<std::size_t>(
                std::clamp(form.protocol_index, 0, static_cast<int>(view.protocols.size()) - 1))];
            // The patient's goal, within the therapist's band: the protocol's reps, 80-120 % of them.
            const int lo = std::max(1, static_cast<int>(p.prescribed_reps * 8 / 10));
            const int hi = std::max(lo, static_cast<int>((p.prescribed_reps * 12 + 9) / 10));
            if (form.goal_reps <= 0) form.goal_reps = static_cast<int>(p.prescribed_reps);
            ImGui::TextUnformatted("Your goal");
            ImGui::SameLine(ImGui::GetFontSize() * 8.f);
            (void)stepper("goal", form.goal_reps, lo, hi, 1, 5, "reps today");
        }
        for (const std::string& p : view.problems) wrapped(kOrange, p, 30.f);

        if (two_columns) {
            ImGui::TableNextColumn();
        } else {
            ImGui::Separator();
        }
        heading(ui, "Before you start");
        if (!form.screening_age.empty()) {
            ImGui::SameLine();
            ImGui::TextColored(kMuted, " (last checked %s)", form.screening_age.c_str());
        }
        for (std::size_t i = 0; i < kScreeningItems.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            ImGui::Checkbox("##item", &form.screening[i]);
            ImGui::SameLine();
            ImGui::PushTextWrapPos(0.f);  // at the column's edge
            ImGui::TextUnformatted(kScreeningItems[i]);
            if (ImGui::IsItemClicked()) form.screening[i] = !form.screening[i];
            ImGui::PopTextWrapPos();
            ImGui::PopID();
        }
        const bool screened = std::all_of(form.screening.begin(), form.screening.end(), [](bool b) { return b; });
        // Either way two lines, so that Start does not move under the pointer on the last tick.
        if (!screened) {
            wrapped(kMuted, "Tick every line to start. If one is not true for you, do not use the cuff: ask your clinician.", 24.f);
        } else {
            wrapped(kGreen, "All checked: you can start. If anything changes during the session, stop and ask your clinician.", 24.f);
        }
        if (!view.spacing_warning.empty()) wrapped(kOrange, view.spacing_warning, 26.f);
        if (two_columns) ImGui::EndTable();

        ImGui::Spacing();
        ImGui::BeginDisabled(!screened || view.protocols.empty());
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(kGreen.x * 0.7f, kGreen.y * 0.7f, kGreen.z * 0.7f, 1.f));
        ImGui::PushFont(ui.font(ui::FontRole::Heading));
        if (ImGui::Button("Start session", ImVec2(ImGui::GetFontSize() * 8.f, 0.f))) req.start = true;
        ImGui::PopFont();
        ImGui::PopStyleColor();
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button("Free practice (no protocol)")) req.free_practice = true;
        ImGui::SameLine();
        if (ImGui::Button("Progress")) req.progress = true;
        ImGui::SameLine();
        if (ImGui::Button("Settings")) ImGui::OpenPopup("##settings");
        if (ImGui::BeginPopup("##settings")) {
            heading(ui, "Sound");
            ImGui::TextUnformatted("Effects");
            ImGui::SameLine(ImGui::GetFontSize() * 5.f);
            if (volume_slider("##sound", form.sound_volume)) req.test_sound = true;
            ImGui::TextUnformatted("Voice");
            ImGui::SameLine(ImGui::GetFontSize() * 5.f);
            ImGui::BeginDisabled(!view.voice_available);
            if (volume_slider("##voice", form.voice_volume)) req.test_voice = true;
            ImGui::EndDisabled();
            ImGui::TextColored(kMuted, "%s", view.voice_available ? "Let go of a slider to hear it."
                                                                  : "Voice: captions only (espeak-ng is not installed).");
            ImGui::TextColored(kMuted, "Alarms always sound at half volume or more.");
            ImGui::Checkbox("Captions for sounds", &form.sound_captions);
            ImGui::Checkbox("Hear the cuff: a tone that rises with %LOP, a soft tick per rep", &form.sonify);
            ImGui::Spacing();
            heading(ui, "Display and keys");
            ImGui::Checkbox("Large text", &form.large_text);  // the window follows form.large_text
            ImGui::SameLine();
            ImGui::TextColored(kMuted, "(also Ctrl+= and Ctrl+-)");
            ImGui::TextUnformatted("Contract key:");
            ImGui::SameLine();
            if (view.capturing_key) {
                ImGui::TextColored(kYellow, "press the new key (Esc: keep %s)", view.contract_key.c_str());
            } else {
                ImGui::TextUnformatted(view.contract_key.c_str());
                ImGui::SameLine();
                if (ImGui::Button("Change")) req.change_key = true;
            }
            if (!view.key_message.empty()) wrapped(kOrange, view.key_message, 24.f);
            ImGui::TextColored(kMuted, "The left mouse button, a touch and the gamepad's A/B/X/Y also contract.");
            ImGui::EndPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Quit")) req.quit = true;
    }
    ImGui::End();
    return req;
}

/// The voice coach's caption: large, over the scene, just above the session panel.
void caption_panel(const GuidedFrameInfo& info, const ui::UiContext& ui) {
    if (info.caption.empty()) return;
    const ImGuiViewport* v = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(v->WorkPos.x + v->WorkSize.x * 0.5f, v->WorkPos.y + v->WorkSize.y * 0.62f),
                            ImGuiCond_Always, ImVec2(0.5f, 1.f));
    ImGui::SetNextWindowBgAlpha(0.7f);
    if (ImGui::Begin("##caption", nullptr, kDisplayFlags | ImGuiWindowFlags_NoInputs)) {
        ImGui::PushFont(ui.font(ui::FontRole::Heading));
        ImGui::TextUnformatted(info.caption.c_str());
        ImGui::PopFont();
    }
    ImGui::End();
}

/// The sound effect playing now, as a caption (for those who cannot hear it): centred, just under
/// the voice coach's caption, over the scene.
void sound_caption_panel(const GuidedFrameInfo& info) {
    if (info.sound_caption.empty()) return;
    const ImGuiViewport* v = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(v->WorkPos.x + v->WorkSize.x * 0.5f, v->WorkPos.y + v->WorkSize.y * 0.64f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.f));
    ImGui::SetNextWindowBgAlpha(0.7f);
    if (ImGui::Begin("##sound_caption", nullptr, kDisplayFlags | ImGuiWindowFlags_NoInputs)) {
        ImGui::TextUnformatted(info.sound_caption.c_str());
    }
    ImGui::End();
}

GuidedRequests draw_guided(const GuidedViewModel& vm, const GuidedFrameInfo& info, const ui::UiContext& ui) {
    GuidedRequests req;
    sound_caption_panel(info);
    if (!info.show_summary) {
        caption_panel(info, ui);
        if (vm.has_protocol) cue_toast(vm, ui);
    }
    if (info.show_summary) {
        summary_panel(vm, info, ui, req);
    } else if (vm.has_protocol) {
        session_panel(vm, info, ui, req);
        if (vm.discomfort_wanted) discomfort_prompt(vm, ui, req);
    }
    alarm_banners(vm, ui, req);
    return req;
}

}  // namespace bfr::modes::home
