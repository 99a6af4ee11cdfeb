// The whole guided session headless, the way a patient at home does it (README "A guided session
// at home"): the simulated cuff waits for the session's target, the patient presses start,
// follows the tempo cue (contract on Up, relax otherwise) and answers the discomfort question in
// each rest, until the protocol is done.
#include "game/frontend/feeds.hpp"
#include "game/session/guidance.hpp"
#include "game/session/session.hpp"
#include "game/session/user_event_feed.hpp"
#include "game/telemetry/format_v1.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

using namespace bfr;
using session::CommandKind;

namespace {

sim::SimConfig home_sim() {
    sim::SimConfig c;
    c.measure_lop = false;
    c.auto_tempo = false;
    c.wait_for_target = true;
    c.seed = 1;
    return c;
}

session::SessionConfig guided_arm() {
    session::SessionConfig c;
    c.limb = session::LimbKind::Arm;
    c.protocol = protocol::standard_protocol();
    c.protocol_starts_by_itself = false;
    return c;
}

struct GuidedRun {
    int discomfort_answers = 0;
    int contractions = 0;
    double done_at_s = -1.0;
};

/// Runs the session as the patient would until the protocol is done (at most 600 s).
GuidedRun follow_the_coach(session::Session& s) {
    GuidedRun run;
    REQUIRE(s.push({CommandKind::StartSession}));
    bool held = false;
    std::uint32_t answered_after_set = 0;
    const core::Tick limit = core::ticks_from_seconds(600.0);
    const auto& ps = s.world().ctx().get<session::ProtocolState>();
    REQUIRE(ps.runner);
    const protocol::ProtocolRunner& r = *ps.runner;
    while (s.tick() < limit) {
        s.step();
        if (r.stage() == protocol::Stage::Done) {
            run.done_at_s = s.time_s();
            break;
        }
        const bool up = r.tempo_cue(core::tick_end_ns(s.tick())).direction == protocol::CueDirection::Up;
        if (up != held) {
            REQUIRE(s.push({up ? CommandKind::ContractDown : CommandKind::ContractUp}));
            held = up;
            run.contractions += up ? 1 : 0;
        }
        if (r.stage() == protocol::Stage::Rest && answered_after_set != r.set_number()) {
            REQUIRE(s.push({CommandKind::ReportDiscomfort, 3.f}));
            answered_after_set = r.set_number();
            ++run.discomfort_answers;
        }
    }
    if (held) (void)s.push({CommandKind::ContractUp});
    return run;
}

}  // namespace

TEST_CASE("a guided 30-15-15-15 at home, headless: the patient follows the cue to the end", "[guided]") {
    frontend::SimFeed sim{home_sim()};
    session::UserEventFeed feed{sim};
    session::Session s{guided_arm(), &feed};
    const GuidedRun run = follow_the_coach(s);

    const auto& ps = s.world().ctx().get<session::ProtocolState>();
    const auto& ss = s.world().ctx().get<session::SafetyState>();
    REQUIRE(run.done_at_s > 0.0);
    // 150 s of reps and 90 s of rests after the cuff is up: done well inside the bound.
    CHECK(run.done_at_s > 240.0);
    CHECK(run.done_at_s < 270.0);
    const protocol::ProtocolRunner& r = *ps.runner;
    CHECK_FALSE(r.stopped());
    const auto& sets = r.sets();
    REQUIRE(sets.size() == 4);
    const std::uint32_t expected[] = {30, 15, 15, 15};
    for (std::size_t i = 0; i < sets.size(); ++i) {
        CAPTURE(i);
        CHECK(sets[i].reps == expected[i]);
        CHECK(sets[i].target_reps == expected[i]);
        CHECK_FALSE(sets[i].ended_early);
    }
    CHECK(r.total_reps() == 75);
    CHECK(ps.warmup_reps == 0);
    CHECK(ps.extra_reps == 0);
    CHECK(s.world().ctx().get<session::RepLog>().times_s.size() == 75);
    CHECK(run.contractions == 75);

    // Safe throughout: no alarm, and the patient's answers were heard.
    CHECK(ss.monitor.alarms().empty());
    CHECK(run.discomfort_answers == 3);
    CHECK(ss.discomfort_reports == 3);
    CHECK(ss.discomfort_last == 3);
    CHECK(ss.discomfort_max == 3);

    // The cuff held the target: time in band measured, every rep's peak above its valley. (Each
    // contraction squeezes the bladder by ~16 %LOP, more than the ±5 %LOP band around a 50 %LOP
    // target, so the tick-by-tick share in band is about 85 %, not 100 %.)
    const auto pf = s.world().ctx().get<session::PressureFidelity>().tracker.summary();
    REQUIRE(pf.time_in_band_pct.has_value());
    CHECK(*pf.time_in_band_pct > 75.0);
    CHECK(*pf.time_in_band_pct <= 100.0);
    CHECK(pf.assessed_s > 150.0);
    CHECK(pf.above_lop_s == 0.0);
    REQUIRE(pf.peak_pct_lop_mean.has_value());
    REQUIRE(pf.valley_pct_lop_mean.has_value());
    CHECK(*pf.peak_pct_lop_mean > *pf.valley_pct_lop_mean);
    CHECK(*pf.valley_pct_lop_mean == Approx(50.0).margin(10.0));
    CHECK(pf.reps_assessed == 75);

    // The game layer scored every rep of the sets: a patient on the guide, the cuff in its band
    // (the held level), full range — at least 20 points a rep, long combos, the goal (75) reached.
    const auto& game = s.world().ctx().get<session::GameState>();
    CHECK(game.score.reps() == 75);
    CHECK(game.score.sets() == 4);
    CHECK(game.score.gated_reps() == 0);
    CHECK(game.score.points() >= 75u * 20u);
    CHECK(game.score.best_combo() >= 10);
    CHECK(game.score.good_rep_share_01() > 0.8);
    CHECK(game.score.goal_reached());

    // The session's end deflated the simulated cuff.
    s.advance_to(s.time_s() + 10.0);
    const auto& latest = s.world().ctx().get<session::TelemetryState>().latest;
    REQUIRE(latest.has(telemetry_v1::kCuffMmhg));
    CHECK(latest.values[telemetry_v1::kCuffMmhg] < 20.0);
}

TEST_CASE("a guided session without the start command never inflates the simulated cuff", "[guided]") {
    frontend::SimFeed sim{home_sim()};
    session::UserEventFeed feed{sim};
    session::Session s{guided_arm(), &feed};
    s.advance_to(20.0);
    const auto& ps = s.world().ctx().get<session::ProtocolState>();
    CHECK(ps.runner->stage() == protocol::Stage::Ready);
    CHECK_FALSE(ps.start_requested);
    const auto& latest = s.world().ctx().get<session::TelemetryState>().latest;
    REQUIRE(latest.has(telemetry_v1::kCuffMmhg));
    CHECK(latest.values[telemetry_v1::kCuffMmhg] < 5.0);
    // The start: the cuff rises to the target and set 1 begins.
    REQUIRE(s.push({CommandKind::StartSession}));
    s.advance_to(40.0);
    CHECK(ps.runner->stage() == protocol::Stage::Set);
    CHECK(latest.values[telemetry_v1::kCuffMmhg] == Approx(85.0).margin(8.5));
}
