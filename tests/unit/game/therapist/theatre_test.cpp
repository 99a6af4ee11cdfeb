// The replay theatre: a recording scrubbed back and forth shows, at each moment, exactly the
// state the session had there; rep markers, sets and plots come from the same pass as `replay`.

#include "game/modes/therapist/theatre.hpp"

#include "game/session/session.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace bfr;
using namespace bfr::modes::therapist;

namespace {

constexpr core::Tick kSecond = core::kTickHz;
const std::string kArm = std::string(BFR_SOURCE_DIR) + "/assets/recordings/arm-30-15-15-15-50pct-lop.csv";

struct Moment {
    core::Tick tick = 0;
    TracePoint point{};
    physiology::State state;
    float angle = 0.f;
    std::size_t reps = 0;
    bool operator==(const Moment& o) const {
        return tick == o.tick && point == o.point && state.pooled_ml_100ml == o.state.pooled_ml_100ml &&
               state.cell_swell_pct == o.state.cell_swell_pct && state.lactate_mM == o.state.lactate_mM &&
               state.pcr_mM == o.state.pcr_mM && state.m_fatigued == o.state.m_fatigued && angle == o.angle &&
               reps == o.reps;
    }
};

Moment moment(const Theatre& t) {
    const session::Session& s = t.session();
    Moment m;
    m.tick = s.tick();
    m.point = trace_point(s);
    m.state = s.physiology().state;
    m.angle = s.world().get<session::JointPose>(s.limb()).angle_deg;
    m.reps = s.world().ctx().get<session::RepLog>().times_s.size();
    return m;
}

std::unique_ptr<Theatre> open_arm() {
    TheatreOptions o;
    o.path = kArm;
    o.limb = limb_from_file_name(kArm);
    std::string error;
    auto t = Theatre::open(o, &error);
    INFO(error);
    REQUIRE(t);
    return t;
}

}  // namespace

TEST_CASE("theatre: the full pass indexes the recording", "[therapist][theatre]") {
    const auto t = open_arm();
    CHECK(t->now() == 0);
    CHECK(core::seconds_from_ticks(t->end()) == Approx(372.0).margin(0.05));
    CHECK(t->result().reps.size() == 75);
    CHECK(t->result().sets.size() == 4);
    CHECK(t->trace().size() >= 3700);
    CHECK(t->reps_at(t->end()) == 75);
    CHECK(t->reps_at(0) == 0);
    REQUIRE(t->next_rep(0));
    CHECK(*t->next_rep(0) == t->rep_tick(0));
    CHECK(t->previous_rep(t->rep_tick(0)) == std::nullopt);
    CHECK(*t->previous_rep(t->rep_tick(1)) == t->rep_tick(0));
    REQUIRE(t->set_at(t->rep_tick(3)));
    CHECK(*t->set_at(t->rep_tick(3)) == 1);
    // The captions explain the recorded limb too.
    bool pooling = false;
    bool metabolites = false;
    for (const CaptionSpan& c : t->captions().shown()) {
        pooling = pooling || c.kind == Mechanism::Pooling;
        metabolites = metabolites || c.kind == Mechanism::Metabolites;
    }
    CHECK(pooling);
    CHECK(metabolites);
}

TEST_CASE("theatre: scrubbing is deterministic — the same moment always shows the same state",
          "[therapist][theatre][determinism]") {
    const auto t = open_arm();
    // Straight through, remembering some moments.
    const std::vector<core::Tick> moments{0, 1, 30 * kSecond + 17, 65 * kSecond, 200 * kSecond + 1};
    std::vector<Moment> straight;
    for (const core::Tick m : moments) {
        t->seek(m);
        straight.push_back(moment(*t));
    }
    // Backwards (every seek replays the file from its start), then in a jumbled order.
    for (std::size_t i = moments.size(); i-- > 0;) {
        t->seek(moments[i]);
        CHECK(moment(*t) == straight[i]);
    }
    for (const std::size_t i : {3u, 1u, 4u, 0u, 2u, 2u}) {
        t->seek(moments[i]);
        CHECK(moment(*t) == straight[i]);
    }
    CHECK(t->resimulated_ticks() > 0);
    // The plots of the full pass hold the same values the session has at those moments.
    for (std::size_t i = 0; i < moments.size(); ++i) {
        if (moments[i] % kTraceTicks != 0) continue;
        CHECK(t->trace()[t->trace().index_at(moments[i])] == straight[i].point);
    }
    // Past the end: the last state.
    t->seek(t->end() + 1000);
    CHECK(t->now() == t->end());
    t->advance(10);
    CHECK(t->now() == t->end());
}

TEST_CASE("theatre: a file that cannot be read is refused with its name", "[therapist][theatre]") {
    TheatreOptions o;
    o.path = "/nonexistent/recording.csv";
    std::string error;
    CHECK_FALSE(Theatre::open(o, &error));
    CHECK(error.find("/nonexistent/recording.csv") != std::string::npos);
    const auto dir = std::filesystem::temp_directory_path();
    const auto empty = dir / "bfr_therapist_empty.csv";
    std::ofstream(empty) << "t_s,cuff_mmHg\n";
    o.path = empty.string();
    CHECK_FALSE(Theatre::open(o, &error));
    std::filesystem::remove(empty);
}

TEST_CASE("theatre: the limb from the file name", "[therapist][theatre]") {
    CHECK(limb_from_file_name("/x/session-20250101-101010-leg.csv") == session::LimbKind::Leg);
    CHECK(limb_from_file_name("LEG-30.csv") == session::LimbKind::Leg);
    CHECK(limb_from_file_name("/legacy/arm.csv") == session::LimbKind::Arm);  // only the name counts
    CHECK(limb_from_file_name("arm-30-15-15-15-50pct-lop.csv") == session::LimbKind::Arm);
}
