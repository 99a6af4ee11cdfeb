#pragma once
// What the kiosk's panels show (plain data, every text already in the visitor's language) and
// what the visitor asked for on them. Built by KioskRuntime::make_view, drawn by
// game/modes/kiosk/kiosk_panels (ImGui); no ImGui here.

#include "game/modes/kiosk/kiosk_flow.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace bfr::modes::kiosk {

/// The kiosk's text is this much larger than the home mode's (read from a few steps away); the
/// window's UI scale is presentation::hud_scale_for(w, h, kKioskBaseUiScale * view.text_scale).
inline constexpr float kKioskBaseUiScale = 1.4f;

struct KioskView {
    KioskState state = KioskState::Attract;
    std::string title;   ///< Attract: the exhibit's title; Play: the round's goal; StillThere/Result: the question, the verdict.
    std::string prompt;  ///< The one instruction that matters now ("Press the big button to try it", "Hold the button: squeeze").

    // Attract
    std::string caption;                     ///< The caption now.
    std::vector<std::string> caption_lines;  ///< ... in lines of at most 38 characters (subtitle rules).
    std::size_t caption_index = 0;           ///< Which caption (0-based) of caption_count.
    std::size_t caption_count = 0;

    // Play (and behind StillThere)
    std::uint32_t reps = 0;        ///< Reps done in the round.
    std::uint32_t goal = 0;        ///< The round's goal.
    std::string count_text;        ///< "3 of 12".
    float progress_01 = 0.f;       ///< Reps done / goal.
    std::string status;            ///< The cuff: "The cuff is filling with air…" / "Cuff on: blood drains out more slowly".
    std::string time_left;         ///< "64 s left" (the round's limit).
    bool contract_held = false;    ///< The visitor holds the big input (the prompt says "let go").
    std::string fill_label;        ///< "Muscle fill (waste products)".
    float fill_01 = 0.f;           ///< As drawn on the limb.
    std::string fill_text;         ///< "24 %".
    std::string swelling_label;    ///< "Muscle swelling".
    float swelling_pct = 0.f;
    std::string swelling_text;     ///< "+2.4 %".

    // StillThere
    std::string countdown_text;    ///< "Starting over in 7 s".
    int countdown_s = 0;           ///< Whole seconds left (rounded up).
    float countdown_01 = 0.f;      ///< Share of the countdown left.
    std::string still_button;      ///< "I'm still here".

    // Result
    std::vector<std::string> result_lines;  ///< What the round did.
    std::string back_text;                  ///< "Back to the start in 7 s".
    float back_01 = 0.f;                    ///< Share of the result's time left.
    bool can_play_again = false;            ///< The prompt ("Press to play again") holds.

    // Always
    std::string sound_caption;     ///< The caption of the sound that just played ("[click] Squeeze counted"); empty: none.
    std::string sound_note;        ///< "This exhibit has no soundtrack. Sounds are shown as captions."
    std::string language_label;    ///< "Language".
    std::string language_name;     ///< The language in use, in itself ("Deutsch").
    std::size_t language_count = 1;
    std::string text_size_label;   ///< "Larger text".
    float text_scale = 1.f;        ///< The visitor's text size (1, 1.25, 1.5): multiply it into the UI scale.
};

/// What the visitor chose on the panels this frame.
struct KioskRequests {
    bool next_language = false;  ///< The language button.
    bool text_size = false;      ///< The text size button.
    bool still_here = false;     ///< "I'm still here".
};

}  // namespace bfr::modes::kiosk
