// The feedback doser (docs/gamification.md F1–F8): one cue at a time, display time, global and
// per-cue cooldowns, intermittent form cues, mute. Defaults: 2 s on screen, 4 s quiet after,
// 20 s per kind, form cues at every 3rd opportunity.
#include "game/gamification/scoring.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

using namespace bfr::gamification;

namespace {

constexpr std::int64_t kS = 1'000'000'000;

/// The outcomes of the offers resolved since the last call.
std::vector<OfferOutcome> outcomes(FeedbackDoser& d) {
    std::vector<OfferOutcome> out;
    for (const OfferRecord& r : d.take_log()) out.push_back(r.outcome);
    return out;
}

using O = OfferOutcome;

}  // namespace

TEST_CASE("doser: a cue shows for its display time, exactly", "[gamification][doser]") {
    FeedbackDoser d;
    CHECK_FALSE(d.current(0).has_value());
    d.offer(make_cue(CueKind::SetComplete), 10 * kS);
    const auto shown = d.current(10 * kS);
    REQUIRE(shown.has_value());
    CHECK(shown->cue.kind == CueKind::SetComplete);
    CHECK(shown->text == "Set complete");
    CHECK(shown->start_ns == 10 * kS);
    CHECK(shown->end_ns == 12 * kS);
    CHECK(d.current(12 * kS - 1).has_value());
    CHECK_FALSE(d.current(12 * kS).has_value());
    CHECK(outcomes(d) == std::vector<O>{O::Shown});
}

TEST_CASE("doser: one at a time, then the global cooldown after the cue ends", "[gamification][doser]") {
    FeedbackDoser d;
    d.offer(make_cue(CueKind::SetComplete), 10 * kS);   // shown 10..12
    d.offer(make_cue(CueKind::GoalReached), 11 * kS);   // on screen: busy (higher priority does not interrupt)
    d.offer(make_cue(CueKind::ComboX5), 12 * kS);       // quiet until 16
    d.offer(make_cue(CueKind::ComboX5), 16 * kS - 1);   // still quiet
    d.offer(make_cue(CueKind::ComboX10), 16 * kS);      // shown 16..18
    CHECK(d.current(17 * kS)->cue.kind == CueKind::ComboX10);
    CHECK(outcomes(d) == std::vector<O>{O::Shown, O::Busy, O::Cooldown, O::Cooldown, O::Shown});
    CHECK(d.current(17 * kS)->start_ns == 16 * kS);
}

TEST_CASE("doser: offers at one instant, highest priority wins, ties go to the first", "[gamification][doser]") {
    FeedbackDoser d;
    // The rep that completes the set also reaches the goal and a x5 combo.
    d.offer(make_cue(CueKind::ComboX5), 20 * kS);
    d.offer(make_cue(CueKind::SetComplete), 20 * kS);
    d.offer(make_cue(CueKind::GoalReached), 20 * kS);
    REQUIRE(d.current(20 * kS).has_value());
    CHECK(d.current(20 * kS)->cue.kind == CueKind::GoalReached);
    CHECK(outcomes(d) == std::vector<O>{O::Outranked, O::Outranked, O::Shown});

    FeedbackDoser tie;
    tie.offer(Cue{CueKind::ComboX5, 50}, 0);
    tie.offer(Cue{CueKind::BackInTheBand, 50}, 0);
    CHECK(tie.current(0)->cue.kind == CueKind::ComboX5);

    // An offer at the same instant after current() was asked: a new batch, the screen is busy.
    d.offer(make_cue(CueKind::PersonalBest), 20 * kS);
    CHECK(d.current(20 * kS)->cue.kind == CueKind::GoalReached);
    CHECK(outcomes(d) == std::vector<O>{O::Busy});
}

TEST_CASE("doser: the per-cue cooldown counts from the kind's last start", "[gamification][doser]") {
    FeedbackDoser d;
    d.offer(make_cue(CueKind::SetComplete), 0);
    d.offer(make_cue(CueKind::SetComplete), 10 * kS);       // global quiet over at 6 s, but 10 s < 20 s
    d.offer(make_cue(CueKind::ComboX5), 11 * kS);           // another kind: fine
    d.offer(make_cue(CueKind::SetComplete), 20 * kS - 1);   // 1 ns short
    d.offer(make_cue(CueKind::SetComplete), 20 * kS);
    CHECK(d.current(20 * kS)->cue.kind == CueKind::SetComplete);
    CHECK(outcomes(d) == std::vector<O>{O::Shown, O::CueCooldown, O::Shown, O::CueCooldown, O::Shown});
}

