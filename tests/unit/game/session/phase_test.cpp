// SessionPhase (track_session_phase): sets, rests and the cuff from the telemetry's events, or
// inferred from the reps and the cuff pressure when the stream has no events.
#include "game/session/session.hpp"
#include "game/session/systems.hpp"
#include "game/sim/sim_source.hpp"
#include "game/telemetry/format_v1.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

using namespace bfr::session;
namespace v1 = bfr::telemetry_v1;
using bfr::telemetry::Sample;

namespace {

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kS = 1'000'000'000;

/// Samples from memory, delivered by time like a recording.
class VectorFeed final : public SampleFeed {
public:
    explicit VectorFeed(std::vector<Sample> samples) : samples_{std::move(samples)} {}
    void pull_until(std::int64_t t_ns, std::vector<Sample>& out) override {
        while (next_ < samples_.size() && samples_[next_].t_ns <= t_ns) out.push_back(samples_[next_++]);
    }
    [[nodiscard]] std::string describe() const override { return "memory"; }

private:
    std::vector<Sample> samples_;
    std::size_t next_ = 0;
};

/// The simulated cuff and patient as a feed (what `shot` uses: auto tempo, the default LOP).
class SimFeed final : public SampleFeed {
public:
    explicit SimFeed(const bfr::sim::SimConfig& config) : sim_{config} {}
    void pull_until(std::int64_t t_ns, std::vector<Sample>& out) override { sim_.advance_to(t_ns, out); }
    [[nodiscard]] std::string describe() const override { return "sim"; }

private:
    bfr::sim::SimSource sim_;
};

/// A curl at 50 Hz seen by its joint angle: `reps` reps of 2 s (1 s up to 135°, 1 s down to 10°)
/// from `from_ns`, with the cuff at `cuff_mmHg`; appended to `out` up to `until_ns`.
void curls(std::vector<Sample>& out, std::int64_t from_ns, int reps, std::int64_t until_ns, double cuff_mmHg) {
    for (std::int64_t t = from_ns; t < until_ns; t += 20 * kMs) {
        const std::int64_t into = t - from_ns;
        double angle = 10.0;
        if (into < reps * 2 * kS) {
            const double phase = static_cast<double>(into % (2 * kS)) / 1e9;  // 0..2 s
            angle = phase < 1.0 ? 10.0 + 125.0 * phase : 135.0 - 125.0 * (phase - 1.0);
        }
        Sample& s = out.emplace_back();
        s.clear();
        s.t_ns = t;
        s.set(v1::kAngleDeg, angle);
        if (cuff_mmHg >= 0.0) s.set(v1::kCuffMmhg, cuff_mmHg);
    }
}

/// A row that carries only a time and an event (interfaces.md §4: used, not skipped).
Sample event_row(std::int64_t t_ns, const char* event) {
    Sample s;
    s.clear();
    s.t_ns = t_ns;
    s.event = event;
    return s;
}

/// Inserts `row` among `samples` by time (after the samples at the same time).
void insert_row(std::vector<Sample>& samples, const Sample& row) {
    auto it = samples.begin();
    while (it != samples.end() && it->t_ns <= row.t_ns) ++it;
    samples.insert(it, row);
}

const SessionPhase& phase_of(const Session& s) {
    return s.world().get<SessionPhase>(s.limb());
}

std::uint32_t tally_of(const Session& s) {
    return s.world().get<RepTally>(s.limb()).performed;
}

}  // namespace

TEST_CASE("a new session is cuff off, before any set", "[session][phase]") {
    Session s{SessionConfig{}};
    s.advance_to(2.0);
    const SessionPhase& ph = phase_of(s);
    CHECK(ph.kind == PhaseKind::CuffOff);
    CHECK(ph.set_number == 0);
    CHECK(ph.reps_in_set == 0);
    CHECK(ph.rest_target_ns == 30 * kS);
}

