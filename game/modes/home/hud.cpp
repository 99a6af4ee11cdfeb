#include "game/modes/home/hud.hpp"

#include "engine/ui/ui_context.hpp"

#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace bfr::modes::home {
namespace {

// Okabe-Ito accents (colour-blind safe).
const ImVec4 kOrange{230.f / 255.f, 159.f / 255.f, 0.f, 1.f};
const ImVec4 kSkyBlue{86.f / 255.f, 180.f / 255.f, 233.f / 255.f, 1.f};
const ImVec4 kGreen{0.f, 158.f / 255.f, 115.f / 255.f, 1.f};
const ImVec4 kMuted{0.65f, 0.68f, 0.74f, 1.f};
const ImVec4 kVermillion{213.f / 255.f, 94.f / 255.f, 0.f, 1.f};
const ImVec4 kPurple{204.f / 255.f, 121.f / 255.f, 167.f / 255.f, 1.f};

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                         ImGuiWindowFlags_NoNav;  // a display, not a menu: Space must contract

void meter(const char* label, float value_01, const ImVec4& color, const std::string& text) {
    ImGui::TextUnformatted(label);
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, color);
    ImGui::ProgressBar(std::clamp(value_01, 0.f, 1.f), ImVec2(ImGui::GetFontSize() * 14.f, 0.f), text.c_str());
    ImGui::PopStyleColor();
}

}  // namespace

