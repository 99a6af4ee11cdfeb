#include "engine/app/app.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <thread>

namespace bfr::app {

core::Nanos steady_now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

LoopStats run_realtime(platform::Window& window, LoopClient& client, const LoopConfig& config, const NowFn& now) {
    core::FixedStep clock{config.max_frame_ns};
    std::vector<platform::InputEvent> events;
    LoopStats stats;
    core::Nanos previous = now();
    const core::Nanos min_frame_ns = config.max_fps > 0 ? 1'000'000'000 / config.max_fps : 0;
    for (;;) {
        events.clear();
        window.pump_events(events);
        if (!client.handle_input(events)) break;

        const core::Nanos current = now();
        const core::Nanos frame_ns = current - previous;
        previous = current;
        clock.advance(frame_ns);
        while (clock.step_due()) {
            (void)clock.consume_step();
            client.step();
            ++stats.ticks;
        }
        client.draw_frame(clock.alpha(), static_cast<float>(std::min(frame_ns, config.max_frame_ns)) * 1e-9f);
        window.swap();
        ++stats.frames;
        if (config.max_frames != 0 && stats.frames >= config.max_frames) break;

        if (min_frame_ns > 0 && !window.vsync()) {
            const core::Nanos spent = now() - current;
            if (spent < min_frame_ns) std::this_thread::sleep_for(std::chrono::nanoseconds(min_frame_ns - spent));
        }
    }
    stats.clamped_frames = clock.clamped_frames();
    return stats;
}

FrameTimings summarize_frame_times(std::vector<double> frame_ms) {
    FrameTimings t;
    t.frame_ms = std::move(frame_ms);
    if (t.frame_ms.empty()) return t;
    t.mean_ms = std::accumulate(t.frame_ms.begin(), t.frame_ms.end(), 0.0) / static_cast<double>(t.frame_ms.size());
    std::vector<double> sorted = t.frame_ms;
    std::sort(sorted.begin(), sorted.end());
    // Nearest-rank percentile: the smallest value with at least 99 % of samples at or below it.
    const auto rank = static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(sorted.size())));
    t.p99_ms = sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
    return t;
}

FrameTimings run_fixed_frames(platform::Window& window, LoopClient& client, std::uint32_t frames,
                              const std::function<void()>& before_present, const NowFn& now) {
    std::vector<double> frame_ms;
    frame_ms.reserve(frames);
    std::vector<platform::InputEvent> events;
    constexpr float kTickS = 1.f / static_cast<float>(core::kTickHz);
    client.draw_frame(1.f, kTickS);  // warm-up, untimed: shaders, font atlas, UI layout
    window.swap();
    for (std::uint32_t frame = 1; frame <= frames; ++frame) {
        const core::Nanos start = now();
        events.clear();
        window.pump_events(events);
        if (!client.handle_input(events)) {
            FrameTimings stopped = summarize_frame_times(std::move(frame_ms));
            stopped.interrupted = true;
            return stopped;
        }
        client.step();
        client.draw_frame(1.f, kTickS);
        frame_ms.push_back(static_cast<double>(now() - start) * 1e-6);
        if (frame == frames && before_present) before_present();
        window.swap();
    }
    return summarize_frame_times(std::move(frame_ms));
}

}  // namespace bfr::app
