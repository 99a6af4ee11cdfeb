#include "game/protocol/protocol_runner.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

using bfr::protocol::advise_next_load;
using bfr::protocol::LoadAdvice;
using bfr::protocol::Protocol;
using bfr::protocol::ProtocolRunner;
using bfr::protocol::SetResult;
using bfr::protocol::standard_protocol;

namespace {

std::int64_t ns(double s) {
    return static_cast<std::int64_t>(std::llround(s * 1e9));
}

/// The sets of a session in which set i did reps[i] (a fixed set completes at its target; the
/// patient carries on at tempo for the rest, as overshoot; a to-failure set runs out at reps[i]).
std::vector<SetResult> session(const Protocol& p, const std::vector<std::uint32_t>& reps) {
    ProtocolRunner r(p);
    double t = 0.0;
    r.start(ns(t));
    for (std::size_t i = 0; i < reps.size(); ++i) {
        for (std::uint32_t k = 0; k < reps[i]; ++k) {
            t += 2.0;
            r.on_rep(ns(t));
        }
        t += 100.0;  // past the failure pause and the rest
        r.update(ns(t));
    }
    return r.sets();
}

bool has(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a fixed last set done to its target keeps the load, carrying on beyond it adds 5 %1RM") {
    const Protocol p = standard_protocol();
    LoadAdvice a = advise_next_load(p, session(p, {30, 15, 15, 15}), 30.0);
    CHECK_FALSE(a.increase);
    CHECK(a.load_pct1rm == 30.0);
    CHECK(a.reason == "The last set did 15 reps, not more than 15: keep the load at 30 %1RM.");

    const std::vector<SetResult> sets = session(p, {30, 15, 15, 17});
    REQUIRE(sets.size() == 4);
    CHECK(sets[3].reps == 17);
    a = advise_next_load(p, sets, 30.0);
    CHECK(a.increase);
    CHECK(a.load_pct1rm == 35.0);
    CHECK(a.reason == "The last set did 17 reps, more than 15: next time 35 %1RM (+5) [B12].");
}

TEST_CASE("a last set to failure: more than 15 reps (or the threshold) adds load, never above the maximum") {
    Protocol p = standard_protocol();
    p.sets.back() = {0, true};
    CHECK(advise_next_load(p, session(p, {30, 15, 15, 22}), 30.0).load_pct1rm == 35.0);
    CHECK_FALSE(advise_next_load(p, session(p, {30, 15, 15, 15}), 30.0).increase);
    CHECK_FALSE(advise_next_load(p, session(p, {30, 15, 15, 9}), 30.0).increase);

    LoadAdvice a = advise_next_load(p, session(p, {30, 15, 15, 22}), 38.0);
    CHECK(a.increase);
    CHECK(a.load_pct1rm == 40.0);
    CHECK(has(a.reason, "next time 40 %1RM (+2)"));

    a = advise_next_load(p, session(p, {30, 15, 15, 22}), 40.0);
    CHECK_FALSE(a.increase);
    CHECK(a.load_pct1rm == 40.0);
    CHECK(has(a.reason, "already at the maximum of 40 %1RM"));

    p.progression.last_set_threshold_reps = 20;
    CHECK_FALSE(advise_next_load(p, session(p, {30, 15, 15, 19}), 30.0).increase);
    CHECK(advise_next_load(p, session(p, {30, 15, 15, 21}), 30.0).increase);

    p.progression = {};
    p.progression.load_increment_pct1rm = 2.5;
    p.progression.max_load_pct1rm = 50.0;
    p.sets.back() = {10, true};  // a minimum of 10: that is the threshold
    a = advise_next_load(p, session(p, {30, 15, 15, 11}), 30.0);
    CHECK(a.increase);
    CHECK(a.load_pct1rm == 32.5);
}

TEST_CASE("no increase when the session was cut short") {
    const Protocol p = standard_protocol();
    LoadAdvice a = advise_next_load(p, {}, 30.0);
    CHECK_FALSE(a.increase);
    CHECK(a.reason == "No set was done: keep the load at 30 %1RM.");

    a = advise_next_load(p, session(p, {30, 15, 15}), 30.0);
    CHECK_FALSE(a.increase);
    CHECK(a.reason == "The session was cut short (3 of 4 sets): keep the load at 30 %1RM.");

    // Stopped in the last set after 20 reps of an open-ended set: still no increase.
    Protocol f = standard_protocol();
    f.sets.back() = {0, true};
    ProtocolRunner r(f);
    r.start(0);
    double t = 0.0;
    for (const std::uint32_t n : {30U, 15U, 15U}) {
        for (std::uint32_t k = 0; k < n; ++k) r.on_rep(ns(t += 2.0));
        r.update(ns(t += 100.0));
    }
    for (int k = 0; k < 20; ++k) r.on_rep(ns(t += 2.0));
    r.stop(ns(t + 1.0));
    a = advise_next_load(f, r.sets(), 30.0);
    CHECK_FALSE(a.increase);
    CHECK(a.reason == "Set 4 ended early (after 20 reps): keep the load at 30 %1RM.");

    // A middle set given up.
    std::vector<SetResult> sets = session(p, {30, 15, 15, 18});
    sets[1].reps = 12;
    sets[1].ended_early = true;
    a = advise_next_load(p, sets, 30.0);
    CHECK_FALSE(a.increase);
    CHECK(a.reason == "Set 2 ended early (12 of 15 reps): keep the load at 30 %1RM.");
}
