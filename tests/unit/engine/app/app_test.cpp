#include "engine/app/app.hpp"

#include <catch2/catch.hpp>

#include <deque>

using namespace bfr;

namespace {

/// A window that replays scripted events and counts swaps.
class FakeWindow final : public platform::Window {
public:
    std::deque<std::vector<platform::InputEvent>> script;
    int swaps = 0;
    bool vsync_on = true;
    void pump_events(std::vector<platform::InputEvent>& out) override {
        if (script.empty()) return;
        for (const auto& e : script.front()) out.push_back(e);
        script.pop_front();
    }
    void swap() override { ++swaps; }
    int drawable_width() const override { return 640; }
    int drawable_height() const override { return 360; }
    void set_fullscreen(bool) override {}
    bool fullscreen() const override { return false; }
    bool set_vsync(bool on) override {
        vsync_on = on;
        return true;
    }
    bool vsync() const override { return vsync_on; }
    void set_native_event_hook(platform::NativeEventHook) override {}
    void* native_window() const override { return nullptr; }
    void* native_gl_context() const override { return nullptr; }
    std::string video_driver() const override { return "fake"; }
    std::string gl_description() const override { return "fake"; }
};

class CountingClient final : public app::LoopClient {
public:
    int steps = 0;
    int frames = 0;
    std::vector<float> alphas;
    int quit_after_frames = -1;
    bool saw_quit_event = false;
    bool handle_input(std::span<const platform::InputEvent> events) override {
        for (const auto& e : events) {
            if (e.kind == platform::InputEvent::Kind::QuitRequested) saw_quit_event = true;
        }
        return !saw_quit_event && frames != quit_after_frames;
    }
    void step() override { ++steps; }
    void draw_frame(float alpha, float) override {
        ++frames;
        alphas.push_back(alpha);
    }
};

}  // namespace

TEST_CASE("real-time loop: 10 ms frames give 60 ticks per simulated second", "[app]") {
    FakeWindow window;
    CountingClient client;
    core::Nanos fake_now = 0;
    app::LoopConfig config;
    config.max_frames = 100;
    config.max_fps = 0;
    const auto stats = app::run_realtime(window, client, config, [&] {
        const auto t = fake_now;
        fake_now += 10'000'000;  // the loop reads the clock once per frame: 10 ms frames
        return t;
    });
    CHECK(stats.frames == 100);
    CHECK(window.swaps == 100);
    CHECK(client.frames == 100);
    // 100 frames x 10 ms = 1 s => exactly 60 ticks (the first frame measures from the start).
    CHECK(client.steps == 60);
    CHECK(stats.ticks == 60);
    for (const float a : client.alphas) {
        CHECK(a >= 0.f);
        CHECK(a < 1.f);
    }
}

TEST_CASE("real-time loop: a 5 s stall is clamped to 250 ms = 15 ticks", "[app]") {
    FakeWindow window;
    CountingClient client;
    app::LoopConfig config;
    config.max_frames = 1;
    config.max_fps = 0;
    int reads = 0;
    const auto stats = app::run_realtime(window, client, config, [&]() -> core::Nanos {
        return reads++ == 0 ? 0 : 5'000'000'000;  // start, then 5 s later
    });
    CHECK(client.steps == 15);
    CHECK(stats.clamped_frames == 1);
}

TEST_CASE("real-time loop stops when the client says so (e.g. a quit request)", "[app]") {
    FakeWindow window;
    platform::InputEvent quit;
    quit.kind = platform::InputEvent::Kind::QuitRequested;
    window.script = {{}, {}, {quit}};
    CountingClient client;
    app::LoopConfig config;
    config.max_fps = 0;
    core::Nanos t = 0;
    const auto stats = app::run_realtime(window, client, config, [&] { return t += 1'000'000; });
    CHECK(client.saw_quit_event);
    CHECK(stats.frames == 2);
}

TEST_CASE("fixed frames: one tick per frame, alpha 1, capture before the last present", "[app]") {
    FakeWindow window;
    CountingClient client;
    int captures = 0;
    int swaps_at_capture = -1;
    core::Nanos t = 0;
    const auto timings = app::run_fixed_frames(
        window, client, 7,
        [&] {
            ++captures;
            swaps_at_capture = window.swaps;
        },
        [&] { return t += 2'000'000; });
    CHECK(client.steps == 7);
    CHECK(client.frames == 8);  // one untimed warm-up draw, then 7 frames
    CHECK(captures == 1);
    CHECK(swaps_at_capture == 7);
    CHECK(window.swaps == 8);
    CHECK_FALSE(timings.interrupted);
    for (const float a : client.alphas) CHECK(a == 1.f);
    REQUIRE(timings.frame_ms.size() == 7);
    CHECK(timings.mean_ms == Approx(2.0));
}

TEST_CASE("fixed frames stop early, without capturing, when the client says stop", "[app]") {
    FakeWindow window;
    platform::InputEvent quit;
    quit.kind = platform::InputEvent::Kind::QuitRequested;
    window.script = {{}, {}, {quit}};
    CountingClient client;
    int captures = 0;
    core::Nanos t = 0;
    const auto timings = app::run_fixed_frames(
        window, client, 100, [&] { ++captures; }, [&] { return t += 1'000'000; });
    CHECK(timings.interrupted);
    CHECK(client.steps == 2);
    CHECK(timings.frame_ms.size() == 2);
    CHECK(captures == 0);
}

TEST_CASE("frame time summary: mean and nearest-rank p99", "[app]") {
    std::vector<double> ms(100, 10.0);
    ms[42] = 50.0;
    auto t = app::summarize_frame_times(ms);
    CHECK(t.mean_ms == Approx(10.4));
    CHECK(t.p99_ms == Approx(10.0));  // rank 99 of 100 is still 10 ms
    ms[7] = 40.0;
    t = app::summarize_frame_times(ms);
    CHECK(t.p99_ms == Approx(40.0));
    CHECK(app::summarize_frame_times({}).p99_ms == 0.0);
    CHECK(app::summarize_frame_times({3.0}).p99_ms == 3.0);
}
