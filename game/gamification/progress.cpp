#include "game/gamification/progress.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace bfr::gamification {

namespace {

constexpr std::int64_t kDayS = 86400;
constexpr std::int64_t kWeekS = 7 * kDayS;

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    const std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

constexpr std::int64_t floor_mod(std::int64_t a, std::int64_t b) noexcept { return a - floor_div(a, b) * b; }

/// A session with its place in the list given.
struct Entry {
    std::int64_t t = 0;
    std::size_t index = 0;
    const SessionRecord* record = nullptr;
};

/// The sessions in time order (ties: list order), optionally only the completed ones and only up
/// to `until_unix_s`.
std::vector<Entry> ordered(const std::vector<SessionRecord>& sessions, bool completed_only,
                           std::optional<std::int64_t> until_unix_s = std::nullopt) {
    std::vector<Entry> out;
    out.reserve(sessions.size());
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        const SessionRecord& s = sessions[i];
        if (completed_only && !s.completed) continue;
        if (until_unix_s && s.started_unix_s > *until_unix_s) continue;
        out.push_back(Entry{s.started_unix_s, i, &s});
    }
    std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.t < b.t; });
    return out;
}

constexpr std::array<std::string_view, 7> kWeekdayNames{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

/// "Mon 18:00" (local).
std::string clock_text(std::int64_t unix_s, std::int32_t utc_offset_s) {
    const std::int64_t local_s = unix_s + utc_offset_s;
    const std::int64_t day = floor_div(local_s, kDayS);
    const std::int64_t sec = local_s - day * kDayS;
    return fmt::format("{} {:02}:{:02}", kWeekdayNames[weekday_monday0(day)], sec / 3600, (sec % 3600) / 60);
}

/// "14 h", "35.9 h" (tenths, truncated: a gap just short of 36 h never reads "36 h").
std::string hours_text(std::int64_t gap_s) {
    const std::int64_t tenths = gap_s / 360;
    if (tenths % 10 == 0) return fmt::format("{} h", tenths / 10);
    return fmt::format("{}.{} h", tenths / 10, tenths % 10);
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) {
        if (!out.empty()) out += "; ";
        out += p;
    }
    return out;
}

}  // namespace

// --- dates ---------------------------------------------------------------------------------------

std::int64_t days_from_date(LocalDate date) noexcept {
    // H. Hinnant's days_from_civil.
    const std::int64_t m = date.month;
    const std::int64_t d = date.day;
    const std::int64_t y = static_cast<std::int64_t>(date.year) - (m <= 2 ? 1 : 0);
    const std::int64_t era = floor_div(y, 400);
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

LocalDate date_from_days(std::int64_t days) noexcept {
    // H. Hinnant's civil_from_days.
    const std::int64_t z = days + 719468;
    const std::int64_t era = floor_div(z, 146097);
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    return LocalDate{static_cast<std::int32_t>(y), static_cast<std::uint32_t>(m), static_cast<std::uint32_t>(d)};
}

std::int64_t local_day(std::int64_t unix_s, std::int32_t utc_offset_s) noexcept {
    return floor_div(unix_s + utc_offset_s, kDayS);
}

LocalDate local_date(std::int64_t unix_s, std::int32_t utc_offset_s) noexcept {
    return date_from_days(local_day(unix_s, utc_offset_s));
}

std::uint32_t weekday_monday0(std::int64_t day) noexcept {
    return static_cast<std::uint32_t>(floor_mod(day + 3, 7));  // 1970-01-01 was a Thursday
}

std::int64_t week_monday(std::int64_t day) noexcept { return day - weekday_monday0(day); }

std::int64_t unix_s_from_local(LocalDate date, int hour, int minute, std::int32_t utc_offset_s) noexcept {
    return days_from_date(date) * kDayS + static_cast<std::int64_t>(hour) * 3600 +
           static_cast<std::int64_t>(minute) * 60 - utc_offset_s;
}

std::string iso_date(LocalDate date) { return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day); }

std::uint32_t days_in_month(std::int32_t year, std::uint32_t month) noexcept {
    static constexpr std::array<std::uint32_t, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29U : kDays[month - 1];
}

// --- weekly streaks ------------------------------------------------------------------------------

