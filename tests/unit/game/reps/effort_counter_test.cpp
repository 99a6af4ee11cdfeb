// The effort rep counter with real numbers: clean and noisy pulses, spikes, drift, dips, low
// sample rates, a contraction open at the end of the stream.

#include "game/reps/effort_counter.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

using bfr::reps::EffortRep;
using bfr::reps::EffortRepCounter;

namespace {

constexpr std::int64_t kNsPerS = 1'000'000'000;

std::int64_t ns(double s) {
    return static_cast<std::int64_t>(std::llround(s * 1e9));
}

/// A small deterministic Gaussian noise source (xorshift + Box-Muller), the same everywhere.
class Noise {
public:
    explicit Noise(std::uint64_t seed) : state_{seed * 2654435761u + 1} {}
    double gauss(double sigma) {
        const double u1 = (static_cast<double>(next() >> 11) + 0.5) / 9007199254740992.0;
        const double u2 = (static_cast<double>(next() >> 11) + 0.5) / 9007199254740992.0;
        return sigma * std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

private:
    std::uint64_t next() {
        state_ ^= state_ << 13;
        state_ ^= state_ >> 7;
        state_ ^= state_ << 17;
        return state_;
    }
    std::uint64_t state_;
};

struct Run {
    std::vector<EffortRep> reps;
    std::optional<EffortRep> at_finish;
};

/// Feeds effort(t) sampled at `hz` from 0 to `duration_s`, then finish().
Run feed(double hz, double duration_s, const std::function<double(double)>& effort,
         const bfr::reps::EffortCounterConfig& config = {}) {
    EffortRepCounter counter{config};
    Run run;
    const auto n = static_cast<std::int64_t>(std::floor(duration_s * hz + 1e-9));
    for (std::int64_t i = 0; i <= n; ++i) {
        const std::int64_t t = i * kNsPerS / static_cast<std::int64_t>(hz);
        if (auto rep = counter.push(t, effort(static_cast<double>(t) / 1e9))) run.reps.push_back(*rep);
    }
    run.at_finish = counter.finish();
    return run;
}

/// 1 while `t` lies in [start + k × period, start + k × period + width) for k < count.
double pulse(double t, double start, double period, double width, int count) {
    if (t < start) return 0.0;
    const double k = std::floor((t - start) / period);
    if (k >= count) return 0.0;
    return t - start - k * period < width - 1e-9 ? 1.0 : 0.0;
}

}  // namespace

TEST_CASE("clean pulses: one rep each, committed 0.1 s after the effort is back at rest", "[reps]") {
    // 50 Hz, 10 pulses of 0.4 for 1.2 s every 2 s from t = 1 s.
    const Run run = feed(50.0, 25.0, [](double t) { return 0.4 * pulse(t, 1.0, 2.0, 1.2, 10); });
    REQUIRE(run.reps.size() == 10);
    CHECK_FALSE(run.at_finish);
    for (std::size_t i = 0; i < run.reps.size(); ++i) {
        const EffortRep& r = run.reps[i];
        const double start = 1.0 + 2.0 * static_cast<double>(i);
        CHECK(r.index == i + 1);
        CHECK(r.start_ns == ns(start));
        CHECK(r.end_ns == ns(start + 1.2));
        CHECK(r.commit_ns == ns(start + 1.3));
        CHECK(r.peak == Approx(0.4));
        CHECK(r.rest_level == Approx(0.0).margin(1e-12));
    }
}

TEST_CASE("noisy pulses at 100 Hz are counted exactly, and noise at rest never is", "[reps]") {
    Noise noise{7};
    // 20 pulses of 0.3 (1 s every 2.5 s), noise σ 0.02 everywhere (about 7 % of the amplitude).
    const Run run = feed(100.0, 60.0, [&](double t) {
        return std::clamp(0.3 * pulse(t, 2.0, 2.5, 1.0, 20) + noise.gauss(0.02), 0.0, 1.0);
    });
    CHECK(run.reps.size() == 20);
    for (std::size_t i = 0; i < run.reps.size(); ++i) {
        const double end = 2.0 + 2.5 * static_cast<double>(i) + 1.0;
        CHECK(static_cast<double>(run.reps[i].commit_ns) / 1e9 == Approx(end + 0.1).margin(0.1));
    }
    Noise quiet{8};
    const Run rest = feed(100.0, 120.0, [&](double) { return std::clamp(quiet.gauss(0.02), 0.0, 1.0); });
    CHECK(rest.reps.empty());
}

TEST_CASE("spikes shorter than 0.15 s are not reps", "[reps]") {
    // Single-sample spikes of 0.9 and 0.1 s bursts of 0.6 at 50 Hz, between 3 real contractions.
    const Run run = feed(50.0, 20.0, [](double t) {
        double e = 0.35 * pulse(t, 1.0, 6.0, 1.5, 3);
        if (std::fabs(t - 3.5) < 0.005 || std::fabs(t - 9.5) < 0.005) e = 0.9;  // one sample
        if (t >= 4.5 && t < 4.6 - 1e-9) e = 0.6;                                // 0.1 s (5 samples)
        if (t >= 10.5 && t < 10.62 - 1e-9) e = 0.6;                             // 0.12 s
        return e;
    });
    CHECK(run.reps.size() == 3);
    // A contraction of 0.3 s is a rep.
    const Run short_rep = feed(50.0, 5.0, [](double t) { return t >= 1.0 && t < 1.3 - 1e-9 ? 0.4 : 0.0; });
    CHECK(short_rep.reps.size() == 1);
}

TEST_CASE("a slow drift of the rest level is never a rep, and pulses on top of it still are", "[reps]") {
    // The baseline creeps from 0 to 0.3 over 2 minutes (0.0025 /s).
    const Run drift = feed(50.0, 120.0, [](double t) { return 0.0025 * t; });
    CHECK(drift.reps.empty());
    const Run pulses = feed(50.0, 120.0, [](double t) { return 0.0025 * t + 0.3 * pulse(t, 5.0, 4.0, 1.5, 25); });
    CHECK(pulses.reps.size() == 25);
    // The counter's rest level followed the drift.
    EffortRepCounter counter;
    for (int i = 0; i <= 6000; ++i) counter.push(i * kNsPerS / 50, 0.0025 * i / 50.0);
    CHECK(counter.rest_level() == Approx(0.3).margin(0.01));
}

TEST_CASE("a dip inside a contraction is not a rest; a short rest between contractions is", "[reps]") {
    // One 2 s contraction of 0.4 dipping to 0 for 60 ms in its middle: one rep.
    const Run dip = feed(100.0, 6.0, [](double t) {
        if (t >= 2.0 && t < 2.06 - 1e-9) return 0.0;
        return t >= 1.0 && t < 3.0 - 1e-9 ? 0.4 : 0.0;
    });
    CHECK(dip.reps.size() == 1);
    // Two contractions 0.2 s apart: two reps.
    const Run two = feed(
        100.0, 6.0, [](double t) { return (t >= 1.0 && t < 2.0 - 1e-9) || (t >= 2.2 && t < 3.2 - 1e-9) ? 0.4 : 0.0; });
    CHECK(two.reps.size() == 2);
}

TEST_CASE("at 5 Hz a contraction needs two samples; it is still committed on time", "[reps]") {
    const Run run = feed(5.0, 30.0, [](double t) { return 0.5 * pulse(t, 2.0, 3.0, 1.0, 8); });
    REQUIRE(run.reps.size() == 8);
    CHECK(run.reps.front().commit_ns == ns(3.2));  // back at rest at 3.0, confirmed by the next sample
    const Run spike = feed(5.0, 10.0, [](double t) { return std::fabs(t - 4.0) < 0.01 ? 0.9 : 0.0; });
    CHECK(spike.reps.empty());
}

TEST_CASE("a weaker set after a strong one is counted; small bumps between strong reps are not", "[reps]") {
    const Run run = feed(
        50.0, 60.0, [](double t) { return 0.6 * pulse(t, 1.0, 2.0, 1.0, 10) + 0.2 * pulse(t, 21.0, 2.0, 1.0, 10); });
    CHECK(run.reps.size() == 20);
    // Bumps of 0.1 for 0.5 s in the rests between reps of 0.8: the threshold sits at 0.16 above rest.
    const Run bumps =
        feed(50.0, 40.0, [](double t) { return 0.8 * pulse(t, 1.0, 3.0, 1.0, 10) + 0.1 * pulse(t, 5.5, 3.0, 0.5, 8); });
    CHECK(bumps.reps.size() == 10);
}

TEST_CASE("the end of the stream: a contraction back at rest counts, one still up does not", "[reps]") {
    // Back below `off` 40 ms before the last sample: not yet confirmed by push, committed by finish.
    Run run = feed(50.0, 5.0, [](double t) { return t >= 3.0 && t < 4.96 - 1e-9 ? 0.4 : 0.0; });
    CHECK(run.reps.empty());
    REQUIRE(run.at_finish);
    CHECK(run.at_finish->commit_ns == ns(5.0));
    CHECK(run.at_finish->index == 1);
    // Still contracting at the last sample: not a rep (it never returned to rest).
    run = feed(50.0, 5.0, [](double t) { return t >= 3.0 ? 0.4 : 0.0; });
    CHECK(run.reps.empty());
    CHECK_FALSE(run.at_finish);
}

TEST_CASE("a recording that starts mid-contraction counts it; a lasting offset is a new rest level", "[reps]") {
    const Run first = feed(50.0, 10.0, [](double t) { return 0.35 * pulse(t, 0.0, 2.0, 1.0, 5); });
    CHECK(first.reps.size() == 5);
    // An offset of 0.2 that appears at 5 s and stays: after 60 s it is the rest level, and the
    // pulses on top of it from then on are reps.
    const Run offset =
        feed(50.0, 120.0, [](double t) { return (t >= 5.0 ? 0.2 : 0.0) + 0.3 * pulse(t, 70.0, 2.0, 1.0, 20); });
    CHECK(offset.reps.size() == 20);
}

TEST_CASE("values out of range are clamped, non-finite ones ignored, time never runs back", "[reps]") {
    EffortRepCounter counter;
    std::vector<EffortRep> reps;
    const auto push = [&](double s, double e) {
        if (auto r = counter.push(ns(s), e)) reps.push_back(*r);
    };
    push(0.0, -1.0);
    push(0.1, std::nan(""));
    for (int i = 0; i < 50; ++i) push(1.0 + 0.02 * i, 7.0);  // clamped to 1
    push(1.5, INFINITY);
    for (int i = 0; i < 20; ++i) push(2.0 + 0.02 * i, 0.0);
    REQUIRE(reps.size() == 1);
    CHECK(reps[0].peak == 1.0);
    push(0.5, 0.0);  // earlier than the previous sample: taken at the previous time
    CHECK(counter.count() == 1);
}
