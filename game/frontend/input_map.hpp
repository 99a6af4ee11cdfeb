#pragma once
// Maps device input (keyboard, mouse, touch, gamepad) to actions. Pure and stateful: it tracks
// which inputs hold the "contract" action so that several held at once still give exactly one
// ContractDown and one ContractUp. Tested without a window.

#include "engine/platform/input.hpp"

#include <cstdint>
#include <vector>

namespace bfr::frontend {

enum class ActionKind : std::uint8_t {
    ContractDown,
    ContractUp,       ///< The patient contracts / relaxes (drives the virtual patient).
    ToggleAutoTempo,  ///< Demo: the virtual patient performs reps by itself.
    Quit,             ///< Ctrl+Q, the window's close button: quit.
    Back,             ///< Escape: close the open screen (progress), else quit.
    ToggleFullscreen,
    ToggleVsync,
    ToggleHud,
    ToggleHelp,
    ToggleXray,
    Orbit,  ///< x = yaw degrees, y = pitch degrees.
    Zoom,   ///< x = distance factor (< 1 closer).
    ResetCamera,
    UiScaleUp,
    UiScaleDown,
    InjectLeak,     ///< Simulated cuff: demonstrate a leak.
    InjectDropout,  ///< Simulated cuff: demonstrate a lost sensor.
    Acknowledge,    ///< Enter: the patient has read the safety banner.
    Digit,          ///< 0-9 (x = the digit): the discomfort answer between sets.
    EndSet,         ///< E: end the current set (to failure, or giving up).
    ToggleMute,     ///< M: the tempo's and alarms' sounds on/off.
};

struct Action {
    ActionKind kind = ActionKind::ContractDown;
    float x = 0.f;
    float y = 0.f;
};

/// The user's preferences of the mapping.
struct InputMapConfig {
    platform::Key contract_key = platform::Key::Space;  ///< Remappable (accessibility).
    float orbit_deg_per_px = 0.3f;
    float stick_deg_per_s = 90.f;
};

/// Default bindings (see README "Controls"):
/// contract: contract_key, left mouse on the scene, any touch, gamepad A/B/X/Y/shoulders (held);
/// orbit: right or middle mouse drag, arrow keys, right stick; zoom: wheel, +/-, PageUp/PageDown;
/// R or Home: reset camera; T: auto tempo; F11 or Alt+Enter: fullscreen; V: vsync; H: HUD;
/// F1: help; Ctrl+= / Ctrl+-: UI scale; Escape, Ctrl+Q or the window's close button: quit.
/// Losing the window's focus or unplugging the gamepad releases what they held. Only fingers
/// that went down on the scene count: a tap on a panel (which the UI kept) cannot end a hold.
class InputMapper {
public:
    explicit InputMapper(InputMapConfig config = {});

    /// Appends the actions `event` causes to `out`.
    void map(const platform::InputEvent& event, std::vector<Action>& out);
    /// Appends continuous actions (gamepad stick orbit) for a frame of `dt_s` seconds.
    void update(float dt_s, std::vector<Action>& out);
    /// Releases every held contract input (e.g. when the window loses focus).
    void release_all(std::vector<Action>& out);
    /// True while any input holds the contract action.
    [[nodiscard]] bool contract_held() const noexcept { return held_ != 0 || !fingers_.empty(); }
    [[nodiscard]] const InputMapConfig& config() const noexcept { return config_; }
    /// Remaps the contract key (releasing a hold of the old one into `out`). False, unchanged,
    /// when `key` already does something else (reserved_for() says what) or is Unknown.
    bool set_contract_key(platform::Key key, std::vector<Action>& out);
    /// What a key does besides contracting ("ending the set", "muting the sound"...), or nullptr
    /// when it is free to become the contract key: read from map()'s own bindings (plus Tab, the
    /// UI's navigation). Ctrl/Alt combinations are not considered.
    [[nodiscard]] static const char* reserved_for(platform::Key key);

private:
    enum HeldBit : std::uint32_t { kHeldKey = 1u << 0, kHeldMouse = 1u << 1, kHeldPad = 1u << 2 };
    void set_held(std::uint32_t bit, bool down, std::vector<Action>& out);
    void set_fingers(std::vector<std::int64_t> fingers, std::vector<Action>& out);

    InputMapConfig config_;
    std::uint32_t held_ = 0;
    std::vector<std::int64_t> fingers_;  ///< Fingers that went down on the scene (not on a panel).
    std::uint32_t pad_buttons_ = 0;
    bool dragging_ = false;
    float stick_x_ = 0.f;
    float stick_y_ = 0.f;
};

}  // namespace bfr::frontend
