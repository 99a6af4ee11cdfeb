// The kiosk over the real simulation (game/modes/kiosk/kiosk_runtime): the attract loop exercises
// by itself, a visitor's round with the big input, the cuff, the result, "still there?", the
// language, the admin's chord and the window's close button.

#include "kiosk_test_support.hpp"

#include "game/session/session.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using namespace bfr::modes::kiosk;
using namespace bfr::modes::kiosk::test;
using bfr::platform::GamepadButton;
using bfr::platform::Key;
using Kind = bfr::platform::InputEvent::Kind;

namespace {

constexpr std::uint8_t kCAS = bfr::platform::kModCtrl | bfr::platform::kModAlt | bfr::platform::kModShift;

/// Counts the reps the session's virtual patient completed, tick by tick.
class RepCounter final : public Driver {
public:
    using Driver::Driver;
    std::uint64_t reps = 0;

protected:
    void on_tick() override { reps += runtime().session().last_tick_reps().size(); }
};

KioskView view_of(const KioskRuntime& rt) {
    KioskView v;
    rt.make_view(v);
    return v;
}

}  // namespace

TEST_CASE("kiosk runtime: the attract loop exercises by itself and starts afresh every cycle", "[kiosk][runtime]") {
    KioskRuntime rt{shipped_config(), shipped_texts()};
    RepCounter d{rt};
    CHECK(rt.flow().state() == KioskState::Attract);
    const auto first = rt.session_generation();
    d.seconds(40.0);
    CHECK(d.reps == 16);  // the attract set: 16 reps from 6 s at 2 s each, then the cuff comes off
    CHECK(rt.session().physiology().out.metabolite > 0.05);
    CHECK(rt.flow().caption_index() == 5);  // "Cuff off: ..." (from 40 s)
    KioskView v = view_of(rt);
    CHECK(v.title == "Blood flow restriction training");
    CHECK(v.prompt == "Press the big button to try it");
    REQUIRE_FALSE(v.caption_lines.empty());
    CHECK(v.caption_lines[0].rfind("Cuff off:", 0) == 0);
    for (const auto& l : v.caption_lines) CHECK(l.size() <= kCaptionLineChars);
    d.seconds(24.1);
    CHECK(rt.session_generation() == first + 1);
    CHECK(rt.session().time_s() < 0.2);  // a fresh simulation
    CHECK(rt.flow().caption_index() == 0);
}

TEST_CASE("kiosk runtime: a visitor's round with the big input, its result, then attract", "[kiosk][runtime]") {
    KioskRuntime rt{shipped_config(), shipped_texts()};
    RepCounter d{rt};
    d.seconds(30.0);  // the attract loop mid-set
    const auto attract_generation = rt.session_generation();
    d.key(Key::Space, true);
    CHECK(rt.flow().state() == KioskState::Play);
    CHECK(rt.session_generation() == attract_generation + 1);  // a fresh simulation for the round
    CHECK(rt.session().time_s() == 0.0);
    KioskView v = view_of(rt);
    CHECK(v.title == "Squeeze 12 times and watch the muscle fill up");
    CHECK(v.prompt == "Let go: relax");  // held
    CHECK(v.status == "The cuff is filling with air\xe2\x80\xa6");
    CHECK(v.sound_caption == "[tone] Let's go!");
    std::vector<Effect> sounds;
    rt.take_sounds(sounds);
    CHECK(sounds == std::vector<Effect>{Effect::SoundStart});
    d.seconds(1.0);
    d.key(Key::Space, false);
    d.seconds(4.0);
    CHECK(rt.cuff_ready());
    CHECK(view_of(rt).status == "Cuff on: blood drains out more slowly");
    CHECK(view_of(rt).prompt == "Hold the button: squeeze");
    sounds.clear();
    for (int i = 0; i < 11 && rt.flow().state() == KioskState::Play; ++i) {
        d.rep();
        rt.take_sounds(sounds);  // as the window does every frame
    }
    REQUIRE(rt.flow().state() == KioskState::Result);
    CHECK(rt.flow().round().reps == 12);
    CHECK(rt.flow().round().completed);
    CHECK(rt.flow().round().fill_peak_01 > 0.15f);
    CHECK(rt.flow().round().swelling_peak_pct > 1.0f);
    CHECK(std::count(sounds.begin(), sounds.end(), Effect::SoundRep) == 12);  // the first rep's too
    CHECK(sounds.back() == Effect::SoundRoundDone);
    v = view_of(rt);
    CHECK(v.title == "Well done!");
    REQUIRE(v.result_lines.size() == 4);
    CHECK(v.result_lines[0].rfind("You squeezed 12 times in ", 0) == 0);
    CHECK(v.result_lines[3] == "Now the cuff is off: fresh blood washes the waste out.");
    // The cuff comes off: the washout.
    d.seconds(4.0);
    CHECK(rt.session().physiology().inputs.cuff_mmHg < 20.0);
    CHECK(view_of(rt).prompt == "Press to play again");
    d.seconds(6.5);
    CHECK(rt.flow().state() == KioskState::Attract);
    CHECK(rt.flow().round().reps == 0);
}

