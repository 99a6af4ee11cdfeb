#include "game/modes/kiosk/kiosk_input.hpp"

#include <algorithm>
#include <cmath>

namespace bfr::modes::kiosk {

using platform::GamepadButton;
using platform::InputEvent;
using platform::Key;
using Kind = platform::InputEvent::Kind;

namespace {

constexpr std::uint8_t kAllMods = platform::kModCtrl | platform::kModAlt | platform::kModShift;

std::int64_t ns_of(double seconds) noexcept {
    if (!std::isfinite(seconds) || seconds < 0.0) return 0;
    return static_cast<std::int64_t>(std::llround(std::min(seconds, 3600.0) * 1e9));
}

std::uint32_t bit_of(unsigned index) noexcept {
    return index < 32 ? (1u << index) : 0u;
}

}  // namespace

// --- Visitor mapping --------------------------------------------------------------------------

void KioskInputMapper::update(bool was, std::vector<KioskAction>& out) const {
    const bool now = contract_held();
    if (now != was) out.push_back({now ? KioskActionKind::ContractDown : KioskActionKind::ContractUp});
}

void KioskInputMapper::release_all(std::vector<KioskAction>& out) {
    const bool was = contract_held();
    held_ = 0;
    mouse_buttons_ = 0;
    pad_buttons_ = 0;
    finger_count_ = 0;
    update(was, out);
}

void KioskInputMapper::map(const InputEvent& e, std::vector<KioskAction>& out) {
    const bool was = contract_held();
    switch (e.kind) {
        case Kind::QuitRequested: out.push_back({KioskActionKind::QuitRequested}); return;
        case Kind::KeyDown: {
            if (e.repeat) return;
            if (e.key == Key::Space) {
                held_ |= kHeldKey;
                break;
            }
            if ((e.mods & (platform::kModCtrl | platform::kModAlt)) != 0) return;  // the admin's, not a visitor's
            if (e.key == Key::L) {
                out.push_back({KioskActionKind::NextLanguage});
            } else if (e.key == Key::Equals) {
                out.push_back({KioskActionKind::TextSize});
            } else {
                out.push_back({KioskActionKind::Press});
            }
            return;
        }
        case Kind::KeyUp:
            if (e.key == Key::Space) held_ &= ~static_cast<std::uint32_t>(kHeldKey);
            break;
        case Kind::MouseDown:
        case Kind::MouseUp: {
            const std::uint32_t bit = bit_of(static_cast<unsigned>(e.mouse));
            mouse_buttons_ = e.kind == Kind::MouseDown ? (mouse_buttons_ | bit) : (mouse_buttons_ & ~bit);
            held_ = mouse_buttons_ != 0 ? (held_ | kHeldMouse) : (held_ & ~static_cast<std::uint32_t>(kHeldMouse));
            break;
        }
        case Kind::TouchDown: {
            const std::int64_t* begin = fingers_;
            const std::int64_t* end = begin + finger_count_;
            if (std::find(begin, end, e.finger) != end) return;
            if (finger_count_ == kMaxFingers) return;  // enough fingers: the contraction is held anyway
            fingers_[finger_count_++] = e.finger;
            break;
        }
        case Kind::TouchUp: {
            std::int64_t* begin = fingers_;
            std::int64_t* end = begin + finger_count_;
            std::int64_t* it = std::find(begin, end, e.finger);
            if (it == end) return;  // went down on a panel (the UI kept it), or forgotten
            *it = fingers_[finger_count_ - 1];
            --finger_count_;
            break;
        }
        case Kind::GamepadDown:
        case Kind::GamepadUp: {
            const bool down = e.kind == Kind::GamepadDown;
            if (e.button == GamepadButton::Back) {
                if (down) out.push_back({KioskActionKind::NextLanguage});
                return;
            }
            const std::uint32_t bit = bit_of(static_cast<unsigned>(e.button));
            pad_buttons_ = down ? (pad_buttons_ | bit) : (pad_buttons_ & ~bit);
            held_ = pad_buttons_ != 0 ? (held_ | kHeldPad) : (held_ & ~static_cast<std::uint32_t>(kHeldPad));
            break;
        }
        case Kind::GamepadRemoved:
            pad_buttons_ = 0;
            held_ &= ~static_cast<std::uint32_t>(kHeldPad);
            break;
        case Kind::FocusLost:
            release_all(out);
            return;
        case Kind::MouseMove:
        case Kind::MouseWheel:
        case Kind::TouchMove:
        case Kind::GamepadAxis:
        case Kind::WindowResized: return;
    }
    update(was, out);
}

// --- The admin's way out -------------------------------------------------------------------------

std::vector<Key> admin_sequence_from_text(std::string_view text) {
    std::vector<Key> keys;
    if (text.size() < 2 || text.size() > 16) return keys;
    for (const char c : text) {
        const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        const bool digit = c >= '0' && c <= '9';
        if (!letter && !digit) return {};
        const auto key = platform::key_from_name(std::string_view(&c, 1));
        if (!key) return {};
        keys.push_back(*key);
    }
    return keys;
}

std::string describe_admin_exit(const AdminExitConfig& config) {
    std::string keys;
    for (const Key k : config.sequence) {
        if (!keys.empty()) keys += ' ';
        keys += platform::key_name(k);
    }
    const auto hold_tenths = static_cast<long>(std::lround(config.hold_s * 10.0));
    std::string hold = std::to_string(hold_tenths / 10);
    if (hold_tenths % 10 != 0) {
        hold += '.';
        hold += static_cast<char>('0' + hold_tenths % 10);
    }
    return "hold Ctrl+Alt+Shift, type " + keys + ", then keep holding Ctrl+Alt+Shift for " + hold + " s";
}

AdminExitChord::AdminExitChord(AdminExitConfig config) : config_{std::move(config)} {
    if (config_.sequence.empty()) config_.sequence = AdminExitConfig{}.sequence;
    if (!std::isfinite(config_.hold_s) || config_.hold_s < 0.5 || config_.hold_s > 30.0) config_.hold_s = 2.0;
    if (!std::isfinite(config_.step_timeout_s) || config_.step_timeout_s < 0.5 || config_.step_timeout_s > 30.0) {
        config_.step_timeout_s = 3.0;
    }
}

void AdminExitChord::reset() noexcept {
    progress_ = 0;
}

void AdminExitChord::on_event(const InputEvent& e, std::int64_t now_ns) {
    if (triggered_) return;
    const bool all_mods = (e.mods & kAllMods) == kAllMods;
    switch (e.kind) {
        case Kind::KeyDown: {
            if (!all_mods) {
                progress_ = 0;
                return;
            }
            if (e.repeat || e.key == Key::Unknown) return;  // auto-repeat, or a modifier key itself
            const std::size_t n = config_.sequence.size();
            const bool in_time = progress_ == 0 || now_ns - last_step_ns_ <= ns_of(config_.step_timeout_s);
            if (progress_ < n && in_time && e.key == config_.sequence[progress_]) {
                ++progress_;
            } else {
                progress_ = e.key == config_.sequence[0] ? 1 : 0;  // start over (maybe with this key)
            }
            last_step_ns_ = now_ns;
            return;
        }
        case Kind::KeyUp:
            if (!all_mods) progress_ = 0;  // a modifier let go
            return;
        case Kind::MouseDown:
        case Kind::MouseWheel:
        case Kind::TouchDown:
        case Kind::GamepadDown:
        case Kind::FocusLost:
        case Kind::QuitRequested: progress_ = 0; return;
        case Kind::MouseUp:
        case Kind::MouseMove:
        case Kind::TouchUp:
        case Kind::TouchMove:
        case Kind::GamepadUp:
        case Kind::GamepadAxis:
        case Kind::GamepadRemoved:
        case Kind::WindowResized: return;
    }
}

bool AdminExitChord::update(std::int64_t now_ns) noexcept {
    if (triggered_) return true;
    const std::size_t n = config_.sequence.size();
    if (progress_ == n && now_ns - last_step_ns_ >= ns_of(config_.hold_s)) {
        triggered_ = true;
    } else if (progress_ > 0 && progress_ < n && now_ns - last_step_ns_ > ns_of(config_.step_timeout_s)) {
        progress_ = 0;
    }
    return triggered_;
}

}  // namespace bfr::modes::kiosk
