// Points per rep, the score gate, the combo and the session score (docs/gamification.md S1–S11).
#include "game/gamification/scoring.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

using namespace bfr::gamification;

namespace {

RepJudgement judged(bool full, bool tempo, bool band) {
    return RepJudgement{full, tempo, band, 1.0};
}

}  // namespace

TEST_CASE("score table: every combination of the flags with no combo", "[gamification][score]") {
    struct Row {
        bool full, tempo, band;
        std::uint32_t base, points, combo_after;
        bool good, gated;
    };
    const std::vector<Row> table{
        // full  tempo  band  base points combo good   gated
        {true, true, true, 25, 25, 1, true, false},
        {true, false, true, 20, 20, 0, false, false},
        {false, true, true, 20, 20, 0, false, false},
        {false, false, true, 15, 15, 0, false, false},
        {true, true, false, 0, 0, 0, false, true},
        {true, false, false, 0, 0, 0, false, true},
        {false, true, false, 0, 0, 0, false, true},
        {false, false, false, 0, 0, 0, false, true},
    };
    for (const Row& r : table) {
        INFO("full " << r.full << " tempo " << r.tempo << " band " << r.band);
        const RepScore s = score_rep(judged(r.full, r.tempo, r.band), 0);
        CHECK(s.base_points == r.base);
        CHECK(s.points == r.points);
        CHECK(s.combo_after == r.combo_after);
        CHECK(s.good == r.good);
        CHECK(s.gated == r.gated);
        CHECK(s.multiplier_pct == 100);
        CHECK_FALSE(s.combo_broken);
    }
}

TEST_CASE("score table: every combination of the flags inside a x1.5 combo", "[gamification][score]") {
    // 7 good reps before: a good rep is the 8th (x1.5), anything else ends the combo.
    struct Row {
        bool full, tempo, band;
        std::uint32_t points, combo_after, multiplier_pct;
        bool broken;
    };
    const std::vector<Row> table{
        {true, true, true, 38, 8, 150, false},  // 25 x 1.5 = 37.5, rounded half up
        {true, false, true, 20, 0, 100, true},  {false, true, true, 20, 0, 100, true},
        {false, false, true, 15, 0, 100, true}, {true, true, false, 0, 0, 100, true},
        {true, false, false, 0, 0, 100, true},  {false, true, false, 0, 0, 100, true},
        {false, false, false, 0, 0, 100, true},
    };
    for (const Row& r : table) {
        INFO("full " << r.full << " tempo " << r.tempo << " band " << r.band);
        const RepScore s = score_rep(judged(r.full, r.tempo, r.band), 7);
        CHECK(s.points == r.points);
        CHECK(s.combo_after == r.combo_after);
        CHECK(s.multiplier_pct == r.multiplier_pct);
        CHECK(s.combo_broken == r.broken);
    }
}

TEST_CASE("score gate: outside the band is worth nothing even inside a x2 combo", "[gamification][score][gate]") {
    const RepScore s = score_rep(judged(true, true, false), 20);
    CHECK(s.points == 0);
    CHECK(s.base_points == 0);
    CHECK(s.gated);
    CHECK(s.combo_after == 0);
    CHECK(s.combo_broken);
}

TEST_CASE("score gate: more pressure never earns more", "[gamification][score][gate]") {
    // Target 50 %LOP, band ±10 % of the target: 45..55 %LOP.
    const auto points_at = [](double cuff_pct_lop) {
        return score_rep(judged(true, true, in_band(cuff_pct_lop, 50.0, 0.1)), 0).points;
    };
    CHECK(points_at(45.0) == 25);
    CHECK(points_at(50.0) == 25);
    CHECK(points_at(55.0) == 25);
    CHECK(points_at(55.1) == 0);
    CHECK(points_at(60.0) == 0);
    CHECK(points_at(80.0) == 0);
    CHECK(points_at(44.9) == 0);
    for (double p = 45.0; p <= 55.0; p += 0.5) CHECK(points_at(p) <= points_at(50.0));
}

