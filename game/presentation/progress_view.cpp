#include "game/presentation/progress_view.hpp"

#include "game/presentation/voice_lines.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

namespace bfr::presentation {
namespace g = gamification;
namespace {

constexpr std::array<const char*, 12> kMonths = {"January", "February", "March",     "April",   "May",      "June",
                                                 "July",    "August",   "September", "October", "November", "December"};
/// Sessions a trend plot shows.
constexpr std::size_t kTrendPoints = 20;
/// Weeks the week list shows.
constexpr std::size_t kWeeksShown = 6;

std::string short_date(g::LocalDate d) {
    const std::string m = kMonths[std::clamp<std::uint32_t>(d.month, 1, 12) - 1];
    return fmt::format("{} {}", m.substr(0, 3), d.day);
}

/// "75", "32.5 %1RM", "96 %" — the value of a best with its unit.
std::string best_value(g::BestKind kind, double value) {
    switch (kind) {
        case g::BestKind::MostReps: return fmt::format("{:.0f} reps", value);
        case g::BestKind::HighestLoad: return fmt::format("{:g} %1RM", std::round(value * 10.0) / 10.0);
        case g::BestKind::BestTimeInBand: return fmt::format("{:.0f} %", value);
        case g::BestKind::BestPoints: return fmt::format("{:.0f} points", value);
    }
    return fmt::format("{:g}", value);
}

std::string lower_first(std::string_view s) {
    std::string out(s);
    if (!out.empty()) out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
    return out;
}

ProgressViewModel::TrendLine trend_line(const std::vector<g::SessionRecord>& sessions, g::Metric metric,
                                        std::int32_t offset, const char* title, const char* unit) {
    const g::Trend t = g::trend(sessions, metric, offset);
    ProgressViewModel::TrendLine line;
    line.title = title;
    line.unit = unit;
    line.summary = t.summary;
    // "reps per session steady at 75 over 3 weeks" under the title "Reps per session": "Steady at 75 over 3 weeks".
    const std::string prefix = std::string(title) + " ";
    if (line.summary.size() > prefix.size() &&
        std::equal(prefix.begin(), prefix.end(), line.summary.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
        line.summary.erase(0, prefix.size());
        line.summary[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(line.summary[0])));
    }
    const std::size_t first = t.points.size() > kTrendPoints ? t.points.size() - kTrendPoints : 0;
    for (std::size_t i = first; i < t.points.size(); ++i) line.values.push_back(static_cast<float>(t.points[i].value));
    if (!line.values.empty()) {
        const auto [lo, hi] = std::minmax_element(line.values.begin(), line.values.end());
        const float span = std::max(*hi - *lo, std::max(1.f, std::abs(*hi) * 0.1f));
        line.lo = std::max(0.f, *lo - span * 0.25f);
        line.hi = *hi + span * 0.9f;  // headroom: the plot's title sits at its top
    }
    return line;
}

}  // namespace

std::string month_title(std::int32_t year, std::uint32_t month) {
    return fmt::format("{} {}", kMonths[std::clamp<std::uint32_t>(month, 1, 12) - 1], year);
}

void step_month(std::int32_t& year, std::uint32_t& month, int delta) noexcept {
    std::int64_t index = static_cast<std::int64_t>(year) * 12 + (std::clamp<std::uint32_t>(month, 1, 12) - 1) + delta;
    index = std::clamp<std::int64_t>(index, 1970 * 12, 9999 * 12 + 11);
    year = static_cast<std::int32_t>(index / 12);
    month = static_cast<std::uint32_t>(index % 12) + 1;
}

ProgressViewModel build_progress_view(const std::vector<g::SessionRecord>& input, std::int64_t now_unix_s,
                                      std::int32_t utc_offset_s, std::int32_t year, std::uint32_t month) {
    std::vector<g::SessionRecord> sessions = input;
    std::stable_sort(sessions.begin(), sessions.end(),
                     [](const g::SessionRecord& a, const g::SessionRecord& b) { return a.started_unix_s < b.started_unix_s; });
    ProgressViewModel vm;
    vm.sessions = static_cast<std::uint32_t>(sessions.size());
    vm.completed = static_cast<std::uint32_t>(
        std::count_if(sessions.begin(), sessions.end(), [](const g::SessionRecord& s) { return s.completed; }));

    // Weeks: sessions "in the future" (a clock set back) still count up to the last one.
    const std::int64_t now = std::max(now_unix_s, sessions.empty() ? now_unix_s : sessions.back().started_unix_s);
    const g::StreakReport streak = g::weekly_streaks(sessions, now, utc_offset_s);
    vm.streak_weeks = streak.current_weeks;
    vm.best_streak_weeks = streak.best_weeks;
    vm.perfect_weeks = streak.perfect_weeks;
    for (const g::WeekReport* w : g::recent_weeks(streak, kWeeksShown)) {
        ProgressViewModel::Week week;
        week.label = short_date(w->monday);
        week.sessions = w->completed_sessions;
        week.perfect = w->perfect;
        week.in_progress = w->in_progress;
        week.state = g::week_state(*w);
        vm.weeks.push_back(std::move(week));
    }
    const std::int64_t today = g::local_day(now_unix_s, utc_offset_s);
    const g::WeekReport* current = nullptr;
    for (const g::WeekReport& w : streak.weeks) {
        if (w.monday_day == g::week_monday(today)) current = &w;
    }
    const std::uint32_t this_week_sessions = current != nullptr ? current->completed_sessions : 0;
    if (current != nullptr && current->perfect) {
        vm.this_week = fmt::format("This week is perfect ({} sessions). Rest well.", this_week_sessions);
    } else if (current == nullptr || current->can_still_be_perfect || this_week_sessions == 0) {
        vm.this_week = fmt::format("This week: {} session{} of 2-3, at least 36 h apart.", this_week_sessions,
                                   this_week_sessions == 1 ? "" : "s");
    } else {
        vm.this_week = "This week: " + current->why + ".";
    }

    // Calendar.
    vm.month = std::clamp<std::uint32_t>(month, 1, 12);
    vm.year = year;
    vm.month_title = month_title(vm.year, vm.month);
    const g::MonthCalendar cal = g::month_calendar(sessions, vm.year, vm.month, utc_offset_s);
    vm.first_weekday = cal.first_weekday;
    vm.days = cal.days;
    const g::LocalDate today_date = g::date_from_days(today);
    vm.today = today_date.year == vm.year && today_date.month == vm.month ? today_date.day : 0;
    const std::int64_t first_monday = g::week_monday(g::days_from_date({vm.year, vm.month, 1}));
    const std::size_t rows = (vm.first_weekday + vm.days.size() + 6) / 7;
    for (std::size_t r = 0; r < rows; ++r) {
        const std::int64_t monday = first_monday + static_cast<std::int64_t>(r) * 7;
        const auto w = std::find_if(streak.weeks.begin(), streak.weeks.end(),
                                    [&](const g::WeekReport& x) { return x.monday_day == monday; });
        vm.row_perfect.push_back(w != streak.weeks.end() && w->perfect);
    }

    // Badges: earned first, in the order earned; then the rest in catalogue order.
    const std::vector<g::Badge> earned = g::earned_badges(sessions, utc_offset_s);
    for (const g::Badge& b : earned) {
        vm.badges.push_back({std::string(b.info.title), std::string(b.info.description), true, g::iso_date(b.earned_on)});
    }
    for (const g::BadgeInfo& info : g::badge_catalogue()) {
        const bool have = std::any_of(earned.begin(), earned.end(), [&](const g::Badge& b) { return b.info.id == info.id; });
        if (!have) vm.badges.push_back({std::string(info.title), std::string(info.description), false, {}});
    }

    // Bests.
    const g::PersonalBests bests = g::personal_bests(sessions);
    for (std::size_t k = 0; k < g::kBestKindCount; ++k) {
        const auto kind = static_cast<g::BestKind>(k);
        if (const auto& b = bests.get(kind)) {
            vm.bests.push_back(fmt::format("{}: {} ({})", g::best_title(kind), best_value(kind, b->value),
                                           g::iso_date(g::local_date(b->started_unix_s, utc_offset_s))));
        }
    }

    // Trends.
    vm.trends.push_back(trend_line(sessions, g::Metric::Reps, utc_offset_s, "Reps per session", ""));
    vm.trends.push_back(trend_line(sessions, g::Metric::LoadPct1rm, utc_offset_s, "Load", "%1RM"));
    vm.trends.push_back(trend_line(sessions, g::Metric::LopMmHg, utc_offset_s, "LOP", "mmHg"));
    vm.trends.push_back(trend_line(sessions, g::Metric::TimeInBandPct, utc_offset_s, "Time in band", "%"));
    return vm;
}

std::vector<std::string> celebration_lines(const std::vector<g::Badge>& badges, const std::vector<g::NewBest>& bests) {
    std::vector<std::string> lines;
    for (const g::NewBest& b : bests) {
        lines.push_back(fmt::format("New personal best: {}, {} (was {})", lower_first(g::best_title(b.kind)),
                                    best_value(b.kind, b.value), best_value(b.kind, b.previous_value)));
    }
    for (const g::Badge& b : badges) {
        lines.push_back(fmt::format("Badge earned: {} \xe2\x80\x94 {}", b.info.title, b.info.description));
    }
    return lines;
}

std::string celebration_voice_line(const std::vector<g::Badge>& badges, const std::vector<g::NewBest>& bests) {
    std::string line;
    if (!bests.empty()) line = bests.size() == 1 ? "New personal best!" : "New personal bests!";
    if (badges.size() == 1) {
        line += fmt::format("{}{} badge: {}.", line.empty() ? "" : " ", line.empty() ? "A new" : "And a new",
                            badges.front().info.title);
    } else if (badges.size() > 1) {
        std::string n = number_words(static_cast<std::uint32_t>(badges.size()));
        if (line.empty()) {
            n[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(n[0])));
            line = n + " new badges.";
        } else {
            line += " And " + n + " new badges.";
        }
    }
    return line;
}

}  // namespace bfr::presentation
