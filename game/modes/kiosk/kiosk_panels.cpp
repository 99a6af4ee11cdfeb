#include "game/modes/kiosk/kiosk_panels.hpp"

#include "engine/ui/ui_context.hpp"
#include "game/modes/kiosk/kiosk_palette.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace bfr::modes::kiosk {
namespace {

namespace pal = palette;

constexpr ImGuiWindowFlags kBase = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoScrollbar |
                                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;
/// A display: clicks and touches go through to the game (they contract).
constexpr ImGuiWindowFlags kDisplay = kBase | ImGuiWindowFlags_NoInputs;
/// A panel with buttons.
constexpr ImGuiWindowFlags kButtons = kBase;

/// Smallest touch target (px, before the UI scale): product.md §6c, ≥ 44 px.
constexpr float kMinTargetPx = 48.f;

struct Fonts {
    ImFont* body;
    ImFont* heading;
    ImFont* display;
};

Fonts resolve(const KioskFonts& f) {
    ImFont* current = ImGui::GetFont();
    return {f.body != nullptr ? f.body : current, f.heading != nullptr ? f.heading : current,
            f.display != nullptr ? f.display : current};
}

class FontScope {
public:
    explicit FontScope(ImFont* font) { ImGui::PushFont(font); }
    ~FontScope() { ImGui::PopFont(); }
    FontScope(const FontScope&) = delete;
    FontScope& operator=(const FontScope&) = delete;
};

const ImGuiViewport& viewport() {
    return *ImGui::GetMainViewport();
}

ImVec2 at(float fx, float fy) {
    const ImGuiViewport& v = viewport();
    return ImVec2(v.WorkPos.x + v.WorkSize.x * fx, v.WorkPos.y + v.WorkSize.y * fy);
}

float margin() {
    return ImGui::GetFontSize() * 0.8f;
}

/// Width text may take before it wraps: most of the screen, at most ~34 body characters per em.
float wrap_width(float ems) {
    return std::min(viewport().WorkSize.x * 0.86f, ImGui::GetFontSize() * ems);
}

/// Begins a panel at `pos` (its `pivot` there) with a background; End() it whatever this returns.
bool begin_panel(const char* id, ImVec2 pos, ImVec2 pivot, const ImVec4& bg, ImGuiWindowFlags flags) {
    ImGui::SetNextWindowPos(pos, ImGuiCond_Always, pivot);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, bg);
    const bool open = ImGui::Begin(id, nullptr, flags);
    ImGui::PopStyleColor();
    return open;
}

void text(const ImVec4& color, const std::string& s) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(s.c_str(), s.c_str() + s.size());
    ImGui::PopStyleColor();
}

void wrapped(const ImVec4& color, const std::string& s, float width_px) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width_px);
    text(color, s);
    ImGui::PopTextWrapPos();
}

/// A bar with its words on the line above it and its figure after it, white on the panel (colour
/// is never the only carrier, and no text sits on a coloured fill, where its contrast would change
/// with the value).
void meter(float value_01, const ImVec4& color, const std::string& words, float width_px,
           const std::string& figure = std::string()) {
    if (!words.empty()) wrapped(pal::kWhite, words, width_px);
    const float figure_w = figure.empty() ? 0.f : ImGui::CalcTextSize(figure.c_str()).x + ImGui::GetStyle().ItemSpacing.x;
    const float bar_h = ImGui::GetFontSize() * 0.6f;
    const ImVec2 row = ImGui::GetCursorPos();
    if (!figure.empty()) ImGui::SetCursorPosY(row.y + (ImGui::GetTextLineHeight() - bar_h) * 0.5f);  // centred on the figure
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, color);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(0.20f, 0.22f, 0.27f, 1.f));
    const float v = std::isfinite(value_01) ? std::clamp(value_01, 0.f, 1.f) : 0.f;
    ImGui::ProgressBar(v, ImVec2(std::max(width_px - figure_w, width_px * 0.4f), bar_h), "");
    ImGui::PopStyleColor(2);
    if (!figure.empty()) {
        ImGui::SameLine();
        ImGui::SetCursorPosY(row.y);
        text(pal::kWhite, figure);
    }
}

