// The lab's timeline: rewinding by re-simulation. The same moment always shows the same state —
// seeking to t twice, seeking back and forth, or running straight to t — and a change made in
// the past rewrites the future from there.

#include "game/modes/therapist/lab.hpp"
#include "game/modes/therapist/traces.hpp"

#include <catch2/catch.hpp>

using namespace bfr;
using namespace bfr::modes::therapist;

namespace {

constexpr core::Tick kSecond = core::kTickHz;

/// Everything a moment shows of one side, for exact comparison.
struct Snapshot {
    core::Tick tick = 0;
    TracePoint point{};
    physiology::State state;
    session::JointPose pose;
    session::JointPose prev_pose;
    double cuff_held = 0.0;
    double inflow_rest_s = 0.0;
    std::size_t reps = 0;
    std::size_t captions = 0;
    std::string caption;

    bool operator==(const Snapshot& o) const {
        const auto& s = state;
        const auto& t = o.state;
        return tick == o.tick && point == o.point && s.t_s == t.t_s && s.pooled_ml_100ml == t.pooled_ml_100ml &&
               s.cell_swell_pct == t.cell_swell_pct && s.pcr_mM == t.pcr_mM && s.lactate_mM == t.lactate_mM &&
               s.m_fatigued == t.m_fatigued && s.vasodilation == t.vasodilation &&
               s.interstitial_ml_100ml == t.interstitial_ml_100ml && s.tissue_o2_pct == t.tissue_o2_pct &&
               pose.angle_deg == o.pose.angle_deg && pose.activation_01 == o.pose.activation_01 &&
               prev_pose.angle_deg == o.prev_pose.angle_deg && cuff_held == o.cuff_held &&
               inflow_rest_s == o.inflow_rest_s && reps == o.reps && captions == o.captions && caption == o.caption;
    }
};

Snapshot snapshot(const LabRun& run, Side side) {
    const session::Session& s = run.session(side);
    Snapshot snap;
    snap.tick = s.tick();
    snap.point = trace_point(s);
    snap.state = s.physiology().state;
    snap.pose = s.world().get<session::JointPose>(s.limb());
    snap.prev_pose = s.world().get<session::PrevJointPose>(s.limb()).pose;
    snap.cuff_held = s.physiology().cuff_held_mmHg;
    snap.inflow_rest_s = s.physiology().inflow_rest_s;
    snap.reps = s.world().ctx().get<session::RepLog>().times_s.size();
    snap.captions = run.captions().shown().size();
    const CaptionSpan* c = run.captions().at(run.tick());
    snap.caption = c != nullptr ? c->text : std::string();
    return snap;
}

}  // namespace

TEST_CASE("timeline: seeking to a moment twice shows exactly the same state", "[therapist][timeline][determinism]") {
    Lab lab{LabSetup{}, LabParams{}};
    lab.advance(150 * kSecond);
    lab.seek(95 * kSecond + 7);
    const Snapshot first_a = snapshot(lab.run(), Side::A);
    const Snapshot first_b = snapshot(lab.run(), Side::B);
    lab.seek(140 * kSecond);
    lab.seek(12 * kSecond);
    lab.seek(95 * kSecond + 7);
    CHECK(snapshot(lab.run(), Side::A) == first_a);
    CHECK(snapshot(lab.run(), Side::B) == first_b);
    CHECK(lab.resimulated_ticks() > 0);
    CHECK(lab.latest() == 150 * kSecond);
}

TEST_CASE("timeline: a seek shows what a straight run shows at that moment", "[therapist][timeline][determinism]") {
    LabParams params;
    LabRun straight{LabSetup{}, params};
    std::vector<Snapshot> expected;
    const std::vector<core::Tick> moments{0, 1, 59, 6 * kSecond + 1, 66 * kSecond, 125 * kSecond + 3};
    for (const core::Tick t : moments) {
        while (straight.tick() < t) straight.step(params);
        expected.push_back(snapshot(straight, Side::A));
    }
    Lab lab{LabSetup{}, params};
    lab.advance(130 * kSecond);
    // Backwards through the moments (every seek a rebuild), then forwards (stepping on).
    for (std::size_t i = moments.size(); i-- > 0;) {
        lab.seek(moments[i]);
        CHECK(snapshot(lab.run(), Side::A) == expected[i]);
    }
    for (std::size_t i = 0; i < moments.size(); ++i) {
        lab.seek(moments[i]);
        CHECK(snapshot(lab.run(), Side::A) == expected[i]);
    }
}

