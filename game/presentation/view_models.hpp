#pragma once
// What the panels show, read from the world: plain data, so panels never hold state of their own.

#include "game/session/systems.hpp"

#include <cstdint>
#include <string>

namespace bfr::session {
class Session;
}

namespace bfr::presentation {

/// No sample for longer than this (interfaces.md §3: 2 s) and the sensor counts as lost: the
/// session's constant, so the HUD, replay and the model agree.
using session::kSensorLostNs;

/// How long the rep counter lights up after a rep (0.5 s).
inline constexpr unsigned kRepFlashTicks = 30;

struct HudViewModel {
    const char* limb_name = "arm";     ///< "arm" / "leg".
    const char* joint_name = "elbow";  ///< "elbow" / "knee".
    std::uint32_t reps_performed = 0;  ///< The virtual patient's own tally.
    float joint_angle_deg = 0.f;
    float activation_01 = 0.f;
    bool contract_held = false;
    bool auto_tempo = false;
    double sim_time_s = 0.0;
    double cuff_mmhg = -1.0;    ///< Latest measured cuff pressure; negative: none yet.
    double target_mmhg = -1.0;  ///< Pressure the device regulates toward; negative: unknown.
    double lop_mmhg = -1.0;     ///< Limb occlusion pressure in use; negative: unknown.
    bool sensor_lost = false;   ///< Samples had been arriving, but none for longer than kSensorLostNs.
    double lop_in_use_mmhg = -1.0;  ///< The LOP the model uses (recording's, or the limb's default).
    bool lop_is_default = true;     ///< No LOP came from the telemetry: the limb's default is in use.
    float metabolite_01 = 0.f;      ///< The model's metabolite load (docs/physiology.md §3.8).
    float swelling_pct = 0.f;       ///< The model's muscle thickness increase, %.
    float rep_flash_01 = 0.f;   ///< 1 when a rep just completed, fading to 0 over kRepFlashTicks.
};

/// Reads the HUD's data from the session (alpha-interpolated pose, like the 3-D view).
[[nodiscard]] HudViewModel make_hud_view_model(const session::Session& session, float alpha);

/// The UI scale for a viewport: the user's scale times the viewport's size relative to 1280x720
/// (the smaller ratio), kept within 0.55..2.5 and rounded to 0.05 so that resizing a window does
/// not rebuild the font atlas every frame. Text stays readable from across a room on a large
/// screen and the HUD stays clear of the limb in a small window.
[[nodiscard]] float hud_scale_for(int width_px, int height_px, float user_scale);

/// "m:ss" for a duration in seconds (negative and non-finite values show as 0:00).
[[nodiscard]] std::string format_clock(double seconds);

}  // namespace bfr::presentation
