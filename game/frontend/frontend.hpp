#pragma once
// The windowed subcommands: `run` (the real-time window) and `shot` (offscreen PNG + timings).
// Both build the same session, scene and HUD; only the loop and the window differ.

#include "game/cli/cli.hpp"

#include <cstdint>

namespace bfr::frontend {

/// Opens the window and runs until the user quits. Returns the process exit status.
/// `quit_after_frames` > 0 stops after that many frames (tests, with SDL_VIDEODRIVER=offscreen).
[[nodiscard]] int run_window(const cli::RunOptions& options, const cli::CommonOptions& common,
                             std::uint64_t quit_after_frames = 0);

/// Renders `options.frames` frames offscreen, writes the PNG, prints the figures on stdout.
[[nodiscard]] int run_shot(const cli::ShotOptions& options, const cli::CommonOptions& common);

}  // namespace bfr::frontend
