#pragma once
// The therapist mode's panels (ImGui): the lab's controls, the replay theatre's index, the plots
// of every model variable, the timeline with its time controls, the caption box, the labels over
// the limbs and the help. They draw plain views the window fills from the lab or the theatre and
// return what the user asked for; they hold no state of their own besides a slider being dragged.
//
// Accessibility (product.md §6c): Okabe–Ito colours, and never colour alone — A's lines are solid
// and B's dashed, every band, span and marker has words beside it, the focused control has a
// frame and a marker.

#include "game/modes/therapist/captions.hpp"
#include "game/modes/therapist/lab.hpp"
#include "game/modes/therapist/theatre.hpp"
#include "game/modes/therapist/traces.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bfr::ui {
class UiContext;
}

namespace bfr::modes::therapist {

/// Where the panels sit (pixels), so the window can frame the limbs between them.
struct PanelLayout {
    float margin = 0.f;
    float left_width = 0.f;   ///< The lab's or the theatre's panel.
    float right_width = 0.f;  ///< The plots.
    float timeline_height = 0.f;
    float caption_height = 0.f;  ///< The caption box above the timeline.
};
/// The layout for a window of `width` x `height` pixels at the current font size and style (call
/// inside a frame, between push_style and pop_style).
[[nodiscard]] PanelLayout panel_layout(float width, float height);

/// The therapist's denser style (smaller frames and spacing than the home HUD's touch-sized ones,
/// frames still at least 24 px high at 1280x720: WCAG 2.2 AA). Pair with pop_style.
void push_style();
void pop_style();

// --- The lab's controls ----------------------------------------------------------------------------

struct LabPanelView {
    const LabSetup* setup = nullptr;
    const LabParams* params = nullptr;
    std::size_t focus = 0;    ///< The control the keyboard changes.
    std::string stage;        ///< "Set 2 of 4 · rep 5".
    std::string clock;        ///< "2:05".
    std::string status;       ///< "live" or "rewound …".
};
/// A slider being dragged keeps its value here until it is let go (the lab changes on release).
struct LabPanelState {
    std::array<float, kControlCount> drag{};
    std::array<bool, kControlCount> active{};
};
struct LabPanelRequests {
    std::optional<Control> changed;  ///< This control was set to `value` (slider released, or clicked).
    double value = 0.0;
    std::optional<std::size_t> focus;  ///< The mouse took this control.
    bool restart = false;
    bool help = false;
};
LabPanelRequests draw_lab_panel(const LabPanelView& view, LabPanelState& state, const PanelLayout& layout,
                                const ui::UiContext& ui);

// --- The theatre's index -----------------------------------------------------------------------

struct TheatrePanelView {
    const Theatre* theatre = nullptr;
    core::Tick now = 0;
    std::string file_name;
};
struct TheatrePanelRequests {
    std::optional<core::Tick> seek;  ///< A set or an alarm in the list was clicked.
    bool help = false;
};
TheatrePanelRequests draw_theatre_panel(const TheatrePanelView& view, const PanelLayout& layout,
                                        const ui::UiContext& ui);

// --- Plots ------------------------------------------------------------------------------------------

struct PlotsView {
    std::size_t page = 0;
    core::Tick now = 0;
    double window_s = 180.0;
    const Trace* a = nullptr;   ///< Solid line.
    const Trace* b = nullptr;   ///< Dashed line (absent in the theatre).
    std::string name_a;         ///< "A · BFR 50 % LOP".
    std::string name_b;
};
struct PlotsRequests {
    bool next_page = false;
    bool window = false;
};
PlotsRequests draw_plots(const PlotsView& view, const PanelLayout& layout, const ui::UiContext& ui);

// --- Timeline ---------------------------------------------------------------------------------------

struct TimelineSpan {
    double start_s = 0.0;
    double end_s = 0.0;
    std::string label;  ///< "Set 1", "Rest".
    bool set = true;    ///< A set (else a rest).
};
struct TimelineView {
    bool theatre = false;
    double now_s = 0.0;
    double latest_s = 0.0;  ///< Lab: the latest moment reached; theatre: the end.
    double end_s = 1.0;     ///< The bar's right end.
    bool playing = false;
    std::uint32_t speed = 1;
    std::vector<TimelineSpan> spans;
    std::vector<double> reps;     ///< Rep markers (s).
    std::vector<double> changes;  ///< The lab's parameter changes (s).
    std::vector<double> alarms;   ///< Safety alarms (s).
    std::string reps_text;        ///< "rep 31 of 75" (theatre).
};
struct TimelineRequests {
    std::optional<double> seek_s;
    bool play_pause = false;
    std::optional<std::uint32_t> speed;
    bool step_back = false;
    bool step_forward = false;
    bool to_start = false;
    bool to_end = false;
    bool previous_rep = false;
    bool next_rep = false;
};
TimelineRequests draw_timeline(const TimelineView& view, const PanelLayout& layout, const ui::UiContext& ui);

// --- Captions and labels --------------------------------------------------------------------------

struct CaptionView {
    const CaptionSpan* current = nullptr;
    std::vector<const CaptionSpan*> recent;  ///< Newest first (the current one included).
    core::Tick now = 0;
};
void draw_caption(const CaptionView& view, const PanelLayout& layout, const ui::UiContext& ui);

/// A label over a limb in the 3-D view.
struct LimbTag {
    bool visible = false;
    float x = 0.f;  ///< Screen pixels of the point the label stands on (its bottom centre).
    float y = 0.f;
    int style = 0;  ///< 0: A (solid swatch), 1: B (dashed swatch).
    std::string title;               ///< "A · BFR 50 % LOP".
    std::vector<std::string> lines;  ///< "Metabolites 18 %", "Muscle +9.3 % thicker".
};
void draw_limb_tags(const std::vector<LimbTag>& tags, const ui::UiContext& ui);

/// The key map; returns true when closed with its button.
bool draw_help(bool theatre, const ui::UiContext& ui);

}  // namespace bfr::modes::therapist
