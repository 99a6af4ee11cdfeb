// The therapist mode's key map: everything from the keyboard.

#include "game/modes/therapist/therapist_input.hpp"

#include <catch2/catch.hpp>

using namespace bfr;
using namespace bfr::modes::therapist;
using platform::InputEvent;
using platform::Key;

namespace {

std::vector<Act> press(Key key, std::uint8_t mods = platform::kModNone, bool repeat = false) {
    TherapistInput input;
    InputEvent e;
    e.kind = InputEvent::Kind::KeyDown;
    e.key = key;
    e.mods = mods;
    e.repeat = repeat;
    std::vector<Act> out;
    input.map(e, out);
    return out;
}

ActKind only(const std::vector<Act>& acts) {
    REQUIRE(acts.size() == 1);
    return acts.front().kind;
}

}  // namespace

TEST_CASE("keys: time controls", "[therapist][input]") {
    CHECK(only(press(Key::Space)) == ActKind::PlayPause);
    CHECK(press(Key::Space, platform::kModNone, true).empty());  // a held Space does not flicker play/pause
    CHECK(only(press(Key::Left)) == ActKind::StepBack);
    CHECK(only(press(Key::Right, platform::kModNone, true)) == ActKind::StepForward);  // held: keeps stepping
    const auto back = press(Key::Left, platform::kModShift);
    CHECK(only(back) == ActKind::Seek);
    CHECK(back.front().x == -5.f);
    CHECK(press(Key::PageDown).front().x == 30.f);
    CHECK(only(press(Key::Home)) == ActKind::ToStart);
    CHECK(only(press(Key::End)) == ActKind::ToEnd);
    const auto fast = press(Key::Num3);
    CHECK(only(fast) == ActKind::Speed);
    CHECK(fast.front().x == 20.f);
    CHECK(press(Key::Num2).front().x == 5.f);
    CHECK(press(Key::Num1).front().x == 1.f);
}

TEST_CASE("keys: the lab's controls and views", "[therapist][input]") {
    CHECK(only(press(Key::Up)) == ActKind::FocusPrevious);
    CHECK(only(press(Key::Down)) == ActKind::FocusNext);
    CHECK(only(press(Key::Minus)) == ActKind::Decrease);
    CHECK(only(press(Key::Equals, platform::kModNone, true)) == ActKind::Increase);
    CHECK(only(press(Key::Equals, platform::kModCtrl)) == ActKind::UiScaleUp);
    CHECK(only(press(Key::B)) == ActKind::CycleB);
    CHECK(only(press(Key::L)) == ActKind::ToggleLimb);
    CHECK(only(press(Key::R)) == ActKind::Restart);
    CHECK(only(press(Key::G)) == ActKind::NextPlots);
    CHECK(only(press(Key::W)) == ActKind::PlotWindow);
    CHECK(only(press(Key::N)) == ActKind::NextRep);
    CHECK(only(press(Key::P)) == ActKind::PreviousRep);
    CHECK(only(press(Key::X)) == ActKind::ToggleXray);
    CHECK(only(press(Key::S)) == ActKind::SwellingScale);
    CHECK(only(press(Key::C)) == ActKind::ResetCamera);
    CHECK(only(press(Key::H)) == ActKind::TogglePanels);
    CHECK(only(press(Key::F1)) == ActKind::ToggleHelp);
    CHECK(only(press(Key::Escape)) == ActKind::Back);
    CHECK(only(press(Key::Q, platform::kModCtrl)) == ActKind::Quit);
    CHECK(only(press(Key::Enter, platform::kModAlt)) == ActKind::Fullscreen);
    CHECK(press(Key::Q).empty());
}

TEST_CASE("mouse: right-drag orbits, the wheel zooms", "[therapist][input]") {
    TherapistInput input;
    std::vector<Act> out;
    InputEvent move;
    move.kind = InputEvent::Kind::MouseMove;
    move.dx = 10.f;
    input.map(move, out);
    CHECK(out.empty());
    InputEvent down;
    down.kind = InputEvent::Kind::MouseDown;
    down.mouse = platform::MouseButton::Right;
    input.map(down, out);
    input.map(move, out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].kind == ActKind::Orbit);
    InputEvent lost;
    lost.kind = InputEvent::Kind::FocusLost;
    input.map(lost, out);
    input.map(move, out);
    CHECK(out.size() == 1);
    InputEvent wheel;
    wheel.kind = InputEvent::Kind::MouseWheel;
    wheel.dy = 1.f;
    input.map(wheel, out);
    REQUIRE(out.size() == 2);
    CHECK(out[1].kind == ActKind::Zoom);
    CHECK(out[1].x < 1.f);
    InputEvent quit;
    quit.kind = InputEvent::Kind::QuitRequested;
    input.map(quit, out);
    CHECK(out.back().kind == ActKind::Quit);
}
