#pragma once
// The windowed subcommands: `run` (the real-time window) and `shot` (offscreen PNG + timings).
// Both build the same session, scene and HUD; only the loop and the window differ.

#include "game/cli/cli.hpp"

#include <cstdint>

namespace bfr::frontend {

/// Opens the window and runs until the user quits (window close, Esc, SIGINT/SIGTERM). Returns
/// the process exit status: 0, or 3 when no window can open (no display, no GL 3.3).
[[nodiscard]] int run_window(const cli::RunOptions& options, const cli::CommonOptions& common);

/// Renders `options.frames` frames offscreen, writes the PNG, prints the figures on stdout.
/// Returns 0, 3 when nothing can be rendered or written, or 128 + signal when interrupted.
[[nodiscard]] int run_shot(const cli::ShotOptions& options, const cli::CommonOptions& common);

}  // namespace bfr::frontend
