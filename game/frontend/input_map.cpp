#include "game/frontend/input_map.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace bfr::frontend {

using platform::GamepadButton;
using platform::InputEvent;
using platform::Key;
using Kind = platform::InputEvent::Kind;

namespace {

bool is_contract_button(GamepadButton b) {
    switch (b) {
        case GamepadButton::A:
        case GamepadButton::B:
        case GamepadButton::X:
        case GamepadButton::Y:
        case GamepadButton::LeftShoulder:
        case GamepadButton::RightShoulder: return true;
        default: return false;
    }
}

constexpr float kStickDeadZone = 0.2f;
constexpr float kKeyOrbitDeg = 7.5f;
constexpr float kZoomStep = 0.9f;

}  // namespace

InputMapper::InputMapper(InputMapConfig config) : config_{config} {}

void InputMapper::set_held(std::uint32_t bit, bool down, std::vector<Action>& out) {
    const bool was = contract_held();
    held_ = down ? (held_ | bit) : (held_ & ~bit);
    const bool now = contract_held();
    if (now != was) out.push_back({now ? ActionKind::ContractDown : ActionKind::ContractUp});
}

void InputMapper::set_fingers(std::vector<std::int64_t> fingers, std::vector<Action>& out) {
    const bool was = contract_held();
    fingers_ = std::move(fingers);
    const bool now = contract_held();
    if (now != was) out.push_back({now ? ActionKind::ContractDown : ActionKind::ContractUp});
}

void InputMapper::release_all(std::vector<Action>& out) {
    const bool was = contract_held();
    held_ = 0;
    fingers_.clear();
    pad_buttons_ = 0;
    dragging_ = false;
    if (was) out.push_back({ActionKind::ContractUp});
}

namespace {

/// What an action is for, in words (for a refused contract key).
const char* purpose(ActionKind kind) noexcept {
    switch (kind) {
        case ActionKind::Back: return "back / quit";
        case ActionKind::Quit: return "quitting";
        case ActionKind::Acknowledge: return "acknowledging alarms";
        case ActionKind::EndSet: return "ending the set";
        case ActionKind::ToggleMute: return "muting the sound";
        case ActionKind::Digit: return "the discomfort answer";
        case ActionKind::ToggleVsync: return "vsync";
        case ActionKind::ToggleHud: return "hiding the HUD";
        case ActionKind::ToggleHelp: return "help";
        case ActionKind::ToggleFullscreen: return "fullscreen";
        case ActionKind::ToggleXray: return "the x-ray view";
        case ActionKind::ToggleAutoTempo: return "auto tempo";
        case ActionKind::InjectLeak:
        case ActionKind::InjectDropout: return "the simulated cuff's faults";
        case ActionKind::ResetCamera: return "resetting the view";
        case ActionKind::Orbit: return "turning the view";
        case ActionKind::Zoom: return "zooming";
        case ActionKind::UiScaleUp:
        case ActionKind::UiScaleDown: return "the text size";
        case ActionKind::ContractDown:
        case ActionKind::ContractUp: break;
    }
    return "something else";
}

}  // namespace

const char* InputMapper::reserved_for(Key key) {
    if (key == Key::Unknown) return "nothing (an unknown key)";
    if (key == Key::Tab) return "moving between buttons";  // the UI's keyboard navigation
    // A key is taken when map() gives it an action of its own: ask a mapper whose contract key is
    // none, so the bindings are read from one place.
    InputMapper probe{InputMapConfig{Key::Unknown}};
    InputEvent e;
    e.kind = Kind::KeyDown;
    e.key = key;
    std::vector<Action> out;
    probe.map(e, out);
    return out.empty() ? nullptr : purpose(out.front().kind);
}

bool InputMapper::set_contract_key(Key key, std::vector<Action>& out) {
    if (reserved_for(key) != nullptr) return false;
    if (key == config_.contract_key) return true;
    set_held(kHeldKey, false, out);
    config_.contract_key = key;
    return true;
}

