#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>

#include "engine/core/time.hpp"

using namespace bfr::core;

TEST_CASE("tick_end_ns is k*1e9/60 exactly", "[core][time]") {
    STATIC_REQUIRE(tick_end_ns(0) == 0);
    STATIC_REQUIRE(tick_end_ns(1) == 16'666'666);
    STATIC_REQUIRE(tick_end_ns(2) == 33'333'333);
    STATIC_REQUIRE(tick_end_ns(3) == 50'000'000);
    STATIC_REQUIRE(tick_end_ns(60) == 1'000'000'000);
    CHECK(tick_end_ns(61) == 1'016'666'666);
    CHECK(tick_end_ns(3600 * 60) == 3'600'000'000'000);  // one hour, no drift
    // Every tick is 16'666'666 or 16'666'667 ns long, and every 60 ticks are exactly 1 s.
    for (Tick k = 0; k < 600; ++k) {
        const Nanos step = tick_end_ns(k + 1) - tick_end_ns(k);
        REQUIRE((step == 16'666'666 || step == 16'666'667));
        REQUIRE(tick_end_ns(k + 60) - tick_end_ns(k) == 1'000'000'000);
    }
}

TEST_CASE("tick_end_ns does not overflow for huge ticks", "[core][time]") {
    CHECK(tick_end_ns(100'000'000'000) == 1'666'666'666'666'666'666);  // 1e11 ticks
    // 1e11+1 ticks: the split arithmetic keeps the low part exact.
    CHECK(tick_end_ns(100'000'000'001) == 1'666'666'666'683'333'333);
    // kMaxTick is the last tick whose end fits in int64 ns; it is computed exactly.
    CHECK(tick_end_ns(kMaxTick) == 9'223'372'036'850'000'000);
    CHECK(tick_end_ns(kMaxTick) < std::numeric_limits<Nanos>::max());
    // 1e12 ticks is 1.67e19 ns, beyond int64: saturates instead of wrapping negative.
    CHECK(tick_end_ns(1'000'000'000'000) == std::numeric_limits<Nanos>::max());
    CHECK(tick_end_ns(kMaxTick + 1) == std::numeric_limits<Nanos>::max());
    CHECK(tick_end_ns(~Tick{0}) == std::numeric_limits<Nanos>::max());
}

TEST_CASE("tick_at_ns: a time exactly at a tick end belongs to that tick", "[core][time]") {
    STATIC_REQUIRE(tick_at_ns(0) == 0);
    CHECK(tick_at_ns(-5) == 0);
    CHECK(tick_at_ns(std::numeric_limits<Nanos>::min()) == 0);
    CHECK(tick_at_ns(1) == 1);
    CHECK(tick_at_ns(16'666'666) == 1);
    CHECK(tick_at_ns(16'666'667) == 2);
    CHECK(tick_at_ns(33'333'333) == 2);
    CHECK(tick_at_ns(33'333'334) == 3);
    CHECK(tick_at_ns(1'000'000'000) == 60);
    CHECK(tick_at_ns(1'000'000'001) == 61);
    CHECK(tick_at_ns(tick_end_ns(100'000'000'000)) == 100'000'000'000);
    CHECK(tick_at_ns(tick_end_ns(100'000'000'000) + 1) == 100'000'000'001);
    // Contract: tick_end_ns(k-1) < t <= tick_end_ns(k), checked around many tick ends.
    for (Tick k = 1; k < 400; ++k) {
        const Nanos end = tick_end_ns(k);
        REQUIRE(tick_at_ns(end) == k);
        REQUIRE(tick_at_ns(end - 1) == (end - 1 > tick_end_ns(k - 1) ? k : k - 1));
        REQUIRE(tick_at_ns(end + 1) == k + 1);
    }
    // The largest time maps to the first tick whose (saturated) end reaches it.
    const Tick last = tick_at_ns(std::numeric_limits<Nanos>::max());
    CHECK(last == kMaxTick + 1);
    CHECK(tick_end_ns(last - 1) < std::numeric_limits<Nanos>::max());
}

TEST_CASE("ticks_from_seconds rounds, clamps and rejects NaN", "[core][time]") {
    CHECK(ticks_from_seconds(1.0) == 60);
    CHECK(ticks_from_seconds(0.5) == 30);
    CHECK(ticks_from_seconds(2.5) == 150);
    CHECK(ticks_from_seconds(1.0 / 120.0) == 1);  // half a tick rounds up
    CHECK(ticks_from_seconds(0.49 / 60.0) == 0);  // below half a tick rounds down
    CHECK(ticks_from_seconds(0.51 / 60.0) == 1);
    CHECK(ticks_from_seconds(0.0) == 0);
    CHECK(ticks_from_seconds(-3.0) == 0);
    CHECK(ticks_from_seconds(std::nan("")) == 0);
    CHECK(ticks_from_seconds(-std::numeric_limits<double>::infinity()) == 0);
    CHECK(ticks_from_seconds(std::numeric_limits<double>::infinity()) == kMaxTick);
    CHECK(ticks_from_seconds(1e300) == kMaxTick);
    CHECK(seconds_from_ticks(90) == 1.5);
    CHECK(seconds_from_ticks(ticks_from_seconds(12.25)) == Approx(12.25).margin(1.0 / 120.0));
    CHECK(seconds_from_ns(1'500'000'000) == 1.5);
}

TEST_CASE("FixedStep: any split of exactly one second gives exactly 60 ticks", "[core][time]") {
    auto run = [](Nanos frame_ns, int frames) {
        FixedStep fs;
        int steps = 0;
        for (int i = 0; i < frames; ++i) {
            fs.advance(frame_ns);
            while (fs.step_due()) {
                const Tick before = fs.tick();
                REQUIRE(fs.consume_step() == before + 1);
                ++steps;
            }
        }
        CHECK(fs.tick() == 60);
        CHECK(steps == 60);
        CHECK_FALSE(fs.step_due());
        CHECK(fs.alpha() == 0.0f);
        CHECK(fs.sim_time_ns() == 1'000'000'000);
        CHECK(fs.accumulated_ns() == 1'000'000'000);
        CHECK(fs.clamped_frames() == 0);
    };
    SECTION("1000 x 1 ms") {
        run(1'000'000, 1000);
    }
    SECTION("1'000'000 x 1 us") {
        run(1'000, 1'000'000);
    }
    SECTION("8 x 125 ms") {
        run(125'000'000, 8);
    }
    SECTION("144 Hz: 125 x 8 ms") {
        run(8'000'000, 125);
    }
    SECTION("single 1 s frame with a 1 s clamp") {
        FixedStep fs{1'000'000'000};
        fs.advance(1'000'000'000);
        int steps = 0;
        while (fs.step_due()) {
            fs.consume_step();
            ++steps;
        }
        CHECK(steps == 60);
        CHECK(fs.clamped_frames() == 0);
    }
}

TEST_CASE("FixedStep: 60 frames of 16'666'667 ns overshoot by 20 ns only", "[core][time]") {
    FixedStep fs;
    for (int i = 0; i < 60; ++i) {
        fs.advance(16'666'667);
        while (fs.step_due()) {
            fs.consume_step();
        }
        // Each frame of >= one tick length makes exactly one tick due (never 0, never 2).
        REQUIRE(fs.tick() == static_cast<Tick>(i + 1));
    }
    CHECK(fs.accumulated_ns() == 1'000'000'020);
    CHECK(fs.tick() == 60);
}

TEST_CASE("FixedStep: a 10 s hitch is clamped to 250 ms = 15 ticks", "[core][time]") {
    FixedStep fs;
    fs.advance(10'000'000'000);
    CHECK(fs.clamped_frames() == 1);
    CHECK(fs.accumulated_ns() == kMaxFrameNs);
    int steps = 0;
    while (fs.step_due()) {
        fs.consume_step();
        ++steps;
    }
    CHECK(steps == 15);
    CHECK(fs.tick() == 15);
    CHECK(fs.alpha() == 0.0f);  // 250 ms = 15 * 1/60 s exactly
    fs.advance(kMaxFrameNs);    // exactly at the limit: not clamped
    CHECK(fs.clamped_frames() == 1);
    fs.advance(kMaxFrameNs + 1);
    CHECK(fs.clamped_frames() == 2);
}

TEST_CASE("FixedStep: negative and zero frames are ignored", "[core][time]") {
    FixedStep fs;
    fs.advance(10'000'000);
    fs.advance(-5'000'000'000);
    fs.advance(0);
    fs.advance(std::numeric_limits<Nanos>::min());
    CHECK(fs.accumulated_ns() == 10'000'000);
    CHECK(fs.clamped_frames() == 0);
    CHECK_FALSE(fs.step_due());
}

TEST_CASE("FixedStep: alpha grows monotonically within a tick and stays within 0..1", "[core][time]") {
    FixedStep fs;
    float previous = -1.0f;
    for (int i = 0; i < 16; ++i) {  // 16 ms: still inside tick 1
        fs.advance(1'000'000);
        REQUIRE_FALSE(fs.step_due());
        const float a = fs.alpha();
        REQUIRE(a > previous);
        REQUIRE(a >= 0.0f);
        REQUIRE(a < 1.0f);
        previous = a;
    }
    CHECK(fs.alpha() == Approx(16.0 / 16.666666).epsilon(1e-6));
    fs.advance(666'666);  // exactly tick_end_ns(1)
    REQUIRE(fs.step_due());
    CHECK(fs.alpha() < 1.0f);  // clamped while a step is pending
    fs.consume_step();
    CHECK(fs.alpha() == 0.0f);
    fs.advance(1);  // 1 ns into tick 2
    CHECK(fs.alpha() > 0.0f);
    CHECK(fs.alpha() < 1e-6f);
    // One ns before the end of tick 2: alpha just below 1, but representably below 1.
    fs.advance(tick_end_ns(2) - tick_end_ns(1) - 2);
    REQUIRE_FALSE(fs.step_due());
    CHECK(fs.alpha() < 1.0f);
    CHECK(fs.alpha() > 0.99999f);
}

TEST_CASE("FixedStep: unconsumed steps pile up and reset starts over", "[core][time]") {
    FixedStep fs;
    for (int i = 0; i < 10; ++i) {
        fs.advance(100'000'000);  // 1 s total, nobody consumes
    }
    int due = 0;
    while (fs.step_due()) {
        fs.consume_step();
        ++due;
    }
    CHECK(due == 60);
    fs.advance(10'000'000'000);
    fs.reset();
    CHECK(fs.tick() == 0);
    CHECK(fs.accumulated_ns() == 0);
    CHECK(fs.clamped_frames() == 0);
    CHECK(fs.sim_time_ns() == 0);
    CHECK(fs.max_frame_ns() == kMaxFrameNs);
    CHECK_FALSE(fs.step_due());
}

TEST_CASE("FixedStep: a one-hour session of jittery frames never drifts", "[core][time]") {
    FixedStep fs;
    // Deterministic jitter: frames cycle through 7, 16, 17, 33 and 1 ms plus odd nanoseconds.
    constexpr Nanos kFrames[] = {7'000'003, 16'000'001, 17'000'000, 33'333'333, 1'000'000};
    Nanos fed_ns = 0;
    std::size_t i = 0;
    while (fed_ns < 3600 * kNanosPerSecond) {
        const Nanos f = kFrames[i++ % std::size(kFrames)];
        fs.advance(f);
        fed_ns += f;
        while (fs.step_due()) {
            fs.consume_step();
        }
        REQUIRE(fs.sim_time_ns() <= fed_ns);
        REQUIRE(fed_ns - fs.sim_time_ns() < 16'666'667);
    }
    CHECK(fs.tick() == tick_at_ns(fed_ns + 1) - 1);
    CHECK(fs.accumulated_ns() == fed_ns);
}
