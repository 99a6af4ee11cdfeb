#pragma once
// The NDJSON variant of the telemetry format (interfaces.md §4): one flat JSON object per line,
// with the same keys as the CSV columns; numbers or null (not measured), the event a string.
// A small hand-written scanner: one pass, no recursion, no allocation once its two scratch
// strings have grown; a nested object or array makes the row unusable.

#include "engine/telemetry/parse_report.hpp"
#include "engine/telemetry/sample.hpp"
#include "engine/telemetry/schema.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace bfr::telemetry {

/// Reads NDJSON lines into Samples.
class NdjsonParser {
public:
    /// A parser for `schema` (at most kMaxColumns numeric columns are used).
    explicit NdjsonParser(Schema schema);

    /// Parses one line holding a flat JSON object into `out`. Returns false when the row cannot
    /// be used; then, if `reason` is not null, it receives why. Keys the schema does not know are
    /// noted in `report` (one warning names them all) and otherwise ignored.
    [[nodiscard]] bool read_row(std::string_view line, Sample& out, std::string* reason, ParseReport& report);

    /// The schema applied.
    [[nodiscard]] const Schema& schema() const noexcept { return schema_; }

private:
    /// Scans a JSON string starting at line[pos] == '"'; on success `pos` is past the closing
    /// quote and `value` views the decoded text (the line itself, or `scratch` when it had escapes).
    bool scan_string(std::string_view line, std::size_t& pos, std::string& scratch, std::string_view& value,
                     std::string* reason);

    Schema schema_;
    std::size_t columns_;
    std::string key_;    // scratch: a key with escapes, decoded
    std::string value_;  // scratch: a string value with escapes, decoded
};

}  // namespace bfr::telemetry
