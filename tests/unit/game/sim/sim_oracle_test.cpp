// Whole-session behaviour against the numbers of product.md §3 and interfaces.md §3.
#include "game/sim/regulator.hpp"
#include "sim_test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace bfr::sim;
using namespace bfr::sim::test;

namespace {

/// A full auto-tempo session of product.md §3a's setting (leg, 80 % LOP), measured.
OracleStats table_stats(Profile profile, std::uint64_t seed) {
    const auto rows = run(table_config(profile, seed), 260.0);
    REQUIRE(event_times(rows, "set_end").size() == 4);
    return oracle_stats(rows);
}

/// Dominant frequency and peak-to-peak of the 0.5–5 Hz band of `x` sampled at 100 Hz.
struct Ripple {
    double hz = 0.0;
    double pp_mmhg = 0.0;
};

Ripple ripple_of(const std::vector<double>& x) {
    Biquad hp = Biquad::high_pass(0.5, 100.0);
    Biquad lp = Biquad::low_pass(5.0, 100.0);
    hp.reset_to(x.front());
    std::vector<double> band;
    for (double v : x) band.push_back(lp.process(hp.process(v)));
    band.erase(band.begin(), band.begin() + 200);  // filter start-up
    Ripple r;
    double lo = 1e9, hi = -1e9;
    for (double v : band) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    r.pp_mmhg = hi - lo;
    const int beats = count_peaks(band, 0.4 * r.pp_mmhg);
    r.hz = beats / (static_cast<double>(band.size()) / 100.0);
    return r;
}

}  // namespace

TEST_CASE("the tight profile reproduces the autoregulated row of product.md 3a", "[sim][oracle]") {
    for (std::uint64_t seed : {1u, 2u}) {
        const OracleStats st = table_stats(Profile::Tight, seed);
        INFO("seed " << seed << ": peak " << st.peak_pct_mean << " valley " << st.valley_pct_mean << " in band "
                     << st.exercise_in_band << " rest " << st.rest_in_band << " over " << st.over_lop_samples);
        CHECK(st.reps == 75);
        CHECK(st.peak_pct_mean == Approx(89.0).margin(2.5));                       // 89 ± 2
        CHECK(st.valley_pct_mean == Approx(72.0).margin(3.0));                     // 72 ± 3
        CHECK(st.peak_pct_mean - st.valley_pct_mean == Approx(17.0).margin(3.0));  // "~17 % LOP swing per rep"
        CHECK(st.exercise_in_band >= 0.90);                                        // 95 %
        CHECK(st.rest_in_band >= 0.97);                                            // 99 %
        CHECK(st.over_lop_samples == 0);                                           // none
    }
}

TEST_CASE("the loose profile reproduces the non-autoregulated rows of product.md 3a", "[sim][oracle]") {
    int sessions_with_spikes = 0;
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        const OracleStats st = table_stats(Profile::Loose, seed);
        INFO("seed " << seed << ": peak " << st.peak_pct_mean << "±" << st.peak_pct_sd << " valley "
                     << st.valley_pct_mean << "±" << st.valley_pct_sd << " in band " << st.exercise_in_band << " rest "
                     << st.rest_in_band << " over " << st.over_lop_samples);
        CHECK(st.reps == 75);
        CHECK(st.peak_pct_mean == Approx(79.0).margin(5.0));    // 79 ± 9 (SmartCuffs, Saga)
        CHECK(st.valley_pct_mean == Approx(60.0).margin(5.0));  // 61 ± 7 / 58 ± 7
        CHECK(st.peak_pct_sd > 4.0);                            // wide peak spread
        CHECK(st.exercise_in_band > 0.15);                      // 25–34 %
        CHECK(st.exercise_in_band < 0.45);
        CHECK(st.rest_in_band < 0.25);                         // drift at rest (0 % in the table)
        CHECK(st.over_lop_samples < st.cuffed_samples / 100);  // spikes are rare...
        sessions_with_spikes += st.over_lop_samples > 0 ? 1 : 0;
    }
    CHECK(sessions_with_spikes >= 1);  // ...but they happen
}