TEST_CASE("timeline: single steps back and forward agree with the straight run", "[therapist][timeline][determinism]") {
    Lab lab{LabSetup{}, LabParams{}};
    lab.advance(20 * kSecond);
    const Snapshot at20 = snapshot(lab.run(), Side::A);
    lab.advance(1);
    const Snapshot at20plus = snapshot(lab.run(), Side::A);
    lab.seek(lab.now() - 1);  // one tick back
    CHECK(snapshot(lab.run(), Side::A) == at20);
    lab.advance(1);
    CHECK(snapshot(lab.run(), Side::A) == at20plus);
}

TEST_CASE("timeline: the log's changes are replayed at their ticks", "[therapist][timeline][log]") {
    Lab lab{LabSetup{}, LabParams{}};
    lab.advance(30 * kSecond);
    LabParams p = lab.params();
    p.pct_lop_a = 70.0;
    lab.set_params(p);
    REQUIRE(lab.log().size() == 2);
    CHECK(lab.log().back().tick == 30 * kSecond + 1);
    lab.advance(30 * kSecond);
    const Snapshot at60 = snapshot(lab.run(), Side::A);
    CHECK(lab.run().cuff_asked_pct(Side::A) == Approx(70.0));
    // Back before the change: 50 % again; forward again: the change happens again, the same way.
    lab.seek(10 * kSecond);
    CHECK(lab.params().pct_lop_a == Approx(50.0));
    CHECK(lab.run().cuff_asked_pct(Side::A) == Approx(50.0));
    lab.seek(60 * kSecond);
    CHECK(snapshot(lab.run(), Side::A) == at60);
    CHECK(lab.latest() == 60 * kSecond);
}

TEST_CASE("timeline: a change in the past rewrites the future from there", "[therapist][timeline][log]") {
    Lab lab{LabSetup{}, LabParams{}};
    lab.advance(20 * kSecond);
    LabParams p = lab.params();
    p.rest_s = 60.0;
    lab.set_params(p);
    lab.advance(40 * kSecond);
    REQUIRE(lab.log().size() == 2);
    lab.seek(10 * kSecond);
    CHECK(lab.latest() == 60 * kSecond);  // scrubbing alone keeps the future
    p = lab.params();
    p.b_mode = BMode::SecondPressure;
    lab.set_params(p);
    REQUIRE(lab.log().size() == 2);  // the 20 s change is gone, this one took its place
    CHECK(lab.log().back().tick == 10 * kSecond + 1);
    CHECK(lab.log().back().params.rest_s == Approx(30.0));
    CHECK(lab.latest() == 10 * kSecond);
    // A second change at the same moment replaces it rather than adding one.
    p.pct_lop_b = 60.0;
    lab.set_params(p);
    CHECK(lab.log().size() == 2);
    CHECK(lab.log().back().params.pct_lop_b == Approx(60.0));
}

TEST_CASE("timeline: a new setup re-runs the whole log back to the same moment", "[therapist][timeline][setup]") {
    Lab lab{LabSetup{}, LabParams{}};
    lab.advance(45 * kSecond);
    LabParams p = lab.params();
    p.pct_lop_a = 40.0;
    lab.set_params(p);
    lab.advance(35 * kSecond);
    const double before = lab.run().session(Side::A).physiology().out.metabolite;
    LabSetup s = lab.setup();
    s.load_pct1rm = 50.0;
    lab.set_setup(s);
    CHECK(lab.now() == 80 * kSecond);
    CHECK(lab.log().size() == 2);
    CHECK(lab.run().setup().load_pct1rm == Approx(50.0));
    CHECK(lab.run().session(Side::A).physiology().out.metabolite > before);  // a heavier load: more metabolites
    // Identical to a lab that had that setup from the start.
    Lab fresh{s, LabParams{}};
    fresh.advance(45 * kSecond);
    fresh.set_params(p);
    fresh.advance(35 * kSecond);
    CHECK(snapshot(fresh.run(), Side::A) == snapshot(lab.run(), Side::A));
}

TEST_CASE("timeline: restart begins a new run at 0:00 with the current parameters", "[therapist][timeline]") {
    Lab lab{LabSetup{}, LabParams{}};
    lab.advance(10 * kSecond);
    LabParams p = lab.params();
    p.cuff_on_in_rest = false;
    lab.set_params(p);
    lab.advance(10 * kSecond);
    lab.restart();
    CHECK(lab.now() == 0);
    CHECK(lab.latest() == 0);
    REQUIRE(lab.log().size() == 1);
    CHECK_FALSE(lab.log().front().params.cuff_on_in_rest);
}
