#pragma once
// The home mode's heads-up display (ImGui). Reads a HudViewModel; returns what the user asked for.

#include "game/presentation/view_models.hpp"

#include <string>

namespace bfr::ui {
class UiContext;
}

namespace bfr::modes::home {

/// Frame facts the HUD shows besides the model (optional perf line).
struct HudFrameInfo {
    bool show_help = false;
    bool show_perf = true;  ///< Off in shots: wall-clock figures would make images differ.
    float fps = 0.f;
    float frame_ms = 0.f;
    bool vsync = true;
    std::string renderer;  ///< GL renderer description for the help panel.
    std::string contract_key = "Space";
    bool recording = false;        ///< Show the "recording" indicator.
    std::string source;            ///< Where the telemetry comes from ("simulated cuff and patient (seed 1)").
    std::string link;              ///< Live sources: "receiving", "lost"…; empty otherwise.
    bool sensor_lost = false;      ///< No samples for longer than the timeout (banner).
    bool source_finished = false;  ///< A recording has ended (its silence is not a lost sensor).
    bool safety_banners = false;   ///< The guided session's safety banners say it (no banner of the HUD's own).
};

/// What the user clicked this frame.
struct HudRequests {
    bool toggle_auto_tempo = false;
    bool close_help = false;
};

/// Draws the HUD between UiContext::begin_frame() and end_frame(); `history` feeds the plots of
/// the last minute.
HudRequests draw_hud(const presentation::HudViewModel& vm, const presentation::HudHistory& history,
                     const HudFrameInfo& info, const ui::UiContext& ui);

}  // namespace bfr::modes::home