TEST_CASE("doser: form cues only at every 3rd opportunity", "[gamification][doser][form]") {
    FeedbackDoser d;
    for (int i = 0; i < 7; ++i) d.offer(make_cue(CueKind::KeepTheTempo), i * 30 * kS);
    (void)d.current(7 * 30 * kS);
    CHECK(outcomes(d) == std::vector<O>{O::Intermittent, O::Intermittent, O::Shown, O::Intermittent,
                                        O::Intermittent, O::Shown, O::Intermittent});
    // Each form kind counts its own opportunities.
    FeedbackDoser two;
    two.offer(make_cue(CueKind::KeepTheTempo), 0);
    two.offer(make_cue(CueKind::FullRange), 30 * kS);
    two.offer(make_cue(CueKind::KeepTheTempo), 60 * kS);
    two.offer(make_cue(CueKind::FullRange), 90 * kS);
    two.offer(make_cue(CueKind::KeepTheTempo), 120 * kS);
    (void)two.current(120 * kS);
    CHECK(outcomes(two) == std::vector<O>{O::Intermittent, O::Intermittent, O::Intermittent, O::Intermittent, O::Shown});
}

TEST_CASE("doser: a form cue blocked at its turn goes at the next opportunity", "[gamification][doser][form]") {
    FeedbackDoser d;
    d.offer(make_cue(CueKind::KeepTheTempo), 0);
    d.offer(make_cue(CueKind::KeepTheTempo), 10 * kS);
    d.offer(make_cue(CueKind::SetComplete), 19 * kS);   // shown 19..21
    d.offer(make_cue(CueKind::KeepTheTempo), 20 * kS);  // 3rd: busy
    d.offer(make_cue(CueKind::KeepTheTempo), 30 * kS);  // 4th: shown
    d.offer(make_cue(CueKind::KeepTheTempo), 40 * kS);  // counter restarted
    (void)d.current(40 * kS);
    CHECK(outcomes(d) == std::vector<O>{O::Intermittent, O::Intermittent, O::Shown, O::Busy, O::Shown, O::Intermittent});

    DoserConfig every;
    every.form_every_n = 1;
    FeedbackDoser all(every);
    all.offer(make_cue(CueKind::FullRange), 0);
    CHECK(all.current(0)->cue.kind == CueKind::FullRange);
}

TEST_CASE("doser: mute hides the cue on screen and drops offers", "[gamification][doser]") {
    FeedbackDoser d;
    d.offer(make_cue(CueKind::SetComplete), 0);
    CHECK(d.current(kS).has_value());
    d.set_muted(true, kS);
    CHECK(d.muted());
    CHECK_FALSE(d.current(kS).has_value());
    d.offer(make_cue(CueKind::GoalReached), 10 * kS);
    CHECK_FALSE(d.current(10 * kS).has_value());
    d.set_muted(false, 20 * kS);
    d.offer(make_cue(CueKind::GoalReached), 20 * kS);
    CHECK(d.current(20 * kS)->cue.kind == CueKind::GoalReached);
    CHECK(outcomes(d) == std::vector<O>{O::Shown, O::Muted, O::Shown});
}

TEST_CASE("doser: an earlier time counts as the latest, and the same input gives the same output",
          "[gamification][doser]") {
    const auto run = [] {
        FeedbackDoser d;
        d.offer(make_cue(CueKind::SetComplete), 10 * kS);
        (void)d.current(10 * kS);
        d.offer(make_cue(CueKind::ComboX5), 5 * kS);  // counts as 10 s: busy
        d.offer(make_cue(CueKind::KeepTheTempo), 30 * kS);
        d.offer(make_cue(CueKind::GoalReached), 40 * kS);
        (void)d.current(41 * kS);
        return d.take_log();
    };
    const std::vector<OfferRecord> a = run();
    REQUIRE(a.size() == 4);
    CHECK(a[1].t_ns == 10 * kS);
    CHECK(a[1].outcome == O::Busy);
    CHECK(a[3].outcome == O::Shown);
    CHECK(a == run());
}

TEST_CASE("doser: every kind has its text and priority", "[gamification][doser]") {
    CHECK(cue_text(CueKind::ComboX5) == "Combo x5!");
    CHECK(cue_text(CueKind::ComboX10) == "Combo x10!");
    CHECK(cue_text(CueKind::GoalReached) == "Goal reached");
    CHECK(cue_text(CueKind::PersonalBest) == "Personal best");
    CHECK(cue_text(CueKind::BackInTheBand) == "Back in the band");
    CHECK(cue_text(CueKind::KeepTheTempo) == "Keep the tempo");
    CHECK(cue_text(CueKind::FullRange) == "Full range");
    CHECK(default_priority(CueKind::GoalReached) > default_priority(CueKind::SetComplete));
    CHECK(default_priority(CueKind::BackInTheBand) > default_priority(CueKind::KeepTheTempo));
    CHECK(is_form_cue(CueKind::KeepTheTempo));
    CHECK_FALSE(is_form_cue(CueKind::BackInTheBand));
}
