#pragma once
// The CSV variant of the telemetry format (interfaces.md §4): a header of comma-separated column
// names, then one sample per line. Applies whatever Schema it is given: the time column is
// required, the event column and every schema column are optional, other columns are ignored.
// No quoting (v1 has none); cells may have spaces around them.

#include "engine/telemetry/parse_report.hpp"
#include "engine/telemetry/sample.hpp"
#include "engine/telemetry/schema.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bfr::telemetry {

/// Reads a CSV header, then sample rows, into Samples. Keeps no per-row allocation: the caller
/// reuses one Sample.
class CsvParser {
public:
    /// A parser for `schema` (at most kMaxColumns numeric columns are used).
    explicit CsvParser(Schema schema);

    /// True once a header has been accepted.
    [[nodiscard]] bool has_header() const noexcept { return !cells_.empty(); }

    /// Reads `line` (number `line_number`) as the header. Returns false with `error` set when it
    /// cannot be one: no time column, or a column named twice. Unknown column names are noted in
    /// `report` (one warning names them all).
    [[nodiscard]] bool read_header(std::string_view line, std::uint64_t line_number, ParseReport& report,
                                   std::string& error);

    /// Parses a sample row into `out` (time, values in range, event). Returns false when the row
    /// cannot be used; then, if `reason` is not null, it receives why. Requires has_header().
    [[nodiscard]] bool read_row(std::string_view line, Sample& out, std::string* reason) const;

    /// Forgets the header.
    void reset() noexcept;

    /// Why a row could not be used (for explain()).
    enum class Failure : std::uint8_t {
        CellCount,
        NotANumber,
        NotFinite,
        Overflow,
        OutsideRange,
        MissingTime,
        BadEvent
    };

    /// The schema applied.
    [[nodiscard]] const Schema& schema() const noexcept { return schema_; }

private:
    enum class Role : std::uint8_t { Ignore, Time, Event, Value };
    struct Cell {
        Role role = Role::Ignore;
        std::uint8_t column = 0;
    };

    struct RowFailure {
        Failure kind = Failure::CellCount;
        const Cell* cell = nullptr;  // the cell that failed (null: the cell count)
        std::string_view text;       // its text
    };

    /// Parses the cells of a row; false with `failure` filled when the row cannot be used.
    bool parse_cells(std::string_view line, Sample& out, RowFailure& failure) const;
    /// Writes why a row failed into `reason` (called only on the failure path).
    void explain(std::string_view line, const RowFailure& failure, std::string& reason) const;

    Schema schema_;
    std::size_t columns_;      // schema columns used (<= kMaxColumns)
    std::vector<Cell> cells_;  // the header's cells, in order
    std::string header_;       // the header line, to recognise a repeated one
    std::uint64_t header_line_ = 0;
    std::vector<std::string_view> names_;  // scratch for the duplicate check
};

}  // namespace bfr::telemetry
