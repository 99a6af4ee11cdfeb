#pragma once
// What `history`, `export` and `replay --save` share: the error lines they print and the hint
// for each way a history database can be refused.

#include "game/history/history_db.hpp"

#include <string>

namespace bfr::history {

/// A line of advice for a database that HistoryDb::open() refused for `why` (starts "hint: ").
[[nodiscard]] std::string open_hint(OpenError why);

/// Prints "bfr-coach SUBCOMMAND: error: MESSAGE" and, when `hint` is not empty, the hint line, to stderr.
void print_error(const char* subcommand, const std::string& message, const std::string& hint = {});

}  // namespace bfr::history
