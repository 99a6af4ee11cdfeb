#pragma once
// The summary JSON of `replay --summary` (interfaces.md §5), with a few extra keys. Numbers are
// rounded for reading (times to 3 decimals, percentages to 2, concentrations and pH to 3); a
// value that does not exist is null, never NaN or infinity.

#include "game/replay/replayer.hpp"

#include <optional>
#include <string>

namespace bfr::replay {

/// `value` rounded to `decimals` decimals; nullopt when it is not finite.
[[nodiscard]] std::optional<double> rounded(double value, int decimals) noexcept;

/// The whole document, pretty-printed, ending in a newline.
[[nodiscard]] std::string summary_json(const ReplayResult& result);

}  // namespace bfr::replay
