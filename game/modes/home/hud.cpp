#include "game/modes/home/hud.hpp"

#include "engine/ui/ui_context.hpp"
#include "game/modes/home/palette.hpp"
#include "game/presentation/scene.hpp"

#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>

namespace bfr::modes::home {
namespace {

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                         ImGuiWindowFlags_NoNav;  // a display, not a menu: Space must contract

/// Width of a meter and of a plot, in font sizes.
constexpr float kMeterEms = 14.f;

void meter(const char* label, float value_01, const ImVec4& color, const std::string& text,
           float width_ems = kMeterEms) {
    ImGui::TextUnformatted(label);
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, color);
    ImGui::ProgressBar(std::clamp(value_01, 0.f, 1.f), ImVec2(ImGui::GetFontSize() * width_ems, 0.f), text.c_str());
    ImGui::PopStyleColor();
}

ImU32 rgba(const ImVec4& c, float alpha = 1.f) {
    return ImGui::GetColorU32(ImVec4(c.x, c.y, c.z, c.w * alpha));
}

ImVec4 tone_color(presentation::TimerTone tone) {
    switch (tone) {
        case presentation::TimerTone::Set: return kOrange;
        case presentation::TimerTone::Rest: return kSkyBlue;
        case presentation::TimerTone::RestOver: return kYellow;
        case presentation::TimerTone::Done: return kGreen;
        case presentation::TimerTone::Neutral: break;
    }
    return ImVec4(1.f, 1.f, 1.f, 1.f);
}

/// A large figure with a two-line label beside it (the rep count, the set/rest timer). The
/// labels start at `label_x` (from the figure's left) unless the figure is wider.
void big_figure(const ui::UiContext& ui, const char* big, const ImVec4& color, const char* label, const char* detail,
                float label_x) {
    const float x0 = ImGui::GetCursorPosX();
    ImGui::PushFont(ui.font(ui::FontRole::Display));
    ImGui::TextColored(color, "%s", big);
    ImGui::PopFont();
    if (label[0] == '\0' && detail[0] == '\0') return;
    ImGui::SameLine();
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), x0 + label_x));
    ImGui::BeginGroup();
    ImGui::Dummy(ImVec2(0.f, ImGui::GetFontSize() * 0.9f));
    ImGui::TextColored(kMuted, "%s", label);
    ImGui::TextColored(kMuted, "%s", detail);
    ImGui::EndGroup();
}

/// Columns a plot draws at most.
constexpr std::size_t kPlotBuckets = 60;

