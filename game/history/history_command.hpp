#pragma once
// `bfr-coach history [--json]`: the stored sessions (docs/history.md), as a table or a JSON array.

#include "game/cli/cli.hpp"

namespace bfr::history {

/// Prints the sessions of `--data-dir`'s history (oldest first) and returns the exit status: 0
/// (also for an empty or missing history, which creates nothing); 3 when the data folder or the
/// database cannot be used (not a database, locked, from a newer version) or stdout fails.
[[nodiscard]] int run_history(const cli::HistoryOptions& options, const cli::CommonOptions& common);

}  // namespace bfr::history
