#pragma once
// The engine's input vocabulary: what a platform backend turns device events into. No SDL here, so
// game code can map input to commands and be tested without a window.

#include <cstdint>
#include <optional>
#include <string_view>

namespace bfr::platform {

/// Keys the engine knows by name. Backends translate key codes (layout-aware: T is T on any keyboard layout) into
/// these; keys outside the list arrive as `Key::Unknown` and are ignored by the default mappings.
enum class Key : std::uint16_t {
    Unknown,
    A,
    B,
    C,
    D,
    E,
    F,
    G,
    H,
    I,
    J,
    K,
    L,
    M,
    N,
    O,
    P,
    Q,
    R,
    S,
    T,
    U,
    V,
    W,
    X,
    Y,
    Z,
    Num0,
    Num1,
    Num2,
    Num3,
    Num4,
    Num5,
    Num6,
    Num7,
    Num8,
    Num9,
    Space,
    Enter,
    Escape,
    Tab,
    Backspace,
    Left,
    Right,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Minus,
    Equals,
    F1,
    F2,
    F3,
    F4,
    F5,
    F6,
    F7,
    F8,
    F9,
    F10,
    F11,
    F12,
    Count
};

/// Modifier keys held while an event happened (bit set).
enum KeyMod : std::uint8_t { kModNone = 0, kModShift = 1u << 0, kModCtrl = 1u << 1, kModAlt = 1u << 2 };

/// Gamepad buttons in the common "Xbox" layout (A = bottom face button).
enum class GamepadButton : std::uint8_t {
    Unknown,
    A,
    B,
    X,
    Y,
    Back,
    Guide,
    Start,
    LeftStick,
    RightStick,
    LeftShoulder,
    RightShoulder,
    DpadUp,
    DpadDown,
    DpadLeft,
    DpadRight,
    Count
};

/// Mouse buttons.
enum class MouseButton : std::uint8_t { Left, Middle, Right, Other };

/// One input event from any device, in window pixels (origin top-left) where it has a position.
struct InputEvent {
    enum class Kind : std::uint8_t {
        KeyDown,
        KeyUp,
        MouseDown,
        MouseUp,
        MouseMove,
        MouseWheel,
        TouchDown,
        TouchUp,
        TouchMove,
        GamepadDown,
        GamepadUp,
        GamepadAxis,
        GamepadRemoved,  ///< A gamepad was unplugged (its held buttons must be released).
        WindowResized,
        FocusLost,  ///< The window lost keyboard focus (held inputs must be released).
        QuitRequested
    };
    Kind kind = Kind::KeyDown;
    Key key = Key::Unknown;                         ///< Key events.
    std::uint8_t mods = kModNone;                   ///< Key events: KeyMod bits.
    bool repeat = false;                            ///< Key events: auto-repeat of a held key.
    MouseButton mouse = MouseButton::Left;          ///< Mouse button events.
    GamepadButton button = GamepadButton::Unknown;  ///< Gamepad button events.
    std::uint8_t axis = 0;                          ///< Gamepad axis: 0 LX, 1 LY, 2 RX, 3 RY, 4 LT, 5 RT.
    std::int64_t finger = 0;                        ///< Touch events: finger id.
    float x = 0.f, y = 0.f;                         ///< Position (px) or axis value (-1..1) or window size.
    float dx = 0.f, dy = 0.f;                       ///< Motion delta (px) or wheel steps (dy > 0: away from user).
};

/// Human-readable key name ("Space", "F11", "A"); "Unknown" for Key::Unknown.
[[nodiscard]] std::string_view key_name(Key key) noexcept;
/// Inverse of key_name, case-insensitive; nullopt for unknown names.
[[nodiscard]] std::optional<Key> key_from_name(std::string_view name) noexcept;
/// Gamepad button name ("A", "Start").
[[nodiscard]] std::string_view gamepad_button_name(GamepadButton button) noexcept;

}  // namespace bfr::platform
