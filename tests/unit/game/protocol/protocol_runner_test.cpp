#include "game/protocol/protocol_runner.hpp"

#include "engine/core/time.hpp"
#include "game/protocol/protocol.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

using bfr::protocol::CueDirection;
using bfr::protocol::CuffInRest;
using bfr::protocol::Limb;
using bfr::protocol::Protocol;
using bfr::protocol::ProtocolRunner;
using bfr::protocol::RunnerEvent;
using bfr::protocol::RunnerEventKind;
using bfr::protocol::SetResult;
using bfr::protocol::SetSpec;
using bfr::protocol::Stage;
using bfr::protocol::standard_protocol;
using bfr::protocol::TempoCue;
using Kind = bfr::protocol::RunnerEventKind;

namespace {

std::int64_t ns(double s) {
    return static_cast<std::int64_t>(std::llround(s * 1e9));
}

RunnerEvent ev(Kind kind, double t_s, std::uint32_t set) {
    return RunnerEvent{kind, ns(t_s), set};
}

/// A patient who does every set's reps at 2 s per rep from the set's start (to-failure sets:
/// `failure_reps`), fed to the runner with 60 Hz updates; records the events and when they came out.
struct Session {
    ProtocolRunner runner;
    std::vector<RunnerEvent> events;
    std::vector<std::int64_t> seen_at;  ///< The update (or call) time each event came out at.
    std::uint32_t failure_reps = 0;
    std::int64_t rep_period = ns(2.0);
    std::int64_t next_rep = -1;
    std::uint32_t reps_left = 0;

    explicit Session(Protocol p, Limb limb = Limb::Arm) : runner(std::move(p), limb) {}

    void collect(std::int64_t t) {
        for (const RunnerEvent& e : runner.take_events()) {
            events.push_back(e);
            seen_at.push_back(t);
            if (e.kind == Kind::SetStarted) {
                const SetSpec& spec = runner.protocol().sets[e.set_number - 1];
                reps_left = spec.to_failure ? failure_reps : spec.reps;
                next_rep = e.t_ns + rep_period;
            }
        }
    }
    void start(std::int64_t t) {
        runner.start(t);
        collect(t);
    }
    /// Runs every tick whose end is in (from, to]: the patient's reps due by the tick's end, then update().
    void run(std::int64_t from, std::int64_t to) {
        for (auto k = bfr::core::tick_at_ns(from + 1); bfr::core::tick_end_ns(k) <= to; ++k) {
            const std::int64_t end = bfr::core::tick_end_ns(k);
            while (reps_left > 0 && next_rep <= end) {
                const std::int64_t t = next_rep;
                --reps_left;
                next_rep += rep_period;
                runner.on_rep(t);
                collect(t);
            }
            runner.update(end);
            collect(end);
        }
    }
};

}  // namespace