TEST_CASE("each rep makes one pressure peak in both profiles", "[sim][oracle]") {
    for (Profile profile : {Profile::Tight, Profile::Loose}) {
        const auto rows = run(table_config(profile, 5), 260.0);
        const auto starts = event_times(rows, "set_start");
        const auto ends = event_times(rows, "set_end");
        REQUIRE(starts.size() == 4);
        REQUIRE(ends.size() == 4);
        const int expected[] = {30, 15, 15, 15};
        for (std::size_t s = 0; s < 4; ++s) {
            // The set plus 0.5 s, so that the last rep's fall completes the last peak.
            const auto cuff = smooth(column(rows, v1::kCuffMmhg, starts[s], ends[s] + ns(0.5)), 9);
            INFO("profile " << static_cast<int>(profile) << " set " << s);
            CHECK(count_peaks(cuff, 8.0) == expected[s]);
        }
        // At rest the cuff shows no rep-sized oscillation (the loose one may re-pump once).
        const auto rest = smooth(column(rows, v1::kCuffMmhg, ends[0] + ns(2.0), starts[1]), 9);
        CHECK(count_peaks(rest, 8.0) <= (profile == Profile::Tight ? 0 : 1));
    }
}

TEST_CASE("the pulse ripple is 1 to 1.5 Hz and a few mmHg below LOP and gone above it", "[sim][oracle]") {
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        SimConfig c;
        c.seed = seed;
        c.auto_tempo = false;
        c.measure_lop = false;
        c.individual_lop = false;
        c.target_pct_lop = 60.0;
        const auto below = ripple_of(column(run(c, 40.0), v1::kCuffMmhg, ns(10.0), ns(40.0)));
        c.target_pct_lop = 115.0;
        const auto above = ripple_of(column(run(c, 40.0), v1::kCuffMmhg, ns(10.0), ns(40.0)));
        INFO("seed " << seed << ": below " << below.hz << " Hz " << below.pp_mmhg << " mmHg; above " << above.pp_mmhg
                     << " mmHg");
        CHECK(below.hz >= 1.0);
        CHECK(below.hz <= 1.5);
        CHECK(below.pp_mmhg > 1.5);
        CHECK(below.pp_mmhg < 6.0);
        CHECK(above.pp_mmhg < 0.4 * below.pp_mmhg);  // sensor noise only
    }
}

TEST_CASE("a leak makes the loose cuff drift down and re-pump while the tight one holds", "[sim][oracle]") {
    auto rises = [](const std::vector<double>& x) {
        // Re-pumps: the 1 s-smoothed pressure rising by 10 mmHg within 1 s.
        int n = 0;
        bool rising = false;
        for (std::size_t i = 100; i < x.size(); ++i) {
            const bool r = x[i] - x[i - 100] > 10.0;
            if (r && !rising) ++n;
            rising = r;
        }
        return n;
    };
    SimConfig c;
    c.limb = Limb::Arm;
    c.auto_tempo = false;
    c.measure_lop = false;
    c.profile = Profile::Loose;
    const auto quiet = smooth(column(run(c, 120.0), v1::kCuffMmhg, ns(20.0), ns(120.0)), 100);
    c.leak_start_ns = ns(20.0);
    c.leak_extra_pct_per_10s = 30.0;
    const auto leaky = smooth(column(run(c, 120.0), v1::kCuffMmhg, ns(20.0), ns(120.0)), 100);
    const double target = 85.0;
    CHECK(*std::min_element(leaky.begin(), leaky.end()) < 0.65 * target);
    CHECK(rises(leaky) >= 3);
    CHECK(rises(leaky) > rises(quiet));

    c.profile = Profile::Tight;
    const auto tight = column(run(c, 120.0), v1::kCuffMmhg, ns(25.0), ns(120.0));
    CHECK(*std::min_element(tight.begin(), tight.end()) > 0.9 * target);
    CHECK(*std::max_element(tight.begin(), tight.end()) < 1.1 * target);
}