/// A big button (at least kMinTargetPx high, scaled with the UI).
bool big_button(const char* label, float width_px = 0.f) {
    const float scale = ImGui::GetFontSize() / 22.f;  // the theme's body size at scale 1
    const float h = std::max(kMinTargetPx * std::max(1.f, scale), ImGui::GetFontSize() * 1.9f);
    return ImGui::Button(label, ImVec2(width_px, h));
}

/// Caption dots: which caption of how many ("● ● ○ ○"), in words too for screen readers of the log.
std::string caption_dots(std::size_t index, std::size_t count) {
    std::string s;
    for (std::size_t i = 0; i < count && i < 32; ++i) {
        if (i > 0) s += ' ';
        s += i == index ? "\xe2\x97\x8f" : "\xe2\x97\x8b";  // ● current, ○ others
    }
    return s;
}

// --- The panels -------------------------------------------------------------------------------
//
// Layout, top to bottom: the visitor's buttons top right and the title (or the round's goal) top
// left beside them; the round's count and the muscle under them, left and right; the one
// instruction at the bottom centre with the caption of the latest sound under it; the attract
// caption just above the instruction; the result and "still there?" in the middle. Each panel is
// placed from the ones drawn before it (their sizes are known once drawn), so nothing overlaps and
// the limb stays visible in the middle.

/// Where the panels drawn so far end.
struct Bands {
    float top_bottom = 0.f;     ///< Lowest edge of the top band (buttons, title).
    float title_bottom = 0.f;   ///< Lowest edge of the title (the left column starts under it).
    float controls_left = 0.f;  ///< Left edge of the buttons.
    float bottom_top = 0.f;     ///< Highest edge of the bottom band (the instruction).
};

/// A wide screen: the state's text goes in a column on the left, the limb stays in the middle.
bool landscape() {
    const ImGuiViewport& v = viewport();
    return v.WorkSize.x >= 1.2f * v.WorkSize.y;
}

/// The left column's text width (landscape).
float column_width() {
    return std::min(viewport().WorkSize.x * 0.42f - 2.f * ImGui::GetStyle().WindowPadding.x,
                    ImGui::GetFontSize() * 24.f);
}

Bands start_bands() {
    Bands b;
    b.top_bottom = at(0.f, 0.f).y + margin();
    b.title_bottom = b.top_bottom;
    b.controls_left = at(1.f, 0.f).x - margin();
    b.bottom_top = at(0.f, 1.f).y - margin();
    return b;
}

/// The panel's bottom and left edges, from inside it.
float window_bottom() {
    return ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
}

void visitor_controls(const KioskView& v, const Fonts& f, KioskRequests& req, Bands& bands) {
    // Top right: language and text size, big targets.
    if (begin_panel("##kiosk_controls", ImVec2(at(1.f, 0.f).x - margin(), at(0.f, 0.f).y + margin()), ImVec2(1.f, 0.f),
                    pal::kPanel, kButtons)) {
        {
            // One above the other, the same width: a narrow column beside the title.
            FontScope font(f.heading);
            const std::string label = v.language_label + ": " + v.language_name + "##language";
            const std::string size_label = "A+  " + v.text_size_label + "##text_size";
            const float pad = 2.f * ImGui::GetStyle().FramePadding.x;
            float width = ImGui::CalcTextSize(size_label.c_str(), nullptr, true).x + pad;
            if (v.language_count > 1) width = std::max(width, ImGui::CalcTextSize(label.c_str(), nullptr, true).x + pad);
            if (v.language_count > 1 && big_button(label.c_str(), width)) req.next_language = true;
            if (big_button(size_label.c_str(), width)) req.text_size = true;
        }
        bands.top_bottom = std::max(bands.top_bottom, window_bottom());
        bands.controls_left = ImGui::GetWindowPos().x;
    }
    ImGui::End();
}

/// The instruction at the bottom centre (its shape and colour with it), and under it the caption
/// of the sound that just played. Nothing to say: no panel.
void bottom_prompt(const std::string& prompt, const char* shape, const ImVec4& color, const KioskView& v,
                   const Fonts& f, Bands& bands) {
    if (prompt.empty() && v.sound_caption.empty()) return;
    if (begin_panel("##kiosk_prompt", ImVec2(at(0.5f, 1.f).x, at(0.f, 1.f).y - margin()), ImVec2(0.5f, 1.f),
                    pal::kPanelSolid, kDisplay)) {
        const float width = wrap_width(34.f);
        if (!prompt.empty()) {
            FontScope font(f.heading);
            wrapped(color, std::string(shape) + prompt, width);
        }
        if (!v.sound_caption.empty()) wrapped(pal::kWhite, v.sound_caption, width);
        bands.bottom_top = std::min(bands.bottom_top, ImGui::GetWindowPos().y);
    }
    ImGui::End();
}

