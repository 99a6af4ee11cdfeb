// The guided session's keys (game/frontend/input_map.hpp): Enter acknowledges (Alt+Enter stays
// fullscreen), 0-9 answer the discomfort question, E ends a set, M mutes; none repeats.
#include "game/frontend/input_map.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace bfr::frontend;
using bfr::platform::InputEvent;
using bfr::platform::Key;
using Kind = InputEvent::Kind;

namespace {

InputEvent key_down(Key k, std::uint8_t mods = 0, bool repeat = false) {
    InputEvent e;
    e.kind = Kind::KeyDown;
    e.key = k;
    e.mods = mods;
    e.repeat = repeat;
    return e;
}

std::vector<Action> map_one(InputMapper& m, const InputEvent& e) {
    std::vector<Action> out;
    m.map(e, out);
    return out;
}

}  // namespace

TEST_CASE("Enter acknowledges and Alt+Enter only toggles fullscreen", "[input][guided]") {
    InputMapper m;
    auto a = map_one(m, key_down(Key::Enter));
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == ActionKind::Acknowledge);
    a = map_one(m, key_down(Key::Enter, bfr::platform::kModShift));
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == ActionKind::Acknowledge);
    a = map_one(m, key_down(Key::Enter, bfr::platform::kModAlt));
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == ActionKind::ToggleFullscreen);
    a = map_one(m, key_down(Key::Enter, bfr::platform::kModAlt | bfr::platform::kModShift));
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == ActionKind::ToggleFullscreen);
    // Enter never touches the contract input.
    CHECK_FALSE(m.contract_held());
    InputEvent up;
    up.kind = Kind::KeyUp;
    up.key = Key::Enter;
    CHECK(map_one(m, up).empty());
}

TEST_CASE("the digit keys give Digit with the digit", "[input][guided]") {
    InputMapper m;
    const Key digits[] = {Key::Num0, Key::Num1, Key::Num2, Key::Num3, Key::Num4,
                          Key::Num5, Key::Num6, Key::Num7, Key::Num8, Key::Num9};
    for (int d = 0; d <= 9; ++d) {
        CAPTURE(d);
        const auto a = map_one(m, key_down(digits[d]));
        REQUIRE(a.size() == 1);
        CHECK(a[0].kind == ActionKind::Digit);
        CHECK(a[0].x == static_cast<float>(d));
        CHECK(a[0].y == 0.f);
    }
}

TEST_CASE("E ends the set and M toggles mute", "[input][guided]") {
    InputMapper m;
    auto a = map_one(m, key_down(Key::E));
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == ActionKind::EndSet);
    a = map_one(m, key_down(Key::M));
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == ActionKind::ToggleMute);
    // Neighbouring letters keep their own meaning.
    a = map_one(m, key_down(Key::D));
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == ActionKind::InjectDropout);
}

TEST_CASE("key repeat does not repeat acknowledge, digits, end set or mute", "[input][guided]") {
    InputMapper m;
    for (const Key k : {Key::Enter, Key::Num3, Key::Num0, Key::Num9, Key::E, Key::M}) {
        CAPTURE(static_cast<int>(k));
        CHECK(map_one(m, key_down(k, 0, true)).empty());
        CHECK(map_one(m, key_down(k, bfr::platform::kModAlt, true)).empty());
    }
    // A held E gives exactly one EndSet, however long it auto-repeats.
    std::vector<Action> out;
    m.map(key_down(Key::E), out);
    for (int i = 0; i < 20; ++i) m.map(key_down(Key::E, 0, true), out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].kind == ActionKind::EndSet);
}
