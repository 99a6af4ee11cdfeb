// What a clinician checks by eye, and the numerics: every assertion uses the model's real numbers.
#include "game/physiology/lop.hpp"
#include "game/physiology/model.hpp"
#include "game/physiology/scenario.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

using namespace bfr::physiology;

namespace {

constexpr double kTick = 1.0 / 60.0;

/// Runs the standard arm block (30-15-15-15 at 30 %1RM) at `pct` % LOP and returns the result.
BlockResult arm_block(double pct, double* peak_pooled = nullptr, double* peak_swelling = nullptr) {
    Block b;
    b.params = preset(Limb::Arm);
    b.lop_mmHg = 170.0;
    b.cuff_pct_lop = pct;
    return run_block(b, [&](const State& s, const Inputs&, const Outputs& o) {
        if (peak_pooled != nullptr) *peak_pooled = std::max(*peak_pooled, s.pooled_ml_100ml);
        if (peak_swelling != nullptr) *peak_swelling = std::max(*peak_swelling, o.swelling_pct);
    });
}

bool physical(const State& s, const Outputs& o) {
    const double values[] = {s.t_s, s.bp_rise_mmHg, s.vasodilation, s.pooled_ml_100ml, s.interstitial_ml_100ml,
                             s.cell_swell_pct, s.pcr_mM, s.lactate_mM, s.blood_lactate_mM, s.tissue_o2_pct, s.m_resting,
                             s.m_active, s.m_fatigued, s.discomfort, s.occlusion_s, o.arterial_inflow_pct,
                             o.venous_outflow_pct, o.pcr_pct, o.ph, o.swelling_pct, o.metabolite, o.fatigue_pct,
                             o.recruitment_pct, o.rpe, o.lop_mmHg};
    for (double v : values) {
        if (!std::isfinite(v) || v < 0.0) return false;
    }
    return o.pcr_pct <= 100.0 + 1e-9 && o.ph >= 6.2 && o.ph <= 7.3 && o.metabolite <= 1.0 && o.smo2_pct <= 98.0 &&
           s.pooled_ml_100ml < 4.0 && o.fatigue_pct <= 100.0 && o.recruitment_pct <= 100.0 && o.rpe <= 20.0 &&
           s.discomfort <= 10.0 && std::abs(s.m_resting + s.m_active + s.m_fatigued - 1.0) < 1e-9 &&
           s.lactate_mM < 60.0 && o.swelling_pct < 200.0;
}

}  // namespace

TEST_CASE("at rest with no cuff the model stays exactly at rest", "[physiology]") {
    const Params p = preset(Limb::Leg);
    State s = rest_state(p);
    const Inputs in{0.0, 200.0, 0.0};
    for (int i = 0; i < 60 * 600; ++i) s = step(s, in, p, kTick);
    const Outputs o = observe(s, in, p);
    CHECK(o.arterial_inflow_pct == Approx(100.0).margin(1e-9));
    CHECK(o.venous_outflow_pct == Approx(100.0).margin(1e-6));
    CHECK(o.pcr_pct == Approx(100.0).margin(1e-9));
    CHECK(o.ph == Approx(p.ph_rest).margin(1e-9));
    CHECK(o.smo2_pct == Approx(p.smo2_rest_pct).margin(1e-6));
    CHECK(o.swelling_pct == Approx(0.0).margin(1e-9));
    CHECK(o.metabolite == Approx(0.0).margin(1e-12));
    CHECK(o.occlusion_s == 0.0);
}

TEST_CASE("no cuff: no pooling and no swelling beyond exercise hyperaemia", "[physiology]") {
    double pooled_free = 0.0;
    double swelling_free = 0.0;
    double pooled_bfr = 0.0;
    double swelling_bfr = 0.0;
    const BlockResult free = arm_block(0.0, &pooled_free, &swelling_free);
    const BlockResult bfr = arm_block(50.0, &pooled_bfr, &swelling_bfr);
    CHECK(pooled_free < 0.05);  // mL/100 mL: the veins drain freely
    CHECK(free.at_release.interstitial_ml_100ml < 0.05);  // no venous congestion, no filtration
    // What is left is exercise's own: the dilated bed's blood and the cells' metabolite water.
    const Params p = preset(Limb::Arm);
    const State& s = free.at_release;
    const double exercise_only = p.thickness_per_blood * p.hyperaemic_volume_ml_100ml * s.vasodilation +
                                 p.thickness_per_cell * s.cell_swell_pct;
    CHECK(free.out_at_release.swelling_pct == Approx(exercise_only).epsilon(0.05).margin(0.2));
    // BFR adds pooling and filtration on top (Jessee 2019: 0.33 vs 0.57 cm, ×0.58).
    CHECK(free.out_at_release.swelling_pct < 0.65 * bfr.out_at_release.swelling_pct);
    CHECK(pooled_bfr > 2.0);
    CHECK(swelling_bfr > 1.6 * swelling_free);
    CHECK(free.reps == std::vector<int>{30, 15, 15, 15});
}