TEST_CASE("kiosk runtime: touch and the gamepad play too", "[kiosk][runtime]") {
    KioskRuntime rt{shipped_config(), shipped_texts()};
    Driver d{rt};
    d.send(touch_event(Kind::TouchDown, 11));
    CHECK(rt.flow().state() == KioskState::Play);
    CHECK(rt.flow().contract_held());
    d.send(touch_event(Kind::TouchUp, 11));
    CHECK_FALSE(rt.flow().contract_held());
    d.send(pad_event(Kind::GamepadDown, GamepadButton::A));
    CHECK(rt.flow().contract_held());
    d.send(pad_event(Kind::GamepadUp, GamepadButton::A));
    CHECK(rt.flow().state() == KioskState::Play);
}

TEST_CASE("kiosk runtime: 'still there?', then back to attract with the visitor forgotten", "[kiosk][runtime]") {
    KioskRuntime rt{shipped_config(), shipped_texts()};
    Driver d{rt};
    d.key(Key::Space, true);
    d.key(Key::Space, false);
    d.key(Key::L, true);  // the visitor switches to German
    d.key(Key::L, false);
    d.key(Key::Equals, true);  // and larger text
    CHECK(rt.texts().current().code == "de");
    CHECK(rt.text_scale() == Approx(1.25f));
    d.rep();
    d.rep();
    KioskView v = view_of(rt);
    CHECK(v.title == "Spanne 12-mal an und sieh zu, wie sich der Muskel f\xc3\xbcllt");
    CHECK(v.swelling_text.find(',') != std::string::npos);  // "+0,4 %"
    REQUIRE(d.until([&] { return rt.flow().state() == KioskState::StillThere; }, 25.0));
    v = view_of(rt);
    CHECK(v.title == "Bist du noch da?");
    CHECK(v.countdown_s == 10);
    CHECK(v.countdown_text == "Neustart in 10 s");
    CHECK(v.still_button == "Ich bin noch da");

    SECTION("the panel's button brings the round back") {
        KioskRequests r;
        r.still_here = true;
        rt.apply(r);
        CHECK(rt.flow().state() == KioskState::Play);
        CHECK(rt.texts().current().code == "de");
    }
    SECTION("the countdown runs out") {
        const auto generation = rt.session_generation();
        d.seconds(10.1);
        CHECK(rt.flow().state() == KioskState::Attract);
        CHECK(rt.session_generation() == generation + 1);
        CHECK(rt.texts().current().code == "en");  // the next visitor starts in the default language
        CHECK(rt.text_scale() == 1.f);
        CHECK(rt.flow().counters().abandoned == 1);
    }
}

