// The recordings under tests/data/safety/ (scripts/make_safety_recordings.py): each trips its
// alarm, at the time its rows make due, and nothing else; the clean session trips nothing.
#include "safety_test_support.hpp"

#include <catch2/catch.hpp>

using namespace bfr::safety;
using namespace bfr::safety::test;

namespace {

/// The recording decoded (every row used) and run through a monitor as the session would.
SafetyMonitor replay(const std::string& name, std::vector<Sample>& rows) {
    bfr::telemetry::ParseReport report;
    rows = recording(name, &report);
    INFO(name << ": " << report.to_text());
    REQUIRE_FALSE(report.failed());
    REQUIRE(report.rows_skipped() == 0);
    REQUIRE(rows.size() > 100);
    return run_monitor(rows);
}

/// The only alarm of `m` (which must be of `kind`).
Alarm only(const SafetyMonitor& m, AlarmKind kind) {
    INFO(describe(m));
    REQUIRE(m.alarms().size() == 1);
    REQUIRE(m.alarms()[0].kind == kind);
    return m.alarms()[0];
}

}  // namespace

TEST_CASE("clean_session.csv: no alarm, no notice", "[safety][recordings]") {
    std::vector<Sample> rows;
    const SafetyMonitor m = replay("clean_session.csv", rows);
    INFO(describe(m));
    CHECK(m.alarms().empty());
    CHECK(m.notices().empty());
    CHECK(m.status().occlusion_session_s > 240.0);
    CHECK(rows.back().t_ns > ns(240.0));
}

TEST_CASE("trip_pressure_above_lop.csv: 1 s after the cuff reaches the LOP", "[safety][recordings]") {
    std::vector<Sample> rows;
    const SafetyMonitor m = replay("trip_pressure_above_lop.csv", rows);
    const Alarm a = only(m, AlarmKind::PressureAboveLop);
    std::int64_t start = -1;
    std::int64_t due = -1;
    for (const Sample& s : rows) {
        if (s.get(v1::kCuffMmhg) < s.get(v1::kLopMmhg)) {
            start = -1;
            continue;
        }
        if (start < 0) start = s.t_ns;
        if (s.t_ns - start >= ns(1.0)) {
            due = s.t_ns;
            break;
        }
    }
    CHECK(a.t_ns == due);
    CHECK(a.action == Action::Deflate);
    CHECK_FALSE(a.active);
}

TEST_CASE("trip_pressure_ceiling.csv: at the first sample above 300 mmHg", "[safety][recordings]") {
    std::vector<Sample> rows;
    const SafetyMonitor m = replay("trip_pressure_ceiling.csv", rows);
    const Alarm a = only(m, AlarmKind::PressureCeiling);
    std::int64_t due = -1;
    for (const Sample& s : rows) {
        if (s.get(v1::kCuffMmhg) > 300.0) {
            due = s.t_ns;
            break;
        }
    }
    CHECK(a.t_ns == due);
    CHECK(a.value > 300.0);
    CHECK(a.action == Action::Deflate);
}

TEST_CASE("trip_pressure_out_of_band.csv: a leak below the band, then cleared by the re-pump", "[safety][recordings]") {
    std::vector<Sample> rows;
    const SafetyMonitor m = replay("trip_pressure_out_of_band.csv", rows);
    const Alarm a = only(m, AlarmKind::PressureOutOfBand);
    // Where the pressure's 1 s mean (pulse and noise averaged out) leaves the band (76.5 mmHg)
    // and where it is back after the re-pump.
    std::int64_t left = -1;
    std::int64_t back = -1;
    for (std::size_t i = 25; i + 25 < rows.size(); ++i) {
        double sum = 0.0;
        for (std::size_t j = i - 25; j < i + 25; ++j) sum += rows[j].get(v1::kCuffMmhg);
        const double mean = sum / 50.0;
        if (rows[i].t_ns < ns(20.0) || !(rows[i].get(v1::kTargetMmhg) > 0.0)) continue;
        if (left < 0 && mean < 76.5) left = rows[i].t_ns;
        if (left >= 0 && back < 0 && mean > 80.0) back = rows[i].t_ns;
    }
    REQUIRE(left > 0);
    REQUIRE(back > left);
    // The held level follows the pulse's troughs (1.5 mmHg under the mean, 0.75 s at 2 mmHg/s).
    CHECK(a.t_ns >= left + ns(10.0) - ns(1.0));
    CHECK(a.t_ns <= left + ns(10.0) + ns(0.1));
    CHECK(a.action == Action::Stop);
    CHECK(std::string(action_name(a.action)) == "stop");
    CHECK(a.message.find("re-pump to 85 mmHg") != std::string::npos);
    CHECK_FALSE(a.active);
    CHECK(a.cleared_ns > back);
    CHECK(a.cleared_ns < back + ns(4.0));
    CHECK(m.notices().empty());
}

TEST_CASE("trip_occlusion_time.csv: a notice at 10 min, the alarm at 20 min of occlusion", "[safety][recordings]") {
    std::vector<Sample> rows;
    const SafetyMonitor m = replay("trip_occlusion_time.csv", rows);
    const Alarm a = only(m, AlarmKind::OcclusionTime);
    std::int64_t first = -1;
    for (const Sample& s : rows) {
        if (s.get(v1::kCuffMmhg) >= 20.0) {
            first = s.t_ns;
            break;
        }
    }
    CHECK(a.t_ns == first + ns(1200.0));
    CHECK(a.action == Action::Deflate);
    CHECK_FALSE(a.active);  // the final deflation ended it
    REQUIRE(m.notices().size() == 1);
    CHECK(m.notices()[0].kind == NoticeKind::OcclusionWarning);
    CHECK(m.notices()[0].t_ns == first + ns(600.0));
}

TEST_CASE("trip_sensor_lost.csv: 2 s after the last row before the gap", "[safety][recordings]") {
    std::vector<Sample> rows;
    const SafetyMonitor m = replay("trip_sensor_lost.csv", rows);
    const Alarm a = only(m, AlarmKind::SensorLost);
    std::int64_t last = -1;
    std::int64_t next = -1;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        if (rows[i].t_ns - rows[i - 1].t_ns > ns(2.0)) {
            last = rows[i - 1].t_ns;
            next = rows[i].t_ns;
            break;
        }
    }
    CHECK(a.t_ns == last + ns(2.0));
    CHECK(a.cleared_ns == next);
    CHECK(a.action == Action::Stop);
    CHECK(m.notices().empty());
}

TEST_CASE("trip_discomfort.csv: at the discomfort:8 row", "[safety][recordings]") {
    std::vector<Sample> rows;
    const SafetyMonitor m = replay("trip_discomfort.csv", rows);
    const Alarm a = only(m, AlarmKind::Discomfort);
    std::int64_t due = -1;
    for (const Sample& s : rows) {
        if (s.event == "discomfort:8") due = s.t_ns;
    }
    CHECK(a.t_ns == due);
    CHECK(a.value == 8.0);
    CHECK(a.action == Action::Stop);
    CHECK(a.active);             // no better report followed
    CHECK(m.notices().empty());  // 4/10 earlier is below the notice level
}
