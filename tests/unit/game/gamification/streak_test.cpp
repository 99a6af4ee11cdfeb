// Dates, rest-aware weekly streaks, time zones and the calendar (docs/gamification.md P1–P7, C1).
#include "gamification_test_support.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace bfr::gamification;
using namespace bfr::gamification::test;

namespace {

/// Two sessions (Mon and Thu 18:00 UTC) in week `week` counted from the week of Monday 1 January 2024.
void perfect_week(std::vector<SessionRecord>& out, std::int64_t week) {
    const std::int64_t monday = at(2024, 1, 1, 18, 0) + week * 7 * 86400;
    out.push_back(done(monday));
    out.push_back(done(monday + 3 * 86400));
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("dates: day numbers, weekdays and local dates", "[gamification][dates]") {
    CHECK(days_from_date({1970, 1, 1}) == 0);
    CHECK(days_from_date({1969, 12, 31}) == -1);
    CHECK(days_from_date({2024, 1, 1}) == 19723);
    CHECK(date_from_days(19723) == LocalDate{2024, 1, 1});
    CHECK(date_from_days(days_from_date({2024, 2, 29})) == LocalDate{2024, 2, 29});
    CHECK(date_from_days(-1) == LocalDate{1969, 12, 31});
    CHECK(weekday_monday0(19723) == 0);                               // Monday
    CHECK(weekday_monday0(days_from_date({2024, 1, 7})) == 6);        // Sunday
    CHECK(week_monday(days_from_date({2024, 1, 7})) == 19723);
    CHECK(at(2024, 1, 1, 0, 0) == 1704067200);
    CHECK(at(2024, 1, 1, 0, 0, 3600) == 1704067200 - 3600);
    CHECK(local_date(1704067200 - 1, 0) == LocalDate{2023, 12, 31});
    CHECK(local_date(1704067200 - 1, 3600) == LocalDate{2024, 1, 1});
    CHECK(iso_date({2024, 3, 5}) == "2024-03-05");
    CHECK(days_in_month(2024, 2) == 29);
    CHECK(days_in_month(2023, 2) == 28);
    CHECK(days_in_month(1900, 2) == 28);
    CHECK(days_in_month(2000, 2) == 29);
}

TEST_CASE("week: Mon, Wed and Fri at 18:00 is perfect", "[gamification][streak]") {
    const std::vector<SessionRecord> s{done(at(2024, 1, 1, 18, 0)), done(at(2024, 1, 3, 18, 0)),
                                       done(at(2024, 1, 5, 18, 0))};
    const StreakReport r = weekly_streaks(s, at(2024, 1, 8, 12, 0), 0);
    REQUIRE(r.weeks.size() == 2);
    const WeekReport& w = r.weeks[0];
    CHECK(w.monday == LocalDate{2024, 1, 1});
    CHECK(w.completed_sessions == 3);
    CHECK(w.perfect);
    CHECK(w.why.empty());
    CHECK(*w.shortest_gap_h == Approx(48.0));
    CHECK_FALSE(w.in_progress);
    CHECK(r.weeks[1].in_progress);
    CHECK(r.weeks[1].why == "no session yet");
    CHECK(r.current_weeks == 1);
    CHECK(r.best_weeks == 1);
}

TEST_CASE("week: Mon 18:00, Tue 08:00 and Fri is not perfect, 14 h apart", "[gamification][streak]") {
    const std::vector<SessionRecord> s{done(at(2024, 1, 1, 18, 0)), done(at(2024, 1, 2, 8, 0)),
                                       done(at(2024, 1, 5, 18, 0))};
    const StreakReport r = weekly_streaks(s, at(2024, 1, 8, 12, 0), 0);
    const WeekReport& w = r.weeks[0];
    CHECK_FALSE(w.perfect);
    CHECK(w.too_close);
    CHECK_FALSE(w.too_many);
    CHECK_FALSE(w.too_few);
    CHECK(*w.shortest_gap_h == Approx(14.0));
    CHECK(w.why == "Mon 18:00 and Tue 08:00 are 14 h apart (less than 36 h)");
    CHECK(r.current_weeks == 0);
}

TEST_CASE("week: 35 h 59 min is too close and reads 35.9 h", "[gamification][streak]") {
    const std::int64_t mon = at(2024, 1, 1, 8, 0);
    const std::vector<SessionRecord> s{done(mon), done(mon + 36 * 3600 - 60)};
    const WeekReport w = weekly_streaks(s, at(2024, 1, 8, 0, 0), 0).weeks[0];
    CHECK(w.too_close);
    CHECK(contains(w.why, "35.9 h apart"));
    const std::vector<SessionRecord> ok{done(mon), done(mon + 36 * 3600)};
    CHECK(weekly_streaks(ok, at(2024, 1, 8, 0, 0), 0).weeks[0].perfect);
}

TEST_CASE("week: 4 sessions, or 1, is not perfect and says why", "[gamification][streak]") {
    const std::vector<SessionRecord> four{done(at(2024, 1, 1, 18, 0)), done(at(2024, 1, 3, 18, 0)),
                                          done(at(2024, 1, 5, 18, 0)), done(at(2024, 1, 7, 18, 0))};
    const WeekReport w4 = weekly_streaks(four, at(2024, 1, 8, 12, 0), 0).weeks[0];
    CHECK_FALSE(w4.perfect);
    CHECK(w4.too_many);
    CHECK_FALSE(w4.too_close);
    CHECK(w4.why == "4 sessions (more than 3: rest days are part of the programme)");

    const std::vector<SessionRecord> one{done(at(2024, 1, 3, 18, 0))};
    const WeekReport w1 = weekly_streaks(one, at(2024, 1, 8, 12, 0), 0).weeks[0];
    CHECK(w1.too_few);
    CHECK(w1.why == "1 session (a week needs 2 or 3)");
}

TEST_CASE("week: sessions not completed do not count", "[gamification][streak]") {
    const std::vector<SessionRecord> s{done(at(2024, 1, 1, 18, 0)), abandoned(at(2024, 1, 2, 18, 0)),
                                       done(at(2024, 1, 4, 18, 0))};
    const WeekReport w = weekly_streaks(s, at(2024, 1, 8, 12, 0), 0).weeks[0];
    CHECK(w.perfect);
    CHECK(w.completed_sessions == 2);
    CHECK(w.incomplete_sessions == 1);
}

TEST_CASE("week: the gap to last week's session counts", "[gamification][streak]") {
    // Week 1: Fri 18:00 and Sun 18:00 (48 h). Week 2: Mon 08:00 (14 h after Sunday) and Thu.
    const std::vector<SessionRecord> s{done(at(2024, 1, 5, 18, 0)), done(at(2024, 1, 7, 18, 0)),
                                       done(at(2024, 1, 8, 8, 0)), done(at(2024, 1, 11, 18, 0))};
    const StreakReport r = weekly_streaks(s, at(2024, 1, 15, 12, 0), 0);
    CHECK(r.weeks[0].perfect);
    CHECK_FALSE(r.weeks[1].perfect);
    CHECK(r.weeks[1].why == "Sun 18:00 (previous week) and Mon 08:00 are 14 h apart (less than 36 h)");
}

TEST_CASE("streak: 3 perfect weeks, a 1-session week, 2 perfect weeks: current 2, best 3", "[gamification][streak]") {
    std::vector<SessionRecord> s;
    perfect_week(s, 0);
    perfect_week(s, 1);
    perfect_week(s, 2);
    s.push_back(done(at(2024, 1, 23, 18, 0)));  // week of 22 Jan: one session
    perfect_week(s, 4);                         // 29 Jan, 1 Feb
    perfect_week(s, 5);                         // 5 Feb, 8 Feb

    // Wednesday 14 Feb, nothing yet this week.
    const StreakReport r = weekly_streaks(s, at(2024, 2, 14, 12, 0), 0);
    REQUIRE(r.weeks.size() == 7);
    CHECK(r.current_weeks == 2);
    CHECK(r.best_weeks == 3);
    CHECK(r.perfect_weeks == 5);
    CHECK(r.weeks[3].why == "1 session (a week needs 2 or 3)");
    CHECK(r.weeks[6].in_progress);
    CHECK(r.weeks[6].can_still_be_perfect);

    // The last perfect week still in progress (Sunday 11 Feb): it counts already.
    const StreakReport sunday = weekly_streaks(s, at(2024, 2, 11, 20, 0), 0);
    CHECK(sunday.weeks.size() == 6);
    CHECK(sunday.current_weeks == 2);
    CHECK(sunday.best_weeks == 3);

    // Thursday 8 Feb before the evening session: that week has 1 session so far, the streak is 1.
    const StreakReport thursday = weekly_streaks(s, at(2024, 2, 8, 12, 0), 0);
    CHECK(thursday.current_weeks == 1);
    CHECK(thursday.weeks.back().why == "1 session so far (a week needs 2 or 3)");
}

TEST_CASE("streak: a current week with one session does not break it", "[gamification][streak]") {
    std::vector<SessionRecord> s;
    perfect_week(s, 0);
    perfect_week(s, 1);
    s.push_back(done(at(2024, 1, 15, 18, 0)));
    const StreakReport r = weekly_streaks(s, at(2024, 1, 17, 9, 0), 0);
    CHECK(r.current_weeks == 2);
    CHECK_FALSE(r.weeks.back().perfect);
    CHECK(r.weeks.back().can_still_be_perfect);
    // The week ended with one session: now it breaks.
    CHECK(weekly_streaks(s, at(2024, 1, 22, 9, 0), 0).current_weeks == 0);
    CHECK(weekly_streaks(s, at(2024, 1, 22, 9, 0), 0).best_weeks == 2);
    // A current week that can no longer be perfect is flagged, but is not over yet.
    s.push_back(done(at(2024, 1, 16, 8, 0)));
    const StreakReport close = weekly_streaks(s, at(2024, 1, 17, 9, 0), 0);
    CHECK(close.current_weeks == 2);
    CHECK_FALSE(close.weeks.back().can_still_be_perfect);
}

TEST_CASE("streak: an empty week between breaks it, no history is zero", "[gamification][streak]") {
    std::vector<SessionRecord> s;
    perfect_week(s, 0);
    perfect_week(s, 2);
    const StreakReport r = weekly_streaks(s, at(2024, 1, 22, 9, 0), 0);
    CHECK(r.weeks[1].why == "no session");
    CHECK(r.current_weeks == 1);
    CHECK(r.best_weeks == 1);
    const StreakReport none = weekly_streaks({}, at(2024, 1, 22, 9, 0), 0);
    CHECK(none.weeks.empty());
    CHECK(none.current_weeks == 0);
    // Sessions after `now` are left out.
    CHECK(weekly_streaks(s, at(2023, 12, 1, 0, 0), 0).weeks.empty());
}

TEST_CASE("time zones: Sunday 23:30 local that is Monday UTC belongs to Sunday's week", "[gamification][streak][tz]") {
    constexpr std::int32_t kNewYork = -5 * 3600;
    const std::int64_t sunday_late = at(2024, 1, 7, 23, 30, kNewYork);
    CHECK(sunday_late == at(2024, 1, 8, 4, 30));  // Monday 04:30 UTC
    CHECK(local_date(sunday_late, kNewYork) == LocalDate{2024, 1, 7});
    const std::vector<SessionRecord> s{done(at(2024, 1, 4, 18, 0, kNewYork)), done(sunday_late)};
    const StreakReport local = weekly_streaks(s, at(2024, 1, 9, 12, 0, kNewYork), kNewYork);
    CHECK(local.weeks[0].monday == LocalDate{2024, 1, 1});
    CHECK(local.weeks[0].completed_sessions == 2);
    CHECK(local.weeks[0].perfect);
    CHECK(local.current_weeks == 1);
    // Read in UTC, the same sessions fall in two weeks of one session each.
    const StreakReport utc = weekly_streaks(s, at(2024, 1, 9, 12, 0), 0);
    CHECK(utc.weeks[0].completed_sessions == 1);
    CHECK(utc.weeks[1].completed_sessions == 1);
    CHECK(utc.weeks[0].why == "1 session (a week needs 2 or 3)");
    // East of UTC: Monday 06:00 in Sydney (+10 h) is Sunday 20:00 UTC, and belongs to Monday's week.
    constexpr std::int32_t kSydney = 10 * 3600;
    const std::int64_t monday_early = at(2024, 1, 8, 6, 0, kSydney);
    CHECK(local_date(monday_early, 0) == LocalDate{2024, 1, 7});
    CHECK(week_monday(local_day(monday_early, kSydney)) == days_from_date({2024, 1, 8}));
    // The times in `why` are local.
    const std::vector<SessionRecord> close{done(at(2024, 1, 1, 18, 0, kNewYork)), done(at(2024, 1, 2, 8, 0, kNewYork))};
    CHECK(weekly_streaks(close, at(2024, 1, 8, 0, 0, kNewYork), kNewYork).weeks[0].why ==
          "Mon 18:00 and Tue 08:00 are 14 h apart (less than 36 h)");
}

TEST_CASE("calendar: a month's days with sessions, completed or not", "[gamification][calendar]") {
    constexpr std::int32_t kNewYork = -5 * 3600;
    const std::vector<SessionRecord> s{done(at(2024, 1, 1, 18, 0, kNewYork)), abandoned(at(2024, 1, 3, 18, 0, kNewYork)),
                                       done(at(2024, 1, 3, 19, 0, kNewYork)), done(at(2023, 12, 31, 18, 0, kNewYork)),
                                       done(at(2024, 2, 1, 3, 0)) /* 31 Jan 22:00 local */};
    const MonthCalendar jan = month_calendar(s, 2024, 1, kNewYork);
    CHECK(jan.year == 2024);
    CHECK(jan.month == 1);
    CHECK(jan.first_weekday == 0);
    REQUIRE(jan.days.size() == 31);
    CHECK(jan.days[0] == CalendarDay{1, 1, 0});
    CHECK(jan.days[1] == CalendarDay{2, 0, 0});
    CHECK(jan.days[2] == CalendarDay{3, 1, 1});
    CHECK(jan.days[30] == CalendarDay{31, 1, 0});
    std::uint32_t total = 0;
    for (const CalendarDay& d : jan.days) total += d.completed + d.incomplete;
    CHECK(total == 4);

    const MonthCalendar feb = month_calendar(s, 2024, 2, kNewYork);
    CHECK(feb.days.size() == 29);
    CHECK(feb.first_weekday == 3);  // Thursday
    CHECK(feb.days[0] == CalendarDay{1, 0, 0});
}