/// A plot of the last minute (presentation::HudHistory), newest point at the right edge; values
/// below 0 are gaps. `band` (optional) shades target ±10 % where the point has a target.
template <typename Value>
void history_plot(const presentation::HudHistory& history, float y_max, const ImVec4& color, const char* top_label,
                  Value value, bool band, float height_ems = 2.2f) {
    const float font = ImGui::GetFontSize();
    const ImVec2 size(font * kMeterEms, font * height_ems);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const ImVec2 p1(p0.x + size.x, p0.y + size.y);
    ImGui::Dummy(size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, p1, ImGui::GetColorU32(ImGuiCol_FrameBg), ImGui::GetStyle().FrameRounding);
    const auto& pts = history.points();
    const std::size_t n = pts.size();
    const float inset = std::max(2.f, font * 0.15f);
    const float w = size.x - 2.f * inset;
    const float h = size.y - 2.f * inset;
    auto x_at = [&](std::size_t i) {
        const float age = static_cast<float>(n - 1 - i);  // in points, 0 = newest
        return p1.x - inset - w * age / static_cast<float>(presentation::kHistoryPoints - 1);
    };
    auto y_at = [&](float v) { return p1.y - inset - h * std::clamp(v / y_max, 0.f, 1.f); };
    // At most kPlotBuckets columns, each drawn as its min and max in time order: a ripple keeps
    // its peaks and valleys, and the plot stays a few hundred triangles (llvmpipe sets up every
    // triangle; 600 anti-aliased segments per plot cost more than the whole limb).
    const std::size_t per_bucket = std::max<std::size_t>(1, (n + kPlotBuckets - 1) / kPlotBuckets);
    if (band) {
        const ImU32 fill = rgba(kGreen, 0.40f);
        const ImU32 edge = rgba(kGreen, 0.85f);
        const float thick = std::max(1.f, font * 0.06f);
        std::array<ImVec2, kPlotBuckets + 1> hi{};
        std::array<ImVec2, kPlotBuckets + 1> lo{};
        std::size_t m = 0;
        auto flush_band = [&] {
            for (std::size_t k = 1; k < m; ++k) dl->AddQuadFilled(hi[k - 1], hi[k], lo[k], lo[k - 1], fill);
            if (m >= 2) {
                dl->AddPolyline(hi.data(), static_cast<int>(m), edge, ImDrawFlags_None, thick);
                dl->AddPolyline(lo.data(), static_cast<int>(m), edge, ImDrawFlags_None, thick);
            }
            m = 0;
        };
        for (std::size_t i = 0; i < n; i += per_bucket) {
            const std::size_t last = std::min(n - 1, i + per_bucket - 1);
            const float t = pts[last].target_mmhg;
            if (!(t > 0.f)) {
                flush_band();
                continue;
            }
            hi[m] = ImVec2(x_at(last), y_at(t * 1.1f));
            lo[m] = ImVec2(x_at(last), y_at(t * 0.9f));
            ++m;
        }
        flush_band();
    }
    std::array<ImVec2, 2 * kPlotBuckets + 2> line;  // no allocation per frame
    std::size_t count = 0;
    const ImU32 col = rgba(color);
    const float thick = std::max(1.5f, font * 0.09f);
    auto flush = [&] {
        if (count >= 2) dl->AddPolyline(line.data(), static_cast<int>(count), col, ImDrawFlags_None, thick);
        count = 0;
    };
    for (std::size_t i = 0; i < n; i += per_bucket) {
        const std::size_t last = std::min(n - 1, i + per_bucket - 1);
        std::size_t lo_i = n;
        std::size_t hi_i = n;
        for (std::size_t j = i; j <= last; ++j) {
            const float v = value(pts[j]);
            if (!(v >= 0.f)) continue;
            if (lo_i == n || v < value(pts[lo_i])) lo_i = j;
            if (hi_i == n || v > value(pts[hi_i])) hi_i = j;
        }
        if (lo_i == n) {  // a gap
            flush();
            continue;
        }
        const std::size_t first_i = std::min(lo_i, hi_i);
        const std::size_t second_i = std::max(lo_i, hi_i);
        line[count++] = ImVec2(x_at(first_i), y_at(value(pts[first_i])));
        if (second_i != first_i) line[count++] = ImVec2(x_at(second_i), y_at(value(pts[second_i])));
    }
    flush();
    // The scale's top, small, in the top-left corner (the oldest data) on a pill that keeps it legible.
    const float label_px = font * 0.72f;
    const ImVec2 text_size = ImGui::GetFont()->CalcTextSizeA(label_px, FLT_MAX, 0.f, top_label);
    const ImVec2 l0(p0.x + inset, p0.y + inset);
    const ImVec2 pad(font * 0.25f, font * 0.05f);
    dl->AddRectFilled(l0, ImVec2(l0.x + text_size.x + 2.f * pad.x, l0.y + text_size.y + 2.f * pad.y),
                      ImGui::GetColorU32(ImVec4(0.08f, 0.09f, 0.12f, 0.85f)), font * 0.2f);
    dl->AddText(nullptr, label_px, ImVec2(l0.x + pad.x, l0.y + pad.y), rgba(kMuted), top_label);
}

