// The progress screen's view model: calendar, weekly streak, badges, bests and trends from the
// history's sessions, and the lines that celebrate what a session earned.

#include "game/presentation/progress_view.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using namespace bfr;
using namespace bfr::presentation;
namespace g = bfr::gamification;

namespace {

// 2024-01-01 is a Monday.
std::int64_t at(std::int32_t y, std::uint32_t m, std::uint32_t d, int hh = 18) {
    return g::unix_s_from_local(g::LocalDate{y, m, d}, hh, 0, 0);
}

g::SessionRecord done(std::int64_t t, std::uint32_t reps = 75, double load = 30.0, double lop = 160.0) {
    g::SessionRecord s;
    s.started_unix_s = t;
    s.completed = true;
    s.reps = reps;
    s.load_pct1rm = load;
    s.lop_mmHg = lop;
    s.time_in_band_pct = 90.0;
    return s;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("progress: two perfect weeks fill the calendar, the streak, badges, bests and trends", "[progress][view]") {
    // Week of Jan 8: Mon, Wed, Fri. Week of Jan 15: Mon, Thu. An abandoned one on Sat 20th.
    std::vector<g::SessionRecord> s{done(at(2024, 1, 8), 60, 25.0), done(at(2024, 1, 10), 65, 25.0),
                                    done(at(2024, 1, 12), 70, 30.0), done(at(2024, 1, 15), 75, 30.0),
                                    done(at(2024, 1, 18), 80, 35.0)};
    g::SessionRecord abandoned = done(at(2024, 1, 20), 20);
    abandoned.completed = false;
    s.push_back(abandoned);
    std::reverse(s.begin(), s.end());  // any order
    const auto vm = build_progress_view(s, at(2024, 1, 22, 9), 0, 2024, 1);
    CHECK(vm.sessions == 6);
    CHECK(vm.completed == 5);
    CHECK(vm.streak_weeks == 2);
    CHECK(vm.best_streak_weeks == 2);
    CHECK(vm.perfect_weeks == 2);
    CHECK(contains(vm.this_week, "0 sessions of 2-3"));

    // January 2024 starts on a Monday: 5 rows; the rows of Jan 8 and Jan 15 are perfect.
    CHECK(vm.month_title == "January 2024");
    CHECK(vm.first_weekday == 0);
    REQUIRE(vm.days.size() == 31);
    CHECK(vm.days[7].completed == 1);   // Jan 8
    CHECK(vm.days[19].incomplete == 1); // Jan 20
    CHECK(vm.days[19].completed == 0);
    CHECK(vm.days[0].completed == 0);
    CHECK(vm.today == 22);
    REQUIRE(vm.row_perfect.size() == 5);
    CHECK(vm.row_perfect == std::vector<bool>{false, true, true, false, false});

    // Weeks: oldest first, the current week last and in progress.
    REQUIRE(vm.weeks.size() >= 3);
    CHECK(vm.weeks.front().label == "Jan 8");
    CHECK(vm.weeks.front().perfect);
    CHECK(vm.weeks.front().state == "perfect");
    CHECK(vm.weeks.back().in_progress);
    CHECK(contains(vm.weeks.back().state, "can still be perfect"));

    // Every badge once; earned ones first, with their dates.
    CHECK(vm.badges.size() == g::kBadgeCount);
    REQUIRE(vm.badges[0].earned);
    CHECK(vm.badges[0].title == std::string(g::badge_info(g::BadgeId::FirstSession).title));
    CHECK(vm.badges[0].earned_on == "2024-01-08");
    const auto earned = std::count_if(vm.badges.begin(), vm.badges.end(), [](const auto& b) { return b.earned; });
    CHECK(earned == 2);  // first session, first perfect week
    CHECK(vm.badges[1].title == std::string(g::badge_info(g::BadgeId::FirstPerfectWeek).title));
    CHECK(vm.badges[1].earned_on == "2024-01-10");
    CHECK_FALSE(vm.badges.back().earned);

    // Bests and trends.
    REQUIRE_FALSE(vm.bests.empty());
    CHECK(vm.bests[0] == "Most reps: 80 reps (2024-01-18)");
    CHECK(std::any_of(vm.bests.begin(), vm.bests.end(), [](const std::string& b) { return b == "Highest load: 35 %1RM (2024-01-18)"; }));
    REQUIRE(vm.trends.size() == 4);
    CHECK(vm.trends[0].title == "Reps per session");
    CHECK(vm.trends[0].values == std::vector<float>{60.f, 65.f, 70.f, 75.f, 80.f});  // completed only, oldest first
    CHECK(vm.trends[0].lo < 60.f);
    CHECK(vm.trends[0].hi > 80.f);
    CHECK(vm.trends[0].summary.rfind("Up 20 ", 0) == 0);  // "reps per session up 20 ..." without the title
    CHECK(vm.trends[2].summary.rfind("Steady at 160 mmHg", 0) == 0);
    CHECK(vm.trends[2].values == std::vector<float>{160.f, 160.f, 160.f, 160.f, 160.f});
    CHECK(vm.trends[2].lo < 160.f);  // a flat line still gets a range
    CHECK(vm.trends[2].hi > 160.f);
}

TEST_CASE("progress: an empty history shows every badge still to earn and no bests", "[progress][view]") {
    const auto vm = build_progress_view({}, at(2024, 2, 14), 0, 2024, 2);
    CHECK(vm.sessions == 0);
    CHECK(vm.streak_weeks == 0);
    CHECK(vm.bests.empty());
    CHECK(vm.badges.size() == g::kBadgeCount);
    CHECK(std::none_of(vm.badges.begin(), vm.badges.end(), [](const auto& b) { return b.earned; }));
    CHECK(contains(vm.this_week, "0 sessions"));
    // February 2024 starts on a Thursday and has 29 days: 5 rows.
    CHECK(vm.first_weekday == 3);
    CHECK(vm.days.size() == 29);
    CHECK(vm.row_perfect.size() == 5);
    CHECK(vm.today == 14);
    for (const auto& t : vm.trends) CHECK(t.values.empty());
}

TEST_CASE("progress: the calendar pages months and marks today only in its own month", "[progress][view]") {
    std::int32_t y = 2024;
    std::uint32_t m = 12;
    step_month(y, m, +1);
    CHECK((y == 2025 && m == 1));
    step_month(y, m, -1);
    CHECK((y == 2024 && m == 12));
    step_month(y, m, -12);
    CHECK((y == 2023 && m == 12));
    const auto vm = build_progress_view({done(at(2024, 3, 5))}, at(2024, 4, 2), 0, 2024, 3);
    CHECK(vm.today == 0);
    CHECK(vm.month_title == "March 2024");
    CHECK(vm.days[4].completed == 1);
    CHECK(month_title(2026, 11) == "November 2026");
    CHECK(month_title(2026, 99) == "December 2026");  // clamped
}

TEST_CASE("progress: a week that is too busy says why, and this week says how it stands", "[progress][view]") {
    // Mon 18:00 and Tue 08:00 are 14 h apart.
    const std::vector<g::SessionRecord> s{done(at(2024, 1, 8, 18)), done(at(2024, 1, 9, 8))};
    const auto vm = build_progress_view(s, at(2024, 1, 10, 12), 0, 2024, 1);
    CHECK(vm.streak_weeks == 0);
    REQUIRE_FALSE(vm.weeks.empty());
    CHECK(contains(vm.weeks.back().state, "36 h"));
    CHECK(contains(vm.this_week, "36 h"));
}

TEST_CASE("celebration lines name each new best with the one it beat, and each badge", "[progress][celebration]") {
    g::NewBest reps;
    reps.kind = g::BestKind::MostReps;
    reps.value = 80;
    reps.previous_value = 75;
    g::NewBest band;
    band.kind = g::BestKind::BestTimeInBand;
    band.value = 96.4;
    band.previous_value = 90;
    g::Badge badge;
    badge.info = g::badge_info(g::BadgeId::FirstPerfectWeek);
    const auto lines = celebration_lines({badge}, {reps, band});
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "New personal best: most reps, 80 reps (was 75 reps)");
    CHECK(lines[1] == "New personal best: best time in band, 96 % (was 90 %)");
    CHECK(contains(lines[2], "Badge earned: " + std::string(badge.info.title)));
    CHECK(celebration_voice_line({}, {}).empty());
    CHECK(celebration_voice_line({}, {reps}) == "New personal best!");
    CHECK(celebration_voice_line({badge}, {reps, band}) ==
          "New personal bests! And a new badge: " + std::string(badge.info.title) + ".");
    CHECK(celebration_voice_line({badge, badge}, {}) == "Two new badges.");
    CHECK(celebration_voice_line({badge}, {}) == "A new badge: " + std::string(badge.info.title) + ".");
}
