#include "game/session/session.hpp"
#include "game/session/limb.hpp"
#include "game/session/systems.hpp"
#include "game/telemetry/format_v1.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace bfr::session;

namespace {

const JointPose& pose_of(const Session& s) {
    return s.world().get<JointPose>(s.limb());
}
std::uint32_t reps_of(const Session& s) {
    return s.world().get<RepTally>(s.limb()).performed;
}

}  // namespace

TEST_CASE("the schedule table runs in phase order with the documented systems", "[session]") {
    const auto systems = session_systems();
    REQUIRE(systems.size() == 12);
    CHECK(std::string(systems[0].name) == "snapshot_poses");
    CHECK(std::string(systems[2].name) == "ingest_telemetry");
    CHECK(std::string(systems[3].name) == "count_reps");
    CHECK(std::string(systems[4].name) == "drive_patient");
    CHECK(std::string(systems[5].name) == "tally_reps");
    CHECK(std::string(systems[6].name) == "track_session_phase");
    CHECK(std::string(systems[7].name) == "simulate_physiology");
    CHECK(std::string(systems[8].name) == "run_protocol");
    CHECK(std::string(systems[9].name) == "enforce_limits");
    CHECK(std::string(systems[10].name) == "assess_pressure");
    CHECK(std::string(systems[11].name) == "score_reps");
    for (std::size_t i = 1; i < systems.size(); ++i) CHECK(systems[i - 1].phase <= systems[i].phase);
}

TEST_CASE("a session counts ticks in exact 1/60 s", "[session]") {
    Session s{SessionConfig{}};
    CHECK(s.tick() == 0);
    for (int i = 0; i < 90; ++i) s.step();
    CHECK(s.tick() == 90);
    CHECK(s.time_s() == Approx(1.5));
    s.advance_to(10.0);
    CHECK(s.tick() == 600);
    s.advance_to(5.0);  // never goes back
    CHECK(s.tick() == 600);
}

TEST_CASE("auto tempo performs one rep every 2 s", "[session]") {
    SessionConfig config;
    config.auto_tempo = true;
    Session s{config};
    s.advance_to(10.0);
    CHECK(reps_of(s) == 5);
    s.advance_to(60.0);
    CHECK(reps_of(s) == 30);
}

TEST_CASE("nobody driving: the limb stays at rest", "[session]") {
    Session s{SessionConfig{}};
    s.advance_to(5.0);
    CHECK(reps_of(s) == 0);
    CHECK(pose_of(s).angle_deg == Approx(default_rig(LimbKind::Arm).rest_angle_deg));
    CHECK(pose_of(s).activation_01 == Approx(0.f).margin(1e-6));
}

TEST_CASE("holding contract lifts the forearm, releasing lowers it: one rep each time", "[session]") {
    Session s{SessionConfig{}};
    const LimbRig rig = default_rig(LimbKind::Arm);
    REQUIRE(s.push({CommandKind::ContractDown}));
    s.step();
    CHECK(s.world().get<PatientDrive>(s.limb()).contract_held);
    s.advance_to(1.5);
    CHECK(pose_of(s).angle_deg > rig.contracted_angle_deg - 5.f);
    // Lifting the default 30 %1RM takes about 40 % of a maximal contraction.
    CHECK(pose_of(s).activation_01 == Approx(0.40f).margin(0.01f));
    CHECK(reps_of(s) == 1);
    REQUIRE(s.push({CommandKind::ContractUp}));
    s.advance_to(3.0);
    CHECK(pose_of(s).angle_deg < rig.rest_angle_deg + 5.f);
    CHECK(reps_of(s) == 1);
    // Second rep.
    REQUIRE(s.push({CommandKind::ContractDown}));
    s.advance_to(4.5);
    CHECK(reps_of(s) == 2);
}

