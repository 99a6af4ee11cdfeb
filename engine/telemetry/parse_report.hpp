#pragma once
// What decoding a telemetry stream found: rows used, rows skipped (the first few with their line
// number and reason, then only a count), warnings, and the error that made the input unusable.
// Memory is bounded whatever the input: a fixed number of problems, names and warnings is kept.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bfr::telemetry {

/// One skipped row: its 1-based line number and why it could not be used.
struct Problem {
    std::uint64_t line = 0;  ///< 1-based line number in the stream.
    std::string reason;      ///< e.g. "'abc' is not a number (cuff_mmHg)".
};

/// Counts and messages of one decoded stream (interfaces.md §5: `input.rows` is rows_used(),
/// `input.rows_skipped` is rows_skipped(); header, comment and blank lines are neither).
class ParseReport {
public:
    /// Problems kept with their reason by default; later ones are only counted.
    static constexpr std::size_t kDefaultKeptProblems = 5;
    /// Distinct unknown column names remembered for the warning (more are only counted).
    static constexpr std::size_t kMaxUnknownNames = 16;
    /// Other warnings kept (more are dropped).
    static constexpr std::size_t kMaxWarnings = 16;

    /// A report that keeps the first `kept_problems` problems in full.
    explicit ParseReport(std::size_t kept_problems = kDefaultKeptProblems);

    // --- Written by the decoder ---

    /// One more line seen (any kind).
    void count_line() noexcept { ++lines_; }
    /// One more line that is not a sample row (header, comment, blank).
    void count_other() noexcept { ++lines_other_; }
    /// One more sample row used.
    void count_used() noexcept { ++rows_used_; }
    /// True while a new problem would be kept with its reason (so callers format it only then).
    [[nodiscard]] bool wants_reason() const noexcept { return problems_.size() < kept_problems_; }
    /// One more row skipped; its reason is kept if fewer than the limit are kept so far.
    void add_skipped(std::uint64_t line, std::string_view reason);
    /// Records a column (CSV header) or key (NDJSON) that the schema does not know; all of them
    /// end up in ONE warning.
    void note_unknown_column(std::string_view name);
    /// Adds a warning (the first kMaxWarnings are kept; an identical one is not repeated).
    void add_warning(std::string text);
    /// Marks the input as unusable (the first error wins).
    void set_error(std::string text);

    // --- Read by the caller ---

    /// Sample rows used (delivered to the sink).
    [[nodiscard]] std::uint64_t rows_used() const noexcept { return rows_used_; }
    /// Rows that could not be used.
    [[nodiscard]] std::uint64_t rows_skipped() const noexcept { return rows_skipped_; }
    /// Every line seen. Always lines() == rows_used() + rows_skipped() + lines_other(), except
    /// after an error, when the decoder stops counting.
    [[nodiscard]] std::uint64_t lines() const noexcept { return lines_; }
    /// Header, comment and blank lines.
    [[nodiscard]] std::uint64_t lines_other() const noexcept { return lines_other_; }
    /// The first kept problems, in line order.
    [[nodiscard]] const std::vector<Problem>& problems() const noexcept { return problems_; }
    /// Unknown column names seen (at most kMaxUnknownNames, in order of appearance).
    [[nodiscard]] const std::vector<std::string>& unknown_columns() const noexcept { return unknown_; }
    /// The warnings: first the one naming the unknown columns (if any), then the others.
    [[nodiscard]] std::vector<std::string> warnings() const;
    /// True when the input cannot be used at all (error() says why).
    [[nodiscard]] bool failed() const noexcept { return !error_.empty(); }
    /// Why the input cannot be used; empty when it can.
    [[nodiscard]] const std::string& error() const noexcept { return error_; }
    /// The skipped rows as text, one per line ending in '\n':
    /// `line 7: 'abc' is not a number (cuff_mmHg)` for each kept problem, then
    /// `... and 12 more skipped rows` when more were skipped. Empty when nothing was skipped.
    [[nodiscard]] std::string to_text() const;

private:
    std::size_t kept_problems_;
    std::uint64_t lines_ = 0;
    std::uint64_t lines_other_ = 0;
    std::uint64_t rows_used_ = 0;
    std::uint64_t rows_skipped_ = 0;
    std::vector<Problem> problems_;
    std::vector<std::string> unknown_;
    std::uint64_t unknown_more_ = 0;
    std::vector<std::string> warnings_;
    std::string error_;
};

}  // namespace bfr::telemetry
