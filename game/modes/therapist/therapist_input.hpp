#pragma once
// The therapist mode's keys and mouse (docs/therapist.md has the map): everything works from the
// keyboard alone. Pure: platform events in, actions out (tested without a window).

#include "engine/platform/input.hpp"

#include <cstdint>
#include <vector>

namespace bfr::modes::therapist {

enum class ActKind : std::uint8_t {
    PlayPause,      ///< Space.
    Speed,          ///< 1 / 2 / 3: x = ticks per step (1, 5, 20).
    StepBack,       ///< Left: one tick back (pauses).
    StepForward,    ///< Right: one tick forward (pauses).
    Seek,           ///< Shift+Left/Right ±5 s, PageUp/PageDown ±30 s: x = seconds.
    ToStart,        ///< Home.
    ToEnd,          ///< End: the latest moment (lab) or the end of the recording.
    FocusPrevious,  ///< Up: the previous lab control.
    FocusNext,      ///< Down: the next lab control.
    Decrease,       ///< Minus: the focused control one step down.
    Increase,       ///< Equals (+): one step up.
    CycleB,         ///< B: B without a cuff / at a second pressure.
    ToggleLimb,     ///< L: arm / leg.
    Restart,        ///< R: a new run from 0:00.
    NextPlots,      ///< G: the next page of plots.
    PlotWindow,     ///< W: the plots' time window (1, 3, 10 min).
    NextRep,        ///< N: jump to the next rep (theatre).
    PreviousRep,    ///< P: jump to the previous rep (theatre).
    ToggleXray,     ///< X.
    SwellingScale,  ///< S: swelling drawn true to scale or x3 (the labels say which).
    ResetCamera,    ///< C.
    TogglePanels,   ///< H.
    ToggleHelp,     ///< F1.
    Fullscreen,     ///< F11, Alt+Enter.
    UiScaleUp,      ///< Ctrl+=.
    UiScaleDown,    ///< Ctrl+-.
    Orbit,          ///< Right or middle drag: x = yaw degrees, y = pitch degrees.
    Zoom,           ///< Wheel: x = distance factor.
    Back,           ///< Escape: closes the help, else quits.
    Quit,           ///< Ctrl+Q, the window's close button.
};

struct Act {
    ActKind kind = ActKind::PlayPause;
    float x = 0.f;
    float y = 0.f;
};

/// Ticks per loop step of each speed key.
inline constexpr std::uint32_t kSpeeds[] = {1, 5, 20};

class TherapistInput {
public:
    /// Appends the actions `event` causes to `out`.
    void map(const platform::InputEvent& event, std::vector<Act>& out);

private:
    bool dragging_ = false;
};

}  // namespace bfr::modes::therapist
