#include "game/modes/therapist/therapist_panels.hpp"

#include "engine/ui/ui_context.hpp"
#include "game/modes/therapist/therapist_input.hpp"
#include "game/presentation/view_models.hpp"
#include "game/safety/alarm.hpp"
#include "game/session/session.hpp"

#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <filesystem>

namespace bfr::modes::therapist {
namespace {

// Okabe–Ito (sRGB, what ImGui draws).
const ImVec4 kColA{230.f / 255.f, 159.f / 255.f, 0.f, 1.f};            // orange: A, solid line
const ImVec4 kColB{86.f / 255.f, 180.f / 255.f, 233.f / 255.f, 1.f};   // sky blue: B, dashed line
const ImVec4 kBand{0.f, 158.f / 255.f, 115.f / 255.f, 1.f};            // bluish green: the prescribed band
const ImVec4 kRep{240.f / 255.f, 228.f / 255.f, 66.f / 255.f, 1.f};    // yellow: rep markers
const ImVec4 kChange{204.f / 255.f, 121.f / 255.f, 167.f / 255.f, 1.f};  // reddish purple: changes
const ImVec4 kAlarm{213.f / 255.f, 94.f / 255.f, 0.f, 1.f};            // vermillion: alarms
const ImVec4 kMuted{0.68f, 0.71f, 0.77f, 1.f};
const ImVec4 kText{0.95f, 0.96f, 0.98f, 1.f};
const ImVec4 kPill{0.08f, 0.09f, 0.12f, 0.85f};

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav |
                                         ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                                         ImGuiWindowFlags_NoCollapse;
/// Plot columns at most (each drawn as its min and max): a few hundred segments per frame in all.
constexpr std::size_t kBuckets = 48;

ImU32 rgba(const ImVec4& c, float alpha = 1.f) {
    return ImGui::GetColorU32(ImVec4(c.x, c.y, c.z, c.w * alpha));
}

ImVec4 side_color(int style) {
    return style == 0 ? kColA : kColB;
}

/// "%" must be doubled in an ImGui format string that shows text.
std::string escape_percent(const std::string& s) {
    std::string out;
    out.reserve(s.size() + 4);
    for (const char c : s) {
        out += c;
        if (c == '%') out += '%';
    }
    return out;
}

/// A polyline drawn in dashes (B's line: its style, not only its colour, tells it from A's).
void dashed_polyline(ImDrawList* dl, const ImVec2* pts, std::size_t n, ImU32 col, float thick, float dash, float gap) {
    float phase = 0.f;  // distance into the current dash+gap period
    for (std::size_t i = 1; i < n; ++i) {
        const ImVec2 a = pts[i - 1];
        const ImVec2 b = pts[i];
        const float dx = b.x - a.x;
        const float dy = b.y - a.y;
        const float len = std::sqrt(dx * dx + dy * dy);
        if (len <= 0.f) continue;
        float t = 0.f;
        while (t < len) {
            const float period_left = (phase < dash ? dash : dash + gap) - phase;
            const float step = std::min(period_left, len - t);
            if (phase < dash) {
                dl->AddLine(ImVec2(a.x + dx * t / len, a.y + dy * t / len),
                            ImVec2(a.x + dx * (t + step) / len, a.y + dy * (t + step) / len), col, thick);
            }
            t += step;
            phase += step;
            if (phase >= dash + gap) phase = 0.f;
        }
    }
}

/// A small legend swatch: a solid or dashed line segment.
void swatch(ImDrawList* dl, ImVec2 p, float width, int style) {
    const float font = ImGui::GetFontSize();
    const ImVec2 line[2] = {ImVec2(p.x, p.y), ImVec2(p.x + width, p.y)};
    const float thick = std::max(2.f, font * 0.14f);
    if (style == 0) {
        dl->AddLine(line[0], line[1], rgba(kColA), thick);
    } else {
        dashed_polyline(dl, line, 2, rgba(kColB), thick, font * 0.32f, font * 0.22f);
    }
}

void pill_text(ImDrawList* dl, ImVec2 at, const char* text, const ImVec4& color, float scale = 0.72f) {
    const float font = ImGui::GetFontSize();
    const float px = font * scale;
    const ImVec2 size = ImGui::GetFont()->CalcTextSizeA(px, FLT_MAX, 0.f, text);
    const ImVec2 pad(font * 0.22f, font * 0.04f);
    dl->AddRectFilled(at, ImVec2(at.x + size.x + 2.f * pad.x, at.y + size.y + 2.f * pad.y), rgba(kPill), font * 0.2f);
    dl->AddText(nullptr, px, ImVec2(at.x + pad.x, at.y + pad.y), rgba(color), text);
}

std::string format_value(float v, int decimals) {
    if (!std::isfinite(v) || v < -0.5f) return "\xe2\x80\x94";  // no reading
    switch (decimals) {
        case 0: return fmt::format("{:.0f}", v);
        case 1: return fmt::format("{:.1f}", v);
        default: return fmt::format("{:.2f}", v);
    }
}

std::string clock_tenths(double s) {
    if (!std::isfinite(s) || s < 0.0) s = 0.0;
    const auto tenths = static_cast<long long>(std::floor(s * 10.0 + 1e-6));
    return fmt::format("{}:{:02}.{}", tenths / 600, (tenths / 10) % 60, tenths % 10);
}

/// The band value of a point for a plotted variable (negative: none): the target ±10 % of the cuff
/// pressure, in mmHg or in % of the LOP.
float band_center(Var v, const TracePoint& p) {
    const float target = p[static_cast<std::size_t>(Var::TargetMmhg)];
    if (!(target > 0.f)) return -1.f;
    if (v == Var::CuffMmhg) return target;
    if (v == Var::PctLop) {
        const float lop = p[static_cast<std::size_t>(Var::Lop)];
        return lop > 0.f ? 100.f * target / lop : -1.f;
    }
    return -1.f;
}

struct PlotFrame {
    ImVec2 p0, p1;
    float inset = 2.f;
    std::size_t first = 0;   // trace index at the left edge (may be before the trace's start)
    double first_tick = 0.0;
    double ticks = 1.0;      // ticks across the plot
    PlotRange range;
    [[nodiscard]] float x_of_tick(double tick) const {
        const float w = p1.x - p0.x - 2.f * inset;
        return p0.x + inset + w * static_cast<float>((tick - first_tick) / ticks);
    }
    [[nodiscard]] float y_of(float v) const {
        const float h = p1.y - p0.y - 2.f * inset;
        const float f = std::clamp((v - range.bottom) / (range.top - range.bottom), 0.f, 1.f);
        return p1.y - inset - h * f;
    }
};

/// Index range of a trace within [from_tick, to_tick].
std::pair<std::size_t, std::size_t> index_range(const Trace& t, double from_tick, core::Tick to_tick) {
    if (t.empty()) return {1, 0};
    const auto first = static_cast<std::size_t>(std::max(0.0, std::ceil(from_tick / static_cast<double>(kTraceTicks))));
    const std::size_t last = std::min(t.index_at(to_tick), t.size() - 1);
    return {first, last};
}

void draw_band(ImDrawList* dl, const PlotFrame& f, const Trace& t, Var v, std::size_t first, std::size_t last,
               bool filled, const ImVec4& color) {
    if (first > last) return;
    const float font = ImGui::GetFontSize();
    const std::size_t n = last - first + 1;
    const std::size_t per = std::max<std::size_t>(1, (n + kBuckets - 1) / kBuckets);
    std::array<ImVec2, kBuckets + 2> hi{};
    std::array<ImVec2, kBuckets + 2> lo{};
    std::size_t m = 0;
    const ImU32 fill = rgba(color, 0.30f);
    const ImU32 edge = rgba(color, 0.9f);
    const float thick = std::max(1.f, font * 0.06f);
    auto flush = [&] {
        if (filled) {
            for (std::size_t k = 1; k < m; ++k) dl->AddQuadFilled(hi[k - 1], hi[k], lo[k], lo[k - 1], fill);
        }
        if (m >= 2) {
            if (filled) {
                dl->AddPolyline(hi.data(), static_cast<int>(m), edge, ImDrawFlags_None, thick);
                dl->AddPolyline(lo.data(), static_cast<int>(m), edge, ImDrawFlags_None, thick);
            } else {
                dashed_polyline(dl, hi.data(), m, edge, thick, font * 0.3f, font * 0.2f);
                dashed_polyline(dl, lo.data(), m, edge, thick, font * 0.3f, font * 0.2f);
            }
        }
        m = 0;
    };
    for (std::size_t i = first; i <= last; i += per) {
        const std::size_t j = std::min(last, i + per - 1);
        const float c = band_center(v, t[j]);
        if (!(c > 0.f) || m >= hi.size()) {
            flush();
            continue;
        }
        const float x = f.x_of_tick(static_cast<double>(Trace::tick_of(j)));
        hi[m] = ImVec2(x, f.y_of(c * 1.1f));
        lo[m] = ImVec2(x, f.y_of(c * 0.9f));
        ++m;
    }
    flush();
}

void draw_series(ImDrawList* dl, const PlotFrame& f, const Trace& t, Var v, std::size_t first, std::size_t last,
                 int style) {
    if (first > last) return;
    const float font = ImGui::GetFontSize();
    const auto c = static_cast<std::size_t>(v);
    const std::size_t n = last - first + 1;
    const std::size_t per = std::max<std::size_t>(1, (n + kBuckets - 1) / kBuckets);
    std::array<ImVec2, 2 * kBuckets + 4> line{};
    std::size_t count = 0;
    const ImU32 col = rgba(side_color(style));
    const float thick = std::max(1.5f, font * (style == 0 ? 0.12f : 0.11f));
    auto flush = [&] {
        if (count >= 2) {
            if (style == 0) {
                dl->AddPolyline(line.data(), static_cast<int>(count), col, ImDrawFlags_None, thick);
            } else {
                dashed_polyline(dl, line.data(), count, col, thick, font * 0.4f, font * 0.25f);
            }
        }
        count = 0;
    };
    for (std::size_t i = first; i <= last; i += per) {
        const std::size_t j_last = std::min(last, i + per - 1);
        std::size_t lo_i = n + first;
        std::size_t hi_i = n + first;
        for (std::size_t j = i; j <= j_last; ++j) {
            const float val = t[j][c];
            if (!(val >= 0.f) && v == Var::CuffMmhg) continue;  // no reading: a gap
            if (lo_i == n + first || val < t[lo_i][c]) lo_i = j;
            if (hi_i == n + first || val > t[hi_i][c]) hi_i = j;
        }
        if (lo_i == n + first || count + 2 > line.size()) {
            flush();
            continue;
        }
        const std::size_t a = std::min(lo_i, hi_i);
        const std::size_t b = std::max(lo_i, hi_i);
        line[count++] = ImVec2(f.x_of_tick(static_cast<double>(Trace::tick_of(a))), f.y_of(t[a][c]));
        if (b != a) line[count++] = ImVec2(f.x_of_tick(static_cast<double>(Trace::tick_of(b))), f.y_of(t[b][c]));
    }
    flush();
}

}  // namespace

void push_style() {
    const float font = ImGui::GetFontSize();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(std::round(font * 0.7f), std::round(font * 0.5f)));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(std::round(font * 0.45f), std::round(font * 0.22f)));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(std::round(font * 0.45f), std::round(font * 0.28f)));
    ImGui::PushStyleVar(ImGuiStyleVar_GrabMinSize, std::round(font * 0.45f));
    // A slider's grab is a marker under its text: dimmed, so the words over it stay legible.
    ImVec4 grab = ImGui::GetStyleColorVec4(ImGuiCol_SliderGrab);
    grab.w *= 0.6f;
    ImGui::PushStyleColor(ImGuiCol_SliderGrab, grab);
}

