#include "game/reps/motion_counter.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

using bfr::reps::MotionRepCounter;
using bfr::reps::RepEvent;

namespace {

constexpr double kPi = 3.14159265358979323846;

/// A set as an accelerometer on the limb would see it: `still_s` of rest, then `reps` reps of
/// `period_s` each (a raised-cosine excursion of `amp_g` along a movement axis, the limb at rest
/// between), then `still_s` again; gravity along another axis; the whole rotated by `rotation`
/// (a unit quaternion w, x, y, z); sensor noise of `noise_g` (1 SD).
struct SetSpec {
    int reps = 10;
    double period_s = 2.5;
    double rate_hz = 25.0;
    double amp_g = 0.3;
    double still_s = 4.0;
    double noise_g = 0.01;
    double jitter = 0.0;  ///< Timestamps jittered by this share of the sample interval.
    double q[4] = {1, 0, 0, 0};
    unsigned seed = 1;
};

struct Out {
    std::vector<RepEvent> reps;
};

void rotate(const double (&q)[4], double (&v)[3]) {
    const double w = q[0], x = q[1], y = q[2], z = q[3];
    const double r[3][3] = {{1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)},
                            {2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)},
                            {2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)}};
    const double in[3] = {v[0], v[1], v[2]};
    for (int i = 0; i < 3; ++i) v[i] = r[i][0] * in[0] + r[i][1] * in[1] + r[i][2] * in[2];
}

Out run_set(const SetSpec& spec, MotionRepCounter& counter, bool gyro_only = false) {
    Out out;
    std::mt19937 rng(spec.seed);
    std::normal_distribution<double> noise(0.0, spec.noise_g);
    std::uniform_real_distribution<double> jitter(-spec.jitter, spec.jitter);
    const double total = 2.0 * spec.still_s + spec.reps * spec.period_s;
    const double dt = 1.0 / spec.rate_hz;
    for (double t = 0.0; t < total; t += dt) {
        const double ts = t + jitter(rng) * dt;
        double e = 0.0;
        double de = 0.0;
        const double in_set = ts - spec.still_s;
        if (in_set >= 0.0 && in_set < spec.reps * spec.period_s) {
            const double phase = std::fmod(in_set, spec.period_s) / spec.period_s;
            e = 0.5 - 0.5 * std::cos(2.0 * kPi * phase);
            de = kPi * std::sin(2.0 * kPi * phase) / spec.period_s;
        }
        double a[3] = {spec.amp_g * e + noise(rng), noise(rng), 1.0 + noise(rng)};
        double g[3] = {200.0 * de + 100.0 * noise(rng), 100.0 * noise(rng), 100.0 * noise(rng)};
        rotate(spec.q, a);
        rotate(spec.q, g);
        const auto t_ns = static_cast<std::int64_t>(std::llround(ts * 1e9));
        const double nan = std::nan("");
        if (gyro_only) {
            counter.push(t_ns, nan, nan, nan, g[0], g[1], g[2], out.reps);
        } else {
            counter.push(t_ns, a[0], a[1], a[2], g[0], g[1], g[2], out.reps);
        }
    }
    counter.finish(out.reps);
    return out;
}

}  // namespace

TEST_CASE("the motion counter counts a set of reps, with their timing", "[reps][motion]") {
    for (const int reps : {5, 10, 15}) {
        for (const double period : {2.0, 3.0, 4.5}) {
            SetSpec spec;
            spec.reps = reps;
            spec.period_s = period;
            MotionRepCounter counter;
            const Out out = run_set(spec, counter);
            INFO(reps << " reps of " << period << " s");
            CHECK(static_cast<int>(out.reps.size()) == reps);
            CHECK(counter.count() == static_cast<std::uint32_t>(out.reps.size()));
            CHECK(counter.period_s() == Approx(period).epsilon(0.1));
            for (std::size_t i = 0; i < out.reps.size(); ++i) {
                const RepEvent& r = out.reps[i];
                CHECK(r.index == i + 1);
                CHECK(r.signal == bfr::reps::RepSignal::Motion);
                CHECK(r.start_ns <= r.turn_ns);
                CHECK(r.turn_ns <= r.end_ns);
                CHECK(r.turn_ns <= r.commit_ns);  // committed once it has turned (its end may be estimated)
                CHECK(r.second_phase_s > 0.0);
                // The phases span the excursion lobe: about half a period of a continuous movement.
                CHECK(r.first_phase_s + r.second_phase_s > 0.3 * period);
                CHECK(r.first_phase_s + r.second_phase_s < 1.2 * period);
                CHECK(r.quality_01 >= 0.0);
                CHECK(r.quality_01 <= 1.0);
                // Reps before the set is recognised wait for it; after it, every rep is prompt.
                if (i > 0 && !out.reps[i - 1].confirmed_late) CHECK_FALSE(r.confirmed_late);
                if (i >= 2 && i + 1 < out.reps.size()) {  // prompt: within one period of the rep's own time
                    const double lag = static_cast<double>(r.commit_ns - r.turn_ns) * 1e-9;
                    CHECK(lag < period);
                }
            }
        }
    }
}