TEST_CASE("a full 30-15-15-15 at 2 s per rep: 75 reps, 4 sets, 30 s rests, exact times") {
    const double t0 = 5.003;  // not on a tick: the runner's times are the events' own
    Session s(standard_protocol());
    CHECK(s.runner.stage() == Stage::Ready);
    CHECK(s.runner.set_number() == 0);
    CHECK(s.runner.next_target_reps() == 30);
    s.start(ns(t0));
    CHECK(s.runner.stage() == Stage::Set);
    CHECK(s.runner.set_number() == 1);
    CHECK(s.runner.target_reps() == 30);

    s.run(ns(t0), ns(t0 + 40.0));
    CHECK(s.runner.reps_in_set() == 19);  // reps at 7.003 ... 43.003 (ticks up to 45 s)
    CHECK(s.runner.stage_elapsed_s(ns(t0 + 40.0)) == Approx(40.0));

    s.run(ns(t0 + 40.0), ns(t0 + 75.0));  // in the first rest
    CHECK(s.runner.stage() == Stage::Rest);
    CHECK(s.runner.set_number() == 1);
    CHECK(s.runner.reps_in_set() == 30);
    CHECK(s.runner.target_reps() == 30);
    CHECK(s.runner.next_target_reps() == 15);
    CHECK(s.runner.rest_remaining_s(ns(t0 + 75.0)) == Approx(15.0));  // the rest began at t0 + 60
    CHECK(s.runner.stage_elapsed_s(ns(t0 + 75.0)) == Approx(15.0));
    CHECK(s.runner.target_pct_lop(ns(t0 + 75.0)) == 50.0);  // cuff kept on
    CHECK(s.runner.tempo_cue(ns(t0 + 75.0)).direction == CueDirection::None);

    s.run(ns(t0 + 75.0), ns(t0 + 400.0));
    const std::vector<RunnerEvent> expected{
        ev(Kind::SetStarted, t0, 1),
        ev(Kind::SetCompleted, t0 + 60, 1),
        ev(Kind::RestStarted, t0 + 60, 1),
        ev(Kind::RestEnded, t0 + 90, 1),
        ev(Kind::SetStarted, t0 + 90, 2),
        ev(Kind::SetCompleted, t0 + 120, 2),
        ev(Kind::RestStarted, t0 + 120, 2),
        ev(Kind::RestEnded, t0 + 150, 2),
        ev(Kind::SetStarted, t0 + 150, 3),
        ev(Kind::SetCompleted, t0 + 180, 3),
        ev(Kind::RestStarted, t0 + 180, 3),
        ev(Kind::RestEnded, t0 + 210, 3),
        ev(Kind::SetStarted, t0 + 210, 4),
        ev(Kind::SetCompleted, t0 + 240, 4),
        ev(Kind::SessionCompleted, t0 + 240, 4),
    };
    CHECK(s.events == expected);
    // Each event came out at the first update (or rep) at or after its time.
    for (std::size_t i = 0; i < s.events.size(); ++i) {
        CHECK(s.seen_at[i] >= s.events[i].t_ns);
        CHECK(s.seen_at[i] - s.events[i].t_ns < ns(1.0 / 60.0));
    }
    CHECK(s.runner.stage() == Stage::Done);
    CHECK_FALSE(s.runner.stopped());
    CHECK(s.runner.total_reps() == 75);
    CHECK(s.runner.warmup_reps() == 0);
    CHECK(s.runner.extra_reps() == 0);
    CHECK(s.runner.set_number() == 4);
    CHECK(s.runner.target_pct_lop(ns(t0 + 400.0)) == 0.0);

    const std::vector<SetResult>& sets = s.runner.sets();
    REQUIRE(sets.size() == 4);
    const double starts[] = {0, 90, 150, 210};
    const std::uint32_t reps[] = {30, 15, 15, 15};
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(sets[i].start_ns == ns(t0 + starts[i]));
        CHECK(sets[i].end_ns == ns(t0 + starts[i] + 2.0 * reps[i]));
        CHECK(sets[i].reps == reps[i]);
        CHECK(sets[i].target_reps == reps[i]);
        CHECK_FALSE(sets[i].to_failure);
        CHECK_FALSE(sets[i].ended_early);
    }
}

