#pragma once
// `bfr-coach eval-reps DIR` (interfaces.md §2): runs every recording that DIR/labels.csv names
// through the rep counter exactly as `replay` would (the same session, the default limb), prints
// `file, true, counted, error` per file and, as the last line,
// `exact: A/N (P%)  within1: B/N (Q%)  mae: M`.

#include "game/cli/cli.hpp"

#include <string>
#include <vector>

namespace bfr::replay {

/// One labelled recording and what the counter made of it.
struct EvalRow {
    std::string file;
    long true_reps = 0;
    long counted = 0;
    std::string problem;  ///< Why the file could not be read (counted as 0 reps); empty if it could.
};

/// The labels: `file` and `true_reps` columns of a CSV with a header (other columns ignored;
/// quoted cells, a UTF-8 BOM and CRLF line ends are fine). Rows without a file name or with a
/// true count that is not a whole number ≥ 0 are skipped and reported in `skipped`. Returns false
/// with `error` when the header lacks either column.
[[nodiscard]] bool parse_labels(const std::string& text, std::vector<EvalRow>& rows, std::vector<std::string>& skipped,
                                std::string* error);

/// The closing line for rows already counted.
[[nodiscard]] std::string eval_summary_line(const std::vector<EvalRow>& rows);

/// Returns the exit status: 0; 3 when DIR or its labels.csv cannot be read or names no file.
[[nodiscard]] int run_eval_reps(const cli::EvalRepsOptions& options, const cli::CommonOptions& common);

}  // namespace bfr::replay
