// The clock and report rules: occlusion_time (and its warning), sensor_lost, discomfort.
#include "safety_test_support.hpp"

#include <catch2/catch.hpp>

using namespace bfr::safety;
using namespace bfr::safety::test;

namespace {

/// Feeds `monitor` a constant `cuff_mmHg` from `from_s` to `to_s` at `rate_hz` with a tick each
/// second (time between samples and ticks must not matter to the clocks).
void hold(SafetyMonitor& monitor, double from_s, double to_s, double rate_hz, double cuff_mmHg) {
    const auto n = static_cast<std::int64_t>(std::llround((to_s - from_s) * rate_hz));
    for (std::int64_t i = 0; i < n; ++i) {
        const std::int64_t t = ns(from_s) + i * kNsPerS / static_cast<std::int64_t>(rate_hz);
        monitor.on_sample(t, cuff_mmHg);
        if (t % kNsPerS == 0) monitor.update(t);
    }
}

}  // namespace

// --- occlusion_time ------------------------------------------------------------------------------

TEST_CASE("occlusion: a notice at 10 min and the alarm at 20 min of continuous occlusion", "[safety][occlusion]") {
    SafetyMonitor m;
    hold(m, 0, 5, 5, 0.0);
    hold(m, 5, 1300, 5, 85.0);  // occluded from the sample at 5 s
    const auto warnings = notices_of(m, NoticeKind::OcclusionWarning);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].t_ns == ns(605.0));
    CHECK(warnings[0].text.find("10 min") != std::string::npos);
    CHECK(warnings[0].text.find("20 min") != std::string::npos);
    const auto alarms = of_kind(m, AlarmKind::OcclusionTime);
    REQUIRE(alarms.size() == 1);
    CHECK(alarms[0].t_ns == ns(1205.0));
    CHECK(alarms[0].action == Action::Deflate);
    CHECK(alarms[0].value == Approx(1200.0));
    CHECK(alarms[0].message.find("20 min") != std::string::npos);
    CHECK(alarms[0].active);
    CHECK(m.must_deflate());
    CHECK(m.alarms().size() == 1);
    CHECK(m.status().occlusion_run_s == Approx(1295.0 - 0.2));
    // Deflated: cleared after 1 s of samples below 20 mmHg.
    hold(m, 1300, 1310, 5, 0.0);
    CHECK_FALSE(m.alarms()[0].active);
    CHECK(m.alarms()[0].cleared_ns == ns(1301.0));
    CHECK_FALSE(m.must_deflate());
}

TEST_CASE("occlusion: exactly at 20 mmHg counts, the clock holds through short deflations", "[safety][occlusion]") {
    SafetyMonitor m;
    hold(m, 0, 700, 10, 20.0);  // at the threshold: occluded
    CHECK(m.status().occlusion_run_s == Approx(699.9));
    CHECK(notices_of(m, NoticeKind::OcclusionWarning).size() == 1);
    hold(m, 700, 790, 10, 19.9);  // 90 s off: not an exercise break (120 s)
    CHECK(m.status().occlusion_run_s == Approx(700.0));
    hold(m, 790, 1300, 10, 85.0);
    const auto alarms = of_kind(m, AlarmKind::OcclusionTime);
    REQUIRE(alarms.size() == 1);
    CHECK(sec(alarms[0].t_ns) == Approx(790.0 + 500.0));
    CHECK(notices_of(m, NoticeKind::OcclusionWarning).size() == 1);  // once per exercise
}

TEST_CASE("occlusion: an exercise break restarts the clock, the session total still counts", "[safety][occlusion]") {
    SafetyMonitor m;
    // Three exercises of 15 min with 2 min breaks: 45 min of occlusion, none over 20 min.
    double t = 0.0;
    for (int exercise = 0; exercise < 3; ++exercise) {
        hold(m, t, t + 900.0, 5, 85.0);
        t += 900.0;
        const SafetyStatus s = m.status();
        CHECK(s.occlusion_run_s == Approx(899.8));  // up to the last sample (the next one closes it)
        hold(m, t, t + 120.0, 5, 0.0);
        t += 120.0;
        m.update(ns(t));
        CHECK(m.status().occlusion_run_s == 0.0);  // the break ended the exercise
        if (exercise == 0) CHECK(m.alarms().empty());
    }
    CHECK(notices_of(m, NoticeKind::OcclusionWarning).size() == 3);  // one per exercise
    // The session limit (30 min) was reached 900 s into the second exercise (1020 + 900 = 1920 s).
    const auto alarms = of_kind(m, AlarmKind::OcclusionTime);
    REQUIRE(alarms.size() == 2);
    CHECK(alarms[0].t_ns == ns(1920.0));
    CHECK(alarms[0].message.find("session") != std::string::npos);
    CHECK(alarms[0].value == Approx(1800.0));
    CHECK(alarms[0].cleared_ns == ns(1921.0));
    // Any further occlusion in the session is over the limit at once: a new alarm at the third
    // exercise's first occluded sample.
    CHECK(alarms[1].t_ns == ns(2040.0));
    CHECK(m.status().occlusion_session_s == Approx(2700.0));
}

