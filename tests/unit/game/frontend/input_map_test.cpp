#include "game/frontend/input_map.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace bfr::frontend;
using bfr::platform::InputEvent;
using bfr::platform::Key;
using Kind = InputEvent::Kind;

namespace {

InputEvent key(Kind kind, Key k, std::uint8_t mods = 0, bool repeat = false) {
    InputEvent e;
    e.kind = kind;
    e.key = k;
    e.mods = mods;
    e.repeat = repeat;
    return e;
}

InputEvent mouse(Kind kind, bfr::platform::MouseButton b = bfr::platform::MouseButton::Left) {
    InputEvent e;
    e.kind = kind;
    e.mouse = b;
    return e;
}

InputEvent pad(Kind kind, bfr::platform::GamepadButton b) {
    InputEvent e;
    e.kind = kind;
    e.button = b;
    return e;
}

std::vector<Action> feed(InputMapper& m, std::initializer_list<InputEvent> events) {
    std::vector<Action> out;
    for (const auto& e : events) m.map(e, out);
    return out;
}

}  // namespace

TEST_CASE("space held gives one contract down and one up and key repeat is ignored", "[input]") {
    InputMapper m;
    const auto a = feed(m, {key(Kind::KeyDown, Key::Space), key(Kind::KeyDown, Key::Space, 0, true),
                            key(Kind::KeyDown, Key::Space, 0, true), key(Kind::KeyUp, Key::Space)});
    REQUIRE(a.size() == 2);
    CHECK(a[0].kind == ActionKind::ContractDown);
    CHECK(a[1].kind == ActionKind::ContractUp);
    CHECK_FALSE(m.contract_held());
}

TEST_CASE("several contract inputs held together release only when all are up", "[input]") {
    InputMapper m;
    InputEvent touch;
    touch.kind = Kind::TouchDown;
    touch.finger = 3;
    InputEvent untouch;
    untouch.kind = Kind::TouchUp;
    untouch.finger = 3;
    auto a = feed(m, {key(Kind::KeyDown, Key::Space), mouse(Kind::MouseDown), touch,
                      pad(Kind::GamepadDown, bfr::platform::GamepadButton::A)});
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == ActionKind::ContractDown);
    a = feed(m, {key(Kind::KeyUp, Key::Space), mouse(Kind::MouseUp), untouch});
    CHECK(a.empty());
    CHECK(m.contract_held());
    a = feed(m, {pad(Kind::GamepadUp, bfr::platform::GamepadButton::A)});
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == ActionKind::ContractUp);
}

TEST_CASE("a stray release without a press does nothing", "[input]") {
    InputMapper m;
    InputEvent untouch;
    untouch.kind = Kind::TouchUp;
    CHECK(feed(m, {key(Kind::KeyUp, Key::Space), mouse(Kind::MouseUp), untouch}).empty());
    CHECK_FALSE(m.contract_held());
}

TEST_CASE("the contract key is remappable", "[input]") {
    InputMapConfig config;
    config.contract_key = Key::Enter;
    InputMapper m{config};
    CHECK(feed(m, {key(Kind::KeyDown, Key::Space)}).empty());
    const auto a = feed(m, {key(Kind::KeyDown, Key::Enter)});
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == ActionKind::ContractDown);
}

TEST_CASE("release_all lets go of a held contract (focus lost)", "[input]") {
    InputMapper m;
    (void)feed(m, {mouse(Kind::MouseDown)});
    std::vector<Action> out;
    m.release_all(out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].kind == ActionKind::ContractUp);
    out.clear();
    m.release_all(out);
    CHECK(out.empty());
}

TEST_CASE("fingers are tracked by id: a release of a finger the scene never saw does not end a hold", "[input]") {
    InputMapper m;
    InputEvent down;
    down.kind = Kind::TouchDown;
    down.finger = 7;
    InputEvent other_up;
    other_up.kind = Kind::TouchUp;
    other_up.finger = 9;  // went down on a panel, which kept it
    auto a = feed(m, {down, other_up});
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == ActionKind::ContractDown);
    CHECK(m.contract_held());
    InputEvent up = down;
    up.kind = Kind::TouchUp;
    a = feed(m, {up});
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == ActionKind::ContractUp);
}

TEST_CASE("unplugging the gamepad releases its held buttons", "[input]") {
    InputMapper m;
    (void)feed(m, {pad(Kind::GamepadDown, bfr::platform::GamepadButton::X)});
    CHECK(m.contract_held());
    InputEvent removed;
    removed.kind = Kind::GamepadRemoved;
    const auto a = feed(m, {removed});
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == ActionKind::ContractUp);
    // Its late button-up changes nothing; a new press holds again.
    CHECK(feed(m, {pad(Kind::GamepadUp, bfr::platform::GamepadButton::X)}).empty());
    CHECK(feed(m, {pad(Kind::GamepadDown, bfr::platform::GamepadButton::A)}).size() == 1);
}

TEST_CASE("losing focus releases a held contract", "[input]") {
    InputMapper m;
    (void)feed(m, {key(Kind::KeyDown, Key::Space)});
    InputEvent focus;
    focus.kind = Kind::FocusLost;
    const auto a = feed(m, {focus});
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == ActionKind::ContractUp);
    CHECK_FALSE(m.contract_held());
    // The key's release, arriving later, changes nothing.
    CHECK(feed(m, {key(Kind::KeyUp, Key::Space)}).empty());
}

