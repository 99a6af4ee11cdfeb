// The kiosk's input (game/modes/kiosk/kiosk_input): every device to the big input, the visitor's
// other buttons, nothing that leaves the kiosk; the admin's chord only when held correctly, never
// by mashing.

#include "game/modes/kiosk/kiosk_input.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

using namespace bfr::modes::kiosk;
using bfr::platform::GamepadButton;
using bfr::platform::InputEvent;
using bfr::platform::Key;
using bfr::platform::MouseButton;
using Kind = InputEvent::Kind;

namespace {

constexpr std::uint8_t kCAS = bfr::platform::kModCtrl | bfr::platform::kModAlt | bfr::platform::kModShift;
constexpr std::int64_t kMs = 1'000'000;

InputEvent key(Kind kind, Key k, std::uint8_t mods = 0, bool repeat = false) {
    InputEvent e;
    e.kind = kind;
    e.key = k;
    e.mods = mods;
    e.repeat = repeat;
    return e;
}
InputEvent down(Key k, std::uint8_t mods = 0) {
    return key(Kind::KeyDown, k, mods);
}
InputEvent up(Key k, std::uint8_t mods = 0) {
    return key(Kind::KeyUp, k, mods);
}
InputEvent mouse(Kind kind, MouseButton b = MouseButton::Left) {
    InputEvent e;
    e.kind = kind;
    e.mouse = b;
    return e;
}
InputEvent pad(Kind kind, GamepadButton b) {
    InputEvent e;
    e.kind = kind;
    e.button = b;
    return e;
}
InputEvent touch(Kind kind, std::int64_t finger) {
    InputEvent e;
    e.kind = kind;
    e.finger = finger;
    return e;
}
InputEvent of(Kind kind) {
    InputEvent e;
    e.kind = kind;
    return e;
}

std::vector<KioskActionKind> feed(KioskInputMapper& m, std::initializer_list<InputEvent> events) {
    std::vector<KioskAction> out;
    for (const auto& e : events) m.map(e, out);
    std::vector<KioskActionKind> kinds;
    for (const auto& a : out) kinds.push_back(a.kind);
    return kinds;
}

using K = KioskActionKind;

/// The admin typing the chord: Ctrl, Alt, Shift down, then the keys `step_ms` apart; returns the
/// time of the last key.
std::int64_t type_chord(AdminExitChord& c, std::int64_t t, std::initializer_list<Key> keys, std::int64_t step_ms = 300) {
    c.on_event(down(Key::Unknown, bfr::platform::kModCtrl), t);
    c.on_event(down(Key::Unknown, bfr::platform::kModCtrl | bfr::platform::kModAlt), t + 50 * kMs);
    c.on_event(down(Key::Unknown, kCAS), t + 100 * kMs);
    t += 100 * kMs;
    for (const Key k : keys) {
        t += step_ms * kMs;
        c.on_event(down(k, kCAS), t);
        CHECK_FALSE(c.update(t));
        c.on_event(up(k, kCAS), t + 80 * kMs);
    }
    return t;
}

/// A small deterministic generator (xorshift64*).
struct Rng {
    std::uint64_t s;
    std::uint64_t next() {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        return s * 2685821657736338717ULL;
    }
    std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(next() % n); }
};

}  // namespace

TEST_CASE("kiosk input: space, any mouse button, any finger and the gamepad are one big input", "[kiosk][input]") {
    KioskInputMapper m;
    CHECK(feed(m, {down(Key::Space), key(Kind::KeyDown, Key::Space, 0, true), up(Key::Space)}) ==
          std::vector<K>{K::ContractDown, K::ContractUp});
    CHECK(feed(m, {mouse(Kind::MouseDown, MouseButton::Right), mouse(Kind::MouseUp, MouseButton::Right)}) ==
          std::vector<K>{K::ContractDown, K::ContractUp});
    CHECK(feed(m, {touch(Kind::TouchDown, 7), touch(Kind::TouchUp, 7)}) == std::vector<K>{K::ContractDown, K::ContractUp});
    for (const GamepadButton b : {GamepadButton::A, GamepadButton::B, GamepadButton::X, GamepadButton::Y,
                                  GamepadButton::Start, GamepadButton::LeftShoulder, GamepadButton::DpadUp,
                                  GamepadButton::Guide}) {
        CHECK(feed(m, {pad(Kind::GamepadDown, b), pad(Kind::GamepadUp, b)}) ==
              std::vector<K>{K::ContractDown, K::ContractUp});
    }
    CHECK_FALSE(m.contract_held());
}