/// The cell view: one muscle cell in close-up, its width growing with the model's cell swelling
/// (exaggerated, said in the caption), filled with the metabolite colour, stretch sensors on the
/// membrane lighting up as it swells (docs/visuals.md).
void cell_view(const presentation::HudViewModel& vm) {
    const float font = ImGui::GetFontSize();
    const ImVec2 size(font * kMeterEms, font * 3.8f);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const ImVec2 p1(p0.x + size.x, p0.y + size.y);
    ImGui::Dummy(size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Interstitial fluid behind the cell.
    dl->AddRectFilled(p0, p1, ImGui::GetColorU32(ImVec4(0.09f, 0.12f, 0.17f, 1.f)), ImGui::GetStyle().FrameRounding);
    const ImVec2 c((p0.x + p1.x) * 0.5f, (p0.y + p1.y) * 0.5f);
    const float half_len = size.x * 0.43f;
    const float rest_half = size.y * 0.2f;
    const float half = rest_half * vm.cell_width_scale;
    // The cell: muscle red, turning to the metabolite colour as the load rises (like the limb's fill).
    const float mix = presentation::metabolite_fill_level(vm.metabolite_01);
    const ImVec4 muscle(0.62f, 0.30f, 0.30f, 1.f);
    const ImVec4 fill(muscle.x + (vm.metabolite_srgb[0] - muscle.x) * mix,
                      muscle.y + (vm.metabolite_srgb[1] - muscle.y) * mix,
                      muscle.z + (vm.metabolite_srgb[2] - muscle.z) * mix, 0.92f);
    const ImVec2 a(c.x - half_len, c.y - half);
    const ImVec2 b(c.x + half_len, c.y + half);
    dl->AddRectFilled(a, b, rgba(fill), half);
    // Striations: a muscle fibre's bands, across the straight part of the cell.
    const ImU32 band = ImGui::GetColorU32(ImVec4(0.f, 0.f, 0.f, 0.16f));
    for (float x = a.x + half; x < b.x - half * 0.6f; x += font * 0.55f) {
        dl->AddLine(ImVec2(x, c.y - half * 0.82f), ImVec2(x, c.y + half * 0.82f), band, std::max(1.f, font * 0.08f));
    }
    dl->AddRect(a, b, ImGui::GetColorU32(ImVec4(0.96f, 0.86f, 0.80f, 0.9f)), half, ImDrawFlags_None,
                std::max(1.5f, font * 0.1f));
    // The cell at rest, for comparison: a thin light outline over it.
    if (half > rest_half + 0.5f) {
        dl->AddRect(ImVec2(c.x - half_len, c.y - rest_half), ImVec2(c.x + half_len, c.y + rest_half),
                    ImGui::GetColorU32(ImVec4(1.f, 1.f, 1.f, 0.45f)), rest_half, ImDrawFlags_None,
                    std::max(1.f, font * 0.05f));
    }
    // Stretch sensors on the membrane, alternately top and bottom, left to right in the order they light.
    const float r = font * 0.2f;
    for (int i = 0; i < presentation::kStretchSensors; ++i) {
        const float t = (static_cast<float>(i) + 0.5f) / static_cast<float>(presentation::kStretchSensors);
        const float x = a.x + half + (b.x - a.x - 2.f * half) * t;
        const ImVec2 pos(x, (i % 2 == 0) ? a.y : b.y);
        const float glow = presentation::stretch_sensor_glow(i, vm.cell_swell_pct);
        if (glow > 0.f) dl->AddCircleFilled(pos, r * (1.f + 1.2f * glow), rgba(kYellow, 0.35f * glow));
        const ImVec4 dot(0.16f + (kYellow.x - 0.16f) * glow, 0.17f + (kYellow.y - 0.17f) * glow,
                         0.20f + (kYellow.z - 0.20f) * glow, 1.f);
        dl->AddCircleFilled(pos, r, ImGui::GetColorU32(dot));
        dl->AddCircle(pos, r, rgba(kYellow, 0.9f), 0, std::max(1.f, font * 0.06f));
    }
}

}  // namespace

