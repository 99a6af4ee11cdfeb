#include "game/reps/rep_counting.hpp"

#include "game/telemetry/format_v1.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using bfr::reps::RepCounting;
using bfr::reps::RepCountingConfig;
using bfr::reps::RepEvent;
using bfr::reps::RepSignal;
using bfr::telemetry::Sample;

namespace {

constexpr double kPi = 3.14159265358979323846;

Sample sample(double t_s) {
    Sample s;
    s.clear();
    s.t_ns = static_cast<std::int64_t>(std::llround(t_s * 1e9));
    return s;
}

/// 0 at rest, 1 at the top: `reps` reps of 2 s (1 s up, 1 s down) from t = 1 s.
double progress(double t, int reps) {
    const double in = t - 1.0;
    if (in < 0.0 || in >= 2.0 * reps) return 0.0;
    return 0.5 - 0.5 * std::cos(kPi * std::fmod(in, 2.0));
}

}  // namespace

TEST_CASE("reps from the joint angle, whichever way the joint moves, with their phases", "[reps][fusion]") {
    for (const bool leg : {false, true}) {
        RepCountingConfig config;
        config.rest_angle_deg = leg ? 90.0 : 10.0;  // knee extension: from 90° toward 5°
        config.contracted_angle_deg = leg ? 5.0 : 135.0;
        RepCounting counting{config};
        std::vector<RepEvent> reps;
        for (double t = 0.0; t < 25.0; t += 0.02) {
            Sample s = sample(t);
            s.set(bfr::telemetry_v1::kAngleDeg,
                  config.rest_angle_deg + (config.contracted_angle_deg - config.rest_angle_deg) * progress(t, 10));
            counting.push(s, reps);
        }
        counting.finish(reps);
        INFO((leg ? "leg" : "arm"));
        REQUIRE(reps.size() == 10);
        CHECK(counting.lead() == RepSignal::Angle);
        for (const RepEvent& r : reps) {
            CHECK(r.signal == RepSignal::Angle);
            CHECK(r.first_phase_s == Approx(1.0).margin(0.2));   // up
            CHECK(r.second_phase_s == Approx(0.8).margin(0.25));  // down, until back near rest
            CHECK(r.range == bfr::reps::RepRange::Full);
            const double commit_after_rep_end_s = static_cast<double>(r.commit_ns) * 1e-9 - (1.0 + 2.0 * r.index);
            CHECK(commit_after_rep_end_s < 0.5);  // prompt
        }
    }
}

TEST_CASE("half-range reps are partial", "[reps][fusion]") {
    RepCounting counting{RepCountingConfig{}};
    std::vector<RepEvent> reps;
    for (double t = 0.0; t < 15.0; t += 0.02) {
        Sample s = sample(t);
        s.set(bfr::telemetry_v1::kAngleDeg, 10.0 + 125.0 * 0.45 * progress(t, 6));
        counting.push(s, reps);
    }
    REQUIRE(reps.size() == 6);
    for (const RepEvent& r : reps) CHECK(r.range == bfr::reps::RepRange::Partial);
}

TEST_CASE("the most trustworthy signal present counts, and no rep is counted twice", "[reps][fusion]") {
    RepCounting counting{RepCountingConfig{}};
    std::vector<RepEvent> reps;
    // 8 reps seen by effort and the angle at once: effort leads.
    for (double t = 0.0; t < 18.0; t += 0.02) {
        const double p = progress(t, 8);
        Sample s = sample(t);
        s.set(bfr::telemetry_v1::kEffort, 0.4 * p);
        s.set(bfr::telemetry_v1::kAngleDeg, 10.0 + 125.0 * p);
        counting.push(s, reps);
    }
    CHECK(reps.size() == 8);
    CHECK(counting.lead() == RepSignal::Effort);
    for (const RepEvent& r : reps) CHECK(r.signal == RepSignal::Effort);
    CHECK(counting.count() == 8);
    // The effort sensor falls silent: after kSignalLiveNs the angle leads and counts on.
    for (double t = 18.0; t < 40.0; t += 0.02) {
        Sample s = sample(t);
        s.set(bfr::telemetry_v1::kAngleDeg, 10.0 + 125.0 * progress(t - 22.0, 5));
        counting.push(s, reps);
    }
    CHECK(counting.lead() == RepSignal::Angle);
    CHECK(reps.size() == 13);
    CHECK(reps.back().index == 13);
}

