#pragma once
// The long run (docs/gamification.md): rest-aware weekly streaks, consistency badges, personal
// bests, trends and a month calendar, from the list of sessions. Adherence (how often) next to
// scoring.hpp's compliance (how well), product.md §5 [G1]. Calendar time: unix seconds (UTC) and
// the patient's UTC offset in seconds, which places sessions in local days and local weeks
// (Monday to Sunday). Pure functions of their arguments; sessions may come in any order.
//
//  - a week is perfect when it holds 2 or 3 completed sessions, each at least 36 h after the
//    completed session before it (the one before may be in the previous week) (rules P1–P2, [B12]);
//  - the current streak is the run of perfect weeks ending with the last week that is over, plus
//    the current week once it is perfect; the current week never breaks it (rule P4). No daily
//    streaks (product.md §5, avoid [G16]);
//  - badges reward showing up, with short milestones, each earned once (rules B1–B7);
//  - only completed sessions count for weeks, badges, bests and trends; the calendar shows all.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bfr::gamification {

// --- sessions and dates --------------------------------------------------------------------------

/// One session as the history keeps it.
struct SessionRecord {
    std::int64_t started_unix_s = 0;           ///< When it started, unix seconds (UTC).
    bool completed = false;                    ///< Done to the end (not stopped or abandoned).
    std::uint32_t reps = 0;                    ///< Reps counted in its sets.
    double load_pct1rm = 0.0;                  ///< Load used, %1RM.
    double lop_mmHg = 0.0;                     ///< LOP in use, mmHg (<= 0: unknown).
    std::optional<double> time_in_band_pct;    ///< Share of the sets with the cuff in band, %.
    std::optional<std::uint32_t> points;       ///< SessionScore::points(), if scored.
};

/// Minimum time between two sessions: 36 h (product.md §4, [B12, B33]).
inline constexpr std::int64_t kMinGapS = 36 * 3600;
/// Fewest completed sessions in a perfect week.
inline constexpr std::uint32_t kMinSessionsPerWeek = 2;
/// Most completed sessions in a perfect week.
inline constexpr std::uint32_t kMaxSessionsPerWeek = 3;
/// Time away that makes the next session a comeback: 14 days.
inline constexpr std::int64_t kComebackGapS = 14 * 86400;
/// Sessions in a row, all at least 36 h apart, for the "well spaced" badge.
inline constexpr std::uint32_t kWellSpacedRun = 10;

/// A calendar date (proleptic Gregorian).
struct LocalDate {
    std::int32_t year = 1970;   ///< e.g. 2024.
    std::uint32_t month = 1;    ///< 1..12.
    std::uint32_t day = 1;      ///< 1..31.

    bool operator==(const LocalDate&) const = default;
};

/// Days from 1970-01-01 to `date` (negative before).
[[nodiscard]] std::int64_t days_from_date(LocalDate date) noexcept;
/// The date `days` after 1970-01-01.
[[nodiscard]] LocalDate date_from_days(std::int64_t days) noexcept;
/// The local day number (days since 1970-01-01, local) of `unix_s` at `utc_offset_s`.
[[nodiscard]] std::int64_t local_day(std::int64_t unix_s, std::int32_t utc_offset_s) noexcept;
/// The local date of `unix_s` at `utc_offset_s`.
[[nodiscard]] LocalDate local_date(std::int64_t unix_s, std::int32_t utc_offset_s) noexcept;
/// The weekday of a day number: 0 = Monday ... 6 = Sunday.
[[nodiscard]] std::uint32_t weekday_monday0(std::int64_t day) noexcept;
/// The day number of the Monday starting the week of `day`.
[[nodiscard]] std::int64_t week_monday(std::int64_t day) noexcept;
/// Unix seconds of `hour`:`minute` local time on `date` at `utc_offset_s`.
[[nodiscard]] std::int64_t unix_s_from_local(LocalDate date, int hour, int minute, std::int32_t utc_offset_s) noexcept;
/// "2024-01-08".
[[nodiscard]] std::string iso_date(LocalDate date);
/// Days in `month` of `year`.
[[nodiscard]] std::uint32_t days_in_month(std::int32_t year, std::uint32_t month) noexcept;

// --- weekly streaks ------------------------------------------------------------------------------

