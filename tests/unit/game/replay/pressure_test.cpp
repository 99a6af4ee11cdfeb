// Pressure statistics: time in band over the inflated, settled, non-ramping time; per-rep peak
// and valley in %LOP; time at or above LOP.

#include "game/session/pressure_fidelity.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <limits>

using bfr::session::PressureSummary;
using bfr::session::PressureTracker;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kDt = 0.01;  // 100 Hz ticks keep the arithmetic simple

std::int64_t ns(double s) {
    return static_cast<std::int64_t>(std::llround(s * 1e9));
}

/// Runs ticks from kDt to `duration_s` with cuff(t), target(t), LOP 180.
void drive(PressureTracker& p, double from_s, double to_s, const std::function<double(double)>& cuff,
           double target = kNaN, double lop = 180.0) {
    for (auto k = std::llround(from_s / kDt) + 1; k <= std::llround(to_s / kDt); ++k) {
        const double t = static_cast<double>(k) * kDt;
        p.observe_tick(ns(t), kDt, cuff(t), target, lop);
    }
}

}  // namespace

TEST_CASE("steady at the default target: all of the inflated time is in band", "[replay][pressure]") {
    PressureTracker p;  // arm: 50 % LOP = 90 mmHg
    drive(p, 0.0, 60.0, [](double) { return 90.0; });
    const PressureSummary s = p.summary();
    CHECK(s.inflated_s == Approx(60.0));
    CHECK(s.assessed_s == Approx(60.0));  // starts inflated: no inflation seen, nothing to settle
    REQUIRE(s.time_in_band_pct);
    CHECK(*s.time_in_band_pct == Approx(100.0));
    CHECK(s.above_lop_s == 0.0);
    CHECK_FALSE(s.target_from_recording);
    CHECK_FALSE(s.peak_pct_lop_mean);  // no reps
    CHECK_FALSE(s.valley_pct_lop_mean);
}

TEST_CASE("half the settled time out of band gives 50 %; the band is ±10 % of the target", "[replay][pressure]") {
    PressureTracker p;
    // 99 mmHg is in (90 + 9), then a step to 100.5 (out) after 30 s: a 1.5 mmHg step is not a
    // ramp (the smoothed rate stays far below 30 mmHg/s).
    drive(p, 0.0, 60.0, [](double t) { return t <= 30.0 ? 99.0 : 100.5; });
    const PressureSummary s = p.summary();
    REQUIRE(s.time_in_band_pct);
    CHECK(*s.time_in_band_pct == Approx(50.0).margin(0.5));
}

TEST_CASE("inflation and deflation ramps and the first 5 s after inflating are not assessed", "[replay][pressure]") {
    PressureTracker p;
    // Deflated for 10 s, inflated at 45 mmHg/s to 90 (2 s), held 30 s, deflated at 90 mmHg/s.
    const auto cuff = [](double t) {
        if (t < 10.0) return 0.0;
        if (t < 12.0) return 45.0 * (t - 10.0);
        if (t < 42.0) return 90.0;
        if (t < 43.0) return 90.0 - 90.0 * (t - 42.0);
        return 0.0;
    };
    drive(p, 0.0, 60.0, cuff);
    const PressureSummary s = p.summary();
    // Inflated from 20 mmHg on the way up (10.44 s) to 20 mmHg on the way down (42.78 s).
    CHECK(s.inflated_s == Approx(32.34).margin(0.05));
    // Assessed: from 5 s after crossing 20 mmHg (15.44 s) to the start of the deflation ramp
    // (detected within 0.1 s): about 26.6 s, in band but for the last tick before the ramp is
    // detected (81 mmHg, the band's edge).
    CHECK(s.assessed_s > 26.5);
    CHECK(s.assessed_s < 26.8);
    REQUIRE(s.time_in_band_pct);
    CHECK(*s.time_in_band_pct == Approx(100.0).margin(0.1));
}

TEST_CASE("a heartbeat-like ripple of ±5 mmHg is not a ramp", "[replay][pressure]") {
    PressureTracker p;
    double max_rate = 0.0;
    for (int k = 1; k <= 6000; ++k) {
        const double t = k * kDt;
        p.observe_tick(ns(t), kDt, 90.0 + 5.0 * std::sin(2.0 * M_PI * 1.2 * t), kNaN, 180.0);
        max_rate = std::max(max_rate, std::fabs(p.rate_mmHg_s()));
    }
    CHECK(max_rate < 30.0);
    CHECK(p.summary().assessed_s == Approx(60.0));
}

TEST_CASE("the target column replaces the default prescription", "[replay][pressure]") {
    PressureTracker p;
    drive(
        p, 0.0, 20.0, [](double) { return 120.0; }, 120.0);
    PressureSummary s = p.summary();
    CHECK(s.target_from_recording);
    REQUIRE(s.time_in_band_pct);
    CHECK(*s.time_in_band_pct == Approx(100.0));
    // The leg's default is 60 % LOP: 120 mmHg of 200.
    bfr::session::PressureConfig leg;
    leg.default_target_pct_lop = 60.0;
    PressureTracker q{leg};
    drive(
        q, 0.0, 20.0, [](double) { return 120.0; }, kNaN, 200.0);
    s = q.summary();
    REQUIRE(s.time_in_band_pct);
    CHECK(*s.time_in_band_pct == Approx(100.0));
}

TEST_CASE("time at or above LOP, and no time in band when the cuff is never inflated", "[replay][pressure]") {
    PressureTracker p;
    drive(p, 0.0, 10.0, [](double t) { return t <= 4.0 ? 150.0 : 185.0; });
    CHECK(p.summary().above_lop_s == Approx(6.0).margin(0.011));
    PressureTracker deflated;
    drive(deflated, 0.0, 10.0, [](double) { return 5.0; });
    CHECK_FALSE(deflated.summary().time_in_band_pct);
    CHECK(deflated.summary().inflated_s == 0.0);
    PressureTracker unmeasured;
    drive(unmeasured, 0.0, 10.0, [](double) { return kNaN; });
    CHECK_FALSE(unmeasured.summary().time_in_band_pct);
}

TEST_CASE("per-rep peak and valley of %LOP, averaged over the reps with the cuff inflated", "[replay][pressure]") {
    PressureTracker p;
    // Each 2 s rep squeezes the cuff from 81 (45 % of 180) to 99 (55 %) while contracting.
    const auto cuff = [](double t) { return std::fmod(t, 2.0) < 1.0 ? 99.0 : 81.0; };
    for (int rep = 0; rep < 5; ++rep) {
        const double start = 2.0 * rep;
        drive(p, start, start + 2.0, cuff);
        p.on_rep(ns(start), ns(start + 1.1));  // the counter commits shortly after the contraction
    }
    PressureSummary s = p.summary();
    CHECK(s.reps_assessed == 5);
    REQUIRE(s.peak_pct_lop_mean);
    REQUIRE(s.valley_pct_lop_mean);
    CHECK(*s.peak_pct_lop_mean == Approx(55.0));
    CHECK(*s.valley_pct_lop_mean == Approx(45.0));
    // A rep with the cuff deflated is left out.
    drive(p, 10.0, 14.0, [](double) { return 0.0; });
    p.on_rep(ns(12.0), ns(13.0));
    s = p.summary();
    CHECK(s.reps_assessed == 5);
    CHECK(*s.valley_pct_lop_mean == Approx(45.0));
}
