#pragma once
// What the columns of a telemetry stream mean: names and physical ranges. The game provides the
// schema (game/telemetry/format_v1.hpp); the parsers in engine/telemetry only apply it.

#include "engine/telemetry/sample.hpp"

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bfr::telemetry {

/// One numeric column: its name as written in a header or a JSON key, and the values that are
/// physically possible (a value outside [min, max] makes the row unusable).
struct ColumnSpec {
    std::string name;
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
};

/// The columns of a format. The time column (seconds, required, non-decreasing) and the event
/// column (free text) are named separately; `columns[i]` is stored in Sample::values[i].
struct Schema {
    std::string time_column = "t_s";
    std::string event_column = "event";
    std::vector<ColumnSpec> columns;  ///< At most kMaxColumns.

    /// Index of a numeric column by name (exact match), nullopt if the schema has none.
    [[nodiscard]] std::optional<std::size_t> index_of(std::string_view name) const noexcept {
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (columns[i].name == name) return i;
        }
        return std::nullopt;
    }
};

}  // namespace bfr::telemetry