/// One local week, judged.
struct WeekReport {
    std::int64_t monday_day = 0;              ///< Day number of its Monday (local).
    LocalDate monday;                         ///< Its Monday.
    std::uint32_t completed_sessions = 0;     ///< Completed sessions in it.
    std::uint32_t incomplete_sessions = 0;    ///< Sessions not completed (not counted).
    std::optional<double> shortest_gap_h;     ///< Shortest gap, hours, from a completed session to the one before (any week).
    bool too_few = false;                     ///< Fewer than 2 completed sessions.
    bool too_many = false;                    ///< More than 3.
    bool too_close = false;                   ///< Two completed sessions less than 36 h apart.
    bool perfect = false;                     ///< 2 or 3 completed sessions, all at least 36 h apart.
    bool in_progress = false;                 ///< The week holding `now` (not over yet).
    bool can_still_be_perfect = false;        ///< In progress and neither too many nor too close yet.
    std::string why;                          ///< Why it is not perfect ("" when perfect), e.g.
                                              ///< "Mon 18:00 and Tue 08:00 are 14 h apart (less than 36 h)".
};

/// Weekly streaks as of `now`.
struct StreakReport {
    std::vector<WeekReport> weeks;     ///< Every week from the first session's to now's, in order.
    std::uint32_t current_weeks = 0;   ///< The current streak, in perfect weeks.
    std::uint32_t best_weeks = 0;      ///< The longest run of perfect weeks (the current week included once perfect).
    std::uint32_t perfect_weeks = 0;   ///< Perfect weeks in all (not necessarily consecutive).
};

/// The weekly streaks of `sessions` as of `now_unix_s` (sessions after it are left out), weeks
/// being local calendar weeks (Monday start) at `utc_offset_s`. See the top of this file.
[[nodiscard]] StreakReport weekly_streaks(const std::vector<SessionRecord>& sessions, std::int64_t now_unix_s,
                                          std::int32_t utc_offset_s);

/// The weeks worth showing: those with a session, and the week in progress; the last `max` of
/// them, oldest first (pointers into `report`).
[[nodiscard]] std::vector<const WeekReport*> recent_weeks(const StreakReport& report, std::size_t max);

/// A week's standing in words: "perfect", why it is not, or for the week in progress
/// "in progress: it can still be perfect" / "in progress: <why not>".
[[nodiscard]] std::string week_state(const WeekReport& week);

// --- badges --------------------------------------------------------------------------------------

/// The consistency badges (showing up, not peaks; docs/gamification.md B1–B7).
enum class BadgeId : std::uint8_t {
    FirstSession,      ///< The first completed session.
    FirstPerfectWeek,  ///< The first perfect week.
    PerfectWeeks3,     ///< 3 perfect weeks in all (not necessarily in a row).
    PerfectWeeks6,     ///< 6 perfect weeks in all.
    PerfectWeeks12,    ///< 12 perfect weeks in all.
    Sessions10,        ///< 10 completed sessions.
    Sessions25,        ///< 25 completed sessions.
    Sessions50,        ///< 50 completed sessions.
    Comeback,          ///< A completed session after 14 days or more without one.
    WellSpaced,        ///< 10 completed sessions in a row, each at least 36 h after the one before.
};

/// Number of BadgeId values.
inline constexpr std::size_t kBadgeCount = 10;

/// What a badge is called and says.
struct BadgeInfo {
    BadgeId id = BadgeId::FirstSession;  ///< Which.
    std::string_view key;                ///< Stable identifier ("first_session", "perfect_weeks_3", ...).
    std::string_view title;              ///< Short title ("First session").
    std::string_view description;        ///< One sentence for the patient.
};

/// Every badge, in BadgeId order.
[[nodiscard]] const std::array<BadgeInfo, kBadgeCount>& badge_catalogue() noexcept;
/// The badge's info.
[[nodiscard]] const BadgeInfo& badge_info(BadgeId id) noexcept;

/// A badge earned.
struct Badge {
    BadgeInfo info;                   ///< Which, its title and description.
    std::int64_t earned_unix_s = 0;   ///< The start of the session that earned it.
    LocalDate earned_on;              ///< Its local date.
    std::size_t session_index = 0;    ///< That session's index in the list given.
};

/// The badges earned by `sessions`, in the order earned, each once. Replayed session by session
/// (time order): a perfect-week badge counts a week at the session that first made it perfect
/// (its 2nd or 3rd), so adding sessions never takes a badge back or moves its date.
[[nodiscard]] std::vector<Badge> earned_badges(const std::vector<SessionRecord>& sessions, std::int32_t utc_offset_s);

/// The badges `latest` earns after `previous` (those of previous + latest that previous had not).
[[nodiscard]] std::vector<Badge> new_badges(const std::vector<SessionRecord>& previous, const SessionRecord& latest,
                                            std::int32_t utc_offset_s);

// --- personal bests ------------------------------------------------------------------------------

/// What a personal best is of. Pressure (LOP) is never one: more pressure is not better.
enum class BestKind : std::uint8_t {
    MostReps,        ///< Most reps in a session.
    HighestLoad,     ///< Highest load, %1RM.
    BestTimeInBand,  ///< Best time in band, %.
    BestPoints,      ///< Most points.
};

