// Whole simulated sessions (game/sim): the clean ones raise nothing; the loose device's known
// faults (product.md 3a) are findings, checked here so that a change shows.
#include "safety_test_support.hpp"

#include <catch2/catch.hpp>

using namespace bfr::safety;
using namespace bfr::safety::test;
using bfr::sim::Limb;
using bfr::sim::Profile;
using bfr::sim::SimConfig;

namespace {

/// The default protocol (30-15-15-15, 2 s per rep, 30 s rests) with the automatic LOP
/// measurement first, as `--source sim` runs it; `seconds` covers it to the final deflation.
SimConfig session(Limb limb, Profile profile, double pct_lop, std::uint64_t seed) {
    SimConfig c;
    c.limb = limb;
    c.profile = profile;
    c.target_pct_lop = pct_lop;
    c.seed = seed;
    return c;
}

/// The monitor over a whole session fed the way the session feeds it (LOP: the default of the
/// limb until the recording gives one; target: the column).
SafetyMonitor monitor_session(const SimConfig& c, double seconds) {
    FeedOptions o;
    o.default_lop_mmHg = bfr::sim::default_lop_mmhg(c.limb);
    return run_monitor(simulate(c, seconds), o);
}

}  // namespace

TEST_CASE("tight device, both limbs, 40-80 % LOP: no alarm and no notice in a whole session", "[safety][sim]") {
    for (Limb limb : {Limb::Arm, Limb::Leg}) {
        for (double pct : {40.0, 50.0, 60.0, 70.0, 80.0}) {
            for (std::uint64_t seed : {1u, 2u, 3u}) {
                const SimConfig c = session(limb, Profile::Tight, pct, seed);
                INFO((limb == Limb::Arm ? "arm " : "leg ") << pct << " % LOP, seed " << seed);
                const SafetyMonitor m = monitor_session(c, 330.0);
                INFO(describe(m));
                CHECK(m.alarms().empty());
                CHECK(m.notices().empty());
                CHECK(m.status().occlusion_session_s > 240.0);  // the whole block was seen
                CHECK_FALSE(m.status().inflated);               // and its final deflation
            }
        }
    }
}

TEST_CASE("tight device at a slow 5 s tempo and at 5 and 1000 Hz: no alarm", "[safety][sim]") {
    for (std::uint32_t rate : {5u, 100u, 1000u}) {
        SimConfig c = session(Limb::Leg, Profile::Tight, 80.0, 4);
        c.rep_ns = ns(5.0);
        c.sample_rate_hz = rate;
        INFO("rate " << rate);
        const SafetyMonitor m = monitor_session(c, 560.0);
        INFO(describe(m));
        CHECK(m.alarms().empty());
        CHECK(m.notices().empty());
    }
}

TEST_CASE("tight device holds a slow leak: no alarm", "[safety][sim]") {
    SimConfig c = session(Limb::Arm, Profile::Tight, 50.0, 1);
    c.leak_start_ns = ns(100.0);
    c.leak_extra_pct_per_10s = 10.0;
    const SafetyMonitor m = monitor_session(c, 330.0);
    INFO(describe(m));
    CHECK(m.alarms().empty());
}

// FINDING (reported, not hidden by loosening the rule): the loose device (product.md 3a: "valleys
// near 60 % LOP, drift at rest", re-pumps only 40 % under its target) holds the cuff below the
// band for more than 10 s in every session, at every target, so pressure_out_of_band (below:
// "stop the set and re-pump") fires 1 to 3 times per session; now and then a re-pump's overshoot
// holds it above the band for over 10 s (lower_10_mmHg). At 70-80 % LOP its re-pump overshoot
// meeting a contraction also holds the cuff at or above the LOP for over 1 s
// (pressure_above_lop) in some sessions. Nothing else fires.
TEST_CASE("loose device: out-of-band alarms (and, at 70-80 % LOP, overshoots above the LOP)",
          "[safety][sim][finding]") {
    int sessions = 0;
    int below_band_sessions = 0;
    int below_alarms = 0;
    int above_band_alarms = 0;
    int above_lop_alarms = 0;
    for (Limb limb : {Limb::Arm, Limb::Leg}) {
        for (double pct : {40.0, 50.0, 60.0, 70.0, 80.0}) {
            for (std::uint64_t seed : {1u, 2u, 3u}) {
                const SimConfig c = session(limb, Profile::Loose, pct, seed);
                INFO((limb == Limb::Arm ? "arm " : "leg ") << pct << " % LOP, seed " << seed);
                const SafetyMonitor m = monitor_session(c, 330.0);
                INFO(describe(m));
                ++sessions;
                int below = 0;
                for (const Alarm& a : m.alarms()) {
                    CHECK_FALSE(a.active);  // each ended by a re-pump, a vent or the final deflation
                    if (a.kind == AlarmKind::PressureOutOfBand && a.action == Action::Stop) {
                        CHECK_FALSE(a.deflate_cuff);
                        ++below;
                    } else if (a.kind == AlarmKind::PressureOutOfBand) {
                        CHECK(a.action == Action::Lower10);
                        ++above_band_alarms;
                    } else if (a.kind == AlarmKind::PressureAboveLop) {
                        CHECK(pct >= 70.0);
                        ++above_lop_alarms;
                    } else {
                        FAIL_CHECK("unexpected alarm " << kind_name(a.kind));
                    }
                }
                CHECK(below >= 1);
                CHECK(below <= 4);
                below_alarms += below;
                below_band_sessions += below > 0 ? 1 : 0;
                CHECK(notices_of(m, NoticeKind::OcclusionWarning).empty());
                CHECK(notices_of(m, NoticeKind::Discomfort).empty());
            }
        }
    }
    WARN("loose device, " << sessions << " sessions: " << below_alarms << " below-band alarms (in "
                          << below_band_sessions << " sessions), " << above_band_alarms << " above-band, "
                          << above_lop_alarms << " above-LOP");
    CHECK(below_band_sessions == sessions);
    CHECK(above_band_alarms <= 3);
    CHECK(above_lop_alarms <= 3);
}

TEST_CASE("the simulated cuff obeys must_deflate: a discomfort stop releases it", "[safety][sim]") {
    bfr::sim::SimSource sim(session(Limb::Arm, Profile::Tight, 50.0, 1));
    SafetyMonitor m;
    m.set_lop(170.0);
    std::vector<Sample> rows;
    bool released = false;
    for (std::int64_t k = 1; tick_end_ns(k) <= ns(140.0); ++k) {
        rows.clear();
        sim.advance_to(tick_end_ns(k), rows);
        for (const Sample& s : rows) {
            if (s.has(v1::kLopMmhg)) m.set_lop(s.get(v1::kLopMmhg));
            if (s.has(v1::kTargetMmhg)) m.set_target(s.get(v1::kTargetMmhg));
            if (!s.event.empty()) m.on_event(s.t_ns, s.event);
            m.on_sample(s.t_ns, s.get(v1::kCuffMmhg));
        }
        if (k == 100 * 60) m.on_discomfort(tick_end_ns(k), 9);  // at 100 s
        m.update(tick_end_ns(k));
        if (m.must_deflate() && !released) {
            sim.set_target_pct_lop(0.0);  // the device releases the cuff
            released = true;
        }
    }
    REQUIRE(released);
    REQUIRE(m.alarms().size() == 1);
    CHECK(m.alarms()[0].kind == AlarmKind::Discomfort);
    CHECK_FALSE(m.status().inflated);  // the cuff came off
    CHECK(m.notices().empty());
}
