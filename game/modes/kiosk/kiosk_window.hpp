#pragma once
// `run --mode kiosk` and `shot --mode kiosk`: the kiosk mode's window (docs/kiosk.md).

#include "game/cli/cli.hpp"

namespace bfr::modes::kiosk {

/// The real-time window of the kiosk mode; the process exit status.
[[nodiscard]] int run_window(const cli::RunOptions& options, const cli::CommonOptions& common);

/// The kiosk mode's own screen rendered offscreen to a PNG (as `shot` does for the home mode).
[[nodiscard]] int run_shot(const cli::ShotOptions& options, const cli::CommonOptions& common);

}  // namespace bfr::modes::kiosk