TEST_CASE("a rep event is drained at the end of the tick that completed it", "[session]") {
    SessionConfig config;
    config.auto_tempo = true;
    Session s{config};
    int events = 0;
    std::uint32_t last_index = 0;
    for (int i = 0; i < 600; ++i) {
        s.step();
        for (const auto& e : s.last_tick_reps()) {
            ++events;
            last_index = e.rep_index;
            CHECK(e.tick == s.tick());
        }
    }
    CHECK(events == 5);
    CHECK(last_index == 5);
}

TEST_CASE("the joint response is smooth: no jump larger than the spring allows", "[session]") {
    SessionConfig config;
    config.auto_tempo = true;
    Session s{config};
    float previous = pose_of(s).angle_deg;
    float max_step = 0.f;
    for (int i = 0; i < 600; ++i) {
        s.step();
        max_step = std::max(max_step, std::abs(pose_of(s).angle_deg - previous));
        previous = pose_of(s).angle_deg;
    }
    // A critically damped step response peaks at omega * range / e: 7 * 125 / e = 322 deg/s,
    // 5.4 deg per tick. Anything above that would be a jump the spring does not allow.
    const float range = default_rig(LimbKind::Arm).contracted_angle_deg - default_rig(LimbKind::Arm).rest_angle_deg;
    const float peak_per_tick = kJointOmega * range / std::exp(1.f) / 60.f;
    CHECK(max_step < peak_per_tick * 1.05f);
    CHECK(max_step > peak_per_tick * 0.8f);
}

TEST_CASE("two sessions given the same commands are identical tick by tick", "[session]") {
    Session a{SessionConfig{}};
    Session b{SessionConfig{}};
    for (int i = 0; i < 400; ++i) {
        if (i % 97 == 3) {
            (void)a.push({CommandKind::ContractDown});
            (void)b.push({CommandKind::ContractDown});
        }
        if (i % 97 == 50) {
            (void)a.push({CommandKind::ContractUp});
            (void)b.push({CommandKind::ContractUp});
        }
        a.step();
        b.step();
        REQUIRE(pose_of(a).angle_deg == pose_of(b).angle_deg);
        REQUIRE(pose_of(a).activation_01 == pose_of(b).activation_01);
    }
    CHECK(reps_of(a) == reps_of(b));
    CHECK(reps_of(a) == 4);
}

TEST_CASE("limb kinematics follow the documented frame", "[session][limb]") {
    const LimbRig arm = default_rig(LimbKind::Arm);
    CHECK(proximal_joint(arm).y == Approx(arm.proximal_length_m));
    const auto hanging = distal_direction(arm, 0.f);
    CHECK(hanging.y == Approx(-1.f));
    const auto level = distal_direction(arm, 90.f);
    CHECK(level.x == Approx(1.f));
    CHECK(level.y == Approx(0.f).margin(1e-6));
    const LimbRig leg = default_rig(LimbKind::Leg);
    CHECK(proximal_joint(leg).x == Approx(-leg.proximal_length_m));
    CHECK(distal_direction(leg, 0.f).x == Approx(1.f));
    CHECK(distal_direction(leg, 90.f).y == Approx(-1.f));
    CHECK(angle_for_progress(leg, 0.f) == Approx(90.f));
    CHECK(angle_for_progress(leg, 1.f) == Approx(5.f));
    CHECK(angle_for_progress(leg, 7.f) == Approx(5.f));
}

namespace {

/// A feed with one sample every 10 ms (100 Hz) whose angle rises 1 degree per sample and whose
/// effort is 0.5; it records the commands it hears and the times it is asked for.
class RampFeed final : public SampleFeed {
public:
    std::vector<Command> heard;
    std::vector<std::int64_t> asked;
    std::int64_t next_ns = 0;
    void pull_until(std::int64_t t_ns, std::vector<bfr::telemetry::Sample>& out) override {
        asked.push_back(t_ns);
        while (next_ns <= t_ns) {
            bfr::telemetry::Sample s;
            s.clear();
            s.t_ns = next_ns;
            s.set(bfr::telemetry_v1::kAngleDeg, 10.0 + static_cast<double>(next_ns / 10'000'000));
            s.set(bfr::telemetry_v1::kEffort, 0.5);
            if (next_ns == 500'000'000) s.event = "set_start";
            out.push_back(s);
            next_ns += 10'000'000;
        }
    }
    void on_command(const Command& c) override { heard.push_back(c); }
    std::string describe() const override { return "ramp"; }
};

}  // namespace