TEST_CASE("the contract input alone counts each hold of at least 0.15 s", "[reps][fusion]") {
    RepCounting counting{RepCountingConfig{}};
    std::vector<RepEvent> reps;
    double t = 0.0;
    auto event = [&](const char* name) {
        Sample s = sample(t);
        s.event = name;
        counting.push(s, reps);
    };
    for (int i = 0; i < 5; ++i) {
        event("contract_down");
        t += 0.8;
        event("contract_up");
        t += 1.0;
    }
    event("contract_down");  // a tap is not a rep
    t += 0.05;
    event("contract_up");
    event("contract_up");  // a stray release neither
    CHECK(reps.size() == 5);
    CHECK(counting.lead() == RepSignal::Contract);
    CHECK(reps[0].first_phase_s == Approx(0.8));
}

TEST_CASE("a sample with nothing to count from counts nothing", "[reps][fusion]") {
    RepCounting counting{RepCountingConfig{}};
    std::vector<RepEvent> reps;
    for (double t = 0.0; t < 30.0; t += 0.05) {
        Sample s = sample(t);
        s.set(bfr::telemetry_v1::kTargetMmhg, 85.0);
        s.set(bfr::telemetry_v1::kLopMmhg, 170.0);
        s.event = "note:nothing";
        counting.push(s, reps);
    }
    counting.finish(reps);
    CHECK(reps.empty());
    CHECK_FALSE(counting.seen(RepSignal::Angle));
    CHECK_FALSE(counting.seen(RepSignal::Pressure));
}

TEST_CASE("the cuff pressure alone counts, last in line", "[reps][fusion]") {
    RepCounting counting{RepCountingConfig{}};
    std::vector<RepEvent> reps;
    for (double t = 0.0; t < 30.0; t += 0.02) {
        Sample s = sample(t);
        s.set(bfr::telemetry_v1::kCuffMmhg, 85.0 + 20.0 * progress(t, 10));  // each contraction lifts it 20 mmHg
        counting.push(s, reps);
    }
    counting.finish(reps);
    CHECK(counting.lead() == RepSignal::Pressure);
    CHECK(reps.size() == 10);
}

TEST_CASE("the contract input leads when the user gives it: each deliberate press is a rep", "[reps][fusion]") {
    // The simulated cuff: the user's presses drive a patient whose effort and angle follow; a press
    // that comes before the arm is back down is still a rep (effort and angle never return to rest).
    RepCounting counting{RepCountingConfig{}};
    std::vector<RepEvent> reps;
    const double downs[] = {1.0, 3.0, 4.6};  // the third press comes 0.4 s after the second release
    const double ups[] = {2.0, 4.2, 6.0};
    for (double t = 0.0; t < 9.0; t += 0.01) {
        Sample s = sample(t);
        const double p = t < 1.0 ? 0.0 : std::min(1.0, 0.5 + 0.5 * std::sin(t));  // stays up
        s.set(bfr::telemetry_v1::kEffort, 0.3 + 0.1 * p);
        s.set(bfr::telemetry_v1::kAngleDeg, 10.0 + 100.0 * p);
        for (std::size_t i = 0; i < 3; ++i) {
            if (std::fabs(t - downs[i]) < 0.005) s.event = "contract_down";
            if (std::fabs(t - ups[i]) < 0.005) s.event = "contract_up";
        }
        counting.push(s, reps);
    }
    CHECK(counting.lead() == RepSignal::Contract);
    REQUIRE(reps.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) CHECK(static_cast<double>(reps[i].commit_ns) * 1e-9 == Approx(ups[i]).margin(0.011));
}
