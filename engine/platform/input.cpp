#include "engine/platform/input.hpp"

#include "engine/core/text.hpp"

#include <array>
#include <cstddef>

namespace bfr::platform {
namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(Key::Count)> kKeyNames = {
    "Unknown", "A",    "B",      "C",        "D",     "E",     "F",      "G",      "H",         "I",    "J",
    "K",       "L",    "M",      "N",        "O",     "P",     "Q",      "R",      "S",         "T",    "U",
    "V",       "W",    "X",      "Y",        "Z",     "0",     "1",      "2",      "3",         "4",    "5",
    "6",       "7",    "8",      "9",        "Space", "Enter", "Escape", "Tab",    "Backspace", "Left", "Right",
    "Up",      "Down", "PageUp", "PageDown", "Home",  "End",   "Minus",  "Equals", "F1",        "F2",   "F3",
    "F4",      "F5",   "F6",     "F7",       "F8",    "F9",    "F10",    "F11",    "F12"};

constexpr std::array<std::string_view, static_cast<std::size_t>(GamepadButton::Count)> kButtonNames = {"Unknown",
                                                                                                       "A",
                                                                                                       "B",
                                                                                                       "X",
                                                                                                       "Y",
                                                                                                       "Back",
                                                                                                       "Guide",
                                                                                                       "Start",
                                                                                                       "LeftStick",
                                                                                                       "RightStick",
                                                                                                       "LeftShoulder",
                                                                                                       "RightShoulder",
                                                                                                       "DpadUp",
                                                                                                       "DpadDown",
                                                                                                       "DpadLeft",
                                                                                                       "DpadRight"};

}  // namespace

std::string_view key_name(Key key) noexcept {
    const auto i = static_cast<std::size_t>(key);
    return i < kKeyNames.size() ? kKeyNames[i] : kKeyNames[0];
}

std::optional<Key> key_from_name(std::string_view name) noexcept {
    for (std::size_t i = 1; i < kKeyNames.size(); ++i) {
        if (core::iequals_ascii(kKeyNames[i], name)) return static_cast<Key>(i);
    }
    return std::nullopt;
}

std::string_view gamepad_button_name(GamepadButton button) noexcept {
    const auto i = static_cast<std::size_t>(button);
    return i < kButtonNames.size() ? kButtonNames[i] : kButtonNames[0];
}

}  // namespace bfr::platform
