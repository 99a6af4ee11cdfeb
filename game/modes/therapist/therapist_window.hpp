#pragma once
// `run --mode therapist` and `shot --mode therapist`: the therapist mode's window (docs/therapist.md).

#include "game/cli/cli.hpp"

namespace bfr::modes::therapist {

/// The real-time window of the therapist mode; the process exit status.
[[nodiscard]] int run_window(const cli::RunOptions& options, const cli::CommonOptions& common);

/// The therapist mode's own screen rendered offscreen to a PNG (as `shot` does for the home mode).
[[nodiscard]] int run_shot(const cli::ShotOptions& options, const cli::CommonOptions& common);

}  // namespace bfr::modes::therapist