TEST_CASE("events decide the phase: inflate, sets, rests, deflate", "[session][phase]") {
    // Reps of 2 s from 5 s (3 reps), from 15 s (2 reps) and, outside any set, one at 25 s.
    std::vector<Sample> samples;
    curls(samples, 0, 0, 5 * kS, -1.0);
    curls(samples, 5 * kS, 3, 15 * kS, -1.0);
    curls(samples, 15 * kS, 2, 25 * kS, -1.0);
    curls(samples, 25 * kS, 1, 40 * kS, -1.0);
    insert_row(samples, event_row(2 * kS + 5 * kMs, "inflate"));
    insert_row(samples, event_row(5 * kS - 5 * kMs, "set_start"));
    insert_row(samples, event_row(11 * kS + 5 * kMs, "set_end"));
    insert_row(samples, event_row(11 * kS + 15 * kMs, "rest_start"));  // confirms the rest that began at set_end
    insert_row(samples, event_row(15 * kS - 5 * kMs, "set_start"));
    insert_row(samples, event_row(19 * kS + 5 * kMs, "set_end"));
    insert_row(samples, event_row(32 * kS + 5 * kMs, "deflate"));
    VectorFeed feed{samples};
    Session s{SessionConfig{}, &feed};

    s.advance_to(1.0);
    CHECK(phase_of(s).kind == PhaseKind::CuffOff);
    s.advance_to(3.0);
    CHECK(phase_of(s).kind == PhaseKind::Inflated);
    CHECK(phase_of(s).start_ns == 2 * kS + 5 * kMs);
    CHECK(phase_of(s).set_number == 0);

    s.advance_to(8.0);  // mid set 1: two reps done (at the top of the 1st and 2nd movements)
    CHECK(phase_of(s).kind == PhaseKind::Set);
    CHECK(phase_of(s).set_number == 1);
    CHECK(phase_of(s).start_ns == 5 * kS - 5 * kMs);
    CHECK(phase_of(s).reps_in_set == 2);
    CHECK(phase_of(s).reps_previous_sets == 0);

    s.advance_to(13.0);  // the rest after set 1
    CHECK(phase_of(s).kind == PhaseKind::Rest);
    CHECK(phase_of(s).start_ns == 11 * kS + 5 * kMs);  // rest_start did not move it
    CHECK(phase_of(s).set_number == 1);
    CHECK(phase_of(s).reps_in_set == 3);
    CHECK(phase_of(s).reps_previous_sets == 3);

    s.advance_to(17.0);
    CHECK(phase_of(s).kind == PhaseKind::Set);
    CHECK(phase_of(s).set_number == 2);
    CHECK(phase_of(s).reps_in_set == 1);
    CHECK(phase_of(s).reps_previous_sets == 3);

    s.advance_to(30.0);  // a rep in the rest (25 s) belongs to no set: events win over reps
    CHECK(tally_of(s) == 6);
    CHECK(phase_of(s).kind == PhaseKind::Rest);
    CHECK(phase_of(s).set_number == 2);
    CHECK(phase_of(s).reps_in_set == 2);
    CHECK(phase_of(s).reps_previous_sets == 5);

    s.advance_to(35.0);
    CHECK(phase_of(s).kind == PhaseKind::Done);
    CHECK(phase_of(s).start_ns == 32 * kS + 5 * kMs);
    CHECK(phase_of(s).set_number == 2);
}

TEST_CASE("a deflate before any set is cuff off; a set_start without set_end ends the running set",
          "[session][phase]") {
    std::vector<Sample> samples;
    curls(samples, 0, 0, 10 * kS, -1.0);
    curls(samples, 10 * kS, 2, 14 * kS, -1.0);
    curls(samples, 14 * kS, 3, 25 * kS, -1.0);
    insert_row(samples, event_row(1 * kS, "inflate"));  // the LOP measurement
    insert_row(samples, event_row(3 * kS, "deflate"));
    insert_row(samples, event_row(6 * kS, "inflate"));
    insert_row(samples, event_row(10 * kS - 5 * kMs, "set_start"));
    insert_row(samples, event_row(14 * kS - 5 * kMs, "set_start"));  // set 1's set_end is missing
    VectorFeed feed{samples};
    Session s{SessionConfig{}, &feed};
    s.advance_to(4.0);
    CHECK(phase_of(s).kind == PhaseKind::CuffOff);
    CHECK(phase_of(s).start_ns == 3 * kS);
    s.advance_to(7.0);
    CHECK(phase_of(s).kind == PhaseKind::Inflated);
    s.advance_to(22.0);
    CHECK(phase_of(s).kind == PhaseKind::Set);
    CHECK(phase_of(s).set_number == 2);
    CHECK(phase_of(s).reps_previous_sets == 2);
    CHECK(phase_of(s).reps_in_set == 3);
}

