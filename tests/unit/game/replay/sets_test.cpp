// Sets from the rests between groups of reps, and from set_start/set_end events.

#include "game/replay/sets.hpp"

#include <catch2/catch.hpp>

using namespace bfr::replay;

namespace {

/// `count` reps every `interval_s`, the first committed at `first_commit_s`, each contraction
/// beginning 1.3 s before its commit.
void add_reps(std::vector<RepTimes>& reps, double first_commit_s, double interval_s, int count) {
    for (int i = 0; i < count; ++i) {
        const double commit = first_commit_s + interval_s * i;
        reps.push_back(RepTimes{commit - 1.3, commit});
    }
}

}  // namespace

TEST_CASE("sets from rests: 30-15-15-15 with 30 s rests gives four sets", "[replay][sets]") {
    std::vector<RepTimes> reps;
    add_reps(reps, 2.0, 2.0, 30);   // commits 2 .. 60
    add_reps(reps, 92.0, 2.0, 15);  // 30 s rest (commit gap 32 s)
    add_reps(reps, 152.0, 2.0, 15);
    add_reps(reps, 212.0, 2.0, 15);
    CHECK(rest_threshold_s(reps) == Approx(10.0));  // max(10, 3 × 2 s)
    const auto sets = sets_from_rests(reps);
    REQUIRE(sets.size() == 4);
    CHECK(sets[0].reps == 30);
    CHECK(sets[0].start_s == Approx(0.7));
    CHECK(sets[0].end_s == Approx(60.0));
    CHECK(sets[1].reps == 15);
    CHECK(sets[1].start_s == Approx(90.7));
    CHECK(sets[1].end_s == Approx(120.0));
    CHECK(sets[3].reps == 15);
    CHECK(sets[3].end_s == Approx(240.0));
}

TEST_CASE("sets from rests scale with a slow tempo; a pause within a set does not split it", "[replay][sets]") {
    std::vector<RepTimes> reps;
    add_reps(reps, 5.0, 5.0, 10);          // 5 s per rep: threshold 15 s
    reps.push_back(RepTimes{58.0, 60.0});  // a 10 s gap: a pause, not a rest
    add_reps(reps, 65.0, 5.0, 5);
    add_reps(reps, 110.0, 5.0, 10);  // a 20 s gap: a new set
    CHECK(rest_threshold_s(reps) == Approx(15.0));
    const auto sets = sets_from_rests(reps);
    REQUIRE(sets.size() == 2);
    CHECK(sets[0].reps == 16);
    CHECK(sets[1].reps == 10);
}

TEST_CASE("sets from rests: none without reps, one for a single rep", "[replay][sets]") {
    CHECK(sets_from_rests({}).empty());
    const auto one = sets_from_rests({RepTimes{3.0, 4.5}});
    REQUIRE(one.size() == 1);
    CHECK(one[0].start_s == 3.0);
    CHECK(one[0].end_s == 4.5);
    CHECK(one[0].reps == 1);
    // Two reps 40 s apart: one interval, its own median: one set.
    CHECK(sets_from_rests({RepTimes{1.0, 2.0}, RepTimes{41.0, 42.0}}).size() == 1);
}

TEST_CASE("sets from events: pairs, a set left open, an end without a start", "[replay][sets]") {
    std::vector<RepTimes> reps;
    add_reps(reps, 2.0, 2.0, 5);   // commits 2..10, in the first set
    add_reps(reps, 31.5, 2.0, 3);  // starts 30.2.. commits 31.5..35.5, second set
    add_reps(reps, 61.0, 2.0, 2);  // after the last set_end: none
    const std::vector<SetMarker> markers = {
        {SetMarkerKind::Start, 0.5},
        {SetMarkerKind::End, 10.05},  // the last rep commits after the end
        {SetMarkerKind::Start, 30.0},
        {SetMarkerKind::End, 36.0},
    };
    auto sets = sets_from_markers(markers, reps, 70.0);
    REQUIRE(sets.size() == 2);
    CHECK(sets[0].start_s == 0.5);
    CHECK(sets[0].end_s == 10.05);
    CHECK(sets[0].reps == 5);
    CHECK(sets[1].reps == 3);

    // A set_start with no set_end runs to the end of the recording; a set_end with no start
    // begins at the previous set's end.
    sets = sets_from_markers({{SetMarkerKind::End, 12.0}, {SetMarkerKind::End, 40.0}, {SetMarkerKind::Start, 50.0}},
                             reps, 70.0);
    REQUIRE(sets.size() == 3);
    CHECK(sets[0].start_s == 0.0);
    CHECK(sets[0].end_s == 12.0);
    CHECK(sets[0].reps == 5);
    CHECK(sets[1].start_s == 12.0);
    CHECK(sets[1].reps == 3);
    CHECK(sets[2].start_s == 50.0);
    CHECK(sets[2].end_s == 70.0);
    CHECK(sets[2].reps == 2);
    // A stray set_end (an unmatched end holding no reps) makes no phantom set.
    sets = sets_from_markers({{SetMarkerKind::End, 0.0}, {SetMarkerKind::Start, 0.5}, {SetMarkerKind::End, 10.05},
                              {SetMarkerKind::End, 10.5}},
                             reps, 70.0);
    REQUIRE(sets.size() == 1);
    CHECK(sets[0].start_s == 0.5);
    CHECK(sets[0].reps == 5);
    // Two starts in a row: the first set closes where the second begins.
    sets = sets_from_markers({{SetMarkerKind::Start, 0.0}, {SetMarkerKind::Start, 20.0}}, reps, 70.0);
    REQUIRE(sets.size() == 2);
    CHECK(sets[0].end_s == 20.0);
    CHECK(sets[0].reps == 5);
    CHECK(sets[1].reps == 5);
}
