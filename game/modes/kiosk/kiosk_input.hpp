#pragma once
// The kiosk's input (docs/kiosk.md): every device becomes one of a handful of visitor actions,
// and the admin's way out is a key chord no visitor hits by chance. Pure (the engine's input
// vocabulary, no SDL), tested without a window.
//
// Visitor mapping:
//   contract (held)  Space; any mouse button; any finger; every gamepad button but Back
//   next language    L; gamepad Back (also the panel's language button)
//   larger text      = (also the panel's button)
//   any other key    a press (wakes "still there?", starts a round from the attract loop);
//                    Escape and F11 are just presses: nothing leaves or shrinks the kiosk.
//                    Keys typed with Ctrl or Alt held are no visitor's (the admin's chord).
//   window close     ignored (only SIGINT/SIGTERM from the machine, or the admin chord, end it)

#include "engine/platform/input.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bfr::modes::kiosk {

enum class KioskActionKind : std::uint8_t {
    ContractDown,   ///< The big input went down (several held at once count as one).
    ContractUp,     ///< ... and every one of them is up again.
    Press,          ///< Any other press.
    NextLanguage,   ///< Cycle the kiosk's languages.
    TextSize,       ///< Cycle the text size.
    QuitRequested,  ///< The window's close button or a signal: the owner decides (a signal only ends a kiosk).
};

struct KioskAction {
    KioskActionKind kind = KioskActionKind::Press;
};

/// Fingers tracked at most (a broken touch driver that never sends "up" cannot grow the list).
inline constexpr std::size_t kMaxFingers = 16;

class KioskInputMapper {
public:
    /// Appends the actions `event` causes to `out`.
    void map(const platform::InputEvent& event, std::vector<KioskAction>& out);
    /// Releases every held contract input (focus lost, a new visitor).
    void release_all(std::vector<KioskAction>& out);
    [[nodiscard]] bool contract_held() const noexcept { return held_ != 0 || finger_count_ != 0; }

private:
    enum HeldBit : std::uint32_t { kHeldKey = 1u << 0, kHeldMouse = 1u << 1, kHeldPad = 1u << 2 };
    void update(bool was, std::vector<KioskAction>& out) const;

    std::uint32_t held_ = 0;
    std::uint32_t mouse_buttons_ = 0;
    std::uint32_t pad_buttons_ = 0;
    std::int64_t fingers_[kMaxFingers] = {};
    std::size_t finger_count_ = 0;
};

/// The admin's way out: with Ctrl, Alt and Shift held, type the sequence (default E X I T), one key
/// after the other (each within step_timeout_s of the previous), then keep the three modifiers held,
/// touching nothing else, for hold_s. Any other key, a key out of order, a modifier let go, a
/// pause too long, the focus lost or any other input starts it over. A visitor mashing keys does
/// not type a 4-key sequence in order with three modifiers held and then stop for 2 s.
struct AdminExitConfig {
    std::vector<platform::Key> sequence{platform::Key::E, platform::Key::X, platform::Key::I, platform::Key::T};
    double hold_s = 2.0;
    double step_timeout_s = 3.0;
};

/// "EXIT" → {E, X, I, T}: letters and digits only, 2 to 16 of them; empty on anything else.
[[nodiscard]] std::vector<platform::Key> admin_sequence_from_text(std::string_view text);
/// {E, X, I, T} → "Ctrl+Alt+Shift, then E X I T, then hold 2 s" (for logs and docs).
[[nodiscard]] std::string describe_admin_exit(const AdminExitConfig& config);

class AdminExitChord {
public:
    explicit AdminExitChord(AdminExitConfig config = {});

    /// Every event, before or after the visitor mapping, with the simulation time it arrived at.
    void on_event(const platform::InputEvent& event, std::int64_t now_ns);
    /// Forgets any progress.
    void reset() noexcept;
    /// True (from then on) once the chord has been held long enough by `now_ns`.
    [[nodiscard]] bool update(std::int64_t now_ns) noexcept;
    [[nodiscard]] bool triggered() const noexcept { return triggered_; }
    /// Keys of the sequence typed so far (0 = none; sequence.size() = holding).
    [[nodiscard]] std::size_t progress() const noexcept { return progress_; }
    [[nodiscard]] const AdminExitConfig& config() const noexcept { return config_; }

private:
    AdminExitConfig config_;
    std::size_t progress_ = 0;
    std::int64_t last_step_ns_ = 0;
    bool triggered_ = false;
};

}  // namespace bfr::modes::kiosk