/// Number of BestKind values.
inline constexpr std::size_t kBestKindCount = 4;

/// "Most reps", "Highest load", "Best time in band", "Most points".
[[nodiscard]] std::string_view best_title(BestKind kind) noexcept;

/// One personal best and the session it came from.
struct PersonalBest {
    BestKind kind = BestKind::MostReps;  ///< Of what.
    double value = 0.0;                  ///< reps, %1RM, % or points.
    std::size_t session_index = 0;       ///< The session's index in the list given.
    std::int64_t started_unix_s = 0;     ///< When that session started.
};

/// The personal bests of a history (completed sessions; ties go to the earlier session).
struct PersonalBests {
    std::array<std::optional<PersonalBest>, kBestKindCount> by_kind;  ///< Indexed by BestKind.

    /// The best of `kind`, if any session had a value for it.
    [[nodiscard]] const std::optional<PersonalBest>& get(BestKind kind) const noexcept {
        return by_kind[static_cast<std::size_t>(kind)];
    }
};

/// The personal bests of `sessions`.
[[nodiscard]] PersonalBests personal_bests(const std::vector<SessionRecord>& sessions);

/// A new personal best set by the latest session.
struct NewBest {
    BestKind kind = BestKind::MostReps;     ///< Of what.
    double value = 0.0;                     ///< The new best.
    double previous_value = 0.0;            ///< The best it beat.
    std::int64_t previous_started_unix_s = 0;  ///< When the beaten best was set.
};

/// The bests `latest` (if completed) beats strictly; nothing is new without a previous value to
/// beat (a first session is a badge, not a record).
[[nodiscard]] std::vector<NewBest> new_personal_bests(const std::vector<SessionRecord>& previous,
                                                      const SessionRecord& latest);

// --- trends --------------------------------------------------------------------------------------

/// A series the trends follow.
enum class Metric : std::uint8_t {
    Reps,           ///< Reps per session.
    LoadPct1rm,     ///< Load, %1RM.
    LopMmHg,        ///< LOP, mmHg (sessions with a known LOP).
    TimeInBandPct,  ///< Time in band, % (sessions that have it).
};

/// One session's value.
struct TrendPoint {
    std::int64_t started_unix_s = 0;  ///< The session's start.
    double weeks = 0.0;               ///< Weeks since the first point.
    double value = 0.0;               ///< Its value.
};

/// One local week's mean.
struct WeekValue {
    std::int64_t monday_day = 0;   ///< Day number of its Monday.
    LocalDate monday;              ///< Its Monday.
    std::uint32_t sessions = 0;    ///< Points in it.
    std::optional<double> mean;    ///< Their mean (none: no session that week).
};

/// A metric over time: per session, per week, its least-squares slope and a sentence.
struct Trend {
    Metric metric = Metric::Reps;              ///< Which.
    std::vector<TrendPoint> points;            ///< Completed sessions with a value, in time order.
    std::vector<WeekValue> weekly;             ///< Every week from the first point's to the last's.
    std::optional<double> slope_per_4_weeks;   ///< Least-squares slope of value on time, per 4 weeks (2+ points at 2+ times).
    double span_weeks = 0.0;                   ///< Last point - first point, weeks.
    double change = 0.0;                       ///< The fitted change over the span (slope × span).
    std::string summary;                       ///< e.g. "load up 10 %1RM over 6 weeks".
};

/// The trend of `metric` over `sessions` (weeks at `utc_offset_s`).
[[nodiscard]] Trend trend(const std::vector<SessionRecord>& sessions, Metric metric, std::int32_t utc_offset_s);

// --- calendar ------------------------------------------------------------------------------------

/// One day of a month.
struct CalendarDay {
    std::uint32_t day = 1;          ///< 1..31.
    std::uint32_t completed = 0;    ///< Completed sessions that day.
    std::uint32_t incomplete = 0;   ///< Sessions not completed that day.

    bool operator==(const CalendarDay&) const = default;
};

/// A month of sessions (local days).
struct MonthCalendar {
    std::int32_t year = 1970;          ///< The year.
    std::uint32_t month = 1;           ///< 1..12.
    std::uint32_t first_weekday = 0;   ///< Weekday of the 1st: 0 = Monday ... 6 = Sunday.
    std::vector<CalendarDay> days;     ///< One per day of the month, in order.
};

/// Which days of `month` (1..12, clamped) of `year` had sessions, at `utc_offset_s`.
[[nodiscard]] MonthCalendar month_calendar(const std::vector<SessionRecord>& sessions, std::int32_t year,
                                           std::uint32_t month, std::int32_t utc_offset_s);

}  // namespace bfr::gamification
