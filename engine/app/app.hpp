#pragma once
// The loop: pump input -> fixed 60 Hz ticks -> draw with an interpolation alpha -> present.
// The only wall-clock reads of the program live in app.cpp (and in the shot's frame timer,
// which measures but never drives simulation time).

#include "engine/core/time.hpp"
#include "engine/platform/platform.hpp"

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace bfr::app {

/// What the loop drives; the composition root implements it.
class LoopClient {
public:
    virtual ~LoopClient() = default;
    /// This frame's input events (the UI already took what it wanted). Return false to stop.
    virtual bool handle_input(std::span<const platform::InputEvent> events) = 0;
    /// Advances the simulation by exactly one tick (1/60 s). The client owns its tick counter.
    virtual void step() = 0;
    /// Draws one frame. `alpha` in [0,1] blends the previous tick (0) into the current one (1).
    /// `frame_dt_s` is the duration of the frame for UI animation only.
    virtual void draw_frame(float alpha, float frame_dt_s) = 0;
};

/// Monotonic time source in nanoseconds. Real runs use the steady clock; tests inject one.
using NowFn = std::function<core::Nanos()>;

/// The steady clock in nanoseconds: the program's one wall clock.
[[nodiscard]] core::Nanos steady_now_ns();

/// Options of the real-time loop.
struct LoopConfig {
    core::Nanos max_frame_ns = core::kMaxFrameNs;  ///< Longer frames are clamped (spiral-of-death guard).
    int max_fps = 240;                             ///< Sleep to stay under this when vsync is off (0 = never sleep).
    std::uint64_t max_frames = 0;                  ///< Stop after this many frames (0 = until asked to stop).
};

/// What a loop did.
struct LoopStats {
    std::uint64_t frames = 0;
    std::uint64_t ticks = 0;
    std::uint64_t clamped_frames = 0;
};

/// Runs frames in real time until the client's handle_input returns false (or max_frames).
LoopStats run_realtime(platform::Window& window, LoopClient& client, const LoopConfig& config,
                       const NowFn& now = steady_now_ns);

/// Per-frame timings and their summary, in milliseconds.
struct FrameTimings {
    std::vector<double> frame_ms;
    double mean_ms = 0.0;
    double p99_ms = 0.0;
    bool interrupted = false;  ///< The client stopped the run (e.g. SIGINT) before the last frame.
};

/// Mean and 99th percentile (nearest-rank) of `frame_ms`; zeros when empty.
[[nodiscard]] FrameTimings summarize_frame_times(std::vector<double> frame_ms);

/// Runs `frames` frames for a shot: each frame advances one tick (simulation time is
/// frame × 1/60 s, independent of the wall clock) and draws with alpha 1. One untimed warm-up
/// draw comes first (no tick), so shader compilation and font upload are not counted and the UI
/// has laid itself out. `before_present` runs after the last frame is drawn and before it is
/// presented (capture it there). Each frame's time (input, tick, draw, and whatever
/// `draw_frame` waits for) is measured with the steady clock. Stops early, with `interrupted`
/// set and without calling `before_present`, when the client's handle_input returns false.
FrameTimings run_fixed_frames(platform::Window& window, LoopClient& client, std::uint32_t frames,
                              const std::function<void()>& before_present, const NowFn& now = steady_now_ns);

}  // namespace bfr::app
