#include "game/history/history_command.hpp"

#include "game/frontend/paths.hpp"
#include "game/history/command_support.hpp"
#include "game/history/export.hpp"
#include "game/gamification/progress.hpp"
#include "game/history/history_db.hpp"
#include "game/history/progress_source.hpp"
#include "game/history/time_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <csignal>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <vector>

namespace bfr::history {
namespace {

/// The long run: weekly streaks (2-3 sessions a week, 36 h apart), badges, personal bests
/// (game/gamification, docs/gamification.md).
std::string progress_text(const std::vector<SessionRow>& rows) {
    namespace g = gamification;
    const std::vector<g::SessionRecord> sessions = records_of(progress_sessions(rows));
    const std::int32_t offset = local_utc_offset_s();
    const std::int64_t now = std::time(nullptr);
    std::string t = "\nProgress (a perfect week: 2 or 3 completed sessions, at least 36 h apart)\n";
    const g::StreakReport streak = g::weekly_streaks(sessions, std::max(now, sessions.empty() ? now : sessions.back().started_unix_s), offset);
    t += fmt::format("  weekly streak   {} perfect week{} in a row (best {}; {} in all)\n", streak.current_weeks,
                     streak.current_weeks == 1 ? "" : "s", streak.best_weeks, streak.perfect_weeks);
    // The last weeks that had a session (at most 6), and the week now.
    for (const g::WeekReport* w : g::recent_weeks(streak, 6)) {
        t += fmt::format("  week of {}   {} session{}: {}\n", g::iso_date(w->monday), w->completed_sessions,
                         w->completed_sessions == 1 ? "" : "s", g::week_state(*w));
    }
    const auto badges = g::earned_badges(sessions, offset);
    if (badges.empty()) {
        t += "  badges          none yet\n";
    } else {
        for (const g::Badge& b : badges) {
            t += fmt::format("  badge           {} ({}): {}\n", b.info.title, g::iso_date(b.earned_on), b.info.description);
        }
    }
    const g::PersonalBests bests = g::personal_bests(sessions);
    const auto best = [&](g::BestKind kind, const char* what, const char* unit) {
        if (const auto& b = bests.get(kind)) {
            t += fmt::format("  best            {} {:.0f}{} ({})\n", what, b->value, unit,
                             g::iso_date(g::local_date(b->started_unix_s, offset)));
        }
    };
    best(g::BestKind::MostReps, "most reps", "");
    best(g::BestKind::HighestLoad, "highest load", " %1RM");
    best(g::BestKind::BestTimeInBand, "time in band", " %");
    best(g::BestKind::BestPoints, "points", "");
    return t;
}

}  // namespace

int run_history(const cli::HistoryOptions& options, const cli::CommonOptions& common) {
    namespace fs = std::filesystem;
    // A reader that goes away (`| head`) makes writes fail with EPIPE instead of killing us.
    std::signal(SIGPIPE, SIG_IGN);
    const fs::path dir = frontend::resolve_data_dir(common.data_dir);
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
        print_error("history", fmt::format("data folder '{}' exists but is not a folder", dir.string()),
                    "hint: give --data-dir a folder");
        return cli::kExitBadInput;
    }
    std::vector<SessionRow> sessions;
    // No database yet: an empty history (nothing is created just to list it).
    if (fs::exists(HistoryDb::database_path(dir), ec)) {
        std::string error;
        OpenError why = OpenError::None;
        const auto db = HistoryDb::open(dir, &error, &why);
        if (!db) {
            print_error("history", error, open_hint(why));
            return cli::kExitBadInput;
        }
        auto listed = db->list_sessions();
        if (!listed) {
            print_error("history", db->last_error());
            return cli::kExitBadInput;
        }
        sessions = std::move(*listed);
    }
    std::string text = options.json ? history_json(sessions) : history_table(sessions) + progress_text(sessions);
    if (sessions.empty() && !options.json) {
        text = fmt::format(
            "No sessions stored yet in '{}'.\nA session is stored when it is done in the window, or with "
            "`bfr-coach replay FILE --save`.\n",
            dir.string());
    }
    std::fputs(text.c_str(), stdout);
    if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
        print_error("history", "could not write to standard output");
        return cli::kExitBadInput;
    }
    return cli::kExitOk;
}

}  // namespace bfr::history