TEST_CASE("auto tempo completes 30-15-15-15 at 2 s per rep with 30 s rests", "[sim][oracle]") {
    for (Limb limb : {Limb::Arm, Limb::Leg}) {
        SimConfig c;  // defaults: LOP measured first
        c.limb = limb;
        const auto rows = run(c, 330.0);
        const auto starts = event_times(rows, "set_start");
        const auto ends = event_times(rows, "set_end");
        const auto rests = event_times(rows, "rest_start");
        const auto inflates = event_times(rows, "inflate");
        const auto deflates = event_times(rows, "deflate");
        REQUIRE(starts.size() == 4);
        REQUIRE(ends.size() == 4);
        REQUIRE(rests.size() == 3);
        REQUIRE(inflates.size() == 2);  // LOP measurement, exercise
        REQUIRE(deflates.size() == 2);
        CHECK(event_time(rows, "note:lop_measurement") > inflates[0]);
        CHECK(starts[0] - inflates[1] == SimSource::kSettleNs);
        const std::int64_t expected_reps[] = {30, 15, 15, 15};
        int total_reps = 0;
        for (std::size_t s = 0; s < 4; ++s) {
            CHECK(ends[s] - starts[s] == expected_reps[s] * ns(2.0));
            if (s < 3) {
                CHECK(rests[s] == ends[s] + ns(0.01));  // the next row
                CHECK(starts[s + 1] - ends[s] == ns(30.0));
            }
            const auto angle = column(rows, v1::kAngleDeg, starts[s], ends[s] + ns(0.5));
            // Count flexion peaks (leg angles fall when contracting, 90° → 5°, so negate them).
            std::vector<double> flexion = angle;
            if (limb == Limb::Leg) {
                for (double& a : flexion) a = -a;
            }
            const int counted = count_peaks(flexion, 60.0);
            CHECK(counted == expected_reps[s]);
            total_reps += counted;
        }
        CHECK(total_reps == 75);
        CHECK(deflates[1] == ends[3] + ns(0.01));
        // After the protocol the cuff is vented.
        CHECK(rows.back().get(v1::kCuffMmhg) < 5.0);
        CHECK(rows.back().get(v1::kTargetMmhg) == 0.0);
    }
}

TEST_CASE("session angles, effort and IMU stay in their physiological ranges", "[sim][oracle]") {
    struct Case {
        Limb limb;
        double lo_deg;
        double hi_deg;
    };
    for (const Case& k : {Case{Limb::Arm, 10.0, 135.0}, Case{Limb::Leg, 5.0, 90.0}}) {
        SimConfig c;
        c.limb = k.limb;
        c.measure_lop = false;
        const auto rows = run(c, 260.0);
        const auto starts = event_times(rows, "set_start");
        const auto ends = event_times(rows, "set_end");
        REQUIRE(starts.size() == 4);
        const auto angle = column(rows, v1::kAngleDeg, 0, ns(260.0));
        CHECK(*std::min_element(angle.begin(), angle.end()) == Approx(k.lo_deg).margin(0.01));
        CHECK(*std::max_element(angle.begin(), angle.end()) == Approx(k.hi_deg).margin(0.01));
        const auto effort = column(rows, v1::kEffort, 0, ns(260.0));
        CHECK(*std::min_element(effort.begin(), effort.end()) >= 0.0);
        CHECK(*std::max_element(effort.begin(), effort.end()) <= 1.0);
        // At rest before the first set: ~0. In set 1's first reps: 0.2–0.4 of MVC at 30 %1RM.
        const auto idle = column(rows, v1::kEffort, 0, starts[0]);
        double idle_mean = 0.0;
        for (double e : idle) idle_mean += e / static_cast<double>(idle.size());
        CHECK(idle_mean < 0.01);
        const auto early = column(rows, v1::kEffort, starts[0], starts[0] + ns(10.0));
        const double early_peak = *std::max_element(early.begin(), early.end());
        CHECK(early_peak > 0.2);
        CHECK(early_peak < 0.4);
        // Fatigue: the last reps of the last set need more effort.
        const auto late = column(rows, v1::kEffort, ends[3] - ns(10.0), ends[3]);
        CHECK(*std::max_element(late.begin(), late.end()) > 1.1 * early_peak);
        // The IMU: 1 g and no rotation at rest, about 1.875 × range per second at mid-sweep.
        for (const auto& r : rows) {
            if (r.t_ns >= starts[0]) break;
            const double a = std::sqrt(r.get(v1::kAxG) * r.get(v1::kAxG) + r.get(v1::kAyG) * r.get(v1::kAyG) +
                                       r.get(v1::kAzG) * r.get(v1::kAzG));
            REQUIRE(a == Approx(1.0).margin(0.03));
        }
        double max_rate = 0.0;
        for (const auto& r : rows) {
            max_rate = std::max(
                max_rate, std::sqrt(r.get(v1::kGxDps) * r.get(v1::kGxDps) + r.get(v1::kGyDps) * r.get(v1::kGyDps) +
                                    r.get(v1::kGzDps) * r.get(v1::kGzDps)));
        }
        CHECK(max_rate == Approx(1.875 * (k.hi_deg - k.lo_deg)).epsilon(0.03));
    }
}