TEST_CASE("combo multipliers: x1 for 4, x1.5 from the 5th, x2 from the 10th", "[gamification][score][combo]") {
    CHECK(combo_multiplier_pct(0) == 100);
    CHECK(combo_multiplier_pct(4) == 100);
    CHECK(combo_multiplier_pct(5) == 150);
    CHECK(combo_multiplier_pct(9) == 150);
    CHECK(combo_multiplier_pct(10) == 200);
    CHECK(combo_multiplier_pct(100) == 200);

    SessionScore score;
    std::vector<std::uint32_t> points;
    for (int i = 0; i < 12; ++i) points.push_back(score.add_rep(judged(true, true, true)).points);
    CHECK(points == std::vector<std::uint32_t>{25, 25, 25, 25, 38, 38, 38, 38, 38, 50, 50, 50});
    CHECK(score.points() == 440);
    CHECK(score.combo() == 12);
    // A rep off tempo resets the combo (20 points at x1); the next good rep starts again at x1.
    CHECK(score.add_rep(judged(true, false, true)).points == 20);
    CHECK(score.combo() == 0);
    CHECK(score.add_rep(judged(true, true, true)).points == 25);
    // A gated rep: nothing, combo over.
    CHECK(score.add_rep(judged(true, true, false)).points == 0);
    CHECK(score.combo() == 0);
    CHECK(score.best_combo() == 12);
    CHECK(score.points() == 485);
    CHECK(score.reps() == 15);
    CHECK(score.good_reps() == 13);
    CHECK(score.gated_reps() == 1);
    CHECK(score.good_rep_share_01() == Approx(13.0 / 15.0));
}

TEST_CASE("combo: the rest between sets keeps it", "[gamification][score][combo]") {
    SessionScore score;
    for (int i = 0; i < 4; ++i) score.add_rep(judged(true, true, true));
    score.end_set();
    CHECK(score.sets() == 1);
    const RepScore fifth = score.add_rep(judged(true, true, true));
    CHECK(fifth.combo_after == 5);
    CHECK(fifth.points == 38);
}

TEST_CASE("tempo: within ±25 % of the guide, inclusive", "[gamification][score][tempo]") {
    CHECK(on_tempo(2.0, 2.0));
    CHECK(on_tempo(2.5, 2.0));
    CHECK(on_tempo(1.5, 2.0));
    CHECK_FALSE(on_tempo(2.51, 2.0));
    CHECK_FALSE(on_tempo(1.49, 2.0));
    CHECK(on_tempo(9.0, 0.0));  // no guide: nothing to be off

    bfr::reps::RepEvent rep;
    rep.first_phase_s = 1.25;
    rep.second_phase_s = 1.25;
    rep.range = bfr::reps::RepRange::Partial;
    rep.quality_01 = 0.75;
    const RepJudgement j = judge_rep(rep, 2.0, true);
    CHECK_FALSE(j.full_range);
    CHECK(j.on_tempo);
    CHECK(j.in_band);
    CHECK(j.quality_01 == 0.75);
    rep.second_phase_s = 1.5;  // 2.75 s: 37.5 % long
    rep.range = bfr::reps::RepRange::Full;
    const RepJudgement slow = judge_rep(rep, 2.0, false);
    CHECK(slow.full_range);
    CHECK_FALSE(slow.on_tempo);
    CHECK_FALSE(slow.in_band);
}

TEST_CASE("goal: clamped to the therapist's band, progress toward it", "[gamification][score][goal]") {
    CHECK(clamp_goal(50, 30, 60) == Goal{50});
    CHECK(clamp_goal(10, 30, 60) == Goal{30});
    CHECK(clamp_goal(100, 30, 60) == Goal{60});
    CHECK(clamp_goal(45, 60, 30) == Goal{45});  // reversed band

    SessionScore score(Goal{30});
    CHECK(score.goal_progress_01() == 0.0);
    CHECK(score.reps_to_goal() == 30);
    for (int i = 0; i < 15; ++i) score.add_rep(judged(true, true, true));
    CHECK(score.goal_progress_01() == Approx(0.5));
    CHECK(score.reps_to_goal() == 15);
    CHECK_FALSE(score.goal_reached());
    for (int i = 0; i < 15; ++i) score.add_rep(judged(false, false, false));  // gated reps still count toward the goal
    CHECK(score.goal_reached());
    for (int i = 0; i < 5; ++i) score.add_rep(judged(true, true, true));
    CHECK(score.goal_progress_01() == 1.0);
    CHECK(score.reps_to_goal() == 0);

    SessionScore no_goal;
    no_goal.add_rep(judged(true, true, true));
    CHECK(no_goal.goal_progress_01() == 0.0);
    CHECK_FALSE(no_goal.goal_reached());
}

TEST_CASE("session score: mean quality and an empty session", "[gamification][score]") {
    SessionScore empty;
    CHECK(empty.good_rep_share_01() == 0.0);
    CHECK(empty.mean_quality_01() == 0.0);
    SessionScore score;
    score.add_rep(RepJudgement{true, true, true, 1.0});
    score.add_rep(RepJudgement{true, true, true, 0.5});
    CHECK(score.mean_quality_01() == Approx(0.75));
    CHECK(score.points() == 50);  // quality is reported, never scored
}