std::vector<const WeekReport*> recent_weeks(const StreakReport& report, std::size_t max) {
    std::vector<const WeekReport*> shown;
    for (auto it = report.weeks.rbegin(); it != report.weeks.rend() && shown.size() < max; ++it) {
        if (it->completed_sessions + it->incomplete_sessions > 0 || it->in_progress) shown.push_back(&*it);
    }
    std::reverse(shown.begin(), shown.end());
    return shown;
}

std::string week_state(const WeekReport& week) {
    if (week.perfect) return "perfect";
    if (!week.in_progress) return week.why;
    return week.can_still_be_perfect ? "in progress: it can still be perfect" : "in progress: " + week.why;
}

StreakReport weekly_streaks(const std::vector<SessionRecord>& sessions, std::int64_t now_unix_s,
                            std::int32_t utc_offset_s) {
    StreakReport report;
    const std::vector<Entry> all = ordered(sessions, false, now_unix_s);
    if (all.empty()) return report;

    const std::int64_t first_week = week_monday(local_day(all.front().t, utc_offset_s));
    const std::int64_t now_week = week_monday(local_day(now_unix_s, utc_offset_s));

    std::size_t next = 0;                       // next entry of `all` to place
    std::optional<std::int64_t> prev_completed;  // the last completed session before the week
    std::int64_t prev_completed_week = 0;
    for (std::int64_t week = first_week; week <= now_week; week += 7) {
        WeekReport w;
        w.monday_day = week;
        w.monday = date_from_days(week);
        w.in_progress = week == now_week;
        std::vector<std::string> close_reasons;
        for (; next < all.size() && week_monday(local_day(all[next].t, utc_offset_s)) == week; ++next) {
            const Entry& e = all[next];
            if (!e.record->completed) {
                ++w.incomplete_sessions;
                continue;
            }
            ++w.completed_sessions;
            if (prev_completed) {
                const std::int64_t gap_s = e.t - *prev_completed;
                const double gap_h = static_cast<double>(gap_s) / 3600.0;
                if (!w.shortest_gap_h || gap_h < *w.shortest_gap_h) w.shortest_gap_h = gap_h;
                if (gap_s < kMinGapS) {
                    w.too_close = true;
                    close_reasons.push_back(fmt::format("{}{} and {} are {} apart (less than 36 h)",
                                                        clock_text(*prev_completed, utc_offset_s),
                                                        prev_completed_week != week ? " (previous week)" : "",
                                                        clock_text(e.t, utc_offset_s), hours_text(gap_s)));
                }
            }
            prev_completed = e.t;
            prev_completed_week = week;
        }
        w.too_few = w.completed_sessions < kMinSessionsPerWeek;
        w.too_many = w.completed_sessions > kMaxSessionsPerWeek;
        w.perfect = !w.too_few && !w.too_many && !w.too_close;
        w.can_still_be_perfect = w.in_progress && !w.too_many && !w.too_close;

        std::vector<std::string> reasons;
        const char* so_far = w.in_progress ? " so far" : "";
        if (w.completed_sessions == 0) {
            reasons.push_back(w.in_progress ? "no session yet" : "no session");
        } else if (w.too_few) {
            reasons.push_back(fmt::format("1 session{} (a week needs 2 or 3)", so_far));
        } else if (w.too_many) {
            reasons.push_back(fmt::format("{} sessions (more than 3: rest days are part of the programme)",
                                          w.completed_sessions));
        }
        reasons.insert(reasons.end(), close_reasons.begin(), close_reasons.end());
        w.why = w.perfect ? std::string{} : join(reasons);
        report.weeks.push_back(std::move(w));
    }

    // Best run (the current week included once perfect) and the total.
    std::uint32_t run = 0;
    for (const WeekReport& w : report.weeks) {
        run = w.perfect ? run + 1 : 0;
        report.best_weeks = std::max(report.best_weeks, run);
        if (w.perfect) ++report.perfect_weeks;
    }
    // Current: perfect weeks ending with the last week that is over, plus the current week when
    // already perfect (a current week that is not perfect yet breaks nothing).
    const WeekReport& current = report.weeks.back();
    std::uint32_t streak = 0;
    for (std::size_t i = report.weeks.size() - 1; i-- > 0;) {
        if (!report.weeks[i].perfect) break;
        ++streak;
    }
    report.current_weeks = streak + (current.perfect ? 1U : 0U);
    return report;
}