/// The title (attract) or the round's goal (play): top left beside the buttons, or under them
/// when they leave too little room (a narrow or portrait screen).
void top_title(const std::string& title, const KioskView* round, const Fonts& f, Bands& bands) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float left = at(0.f, 0.f).x + margin();
    const float beside = bands.controls_left - margin() - left - 2.f * style.WindowPadding.x;
    const bool under = beside < ImGui::GetFontSize() * 14.f;
    const float room = under ? at(1.f, 0.f).x - margin() - left - 2.f * style.WindowPadding.x : beside;
    const float y = under ? bands.top_bottom + margin() * 0.5f : at(0.f, 0.f).y + margin();
    if (begin_panel("##kiosk_title", ImVec2(left, y), ImVec2(0.f, 0.f), pal::kPanel, kDisplay)) {
        const float width = std::min(room, ImGui::GetFontSize() * 24.f);
        {
            FontScope font(f.heading);
            wrapped(pal::kWhite, title, width);
        }
        if (round != nullptr) {
            // ● the cuff · the time the round has left
            wrapped(pal::kSkyBlue, "\xe2\x97\x8f " + round->status + "  \xc2\xb7  " + round->time_left, width);
        }
        bands.top_bottom = std::max(bands.top_bottom, window_bottom());
        bands.title_bottom = window_bottom();
    }
    ImGui::End();
}

/// The caption: its lines of at most 38 characters when they fit `width`, else wrapped to it.
void caption_text(const KioskView& v, const Fonts& f, float width) {
    FontScope font(f.heading);
    float widest = 0.f;
    for (const std::string& line : v.caption_lines) widest = std::max(widest, ImGui::CalcTextSize(line.c_str()).x);
    if (widest <= width) {
        for (const std::string& line : v.caption_lines) text(pal::kWhite, line);
    } else {
        wrapped(pal::kWhite, v.caption, width);
    }
}

void attract(const KioskView& v, const Fonts& f, Bands& bands) {
    top_title(v.title, nullptr, f, bands);
    bottom_prompt(v.prompt, "\xe2\x96\xb6 ", pal::kYellow, v, f, bands);  // ▶
    // The caption, white on near-black (subtitle rules), which caption of how many, and the note
    // on sound: in the left column under the title (landscape), else just above the instruction.
    const bool wide = landscape();
    const ImVec2 pos = wide ? ImVec2(at(0.f, 0.f).x + margin(), bands.title_bottom + margin() * 0.5f)
                            : ImVec2(at(0.5f, 0.f).x, bands.bottom_top - margin() * 0.5f);
    if (begin_panel("##kiosk_caption", pos, wide ? ImVec2(0.f, 0.f) : ImVec2(0.5f, 1.f), pal::kPanelSolid, kDisplay)) {
        const float width = wide ? column_width() : wrap_width(26.f);
        caption_text(v, f, width);
        text(pal::kMuted, caption_dots(v.caption_index, v.caption_count));
        FontScope font(f.body);
        wrapped(pal::kMuted, v.sound_note, std::min(width, ImGui::GetFontSize() * 16.f));
    }
    ImGui::End();
}

void play(const KioskView& v, const Fonts& f, bool dimmed, Bands& bands) {
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, dimmed ? 0.45f : 1.f);
    if (!dimmed) {  // behind "still there?" only the round's figures stay
        top_title(v.title, &v, f, bands);
        if (v.contract_held) {
            bottom_prompt(v.prompt, "\xe2\x96\xbc ", pal::kSkyBlue, v, f, bands);  // ▼ relax
        } else {
            bottom_prompt(v.prompt, "\xe2\x96\xb2 ", pal::kYellow, v, f, bands);  // ▲ squeeze
        }
    }
    // Under the top band: the count (left) and inside the muscle (right), with figures in words.
    const float y = bands.top_bottom + margin() * 0.5f;
    const float column = ImGui::GetFontSize() * 9.f;
    if (begin_panel("##kiosk_count", ImVec2(at(0.f, 0.f).x + margin(), y), ImVec2(0.f, 0.f), pal::kPanel, kDisplay)) {
        {
            FontScope font(f.display);  // digits only: the display font has no accents
            text(pal::kWhite, std::to_string(v.reps) + "/" + std::to_string(v.goal));
        }
        meter(v.progress_01, pal::kOrange, v.count_text, column);  // "3 of 12" in words
    }
    ImGui::End();
    if (begin_panel("##kiosk_muscle", ImVec2(at(1.f, 0.f).x - margin(), y), ImVec2(1.f, 0.f), pal::kPanel, kDisplay)) {
        FontScope font(f.body);
        meter(v.fill_01, pal::kPurple, v.fill_label, column, v.fill_text);
        ImGui::Spacing();
        meter(v.swelling_pct / 10.f, pal::kGreen, v.swelling_label, column, v.swelling_text);
    }
    ImGui::End();
    ImGui::PopStyleVar();
}