TEST_CASE("a to-failure set ends failure_pause_s after its last rep, at that rep") {
    Protocol p = standard_protocol();
    p.sets = {{4, false}, {0, true}, {0, true}};
    Session s(p);
    s.failure_reps = 22;
    s.start(0);
    s.run(0, ns(8.0));  // set 1: reps at 2, 4, 6, 8
    CHECK(s.runner.stage() == Stage::Rest);
    s.run(ns(8.0), ns(38.0));  // set 2 starts at 38 s: reps at 40 ... 82
    CHECK(s.runner.stage() == Stage::Set);
    CHECK(s.runner.target_reps() == 0);
    s.run(ns(38.0), ns(87.9));  // 5.9 s after the last rep: still in the set
    CHECK(s.runner.stage() == Stage::Set);
    CHECK(s.runner.reps_in_set() == 22);
    CHECK(s.runner.tempo_cue(ns(87.9)).direction != CueDirection::None);
    s.run(ns(87.9), ns(88.0));  // 6 s: over, at 82 s; the rest counts from there
    CHECK(s.runner.stage() == Stage::Rest);
    CHECK(s.runner.rest_remaining_s(ns(88.0)) == Approx(24.0));
    REQUIRE(s.runner.sets().size() == 2);
    CHECK(s.runner.sets()[1].end_ns == ns(82.0));
    CHECK(s.runner.sets()[1].reps == 22);
    CHECK(s.runner.sets()[1].to_failure);
    CHECK_FALSE(s.runner.sets()[1].ended_early);
    const std::vector<RunnerEvent> tail(s.events.end() - 3, s.events.end());
    CHECK(tail == std::vector<RunnerEvent>{ev(Kind::SetStarted, 38, 2), ev(Kind::SetCompleted, 82, 2),
                                           ev(Kind::RestStarted, 82, 2)});

    // The last set to failure ends the session.
    s.failure_reps = 9;
    s.run(ns(88.0), ns(200.0));  // set 3 at 112 s: reps 114 ... 130, over at 136 s
    CHECK(s.runner.stage() == Stage::Done);
    CHECK(s.events.back() == ev(Kind::SessionCompleted, 130, 3));
    CHECK(s.runner.total_reps() == 4 + 22 + 9);
}

TEST_CASE("a to-failure set without a rep waits, with a minimum it ends early below it") {
    Protocol p = standard_protocol();
    p.sets = {{10, true}};
    ProtocolRunner r(p);
    r.start(0);
    r.update(ns(3600.0));
    CHECK(r.stage() == Stage::Set);  // no rep yet: failure needs at least one
    r.on_rep(ns(3601.0));
    r.on_rep(ns(3603.0));
    r.update(ns(3609.0));
    CHECK(r.stage() == Stage::Done);
    REQUIRE(r.sets().size() == 1);
    CHECK(r.sets()[0].reps == 2);
    CHECK(r.sets()[0].target_reps == 10);
    CHECK(r.sets()[0].ended_early);
}

TEST_CASE("a rep in a rest starts the next set early and counts in it") {
    ProtocolRunner r(standard_protocol());
    r.start(0);
    for (int i = 1; i <= 30; ++i) r.on_rep(ns(2.0 * i));
    CHECK(r.stage() == Stage::Rest);
    (void)r.take_events();
    r.update(ns(70.0));
    r.on_rep(ns(75.0));
    CHECK(r.take_events() == std::vector<RunnerEvent>{ev(Kind::RestCutShort, 75, 1), ev(Kind::RestEnded, 75, 1),
                                                      ev(Kind::SetStarted, 75, 2)});
    CHECK(r.stage() == Stage::Set);
    CHECK(r.set_number() == 2);
    CHECK(r.reps_in_set() == 1);
    CHECK(r.total_reps() == 31);
    CHECK(r.stage_elapsed_s(ns(76.0)) == Approx(1.0));
}

TEST_CASE("a rep right after a set completes is its overshoot, not the next set") {
    ProtocolRunner r(standard_protocol());
    r.start(0);
    for (int i = 1; i <= 30; ++i) r.on_rep(ns(2.0 * i));
    (void)r.take_events();
    r.on_rep(ns(62.0));  // the patient carried on at tempo
    r.on_rep(ns(64.5));  // within 1.5 periods (3 s) of the previous one
    CHECK(r.stage() == Stage::Rest);
    CHECK(r.take_events().empty());
    REQUIRE(r.sets().size() == 1);
    CHECK(r.sets()[0].reps == 32);
    CHECK(r.sets()[0].end_ns == ns(64.5));
    CHECK(r.reps_in_set() == 32);
    CHECK(r.total_reps() == 32);
    CHECK(r.rest_remaining_s(ns(65.0)) == Approx(25.0));  // the rest still counts from 60 s
    r.on_rep(ns(68.0));                                   // 3.5 s later: the next set, early
    CHECK(r.stage() == Stage::Set);
    CHECK(r.reps_in_set() == 1);
    CHECK(r.take_events().front() == ev(Kind::RestCutShort, 68, 1));
}

