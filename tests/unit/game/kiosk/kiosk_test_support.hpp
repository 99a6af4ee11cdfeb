#pragma once
// Helpers of the kiosk's tests: input events, a driver that steps the runtime tick by tick as
// the window does, and the scripted visitors of the soak test.

#include "game/modes/kiosk/kiosk_runtime.hpp"

#include "engine/core/time.hpp"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace bfr::modes::kiosk::test {

inline platform::InputEvent key_event(platform::InputEvent::Kind kind, platform::Key k, std::uint8_t mods = 0) {
    platform::InputEvent e;
    e.kind = kind;
    e.key = k;
    e.mods = mods;
    return e;
}

inline platform::InputEvent touch_event(platform::InputEvent::Kind kind, std::int64_t finger) {
    platform::InputEvent e;
    e.kind = kind;
    e.finger = finger;
    return e;
}

inline platform::InputEvent pad_event(platform::InputEvent::Kind kind, platform::GamepadButton b) {
    platform::InputEvent e;
    e.kind = kind;
    e.button = b;
    return e;
}

inline platform::InputEvent kind_event(platform::InputEvent::Kind kind) {
    platform::InputEvent e;
    e.kind = kind;
    return e;
}

/// The shipped settings and texts (assets/kiosk), as the window would load them.
inline KioskRuntimeConfig shipped_config() {
    KioskRuntimeConfig c;
    const std::filesystem::path dir = std::filesystem::path(BFR_SOURCE_DIR) / "assets" / "kiosk";
    c.settings = load_kiosk_settings(dir / "kiosk.json").settings;
    c.signalled = [] { return false; };
    return c;
}

inline KioskTexts shipped_texts() {
    std::vector<std::string> problems;
    const std::filesystem::path dir = std::filesystem::path(BFR_SOURCE_DIR) / "assets" / "kiosk" / "lang";
    return load_kiosk_texts(dir, problems);
}

/// Steps a runtime as the window's loop does: one tick at a time, events between ticks.
class Driver {
public:
    explicit Driver(KioskRuntime& rt) : rt_{rt} {}
    void ticks(std::uint64_t n) {
        for (std::uint64_t i = 0; i < n && !rt_.exit_requested(); ++i) {
            rt_.step();
            ++tick_;
            on_tick();
        }
    }
    void seconds(double s) { ticks(static_cast<std::uint64_t>(s * core::kTickHz + 0.5)); }
    void send(const platform::InputEvent& e) { rt_.handle_event(e); }
    void key(platform::Key k, bool down, std::uint8_t mods = 0) {
        send(key_event(down ? platform::InputEvent::Kind::KeyDown : platform::InputEvent::Kind::KeyUp, k, mods));
    }
    /// One rep with Space: held `hold_s`, then released `rest_s`.
    void rep(double hold_s = 1.0, double rest_s = 1.0) {
        key(platform::Key::Space, true);
        seconds(hold_s);
        key(platform::Key::Space, false);
        seconds(rest_s);
    }
    /// Runs until `pred()` or `max_s` elapse; true when pred() held.
    template <typename Pred>
    bool until(Pred pred, double max_s) {
        const auto n = static_cast<std::uint64_t>(max_s * core::kTickHz);
        for (std::uint64_t i = 0; i < n; ++i) {
            if (pred()) return true;
            ticks(1);
        }
        return pred();
    }
    [[nodiscard]] std::uint64_t tick() const noexcept { return tick_; }
    [[nodiscard]] KioskRuntime& runtime() noexcept { return rt_; }

protected:
    virtual void on_tick() {}

private:
    KioskRuntime& rt_;
    std::uint64_t tick_ = 0;

public:
    virtual ~Driver() = default;
    Driver(const Driver&) = delete;
    Driver& operator=(const Driver&) = delete;
};

}  // namespace bfr::modes::kiosk::test
