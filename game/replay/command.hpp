#pragma once
// `bfr-coach replay FILE [--summary S] [--trace T] [--trace-hz N] [--save] [--limb arm|leg]
// [--protocol NAME|FILE] [--format F]`: the recording through the session headless, then the
// summary JSON, the trace CSV, or (with neither) a readable summary on stdout.

#include "game/cli/cli.hpp"

namespace bfr::replay {

/// Returns the exit status: 0; 3 when the file cannot be read or has no usable row, or an output
/// cannot be written, or (--save) the history database cannot be used — the summary and the
/// trace are written all the same then; 128 + signal when interrupted (nothing is written or
/// saved then).
[[nodiscard]] int run_replay(const cli::ReplayOptions& options, const cli::CommonOptions& common);

}  // namespace bfr::replay