void pop_style() {
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(4);
}

PanelLayout panel_layout(float width, float height) {
    const float font = ImGui::GetFontSize();
    const ImGuiStyle& style = ImGui::GetStyle();
    PanelLayout l;
    l.margin = std::round(font * 0.55f);
    l.left_width = std::round(std::min(font * 21.f, width * 0.30f));
    l.right_width = std::round(std::min(font * 19.5f, width * 0.28f));
    // Buttons, the scrub bar and its legend.
    l.timeline_height = std::round(ImGui::GetFrameHeight() + style.ItemSpacing.y + font * 1.35f + font * 0.25f +
                                   font * 0.8f + 2.f * style.WindowPadding.y);
    l.caption_height = std::round(std::min(font * 7.6f, height * 0.25f));
    return l;
}

// --- Lab panel -----------------------------------------------------------------------------------

LabPanelRequests draw_lab_panel(const LabPanelView& view, LabPanelState& state, const PanelLayout& layout,
                                const ui::UiContext& ui) {
    LabPanelRequests req;
    const float font = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImVec2(layout.margin, layout.margin));
    ImGui::SetNextWindowSize(ImVec2(layout.left_width, 0.f));
    ImGui::Begin("##therapist_lab", nullptr, kPanelFlags | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PushFont(ui.font(ui::FontRole::Heading));
    ImGui::TextUnformatted("BFR Coach \xc2\xb7 therapist");
    ImGui::PopFont();
    ImGui::TextColored(kMuted, "What-if lab \xc2\xb7 two simulated patients");
    ImGui::Separator();
    ImGui::PushFont(ui.font(ui::FontRole::Heading));
    ImGui::TextUnformatted(view.clock.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextUnformatted(view.stage.c_str());
    ImGui::TextColored(kMuted, "%s", view.status.c_str());
    ImGui::EndGroup();
    if (ImGui::SmallButton("New run (R)")) req.restart = true;
    ImGui::SameLine();
    if (ImGui::SmallButton("Keys (F1)")) req.help = true;

    const float label_w = font * 8.6f;
    const float slider_w = std::max(font * 6.f, layout.left_width - label_w - ImGui::GetStyle().WindowPadding.x * 2.f -
                                                    font * 0.9f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto row = [&](Control c) {
        const auto i = static_cast<std::size_t>(c);
        const ControlInfo& info = control_info(c);
        const bool focused = view.focus == i;
        const bool enabled = control_enabled(c, *view.params);
        ImGui::PushID(static_cast<int>(i));
        const ImVec2 row_min = ImGui::GetCursorScreenPos();
        // The focus marker: a triangle and a frame (not colour alone).
        ImGui::TextColored(focused ? kRep : ImVec4(0.f, 0.f, 0.f, 0.f), "\xe2\x96\xb6");
        ImGui::SameLine(font * 1.0f);
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(enabled ? kText : kMuted, "%s", info.label);
        ImGui::SameLine(font * 0.9f + label_w);
        ImGui::SetNextItemWidth(slider_w);
        ImGui::BeginDisabled(!enabled);
        const double current = control_value(c, *view.setup, *view.params);
        const std::string text = escape_percent(control_value_text(c, *view.setup, *view.params));
        float v = state.active[i] ? state.drag[i] : static_cast<float>(current);
        const bool changed =
            ImGui::SliderFloat("##v", &v, static_cast<float>(info.min), static_cast<float>(info.max),
                               state.active[i] ? escape_percent(fmt::format("{:.1f}", v)).c_str() : text.c_str(),
                               ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_NoRoundToFormat);
        if (ImGui::IsItemActivated()) req.focus = i;
        if (ImGui::IsItemActive()) {
            state.active[i] = true;
            state.drag[i] = v;
        }
        (void)changed;
        if (ImGui::IsItemDeactivated() && state.active[i]) {
            state.active[i] = false;
            req.changed = c;
            req.value = static_cast<double>(state.drag[i]);
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", info.hint);
        ImGui::EndDisabled();
        if (focused) {
            const ImVec2 max = ImGui::GetItemRectMax();
            dl->AddRect(ImVec2(row_min.x - font * 0.15f, row_min.y - font * 0.1f),
                        ImVec2(max.x + font * 0.15f, max.y + font * 0.1f), rgba(kRep, 0.9f), font * 0.2f,
                        ImDrawFlags_None, std::max(1.f, font * 0.08f));
        }
        ImGui::PopID();
    };
    ImGui::Spacing();
    ImGui::TextColored(kMuted, "Exercise \xe2\x80\x94 acts from this moment on");
    for (const Control c : {Control::PctLopA, Control::BModeControl, Control::PctLopB, Control::Cadence, Control::Rest,
                            Control::CuffInRest}) {
        row(c);
    }
    ImGui::Spacing();
    ImGui::TextColored(kMuted, "Patient and cuff \xe2\x80\x94 re-run the whole session");
    for (const Control c : {Control::Load, Control::CuffWidth, Control::Posture, Control::Limb}) row(c);
    ImGui::Spacing();
    const double lop = lab_lop_mmHg(*view.setup);
    ImGui::TextWrapped("LOP %.0f mmHg (people vary \xc2\xb1%.0f), estimated for this cuff, limb and posture; "
                       "both patients have it.",
                       lop, lab_lop_sd_mmHg(*view.setup));
    ImGui::TextColored(kMuted, "\xe2\x86\x91\xe2\x86\x93 choose \xc2\xb7 \xe2\x88\x92 + change \xc2\xb7 F1 all keys");
    ImGui::End();
    return req;
}

// --- Theatre panel ------------------------------------------------------------------------------

TheatrePanelRequests draw_theatre_panel(const TheatrePanelView& view, const PanelLayout& layout,
                                        const ui::UiContext& ui) {
    TheatrePanelRequests req;
    const Theatre& t = *view.theatre;
    const replay::ReplayResult& r = t.result();
    ImGui::SetNextWindowPos(ImVec2(layout.margin, layout.margin));
    ImGui::SetNextWindowSize(ImVec2(layout.left_width, 0.f));
    ImGui::Begin("##therapist_theatre", nullptr, kPanelFlags | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PushFont(ui.font(ui::FontRole::Heading));
    ImGui::TextUnformatted("Replay theatre");
    ImGui::PopFont();
    ImGui::TextColored(kMuted, "%s", view.file_name.c_str());
    const bool leg = t.options().limb == session::LimbKind::Leg;
    ImGui::TextWrapped("%s \xc2\xb7 %s \xc2\xb7 LOP %.0f mmHg%s \xc2\xb7 load %.0f %% 1RM%s", leg ? "Leg" : "Arm",
                       presentation::format_clock(r.duration_s).c_str(), r.lop_mmHg,
                       r.lop_from_recording ? "" : " (default)", r.load_pct1rm,
                       r.load_from_recording ? "" : " (default)");
    ImGui::TextWrapped("%zu reps, counted from %s", r.reps.size(), r.reps_counted_from.c_str());
    ImGui::Separator();
    ImGui::TextColored(kMuted, "Sets \xe2\x80\x94 click to jump");
    const std::optional<std::size_t> set_now = t.set_at(view.now);
    for (std::size_t i = 0; i < r.sets.size() && i < 12; ++i) {
        const auto& s = r.sets[i];
        const std::string label =
            fmt::format("{} Set {}: {} reps, {}\xe2\x80\x93{}##set{}", set_now && *set_now == i + 1 ? "\xe2\x96\xb6" : "  ",
                        i + 1, s.reps, presentation::format_clock(s.start_s), presentation::format_clock(s.end_s), i);
        if (ImGui::Selectable(label.c_str(), set_now && *set_now == i + 1)) {
            req.seek = core::ticks_from_seconds(s.start_s);
        }
    }
    if (r.sets.empty()) ImGui::TextColored(kMuted, "(no sets found)");
    if (!r.alarms.empty()) {
        ImGui::Spacing();
        ImGui::TextColored(kMuted, "Safety alarms \xe2\x80\x94 click to jump");
        for (std::size_t i = 0; i < r.alarms.size() && i < 6; ++i) {
            const auto& a = r.alarms[i];
            const double at = static_cast<double>(a.t_ns) * 1e-9;
            const std::string label =
                fmt::format("\xe2\x96\xb2 {} {}##alarm{}", presentation::format_clock(at),
                            presentation::alarm_title(safety::kind_name(a.kind)), i);
            if (ImGui::Selectable(label.c_str())) req.seek = core::ticks_from_seconds(at);
        }
    }
    ImGui::Spacing();
    ImGui::TextWrapped("Peak: metabolites %.0f %%, muscle +%.1f %%, pH %.2f, fatigue %.0f %%", 100.0 * r.peak.metabolite,
                       r.peak.swelling_pct, r.peak.ph, r.peak.fatigue_pct);
    ImGui::TextColored(kMuted, "Space play \xc2\xb7 \xe2\x86\x90\xe2\x86\x92 step \xc2\xb7 N/P rep \xc2\xb7 F1 keys");
    if (ImGui::Button("Keys (F1)")) req.help = true;
    ImGui::End();
    return req;
}

// --- Plots ------------------------------------------------------------------------------------

PlotsRequests draw_plots(const PlotsView& view, const PanelLayout& layout, const ui::UiContext& ui) {
    PlotsRequests req;
    const float font = ImGui::GetFontSize();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const auto pages = plot_pages();
    const PlotPage& page = pages[std::min(view.page, pages.size() - 1)];
    const float height = display.y - 2.f * layout.margin - layout.timeline_height - layout.margin;
    ImGui::SetNextWindowPos(ImVec2(display.x - layout.margin - layout.right_width, layout.margin));
    ImGui::SetNextWindowSize(ImVec2(layout.right_width, height));
    ImGui::Begin("##therapist_plots", nullptr, kPanelFlags);
    ImGui::PushFont(ui.font(ui::FontRole::Heading));
    ImGui::TextUnformatted("Inside the muscle");
    ImGui::PopFont();
    ImGui::TextColored(kMuted, "%zu/%zu \xc2\xb7 %s", std::min(view.page, pages.size() - 1) + 1, pages.size(),
                       page.title);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Legend: the line style says who is who, the colour repeats it.
    {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float sw = font * 1.6f;
        const float y = p.y + font * 0.55f;
        swatch(dl, ImVec2(p.x, y), sw, 0);
        ImGui::SetCursorScreenPos(ImVec2(p.x + sw + font * 0.3f, p.y));
        ImGui::TextUnformatted(view.name_a.c_str());
        if (view.b != nullptr) {
            const ImVec2 q = ImGui::GetCursorScreenPos();
            swatch(dl, ImVec2(q.x, q.y + font * 0.55f), sw, 1);
            ImGui::SetCursorScreenPos(ImVec2(q.x + sw + font * 0.3f, q.y));
            ImGui::TextUnformatted(view.name_b.c_str());
        }
    }
    const double window_ticks = view.window_s * static_cast<double>(core::kTickHz);
    const double now_tick = static_cast<double>(view.now);
    // The last minutes, or from 0:00 while the run is shorter than that (the lines grow to the right).
    const double first_tick = std::max(0.0, now_tick - window_ticks);
    {
        // The band's legend, then the time span.
        const ImVec2 p = ImGui::GetCursorScreenPos();
        dl->AddRectFilled(ImVec2(p.x, p.y + font * 0.3f), ImVec2(p.x + font * 1.6f, p.y + font * 0.85f), rgba(kBand, 0.45f));
        dl->AddLine(ImVec2(p.x, p.y + font * 0.3f), ImVec2(p.x + font * 1.6f, p.y + font * 0.3f), rgba(kBand, 0.9f));
        dl->AddLine(ImVec2(p.x, p.y + font * 0.85f), ImVec2(p.x + font * 1.6f, p.y + font * 0.85f), rgba(kBand, 0.9f));
        ImGui::SetCursorScreenPos(ImVec2(p.x + font * 1.9f, p.y));
        ImGui::TextColored(kMuted, "band: prescription \xc2\xb1" "10 %%");
    }
    ImGui::TextColored(kMuted, "last %s \xc2\xb7 the lines end at now", presentation::format_clock(view.window_s).c_str());
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const float avail_h = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeight() - spacing;
    const float per_plot = avail_h / static_cast<float>(page.vars.size());
    const float plot_h = std::max(font * 1.2f, per_plot - ImGui::GetTextLineHeight() - 2.f * spacing);
    const float width = ImGui::GetContentRegionAvail().x;
    for (std::size_t k = 0; k < page.count; ++k) {
        const Var v = page.vars[k];
        const VarInfo& info = var_info(v);
        const auto c = static_cast<std::size_t>(v);
        auto [a_first, a_last] = index_range(*view.a, first_tick, view.now);
        std::size_t b_first = 1;
        std::size_t b_last = 0;
        if (view.b != nullptr) std::tie(b_first, b_last) = index_range(*view.b, first_tick, view.now);
        // Name, and the values now.
        std::string values;
        const float va = a_last < view.a->size() && a_first <= a_last ? (*view.a)[a_last][c] : -1.f;
        if (view.b != nullptr) {
            const float vb = b_last < view.b->size() && b_first <= b_last ? (*view.b)[b_last][c] : -1.f;
            values = fmt::format("A {} \xc2\xb7 B {}", format_value(va, info.decimals), format_value(vb, info.decimals));
        } else {
            values = format_value(va, info.decimals);
        }

        ImGui::TextUnformatted(info.name);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", info.what);
        // The values now, right-aligned on the name's line (else inside the plot, at its right edge).
        const float name_end = ImGui::GetItemRectMax().x;
        const float line_bottom = ImGui::GetItemRectMax().y;
        const float vpx = font * 0.8f;
        const ImVec2 vsize = ImGui::GetFont()->CalcTextSizeA(vpx, FLT_MAX, 0.f, values.c_str());
        const float vx = ImGui::GetItemRectMin().x + width - vsize.x;
        const bool values_on_line = vx >= name_end + font * 0.5f;
        if (values_on_line) {
            dl->AddText(nullptr, vpx, ImVec2(vx, line_bottom - vsize.y), rgba(kText), values.c_str());
        }
        // The plot.
        PlotFrame f;
        f.p0 = ImGui::GetCursorScreenPos();
        f.p1 = ImVec2(f.p0.x + width, f.p0.y + plot_h);
        f.inset = std::max(2.f, font * 0.15f);
        f.first_tick = first_tick;
        f.ticks = window_ticks;
        ImGui::Dummy(ImVec2(width, plot_h));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", info.what);
        dl->AddRectFilled(f.p0, f.p1, ImGui::GetColorU32(ImGuiCol_FrameBg), ImGui::GetStyle().FrameRounding);
        float top = 0.f;
        if (a_first <= a_last) top = std::max(top, view.a->max_in(v, a_first, a_last));
        if (view.b != nullptr && b_first <= b_last) top = std::max(top, view.b->max_in(v, b_first, b_last));
        if (v == Var::CuffMmhg || v == Var::PctLop) {
            for (const Trace* t : {view.a, view.b}) {
                if (t == nullptr || t->empty()) continue;
                auto [first, last] = index_range(*t, first_tick, view.now);
                for (std::size_t i = first; i <= last && i < t->size(); ++i) top = std::max(top, band_center(v, (*t)[i]) * 1.1f);
            }
        }
        f.range = plot_range(v, top);
        const bool banded = v == Var::CuffMmhg || v == Var::PctLop;
        if (banded) {
            draw_band(dl, f, *view.a, v, a_first, a_last, true, kBand);
            if (view.b != nullptr) draw_band(dl, f, *view.b, v, b_first, b_last, false, kBand);
        }
        // A solid first, B dashed over it: where they agree, A shows through B's gaps.
        draw_series(dl, f, *view.a, v, a_first, a_last, 0);
        if (view.b != nullptr) draw_series(dl, f, *view.b, v, b_first, b_last, 1);
        // The scale, on the name's line after the name (else in the plot's corner): "0-200 mmHg".
        const std::string scale = fmt::format("{}\xe2\x80\x93{} {}", format_value(f.range.bottom, f.range.bottom > 0.f ? 1 : 0),
                                              format_value(f.range.top, f.range.top < 10.f ? 1 : 0), info.unit);
        {
            const float spx = font * 0.72f;
            const ImVec2 ssize = ImGui::GetFont()->CalcTextSizeA(spx, FLT_MAX, 0.f, scale.c_str());
            const float sx = name_end + font * 0.45f;
            const float limit = values_on_line ? vx - font * 0.4f : f.p1.x;
            if (sx + ssize.x <= limit) {
                dl->AddText(nullptr, spx, ImVec2(sx, line_bottom - ssize.y - font * 0.05f), rgba(kMuted), scale.c_str());
            } else {
                pill_text(dl, ImVec2(f.p0.x + f.inset, f.p0.y + f.inset), scale.c_str(), kMuted);
            }
        }
        if (!values_on_line) {
            const float px = font * 0.72f;
            const ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(px, FLT_MAX, 0.f, values.c_str());
            pill_text(dl, ImVec2(f.p1.x - f.inset - ts.x - font * 0.44f, f.p1.y - f.inset - ts.y - font * 0.08f),
                      values.c_str(), kText);
        }
    }
    if (ImGui::SmallButton("Next page (G)")) req.next_page = true;
    ImGui::SameLine();
    if (ImGui::SmallButton("Time span (W)")) req.window = true;
    ImGui::End();
    return req;
}

// --- Timeline ----------------------------------------------------------------------------------

TimelineRequests draw_timeline(const TimelineView& view, const PanelLayout& layout, const ui::UiContext& /*ui*/) {
    TimelineRequests req;
    const float font = ImGui::GetFontSize();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float width = display.x - 2.f * layout.margin;
    ImGui::SetNextWindowPos(ImVec2(layout.margin, display.y - layout.margin - layout.timeline_height));
    ImGui::SetNextWindowSize(ImVec2(width, layout.timeline_height));
    ImGui::Begin("##therapist_timeline", nullptr, kPanelFlags);
    // Row 1: the time controls (each button's key in its tooltip and in the legend below).
    auto button = [](const char* label, const char* key) {
        const bool pressed = ImGui::Button(label);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Key: %s", key);
        ImGui::SameLine();
        return pressed;
    };
    if (button(view.playing ? "\xe2\x96\xa0 Pause" : "\xe2\x96\xb6 Play", "Space")) req.play_pause = true;
    for (std::size_t i = 0; i < std::size(kSpeeds); ++i) {
        const std::uint32_t s = kSpeeds[i];
        const bool on = view.speed == s;
        const std::string label = fmt::format("{}{}\xc3\x97##speed", on ? "\xe2\x97\x8f " : "", s);
        const std::string key = fmt::format("{}", i + 1);
        if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (button(label.c_str(), key.c_str())) req.speed = s;
        if (on) ImGui::PopStyleColor();
    }
    if (button("\xe2\x97\x80 Step", "\xe2\x86\x90 (one tick)")) req.step_back = true;
    if (button("Step \xe2\x96\xb6", "\xe2\x86\x92 (one tick)")) req.step_forward = true;
    if (button("Start", "Home")) req.to_start = true;
    if (button(view.theatre ? "End" : "Latest", "End")) req.to_end = true;
    if (view.theatre) {
        if (button("\xe2\x97\x80 Rep", "P")) req.previous_rep = true;
        if (button("Rep \xe2\x96\xb6", "N")) req.next_rep = true;
    }
    const bool live = !view.theatre && view.now_s >= view.latest_s - 1e-9;
    std::string status = fmt::format("{} / {}", clock_tenths(view.now_s), presentation::format_clock(view.latest_s));
    if (!view.theatre) {
        status += live ? "  \xc2\xb7 live" : fmt::format("  \xc2\xb7 rewound {} ", presentation::format_clock(view.latest_s - view.now_s));
    } else if (!view.reps_text.empty()) {
        status += "  \xc2\xb7 " + view.reps_text;
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(status.c_str());

    // Row 2: the scrub bar.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float bar_h = font * 1.35f;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float bar_w = ImGui::GetContentRegionAvail().x;
    const ImVec2 p1(p0.x + bar_w, p0.y + bar_h);
    ImGui::InvisibleButton("##scrub", ImVec2(bar_w, bar_h));
    const double end = std::max(view.end_s, 1.0);
    auto x_of = [&](double t) { return p0.x + bar_w * static_cast<float>(std::clamp(t / end, 0.0, 1.0)); };
    if (ImGui::IsItemActive()) {
        const double t = static_cast<double>(ImGui::GetIO().MousePos.x - p0.x) / static_cast<double>(bar_w) * end;
        req.seek_s = std::clamp(t, 0.0, view.latest_s);
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s", view.theatre ? "Click or drag to scrub the recording"
                                             : "Click or drag to go back to any moment; the same moment always shows "
                                               "the same state");
    }
    dl->AddRectFilled(p0, p1, ImGui::GetColorU32(ImGuiCol_FrameBg), font * 0.2f);
    // Not yet run (lab): darker, said in words at its start when there is room.
    if (!view.theatre && view.latest_s < end) {
        const float x = x_of(view.latest_s);
        dl->AddRectFilled(ImVec2(x, p0.y), p1, ImGui::GetColorU32(ImVec4(0.02f, 0.03f, 0.05f, 0.75f)), font * 0.2f);
        if (p1.x - x > font * 6.f) {
            dl->AddText(nullptr, font * 0.7f, ImVec2(x + font * 0.3f, p0.y + bar_h * 0.25f), rgba(kMuted),
                        "not run yet");
        }
    }
    for (const TimelineSpan& s : view.spans) {
        const float xa = x_of(s.start_s);
        const float xb = std::max(xa + 1.f, x_of(s.end_s));
        dl->AddRectFilled(ImVec2(xa, p0.y + bar_h * 0.15f), ImVec2(xb, p1.y - bar_h * 0.15f),
                          rgba(s.set ? kColA : kColB, s.set ? 0.28f : 0.16f));
        const ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(font * 0.7f, FLT_MAX, 0.f, s.label.c_str());
        if (xb - xa > ts.x + font * 0.4f) {
            dl->AddText(nullptr, font * 0.7f, ImVec2(xa + font * 0.2f, p0.y + bar_h * 0.22f), rgba(kText, 0.9f),
                        s.label.c_str());
        }
    }
    for (const double r : view.reps) {
        const float x = x_of(r);
        dl->AddLine(ImVec2(x, p1.y - bar_h * 0.35f), ImVec2(x, p1.y - 1.f), rgba(kRep, 0.85f), std::max(1.f, font * 0.06f));
    }
    for (const double c : view.changes) {
        const float x = x_of(c);
        const float r = font * 0.28f;
        const ImVec2 top(x, p0.y + 1.f);
        dl->AddQuadFilled(ImVec2(x, top.y), ImVec2(x + r, top.y + r), ImVec2(x, top.y + 2.f * r), ImVec2(x - r, top.y + r),
                          rgba(kChange));
    }
    for (const double a : view.alarms) {
        const float x = x_of(a);
        const float r = font * 0.32f;
        dl->AddTriangleFilled(ImVec2(x, p0.y + 1.f), ImVec2(x + r, p0.y + 1.f + 1.6f * r), ImVec2(x - r, p0.y + 1.f + 1.6f * r),
                              rgba(kAlarm));
    }
    // The moment shown.
    {
        const float x = x_of(view.now_s);
        const float thick = std::max(2.f, font * 0.12f);
        dl->AddLine(ImVec2(x, p0.y - font * 0.15f), ImVec2(x, p1.y + font * 0.15f), rgba(kText), thick);
        dl->AddCircleFilled(ImVec2(x, p0.y - font * 0.15f), font * 0.25f, rgba(kText));
    }
    // Legend (symbols with words).
    {
        ImVec2 p(p0.x, p1.y + font * 0.2f);
        const float px = font * 0.7f;
        auto item = [&](const char* text, auto draw_symbol) {
            draw_symbol(p);
            const ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(px, FLT_MAX, 0.f, text);
            dl->AddText(nullptr, px, ImVec2(p.x + font * 0.8f, p.y), rgba(kMuted), text);
            p.x += font * 0.8f + ts.x + font * 0.9f;
        };
        item("set", [&](ImVec2 q) {
            dl->AddRectFilled(ImVec2(q.x, q.y + px * 0.2f), ImVec2(q.x + font * 0.6f, q.y + px), rgba(kColA, 0.5f));
        });
        item("rest", [&](ImVec2 q) {
            dl->AddRectFilled(ImVec2(q.x, q.y + px * 0.2f), ImVec2(q.x + font * 0.6f, q.y + px), rgba(kColB, 0.35f));
        });
        item("rep", [&](ImVec2 q) {
            dl->AddLine(ImVec2(q.x + font * 0.3f, q.y + px * 0.1f), ImVec2(q.x + font * 0.3f, q.y + px), rgba(kRep), 2.f);
        });
        if (!view.theatre) {
            item("change (pressure, tempo, rest)", [&](ImVec2 q) {
                const float r = px * 0.45f;
                const ImVec2 c(q.x + font * 0.3f, q.y + px * 0.55f);
                dl->AddQuadFilled(ImVec2(c.x, c.y - r), ImVec2(c.x + r, c.y), ImVec2(c.x, c.y + r), ImVec2(c.x - r, c.y),
                                  rgba(kChange));
            });
        }
        item("safety alarm", [&](ImVec2 q) {
            const float r = px * 0.45f;
            dl->AddTriangleFilled(ImVec2(q.x + font * 0.3f, q.y + px * 0.1f), ImVec2(q.x + font * 0.3f + r, q.y + px),
                                  ImVec2(q.x + font * 0.3f - r, q.y + px), rgba(kAlarm));
        });
        const char* keys = view.theatre
                               ? "Space play \xc2\xb7 1 2 3 speed \xc2\xb7 \xe2\x86\x90 \xe2\x86\x92 tick \xc2\xb7 Shift 5 s "
                                 "\xc2\xb7 PgUp/PgDn 30 s \xc2\xb7 Home/End \xc2\xb7 P/N rep \xc2\xb7 F1 all keys"
                               : "Space play \xc2\xb7 1 2 3 speed \xc2\xb7 \xe2\x86\x90 \xe2\x86\x92 tick \xc2\xb7 Shift 5 s "
                                 "\xc2\xb7 PgUp/PgDn 30 s \xc2\xb7 Home/End \xc2\xb7 F1 all keys";
        const ImVec2 ks = ImGui::GetFont()->CalcTextSizeA(px, FLT_MAX, 0.f, keys);
        const float kx = p1.x - ks.x;
        if (kx > p.x + font) dl->AddText(nullptr, px, ImVec2(kx, p.y), rgba(kMuted), keys);
    }
    ImGui::End();
    return req;
}

// --- Captions, tags, help ---------------------------------------------------------------------

void draw_caption(const CaptionView& view, const PanelLayout& layout, const ui::UiContext& /*ui*/) {
    const CaptionSpan* shown = view.current;
    bool earlier = false;
    if (shown == nullptr && !view.recent.empty()) {
        shown = view.recent.front();
        earlier = true;
    }
    if (shown == nullptr) return;
    const float font = ImGui::GetFontSize();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float left = layout.margin * 2.f + layout.left_width;
    const float right = display.x - layout.margin * 2.f - layout.right_width;
    const float width = std::min(right - left, font * 23.f);
    const float bottom = display.y - layout.margin * 2.f - layout.timeline_height;
    ImGui::SetNextWindowPos(ImVec2(left + (right - left - width) * 0.5f, bottom), ImGuiCond_Always, ImVec2(0.f, 1.f));
    ImGui::SetNextWindowSize(ImVec2(width, 0.f));
    ImGui::SetNextWindowBgAlpha(0.88f);
    ImGui::Begin("##therapist_caption", nullptr, kPanelFlags | ImGuiWindowFlags_AlwaysAutoResize);
    if (earlier) {
        ImGui::TextColored(kMuted, "Earlier, at %s:", presentation::format_clock(core::seconds_from_ticks(shown->start)).c_str());
    } else {
        ImGui::TextColored(kMuted, "What is happening");
    }
    const ImVec4 color = earlier ? kMuted : kText;
    for (const std::string& line : wrap_words(shown->text)) ImGui::TextColored(color, "%s", line.c_str());
    ImGui::End();
}

void draw_limb_tags(const std::vector<LimbTag>& tags, const ui::UiContext& /*ui*/) {
    const float font = ImGui::GetFontSize();
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    for (const LimbTag& t : tags) {
        if (!t.visible) continue;
        const ImVec2 s1 = ImGui::CalcTextSize(t.title.c_str());
        const float px = font * 0.85f;
        const float sw = font * 1.4f;
        float w = s1.x + sw + font * 0.4f;
        float lines_h = 0.f;
        for (const std::string& line : t.lines) {
            const ImVec2 s = ImGui::GetFont()->CalcTextSizeA(px, FLT_MAX, 0.f, line.c_str());
            w = std::max(w, s.x);
            lines_h += s.y;
        }
        w += font * 0.8f;
        const float h = s1.y + lines_h + font * 0.55f;
        const ImVec2 a(std::round(t.x - w * 0.5f), std::round(t.y - h));
        const ImVec2 b(a.x + w, a.y + h);
        dl->AddRectFilled(a, b, rgba(ImVec4(0.06f, 0.07f, 0.10f, 0.82f)), font * 0.3f);
        dl->AddRect(a, b, rgba(side_color(t.style), 0.9f), font * 0.3f, ImDrawFlags_None, std::max(1.f, font * 0.08f));
        swatch(dl, ImVec2(a.x + font * 0.4f, a.y + font * 0.28f + s1.y * 0.55f), sw, t.style);
        dl->AddText(ImVec2(a.x + font * 0.4f + sw + font * 0.4f, a.y + font * 0.28f), rgba(kText), t.title.c_str());
        float y = a.y + font * 0.28f + s1.y;
        for (const std::string& line : t.lines) {
            dl->AddText(nullptr, px, ImVec2(a.x + font * 0.4f, y), rgba(kMuted), line.c_str());
            y += px * 1.15f;
        }
    }
}

bool draw_help(bool theatre, const ui::UiContext& ui) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float font = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.46f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(display.x - 2.f * font, font * 47.f), 0.f));
    ImGui::SetNextWindowBgAlpha(0.97f);
    ImGui::Begin("##therapist_help", nullptr, kPanelFlags | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PushFont(ui.font(ui::FontRole::Heading));
    ImGui::TextUnformatted(theatre ? "Replay theatre: keys" : "What-if lab: keys");
    ImGui::PopFont();
    struct Row {
        const char* keys;
        const char* what;
    };
    const Row time_rows[] = {
        {"Space", "play / pause"},
        {"1  2  3", "speed 1\xc3\x97, 5\xc3\x97, 20\xc3\x97"},
        {"\xe2\x86\x90  \xe2\x86\x92", "one tick (1/60 s) back / on"},
        {"Shift+\xe2\x86\x90 \xe2\x86\x92", "5 s back / on"},
        {"PgUp  PgDn", "30 s back / on"},
        {"Home  End", theatre ? "start / end of the recording" : "0:00 / the latest moment"},
    };
    static constexpr Row kLabRows[] = {
        {"\xe2\x86\x91  \xe2\x86\x93", "choose a control (\xe2\x96\xb6, framed)"},
        {"\xe2\x88\x92  +", "change it one step"},
        {"B", "B: no cuff / a second pressure"},
        {"L", "arm / leg"},
        {"R", "new run from 0:00"},
    };
    static constexpr Row kTheatreRows[] = {
        {"P  N", "previous / next rep"},
    };
    static constexpr Row kView[] = {
        {"G", "next page of plots"},
        {"W", "plot span: 1, 3 or 10 min"},
        {"X", "x-ray: muscle, vessels, flow"},
        {"S", "swelling true to scale / \xc3\x97" "3"},
        {"C", "reset the camera"},
        {"", "(right-drag turns, wheel zooms)"},
        {"H", "hide / show the panels"},
        {"Ctrl+=  Ctrl+\xe2\x88\x92", "text size"},
        {"F11", "full screen"},
        {"Esc", "close this, or quit"},
    };
    const float column_w = font * 22.5f;
    const float key_w = font * 7.2f;
    auto table = [&](float x0, const char* title, const Row* rows, std::size_t n) {
        ImGui::SetCursorPosX(x0);
        ImGui::TextColored(kMuted, "%s", title);
        for (std::size_t i = 0; i < n; ++i) {
            ImGui::SetCursorPosX(x0);
            ImGui::TextUnformatted(rows[i].keys);
            ImGui::SameLine(x0 + key_w);
            ImGui::TextUnformatted(rows[i].what);
        }
    };
    const float x0 = ImGui::GetCursorPosX();
    const float y0 = ImGui::GetCursorPosY();
    table(x0, "Time", time_rows, std::size(time_rows));
    ImGui::Spacing();
    if (theatre) {
        table(x0, "Recording", kTheatreRows, std::size(kTheatreRows));
    } else {
        table(x0, "Lab", kLabRows, std::size(kLabRows));
    }
    const float y_left = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(y0);
    table(x0 + column_w, "View", kView, std::size(kView));
    ImGui::SetCursorPosY(std::max(y_left, ImGui::GetCursorPosY()));
    ImGui::Spacing();
    ImGui::TextWrapped("This mode makes no sound: every explanation is written on screen. Lines: A solid, B dashed; "
                       "the green band is the prescription \xc2\xb1" "10 %%. The mouse works on every control too.");
    const bool close = ImGui::Button("Close (F1 or Esc)");
    ImGui::End();
    return close;
}

}  // namespace bfr::modes::therapist
