#include "engine/telemetry/csv_parser.hpp"

#include "engine/telemetry/number.hpp"
#include "engine/telemetry/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <limits>

namespace bfr::telemetry {

namespace {

/// An event cell without blanks around it, and without the double quotes a spreadsheet may add.
std::string_view event_text(std::string_view cell) noexcept {
    cell = trim_blanks(cell);
    if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"')
        cell = trim_blanks(cell.substr(1, cell.size() - 2));
    return cell;
}

CsvParser::Failure from_status(NumberStatus status) noexcept {
    switch (status) {
        case NumberStatus::NotFinite: return CsvParser::Failure::NotFinite;
        case NumberStatus::OutOfRange: return CsvParser::Failure::Overflow;
        default: return CsvParser::Failure::NotANumber;
    }
}

std::size_t count_cells(std::string_view line) noexcept {
    return 1 + static_cast<std::size_t>(std::count(line.begin(), line.end(), ','));
}

}  // namespace

CsvParser::CsvParser(Schema schema)
    : schema_{std::move(schema)}, columns_{std::min(schema_.columns.size(), kMaxColumns)} {}

void CsvParser::reset() noexcept {
    cells_.clear();
    header_.clear();
    header_line_ = 0;
}

bool CsvParser::read_header(std::string_view line, std::uint64_t line_number, ParseReport& report, std::string& error) {
    cells_.clear();
    names_.clear();
    bool has_time = false;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        const std::string_view name =
            trim_blanks(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        names_.push_back(name);
        Cell cell;
        if (name == schema_.time_column) {
            cell.role = Role::Time;
            has_time = true;
        } else if (!schema_.event_column.empty() && name == schema_.event_column) {
            cell.role = Role::Event;
        } else if (const auto index = schema_.index_of(name); index && *index < columns_) {
            cell.role = Role::Value;
            cell.column = static_cast<std::uint8_t>(*index);
        }
        cells_.push_back(cell);
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    // A column named twice is ambiguous: an error naming it.
    std::vector<std::string_view> sorted = names_;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 1; i < sorted.size(); ++i) {
        if (!sorted[i].empty() && sorted[i] == sorted[i - 1]) {
            error = fmt::format("the header on line {} names the column {} twice", line_number, quoted(sorted[i]));
            cells_.clear();
            return false;
        }
    }
    if (!has_time) {
        error = fmt::format(
            "the header on line {} has no '{}' column (the line is {}); a telemetry file starts "
            "with a header naming its columns, {} first",
            line_number, schema_.time_column, quoted(line, 60), schema_.time_column);
        cells_.clear();
        return false;
    }
    for (std::size_t i = 0; i < cells_.size(); ++i) {
        if (cells_[i].role == Role::Ignore) report.note_unknown_column(names_[i]);
    }
    header_.assign(line);
    header_line_ = line_number;
    return true;
}

bool CsvParser::read_row(std::string_view line, Sample& out, std::string* reason) const {
    out.t_ns = 0;
    out.present = 0;
    std::fill_n(out.values.begin(), columns_, std::numeric_limits<double>::quiet_NaN());
    out.event.clear();
    RowFailure failure;
    if (parse_cells(line, out, failure)) return true;
    if (reason != nullptr) explain(line, failure, *reason);
    return false;
}

bool CsvParser::parse_cells(std::string_view line, Sample& out, RowFailure& failure) const {
    const std::size_t n = cells_.size();
    std::size_t i = 0;
    const char* p = line.data();
    const char* const end = p + line.size();
    while (true) {
        const auto* comma = static_cast<const char*>(std::memchr(p, ',', static_cast<std::size_t>(end - p)));
        const char* const cell_end = comma != nullptr ? comma : end;
        if (i >= n) {  // more cells than the header
            failure = RowFailure{};
            return false;
        }
        const std::string_view text(p, static_cast<std::size_t>(cell_end - p));
        const Cell& cell = cells_[i];
        failure.cell = &cell;
        failure.text = text;
        switch (cell.role) {
            case Role::Value: {
                double value = 0.0;
                const NumberStatus status = parse_double(text, value);
                if (status == NumberStatus::Empty) break;
                if (status != NumberStatus::Ok) {
                    failure.kind = from_status(status);
                    return false;
                }
                const ColumnSpec& spec = schema_.columns[cell.column];
                if (value < spec.min || value > spec.max) {
                    failure.kind = Failure::OutsideRange;
                    return false;
                }
                out.values[cell.column] = value;
                out.present |= 1U << cell.column;
                break;
            }
            case Role::Time: {
                const NumberStatus status = parse_seconds_ns(text, out.t_ns);
                if (status == NumberStatus::Ok) break;
                failure.kind = status == NumberStatus::Empty ? Failure::MissingTime : from_status(status);
                return false;
            }
            case Role::Event: {
                const std::string_view event = event_text(text);
                if (event.empty()) break;
                if (!is_clean_text(event)) {
                    failure.kind = Failure::BadEvent;
                    failure.text = event;
                    return false;
                }
                out.event.assign(event);
                break;
            }
            case Role::Ignore: break;
        }
        ++i;
        if (comma == nullptr) break;
        p = comma + 1;
    }
    failure.cell = nullptr;
    return i == n;  // fewer cells than the header: CellCount
}

void CsvParser::explain(std::string_view line, const RowFailure& failure, std::string& reason) const {
    reason.clear();
    const Cell* const cell = failure.cell;
    const std::string_view text = failure.text;
    auto out = std::back_inserter(reason);
    if (line == header_) {
        reason = "repeated header";
        return;
    }
    const std::size_t cells = count_cells(line);
    if (cells != cells_.size()) {
        fmt::format_to(out, "wrong number of cells: {} (the header on line {} has {})", cells, header_line_,
                       cells_.size());
        return;
    }
    const std::string_view name = cell == nullptr             ? std::string_view{}
                                  : cell->role == Role::Time  ? std::string_view(schema_.time_column)
                                  : cell->role == Role::Event ? std::string_view(schema_.event_column)
                                                              : std::string_view(schema_.columns[cell->column].name);
    if (cell != nullptr && cell->role == Role::Time && trim_blanks(text) == schema_.time_column) {
        fmt::format_to(out, "a header line unlike the one on line {} (which stays in effect)", header_line_);
        return;
    }
    switch (failure.kind) {
        case Failure::CellCount: reason = "wrong number of cells"; break;
        case Failure::NotANumber:
            fmt::format_to(out, "{} is not a number ({})", quoted(trim_blanks(text)), name);
            break;
        case Failure::NotFinite:
            fmt::format_to(out, "{} is NaN or infinity, not a number ({})", quoted(trim_blanks(text)), name);
            break;
        case Failure::Overflow: fmt::format_to(out, "{} is out of range ({})", quoted(trim_blanks(text)), name); break;
        case Failure::OutsideRange: {
            const ColumnSpec& spec = schema_.columns[cell->column];
            fmt::format_to(out, "{} is outside {}..{} ({})", quoted(trim_blanks(text)), spec.min, spec.max, name);
            break;
        }
        case Failure::MissingTime: fmt::format_to(out, "missing {}", name); break;
        case Failure::BadEvent:
            fmt::format_to(out, "{} has control characters or bytes that are not UTF-8 ({})", quoted(text), name);
            break;
    }
}

}  // namespace bfr::telemetry
