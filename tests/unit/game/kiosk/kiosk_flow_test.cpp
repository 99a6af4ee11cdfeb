// The kiosk's mode state machine (game/modes/kiosk/kiosk_flow): attract → play → still there →
// play / attract, the round's goal and its end, the result, the reset of everything a visitor did.

#include "game/modes/kiosk/kiosk_flow.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

using namespace bfr::modes::kiosk;

namespace {

constexpr std::int64_t kTickNs = 16'666'667;

/// A flow with round numbers for the tests, and a recorder of its effects.
struct Rig {
    KioskTimings t = [] {
        KioskTimings k;
        k.idle_warning_s = 20.0;
        k.countdown_s = 10.0;
        k.result_s = 10.0;
        k.result_guard_s = 1.5;
        k.round_max_s = 90.0;
        k.round_reps = 5;
        k.caption_s = 8.0;
        k.attract_cycle_s = 64.0;
        return k;
    }();
    KioskFlow flow{t, 8};
    std::vector<Effect> all;

    std::vector<Effect> down() { return record([&](auto& out) { flow.contract_down(out); }); }
    std::vector<Effect> up() { return record([&](auto& out) { flow.contract_up(out); }); }
    std::vector<Effect> press() { return record([&](auto& out) { flow.press(out); }); }
    std::vector<Effect> activity() { return record([&](auto& out) { flow.activity(out); }); }
    /// Runs `seconds` of ticks with no rep.
    std::vector<Effect> wait(double seconds, Observation obs = {}) {
        std::vector<Effect> out;
        const auto n = static_cast<long>(seconds * 60.0 + 0.5);
        for (long i = 0; i < n; ++i) flow.tick(kTickNs, obs, out);
        all.insert(all.end(), out.begin(), out.end());
        return out;
    }
    std::vector<Effect> rep(float fill = 0.1f, float swell = 1.f) {
        std::vector<Effect> out;
        Observation obs;
        obs.reps = 1;
        obs.fill_01 = fill;
        obs.swelling_pct = swell;
        flow.tick(kTickNs, obs, out);
        all.insert(all.end(), out.begin(), out.end());
        return out;
    }
    template <typename F>
    std::vector<Effect> record(F f) {
        std::vector<Effect> out;
        f(out);
        all.insert(all.end(), out.begin(), out.end());
        return out;
    }
};

bool has(const std::vector<Effect>& v, Effect e) {
    return std::find(v.begin(), v.end(), e) != v.end();
}

}  // namespace

TEST_CASE("kiosk flow starts in attract and a press starts a round that contracts", "[kiosk][flow]") {
    Rig r;
    CHECK(r.flow.state() == KioskState::Attract);
    const auto e = r.down();
    REQUIRE(e.size() == 3);
    CHECK(e[0] == Effect::StartRound);  // the new session first: the contraction goes to it
    CHECK(e[1] == Effect::SoundStart);
    CHECK(e[2] == Effect::ContractDown);
    CHECK(r.flow.state() == KioskState::Play);
    CHECK(r.flow.round().goal == 5);
    CHECK(r.flow.counters().rounds_started == 1);
    const auto u = r.up();
    REQUIRE(u.size() == 1);
    CHECK(u[0] == Effect::ContractUp);
}

TEST_CASE("kiosk flow: another press starts a round without contracting, a release in attract does nothing",
          "[kiosk][flow]") {
    Rig r;
    CHECK(r.up().empty());
    const auto e = r.press();
    CHECK(has(e, Effect::StartRound));
    CHECK_FALSE(has(e, Effect::ContractDown));
    CHECK(r.flow.state() == KioskState::Play);
}

TEST_CASE("kiosk flow: language and text size never start a round", "[kiosk][flow]") {
    Rig r;
    CHECK(r.activity().empty());
    CHECK(r.flow.state() == KioskState::Attract);
}

TEST_CASE("kiosk flow: attract restarts its simulation every cycle and shows captions in order", "[kiosk][flow]") {
    Rig r;
    CHECK(r.flow.caption_index() == 0);
    (void)r.wait(8.5);
    CHECK(r.flow.caption_index() == 1);
    (void)r.wait(50.0);
    CHECK(r.flow.caption_index() == 7);
    const auto e = r.wait(6.0);  // past 64 s
    CHECK(std::count(e.begin(), e.end(), Effect::NewAttractCycle) == 1);
    CHECK_FALSE(has(e, Effect::ResetVisitor));  // nobody to forget
    CHECK(r.flow.caption_index() == 0);
    CHECK(r.flow.counters().attract_cycles == 1);
    (void)r.wait(64.0 * 10);
    CHECK(r.flow.counters().attract_cycles == 11);
    CHECK(r.flow.state() == KioskState::Attract);
}