TEST_CASE("window and view keys", "[input]") {
    InputMapper m;
    auto one = [&](InputEvent e) {
        const auto a = feed(m, {e});
        REQUIRE(a.size() == 1);
        return a[0];
    };
    CHECK(one(key(Kind::KeyDown, Key::F11)).kind == ActionKind::ToggleFullscreen);
    CHECK(one(key(Kind::KeyDown, Key::Enter, bfr::platform::kModAlt)).kind == ActionKind::ToggleFullscreen);
    CHECK(one(key(Kind::KeyDown, Key::Escape)).kind == ActionKind::Back);  // closes a screen, else quits
    CHECK(one(key(Kind::KeyDown, Key::Q, bfr::platform::kModCtrl)).kind == ActionKind::Quit);
    CHECK(one(key(Kind::KeyDown, Key::V)).kind == ActionKind::ToggleVsync);
    CHECK(one(key(Kind::KeyDown, Key::T)).kind == ActionKind::ToggleAutoTempo);
    CHECK(one(key(Kind::KeyDown, Key::X)).kind == ActionKind::ToggleXray);
    CHECK(feed(m, {key(Kind::KeyDown, Key::X, 0, true)}).empty());  // holding X does not flicker the view
    CHECK(one(key(Kind::KeyDown, Key::Equals, bfr::platform::kModCtrl)).kind == ActionKind::UiScaleUp);
    const auto zoom = one(key(Kind::KeyDown, Key::Equals));
    CHECK(zoom.kind == ActionKind::Zoom);
    CHECK(zoom.x < 1.f);
    const auto left = one(key(Kind::KeyDown, Key::Left, 0, true));  // arrows repeat
    CHECK(left.kind == ActionKind::Orbit);
    CHECK(left.x < 0.f);
    CHECK(feed(m, {key(Kind::KeyDown, Key::F11, 0, true)}).empty());  // toggles do not repeat
    CHECK(feed(m, {key(Kind::KeyDown, Key::Q)}).empty());             // plain Q does not quit
    InputEvent quit;
    quit.kind = Kind::QuitRequested;
    CHECK(one(quit).kind == ActionKind::Quit);
}

TEST_CASE("right-drag orbits, wheel zooms, left-drag does not orbit", "[input]") {
    InputMapper m;
    InputEvent move;
    move.kind = Kind::MouseMove;
    move.dx = 10.f;
    move.dy = -4.f;
    CHECK(feed(m, {move}).empty());
    (void)feed(m, {mouse(Kind::MouseDown, bfr::platform::MouseButton::Right)});
    const auto a = feed(m, {move});
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == ActionKind::Orbit);
    CHECK(a[0].x == Approx(-3.f));
    CHECK(a[0].y == Approx(-1.2f));
    (void)feed(m, {mouse(Kind::MouseUp, bfr::platform::MouseButton::Right)});
    CHECK(feed(m, {move}).empty());
    InputEvent wheel;
    wheel.kind = Kind::MouseWheel;
    wheel.dy = 2.f;
    const auto z = feed(m, {wheel});
    REQUIRE(z.size() == 1);
    CHECK(z[0].x == Approx(0.81f));
}

TEST_CASE("the right stick orbits at a rate, with a dead zone", "[input]") {
    InputMapper m;
    InputEvent axis;
    axis.kind = Kind::GamepadAxis;
    axis.axis = 2;
    axis.x = 0.1f;
    (void)feed(m, {axis});
    std::vector<Action> out;
    m.update(0.5f, out);
    CHECK(out.empty());
    axis.x = 1.f;
    (void)feed(m, {axis});
    m.update(0.5f, out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].x == Approx(-45.f));
}

TEST_CASE("the contract key can be changed while running, but not to a key that does something else", "[input]") {
    InputMapper m;
    std::vector<Action> out;
    // Space held when the key changes: the hold ends (no stuck contraction).
    m.map(key(Kind::KeyDown, Key::Space), out);
    REQUIRE(m.contract_held());
    out.clear();
    REQUIRE(m.set_contract_key(Key::F, out));
    REQUIRE(out.size() == 1);
    CHECK(out[0].kind == ActionKind::ContractUp);
    CHECK_FALSE(m.contract_held());
    CHECK(m.config().contract_key == Key::F);
    auto a = feed(m, {key(Kind::KeyDown, Key::F)});
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == ActionKind::ContractDown);
    CHECK(feed(m, {key(Kind::KeyDown, Key::Space)}).empty());  // Space is free again
    // Keys with a job of their own are refused, with the job named.
    for (Key k : {Key::E, Key::M, Key::Enter, Key::Escape, Key::Num3, Key::Tab, Key::T, Key::Left, Key::Unknown}) {
        CAPTURE(bfr::platform::key_name(k));
        out.clear();
        CHECK_FALSE(m.set_contract_key(k, out));
        CHECK(InputMapper::reserved_for(k) != nullptr);
        CHECK(m.config().contract_key == Key::F);
    }
    CHECK(InputMapper::reserved_for(Key::Space) == nullptr);
    CHECK(InputMapper::reserved_for(Key::B) == nullptr);
    CHECK(std::string(InputMapper::reserved_for(Key::E)) == "ending the set");
}