TEST_CASE("a cuff at or above LOP stops arterial inflow, at rest and in exercise", "[physiology]") {
    const Params p = preset(Limb::Arm);
    for (double pct : {100.0, 110.0, 150.0}) {
        State s = rest_state(p);
        const Inputs in{pct / 100.0 * 170.0, 170.0, 0.0};
        for (int i = 0; i < 600; ++i) s = step(s, in, p, kTick);
        CHECK(observe(s, in, p).arterial_inflow_pct == 0.0);
    }
    // Exercise raises blood pressure and with it the LOP (it drifts): a cuff at the LOP measured
    // before exercise stops being occlusive, a cuff at the current LOP still is.
    State s = rest_state(p);
    Inputs in{170.0, 170.0, 0.4};
    for (int i = 0; i < 60 * 60; ++i) s = step(s, in, p, kTick);
    const Outputs drifted = observe(s, in, p);
    CHECK(drifted.lop_mmHg > 175.0);
    CHECK(drifted.arterial_inflow_pct > 0.0);
    in.cuff_mmHg = drifted.lop_mmHg;
    CHECK(observe(s, in, p).arterial_inflow_pct == 0.0);
    CHECK(rest_flow_fraction(100.0) == 0.0);
    CHECK(rest_flow_fraction(0.0) == 1.0);
    CHECK(rest_flow_fraction(50.0) == Approx(0.55));
}

TEST_CASE("the arm swells within the biceps data after the standard session", "[physiology]") {
    // 30-15-15-15 at 30 %1RM and 50 % LOP: elbow flexors +11.7 % (Yasuda 2012) to +21 % (forearm
    // LL-BFR study), measured shortly after the exercise; the model 1 min after release.
    const BlockResult r = arm_block(50.0);
    const Params p = preset(Limb::Arm);
    const Inputs off{0.0, 170.0, 0.0};
    const double mt = observe(rest(r.at_release, p, 170.0, 0.0, 60.0), off, p).swelling_pct;
    CHECK(mt >= 11.7 - 3.0);
    CHECK(mt <= 21.0 + 3.0);
}

TEST_CASE("higher %LOP pools more blood and swells more", "[physiology]") {
    double previous_pool = -1.0;
    double previous_swelling = -1.0;
    for (double pct : {20.0, 40.0, 60.0, 80.0}) {
        double pooled = 0.0;
        double swelling = 0.0;
        static_cast<void>(arm_block(pct, &pooled, &swelling));
        INFO("at " << pct << " % LOP: pooled " << pooled << " mL/100 mL, swelling " << swelling << " %");
        CHECK(pooled > previous_pool);
        CHECK(swelling > previous_swelling);
        previous_pool = pooled;
        previous_swelling = swelling;
    }
}

TEST_CASE("after deflation metabolites clear and swelling decays with the reference's time constants",
          "[physiology]") {
    Block b;
    b.params = preset(Limb::Leg);
    b.lop_mmHg = 200.0;
    const BlockResult r = run_block(b);
    const Params& p = b.params;
    const Inputs off{0.0, 200.0, 0.0};
    const Outputs at_release = observe(r.at_release, off, p);
    REQUIRE(at_release.metabolite > 0.15);
    const State five = rest(r.at_release, p, 200.0, 0.0, 300.0);
    const Outputs o5 = observe(five, off, p);
    CHECK(o5.metabolite < 0.5 * at_release.metabolite);  // PCr and pH recover within minutes
    CHECK(o5.pcr_pct > 97.0);
    // Blood lactate rises after release (wash-out), then clears.
    double peak_blood = 0.0;
    double peak_at = 0.0;
    static_cast<void>(rest(r.at_release, p, 200.0, 0.0, 600.0, [&](const State& s, const Inputs&, const Outputs&) {
        if (s.blood_lactate_mM > peak_blood) {
            peak_blood = s.blood_lactate_mM;
            peak_at = s.t_s - r.release_s;
        }
    }));
    CHECK(peak_blood > r.at_release.blood_lactate_mM + 0.5);
    CHECK(peak_at > 30.0);
    CHECK(peak_at < 600.0);
    // Swelling: the fast part (cells, τ 26 min) and the slow part (interstitium, τ 210 min).
    const double s10 = observe(rest(r.at_release, p, 200, 0, 600.0), off, p).swelling_pct;
    const double s60 = observe(rest(r.at_release, p, 200, 0, 3600.0), off, p).swelling_pct;
    const double s180 = observe(rest(r.at_release, p, 200, 0, 3.0 * 3600.0), off, p).swelling_pct;
    const double s8h = observe(rest(r.at_release, p, 200, 0, 8.0 * 3600.0), off, p).swelling_pct;
    CHECK(s10 > s60);
    CHECK(s60 > s180);
    CHECK(s180 > s8h);
    CHECK(s8h < 5.0);
    CHECK(s60 == Approx(15.0).margin(8.0));
}