TEST_CASE("kiosk flow: the round ends with the goal, shows the result, then goes back to attract", "[kiosk][flow]") {
    Rig r;
    (void)r.down();
    for (int i = 0; i < 4; ++i) {
        (void)r.wait(1.0);
        CHECK(r.rep(0.05f * static_cast<float>(i + 1), 0.5f * static_cast<float>(i + 1)) ==
              std::vector<Effect>{Effect::SoundRep});
    }
    CHECK(r.flow.round().reps == 4);
    const auto e = r.rep(0.3f, 2.5f);
    CHECK(e == std::vector<Effect>{Effect::SoundRep, Effect::EndRound, Effect::SoundRoundDone});
    CHECK(r.flow.state() == KioskState::Result);
    CHECK(r.flow.round().completed);
    CHECK(r.flow.round().reps == 5);
    CHECK(r.flow.round().fill_peak_01 == Approx(0.3f));
    CHECK(r.flow.round().swelling_peak_pct == Approx(2.5f));
    CHECK(r.flow.round().elapsed_s == Approx(4.0 + 5.0 / 60.0).margin(0.05));
    CHECK(r.flow.counters().rounds_completed == 1);

    // The result stays result_s, then attract, and the visitor is forgotten.
    CHECK(r.wait(9.9).empty());
    const auto back = r.wait(0.2);
    CHECK(back == std::vector<Effect>{Effect::ResetVisitor, Effect::NewAttractCycle});
    CHECK(r.flow.state() == KioskState::Attract);
    CHECK(r.flow.round().reps == 0);
    CHECK(r.flow.round().goal == 0);
    CHECK(r.flow.round().fill_peak_01 == 0.f);
    CHECK(r.flow.attract_elapsed_s() < 0.2);
}

TEST_CASE("kiosk flow: a press on the result plays again, but not within the guard", "[kiosk][flow]") {
    Rig r;
    (void)r.press();
    for (int i = 0; i < 5; ++i) (void)r.rep();
    REQUIRE(r.flow.state() == KioskState::Result);
    CHECK_FALSE(r.flow.can_play_again());
    CHECK(r.press().empty());  // the last rep's button, still bouncing
    CHECK(r.down().empty());
    (void)r.up();
    CHECK(r.flow.state() == KioskState::Result);
    (void)r.wait(1.6);
    CHECK(r.flow.can_play_again());
    const auto e = r.down();
    CHECK(e == std::vector<Effect>{Effect::StartRound, Effect::SoundStart, Effect::ContractDown});
    CHECK(r.flow.state() == KioskState::Play);
    CHECK(r.flow.round().reps == 0);
    CHECK_FALSE(has(r.all, Effect::ResetVisitor));  // the same visitor: their language stays
}

TEST_CASE("kiosk flow: idle in play asks 'still there?', any input goes back to play", "[kiosk][flow]") {
    Rig r;
    (void)r.down();
    (void)r.up();
    (void)r.rep();
    CHECK(r.wait(19.9).empty());
    CHECK(r.flow.idle_s() == Approx(19.9 + 1.0 / 60.0).margin(0.02));
    const auto e = r.wait(0.2);
    CHECK(r.flow.state() == KioskState::StillThere);
    CHECK(std::count(e.begin(), e.end(), Effect::SoundCountdown) == 1);  // "10"
    CHECK(r.flow.countdown_remaining_s() == Approx(10.0 - 0.1).margin(0.1));
    CHECK(r.flow.counters().still_there == 1);

    SECTION("a press") {
        (void)r.wait(4.0);
        const auto p = r.press();
        CHECK(p.empty());  // nothing to do for the simulation: the round goes on
        CHECK(r.flow.state() == KioskState::Play);
        CHECK(r.flow.idle_s() == 0.0);
        CHECK(r.flow.counters().resumed == 1);
        CHECK(r.flow.round().reps == 1);  // the round is kept
    }
    SECTION("the big input") {
        const auto p = r.down();
        CHECK(p == std::vector<Effect>{Effect::ContractDown});
        CHECK(r.flow.state() == KioskState::Play);
    }
    SECTION("the language button") {
        (void)r.activity();
        CHECK(r.flow.state() == KioskState::Play);
    }
}

TEST_CASE("kiosk flow: the countdown's end goes back to attract and forgets the round", "[kiosk][flow]") {
    Rig r;
    (void)r.press();
    (void)r.rep(0.2f, 3.f);
    (void)r.rep(0.25f, 3.5f);
    const auto e = r.wait(20.0 + 10.0 + 0.1);
    CHECK(std::count(e.begin(), e.end(), Effect::SoundCountdown) == 10);  // 10, 9, ..., 1
    CHECK(r.flow.state() == KioskState::Attract);
    REQUIRE(e.size() >= 2);
    CHECK(e[e.size() - 2] == Effect::ResetVisitor);
    CHECK(e.back() == Effect::NewAttractCycle);
    CHECK_FALSE(has(e, Effect::EndRound));  // nobody there: no result
    CHECK(r.flow.round().reps == 0);
    CHECK(r.flow.round().swelling_peak_pct == 0.f);
    CHECK(r.flow.counters().abandoned == 1);
    CHECK(r.flow.caption_index() == 0);
}