TEST_CASE("skip_rest, end_set and reps outside the sets") {
    ProtocolRunner r(standard_protocol());
    r.on_rep(ns(1.0));
    r.on_rep(ns(2.0));
    r.end_set(ns(2.5));
    r.skip_rest(ns(2.5));
    CHECK(r.stage() == Stage::Ready);
    CHECK(r.warmup_reps() == 2);
    CHECK(r.total_reps() == 0);
    CHECK(r.take_events().empty());

    r.start(ns(10.0));
    for (int i = 1; i <= 30; ++i) r.on_rep(ns(10.0 + 2.0 * i));
    r.end_set(ns(75.0));  // in a rest: nothing to end
    (void)r.take_events();
    r.skip_rest(ns(80.0));
    CHECK(r.take_events() == std::vector<RunnerEvent>{ev(Kind::RestCutShort, 80, 1), ev(Kind::RestEnded, 80, 1),
                                                      ev(Kind::SetStarted, 80, 2)});
    for (int i = 1; i <= 8; ++i) r.on_rep(ns(80.0 + 2.0 * i));
    r.end_set(ns(97.0));  // gave up at 8 of 15
    CHECK(r.take_events() == std::vector<RunnerEvent>{ev(Kind::SetCompleted, 97, 2), ev(Kind::RestStarted, 97, 2)});
    REQUIRE(r.sets().size() == 2);
    CHECK(r.sets()[1].reps == 8);
    CHECK(r.sets()[1].ended_early);
    CHECK(r.rest_remaining_s(ns(100.0)) == Approx(27.0));

    // A late rep within the overshoot window (1.5 x 2 s of the last rep at 96 s) still joins the
    // set the patient ended (the counter committed it late).
    r.on_rep(ns(98.5));
    CHECK(r.stage() == Stage::Rest);
    CHECK(r.sets()[1].reps == 9);
    CHECK(r.sets()[1].ended_early);

    r.skip_rest(ns(110.0));
    for (int i = 1; i <= 15; ++i) r.on_rep(ns(110.0 + 2.0 * i));
    r.update(ns(170.0));
    for (int i = 1; i <= 15; ++i) r.on_rep(ns(170.0 + 2.0 * i));
    CHECK(r.stage() == Stage::Done);
    r.on_rep(ns(250.0));  // long after: an extra
    r.on_rep(ns(251.0));
    CHECK(r.extra_reps() == 2);
    CHECK(r.total_reps() == 30 + 9 + 15 + 15);
}

TEST_CASE("end_set of a to-failure set is its normal end") {
    Protocol p = standard_protocol();
    p.sets = {{0, true}, {5, false}};
    ProtocolRunner r(p);
    r.start(0);
    r.on_rep(ns(2.0));
    r.on_rep(ns(4.0));
    r.end_set(ns(5.0));
    REQUIRE(r.sets().size() == 1);
    CHECK_FALSE(r.sets()[0].ended_early);
    CHECK(r.sets()[0].end_ns == ns(5.0));
    CHECK(r.stage() == Stage::Rest);
}