// --- badges --------------------------------------------------------------------------------------

const std::array<BadgeInfo, kBadgeCount>& badge_catalogue() noexcept {
    static const std::array<BadgeInfo, kBadgeCount> kCatalogue{{
        {BadgeId::FirstSession, "first_session", "First session", "You completed your first session."},
        {BadgeId::FirstPerfectWeek, "first_perfect_week", "First perfect week",
         "Two or three sessions in a week, at least 36 h apart."},
        {BadgeId::PerfectWeeks3, "perfect_weeks_3", "3 perfect weeks", "Three perfect weeks so far."},
        {BadgeId::PerfectWeeks6, "perfect_weeks_6", "6 perfect weeks", "Six perfect weeks so far."},
        {BadgeId::PerfectWeeks12, "perfect_weeks_12", "12 perfect weeks", "Twelve perfect weeks so far."},
        {BadgeId::Sessions10, "sessions_10", "10 sessions", "Ten sessions completed."},
        {BadgeId::Sessions25, "sessions_25", "25 sessions", "Twenty-five sessions completed."},
        {BadgeId::Sessions50, "sessions_50", "50 sessions", "Fifty sessions completed."},
        {BadgeId::Comeback, "comeback", "Comeback", "Back to training after two weeks or more away."},
        {BadgeId::WellSpaced, "well_spaced", "Well spaced",
         "Ten sessions in a row, each at least 36 h after the one before."},
    }};
    return kCatalogue;
}

const BadgeInfo& badge_info(BadgeId id) noexcept { return badge_catalogue()[static_cast<std::size_t>(id)]; }

std::vector<Badge> earned_badges(const std::vector<SessionRecord>& sessions, std::int32_t utc_offset_s) {
    std::vector<Badge> out;
    std::array<bool, kBadgeCount> have{};
    const auto earn = [&](BadgeId id, const Entry& e) {
        const auto k = static_cast<std::size_t>(id);
        if (have[k]) return;
        have[k] = true;
        out.push_back(Badge{badge_info(id), e.t, local_date(e.t, utc_offset_s), e.index});
    };

    std::uint32_t completed = 0;
    std::uint32_t perfect_weeks = 0;
    std::uint32_t spaced_run = 0;
    bool has_prev = false;
    std::int64_t prev = 0;
    bool has_week = false;
    std::int64_t week = 0;
    std::uint32_t week_sessions = 0;
    bool week_close = false;
    bool week_counted = false;
    for (const Entry& e : ordered(sessions, true)) {
        ++completed;
        const std::int64_t gap_s = has_prev ? e.t - prev : 0;
        const std::int64_t this_week = week_monday(local_day(e.t, utc_offset_s));
        if (!has_week || week != this_week) {
            has_week = true;
            week = this_week;
            week_sessions = 0;
            week_close = false;
            week_counted = false;
        }
        ++week_sessions;
        if (has_prev && gap_s < kMinGapS) week_close = true;
        spaced_run = (has_prev && gap_s >= kMinGapS) ? spaced_run + 1 : 1;

        if (completed == 1) earn(BadgeId::FirstSession, e);
        if (completed == 10) earn(BadgeId::Sessions10, e);
        if (completed == 25) earn(BadgeId::Sessions25, e);
        if (completed == 50) earn(BadgeId::Sessions50, e);
        const bool perfect_now =
            week_sessions >= kMinSessionsPerWeek && week_sessions <= kMaxSessionsPerWeek && !week_close;
        if (perfect_now && !week_counted) {
            week_counted = true;
            ++perfect_weeks;
            if (perfect_weeks == 1) earn(BadgeId::FirstPerfectWeek, e);
            if (perfect_weeks == 3) earn(BadgeId::PerfectWeeks3, e);
            if (perfect_weeks == 6) earn(BadgeId::PerfectWeeks6, e);
            if (perfect_weeks == 12) earn(BadgeId::PerfectWeeks12, e);
        }
        if (has_prev && gap_s >= kComebackGapS) earn(BadgeId::Comeback, e);
        if (spaced_run >= kWellSpacedRun) earn(BadgeId::WellSpaced, e);
        has_prev = true;
        prev = e.t;
    }
    return out;
}

