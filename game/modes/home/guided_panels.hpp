#pragma once
// The home mode's guided session (ImGui): the set-up screen, the session's own panels (set and
// rep target, tempo guide, rest countdown, pressure fidelity, the discomfort prompt between sets,
// safety banners that must be acknowledged) and the end-of-session summary. Panels read view
// models and return what the user asked for; they hold no state of their own except the set-up
// form, which the frontend owns (SetupForm) and saves between sessions.

#include "game/presentation/view_models.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bfr::ui {
class UiContext;
}

namespace bfr::modes::home {

/// The screening checklist shown before a session (product.md §4 rule 9: the clinician's
/// contraindication list, plus a capillary refill check).
inline constexpr std::array<const char*, 7> kScreeningItems = {
    "My clinician has prescribed BFR training for me",
    "No blood clot (DVT) or clotting disorder, now or before",
    "No uncontrolled high blood pressure; not pregnant",
    "No open wound, infection or recent surgery on this limb",
    "No numbness, varicose veins or poor circulation in this limb",
    "I feel well today (no fever, chest pain or dizziness)",
    "Capillary refill: a pressed fingernail or toenail pinks up in under 3 s",
};

/// A protocol as the set-up screen lists it.
struct ProtocolChoice {
    std::string name;
    std::string title;
    std::string description;
    double target_pct_lop_arm = 50.0;
    double target_pct_lop_leg = 60.0;
    std::uint32_t prescribed_reps = 75;
};

/// The set-up form (owned by the frontend, saved in settings.json).
struct SetupForm {
    bool leg = false;
    bool left = false;
    int posture = 0;           ///< 0 seated, 1 supine, 2 standing (frontend::Posture).
    int lop_mmhg = 170;
    int lop_posture = 0;       ///< The posture the LOP was measured in.
    std::string lop_source;    ///< "typed", "device" (shown with its age).
    std::string lop_age;       ///< "today", "12 days ago"; empty: never stored.
    int load_pct1rm = 30;
    int protocol_index = 0;
    int goal_reps = 0;          ///< Today's goal, within 80-120 % of the protocol's reps (0: its reps).
    std::array<bool, kScreeningItems.size()> screening{};
    std::string screening_age;  ///< When the checklist was last completed ("3 days ago"); empty: never.
    bool lop_edited = false;    ///< The user changed the LOP (it is stored as typed, dated today).
    float sound_volume = 0.8f;  ///< Sound effects, 0..1 (settings.json).
    float voice_volume = 1.f;   ///< The voice coach, 0..1.
    bool sonify = false;        ///< Sonification on (a tone following %LOP, a tick per rep).
    bool sound_captions = true; ///< Captions for sound effects.
    bool large_text = false;    ///< Larger text and panels.
    std::string contract_key = "Space";  ///< The contract key's name (platform::key_name).
};

/// What the set-up screen shows besides the form.
struct SetupView {
    std::vector<ProtocolChoice> protocols;
    double device_lop_mmhg = -1.0;  ///< The device's LOP reading, if it reports one.
    std::string lop_warning;        ///< frontend::lop_warning.
    std::string spacing_warning;    ///< frontend::spacing_warning.
    std::string source;             ///< "simulated cuff and patient (seed 1)".
    std::vector<std::string> problems;  ///< Protocol files that could not be read, etc.
    std::string progress_line;          ///< "Streak: 2 perfect weeks · this week 1 of 2-3" (empty: no history).
    bool voice_available = false;       ///< espeak-ng is there (else the voice slider says captions only).
    std::string contract_key;           ///< The contract key's name now ("Space").
    bool capturing_key = false;         ///< Waiting for the new contract key.
    std::string key_message;            ///< "F is taken by …" after a refused key.
};

struct SetupRequests {
    bool start = false;          ///< Start the guided session.
    bool free_practice = false;  ///< No protocol: the limb and the model only.
    bool limb_changed = false;   ///< Arm ↔ leg: the scene is rebuilt.
    bool progress = false;       ///< Open the progress screen.
    bool test_sound = false;     ///< Play a sample at the sound-effects volume (the slider was let go).
    bool test_voice = false;     ///< Say a sample line at the voice volume.
    bool change_key = false;     ///< Capture the next key pressed as the contract key.
    bool quit = false;
};

/// The set-up screen, centred, navigable with mouse, touch, keyboard or gamepad.
SetupRequests draw_setup(SetupForm& form, const SetupView& view, const ui::UiContext& ui);

/// What the user asked for during the session.
struct GuidedRequests {
    std::optional<int> discomfort;          ///< An answer 0..10.
    std::optional<std::uint32_t> acknowledge;  ///< An alarm's id.
    bool acknowledge_all = false;
    bool end_set = false;
    bool skip_rest = false;
    bool stop = false;
    bool toggle_mute = false;
    bool reinflate = false;       ///< Inflate the cuff to the target again (after a release).
    std::optional<float> sound_volume;  ///< The sound-effects volume was moved to this.
    std::optional<float> voice_volume;  ///< The voice volume was moved to this.
    bool toggle_voice = false;    ///< The voice coach on/off (captions stay).
    bool close_summary = false;   ///< Back to the set-up screen.
    bool quit = false;
};

/// Frame facts the guided panels need besides the view model.
struct GuidedFrameInfo {
    bool muted = false;
    bool audio_available = false;
    bool show_summary = false;  ///< The session is over: the summary replaces the session panels.
    std::string summary_note;   ///< e.g. "Recorded to …/recordings/….csv".
    std::string caption;        ///< The voice coach's line now (empty: none), always shown.
    bool voice_on = false;
    bool voice_available = false;
    float sound_volume = 1.f;
    float voice_volume = 1.f;
    std::vector<std::string> celebrations;  ///< What the session earned (new personal bests, badges), on the summary.
    std::string sound_caption;  ///< The sound effect now, captioned ("[chime: set complete]"); empty: none.
};

/// The session's panels (bottom centre: set, tempo guide, rest; top centre: safety banners; the
/// discomfort prompt in rests) or, at the end, the summary.
GuidedRequests draw_guided(const presentation::GuidedViewModel& vm, const GuidedFrameInfo& info,
                           const ui::UiContext& ui);

/// True when a panel that takes the patient's answer is open (the discomfort prompt, an alarm not
/// yet acknowledged, the summary): the contract input then does not reach the patient, so the
/// button that answers does not also start a rep.
[[nodiscard]] bool wants_answer(const presentation::GuidedViewModel& vm, const GuidedFrameInfo& info) noexcept;

/// The rep figure of the main panel: "12 / 30", "12" (to failure or free practice).
[[nodiscard]] std::string rep_figure(const presentation::GuidedViewModel& vm, std::uint32_t reps_counted);

/// The tempo guide's word: "UP", "DOWN", "HOLD", "" (no cue).
[[nodiscard]] const char* cue_word(presentation::GuidedViewModel::Cue cue) noexcept;

/// The action's instruction in plain words: "Deflate the cuff now", "Lower the cuff by 10 mmHg",
/// "Stop the exercise".
[[nodiscard]] const char* action_text(std::string_view action) noexcept;

}  // namespace bfr::modes::home
