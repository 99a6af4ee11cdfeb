#pragma once
// `bfr-coach export (--latest | --session ID) --format csv|json|fhir|pdf|png --out PATH`: one stored
// session to a file (docs/history.md), written atomically like replay's outputs; pdf and png are
// the one-page clinician report (report.hpp, report_cairo.hpp).

#include "game/cli/cli.hpp"

namespace bfr::history {

/// Writes the session and returns the exit status: 0; 2 for wrong usage (an ID that is not a
/// number, --out naming the database itself); 3 when there is no such session (or none at all
/// with --latest), the database cannot be used or PATH cannot be written.
[[nodiscard]] int run_export(const cli::ExportOptions& options, const cli::CommonOptions& common);

}  // namespace bfr::history