std::vector<Badge> new_badges(const std::vector<SessionRecord>& previous, const SessionRecord& latest,
                              std::int32_t utc_offset_s) {
    std::array<bool, kBadgeCount> had{};
    for (const Badge& b : earned_badges(previous, utc_offset_s)) had[static_cast<std::size_t>(b.info.id)] = true;
    std::vector<SessionRecord> all = previous;
    all.push_back(latest);
    std::vector<Badge> out;
    for (const Badge& b : earned_badges(all, utc_offset_s)) {
        if (!had[static_cast<std::size_t>(b.info.id)]) out.push_back(b);
    }
    return out;
}

// --- personal bests ------------------------------------------------------------------------------

namespace {

std::optional<double> value_of(const SessionRecord& s, BestKind kind) {
    switch (kind) {
        case BestKind::MostReps: return static_cast<double>(s.reps);
        case BestKind::HighestLoad: return s.load_pct1rm > 0.0 ? std::optional<double>(s.load_pct1rm) : std::nullopt;
        case BestKind::BestTimeInBand: return s.time_in_band_pct;
        case BestKind::BestPoints:
            return s.points ? std::optional<double>(static_cast<double>(*s.points)) : std::nullopt;
    }
    return std::nullopt;
}

constexpr std::array<BestKind, kBestKindCount> kBestKinds{BestKind::MostReps, BestKind::HighestLoad,
                                                           BestKind::BestTimeInBand, BestKind::BestPoints};

}  // namespace

std::string_view best_title(BestKind kind) noexcept {
    switch (kind) {
        case BestKind::MostReps: return "Most reps";
        case BestKind::HighestLoad: return "Highest load";
        case BestKind::BestTimeInBand: return "Best time in band";
        case BestKind::BestPoints: return "Most points";
    }
    return "";
}

PersonalBests personal_bests(const std::vector<SessionRecord>& sessions) {
    PersonalBests out;
    for (const Entry& e : ordered(sessions, true)) {
        for (const BestKind kind : kBestKinds) {
            const std::optional<double> v = value_of(*e.record, kind);
            if (!v) continue;
            auto& best = out.by_kind[static_cast<std::size_t>(kind)];
            if (!best || *v > best->value) best = PersonalBest{kind, *v, e.index, e.t};
        }
    }
    return out;
}

std::vector<NewBest> new_personal_bests(const std::vector<SessionRecord>& previous, const SessionRecord& latest) {
    std::vector<NewBest> out;
    if (!latest.completed) return out;
    const PersonalBests before = personal_bests(previous);
    for (const BestKind kind : kBestKinds) {
        const std::optional<double> v = value_of(latest, kind);
        const auto& best = before.get(kind);
        if (v && best && *v > best->value) out.push_back(NewBest{kind, *v, best->value, best->started_unix_s});
    }
    return out;
}

// --- trends --------------------------------------------------------------------------------------

namespace {

std::optional<double> metric_value(const SessionRecord& s, Metric metric) {
    switch (metric) {
        case Metric::Reps: return static_cast<double>(s.reps);
        case Metric::LoadPct1rm: return s.load_pct1rm > 0.0 ? std::optional<double>(s.load_pct1rm) : std::nullopt;
        case Metric::LopMmHg: return s.lop_mmHg > 0.0 ? std::optional<double>(s.lop_mmHg) : std::nullopt;
        case Metric::TimeInBandPct: return s.time_in_band_pct;
    }
    return std::nullopt;
}

std::string_view metric_name(Metric metric) {
    switch (metric) {
        case Metric::Reps: return "reps per session";
        case Metric::LoadPct1rm: return "load";
        case Metric::LopMmHg: return "LOP";
        case Metric::TimeInBandPct: return "time in band";
    }
    return "";
}

std::string_view metric_unit(Metric metric) {
    switch (metric) {
        case Metric::Reps: return "";
        case Metric::LoadPct1rm: return " %1RM";
        case Metric::LopMmHg: return " mmHg";
        case Metric::TimeInBandPct: return " %";
    }
    return "";
}

/// "over 5 days", "over 1 day", "over 6 weeks".
std::string span_text(std::int64_t span_s) {
    const double days = static_cast<double>(span_s) / static_cast<double>(kDayS);
    if (days < 13.5) {
        const long long n = std::llround(days);
        return fmt::format("over {} day{}", n, n == 1 ? "" : "s");
    }
    return fmt::format("over {} weeks", std::llround(days / 7.0));
}

}  // namespace