HudRequests draw_hud(const presentation::HudViewModel& vm, const presentation::HudHistory& history,
                     const HudFrameInfo& info, const ui::UiContext& ui) {
    HudRequests req;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float margin = ImGui::GetFontSize() * 0.8f;

    // Main panel, top left.
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + margin, viewport->WorkPos.y + margin));
    ImGui::SetNextWindowBgAlpha(0.f);
    if (ImGui::Begin("##hud", nullptr, kPanelFlags)) {
        ImGui::PushFont(ui.font(ui::FontRole::Heading));
        ImGui::TextUnformatted("BFR Coach");
        ImGui::PopFont();
        if (info.recording) {
            ImGui::SameLine();
            ImGui::TextColored(kVermillion, "\xe2\x97\x8f REC");
        }
        const bool simulated = info.source.rfind("simulated", 0) == 0 || info.source.empty();
        // A file's folders make the line too long for the panel: its name says enough (the help
        // panel shows the whole source).
        std::string source = info.source;
        if (source.rfind("file ", 0) == 0) {
            if (const auto slash = source.find_last_of('/'); slash != std::string::npos) source = "file " + source.substr(slash + 1);
        }
        ImGui::TextColored(kMuted, "%s \xc2\xb7 %s",
                           vm.limb_name[0] == 'l' ? "Leg \xc2\xb7 knee extension" : "Arm \xc2\xb7 biceps curl",
                           simulated ? "simulated patient" : source.c_str());
        if (info.source_finished) ImGui::TextColored(kMuted, "end of the recording");
        if (!info.link.empty()) {
            ImGui::TextColored(info.sensor_lost ? kVermillion : kGreen, "sensor: %s", info.link.c_str());
        }
        ImGui::Separator();

        // The rep count and, under it, the set/rest timer: large figures, their labels in one column.
        ImGui::PushFont(ui.font(ui::FontRole::Display));
        const float label_x = ImGui::CalcTextSize("0:00").x + ImGui::GetStyle().ItemSpacing.x;
        ImGui::PopFont();
        // The count lights up orange when a rep completes and fades back to white.
        const float f = vm.rep_flash_01;
        const ImVec4 count_color(1.f + (kOrange.x - 1.f) * f, 1.f + (kOrange.y - 1.f) * f, 1.f + (kOrange.z - 1.f) * f,
                                 1.f);
        const std::string count = vm.reps_text.empty() ? fmt::format("{}", vm.reps_performed) : vm.reps_text;
        const std::string clock = fmt::format("time {}", presentation::format_clock(vm.sim_time_s));
        big_figure(ui, count.c_str(), count_color, "REPS", clock.c_str(), label_x);
        big_figure(ui, vm.timer.big.c_str(), tone_color(vm.timer.tone), vm.timer.label.c_str(), vm.timer.detail.c_str(),
                   label_x);

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
        {
            // The last minute: the cuff against the prescribed band (target ±10 %). The scale runs
            // from 0 to 1.8 × the target (the band in the middle; or the highest pressure seen, if higher),
            // rounded up to 10 mmHg; with no target in the last minute, to the LOP.
            const auto& pts = history.points();
            float target_max = 0.f;
            float cuff_max = 0.f;
            for (std::size_t i = 0; i < pts.size(); ++i) {
                target_max = std::max(target_max, pts[i].target_mmhg);
                cuff_max = std::max(cuff_max, pts[i].cuff_mmhg);
            }
            const double lop = vm.lop_mmhg > 0.0 ? vm.lop_mmhg : vm.lop_in_use_mmhg;
            float top = target_max > 0.f ? 1.8f * target_max : static_cast<float>(std::max(lop, 50.0));
            top = std::ceil(std::max(top, cuff_max) / 10.f) * 10.f;
            const std::string top_label = fmt::format("{:.0f} mmHg \xc2\xb7 band: target \xc2\xb1{} %", top, 10);
            history_plot(
                history, top, kSkyBlue, top_label.c_str(),
                [](const presentation::HistoryPoint& p) { return p.cuff_mmhg; }, true, 3.f);
        }
        // Activation and the joint angle side by side (half-width meters).
        const float half_ems = (kMeterEms - ImGui::GetStyle().ItemSpacing.x / ImGui::GetFontSize()) * 0.5f;
        const ImVec2 row = ImGui::GetCursorPos();
        ImGui::BeginGroup();
        meter("Activation", vm.activation_01, kOrange, fmt::format("{:.0f} %", std::round(vm.activation_01 * 100.f)),
              half_ems);
        ImGui::EndGroup();
        // Not SameLine: it would carry the bar's frame padding into the second label's baseline.
        ImGui::SetCursorPos(ImVec2(row.x + ImGui::GetFontSize() * (kMeterEms - half_ems), row.y));
        ImGui::BeginGroup();
        meter(vm.joint_name[0] == 'k' ? "Knee angle" : "Elbow angle", vm.joint_angle_deg / 150.f, kSkyBlue,
              fmt::format("{:.0f}\xc2\xb0", std::round(vm.joint_angle_deg)), half_ems);
        ImGui::EndGroup();

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

    // Inside the muscle: what the physiology model says (docs/physiology.md), top right, and the
    // cell view under it: clear of the main panel and of the limb in the middle. A window too
    // narrow for side panels keeps the main one only.
    if (viewport->WorkSize.x >= ImGui::GetFontSize() * 44.f) {
        ImGui::SetNextWindowPos(
            ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - margin, viewport->WorkPos.y + margin), ImGuiCond_Always,
            ImVec2(1.f, 0.f));
        ImGui::SetNextWindowBgAlpha(0.f);
        float panel_bottom = viewport->WorkPos.y + margin;
        if (ImGui::Begin("##muscle", nullptr, kPanelFlags | ImGuiWindowFlags_NoInputs)) {
            ImGui::PushFont(ui.font(ui::FontRole::Heading));
            ImGui::TextUnformatted("Inside the muscle");
            ImGui::PopFont();
            meter("Metabolites (lactate, H+, Pi)", vm.metabolite_01, kPurple,
                  fmt::format("{:.0f} %", std::round(vm.metabolite_01 * 100.f)));
            const auto& pts = history.points();
            float met_top = 0.1f;
            float swell_top = 5.f;
            for (std::size_t i = 0; i < pts.size(); ++i) {
                met_top = std::max(met_top, pts[i].metabolite_01);
                swell_top = std::max(swell_top, pts[i].swelling_pct);
            }
            met_top = std::min(1.f, presentation::nice_ceiling(met_top));
            swell_top = presentation::nice_ceiling(swell_top);
            history_plot(
                history, met_top, kPurple, fmt::format("{:.0f} % \xc2\xb7 last minute", met_top * 100.f).c_str(),
                [](const presentation::HistoryPoint& p) { return p.metabolite_01; }, false);
            meter("Swelling (muscle thickness)", vm.swelling_pct / 50.f, kGreen,
                  fmt::format("+{:.0f} %", std::round(vm.swelling_pct)));
            history_plot(
                history, swell_top, kGreen, fmt::format("+{:.0f} % \xc2\xb7 last minute", swell_top).c_str(),
                [](const presentation::HistoryPoint& p) { return p.swelling_pct; }, false);
            // Honesty: how the limb's swelling is drawn (presentation::kSwellingExaggeration).
            ImGui::TextColored(kMuted, "limb %s", vm.swelling_scale.c_str());
            panel_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
        }
        ImGui::End();

        // The cell view, under it (for therapists and kiosks: the cell-swelling story in one picture).
        ImGui::SetNextWindowPos(
            ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - margin, panel_bottom + margin * 0.6f), ImGuiCond_Always,
            ImVec2(1.f, 0.f));
        ImGui::SetNextWindowBgAlpha(0.f);
        if (ImGui::Begin("##cell", nullptr, kPanelFlags | ImGuiWindowFlags_NoInputs)) {
            ImGui::PushFont(ui.font(ui::FontRole::Heading));
            ImGui::TextUnformatted("One muscle cell");
            ImGui::PopFont();
            cell_view(vm);
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetFontSize() * kMeterEms);
            ImGui::TextUnformatted("Cells swell with fluid: stretch sensors signal growth.");
            ImGui::PopTextWrapPos();
            ImGui::TextColored(kMuted, "width drawn \xc3\x97%.0f \xc2\xb7 volume +%.1f %%",
                               static_cast<double>(presentation::kCellViewExaggeration),
                               static_cast<double>(vm.cell_swell_pct));
        }
        ImGui::End();
    }

    // Sensor lost: a banner that cannot be missed (and says what to do).
    if ((info.sensor_lost || vm.sensor_lost) && !info.source_finished && !info.safety_banners) {
        // Top centre, over the scene where the eye is, between the panels on the left and right.
        ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f, viewport->WorkPos.y + margin),
                                ImGuiCond_Always, ImVec2(0.5f, 0.f));
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
        ImGui::TextColored(kMuted, "F1 help \xc2\xb7 X x-ray \xc2\xb7 H hide panel \xc2\xb7 right-drag to turn the view");
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
                row("X-ray: the muscle and the blood flow inside", "X");
                row("Fullscreen", "F11 or Alt+Enter");
                row("Vsync on/off", "V");
                row("Hide this panel / the HUD", "F1 / H");
                row("Text size", "Ctrl+= / Ctrl+-");
                row("Quit", "Esc or Ctrl+Q");
                ImGui::EndTable();
            }
            if (!info.source.empty()) ImGui::TextColored(kMuted, "Source: %s", info.source.c_str());
            if (vm.reps_counted_from[0] != '\0') ImGui::TextColored(kMuted, "Reps counted from: %s", vm.reps_counted_from);
            if (!info.renderer.empty()) ImGui::TextColored(kMuted, "Renderer: %s", info.renderer.c_str());
        }
        ImGui::End();
        if (!open) req.close_help = true;
    }
    return req;
}

}  // namespace bfr::modes::home