TEST_CASE("kiosk runtime: --lang picks the language new visitors get", "[kiosk][runtime]") {
    KioskRuntime rt{shipped_config(), shipped_texts()};
    CHECK(rt.select_language("es_ES.UTF-8"));
    CHECK_FALSE(rt.select_language("tlh"));
    CHECK(rt.texts().current().code == "es");
    KioskView v = view_of(rt);
    CHECK(v.language_name == "Espa\xc3\xb1ol");
    CHECK(v.prompt == "Pulsa el bot\xc3\xb3n grande para probarlo");
    KioskRequests r;
    r.next_language = true;
    rt.apply(r);
    CHECK(rt.texts().current().code != "es");
    // A round and its timeout: back to Spanish.
    Driver d{rt};
    d.key(Key::Space, true);
    d.key(Key::Space, false);
    d.seconds(31.0);
    CHECK(rt.flow().state() == KioskState::Attract);
    CHECK(rt.texts().current().code == "es");
}

TEST_CASE("kiosk runtime: the window's close button and Escape never end it, a signal does", "[kiosk][runtime]") {
    KioskRuntime rt{shipped_config(), shipped_texts()};
    Driver d{rt};
    d.send(kind_event(Kind::QuitRequested));
    d.key(Key::Escape, true);
    d.key(Key::Q, true, bfr::platform::kModCtrl);
    d.key(Key::F4, true, bfr::platform::kModAlt);
    d.seconds(1.0);
    CHECK_FALSE(rt.exit_requested());

    static bool signalled = false;
    KioskRuntimeConfig cfg = shipped_config();
    cfg.signalled = [] { return signalled; };
    KioskRuntime rt2{cfg, shipped_texts()};
    Driver d2{rt2};
    d2.seconds(0.5);
    CHECK_FALSE(rt2.exit_requested());
    signalled = true;
    d2.send(kind_event(Kind::QuitRequested));
    CHECK(rt2.exit_reason() == ExitReason::Signal);
    signalled = false;
}

TEST_CASE("kiosk runtime: the admin's chord ends it, in simulation time", "[kiosk][runtime]") {
    KioskRuntime rt{shipped_config(), shipped_texts()};
    Driver d{rt};
    d.seconds(3.0);
    d.key(Key::Unknown, true, kCAS);
    for (const Key k : {Key::E, Key::X, Key::I, Key::T}) {
        d.key(k, true, kCAS);
        d.seconds(0.2);
        d.key(k, false, kCAS);
    }
    CHECK_FALSE(rt.exit_requested());
    CHECK(rt.admin_chord().progress() == 4);
    CHECK(rt.flow().state() == KioskState::Attract);  // the admin's keys are no visitor's press
    d.seconds(1.5);
    CHECK_FALSE(rt.exit_requested());
    d.seconds(0.5);
    CHECK(rt.exit_reason() == ExitReason::AdminChord);
}

TEST_CASE("kiosk runtime: sounds not taken are bounded", "[kiosk][runtime]") {
    KioskRuntime rt{shipped_config(), shipped_texts()};
    Driver d{rt};
    for (int i = 0; i < 40; ++i) d.rep();  // rounds, results, plays again: many sounds
    std::vector<Effect> sounds;
    rt.take_sounds(sounds);
    CHECK(sounds.size() == kMaxPendingSounds);
    sounds.clear();
    rt.take_sounds(sounds);
    CHECK(sounds.empty());
}

TEST_CASE("kiosk runtime: the feed factory is asked for every session, by purpose", "[kiosk][runtime]") {
    static std::vector<FeedPurpose> asked;
    asked.clear();
    KioskRuntimeConfig cfg = shipped_config();
    cfg.feed_factory = [](FeedPurpose p) -> std::unique_ptr<bfr::session::SampleFeed> {
        asked.push_back(p);
        return nullptr;  // nothing else to offer: the simulated cuff and patient
    };
    KioskRuntime rt{cfg, shipped_texts()};
    Driver d{rt};
    d.key(Key::Space, true);
    d.key(Key::Space, false);
    d.seconds(31.0);  // abandoned: back to attract
    CHECK(asked == std::vector<FeedPurpose>{FeedPurpose::Attract, FeedPurpose::Play, FeedPurpose::Attract});
    CHECK(rt.session().physiology().inputs.cuff_mmHg >= 0.0);
}