TEST_CASE("the PCr recovery slows when the cuff limits oxygen delivery", "[physiology]") {
    // Same bout, then recovery with the cuff off vs above LOP (no O2 delivery): PCr barely recovers.
    auto recovery_s = [](double cuff_pct) {
        Block b;
        b.params = preset(Limb::Leg);
        b.lop_mmHg = 200.0;
        b.cuff_pct_lop = 0.0;
        b.set_reps = {30};
        const BlockResult r = run_block(b);
        const double deficit = b.params.pcr_rest_mM - r.at_release.pcr_mM;
        double tau = 1e9;
        static_cast<void>(rest(r.at_release, b.params, 200.0, cuff_pct * 2.0, 600.0,
                               [&](const State& s, const Inputs&, const Outputs&) {
                                   if (tau > 1e8 && b.params.pcr_rest_mM - s.pcr_mM <= deficit * std::exp(-1.0)) {
                                       tau = s.t_s - r.release_s;
                                   }
                               }));
        return tau;
    };
    const double free = recovery_s(0.0);
    const double occluded = recovery_s(120.0);
    CHECK(free == Approx(35.0).margin(10.0));
    CHECK(occluded > 1.3 * free);
}

TEST_CASE("the model is deterministic and the step size does not matter at the tick", "[physiology]") {
    const Params p = preset(Limb::Arm);
    State a = rest_state(p);
    State b = rest_state(p);
    State c = rest_state(p);
    const Inputs in{85.0, 170.0, 0.35};
    for (int i = 0; i < 60 * 30; ++i) {
        a = step(a, in, p, kTick);
        b = step(b, in, p, kTick);
    }
    c = step(c, in, p, 30.0);  // one call of 30 s sub-steps internally
    CHECK(a.pcr_mM == b.pcr_mM);
    CHECK(a.lactate_mM == b.lactate_mM);
    CHECK(c.t_s == Approx(30.0));
    CHECK(c.pcr_mM == Approx(a.pcr_mM).epsilon(1e-6));
    CHECK(c.pooled_ml_100ml == Approx(a.pooled_ml_100ml).epsilon(1e-6));
}

TEST_CASE("non-finite and out-of-range inputs never break the state", "[physiology]") {
    const Params p = preset(Limb::Leg);
    State s = rest_state(p);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const Inputs bad[] = {{nan, 200, 0.3}, {inf, 200, 0.3}, {-50, 200, 0.3}, {100, nan, 0.3}, {100, 0, 0.3},
                          {100, -1, 0.3}, {100, 200, nan}, {100, 200, 7.0}, {100, 200, -1.0}, {1e9, 1e-9, inf}};
    for (const Inputs& in : bad) {
        for (int i = 0; i < 120; ++i) s = step(s, in, p, kTick);
        REQUIRE(physical(s, observe(s, in, p)));
    }
    const State before = s;
    s = step(s, Inputs{}, p, nan);
    CHECK(s.t_s == before.t_s);
    s = step(s, Inputs{}, p, -1.0);
    CHECK(s.t_s == before.t_s);
}

