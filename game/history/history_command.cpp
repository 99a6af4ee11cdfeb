#include "game/history/history_command.hpp"

#include "game/frontend/paths.hpp"
#include "game/history/command_support.hpp"
#include "game/history/export.hpp"
#include "game/history/history_db.hpp"

#include <fmt/format.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <vector>

namespace bfr::history {

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
    std::string text = options.json ? history_json(sessions) : history_table(sessions);
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