TEST_CASE("occlusion: re-inflating before the break is over raises a new alarm at once", "[safety][occlusion]") {
    SafetyMonitor m;
    hold(m, 0, 1210, 5, 85.0);
    hold(m, 1210, 1270, 5, 0.0);  // 60 s off: the alarm clears, the exercise goes on
    hold(m, 1270, 1280, 5, 85.0);
    const auto alarms = of_kind(m, AlarmKind::OcclusionTime);
    REQUIRE(alarms.size() == 2);
    CHECK(alarms[0].t_ns == ns(1200.0));
    CHECK(alarms[0].cleared_ns == ns(1211.0));
    CHECK(alarms[1].t_ns == ns(1270.0));
    CHECK(alarms[1].message.find("exercise") != std::string::npos);
    CHECK(alarms[1].active);
}

TEST_CASE("occlusion: the clocks run on in update() while the sensor is silent", "[safety][occlusion][sensor]") {
    SafetyMonitor m;
    m.on_sample(0, 85.0);
    for (int k = 1; k <= 1300; ++k) m.update(ns(k));  // no samples: the cuff is assumed still on
    const auto occlusion = of_kind(m, AlarmKind::OcclusionTime);
    REQUIRE(occlusion.size() == 1);
    CHECK(occlusion[0].t_ns == ns(1200.0));
    const auto lost = of_kind(m, AlarmKind::SensorLost);
    REQUIRE(lost.size() == 1);
    CHECK(lost[0].t_ns == ns(2.0));
}

// --- sensor_lost ---------------------------------------------------------------------------------

TEST_CASE("sensor lost: more than 2 s without a sample, raised at the last sample + 2 s", "[safety][sensor]") {
    SafetyMonitor m;
    m.update(ns(10.0));  // nothing before the first sample
    CHECK(m.alarms().empty());
    CHECK_FALSE(m.status().sensor_live);
    m.on_sample(ns(10.0), 85.0);
    CHECK(m.status().sensor_live);
    m.update(ns(12.0));  // exactly the timeout: not longer
    CHECK(m.alarms().empty());
    m.update(ns(12.0) + 1);
    REQUIRE(m.alarms().size() == 1);
    const Alarm a = m.alarms()[0];
    CHECK(a.kind == AlarmKind::SensorLost);
    CHECK(std::string(kind_name(a.kind)) == "sensor_lost");
    CHECK(a.t_ns == ns(12.0));
    CHECK(a.action == Action::Stop);
    CHECK(a.value == Approx(2.0));
    CHECK(a.message.find("2 s") != std::string::npos);
    CHECK(m.must_deflate());
    CHECK_FALSE(m.status().sensor_live);
    m.update(ns(20.0));
    CHECK(m.alarms().size() == 1);  // one episode
    m.on_sample(ns(20.5), 85.0);
    CHECK_FALSE(m.alarms()[0].active);
    CHECK(m.alarms()[0].cleared_ns == ns(20.5));
    CHECK_FALSE(m.must_deflate());
    CHECK(m.status().sensor_live);
    // A second gap is a second alarm.
    m.update(ns(23.0));
    REQUIRE(m.alarms().size() == 2);
    CHECK(m.alarms()[1].t_ns == ns(22.5));
}

TEST_CASE("sensor lost: a gap seen only by the next sample is still an episode", "[safety][sensor]") {
    SafetyMonitor m;
    m.on_sample(ns(1.0), 85.0);
    m.on_sample(ns(3.0), 85.0);  // exactly 2 s: fine
    CHECK(m.alarms().empty());
    m.on_sample(ns(5.5), 85.0);  // 2.5 s: raised at 5.0 s and cleared at once
    REQUIRE(m.alarms().size() == 1);
    CHECK(m.alarms()[0].t_ns == ns(5.0));
    CHECK(m.alarms()[0].cleared_ns == ns(5.5));
    CHECK_FALSE(m.alarms()[0].active);
    CHECK(m.take_new().size() == 1);  // the UI still hears of it
}