TEST_CASE("stop ends the session from every stage") {
    SECTION("in a set: the set ends early") {
        ProtocolRunner r(standard_protocol());
        r.start(0);
        for (int i = 1; i <= 30; ++i) r.on_rep(ns(2.0 * i));
        r.update(ns(90.0));
        for (int i = 1; i <= 5; ++i) r.on_rep(ns(90.0 + 2.0 * i));
        (void)r.take_events();
        r.stop(ns(101.0));
        CHECK(r.take_events() ==
              std::vector<RunnerEvent>{ev(Kind::SetCompleted, 101, 2), ev(Kind::SessionCompleted, 101, 2)});
        CHECK(r.stage() == Stage::Done);
        CHECK(r.stopped());
        REQUIRE(r.sets().size() == 2);
        CHECK(r.sets()[1].reps == 5);
        CHECK(r.sets()[1].ended_early);
        CHECK(r.target_pct_lop(ns(101.0)) == 0.0);
        r.on_rep(ns(102.0));  // not overshoot: the set was stopped
        CHECK(r.extra_reps() == 1);
        CHECK(r.total_reps() == 35);
        r.stop(ns(103.0));
        CHECK(r.take_events().empty());
    }
    SECTION("in a rest") {
        ProtocolRunner r(standard_protocol());
        r.start(0);
        for (int i = 1; i <= 30; ++i) r.on_rep(ns(2.0 * i));
        (void)r.take_events();
        r.stop(ns(70.0));
        CHECK(r.take_events() ==
              std::vector<RunnerEvent>{ev(Kind::RestEnded, 70, 1), ev(Kind::SessionCompleted, 70, 1)});
        CHECK(r.sets().size() == 1);
        CHECK(r.stopped());
    }
    SECTION("before the start") {
        ProtocolRunner r(standard_protocol());
        r.stop(ns(3.0));
        CHECK(r.take_events() == std::vector<RunnerEvent>{ev(Kind::SessionCompleted, 3, 0)});
        CHECK(r.stage() == Stage::Done);
        r.start(ns(4.0));
        CHECK(r.stage() == Stage::Done);
        CHECK(r.take_events().empty());
    }
}

TEST_CASE("the target is 0 in rests with the cuff released and after the session") {
    Protocol p = standard_protocol();
    p.cuff_in_rest = CuffInRest::Release;
    p.sets = {{2, false}, {2, false}};
    for (const Limb limb : {Limb::Arm, Limb::Leg}) {
        const double target = limb == Limb::Arm ? 50.0 : 60.0;
        ProtocolRunner r(p, limb);
        CHECK(r.target_pct_lop(0) == target);  // Ready: inflating
        r.start(0);
        CHECK(r.target_pct_lop(ns(1.0)) == target);
        r.on_rep(ns(2.0));
        r.on_rep(ns(4.0));
        CHECK(r.stage() == Stage::Rest);
        CHECK(r.target_pct_lop(ns(4.0)) == 0.0);
        CHECK(r.target_pct_lop(ns(33.9)) == 0.0);
        CHECK(r.target_pct_lop(ns(34.0)) == target);  // the rest is over at 34 s, even before update()
        r.update(ns(34.0));
        CHECK(r.stage() == Stage::Set);
        r.on_rep(ns(36.0));
        r.on_rep(ns(38.0));
        CHECK(r.stage() == Stage::Done);
        CHECK(r.target_pct_lop(ns(38.0)) == 0.0);
    }
}