TEST_CASE("every sample up to each tick's end is ingested, in order, and drives the pose", "[session][telemetry]") {
    RampFeed feed;
    Session s{SessionConfig{}, &feed};
    s.step();  // tick 1 ends at 16'666'666 ns: samples at 0 and 10 ms
    CHECK(feed.asked.back() == 16'666'666);
    const auto& state = s.world().ctx().get<TelemetryState>();
    CHECK(state.samples == 2);
    CHECK(pose_of(s).angle_deg == Approx(11.f));
    CHECK(pose_of(s).activation_01 == Approx(0.5f));
    for (int i = 1; i < 60; ++i) s.step();  // one second: ticks 1..60 end at exactly 1 s
    CHECK(feed.asked.back() == 1'000'000'000);
    CHECK(state.samples == 101);  // 0, 10 ms, ..., 1000 ms
    CHECK(state.events == 1);
    CHECK(state.last_sample_ns == 1'000'000'000);
    CHECK(pose_of(s).angle_deg == Approx(110.f));
    CHECK(s.world().get<PatientDrive>(s.limb()).pose_measured);
}

TEST_CASE("the feed hears a command in the tick it is applied, before that tick's samples", "[session][telemetry]") {
    RampFeed feed;
    Session s{SessionConfig{}, &feed};
    s.step();
    REQUIRE(s.push({CommandKind::ContractDown}));
    CHECK(feed.heard.empty());
    s.step();
    REQUIRE(feed.heard.size() == 1);
    CHECK(feed.heard[0].kind == CommandKind::ContractDown);
    s.step();
    CHECK(feed.heard.size() == 1);  // heard once
}

namespace {

/// Samples from memory, delivered by time like a recording.
class VectorFeed final : public SampleFeed {
public:
    explicit VectorFeed(std::vector<bfr::telemetry::Sample> samples) : samples_{std::move(samples)} {}
    void pull_until(std::int64_t t_ns, std::vector<bfr::telemetry::Sample>& out) override {
        while (next_ < samples_.size() && samples_[next_].t_ns <= t_ns) out.push_back(samples_[next_++]);
    }
    [[nodiscard]] std::string describe() const override { return "memory"; }

private:
    std::vector<bfr::telemetry::Sample> samples_;
    std::size_t next_ = 0;
};

bfr::telemetry::Sample effort_sample(std::int64_t t_ns, double effort) {
    bfr::telemetry::Sample s;
    s.clear();
    s.t_ns = t_ns;
    s.set(bfr::telemetry_v1::kEffort, effort);
    return s;
}

}  // namespace

TEST_CASE("count_reps hears every effort sample of a tick and logs each committed rep", "[session]") {
    // 200 Hz effort (several samples per tick): 3 contractions of 0.4 for 1 s, from 1 s every 2 s.
    std::vector<bfr::telemetry::Sample> samples;
    for (std::int64_t i = 0; i <= 200 * 8; ++i) {
        const std::int64_t t = i * 5'000'000;
        const double s = static_cast<double>(t) / 1e9;
        const bool up = s >= 1.0 && s < 7.0 && std::fmod(s - 1.0, 2.0) < 1.0 - 1e-9;
        samples.push_back(effort_sample(t, up ? 0.4 : 0.0));
    }
    VectorFeed feed{samples};
    Session s{SessionConfig{}, &feed};
    int events = 0;
    while (s.time_s() < 8.0) {
        s.step();
        for (const RepCounted& e : s.last_tick_counted_reps()) {
            ++events;
            CHECK(e.tick == s.tick());
            CHECK(e.commit_ns <= bfr::core::tick_end_ns(s.tick()));
            CHECK(e.commit_ns > bfr::core::tick_end_ns(s.tick() - 1));
        }
    }
    const auto& log = s.world().ctx().get<RepLog>();
    REQUIRE(log.times_s.size() == 3);
    CHECK(events == 3);
    CHECK(log.times_s[0] == Approx(2.1));
    CHECK(log.times_s[1] == Approx(4.1));
    CHECK(log.times_s[2] == Approx(6.1));
    CHECK(log.start_s[0] == Approx(1.0));
    CHECK_FALSE(finish_rep_count(s.world()));
    // The virtual patient's own tally is separate and did nothing (nobody held contract).
    CHECK(reps_of(s) == 0);
}

TEST_CASE("finish_rep_count commits a contraction that returned to rest just before the end", "[session]") {
    std::vector<bfr::telemetry::Sample> samples;
    for (int i = 0; i <= 100; ++i) {  // 50 Hz for 2 s: up from 0.5 s to 1.96 s
        const std::int64_t t = i * 20'000'000;
        samples.push_back(effort_sample(t, t >= 500'000'000 && t < 1'960'000'000 ? 0.4 : 0.0));
    }
    VectorFeed feed{samples};
    Session s{SessionConfig{}, &feed};
    s.advance_to(2.0);
    CHECK(s.world().ctx().get<RepLog>().times_s.empty());
    REQUIRE(finish_rep_count(s.world()));
    const auto& log = s.world().ctx().get<RepLog>();
    REQUIRE(log.times_s.size() == 1);
    CHECK(log.times_s[0] == Approx(2.0));
}

namespace {

bfr::telemetry::Sample angle_cuff_sample(std::int64_t t_ns, double angle_deg, double cuff_mmHg) {
    bfr::telemetry::Sample s;
    s.clear();
    s.t_ns = t_ns;
    s.set(bfr::telemetry_v1::kAngleDeg, angle_deg);
    s.set(bfr::telemetry_v1::kCuffMmhg, cuff_mmHg);
    s.set(bfr::telemetry_v1::kLopMmhg, 170.0);
    return s;
}

const LimbPhysiology& phys_of(const Session& s) {
    return s.physiology();
}

}  // namespace

TEST_CASE("without effort, a measured joint angle tells the model when the muscle works", "[session][physiology]") {
    // 50 Hz curls: 1 s up from 10° to 135°, 1 s down, 1 s at rest; cuff at 85 mmHg (50 % LOP).
    std::vector<bfr::telemetry::Sample> samples;
    for (int i = 0; i <= 50 * 60; ++i) {
        const double t = i / 50.0;
        const double phase = std::fmod(t, 3.0);
        const double angle = phase < 1.0 ? 10.0 + 125.0 * phase : (phase < 2.0 ? 135.0 - 125.0 * (phase - 1.0) : 10.0);
        samples.push_back(angle_cuff_sample(static_cast<std::int64_t>(i) * 20'000'000, angle, 85.0));
    }
    VectorFeed feed{samples};
    Session s{SessionConfig{}, &feed};
    double lifting = 0.0;
    double lowering = 0.0;
    double resting = 1.0;
    while (s.time_s() < 59.0) {
        s.step();
        const double phase = std::fmod(s.time_s(), 3.0);
        const double a = phys_of(s).inputs.activation;
        if (phase > 0.4 && phase < 0.9) lifting = std::max(lifting, a);
        if (phase > 1.4 && phase < 1.9) lowering = std::max(lowering, a);
        if (phase > 2.5 && phase < 2.95) resting = std::min(resting, a);
    }
    const double lift = static_cast<double>(lift_activation_for_load(30.0));
    CHECK(lifting == Approx(lift).margin(0.03));
    CHECK(lowering == Approx(0.6 * lift).margin(0.05));
    CHECK(resting < 0.02);
    CHECK(phys_of(s).out.metabolite > 0.05);
    CHECK(phys_of(s).out.pct_lop == Approx(50.0).margin(8.0));
    CHECK(phys_of(s).lop_from_telemetry);
}

TEST_CASE("measured effort drives the model directly and a cuff makes it fill faster", "[session][physiology]") {
    auto run = [](double cuff_mmHg) {
        std::vector<bfr::telemetry::Sample> samples;
        for (int i = 0; i <= 100 * 90; ++i) {  // 100 Hz, 90 s: 1.2 s at 0.4 every 2 s from 10 s
            const double t = i / 100.0;
            auto sample = effort_sample(static_cast<std::int64_t>(i) * 10'000'000,
                                        t >= 10.0 && std::fmod(t, 2.0) < 1.2 ? 0.4 : 0.0);
            sample.set(bfr::telemetry_v1::kCuffMmhg, cuff_mmHg);
            samples.push_back(sample);
        }
        VectorFeed feed{samples};
        Session s{SessionConfig{}, &feed};
        s.advance_to(90.0);
        return s.physiology().out;
    };
    const auto free = run(0.0);
    const auto bfr = run(85.0);
    CHECK(free.metabolite > 0.02);
    CHECK(bfr.metabolite > free.metabolite);
    CHECK(bfr.swelling_pct > free.swelling_pct + 3.0);
    CHECK(bfr.occlusion_s == Approx(90.0).margin(0.1));
    CHECK(free.occlusion_s == 0.0);
}

TEST_CASE("a single effort reading does not hold the muscle working forever", "[session][physiology]") {
    std::vector<bfr::telemetry::Sample> samples;
    samples.push_back(effort_sample(500'000'000, 0.6));
    for (int i = 1; i <= 100; ++i) {  // then only cuff readings, effort empty
        bfr::telemetry::Sample s;
        s.clear();
        s.t_ns = 500'000'000 + static_cast<std::int64_t>(i) * 100'000'000;
        s.set(bfr::telemetry_v1::kCuffMmhg, 85.0);
        samples.push_back(s);
    }
    VectorFeed feed{samples};
    Session s{SessionConfig{}, &feed};
    s.advance_to(0.6);
    CHECK(s.physiology().inputs.activation == Approx(0.6));
    s.advance_to(2.0);
    CHECK(s.physiology().inputs.activation < 0.01);  // the hold ended: activation inferred (rest)
    s.advance_to(10.0);
    CHECK(s.physiology().out.fatigue_pct < 10.0);
}

TEST_CASE("a recording's contract input drives the patient like the live input", "[session]") {
    std::vector<bfr::telemetry::Sample> samples;
    for (int k = 0; k < 5; ++k) {  // contract for 1 s every 2 s
        bfr::telemetry::Sample down;
        down.clear();
        down.t_ns = 1'000'000'000 + static_cast<std::int64_t>(k) * 2'000'000'000;
        down.event = "contract_down";
        bfr::telemetry::Sample up = down;
        up.t_ns += 1'000'000'000;
        up.event = "contract_up";
        samples.push_back(down);
        samples.push_back(up);
    }
    VectorFeed feed{samples};
    Session s{SessionConfig{}, &feed};
    double peak_activation = 0.0;
    while (s.time_s() < 12.0) {
        s.step();
        peak_activation = std::max(peak_activation, s.physiology().inputs.activation);
    }
    CHECK(reps_of(s) == 5);
    CHECK(peak_activation == Approx(0.40).margin(0.02));
}

TEST_CASE("tick 0 holds the samples at time 0", "[session]") {
    bfr::telemetry::Sample s0;
    s0.clear();
    s0.t_ns = 0;
    s0.set(bfr::telemetry_v1::kCuffMmhg, 150.0);
    s0.set(bfr::telemetry_v1::kLopMmhg, 170.0);
    VectorFeed feed{{s0}};
    Session s{SessionConfig{}, &feed};
    s.prime();
    CHECK(s.tick() == 0);
    CHECK(s.world().ctx().get<TelemetryState>().samples == 1);
    CHECK(s.physiology().out.pct_lop == Approx(100.0 * 150.0 / 170.0));
    s.prime();  // once only
    s.step();
    CHECK(s.tick() == 1);
    CHECK(s.world().ctx().get<TelemetryState>().samples == 1);
}
