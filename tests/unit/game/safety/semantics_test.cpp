// What holds for every rule: names, episodes, acknowledgement, must_deflate, time order,
// determinism, irregular rates.
#include "safety_test_support.hpp"

#include <catch2/catch.hpp>

#include <cstring>

using namespace bfr::safety;
using namespace bfr::safety::test;

TEST_CASE("kind and action names are the summary's (interfaces.md 5)", "[safety][names]") {
    CHECK(std::strcmp(kind_name(AlarmKind::PressureAboveLop), "pressure_above_lop") == 0);
    CHECK(std::strcmp(kind_name(AlarmKind::PressureCeiling), "pressure_ceiling") == 0);
    CHECK(std::strcmp(kind_name(AlarmKind::PressureOutOfBand), "pressure_out_of_band") == 0);
    CHECK(std::strcmp(kind_name(AlarmKind::OcclusionTime), "occlusion_time") == 0);
    CHECK(std::strcmp(kind_name(AlarmKind::SensorLost), "sensor_lost") == 0);
    CHECK(std::strcmp(kind_name(AlarmKind::Discomfort), "discomfort") == 0);
    CHECK(std::strcmp(action_name(Action::Deflate), "deflate") == 0);
    CHECK(std::strcmp(action_name(Action::Lower10), "lower_10_mmHg") == 0);
    CHECK(std::strcmp(action_name(Action::Stop), "stop") == 0);
}

TEST_CASE("defaults are those of interfaces.md 3 and product.md 4", "[safety][limits]") {
    const Limits l;
    CHECK(l.ceiling_mmHg == 300.0);
    CHECK(l.band_fraction == 0.10);
    CHECK(l.out_of_band_tolerance_s == 10.0);
    CHECK(l.occlusion_warning_s == 600.0);
    CHECK(l.occlusion_limit_s == 1200.0);
    CHECK(l.session_occlusion_limit_s == 1800.0);
    CHECK(l.exercise_break_s == 120.0);
    CHECK(l.occluded_from_mmHg == 20.0);
    CHECK(l.sensor_timeout_s == 2.0);
    CHECK(l.discomfort_stop_above == 7);
    CHECK(l.above_lop_hold_s == 1.0);
    CHECK(l.leak_drop_mmHg == 30.0);
    CHECK(l.leak_window_s == 5.0);
}

TEST_CASE("acknowledging: known ids only, the first time kept, the condition not cleared", "[safety][ack]") {
    SafetyMonitor m;
    m.on_sample(0, 310.0);        // ceiling
    m.on_discomfort(ns(0.5), 9);  // discomfort
    REQUIRE(m.alarms().size() == 2);
    CHECK(m.unacknowledged() == 2);
    CHECK_FALSE(m.acknowledge(0, ns(1.0)));
    CHECK_FALSE(m.acknowledge(3, ns(1.0)));
    CHECK(m.acknowledge(1, ns(1.0)));
    CHECK(m.acknowledge(1, ns(2.0)));  // again: still true, the first time kept
    CHECK(m.alarms()[0].acknowledged);
    CHECK(m.alarms()[0].acknowledged_ns == ns(1.0));
    CHECK(m.alarms()[0].active);  // acknowledging does not clear the condition
    CHECK(m.must_deflate());
    CHECK(m.unacknowledged() == 1);
    m.on_sample(ns(1.0), 310.0);
    CHECK(m.alarms().size() == 2);  // no second alarm for the same episode after acknowledgement
    m.acknowledge_all(ns(3.0));
    CHECK(m.unacknowledged() == 0);
    CHECK(m.alarms()[0].acknowledged_ns == ns(1.0));
    CHECK(m.alarms()[1].acknowledged_ns == ns(3.0));
    CHECK(m.alarms()[1].active);
    // A cleared alarm that was never seen still counts as unacknowledged.
    SafetyMonitor s;
    s.on_sample(0, 85.0);
    s.on_sample(ns(5.0), 85.0);
    REQUIRE(s.alarms().size() == 1);
    CHECK_FALSE(s.alarms()[0].active);
    CHECK(s.unacknowledged() == 1);
}

TEST_CASE("take_new gives each alarm once, in order, alarms() keeps them all", "[safety][ack]") {
    SafetyMonitor m;
    CHECK(m.take_new().empty());
    m.on_sample(0, 310.0);
    auto first = m.take_new();
    REQUIRE(first.size() == 1);
    CHECK(first[0].id == 1);
    CHECK(m.take_new().empty());
    m.on_discomfort(ns(1.0), 8);
    m.on_sample(ns(4.0), 85.0);  // the sensor gap (raised at 3 s), then the ceiling clears later
    auto next = m.take_new();
    REQUIRE(next.size() == 2);
    CHECK(next[0].kind == AlarmKind::Discomfort);
    CHECK(next[1].kind == AlarmKind::SensorLost);
    CHECK(next[1].id == 3);
    CHECK(m.alarms().size() == 3);
    m.on_discomfort(ns(5.0), 2);
    CHECK(m.take_new().empty());  // a clear is not news for take_new; alarms() shows it
    CHECK_FALSE(m.alarms()[1].active);
    m.on_discomfort(ns(6.0), 6);
    CHECK(m.take_new_notices().size() == 1);
    CHECK(m.take_new_notices().empty());
}