TEST_CASE("property: random pressure steps, gaps and extreme efforts stay finite and physical", "[physiology]") {
    std::mt19937_64 rng{20261124};
    std::uniform_real_distribution<double> u{0.0, 1.0};
    for (int run = 0; run < 40; ++run) {
        const Params p = preset(run % 2 == 0 ? Limb::Arm : Limb::Leg);
        State s = rest_state(p);
        Inputs in{0.0, 100.0 + 200.0 * u(rng), 0.0};
        for (int k = 0; k < 60 * 240; ++k) {
            if (u(rng) < 0.01) in.cuff_mmHg = 500.0 * u(rng) * u(rng);      // pressure steps, 0..500 mmHg
            if (u(rng) < 0.05) in.activation = u(rng) < 0.2 ? 1.0 : u(rng);  // extreme efforts
            const double dt = u(rng) < 0.002 ? 5.0 * u(rng) : kTick;          // gaps in the data
            s = step(s, in, p, dt);
            if (k % 60 == 0) {
                const Outputs o = observe(s, in, p);
                INFO("run " << run << " tick " << k);
                REQUIRE(physical(s, o));
            }
        }
    }
}

TEST_CASE("LOP estimation follows width, circumference, pressure and posture", "[physiology]") {
    const LopEstimate wide = estimate_lop({Limb::Leg, 13.5, 55.0, 120.0, Posture::Supine});
    CHECK(wide.mmHg == Approx(144.0).margin(3.0));
    CHECK(wide.sd_mmHg == Approx(17.0).margin(1.0));
    CHECK(estimate_lop({Limb::Leg, 13.5, 65.0, 120.0, Posture::Supine}).mmHg > wide.mmHg);  // bigger thigh
    CHECK(estimate_lop({Limb::Leg, 13.5, 55.0, 140.0, Posture::Supine}).mmHg > wide.mmHg);  // higher SBP
    CHECK(estimate_lop({Limb::Leg, 18.0, 55.0, 120.0, Posture::Supine}).mmHg < wide.mmHg);  // wider cuff
    CHECK(estimate_lop({Limb::Arm, 5.0, 30.0, 120.0, Posture::Seated}).mmHg == Approx(170.0).margin(15.0));
    CHECK(std::isfinite(estimate_lop({Limb::Arm, std::nan(""), -4.0, 1e9, Posture::Standing}).mmHg));
}

TEST_CASE("activation for a load: the load plus the limb's own weight and acceleration", "[physiology]") {
    CHECK(activation_for_load(30.0) == Approx(0.40));
    CHECK(activation_for_load(0.0) == 0.0);
    CHECK(activation_for_load(95.0) == 1.0);
    CHECK(activation_for_load(std::nan("")) == Approx(0.40));
}

TEST_CASE("the virtual subject completes fixed sets and stops sets to failure", "[physiology]") {
    Block b;
    b.params = preset(Limb::Leg);
    b.lop_mmHg = 200.0;
    b.set_reps = {30, -1};
    const BlockResult r = run_block(b);
    REQUIRE(r.reps.size() == 2);
    CHECK(r.reps[0] == 30);
    CHECK(r.reps[1] > 3);
    CHECK(r.reps[1] < 30);
    CHECK(r.out_at_set_end[1].capacity < activation_for_load(30.0) + 0.05);
}

TEST_CASE("two hours of exercise under a near-occlusive cuff stay bounded", "[physiology]") {
    const Params p = preset(Limb::Leg);
    const Prepared prepared = prepare(p);
    State s = rest_state(p);
    Inputs in{190.0, 200.0, 0.0};
    for (int k = 0; k < 60 * 7200; ++k) {
        in.activation = (k % 120) < 60 ? 0.3 : 0.0;
        s = step(s, in, prepared, 1.0 / 60.0);
    }
    const Outputs o = observe(s, in, p);
    CHECK(s.interstitial_ml_100ml < 12.0);  // the interstitium's pressure stops filtration
    CHECK(o.swelling_pct < 100.0);
    CHECK(physical(s, o));
}

TEST_CASE("prepared parameters step exactly like plain ones at the tick", "[physiology]") {
    const Params p = preset(Limb::Arm);
    const Prepared prepared = prepare(p);
    State a = rest_state(p);
    State b = rest_state(p);
    const Inputs in{85.0, 170.0, 0.4};
    for (int k = 0; k < 600; ++k) {
        a = step(a, in, p, 1.0 / 60.0);
        b = step(b, in, prepared, 1.0 / 60.0);
    }
    CHECK(a.pcr_mM == b.pcr_mM);
    CHECK(a.pooled_ml_100ml == b.pooled_ml_100ml);
    CHECK(a.m_fatigued == b.m_fatigued);
}