void still_there(const KioskView& v, const Fonts& f, KioskRequests& req) {
    if (begin_panel("##kiosk_still", at(0.5f, 0.5f), ImVec2(0.5f, 0.5f), pal::kPanelSolid, kButtons)) {
        const float width = wrap_width(20.f);
        {
            FontScope font(f.heading);
            wrapped(pal::kYellow, v.title, width);
        }
        wrapped(pal::kWhite, v.prompt, width);
        {
            FontScope font(f.display);
            text(pal::kWhite, std::to_string(v.countdown_s));
        }
        meter(v.countdown_01, pal::kOrange, v.countdown_text, width);
        if (!v.sound_caption.empty()) wrapped(pal::kMuted, v.sound_caption, width);
        ImGui::Spacing();
        FontScope font(f.heading);
        const std::string label = v.still_button + "##still";
        if (big_button(label.c_str(), width)) req.still_here = true;
    }
    ImGui::End();
}

void result(const KioskView& v, const Fonts& f, Bands& bands) {
    bottom_prompt(v.prompt, "\xe2\x96\xb6 ", pal::kYellow, v, f, bands);
    // Top left in a column (landscape: the limb's washout stays in view), else in the middle of
    // what is left between the buttons and the instruction.
    const bool wide = landscape();
    const ImVec2 pos = wide ? ImVec2(at(0.f, 0.f).x + margin(), at(0.f, 0.f).y + margin())
                            : ImVec2(at(0.5f, 0.f).x, (bands.top_bottom + bands.bottom_top) * 0.5f);
    if (begin_panel("##kiosk_result", pos, wide ? ImVec2(0.f, 0.f) : ImVec2(0.5f, 0.5f), pal::kPanelSolid, kDisplay)) {
        const float beside = bands.controls_left - 2.f * margin() - 2.f * ImGui::GetStyle().WindowPadding.x;
        const float width = wide ? std::max(ImGui::GetFontSize() * 8.f, std::min(column_width(), beside)) : wrap_width(24.f);
        {
            FontScope font(f.heading);
            wrapped(pal::kGreen, v.title, width);
        }
        for (std::size_t i = 0; i < v.result_lines.size(); ++i) {
            // The figures white, the closing explanation muted.
            wrapped(i + 1 < v.result_lines.size() ? pal::kWhite : pal::kMuted, v.result_lines[i], width);
        }
        ImGui::Spacing();
        meter(v.back_01, pal::kBlue, v.back_text, width);
    }
    ImGui::End();
}

}  // namespace

KioskFonts kiosk_fonts(const ui::UiContext& ui) {
    return {ui.font(ui::FontRole::Body), ui.font(ui::FontRole::Heading), ui.font(ui::FontRole::Display)};
}

KioskRequests draw_kiosk(const KioskView& view, const KioskFonts& fonts) {
    KioskRequests req;
    const Fonts f = resolve(fonts);
    Bands bands = start_bands();
    // The visitor's buttons (not behind "still there?": whoever answers only needs to be there).
    if (view.state != KioskState::StillThere) visitor_controls(view, f, req, bands);
    switch (view.state) {
        case KioskState::Attract: attract(view, f, bands); break;
        case KioskState::Play: play(view, f, false, bands); break;
        case KioskState::StillThere:
            play(view, f, true, bands);
            still_there(view, f, req);
            break;
        case KioskState::Result: result(view, f, bands); break;
    }
    return req;
}

}  // namespace bfr::modes::kiosk