TEST_CASE("kiosk flow: a held contraction is not idle, but the round still ends in time", "[kiosk][flow]") {
    Rig r;
    (void)r.down();  // held and never released (a visitor leaning on it, a stuck button)
    (void)r.wait(60.0);
    CHECK(r.flow.state() == KioskState::Play);
    CHECK(r.flow.idle_s() == 0.0);
    const auto e = r.wait(30.1);
    CHECK(has(e, Effect::EndRound));
    CHECK(r.flow.state() == KioskState::Result);
    CHECK_FALSE(r.flow.round().completed);
    CHECK(r.flow.counters().rounds_timed_out == 1);
    (void)r.wait(10.1);
    CHECK(r.flow.state() == KioskState::Attract);
    // Still held: the attract loop does not start a round by itself.
    (void)r.wait(200.0);
    CHECK(r.flow.state() == KioskState::Attract);
    CHECK(r.flow.counters().rounds_started == 1);
    (void)r.up();
    (void)r.down();
    CHECK(r.flow.state() == KioskState::Play);
}

TEST_CASE("kiosk flow: reps while asking 'still there?' still count and can finish the round", "[kiosk][flow]") {
    Rig r;
    (void)r.press();
    for (int i = 0; i < 4; ++i) (void)r.rep();
    (void)r.wait(20.1);
    REQUIRE(r.flow.state() == KioskState::StillThere);
    const auto e = r.rep();
    CHECK(has(e, Effect::EndRound));
    CHECK(r.flow.state() == KioskState::Result);
}

TEST_CASE("kiosk flow: attract → play → still there → attract, many times, keeps nothing", "[kiosk][flow]") {
    Rig r;
    for (int visit = 0; visit < 200; ++visit) {
        (void)r.down();
        (void)r.rep();
        (void)r.up();
        (void)r.wait(31.0);
        REQUIRE(r.flow.state() == KioskState::Attract);
        REQUIRE(r.flow.round().reps == 0);
    }
    CHECK(r.flow.counters().rounds_started == 200);
    CHECK(r.flow.counters().abandoned == 200);
}

TEST_CASE("kiosk timings are brought into their sane ranges", "[kiosk][flow]") {
    KioskTimings t;
    t.idle_warning_s = 0.0;
    t.countdown_s = 1e9;
    t.result_s = std::numeric_limits<double>::quiet_NaN();
    t.result_guard_s = 50.0;
    t.round_reps = 0;
    t.caption_s = -3.0;
    t.attract_cycle_s = std::numeric_limits<double>::infinity();
    const KioskTimings s = sanitized(t);
    CHECK(s.idle_warning_s == 5.0);
    CHECK(s.countdown_s == 120.0);
    CHECK(s.result_s == KioskTimings{}.result_s);
    CHECK(s.result_guard_s == s.result_s);
    CHECK(s.round_reps == 1);
    CHECK(s.caption_s == 2.0);
    CHECK(s.attract_cycle_s == KioskTimings{}.attract_cycle_s);
    KioskFlow f{t, 0};
    CHECK(f.caption_count() == 1);
    CHECK(f.timings().idle_warning_s == 5.0);
}

TEST_CASE("kiosk flow ignores time that does not move forward", "[kiosk][flow]") {
    KioskFlow f;
    std::vector<Effect> out;
    f.tick(0, {}, out);
    f.tick(-5, {}, out);
    CHECK(f.time_ns() == 0);
    CHECK(out.empty());
    CHECK(std::string(state_name(KioskState::StillThere)) == "still_there");
    CHECK(std::string(effect_name(Effect::ResetVisitor)) == "reset_visitor");
}

TEST_CASE("kiosk flow: a visitor who only chose a language in attract is forgotten after T1 + T2", "[kiosk][flow]") {
    Rig r;
    (void)r.wait(3.0);
    CHECK(r.activity().empty());  // the language button
    (void)r.wait(20.0);
    CHECK(r.activity().empty());  // again, 20 s later: still there
    CHECK(r.wait(29.9).empty());
    CHECK(r.wait(0.2) == std::vector<Effect>{Effect::ResetVisitor});
    CHECK(r.flow.state() == KioskState::Attract);
    CHECK(r.wait(100.0) == std::vector<Effect>{Effect::NewAttractCycle, Effect::NewAttractCycle});  // once only
}
