#include "game/sim/virtual_patient.hpp"
#include "sim_test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace bfr::sim;
using namespace bfr::sim::test;

namespace {

constexpr double kDt = 0.001;

double norm(const Vec3& v) {
    return std::sqrt(v.x * v.x + v.y * v.y + v.z * v.z);
}

/// Peak effort over one auto-tempo rep (1 s contract, 1 s relax).
double rep_peak_effort(VirtualPatient& p) {
    double peak = 0.0;
    for (int i = 0; i < 2000; ++i) {
        p.step(i < 1000, 0.5, kDt);
        peak = std::max(peak, p.effort_01());
    }
    return peak;
}

}  // namespace

TEST_CASE("one rep sweeps the joint through its range in 1 s up and 1 s down", "[sim][patient]") {
    struct Case {
        Limb limb;
        double rest_deg;
        double top_deg;
    };
    for (const Case& c : {Case{Limb::Arm, 10.0, 135.0}, Case{Limb::Leg, 90.0, 5.0}}) {
        VirtualPatient p(c.limb, 30.0, 1);
        CHECK(p.angle_deg() == Approx(c.rest_deg));
        for (int i = 0; i < 1000; ++i) p.step(true, 0.5, kDt);
        CHECK(p.angle_deg() == Approx(c.top_deg).margin(1e-6));
        CHECK(p.angle_rate_dps() == Approx(0.0).margin(1.0));
        for (int i = 0; i < 500; ++i) p.step(false, 0.5, kDt);
        CHECK(p.angle_deg() == Approx(0.5 * (c.rest_deg + c.top_deg)).margin(0.5));
        // Minimum jerk: peak speed 1.875 × range / time at the middle of the sweep.
        CHECK(std::abs(p.angle_rate_dps()) == Approx(1.875 * std::abs(c.top_deg - c.rest_deg)).epsilon(0.01));
        for (int i = 0; i < 500; ++i) p.step(false, 0.5, kDt);
        CHECK(p.angle_deg() == Approx(c.rest_deg).margin(1e-6));
        CHECK(p.reps_started() == 1);
    }
}

TEST_CASE("effort is 0 at rest and 0.2 to 0.4 of MVC for 20 to 40 percent 1RM", "[sim][patient]") {
    VirtualPatient idle(Limb::Leg, 30.0, 1);
    for (int i = 0; i < 5000; ++i) idle.step(false, 0.0, kDt);
    CHECK(idle.effort_01() == 0.0);

    double prev = 0.0;
    for (double load : {20.0, 30.0, 40.0}) {
        VirtualPatient p(Limb::Leg, load, 3);
        const double peak = rep_peak_effort(p);
        INFO("load " << load << " %1RM: peak effort " << peak);
        CHECK(peak > prev);
        CHECK(peak > 0.8 * load / 100.0);
        CHECK(peak < 1.4 * load / 100.0);
        prev = peak;
        // It falls back to rest between auto-tempo reps (the app counts reps from effort).
        for (int i = 0; i < 300; ++i) p.step(false, 0.5, kDt);
        CHECK(p.effort_01() < 0.1 * peak);
    }
}

TEST_CASE("fatigue over a set raises the effort for the same load", "[sim][patient]") {
    VirtualPatient p(Limb::Arm, 30.0, 5);
    double first = 0.0, last = 0.0;
    for (int rep = 0; rep < 30; ++rep) {
        const double peak = rep_peak_effort(p);
        if (rep < 5) first += peak / 5.0;
        if (rep >= 25) last += peak / 5.0;
    }
    CHECK(last > 1.08 * first);
    CHECK(p.fatigue_01() > 0.1);
    CHECK(p.fatigue_01() < 1.0);
    // It recovers at rest.
    const double tired = p.fatigue_01();
    for (int i = 0; i < 60000; ++i) p.step(false, 0.0, kDt);
    CHECK(p.fatigue_01() < 0.7 * tired);
}

TEST_CASE("the accelerometer reads 1 g at rest in a seed-chosen orientation", "[sim][patient][imu]") {
    Vec3 first{};
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        for (Limb limb : {Limb::Arm, Limb::Leg}) {
            VirtualPatient p(limb, 30.0, seed);
            for (int i = 0; i < 100; ++i) p.step(false, 0.0, kDt);
            CHECK(norm(p.accel_g()) == Approx(1.0).margin(1e-9));
            CHECK(norm(p.gyro_dps()) == Approx(0.0).margin(1e-9));
            if (seed == 1 && limb == Limb::Arm) first = p.accel_g();
            if (seed == 2 && limb == Limb::Arm) CHECK(std::abs(p.accel_g().x - first.x) > 1e-3);
        }
    }
}

TEST_CASE("the gyroscope measures the joint's angular velocity and gravity turns with the segment",
          "[sim][patient][imu]") {
    VirtualPatient p(Limb::Arm, 30.0, 9);
    const Vec3 g_rest = p.accel_g();
    double max_err = 0.0, max_rate = 0.0;
    for (int i = 0; i < 1000; ++i) {
        p.step(true, 0.5, kDt);
        max_err = std::max(max_err, std::abs(norm(p.gyro_dps()) - std::abs(p.angle_rate_dps())));
        max_rate = std::max(max_rate, norm(p.gyro_dps()));
    }
    CHECK(max_err < 1e-9);
    CHECK(max_rate == Approx(1.875 * 125.0).epsilon(0.01));
    // At the top (135°) the forearm has turned 125° from the rest pose: so has gravity in the sensor.
    const Vec3 g_top = p.accel_g();
    const double cos_angle =
        (g_rest.x * g_top.x + g_rest.y * g_top.y + g_rest.z * g_top.z) / (norm(g_rest) * norm(g_top));
    CHECK(std::acos(cos_angle) * 180.0 / 3.141592653589793 == Approx(125.0).margin(0.5));
}

TEST_CASE("the heart beats at 1 to 1.5 Hz, a little faster with exercise", "[sim][patient]") {
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        VirtualPatient p(Limb::Leg, 30.0, seed);
        const double rest = p.heart_rate_hz();
        CHECK(rest >= 1.0);
        CHECK(rest <= 1.3);
        for (int rep = 0; rep < 30; ++rep) (void)rep_peak_effort(p);
        CHECK(p.heart_rate_hz() > rest);
        CHECK(p.heart_rate_hz() <= 1.5);
    }
}