TEST_CASE("without events: a set starts at its first rep, a rest after 6 s without one, the cuff from its pressure",
          "[session][phase]") {
    // Cuff at 85 mmHg from 2 s; 4 reps from 5 s (tops at ~5.8, 7.8, 9.8, 11.8 s); 2 reps from 30 s;
    // the cuff vented (0 mmHg) at 40 s.
    std::vector<Sample> samples;
    curls(samples, 0, 0, 2 * kS, 0.0);
    curls(samples, 2 * kS, 0, 5 * kS, 85.0);
    curls(samples, 5 * kS, 4, 30 * kS, 85.0);
    curls(samples, 30 * kS, 2, 40 * kS, 85.0);
    curls(samples, 40 * kS, 0, 45 * kS, 0.0);
    VectorFeed feed{samples};
    Session s{SessionConfig{}, &feed};

    s.advance_to(1.0);
    CHECK(phase_of(s).kind == PhaseKind::CuffOff);
    s.advance_to(3.0);
    CHECK(phase_of(s).kind == PhaseKind::Inflated);
    CHECK(phase_of(s).start_ns == 2 * kS);  // the first sample at or above 20 mmHg

    s.advance_to(5.5);  // the first movement has not reached the top yet
    CHECK(phase_of(s).kind == PhaseKind::Inflated);
    s.advance_to(6.5);
    CHECK(phase_of(s).kind == PhaseKind::Set);
    CHECK(phase_of(s).set_number == 1);
    // The set starts at the tick of its first rep: near 5.8 s, when the angle passes 80 % of the range.
    CHECK(static_cast<double>(phase_of(s).start_ns) / 1e9 == Approx(5.8).margin(0.05));
    CHECK(phase_of(s).reps_in_set == 1);

    s.advance_to(17.0);  // 5.2 s after the last rep: still the set
    CHECK(phase_of(s).kind == PhaseKind::Set);
    CHECK(phase_of(s).reps_in_set == 4);
    const std::int64_t last_rep_ns = phase_of(s).last_rep_ns;
    CHECK(static_cast<double>(last_rep_ns) / 1e9 == Approx(11.8).margin(0.05));
    s.advance_to(18.5);  // more than 6 s after it: a rest, counted from the last rep
    CHECK(phase_of(s).kind == PhaseKind::Rest);
    CHECK(phase_of(s).start_ns == last_rep_ns);
    CHECK(phase_of(s).reps_in_set == 4);
    CHECK(phase_of(s).reps_previous_sets == 4);

    s.advance_to(33.0);  // the next rep starts set 2
    CHECK(phase_of(s).kind == PhaseKind::Set);
    CHECK(phase_of(s).set_number == 2);
    CHECK(phase_of(s).reps_in_set == 2);
    CHECK(phase_of(s).reps_previous_sets == 4);

    s.advance_to(42.0);  // the cuff vented after the sets: done
    CHECK(phase_of(s).kind == PhaseKind::Done);
    CHECK(phase_of(s).start_ns == 40 * kS);
    CHECK(phase_of(s).reps_previous_sets == 6);
    CHECK(phase_of(s).set_events == false);
    CHECK(phase_of(s).cuff_events == false);
}

TEST_CASE("the simulated cuff's events over 30-15-15-15: sets 1..4 of 30/15/15/15 reps, 30 s rests, then done",
          "[session][phase][sim]") {
    bfr::sim::SimConfig config;  // arm, 30-15-15-15, 30 s rests, 2 s per rep, auto tempo
    config.measure_lop = false;
    SimFeed feed{config};
    SessionConfig sc;
    sc.auto_tempo = true;
    Session s{sc, &feed};

    std::map<std::uint32_t, std::uint32_t> reps_per_set;  // the most each set showed while running
    std::vector<std::pair<PhaseKind, std::int64_t>> transitions;
    PhaseKind last = PhaseKind::CuffOff;
    while (s.time_s() < 300.0) {
        s.step();
        const SessionPhase& ph = phase_of(s);
        if (ph.kind == PhaseKind::Set)
            reps_per_set[ph.set_number] = std::max(reps_per_set[ph.set_number], ph.reps_in_set);
        if (ph.kind != last) transitions.emplace_back(ph.kind, ph.start_ns);
        last = ph.kind;
    }
    REQUIRE(reps_per_set.size() == 4);
    CHECK(reps_per_set[1] == 30);
    CHECK(reps_per_set[2] == 15);
    CHECK(reps_per_set[3] == 15);
    CHECK(reps_per_set[4] == 15);
    const SessionPhase& ph = phase_of(s);
    CHECK(ph.kind == PhaseKind::Done);
    CHECK(ph.set_number == 4);
    CHECK(ph.reps_in_set == 15);
    CHECK(ph.reps_previous_sets == 75);
    CHECK(ph.set_events);
    CHECK(ph.cuff_events);

    // Inflate at 1 s, set 1 at 6 s (5 s to settle), 60 s of reps, 30 s rests, deflate after set 4.
    const std::vector<std::pair<PhaseKind, double>> expected = {
        {PhaseKind::Inflated, 1.0}, {PhaseKind::Set, 6.0},    {PhaseKind::Rest, 66.0},  {PhaseKind::Set, 96.0},
        {PhaseKind::Rest, 126.0},   {PhaseKind::Set, 156.0},  {PhaseKind::Rest, 186.0}, {PhaseKind::Set, 216.0},
        {PhaseKind::Rest, 246.0},   {PhaseKind::Done, 246.0},
    };
    REQUIRE(transitions.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("transition " << i);
        CHECK(transitions[i].first == expected[i].first);
        // Events ride on the next 100 Hz sample after the device decides (within 10 ms).
        CHECK(static_cast<double>(transitions[i].second) / 1e9 == Approx(expected[i].second).margin(0.011));
    }
}

TEST_CASE("the phase is the same on every run (sample times and ticks only)", "[session][phase][sim]") {
    auto run = [] {
        bfr::sim::SimConfig config;
        config.measure_lop = false;
        SimFeed feed{config};
        Session s{SessionConfig{}, &feed};
        std::vector<std::int64_t> starts;
        PhaseKind last = PhaseKind::CuffOff;
        while (s.time_s() < 120.0) {
            s.step();
            if (phase_of(s).kind != last) starts.push_back(phase_of(s).start_ns);
            last = phase_of(s).kind;
        }
        return starts;
    };
    const auto a = run();
    CHECK(a.size() == 4);  // inflated, set 1, rest, set 2
    CHECK(a == run());
}
