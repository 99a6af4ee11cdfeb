// The pressure rules on synthetic traces: pressure_ceiling, pressure_above_lop,
// pressure_out_of_band, and the leak notice.
#include "safety_test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace bfr::safety;
using namespace bfr::safety::test;

namespace {

constexpr double kLop = 170.0;
constexpr double kTarget = 85.0;  // band 76.5 .. 93.5

/// A cuff already regulated at `level` (a recording that starts inflated: no settling).
std::vector<Sample> steady(double from_s, double to_s, double rate_hz, double level) {
    return trace(from_s, to_s, rate_hz, [level](double) { return level; });
}

/// Appends b to a.
std::vector<Sample> operator+(std::vector<Sample> a, const std::vector<Sample>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

FeedOptions at_target(double target = kTarget, double lop = kLop) {
    FeedOptions o;
    o.default_lop_mmHg = lop;
    o.default_target_mmHg = target;
    return o;
}

}  // namespace

// --- pressure_ceiling ----------------------------------------------------------------------------

TEST_CASE("ceiling: exactly 300 mmHg is not above it, the first sample above raises it at once", "[safety][ceiling]") {
    SafetyMonitor at(Limits{});
    feed(at, steady(0, 5, 50, 300.0), at_target(NAN, NAN));
    CHECK(of_kind(at, AlarmKind::PressureCeiling).empty());

    const auto rows =
        steady(0, 2, 50, 250.0) + trace(2, 2.1, 50, [](double) { return 300.6; }) + steady(2.1, 5, 50, 250.0);
    const SafetyMonitor m = run_monitor(rows, at_target(NAN, NAN));
    const auto alarms = of_kind(m, AlarmKind::PressureCeiling);
    REQUIRE(alarms.size() == 1);
    CHECK(alarms[0].t_ns == ns(2.0));
    CHECK(alarms[0].value == Approx(300.6));
    CHECK(alarms[0].action == Action::Deflate);
    CHECK(std::string(action_name(alarms[0].action)) == "deflate");
    CHECK(alarms[0].message.find("301 mmHg") != std::string::npos);
    CHECK(alarms[0].message.find("300 mmHg") != std::string::npos);
    // Cleared 1 s after the last sample above the ceiling (the first one at or below it + 1 s).
    CHECK_FALSE(alarms[0].active);
    CHECK(alarms[0].cleared_ns == ns(2.1 + 1.0));
    CHECK(m.alarms().size() == 1);  // no LOP: nothing else
}

TEST_CASE("ceiling: one alarm per episode, a new one when it returns after clearing", "[safety][ceiling]") {
    // Flickering around the ceiling (noise) is one episode; after 3 s below, a second spike is a second.
    auto rows = trace(0, 4, 100, [](double t) { return 300.0 + (std::llround(t * 100) % 2 == 0 ? 2.0 : -2.0); });
    rows = rows + steady(4, 7, 100, 200.0) + trace(7, 7.5, 100, [](double) { return 320.0; }) +
           steady(7.5, 10, 100, 200.0);
    SafetyMonitor m;
    bool deflate_seen = false;
    FeedOptions o = at_target(NAN, NAN);
    o.after_tick = [&](SafetyMonitor& mon, std::int64_t t) {
        if (t > ns(0.1) && t < ns(4.0)) deflate_seen = deflate_seen || mon.must_deflate();
        if (t > ns(5.1) && t < ns(7.0)) CHECK_FALSE(mon.must_deflate());
    };
    feed(m, rows, o);
    const auto alarms = of_kind(m, AlarmKind::PressureCeiling);
    REQUIRE(alarms.size() == 2);
    CHECK(deflate_seen);
    CHECK(alarms[0].t_ns == 0);
    CHECK(alarms[0].cleared_ns == ns(4.99));  // the last sample above at 3.98 s, below from 3.99 s
    CHECK(alarms[1].t_ns == ns(7.0));
    CHECK(alarms[1].id == alarms[0].id + 1);
}

// --- pressure_above_lop --------------------------------------------------------------------------

TEST_CASE("above LOP: at the LOP counts, it trips after the hold, at every sample rate", "[safety][lop]") {
    for (double rate : {5.0, 10.0, 50.0, 100.0, 333.0, 1000.0}) {
        INFO("rate " << rate);
        // Exactly at the LOP for 3 s.
        const auto rows = steady(0, 10, rate, kTarget) + steady(10, 13, rate, kLop) + steady(13, 20, rate, kTarget);
        const SafetyMonitor m = run_monitor(rows, at_target());
        const auto alarms = of_kind(m, AlarmKind::PressureAboveLop);
        REQUIRE(alarms.size() == 1);
        // The first sample at or after 10 s + 1 s hold: within one sample of 11 s.
        CHECK(alarms[0].t_ns >= ns(11.0));
        CHECK(alarms[0].t_ns <= ns(11.0) + ns(1.0 / rate));
        CHECK(alarms[0].value == Approx(kLop));
        CHECK(alarms[0].action == Action::Deflate);
        CHECK(alarms[0].message.find("170 mmHg") != std::string::npos);
        CHECK_FALSE(alarms[0].active);
        CHECK(alarms[0].cleared_ns >= ns(14.0));
        CHECK(alarms[0].cleared_ns <= ns(14.0) + ns(1.0 / rate));
        CHECK(m.alarms().size() == 1);
    }
}

TEST_CASE("above LOP: just under the LOP or under the hold does not trip", "[safety][lop]") {
    const auto under = steady(0, 10, 100, kTarget) + steady(10, 20, 100, kLop - 0.01) + steady(20, 25, 100, kTarget);
    CHECK(run_monitor(under, at_target(NAN)).alarms().empty());
    // 0.99 s at or above the LOP, twice, 0.05 s apart: the run restarts.
    const auto brief = steady(0, 10, 100, kTarget) + steady(10, 10.99, 100, 180.0) + steady(10.99, 11.04, 100, 160.0) +
                       steady(11.04, 12.03, 100, 180.0) + steady(12.03, 20, 100, kTarget);
    CHECK(run_monitor(brief, at_target(NAN)).alarms().empty());
    // No LOP known: no above-LOP rule at all.
    const auto high = steady(0, 10, 100, 200.0);
    CHECK(run_monitor(high, at_target(NAN, NAN)).alarms().empty());
}

TEST_CASE("above LOP: a regulator overshoot held for seconds trips it, with a custom hold", "[safety][lop]") {
    // Overshoot ramps from the target to 185 mmHg in 0.5 s and holds 3 s.
    const auto rows = trace(0, 30, 200, [](double t) {
        if (t < 10.0 || t >= 14.0) return kTarget;
        return std::min(185.0, kTarget + (185.0 - kTarget) * (t - 10.0) / 0.5);
    });
    const SafetyMonitor m = run_monitor(rows, at_target());
    const auto alarms = of_kind(m, AlarmKind::PressureAboveLop);
    REQUIRE(alarms.size() == 1);
    const double crossing = 10.0 + 0.5 * (kLop - kTarget) / (185.0 - kTarget);
    CHECK(sec(alarms[0].t_ns) == Approx(crossing + 1.0).margin(0.006));
    CHECK(m.must_deflate() == false);  // cleared after the overshoot
    Limits strict;
    strict.above_lop_hold_s = 0.0;
    const SafetyMonitor s = run_monitor(rows, at_target(), strict);
    REQUIRE(of_kind(s, AlarmKind::PressureAboveLop).size() == 1);
    CHECK(sec(of_kind(s, AlarmKind::PressureAboveLop)[0].t_ns) == Approx(crossing).margin(0.006));
}

TEST_CASE("contraction peaks up to +25 % LOP with pulse ripple at 40-80 % LOP, tempo 2-5 s: no alarm",
          "[safety][lop][band]") {
    for (double pct : {40.0, 50.0, 60.0, 70.0, 80.0}) {
        for (double tempo : {2.0, 3.0, 4.0, 5.0}) {
            for (double width : {0.5, 0.75, 1.0}) {
                for (double rate : {5.0, 50.0, 1000.0}) {
                    const double target = kLop * pct / 100.0;
                    const double peak = 0.25 * kLop;
                    INFO(pct << " % LOP, tempo " << tempo << " s, peak width " << width << " s, " << rate << " Hz");
                    // 30 s at rest then 60 s of reps: base at the target, a 3 mmHg pulse, peaks on top.
                    const auto rows = trace(0, 90, rate, [&](double t) {
                        const double squeeze = t < 30.0 ? 0.0 : contraction(t, peak, width, tempo, 30.0);
                        return target + pulse(t, 3.0) + squeeze;
                    });
                    const SafetyMonitor m = run_monitor(rows, at_target(target));
                    INFO(describe(m));
                    CHECK(m.alarms().empty());
                    CHECK(m.notices().empty());
                }
            }
        }
    }
}

TEST_CASE("above LOP: the LOP may change, an LOP measurement suspends the rule", "[safety][lop]") {
    SafetyMonitor m;
    m.set_lop(200.0);
    for (int i = 0; i <= 300; ++i) m.on_sample(ns(i * 0.01), 180.0);  // under 200: fine
    CHECK(m.alarms().empty());
    m.set_lop(175.0);  // a new measurement: now 180 is above it
    for (int i = 301; i <= 500; ++i) m.on_sample(ns(i * 0.01), 180.0);
    REQUIRE(of_kind(m, AlarmKind::PressureAboveLop).size() == 1);
    CHECK(of_kind(m, AlarmKind::PressureAboveLop)[0].t_ns == ns(4.01));

    // The simulator's LOP measurement takes the cuff past the LOP on purpose.
    SafetyMonitor lop;
    lop.set_lop(170.0);
    lop.on_event(ns(1.0), "note:lop_measurement");
    CHECK(lop.status().measuring_lop);
    for (int i = 100; i <= 2000; ++i) lop.on_sample(ns(i * 0.01), 150.0 + 40.0 * std::sin(i * 0.001));
    CHECK(lop.alarms().empty());
    lop.on_event(ns(20.0), "lop_measured:176");
    CHECK_FALSE(lop.status().measuring_lop);
    for (int i = 2001; i <= 2300; ++i) lop.on_sample(ns(i * 0.01), 190.0);
    REQUIRE(of_kind(lop, AlarmKind::PressureAboveLop).size() == 1);
    CHECK(of_kind(lop, AlarmKind::PressureAboveLop)[0].t_ns == ns(21.01));
}

TEST_CASE("above LOP: an LOP measurement that never ends stops suspending after its maximum", "[safety][lop]") {
    SafetyMonitor m;
    m.set_lop(170.0);
    m.on_lop_measurement(0, true);
    for (int i = 0; i <= 2000; ++i) m.on_sample(ns(i * 0.1), 180.0);  // 200 s
    const auto alarms = of_kind(m, AlarmKind::PressureAboveLop);
    REQUIRE(alarms.size() == 1);
    // Suspended until 180 s (the sample after it ends the suspension), then 1 s of hold.
    CHECK(sec(alarms[0].t_ns) == Approx(181.1).margin(1e-9));
}

// --- pressure_out_of_band ------------------------------------------------------------------------

TEST_CASE("out of band: a slow leak below the band fires once, a re-pump clears it", "[safety][band]") {
    for (double rate : {5.0, 20.0, 100.0, 1000.0}) {
        INFO("rate " << rate);
        // In band, then drifting down at 2 mmHg/s from 10 s to 30 s (to 45 mmHg), re-pumped at 35 s.
        const auto rows = trace(0, 60, rate, [](double t) {
            if (t < 10.0) return kTarget;
            if (t < 30.0) return kTarget - 2.0 * (t - 10.0);
            if (t < 35.0) return kTarget - 40.0;
            return kTarget;
        });
        SafetyMonitor m;
        FeedOptions o = at_target();
        std::int64_t raised_seen = -1;
        o.after_tick = [&](SafetyMonitor& mon, std::int64_t t) {
            for (const Alarm& a : mon.take_new()) {
                CHECK(a.kind == AlarmKind::PressureOutOfBand);
                raised_seen = t;
            }
            CHECK_FALSE(mon.must_deflate());  // below the band never releases the cuff
        };
        feed(m, rows, o);
        INFO(describe(m));
        const auto alarms = of_kind(m, AlarmKind::PressureOutOfBand);
        REQUIRE(alarms.size() == 1);
        REQUIRE(m.alarms().size() == 1);
        const Alarm& a = alarms[0];
        // The pressure leaves the band at 14.25 s and the held level (lagging a 2 mmHg/s ramp by up
        // to 0.1 s) at most 0.1 s later; the alarm is the first sample with more than 10 s of
        // samples below the band: within two samples of that.
        CHECK(sec(a.t_ns) > 24.25);
        CHECK(sec(a.t_ns) <= 24.35 + 2.0 / rate + 1e-6);
        CHECK(raised_seen >= a.t_ns);
        CHECK(a.action == Action::Stop);
        CHECK(std::string(action_name(a.action)) == "stop");
        CHECK_FALSE(a.deflate_cuff);
        CHECK(a.message.find("below the band") != std::string::npos);
        CHECK(a.message.find("re-pump to 85 mmHg") != std::string::npos);
        // The re-pump at 35 s: the held level rises back into the band with its 1.5 s time constant
        // (from 45 to 76.5 mmHg: 2.3 s), cleared after 1 s in band. It stays in the log.
        CHECK_FALSE(a.active);
        CHECK(sec(a.cleared_ns) > 38.0);
        CHECK(sec(a.cleared_ns) < 38.8);
    }
}

TEST_CASE("out of band: held above the band asks to lower by 10 mmHg, exactly at the edge is in band",
          "[safety][band]") {
    const auto above = steady(0, 5, 50, kTarget) + steady(5, 30, 50, 95.0) + steady(30, 40, 50, kTarget);
    SafetyMonitor m = run_monitor(above, at_target());
    auto alarms = of_kind(m, AlarmKind::PressureOutOfBand);
    REQUIRE(alarms.size() == 1);
    CHECK(alarms[0].action == Action::Lower10);
    CHECK(std::string(action_name(alarms[0].action)) == "lower_10_mmHg");
    CHECK_FALSE(alarms[0].deflate_cuff);
    CHECK(alarms[0].message.find("lower the pressure by 10 mmHg") != std::string::npos);
    CHECK(alarms[0].value == Approx(95.0).margin(0.01));
    CHECK_FALSE(alarms[0].active);

    // The band's edges (target ± 10 %) are in band, for good.
    for (double edge : {kTarget + 8.5, kTarget - 8.5}) {
        const auto rows = steady(0, 60, 50, edge);
        const SafetyMonitor e = run_monitor(rows, at_target());
        CHECK(e.alarms().empty());
        CHECK(e.status().in_band);
    }
    // Below the band from the first sample (a recording that starts inflated): samples below it
    // spanning exactly 10 s are not "longer than" 10 s; 10.01 s are (then the cuff is off).
    const auto ten = steady(0, 10.01, 100, 70.0) + steady(10.01, 15, 100, 0.0);
    CHECK(run_monitor(ten, at_target()).alarms().empty());
    const auto more = steady(0, 10.02, 100, 70.0) + steady(10.02, 15, 100, 0.0);
    const auto late = of_kind(run_monitor(more, at_target()), AlarmKind::PressureOutOfBand);
    REQUIRE(late.size() == 1);
    CHECK(late[0].t_ns == ns(10.01));
    CHECK(late[0].cleared_ns == ns(10.02));  // the cuff off: no band to be out of
}

TEST_CASE("out of band: inflation and deflation ramps are not judged", "[safety][band]") {
    for (double rate : {5.0, 50.0, 1000.0}) {
        for (double pump_mmHg_s : {8.0, 20.0, 40.0, 100.0}) {
            INFO(rate << " Hz, ramps at " << pump_mmHg_s << " mmHg/s");
            // Off, inflation, 30 s at target, deflation (target gone at its start), off.
            const double up = 2.0 + kTarget / pump_mmHg_s;
            const double down = up + 30.0;
            auto rows = trace(0, down + 20.0, rate, [&](double t) {
                if (t < 2.0) return 0.0;
                if (t < up) return pump_mmHg_s * (t - 2.0);
                if (t < down) return kTarget;
                return std::max(0.0, kTarget - pump_mmHg_s * (t - down));
            });
            for (Sample& s : rows) s.set(v1::kTargetMmhg, s.t_ns >= ns(2.0) && s.t_ns < ns(down) ? kTarget : 0.0);
            const SafetyMonitor m = run_monitor(rows);
            INFO(describe(m));
            CHECK(m.alarms().empty());
            CHECK(m.notices().empty());
        }
    }
}

TEST_CASE("out of band: a deflation with the target still set is not judged after a deflate event", "[safety][band]") {
    // A recording without a target column (the integrator keeps the prescription as the target):
    // the slow 5 mmHg/s deflation takes 13 s; the `deflate` event says it is expected.
    auto rows =
        trace(0, 40, 50, [](double t) { return t < 10.0 ? kTarget : std::max(0.0, kTarget - 5.0 * (t - 10.0)); });
    rows[500].event = "deflate";
    CHECK(run_monitor(rows, at_target()).alarms().empty());
    // Without the event it is a pressure that fell below the band and stayed there while inflated.
    rows[500].event.clear();
    CHECK(of_kind(run_monitor(rows, at_target()), AlarmKind::PressureOutOfBand).size() == 1);
}

TEST_CASE("out of band: no target, no band, a new target settles first", "[safety][band]") {
    CHECK(run_monitor(steady(0, 60, 50, 40.0), at_target(NAN)).alarms().empty());
    // The target moves from 85 to 110 at 20 s; the regulator follows at 5 mmHg/s (5 s).
    auto rows =
        trace(0, 60, 50, [](double t) { return t < 20.0 ? kTarget : std::min(110.0, kTarget + 5.0 * (t - 20.0)); });
    for (Sample& s : rows) s.set(v1::kTargetMmhg, s.t_ns < ns(20.0) ? kTarget : 110.0);
    SafetyMonitor m = run_monitor(rows, at_target());
    CHECK(m.alarms().empty());
    // A target the regulator never reaches is judged once settled: out of band 10 s after the settle.
    auto stuck = steady(0, 60, 50, kTarget);
    for (Sample& s : stuck) s.set(v1::kTargetMmhg, s.t_ns < ns(20.0) ? kTarget : 110.0);
    const auto alarms = of_kind(run_monitor(stuck, at_target()), AlarmKind::PressureOutOfBand);
    REQUIRE(alarms.size() == 1);
    CHECK(sec(alarms[0].t_ns) == Approx(35.0).margin(0.03));
}

// --- leak notice ---------------------------------------------------------------------------------

TEST_CASE("leak: a 30 mmHg drop within 5 s while inflated is a notice, once", "[safety][leak]") {
    // 150 mmHg target (band 135..165); a 35 mmHg drop over 4 s at 30 s, then held low.
    const auto rows = trace(0, 60, 50, [](double t) {
        if (t < 30.0) return 150.0;
        return std::max(115.0, 150.0 - 35.0 / 4.0 * (t - 30.0));
    });
    const SafetyMonitor m = run_monitor(rows, at_target(150.0, 200.0));
    const auto leaks = notices_of(m, NoticeKind::Leak);
    REQUIRE(leaks.size() == 1);
    // 30 mmHg down at 30 + 30 / 8.75 s (+ the held level's 0.1 s lag).
    CHECK(sec(leaks[0].t_ns) == Approx(30.0 + 30.0 / 8.75 + 0.1).margin(0.05));
    CHECK(leaks[0].text.find("leak") != std::string::npos);
    // The pressure is below the band for good: the out-of-band alarm follows (a notice is not an alarm).
    CHECK(of_kind(m, AlarmKind::PressureOutOfBand).size() == 1);

    // The same drop over 8 s is no leak notice; nor is one after a deflate event.
    const auto slow =
        trace(0, 60, 50, [](double t) { return t < 30.0 ? 150.0 : std::max(115.0, 150.0 - 35.0 / 8.0 * (t - 30.0)); });
    CHECK(notices_of(run_monitor(slow, at_target(150.0, 200.0)), NoticeKind::Leak).empty());
    auto vent = rows;
    vent[1500].event = "deflate";
    CHECK(notices_of(run_monitor(vent, at_target(150.0, 200.0)), NoticeKind::Leak).empty());
}

TEST_CASE("leak: contraction relaxations, even slow ones under a loose cuff, are not leaks", "[safety][leak]") {
    // A loose cuff sagging 20 % under its target with 2.5 s squeezes of +40 mmHg every 5 s.
    const auto rows =
        trace(0, 120, 100, [](double t) { return 120.0 + pulse(t, 3.0) + contraction(t, 40.0, 2.5, 5.0); });
    const SafetyMonitor m = run_monitor(rows, at_target(150.0, 200.0));
    CHECK(notices_of(m, NoticeKind::Leak).empty());
}
