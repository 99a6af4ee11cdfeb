#pragma once
// The speed budget's reference workload (the living-limb issue: the full scene with its HUD may
// cost at most 3x this): Dear ImGui's own demo window alone in a frame, rendered through the same
// ImGui + OpenGL 3 backends the program uses, timed the way app::run_fixed_frames times the scene.
// `bfr-coach shot` and bench/bench_imgui_demo both measure it, so the ratio is taken on the same
// machine in the same run.

#include <cstdint>
#include <vector>

namespace bfr::ui {

/// Renders `warmup` untimed then `frames` timed frames of ImGui's demo window (560 x 620 at
/// (40, 40), ImGui's dark style and built-in font) on a cleared `width` x `height` default
/// framebuffer, in a fresh ImGui context of its own (the caller's current ImGui context, if any,
/// is restored). Each frame is timed from the start of ImGui's frame to glFinish, then swapped.
/// `sdl_window` and `gl_context` are the SDL_Window* and its SDL_GLContext, already current.
/// Returns the frame times in milliseconds (empty if the backends could not start).
[[nodiscard]] std::vector<double> imgui_demo_frame_times(void* sdl_window, void* gl_context, int width, int height,
                                                         std::uint32_t frames, std::uint32_t warmup = 10);

}  // namespace bfr::ui