TEST_CASE("kiosk input: several held at once are one contraction, released when all are up", "[kiosk][input]") {
    KioskInputMapper m;
    CHECK(feed(m, {down(Key::Space), mouse(Kind::MouseDown), touch(Kind::TouchDown, 1), touch(Kind::TouchDown, 2),
                   pad(Kind::GamepadDown, GamepadButton::A)}) == std::vector<K>{K::ContractDown});
    CHECK(feed(m, {up(Key::Space), mouse(Kind::MouseUp), touch(Kind::TouchUp, 1), pad(Kind::GamepadUp, GamepadButton::A)})
              .empty());
    CHECK(m.contract_held());
    CHECK(feed(m, {touch(Kind::TouchUp, 2)}) == std::vector<K>{K::ContractUp});
}

TEST_CASE("kiosk input: focus lost and an unplugged gamepad release the contraction", "[kiosk][input]") {
    KioskInputMapper m;
    (void)feed(m, {down(Key::Space), touch(Kind::TouchDown, 4)});
    CHECK(feed(m, {of(Kind::FocusLost)}) == std::vector<K>{K::ContractUp});
    CHECK_FALSE(m.contract_held());
    CHECK(feed(m, {touch(Kind::TouchUp, 4), up(Key::Space)}).empty());  // already released
    (void)feed(m, {pad(Kind::GamepadDown, GamepadButton::X)});
    CHECK(feed(m, {of(Kind::GamepadRemoved)}) == std::vector<K>{K::ContractUp});
}