TEST_CASE("must_deflate: every active deflate or stop alarm but a pressure below the band, not lower_10",
          "[safety][deflate]") {
    SafetyMonitor m;
    CHECK_FALSE(m.must_deflate());
    m.set_target(85.0);
    for (int i = 0; i <= 1200; ++i) m.on_sample(ns(i * 0.01), 60.0);  // below the band 12 s
    REQUIRE(m.alarms().size() == 1);
    CHECK(m.alarms()[0].active);
    CHECK_FALSE(m.alarms()[0].deflate_cuff);
    CHECK_FALSE(m.must_deflate());
    m.on_discomfort(ns(12.5), 8);
    CHECK(m.must_deflate());
    m.on_discomfort(ns(13.0), 1);
    CHECK_FALSE(m.must_deflate());
    // Above the band: lower by 10 mmHg (acted on once, from take_new()), not a release.
    SafetyMonitor hi;
    hi.set_target(85.0);
    for (int i = 0; i <= 1200; ++i) hi.on_sample(ns(i * 0.01), 100.0);
    REQUIRE(hi.alarms().size() == 1);
    CHECK(hi.alarms()[0].action == Action::Lower10);
    CHECK_FALSE(hi.alarms()[0].deflate_cuff);
    CHECK_FALSE(hi.must_deflate());
    // Every other kind releases it while active.
    hi.on_sample(ns(12.5), 301.0);
    CHECK(hi.must_deflate());
}

TEST_CASE("samples going back in time are ignored", "[safety][time]") {
    SafetyMonitor m;
    m.on_sample(ns(10.0), 85.0);
    m.on_sample(ns(9.0), 350.0);  // earlier: ignored
    CHECK(m.alarms().empty());
    m.on_sample(ns(10.0), 301.0);  // the same time: used
    REQUIRE(m.alarms().size() == 1);
    CHECK(m.alarms()[0].t_ns == ns(10.0));
    m.update(ns(11.0));
    m.update(ns(5.0));  // an earlier tick: ignored
    m.on_sample(ns(12.0), 85.0);
    m.update(ns(12.0));  // 2 s after the last sample but one: not lost
    CHECK(m.alarms().size() == 1);
    CHECK(m.status().sensor_live);
}

TEST_CASE("the same samples give the same alarms at the same times", "[safety][determinism]") {
    bfr::sim::SimConfig c;
    c.profile = bfr::sim::Profile::Loose;
    c.limb = bfr::sim::Limb::Leg;
    c.target_pct_lop = 80.0;
    c.seed = 3;
    c.dropout_start_ns = ns(150.0);
    c.dropout_ns = ns(2.5);
    const auto rows = simulate(c, 320.0);
    const SafetyMonitor a = run_monitor(rows, {});
    const SafetyMonitor b = run_monitor(rows, {});
    REQUIRE(a.alarms().size() >= 2);
    REQUIRE(a.alarms().size() == b.alarms().size());
    for (std::size_t i = 0; i < a.alarms().size(); ++i) {
        CHECK(a.alarms()[i].t_ns == b.alarms()[i].t_ns);
        CHECK(a.alarms()[i].kind == b.alarms()[i].kind);
        CHECK(a.alarms()[i].message == b.alarms()[i].message);
        CHECK(a.alarms()[i].cleared_ns == b.alarms()[i].cleared_ns);
    }
    CHECK(a.notices().size() == b.notices().size());
    // Ticks do not change what the samples decide: one update per sample gives the same alarms.
    SafetyMonitor per_sample;
    double lop = 170.0;  // as feed()'s default
    double target = NAN;
    for (const Sample& s : rows) {
        if (s.has(v1::kLopMmhg)) lop = s.get(v1::kLopMmhg);
        if (s.has(v1::kTargetMmhg)) target = s.get(v1::kTargetMmhg);
        per_sample.set_lop(lop);
        per_sample.set_target(target);
        if (!s.event.empty()) per_sample.on_event(s.t_ns, s.event);
        per_sample.on_sample(s.t_ns, s.get(v1::kCuffMmhg));
        per_sample.update(s.t_ns);
    }
    REQUIRE(per_sample.alarms().size() == a.alarms().size());
    for (std::size_t i = 0; i < a.alarms().size(); ++i) CHECK(per_sample.alarms()[i].t_ns == a.alarms()[i].t_ns);
}

TEST_CASE("irregular sample rates between 5 and 1000 Hz, with gaps under the timeout: no alarm", "[safety][rates]") {
    // A regulated cuff with contractions, sampled at intervals drawn between 1 ms and 200 ms, and
    // with a 1.9 s gap now and then.
    std::uint64_t state = 12345;
    auto next = [&state] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state >> 11) / 9007199254740992.0;
    };
    std::vector<Sample> rows;
    double t = 0.0;
    while (t < 400.0) {
        const double p = 85.0 + pulse(t, 3.0) + (t > 20.0 ? contraction(t, 25.0, 0.9, 2.0) : 0.0);
        rows.push_back(row(ns(t), p, 85.0, 170.0));
        t += std::fmod(t, 37.0) < 0.2 ? 1.9 : 0.001 + 0.199 * next();
    }
    const SafetyMonitor m = run_monitor(rows);
    INFO(describe(m));
    CHECK(m.alarms().empty());
    CHECK(m.notices().empty());
    // And the same cuff overshooting above the LOP for 3 s from 200 s is caught within one sample.
    for (Sample& s : rows) {
        if (s.t_ns >= ns(200.0) && s.t_ns < ns(203.0)) s.set(v1::kCuffMmhg, 175.0);
    }
    const SafetyMonitor o = run_monitor(rows);
    const auto above = of_kind(o, AlarmKind::PressureAboveLop);
    REQUIRE(above.size() == 1);
    std::int64_t first = -1;
    std::int64_t due = -1;
    for (const Sample& s : rows) {
        if (s.t_ns < ns(200.0)) continue;
        if (first < 0) first = s.t_ns;
        if (s.t_ns - first >= ns(1.0)) {
            due = s.t_ns;
            break;
        }
    }
    CHECK(above[0].t_ns == due);
}
