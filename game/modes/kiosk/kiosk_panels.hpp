#pragma once
// The kiosk's panels (ImGui), over the live limb: the attract loop's title, caption and prompt;
// the round's goal, count, muscle fill and the one instruction; "Are you still there?" with its
// countdown; the result; the caption of every sound; the language and text-size buttons (big
// touch targets). Big type, high contrast, Okabe-Ito colours always paired with words or shapes.
// Panels read a KioskView and return what the visitor pressed; they hold no state.
//
// Display-only panels take no input (ImGuiWindowFlags_NoInputs): a finger or a click on them
// reaches the game (it contracts). Only the buttons' panels keep their clicks.

#include "game/modes/kiosk/kiosk_view.hpp"

struct ImFont;

namespace bfr::ui {
class UiContext;
}

namespace bfr::modes::kiosk {

/// The fonts the panels use (null: ImGui's current font). kiosk_fonts() takes them from the UI
/// context; a test can pass its own.
struct KioskFonts {
    ImFont* body = nullptr;
    ImFont* heading = nullptr;  ///< Titles, captions, prompts (Latin-1 and Latin Extended-A).
    ImFont* display = nullptr;  ///< Large figures only (the display font has digits and Basic Latin).
};

[[nodiscard]] KioskFonts kiosk_fonts(const ui::UiContext& ui);

/// Draws the kiosk's panels between UiContext::begin_frame() and end_frame().
KioskRequests draw_kiosk(const KioskView& view, const KioskFonts& fonts);

}  // namespace bfr::modes::kiosk