TEST_CASE("kiosk input: a flood of fingers that never lift keeps a bounded list", "[kiosk][input]") {
    KioskInputMapper m;
    std::vector<KioskAction> out;
    for (std::int64_t f = 0; f < 10'000; ++f) m.map(touch(Kind::TouchDown, f), out);
    CHECK(out.size() == 1);
    CHECK(m.contract_held());
    // A finger the mapper forgot lifting does nothing; the kept ones release it.
    m.map(touch(Kind::TouchUp, 9'999), out);
    for (std::int64_t f = 0; f < static_cast<std::int64_t>(kMaxFingers); ++f) m.map(touch(Kind::TouchUp, f), out);
    CHECK_FALSE(m.contract_held());
    CHECK(out.back().kind == K::ContractUp);
}

TEST_CASE("kiosk input: language, text size, presses, and nothing that leaves", "[kiosk][input]") {
    KioskInputMapper m;
    CHECK(feed(m, {down(Key::L)}) == std::vector<K>{K::NextLanguage});
    CHECK(feed(m, {pad(Kind::GamepadDown, GamepadButton::Back), pad(Kind::GamepadUp, GamepadButton::Back)}) ==
          std::vector<K>{K::NextLanguage});
    CHECK(feed(m, {down(Key::Equals)}) == std::vector<K>{K::TextSize});
    // Escape, F11, Alt+Enter's Enter alone, Q: presses, never a way out.
    CHECK(feed(m, {down(Key::Escape), down(Key::F11), down(Key::Enter), down(Key::Q), down(Key::Unknown)}) ==
          std::vector<K>{K::Press, K::Press, K::Press, K::Press, K::Press});
    // With Ctrl or Alt: the admin's, not a visitor's (Ctrl+Q does not quit either).
    CHECK(feed(m, {down(Key::Q, bfr::platform::kModCtrl), down(Key::F4, bfr::platform::kModAlt),
                   down(Key::L, kCAS)})
              .empty());
    CHECK(feed(m, {key(Kind::KeyDown, Key::A, 0, true)}).empty());  // auto-repeat
    CHECK(feed(m, {of(Kind::MouseMove), of(Kind::MouseWheel), of(Kind::WindowResized), of(Kind::GamepadAxis)}).empty());
    // The window's close button: reported, the runtime ignores it unless a signal came.
    CHECK(feed(m, {of(Kind::QuitRequested)}) == std::vector<K>{K::QuitRequested});
}

TEST_CASE("admin chord: Ctrl+Alt+Shift, E X I T, then held for 2 s exits", "[kiosk][input][admin]") {
    AdminExitChord c;
    const std::int64_t t = type_chord(c, 1'000 * kMs, {Key::E, Key::X, Key::I, Key::T});
    CHECK(c.progress() == 4);
    CHECK_FALSE(c.update(t + 1'900 * kMs));
    // Auto-repeat of the last key while holding is fine.
    c.on_event(key(Kind::KeyDown, Key::T, kCAS, true), t + 1'950 * kMs);
    CHECK(c.update(t + 2'000 * kMs));
    CHECK(c.triggered());
    CHECK(describe_admin_exit(c.config()) ==
          "hold Ctrl+Alt+Shift, type E X I T, then keep holding Ctrl+Alt+Shift for 2 s");
}

TEST_CASE("admin chord: letting a modifier go, another key or a touch starts it over", "[kiosk][input][admin]") {
    const std::int64_t t0 = 5'000 * kMs;
    SECTION("a modifier let go while holding") {
        AdminExitChord c;
        const std::int64_t t = type_chord(c, t0, {Key::E, Key::X, Key::I, Key::T});
        c.on_event(up(Key::Unknown, bfr::platform::kModCtrl | bfr::platform::kModShift), t + 500 * kMs);  // Alt up
        CHECK(c.progress() == 0);
        CHECK_FALSE(c.update(t + 5'000 * kMs));
    }
    SECTION("another key while holding") {
        AdminExitChord c;
        const std::int64_t t = type_chord(c, t0, {Key::E, Key::X, Key::I, Key::T});
        c.on_event(down(Key::A, kCAS), t + 1'000 * kMs);
        CHECK_FALSE(c.update(t + 5'000 * kMs));
    }
    SECTION("a touch, a click, a gamepad button while holding") {
        for (const Kind k : {Kind::TouchDown, Kind::MouseDown, Kind::GamepadDown, Kind::FocusLost}) {
            AdminExitChord c;
            const std::int64_t t = type_chord(c, t0, {Key::E, Key::X, Key::I, Key::T});
            c.on_event(of(k), t + 500 * kMs);
            CHECK_FALSE(c.update(t + 5'000 * kMs));
        }
    }
    SECTION("out of order") {
        AdminExitChord c;
        const std::int64_t t = type_chord(c, t0, {Key::E, Key::I, Key::X, Key::T});
        CHECK_FALSE(c.update(t + 5'000 * kMs));
    }
    SECTION("a key in between") {
        AdminExitChord c;
        const std::int64_t t = type_chord(c, t0, {Key::E, Key::X, Key::Q, Key::I, Key::T});
        CHECK_FALSE(c.update(t + 5'000 * kMs));
    }
    SECTION("too slow between keys") {
        AdminExitChord c;
        const std::int64_t t = type_chord(c, t0, {Key::E, Key::X, Key::I, Key::T}, 3'500);
        CHECK_FALSE(c.update(t + 5'000 * kMs));
    }
    SECTION("without Shift") {
        AdminExitChord c;
        std::int64_t t = t0;
        for (const Key k : {Key::E, Key::X, Key::I, Key::T}) {
            t += 300 * kMs;
            c.on_event(down(k, bfr::platform::kModCtrl | bfr::platform::kModAlt), t);
        }
        CHECK(c.progress() == 0);
        CHECK_FALSE(c.update(t + 5'000 * kMs));
    }
    SECTION("a restart after a slip still works") {
        AdminExitChord c;
        std::int64_t t = type_chord(c, t0, {Key::E, Key::X, Key::E});  // slipped: E again starts over at 1
        CHECK(c.progress() == 1);
        for (const Key k : {Key::X, Key::I, Key::T}) {
            t += 300 * kMs;
            c.on_event(down(k, kCAS), t);
        }
        CHECK(c.update(t + 2'000 * kMs));
    }
}

TEST_CASE("admin chord: a custom sequence from the settings", "[kiosk][input][admin]") {
    CHECK(admin_sequence_from_text("bfr9") == std::vector<Key>{Key::B, Key::F, Key::R, Key::Num9});
    CHECK(admin_sequence_from_text("a").empty());
    CHECK(admin_sequence_from_text("EX IT").empty());
    CHECK(admin_sequence_from_text("ÉXIT").empty());
    CHECK(admin_sequence_from_text(std::string(17, 'A')).empty());
    AdminExitConfig cfg;
    cfg.sequence = admin_sequence_from_text("Q7Z");
    cfg.hold_s = 3.0;
    AdminExitChord c{cfg};
    const std::int64_t t = type_chord(c, 0, {Key::Q, Key::Num7, Key::Z});
    CHECK_FALSE(c.update(t + 2'900 * kMs));
    CHECK(c.update(t + 3'000 * kMs));
    // Nonsense settings fall back to the defaults.
    AdminExitConfig bad;
    bad.sequence.clear();
    bad.hold_s = -1.0;
    bad.step_timeout_s = std::numeric_limits<double>::quiet_NaN();
    AdminExitChord d{bad};
    CHECK(d.config().sequence.size() == 4);
    CHECK(d.config().hold_s == 2.0);
    CHECK(d.config().step_timeout_s == 3.0);
}

TEST_CASE("admin chord: 100k random key events from mashing never exit", "[kiosk][input][admin]") {
    // Every kind of mashing: random keys (letters of the sequence much more often than chance),
    // random modifiers (all three held a quarter of the time), repeats, releases, touches and
    // pauses of up to 4 s, fed through the visitor mapping too.
    Rng rng{0x5EED0F4D1CEULL};
    AdminExitChord c;
    KioskInputMapper m;
    std::vector<KioskAction> out;
    std::int64_t t = 0;
    std::size_t max_progress = 0;
    std::uint64_t quits = 0;
    for (int i = 0; i < 100'000; ++i) {
        InputEvent e;
        const std::uint32_t kind = rng.below(20);
        if (kind < 16) {
            e.kind = rng.below(3) == 0 ? Kind::KeyUp : Kind::KeyDown;
            const std::uint32_t pick = rng.below(10);
            if (pick < 4) {
                constexpr Key kSeq[] = {Key::E, Key::X, Key::I, Key::T};
                e.key = kSeq[rng.below(4)];
            } else if (pick == 4) {
                e.key = Key::Unknown;
            } else {
                e.key = static_cast<Key>(1 + rng.below(static_cast<std::uint32_t>(Key::Count) - 1));
            }
            e.mods = rng.below(4) == 0 ? kCAS : static_cast<std::uint8_t>(rng.below(8));
            e.repeat = rng.below(8) == 0;
        } else if (kind == 16) {
            e.kind = rng.below(2) == 0 ? Kind::TouchDown : Kind::TouchUp;
            e.finger = rng.below(5);
        } else if (kind == 17) {
            e.kind = rng.below(2) == 0 ? Kind::GamepadDown : Kind::GamepadUp;
            e.button = static_cast<GamepadButton>(rng.below(static_cast<std::uint32_t>(GamepadButton::Count)));
        } else if (kind == 18) {
            e.kind = rng.below(2) == 0 ? Kind::MouseDown : Kind::MouseUp;
        } else {
            e.kind = Kind::QuitRequested;  // Alt+F4, the close button: mashed too
        }
        // Mostly quick (10-200 ms); now and then a pause of up to 4 s.
        t += (rng.below(50) == 0 ? static_cast<std::int64_t>(rng.below(4'000)) : 10 + rng.below(190)) * kMs;
        REQUIRE_FALSE(c.update(t - 1));  // the ticks until this event came (the runtime checks every tick)
        c.on_event(e, t);
        out.clear();
        m.map(e, out);
        for (const auto& a : out) quits += a.kind == K::QuitRequested ? 1u : 0u;
        max_progress = std::max(max_progress, c.progress());
        REQUIRE_FALSE(c.update(t));
    }
    CHECK_FALSE(c.update(t + 10'000 * kMs));
    CHECK(quits > 0);            // the close requests were reported, for the runtime to ignore
    CHECK(max_progress >= 1);    // the masher got somewhere now and then, but never through
}

TEST_CASE("admin chord: holding Ctrl+Alt+Shift and mashing letters never exits", "[kiosk][input][admin]") {
    // The worst case: a visitor found the three modifiers and mashes letters with them held (a
    // random sequence hits E X I T in order now and then); without stopping for 2 s right after it
    // (the next mashed key ends the hold), that is no way out.
    Rng rng{42};
    AdminExitChord c;
    std::int64_t t = 0;
    int completed = 0;
    for (int i = 0; i < 100'000; ++i) {
        t += (20 + rng.below(300)) * kMs;  // 20 to 320 ms apart: mashing, never a 2 s pause
        REQUIRE_FALSE(c.update(t - 1));
        c.on_event(down(static_cast<Key>(static_cast<std::uint32_t>(Key::A) + rng.below(26)), kCAS), t);
        if (c.progress() == 4) ++completed;
        REQUIRE_FALSE(c.update(t));
    }
    INFO("sequences completed by chance (then broken by the next key): " << completed);
    CHECK_FALSE(c.triggered());
}