void InputMapper::map(const InputEvent& e, std::vector<Action>& out) {
    const bool ctrl = (e.mods & platform::kModCtrl) != 0;
    const bool alt = (e.mods & platform::kModAlt) != 0;
    switch (e.kind) {
        case Kind::QuitRequested: out.push_back({ActionKind::Quit}); break;
        case Kind::KeyDown:
            if (e.key == config_.contract_key && !ctrl && !alt) {
                if (!e.repeat) set_held(kHeldKey, true, out);
                break;
            }
            if (e.repeat && e.key != Key::Left && e.key != Key::Right && e.key != Key::Up && e.key != Key::Down) break;
            switch (e.key) {
                case Key::Escape: out.push_back({ActionKind::Back}); break;
                case Key::Q:
                    if (ctrl) out.push_back({ActionKind::Quit});
                    break;
                case Key::F11: out.push_back({ActionKind::ToggleFullscreen}); break;
                case Key::Enter:
                    out.push_back({alt ? ActionKind::ToggleFullscreen : ActionKind::Acknowledge});
                    break;
                case Key::E: out.push_back({ActionKind::EndSet}); break;
                case Key::M: out.push_back({ActionKind::ToggleMute}); break;
                case Key::Num0:
                case Key::Num1:
                case Key::Num2:
                case Key::Num3:
                case Key::Num4:
                case Key::Num5:
                case Key::Num6:
                case Key::Num7:
                case Key::Num8:
                case Key::Num9:
                    out.push_back({ActionKind::Digit,
                                   static_cast<float>(static_cast<int>(e.key) - static_cast<int>(Key::Num0))});
                    break;
                case Key::V:
                    if (!ctrl) out.push_back({ActionKind::ToggleVsync});
                    break;
                case Key::H: out.push_back({ActionKind::ToggleHud}); break;
                case Key::F1: out.push_back({ActionKind::ToggleHelp}); break;
                case Key::X: out.push_back({ActionKind::ToggleXray}); break;
                case Key::T: out.push_back({ActionKind::ToggleAutoTempo}); break;
                case Key::L: out.push_back({ActionKind::InjectLeak}); break;
                case Key::D: out.push_back({ActionKind::InjectDropout}); break;
                case Key::R:
                case Key::Home: out.push_back({ActionKind::ResetCamera}); break;
                case Key::Left: out.push_back({ActionKind::Orbit, -kKeyOrbitDeg, 0.f}); break;
                case Key::Right: out.push_back({ActionKind::Orbit, kKeyOrbitDeg, 0.f}); break;
                case Key::Up: out.push_back({ActionKind::Orbit, 0.f, kKeyOrbitDeg}); break;
                case Key::Down: out.push_back({ActionKind::Orbit, 0.f, -kKeyOrbitDeg}); break;
                case Key::Equals:
                    out.push_back(ctrl ? Action{ActionKind::UiScaleUp} : Action{ActionKind::Zoom, kZoomStep});
                    break;
                case Key::Minus:
                    out.push_back(ctrl ? Action{ActionKind::UiScaleDown} : Action{ActionKind::Zoom, 1.f / kZoomStep});
                    break;
                case Key::PageUp: out.push_back({ActionKind::Zoom, kZoomStep}); break;
                case Key::PageDown: out.push_back({ActionKind::Zoom, 1.f / kZoomStep}); break;
                default: break;
            }
            break;
        case Kind::KeyUp:
            if (e.key == config_.contract_key) set_held(kHeldKey, false, out);
            break;
        case Kind::MouseDown:
            if (e.mouse == platform::MouseButton::Left)
                set_held(kHeldMouse, true, out);
            else if (e.mouse == platform::MouseButton::Right || e.mouse == platform::MouseButton::Middle)
                dragging_ = true;
            break;
        case Kind::MouseUp:
            if (e.mouse == platform::MouseButton::Left)
                set_held(kHeldMouse, false, out);
            else if (e.mouse == platform::MouseButton::Right || e.mouse == platform::MouseButton::Middle)
                dragging_ = false;
            break;
        case Kind::MouseMove:
            if (dragging_ && (e.dx != 0.f || e.dy != 0.f)) {
                out.push_back({ActionKind::Orbit, -e.dx * config_.orbit_deg_per_px, e.dy * config_.orbit_deg_per_px});
            }
            break;
        case Kind::MouseWheel:
            if (e.dy != 0.f && std::isfinite(e.dy)) out.push_back({ActionKind::Zoom, std::pow(kZoomStep, e.dy)});
            break;
        case Kind::TouchDown: {
            if (std::find(fingers_.begin(), fingers_.end(), e.finger) != fingers_.end()) break;
            auto fingers = fingers_;
            fingers.push_back(e.finger);
            set_fingers(std::move(fingers), out);
            break;
        }
        case Kind::TouchUp: {
            auto fingers = fingers_;
            const auto it = std::find(fingers.begin(), fingers.end(), e.finger);
            if (it == fingers.end()) break;  // went down on a panel: not ours
            fingers.erase(it);
            set_fingers(std::move(fingers), out);
            break;
        }
        case Kind::GamepadRemoved:
            pad_buttons_ = 0;
            stick_x_ = 0.f;
            stick_y_ = 0.f;
            set_held(kHeldPad, false, out);
            break;
        case Kind::GamepadDown:
        case Kind::GamepadUp: {
            const bool down = e.kind == Kind::GamepadDown;
            if (is_contract_button(e.button)) {
                const auto bit = 1u << static_cast<unsigned>(e.button);
                pad_buttons_ = down ? (pad_buttons_ | bit) : (pad_buttons_ & ~bit);
                set_held(kHeldPad, pad_buttons_ != 0, out);
            } else if (down && e.button == GamepadButton::Start) {
                out.push_back({ActionKind::ToggleAutoTempo});
            } else if (down && e.button == GamepadButton::Back) {
                out.push_back({ActionKind::ResetCamera});
            } else if (down && e.button == GamepadButton::DpadUp) {
                out.push_back({ActionKind::Zoom, kZoomStep});
            } else if (down && e.button == GamepadButton::DpadDown) {
                out.push_back({ActionKind::Zoom, 1.f / kZoomStep});
            }
            break;
        }
        case Kind::GamepadAxis:
            if (e.axis == 2) stick_x_ = e.x;
            if (e.axis == 3) stick_y_ = e.x;
            break;
        case Kind::FocusLost: release_all(out); break;  // a held key's release goes to another window
        case Kind::TouchMove:
        case Kind::WindowResized: break;
    }
}

void InputMapper::update(float dt_s, std::vector<Action>& out) {
    auto dead = [](float v) { return std::fabs(v) < kStickDeadZone || !std::isfinite(v) ? 0.f : v; };
    const float x = dead(stick_x_);
    const float y = dead(stick_y_);
    if ((x != 0.f || y != 0.f) && dt_s > 0.f) {
        out.push_back({ActionKind::Orbit, -x * config_.stick_deg_per_s * dt_s, -y * config_.stick_deg_per_s * dt_s});
    }
}

}  // namespace bfr::frontend