HudRequests draw_hud(const presentation::HudViewModel& vm, const HudFrameInfo& info, const ui::UiContext& ui) {
    HudRequests req;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float margin = ImGui::GetFontSize() * 0.8f;

    // Main panel, top left.
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + margin, viewport->WorkPos.y + margin));
    ImGui::SetNextWindowBgAlpha(0.78f);
    if (ImGui::Begin("##hud", nullptr, kPanelFlags)) {
        ImGui::PushFont(ui.font(ui::FontRole::Heading));
        ImGui::TextUnformatted("BFR Coach");
        ImGui::PopFont();
        if (info.recording) {
            ImGui::SameLine();
            ImGui::TextColored(kVermillion, "\xe2\x97\x8f REC");
        }
        const bool simulated = info.source.rfind("simulated", 0) == 0 || info.source.empty();
        ImGui::TextColored(kMuted, "%s \xc2\xb7 %s",
                           vm.limb_name[0] == 'l' ? "Leg \xc2\xb7 knee extension" : "Arm \xc2\xb7 biceps curl",
                           simulated ? "simulated patient" : info.source.c_str());
        if (info.source_finished) ImGui::TextColored(kMuted, "end of the recording");
        if (!info.link.empty()) {
            ImGui::TextColored(info.sensor_lost ? kVermillion : kGreen, "sensor: %s", info.link.c_str());
        }
        ImGui::Separator();

        ImGui::PushFont(ui.font(ui::FontRole::Display));
        // The count lights up orange when a rep completes and fades back to white.
        const float f = vm.rep_flash_01;
        const ImVec4 count_color(1.f + (kOrange.x - 1.f) * f, 1.f + (kOrange.y - 1.f) * f, 1.f + (kOrange.z - 1.f) * f,
                                 1.f);
        ImGui::TextColored(count_color, "%u", vm.reps_performed);
        ImGui::PopFont();
        ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::Dummy(ImVec2(0.f, ImGui::GetFontSize() * 0.9f));
        ImGui::TextColored(kMuted, "REPS");
        ImGui::TextColored(kMuted, "time %s", presentation::format_clock(vm.sim_time_s).c_str());
        ImGui::EndGroup();

        if (vm.cuff_mmhg >= 0.0) {
            // %LOP of the LOP the model uses (the recording's, or the limb's default, marked).
            const double lop = vm.lop_mmhg > 0.0 ? vm.lop_mmhg : vm.lop_in_use_mmhg;
            const bool pct = lop > 0.0;
            const double pct_lop = pct ? 100.0 * vm.cuff_mmhg / lop : 0.0;
            const std::string text =
                pct ? fmt::format("{:.0f} mmHg \xc2\xb7 {:.0f} % LOP{}", vm.cuff_mmhg, pct_lop,
                                  vm.lop_mmhg <= 0.0 && vm.lop_is_default ? " (default LOP)" : "")
                    : fmt::format("{:.0f} mmHg", vm.cuff_mmhg);
            meter("Cuff pressure", static_cast<float>(pct ? pct_lop / 100.0 : vm.cuff_mmhg / 300.0), kSkyBlue, text);
        } else {
            ImGui::TextUnformatted("Cuff pressure");
            ImGui::TextColored(kMuted, "no reading yet");
        }
        meter("Muscle activation", vm.activation_01, kOrange,
              fmt::format("{:.0f} %", std::round(vm.activation_01 * 100.f)));
        meter(vm.joint_name[0] == 'k' ? "Knee angle" : "Elbow angle", vm.joint_angle_deg / 150.f, kSkyBlue,
              fmt::format("{:.0f}\xc2\xb0", std::round(vm.joint_angle_deg)));


        ImGui::Spacing();
        // The contract prompt and auto tempo drive the simulated patient; a recording or a real
        // cuff moves by itself.
        if (simulated) {
            if (vm.contract_held) {
                ImGui::TextColored(kGreen, "Contracting \xe2\x80\x94 release to lower");
            } else if (vm.auto_tempo) {
                ImGui::TextColored(kSkyBlue, "Auto tempo: 2 s per rep");
            } else {
                ImGui::Text("Hold %s to contract", info.contract_key.c_str());
            }
            if (ImGui::Button(vm.auto_tempo ? "Stop auto tempo (T)" : "Auto tempo (T)")) req.toggle_auto_tempo = true;
        }
    }
    ImGui::End();

    // Inside the muscle: what the physiology model says (docs/physiology.md), right middle, clear
    // of the main panel, the limb and the banners. A window too narrow for both panels side by
    // side keeps the main one only.
    if (viewport->WorkSize.x >= ImGui::GetFontSize() * 44.f) {
        ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - margin,
                                       viewport->WorkPos.y + viewport->WorkSize.y * 0.5f),
                                ImGuiCond_Always, ImVec2(1.f, 0.5f));
        ImGui::SetNextWindowBgAlpha(0.78f);
        if (ImGui::Begin("##muscle", nullptr, kPanelFlags | ImGuiWindowFlags_NoInputs)) {
            ImGui::PushFont(ui.font(ui::FontRole::Heading));
            ImGui::TextUnformatted("Inside the muscle");
            ImGui::PopFont();
            meter("Metabolites (lactate, H+, Pi)", vm.metabolite_01, kPurple,
                  fmt::format("{:.0f} %", std::round(vm.metabolite_01 * 100.f)));
            meter("Swelling (muscle thickness)", vm.swelling_pct / 50.f, kGreen,
                  fmt::format("+{:.0f} %", std::round(vm.swelling_pct)));
        }
        ImGui::End();
    }

    // Sensor lost: a banner across the top that cannot be missed (and says what to do).
    if ((info.sensor_lost || vm.sensor_lost) && !info.source_finished) {
        // Top right, clear of the main panel on the left.
        ImGui::SetNextWindowPos(
            ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - margin, viewport->WorkPos.y + margin), ImGuiCond_Always,
            ImVec2(1.f, 0.f));
        ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(kVermillion.x * 0.55f, kVermillion.y * 0.55f, 0.f, 0.95f));
        if (ImGui::Begin("##sensor_lost", nullptr, kPanelFlags | ImGuiWindowFlags_NoInputs)) {
            ImGui::PushFont(ui.font(ui::FontRole::Heading));
            ImGui::TextUnformatted("Sensor lost");
            ImGui::PopFont();
            ImGui::TextUnformatted("No data from the cuff for more than 2 s.");
            ImGui::TextUnformatted("Check its cable or connection.");
        }
        ImGui::End();
        ImGui::PopStyleColor();
    }

    // Perf line, bottom right.
    if (info.show_perf) {
        const std::string perf = fmt::format("{:.0f} fps \xc2\xb7 {:.1f} ms \xc2\xb7 vsync {}", info.fps, info.frame_ms,
                                             info.vsync ? "on" : "off");
        ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - margin,
                                       viewport->WorkPos.y + viewport->WorkSize.y - margin),
                                ImGuiCond_Always, ImVec2(1.f, 1.f));
        ImGui::SetNextWindowBgAlpha(0.5f);
        if (ImGui::Begin("##perf", nullptr, kPanelFlags | ImGuiWindowFlags_NoInputs)) {
            ImGui::TextColored(kMuted, "%s", perf.c_str());
        }
        ImGui::End();
    }

    // Hint, bottom left.
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + margin, viewport->WorkPos.y + viewport->WorkSize.y - margin),
                            ImGuiCond_Always, ImVec2(0.f, 1.f));
    ImGui::SetNextWindowBgAlpha(0.5f);
    if (ImGui::Begin("##hint", nullptr, kPanelFlags | ImGuiWindowFlags_NoInputs)) {
        ImGui::TextColored(kMuted, "F1 help \xc2\xb7 H hide panel \xc2\xb7 right-drag to turn the view");
    }
    ImGui::End();

    if (info.show_help) {
        ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f,
                                       viewport->WorkPos.y + viewport->WorkSize.y * 0.5f),
                                ImGuiCond_Always, ImVec2(0.5f, 0.5f));
        bool open = true;
        if (ImGui::Begin(
                "Controls", &open,
                ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse)) {
            if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_PadOuterX)) {
                auto row = [](const char* what, const std::string& how) {
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(what);
                    ImGui::TableNextColumn();
                    ImGui::TextColored(kSkyBlue, "%s", how.c_str());
                };
                row("Contract (hold)", info.contract_key + ", left mouse, touch, gamepad A");
                row("Auto tempo on/off", "T, gamepad Start");
                row("Simulated cuff: a leak / a lost sensor", "L / D");
                row("Turn the view", "right-drag, arrow keys, right stick");
                row("Zoom", "mouse wheel, + / -, PageUp / PageDown");
                row("Reset the view", "R or Home");
                row("Fullscreen", "F11 or Alt+Enter");
                row("Vsync on/off", "V");
                row("Hide this panel / the HUD", "F1 / H");
                row("Text size", "Ctrl+= / Ctrl+-");
                row("Quit", "Esc or Ctrl+Q");
                ImGui::EndTable();
            }
            if (!info.source.empty()) ImGui::TextColored(kMuted, "Source: %s", info.source.c_str());
            if (!info.renderer.empty()) ImGui::TextColored(kMuted, "Renderer: %s", info.renderer.c_str());
        }
        ImGui::End();
        if (!open) req.close_help = true;
    }
    return req;
}

}  // namespace bfr::modes::home
