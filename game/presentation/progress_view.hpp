#pragma once
// The progress screen's view model (the window's "Progress" on the set-up screen): a month
// calendar of sessions, the rest-aware weekly streak and the last weeks with why, every badge
// (earned with its date, or still to earn), personal bests and the trends of reps, load, LOP and
// time in band. Built from the history's sessions by game/gamification; pure and tested without
// a window. Also the lines that celebrate what a session just earned.

#include "game/gamification/progress.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace bfr::presentation {

struct ProgressViewModel {
    std::uint32_t sessions = 0;            ///< Sessions in the history (completed or not).
    std::uint32_t completed = 0;           ///< Completed sessions.

    std::uint32_t streak_weeks = 0;        ///< Perfect weeks in a row now.
    std::uint32_t best_streak_weeks = 0;   ///< The longest run.
    std::uint32_t perfect_weeks = 0;       ///< Perfect weeks in all.
    std::string this_week;                 ///< "This week: 1 session, it can still be perfect".

    struct Week {
        std::string label;                 ///< "Nov 16" (its Monday).
        std::uint32_t sessions = 0;        ///< Completed sessions in it.
        bool perfect = false;
        bool in_progress = false;
        std::string state;                 ///< "perfect" or why not.
    };
    std::vector<Week> weeks;               ///< The last weeks with a session (at most 6) and this week, oldest first.

    std::int32_t year = 1970;              ///< The month shown.
    std::uint32_t month = 1;
    std::string month_title;               ///< "November 2026".
    std::uint32_t first_weekday = 0;       ///< Of the 1st: 0 = Monday.
    std::vector<gamification::CalendarDay> days;
    std::uint32_t today = 0;               ///< Today's day in the month shown (0: not this month).
    std::vector<bool> row_perfect;         ///< Per calendar row (Monday-Sunday week): a perfect week.

    struct BadgeLine {
        std::string title, description;
        bool earned = false;
        std::string earned_on;             ///< "2026-11-20" when earned.
    };
    std::vector<BadgeLine> badges;         ///< Every badge: earned ones first (in the order earned), then the rest.

    std::vector<std::string> bests;        ///< "Most reps: 75 (2026-11-20)".

    struct TrendLine {
        std::string title;                 ///< "Reps per session".
        std::string unit;                  ///< "", "%1RM", "mmHg", "%".
        std::vector<float> values;         ///< The last sessions' values (at most 20), oldest first.
        float lo = 0.f, hi = 1.f;          ///< A range for the plot that holds them with some margin.
        std::string summary;               ///< "load up 10 %1RM over 6 weeks".
    };
    std::vector<TrendLine> trends;         ///< Reps, load, LOP, time in band.
};

/// The view of `sessions` (oldest first or in any order) as of `now_unix_s`, weeks and days at
/// `utc_offset_s`, with the calendar showing `month` (1..12, clamped) of `year`.
[[nodiscard]] ProgressViewModel build_progress_view(const std::vector<gamification::SessionRecord>& sessions,
                                                    std::int64_t now_unix_s, std::int32_t utc_offset_s, std::int32_t year,
                                                    std::uint32_t month);

/// "November 2026".
[[nodiscard]] std::string month_title(std::int32_t year, std::uint32_t month);

/// The month before / after (year, month).
void step_month(std::int32_t& year, std::uint32_t& month, int delta) noexcept;

/// What a session just earned, one line each: "New personal best: most reps, 80 (was 75)",
/// "Badge earned: First perfect week — two or three sessions ...".
[[nodiscard]] std::vector<std::string> celebration_lines(const std::vector<gamification::Badge>& badges,
                                                         const std::vector<gamification::NewBest>& bests);

/// The voice coach's line for them ("New personal best! And a new badge: First perfect week."),
/// empty when there is nothing to celebrate.
[[nodiscard]] std::string celebration_voice_line(const std::vector<gamification::Badge>& badges,
                                                 const std::vector<gamification::NewBest>& bests);

}  // namespace bfr::presentation