TEST_CASE("sensor lost: rows without a pressure keep the sensor alive", "[safety][sensor]") {
    SafetyMonitor m;
    m.on_sample(0, 85.0);
    for (int i = 1; i <= 100; ++i) {
        m.on_sample(ns(i * 0.5), NAN);  // 50 s of event-only / other-column rows
        m.update(ns(i * 0.5));
    }
    CHECK(m.alarms().empty());
    CHECK(m.status().sensor_live);
    CHECK(m.status().held_mmHg == Approx(85.0));  // the last measured pressure is still the one held
}

TEST_CASE("sensor lost: a simulated dropout, at every sample rate", "[safety][sensor][sim]") {
    for (std::uint32_t rate : {5u, 50u, 1000u}) {
        INFO("rate " << rate);
        bfr::sim::SimConfig c;
        c.sample_rate_hz = rate;
        c.measure_lop = false;
        c.dropout_start_ns = ns(30.0);
        c.dropout_ns = ns(3.5);
        const auto rows = simulate(c, 60.0);
        const SafetyMonitor m = run_monitor(rows);
        INFO(describe(m));
        const auto lost = of_kind(m, AlarmKind::SensorLost);
        REQUIRE(lost.size() == 1);
        // The last sample before 30 s, + 2 s; cleared by the first sample at or after 33.5 s.
        const std::int64_t period = kNsPerS / rate;
        CHECK(lost[0].t_ns == ns(30.0) - period + ns(2.0));
        CHECK(lost[0].cleared_ns == (ns(33.5) + period - 1) / period * period);
        CHECK(m.alarms().size() == 1);
    }
}

// --- discomfort ----------------------------------------------------------------------------------

TEST_CASE("discomfort: above 7 of 10 stops, 6 and 7 are notices, only 0..10 counts", "[safety][discomfort]") {
    SafetyMonitor m;
    m.on_event(ns(1.0), "discomfort:5");
    CHECK(m.notices().empty());
    m.on_event(ns(2.0), "discomfort:6");
    m.on_event(ns(3.0), "discomfort:7");
    CHECK(m.alarms().empty());
    REQUIRE(notices_of(m, NoticeKind::Discomfort).size() == 2);
    CHECK(m.notices()[0].text.find("6/10") != std::string::npos);
    CHECK(m.notices()[0].text.find("tell your therapist") != std::string::npos);
    for (const char* bad : {"discomfort:11", "discomfort:-1", "discomfort:", "discomfort:8.5", "discomfort:x",
                            "discomfort:99999999999999"}) {
        m.on_event(ns(4.0), bad);
    }
    m.on_discomfort(ns(4.0), 11);
    m.on_discomfort(ns(4.0), -3);
    CHECK(m.alarms().empty());
    m.on_event(ns(5.0), "discomfort:8");
    REQUIRE(m.alarms().size() == 1);
    const Alarm a = m.alarms()[0];
    CHECK(a.kind == AlarmKind::Discomfort);
    CHECK(a.t_ns == ns(5.0));
    CHECK(a.value == 8.0);
    CHECK(a.action == Action::Stop);
    CHECK(a.message.find("8/10") != std::string::npos);
    CHECK(m.must_deflate());
    m.on_discomfort(ns(6.0), 10);  // still the same episode
    CHECK(m.alarms().size() == 1);
    m.on_discomfort(ns(7.0), 3);  // better: the episode is over
    CHECK_FALSE(m.alarms()[0].active);
    CHECK(m.alarms()[0].cleared_ns == ns(7.0));
    CHECK_FALSE(m.must_deflate());
    m.on_discomfort(ns(8.0), 9);  // worse again: a new alarm
    CHECK(m.alarms().size() == 2);
    // A report stamped before the latest time seen is logged at the latest time (never dropped).
    SafetyMonitor late;
    late.on_sample(ns(10.0), 85.0);
    late.on_discomfort(ns(9.0), 9);
    REQUIRE(late.alarms().size() == 1);
    CHECK(late.alarms()[0].t_ns == ns(10.0));
}

TEST_CASE("discomfort: the stop level is a limit", "[safety][discomfort]") {
    Limits l;
    l.discomfort_stop_above = 5;
    SafetyMonitor m(l);
    m.on_discomfort(0, 6);
    REQUIRE(m.alarms().size() == 1);
    CHECK(m.alarms()[0].message.find("above 5/10") != std::string::npos);
}
