#include "game/modes/therapist/therapist_input.hpp"

namespace bfr::modes::therapist {

void TherapistInput::map(const platform::InputEvent& e, std::vector<Act>& out) {
    using K = platform::InputEvent::Kind;
    using platform::Key;
    switch (e.kind) {
        case K::QuitRequested: out.push_back({ActKind::Quit}); return;
        case K::MouseDown:
            if (e.mouse == platform::MouseButton::Right || e.mouse == platform::MouseButton::Middle) dragging_ = true;
            return;
        case K::MouseUp:
            if (e.mouse == platform::MouseButton::Right || e.mouse == platform::MouseButton::Middle) dragging_ = false;
            return;
        case K::FocusLost: dragging_ = false; return;
        case K::MouseMove:
            if (dragging_) out.push_back({ActKind::Orbit, -e.dx * 0.3f, e.dy * 0.3f});
            return;
        case K::MouseWheel:
            if (e.dy != 0.f) out.push_back({ActKind::Zoom, e.dy > 0.f ? 0.9f : 1.f / 0.9f});
            return;
        case K::KeyDown: break;
        default: return;
    }
    const bool ctrl = (e.mods & platform::kModCtrl) != 0;
    const bool shift = (e.mods & platform::kModShift) != 0;
    const bool alt = (e.mods & platform::kModAlt) != 0;
    if (ctrl) {
        if (e.key == Key::Q) out.push_back({ActKind::Quit});
        if (e.key == Key::Equals) out.push_back({ActKind::UiScaleUp});
        if (e.key == Key::Minus) out.push_back({ActKind::UiScaleDown});
        return;
    }
    if (alt) {
        if (e.key == Key::Enter && !e.repeat) out.push_back({ActKind::Fullscreen});
        return;
    }
    // Keys that make sense held down (stepping, seeking, adjusting) repeat; toggles do not.
    switch (e.key) {
        case Key::Left:
            out.push_back(shift ? Act{ActKind::Seek, -5.f} : Act{ActKind::StepBack});
            return;
        case Key::Right:
            out.push_back(shift ? Act{ActKind::Seek, 5.f} : Act{ActKind::StepForward});
            return;
        case Key::PageUp: out.push_back({ActKind::Seek, -30.f}); return;
        case Key::PageDown: out.push_back({ActKind::Seek, 30.f}); return;
        case Key::Up: out.push_back({ActKind::FocusPrevious}); return;
        case Key::Down: out.push_back({ActKind::FocusNext}); return;
        case Key::Minus: out.push_back({ActKind::Decrease}); return;
        case Key::Equals: out.push_back({ActKind::Increase}); return;
        default: break;
    }
    if (e.repeat) return;
    switch (e.key) {
        case Key::Space: out.push_back({ActKind::PlayPause}); break;
        case Key::Num1: out.push_back({ActKind::Speed, static_cast<float>(kSpeeds[0])}); break;
        case Key::Num2: out.push_back({ActKind::Speed, static_cast<float>(kSpeeds[1])}); break;
        case Key::Num3: out.push_back({ActKind::Speed, static_cast<float>(kSpeeds[2])}); break;
        case Key::Home: out.push_back({ActKind::ToStart}); break;
        case Key::End: out.push_back({ActKind::ToEnd}); break;
        case Key::B: out.push_back({ActKind::CycleB}); break;
        case Key::L: out.push_back({ActKind::ToggleLimb}); break;
        case Key::R: out.push_back({ActKind::Restart}); break;
        case Key::G: out.push_back({ActKind::NextPlots}); break;
        case Key::W: out.push_back({ActKind::PlotWindow}); break;
        case Key::N: out.push_back({ActKind::NextRep}); break;
        case Key::P: out.push_back({ActKind::PreviousRep}); break;
        case Key::X: out.push_back({ActKind::ToggleXray}); break;
        case Key::S: out.push_back({ActKind::SwellingScale}); break;
        case Key::C: out.push_back({ActKind::ResetCamera}); break;
        case Key::H: out.push_back({ActKind::TogglePanels}); break;
        case Key::F1: out.push_back({ActKind::ToggleHelp}); break;
        case Key::F11: out.push_back({ActKind::Fullscreen}); break;
        case Key::Escape: out.push_back({ActKind::Back}); break;
        default: break;
    }
}

}  // namespace bfr::modes::therapist