TEST_CASE("the tempo cue: up, down, hold, ticks at each new phase, a steady metronome") {
    Protocol p = standard_protocol();
    p.tempo = {1.0, 1.0, 0.5};  // 2.5 s per rep
    ProtocolRunner r(p);
    CHECK(r.tempo_cue(0).direction == CueDirection::None);
    r.start(0);

    const auto cue = [&](double t) {
        r.update(ns(t));
        return r.tempo_cue(ns(t));
    };
    TempoCue c = cue(0.5);
    CHECK(c.direction == CueDirection::Up);
    CHECK(c.progress_01 == Approx(0.5));
    CHECK(c.tick);  // the set (and its first Up) began since the last update
    c = cue(0.6);
    CHECK_FALSE(c.tick);
    c = cue(1.5);
    CHECK(c.direction == CueDirection::Down);
    CHECK(c.progress_01 == Approx(0.5));
    CHECK(c.tick);
    c = cue(2.25);
    CHECK(c.direction == CueDirection::Hold);
    CHECK(c.progress_01 == Approx(0.5));
    CHECK(c.tick);
    c = cue(2.6);
    CHECK(c.direction == CueDirection::Up);
    CHECK(c.progress_01 == Approx(0.1));
    CHECK(c.tick);

    // 60 Hz updates over the next 5 s: one tick per phase start (at 3.5, 4.5, 5.0, 6.0, 7.0, 7.5 s).
    std::vector<double> ticks;
    for (auto k = bfr::core::tick_at_ns(ns(2.6) + 1); bfr::core::tick_end_ns(k) <= ns(7.6); ++k) {
        const std::int64_t t = bfr::core::tick_end_ns(k);
        r.update(t);
        if (r.tempo_cue(t).tick) ticks.push_back(static_cast<double>(t) / 1e9);
    }
    REQUIRE(ticks.size() == 6);
    const double phase_starts[] = {3.5, 4.5, 5.0, 6.0, 7.0, 7.5};
    for (std::size_t i = 0; i < 6; ++i) {
        CHECK(ticks[i] >= phase_starts[i]);
        CHECK(ticks[i] < phase_starts[i] + 1.0 / 60.0 + 1e-9);
    }

    // Counted reps do not move the metronome: Up 7.5-8.5, Down 8.5-9.5, Hold 9.5-10, Up 10-11.
    r.on_rep(ns(8.2));
    c = cue(8.3);
    CHECK(c.direction == CueDirection::Up);
    CHECK(c.progress_01 == Approx(0.8));
    CHECK_FALSE(c.tick);
    r.on_rep(ns(9.0));
    c = cue(9.6);
    CHECK(c.direction == CueDirection::Hold);
    CHECK(c.progress_01 == Approx(0.2));
    c = cue(10.2);
    CHECK(c.direction == CueDirection::Up);
    CHECK(c.progress_01 == Approx(0.2));
    CHECK(c.tick);
}

TEST_CASE("the tempo cue is None outside sets and follows a set started by an early rep") {
    Protocol p = standard_protocol();
    p.sets = {{1, false}, {3, false}};
    ProtocolRunner r(p);
    r.start(0);
    r.on_rep(ns(2.0));
    r.update(ns(2.0));
    CHECK(r.stage() == Stage::Rest);
    CHECK(r.tempo_cue(ns(2.0)).direction == CueDirection::None);
    CHECK_FALSE(r.tempo_cue(ns(2.0)).tick);
    r.on_rep(ns(10.0));  // early: set 2 starts with this rep, which ends its first Down
    r.update(ns(10.0));
    const TempoCue c = r.tempo_cue(ns(10.0));
    CHECK(c.direction == CueDirection::Up);  // no pause: straight to the next Up
    CHECK(c.tick);
}

TEST_CASE("times never go back, no rest when rest_s is 0, a protocol without sets") {
    Protocol p = standard_protocol();
    p.rest_s = 0.0;
    p.sets = {{1, false}, {1, false}};
    ProtocolRunner r(p);
    r.start(ns(10.0));
    r.on_rep(ns(5.0));  // earlier than the start: taken as 10 s
    CHECK(r.take_events() == std::vector<RunnerEvent>{ev(Kind::SetStarted, 10, 1), ev(Kind::SetCompleted, 10, 1),
                                                      ev(Kind::SetStarted, 10, 2)});
    CHECK(r.stage() == Stage::Set);
    CHECK(r.set_number() == 2);

    Protocol empty = standard_protocol();
    empty.sets.clear();
    ProtocolRunner e(empty);
    e.start(ns(1.0));
    CHECK(e.stage() == Stage::Done);
    CHECK(e.take_events() == std::vector<RunnerEvent>{ev(Kind::SessionCompleted, 1, 0)});
    CHECK(e.target_reps() == 0);
    CHECK(e.reps_in_set() == 0);
}