TEST_CASE("a set is recognised by its third rep: only the first two wait for it", "[reps][motion]") {
    for (const double period : {2.0, 3.0, 4.0, 5.0, 6.0}) {
        for (const unsigned seed : {1u, 2u, 3u}) {
            SetSpec spec;
            spec.reps = 8;
            spec.period_s = period;
            spec.seed = seed;
            spec.noise_g = 0.02;
            MotionRepCounter counter;
            const Out out = run_set(spec, counter);
            INFO(period << " s per rep, seed " << seed);
            REQUIRE(out.reps.size() == 8);
            int late = 0;
            for (const RepEvent& r : out.reps) late += r.confirmed_late ? 1 : 0;
            CHECK(late <= 2);
            // Each rep's excursion ends with its period. The third rep, the one that completes
            // the chain, commits as its excursion's lobe completes (within 0.4 of a period of its
            // end); every later one within a second of its end, at any tempo.
            for (std::size_t i = 2; i < out.reps.size(); ++i) {
                const double end_s = spec.still_s + static_cast<double>(i + 1) * period;
                const double lag = static_cast<double>(out.reps[i].commit_ns) * 1e-9 - end_s;
                INFO("rep " << i + 1 << " lag " << lag);
                CHECK_FALSE(out.reps[i].confirmed_late);
                CHECK(lag < (i == 2 ? 0.4 * period : 1.0));
            }
        }
    }
}

TEST_CASE("the motion counter does not depend on the sensor's orientation or sample rate", "[reps][motion]") {
    std::mt19937 rng(7);
    std::normal_distribution<double> n01(0.0, 1.0);
    for (int trial = 0; trial < 8; ++trial) {
        SetSpec spec;
        spec.reps = 12;
        double q[4] = {n01(rng), n01(rng), n01(rng), n01(rng)};
        const double norm = std::sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        for (int i = 0; i < 4; ++i) spec.q[i] = q[i] / norm;
        spec.rate_hz = trial % 2 == 0 ? 10.0 : 100.0;
        spec.jitter = trial % 3 == 0 ? 0.3 : 0.0;
        spec.seed = static_cast<unsigned>(trial + 11);
        MotionRepCounter counter;
        INFO("trial " << trial << " at " << spec.rate_hz << " Hz");
        CHECK(run_set(spec, counter).reps.size() == 12);
    }
}

TEST_CASE("the motion counter counts from the gyroscope alone too", "[reps][motion]") {
    SetSpec spec;
    spec.reps = 10;
    MotionRepCounter counter;
    const auto n = run_set(spec, counter, true).reps.size();
    CHECK(n >= 9);
    CHECK(n <= 11);
}

TEST_CASE("stillness, noise and broken samples are no reps", "[reps][motion]") {
    SetSpec still;
    still.reps = 0;
    still.still_s = 30.0;
    still.noise_g = 0.02;
    MotionRepCounter a;
    CHECK(run_set(still, a).reps.empty());

    // Two isolated movements (an un-racking, an adjustment) are not a set.
    MotionRepCounter b;
    SetSpec two;
    two.reps = 1;
    two.still_s = 10.0;
    CHECK(run_set(two, b).reps.empty());

    // Non-finite values, times going backwards and long gaps never crash or count.
    MotionRepCounter c;
    const double nan = std::nan("");
    const double inf = std::numeric_limits<double>::infinity();
    std::int64_t t = 0;
    std::vector<RepEvent> none;
    for (int i = 0; i < 2000; ++i) {
        t += i % 97 == 0 ? 5'000'000'000 : 40'000'000;  // a 5 s gap now and then
        const std::int64_t stamp = i % 13 == 0 ? t - 1'000'000'000 : t;  // sometimes earlier
        const double v = i % 5 == 0 ? nan : i % 7 == 0 ? inf : 0.01 * std::sin(i * 0.1);
        c.push(stamp, v, 0.0, 1.0, nan, nan, nan, none);
    }
    c.finish(none);
    CHECK(none.empty());
    MotionRepCounter d;  // no sample at all
    d.finish(none);
    CHECK(none.empty());
}

TEST_CASE("a set cut right after its last rep still counts it, at the latest at finish()", "[reps][motion]") {
    // The stream stops as the last rep gets back to rest, or just after (the wrist band stops
    // recording as the bar is racked): in a live session the set's end is known from the protocol
    // or the cuff, in a file from its end, and finish() says so.
    for (const double cut : {0.75, 0.8, 0.9}) {
        SetSpec spec;
        spec.reps = 8;
        spec.still_s = 3.0;
        MotionRepCounter counter;
        std::vector<RepEvent> reps;
        const double end = spec.still_s + (spec.reps - 1) * spec.period_s + cut * spec.period_s;
        const double dt = 1.0 / spec.rate_hz;
        for (double t = 0.0; t < end; t += dt) {
            const double in_set = t - spec.still_s;
            double e = 0.0;
            // Each rep: 80 % of the period moving, then a brief pause at rest (where the limb dwells).
            const double phase = in_set >= 0.0 ? std::fmod(in_set, spec.period_s) / (0.8 * spec.period_s) : 1.0;
            if (phase < 1.0) e = 0.5 - 0.5 * std::cos(2.0 * kPi * phase);
            counter.push(static_cast<std::int64_t>(std::llround(t * 1e9)), 0.3 * e, 0.0, 1.0, 0, 0, 0, reps);
        }
        const std::size_t before = reps.size();
        counter.finish(reps);
        INFO("cut at " << cut << " of the last period: " << before << " before finish()");
        CHECK(before >= 7);
        CHECK(reps.size() == 8);
    }
}
