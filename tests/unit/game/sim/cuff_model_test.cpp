#include "game/sim/cuff_model.hpp"
#include "game/sim/random.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace bfr::sim;

namespace {

constexpr double kDt = 0.001;

/// Seconds the pump needs to take an empty cuff to `mmhg`.
double time_to_reach(const CuffParams& params, double mmhg) {
    CuffModel cuff(params);
    double t = 0.0;
    while (cuff.pressure_mmhg() < mmhg && t < 30.0) {
        cuff.step({1.0, 0.0}, 0.0, 0.0, kDt);
        t += kDt;
    }
    return t;
}

}  // namespace

TEST_CASE("splitmix64 matches its published first output and xoshiro is repeatable", "[sim][random]") {
    std::uint64_t state = 0;
    CHECK(splitmix64_next(state) == 0xE220A8397B1DCDAFULL);
    Rng a(42), b(42), c(43);
    for (int i = 0; i < 100; ++i) {
        const auto x = a.next_u64();
        CHECK(x == b.next_u64());
        if (i == 0) CHECK(x != c.next_u64());
    }
}

TEST_CASE("uniform and gaussian draws have the right moments", "[sim][random]") {
    Rng rng(7);
    constexpr int kN = 200000;
    double su = 0.0, sg = 0.0, sg2 = 0.0;
    for (int i = 0; i < kN; ++i) {
        su += rng.uniform_01();
        const double g = rng.gaussian();
        sg += g;
        sg2 += g * g;
    }
    CHECK(su / kN == Approx(0.5).margin(0.005));
    CHECK(sg / kN == Approx(0.0).margin(0.01));
    CHECK(sg2 / kN == Approx(1.0).margin(0.02));
    // Counter-based noise is a pure function of its arguments.
    CHECK(hashed_gaussian(1, 2, 3) == hashed_gaussian(1, 2, 3));
    CHECK(hashed_gaussian(1, 2, 3) != hashed_gaussian(1, 2, 4));
    CHECK(hashed_gaussian(1, 2, 3) != hashed_gaussian(1, 3, 3));
}

TEST_CASE("the pump takes an empty cuff past 100 mmHg in 2 to 4 s", "[sim][cuff]") {
    for (Limb limb : {Limb::Arm, Limb::Leg}) {
        const double t = time_to_reach(default_cuff_params(limb, Profile::Tight), 100.0);
        INFO("limb " << static_cast<int>(limb) << ": " << t << " s");
        CHECK(t > 2.0);
        CHECK(t < 4.0);
    }
}

TEST_CASE("the open valve empties the cuff and the shut one holds it apart from leak and creep", "[sim][cuff]") {
    const CuffParams params = default_cuff_params(Limb::Arm, Profile::Tight);
    CuffModel cuff(params);
    while (cuff.pressure_mmhg() < 150.0) cuff.step({1.0, 0.0}, 0.0, 0.0, kDt);
    for (int i = 0; i < 200; ++i) cuff.step({}, 0.0, 0.0, kDt);  // pump runs down
    const double start = cuff.pressure_mmhg();
    for (int i = 0; i < 10000; ++i) cuff.step({}, 0.0, 0.0, kDt);
    const double drop = start - cuff.pressure_mmhg();
    CHECK(drop > 0.5);   // leak + creep are real...
    CHECK(drop < 10.0);  // ...but slow: a few mmHg per 10 s
    for (int i = 0; i < 3000; ++i) cuff.step({0.0, 1.0}, 0.0, 0.0, kDt);
    CHECK(cuff.pressure_mmhg() < 15.0);
    CHECK(cuff.pressure_mmhg() >= 0.0);
}

TEST_CASE("an extra leak drains the shut cuff faster", "[sim][cuff]") {
    const CuffParams params = default_cuff_params(Limb::Arm, Profile::Tight);
    CuffModel slow(params), fast(params);
    while (slow.pressure_mmhg() < 120.0) {
        slow.step({1.0, 0.0}, 0.0, 0.0, kDt);
        fast.step({1.0, 0.0}, 0.0, 0.0, kDt);
    }
    for (int i = 0; i < 10000; ++i) {
        slow.step({}, 0.0, 0.0, kDt);
        fast.step({}, 0.0, 30.0, kDt);
    }
    CHECK(slow.pressure_mmhg() - fast.pressure_mmhg() > 25.0);
}

TEST_CASE("tissue pushed into the bladder raises pressure by volume over compliance", "[sim][cuff]") {
    CuffParams params = default_cuff_params(Limb::Leg, Profile::Tight);
    params.leak_pct_per_10s = 0.0;
    params.creep_ml_per_mmhg = 0.0;
    CuffModel cuff(params);
    while (cuff.pressure_mmhg() < 160.0) cuff.step({1.0, 0.0}, 0.0, 0.0, kDt);
    for (int i = 0; i < 300; ++i) cuff.step({}, 0.0, 0.0, kDt);
    const double before = cuff.pressure_mmhg();
    const double c = cuff.compliance_ml_per_mmhg(before);
    for (int i = 1; i <= 500; ++i) cuff.step({}, 30.0 * i / 500.0, 0.0, kDt);
    CHECK(cuff.pressure_mmhg() - before == Approx(30.0 / c).epsilon(0.02));
    for (int i = 1; i <= 500; ++i) cuff.step({}, 30.0 * (1.0 - i / 500.0), 0.0, kDt);
    CHECK(cuff.pressure_mmhg() == Approx(before).margin(0.05));
}

TEST_CASE("pulse ripple is zero deflated, a few mmHg mid-range, fading near LOP and zero at or above it",
          "[sim][cuff]") {
    constexpr double kLop = 170.0;
    CHECK(pulse_ripple_pp_mmhg(0.0, kLop, 3.0) == 0.0);
    CHECK(pulse_ripple_pp_mmhg(85.0, kLop, 3.0) == Approx(3.0));
    CHECK(pulse_ripple_pp_mmhg(0.95 * kLop, kLop, 3.0) < 2.5);
    CHECK(pulse_ripple_pp_mmhg(0.95 * kLop, kLop, 3.0) > 0.5);
    CHECK(pulse_ripple_pp_mmhg(0.995 * kLop, kLop, 3.0) < 0.5);
    CHECK(pulse_ripple_pp_mmhg(kLop, kLop, 3.0) == 0.0);
    CHECK(pulse_ripple_pp_mmhg(1.2 * kLop, kLop, 3.0) == 0.0);
    double prev = 10.0;
    for (double x = 0.88; x < 1.0; x += 0.01) {
        const double pp = pulse_ripple_pp_mmhg(x * kLop, kLop, 3.0);
        CHECK(pp <= prev);
        prev = pp;
    }
}

TEST_CASE("the sensor quantises to 0.1 mmHg and never reads below zero", "[sim][cuff]") {
    const CuffParams params = default_cuff_params(Limb::Arm, Profile::Tight);
    const double r = sensor_reading_mmhg(123.456, 0.0, params);
    CHECK(r == Approx(123.5).margin(1e-9));
    CHECK(std::abs(r * 10.0 - std::round(r * 10.0)) < 1e-6);
    CHECK(sensor_reading_mmhg(0.1, -3.0, params) == 0.0);
    CHECK(sensor_reading_mmhg(100.0, 1.0, params) == Approx(100.3).margin(1e-9));
}
