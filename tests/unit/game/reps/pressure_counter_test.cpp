#include "game/reps/pressure_counter.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <random>
#include <vector>

using bfr::reps::PressureRepCounter;
using bfr::reps::RepEvent;

namespace {

constexpr double kPi = 3.14159265358979323846;

/// Feeds `pressure(t)` at `rate_hz` from 0 to `end_s`; returns the reps (finish() included).
std::vector<RepEvent> run(const std::function<double(double)>& pressure, double end_s, double rate_hz = 50.0) {
    PressureRepCounter counter;
    std::vector<RepEvent> reps;
    for (double t = 0.0; t < end_s; t += 1.0 / rate_hz) {
        if (const auto r = counter.push(static_cast<std::int64_t>(std::llround(t * 1e9)), pressure(t))) reps.push_back(*r);
    }
    if (const auto r = counter.finish()) reps.push_back(*r);
    return reps;
}

/// A contraction's rise: 0 outside [from, from + reps x period), a half sine per rep (up and down).
double reps_at(double t, double from, int reps, double period_s, double rise_mmhg) {
    const double in = t - from;
    if (in < 0.0 || in >= reps * period_s) return 0.0;
    const double phase = std::fmod(in, period_s) / period_s;
    return phase < 0.6 ? rise_mmhg * std::sin(kPi * phase / 0.6) : 0.0;
}

/// The cuff inflating over 2 s from t = 1 s to `held` mmHg.
double inflated(double t, double held) {
    return t < 1.0 ? 0.0 : t < 3.0 ? held * (t - 1.0) / 2.0 : held;
}

/// The arterial pulse ripple: 3 mmHg peak to peak at `bpm`.
double pulse(double t, double bpm) {
    return 1.5 * std::sin(2.0 * kPi * bpm / 60.0 * t);
}

}  // namespace

TEST_CASE("each contraction under the cuff is one rep; the pulse and the inflation are none", "[reps][pressure]") {
    for (const double bpm : {50.0, 80.0, 110.0}) {
        for (const double rise : {6.0, 15.0, 40.0}) {
            for (const double period : {2.0, 5.0}) {
                const auto reps = run(
                    [&](double t) { return inflated(t, 90.0) + pulse(t, bpm) + reps_at(t, 8.0, 12, period, rise); },
                    8.0 + 12 * period + 5.0);
                INFO(bpm << " bpm, " << rise << " mmHg rise, " << period << " s per rep");
                CHECK(reps.size() == 12);
                for (const auto& r : reps) {
                    CHECK(r.signal == bfr::reps::RepSignal::Pressure);
                    CHECK(r.turn_ns >= r.start_ns);
                    CHECK(r.commit_ns >= r.turn_ns);
                }
            }
        }
    }
}

TEST_CASE("no reps from a cuff that only inflates, leaks, re-pumps, steps its target and deflates",
          "[reps][pressure]") {
    std::mt19937 rng(3);
    std::normal_distribution<double> noise(0.0, 0.4);
    const auto reps = run(
        [&](double t) {
            double p = inflated(t, 120.0);
            if (t > 3.0) p -= 1.5 * (t - 3.0);                  // a leak, 1.5 mmHg/s
            if (t > 15.0) p += 1.5 * (t - 15.0) + 18.0;         // re-pumped at 15 s (back up, above)
            if (t > 30.0) p += 25.0;                            // the target raised
            if (t > 45.0) p = std::max(0.0, p - 60.0 * (t - 45.0));  // deflated
            return p + pulse(t, 70.0) + noise(rng);
        },
        60.0);
    CHECK(reps.empty());
}

TEST_CASE("reps go on being counted through a leak and a re-pump between them", "[reps][pressure]") {
    const auto reps = run(
        [&](double t) {
            double held = inflated(t, 100.0);
            if (t > 3.0) held -= 1.0 * (t - 3.0);    // leaking
            if (t > 20.0) held += 1.0 * (t - 20.0);  // re-pumped at 20 s (a step back up, between reps)
            return held + pulse(t, 75.0) + reps_at(t, 6.0, 15, 2.5, 14.0);
        },
        6.0 + 15 * 2.5 + 4.0);
    CHECK(reps.size() == 15);
}

TEST_CASE("the pressure counter ignores broken samples and times going backwards", "[reps][pressure]") {
    PressureRepCounter counter;
    const double bad[] = {std::nan(""), -5.0, 800.0, std::numeric_limits<double>::infinity()};
    std::int64_t t = 0;
    for (int i = 0; i < 500; ++i) {
        t += 20'000'000;
        CHECK_FALSE(counter.push(i % 7 == 0 ? t - 500'000'000 : t, i % 3 == 0 ? bad[i % 4] : 90.0).has_value());
    }
    CHECK_FALSE(counter.finish().has_value());
    CHECK(counter.count() == 0);
}

TEST_CASE("a first rep that rides on the end of a slow inflation, and one on a re-pump, still count",
          "[reps][pressure]") {
    // A slow pump: 0 to 150 mmHg over 5 s, and the set starts as it tops out (the first rep
    // rises straight from the ramp); later a re-pump starts as a rep is still coming down.
    const auto reps = run(
        [&](double t) {
            double held = t < 1.0 ? 0.0 : std::min(150.0, 30.0 * (t - 1.0));
            if (t > 20.0) held -= 2.0 * std::min(t - 20.0, 10.0);                     // leaking ...
            if (t > 30.9) held += std::min(40.0, 40.0 * (t - 30.9));                 // ... re-pumped during a rep
            return held + pulse(t, 70.0) + reps_at(t, 5.8, 15, 2.0, 20.0);
        },
        5.8 + 15 * 2.0 + 4.0);
    CHECK(reps.size() == 15);
}