Trend trend(const std::vector<SessionRecord>& sessions, Metric metric, std::int32_t utc_offset_s) {
    Trend out;
    out.metric = metric;
    for (const Entry& e : ordered(sessions, true)) {
        const std::optional<double> v = metric_value(*e.record, metric);
        if (v) out.points.push_back(TrendPoint{e.t, 0.0, *v});
    }
    const std::string_view name = metric_name(metric);
    if (out.points.empty()) {
        out.summary = fmt::format("no sessions yet for a {} trend", name);
        return out;
    }
    const std::int64_t t0 = out.points.front().started_unix_s;
    for (TrendPoint& p : out.points) p.weeks = static_cast<double>(p.started_unix_s - t0) / static_cast<double>(kWeekS);

    // Weekly means, every week from the first point's to the last's.
    const std::int64_t w0 = week_monday(local_day(t0, utc_offset_s));
    const std::int64_t w1 = week_monday(local_day(out.points.back().started_unix_s, utc_offset_s));
    for (std::int64_t w = w0; w <= w1; w += 7) out.weekly.push_back(WeekValue{w, date_from_days(w), 0, std::nullopt});
    std::vector<double> sums(out.weekly.size(), 0.0);
    for (const TrendPoint& p : out.points) {
        const auto i = static_cast<std::size_t>((week_monday(local_day(p.started_unix_s, utc_offset_s)) - w0) / 7);
        ++out.weekly[i].sessions;
        sums[i] += p.value;
    }
    for (std::size_t i = 0; i < out.weekly.size(); ++i) {
        if (out.weekly[i].sessions > 0) out.weekly[i].mean = sums[i] / static_cast<double>(out.weekly[i].sessions);
    }

    // Least squares of value on weeks.
    const auto n = static_cast<double>(out.points.size());
    double mx = 0.0;
    double my = 0.0;
    for (const TrendPoint& p : out.points) {
        mx += p.weeks;
        my += p.value;
    }
    mx /= n;
    my /= n;
    double sxx = 0.0;
    double sxy = 0.0;
    for (const TrendPoint& p : out.points) {
        sxx += (p.weeks - mx) * (p.weeks - mx);
        sxy += (p.weeks - mx) * (p.value - my);
    }
    const std::int64_t span_s = out.points.back().started_unix_s - t0;
    out.span_weeks = out.points.back().weeks;
    if (!(sxx > 0.0)) {
        out.summary = fmt::format("not enough sessions yet for a {} trend", name);
        return out;
    }
    const double slope_per_week = sxy / sxx;
    out.slope_per_4_weeks = 4.0 * slope_per_week;
    out.change = slope_per_week * out.span_weeks;
    const long long rounded = std::llround(out.change);
    const std::string_view unit = metric_unit(metric);
    if (rounded == 0) {
        out.summary = fmt::format("{} steady at {}{} {}", name, std::llround(my), unit, span_text(span_s));
    } else {
        out.summary = fmt::format("{} {} {}{} {}", name, rounded > 0 ? "up" : "down", std::llabs(rounded), unit,
                                  span_text(span_s));
    }
    return out;
}

// --- calendar ------------------------------------------------------------------------------------

MonthCalendar month_calendar(const std::vector<SessionRecord>& sessions, std::int32_t year, std::uint32_t month,
                             std::int32_t utc_offset_s) {
    MonthCalendar cal;
    cal.year = year;
    cal.month = std::clamp<std::uint32_t>(month, 1, 12);
    const std::int64_t first = days_from_date(LocalDate{year, cal.month, 1});
    cal.first_weekday = weekday_monday0(first);
    const std::uint32_t n = days_in_month(year, cal.month);
    cal.days.reserve(n);
    for (std::uint32_t d = 1; d <= n; ++d) cal.days.push_back(CalendarDay{d, 0, 0});
    for (const SessionRecord& s : sessions) {
        const std::int64_t day = local_day(s.started_unix_s, utc_offset_s);
        if (day < first || day >= first + n) continue;
        CalendarDay& c = cal.days[static_cast<std::size_t>(day - first)];
        if (s.completed) {
            ++c.completed;
        } else {
            ++c.incomplete;
        }
    }
    return cal;
}

}  // namespace bfr::gamification
