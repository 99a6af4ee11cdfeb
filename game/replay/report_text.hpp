#pragma once
// The human-readable summary `replay` prints when neither --summary nor --trace is given.

#include "game/replay/replayer.hpp"

#include <string>

namespace bfr::replay {

/// Several lines of text, each ending in a newline (warnings excluded: they go to stderr).
[[nodiscard]] std::string human_summary(const ReplayResult& result);

}  // namespace bfr::replay
