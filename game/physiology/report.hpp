#pragma once
// `bfr-coach validate`: the validation table as text (interfaces.md §2).

#include "game/physiology/validation.hpp"

#include <string>
#include <vector>

namespace bfr::physiology {

/// One row per target (target, model value, error, grade, pass/fail), then as the LAST line
/// `N passed, M failed`.
[[nodiscard]] std::string format_validation(const std::vector<TargetResult>& results);

/// Runs every target and prints the table to stdout. Exit status 0 when all pass, 1 otherwise.
int run_validate_command();

}  // namespace bfr::physiology
