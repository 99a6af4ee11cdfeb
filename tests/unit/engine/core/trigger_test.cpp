#include <catch2/catch.hpp>

#include "engine/core/trigger.hpp"

using namespace bfr::core;

namespace {
constexpr Tick kLast = Trigger::kDisabled - 1;
}  // namespace

TEST_CASE("Trigger: default-constructed is disabled and inert", "[core][trigger]") {
    const Trigger t;
    STATIC_REQUIRE(Trigger{}.tick == Trigger::kDisabled);
    CHECK_FALSE(is_enabled(t));
    for (const Tick now : {Tick{0}, Tick{1}, Tick{1000}, kLast, Trigger::kDisabled}) {
        CHECK_FALSE(fired(t, now));
        CHECK(since(t, now) == 0);
        CHECK_FALSE(after(t, now, 0));
        CHECK_FALSE(after_once(t, now, 0));
        CHECK_FALSE(between(t, now, 0, ~Tick{0}));
        CHECK_FALSE(before(t, now, ~Tick{0}));
    }
}

TEST_CASE("Trigger: fired is true on exactly one tick", "[core][trigger]") {
    Trigger t;
    start_at(t, 100);
    CHECK(is_enabled(t));
    CHECK_FALSE(fired(t, 99));
    CHECK(fired(t, 100));
    CHECK_FALSE(fired(t, 101));
    int fires = 0;
    for (Tick now = 0; now < 1000; ++now) {
        fires += fired(t, now) ? 1 : 0;
    }
    CHECK(fires == 1);
}

TEST_CASE("Trigger: start_after counts from now", "[core][trigger]") {
    Trigger t;
    start_after(t, 40, 20);
    CHECK(t.tick == 60);
    CHECK(fired(t, 60));
    start_after(t, 40, 0);  // zero delay fires on the current tick
    CHECK(fired(t, 40));
}

TEST_CASE("Trigger: since counts ticks after firing, 0 before", "[core][trigger]") {
    Trigger t;
    start_at(t, 10);
    CHECK(since(t, 0) == 0);
    CHECK(since(t, 9) == 0);
    CHECK(since(t, 10) == 0);
    CHECK(since(t, 11) == 1);
    CHECK(since(t, 70) == 60);
    disable(t);
    CHECK_FALSE(is_enabled(t));
    CHECK(since(t, 70) == 0);
}

TEST_CASE("Trigger: after, after_once, between, before windows", "[core][trigger]") {
    Trigger t;
    start_at(t, 10);
    SECTION("after(ticks) is true from tick+ticks on") {
        CHECK_FALSE(after(t, 9, 0));  // not yet fired
        CHECK(after(t, 10, 0));
        CHECK_FALSE(after(t, 14, 5));
        CHECK(after(t, 15, 5));
        CHECK(after(t, 1'000'000, 5));
    }
    SECTION("after_once(ticks) is true only on tick+ticks") {
        CHECK_FALSE(after_once(t, 14, 5));
        CHECK(after_once(t, 15, 5));
        CHECK_FALSE(after_once(t, 16, 5));
        CHECK_FALSE(after_once(t, 5, 5));
    }
    SECTION("between(begin, end) is half-open [tick+begin, tick+end)") {
        CHECK_FALSE(between(t, 11, 2, 5));
        CHECK(between(t, 12, 2, 5));
        CHECK(between(t, 14, 2, 5));
        CHECK_FALSE(between(t, 15, 2, 5));
        CHECK_FALSE(between(t, 9, 0, 5));   // before the trigger tick
        CHECK_FALSE(between(t, 12, 5, 5));  // empty window
        CHECK_FALSE(between(t, 12, 5, 2));  // inverted window
    }
    SECTION("before(ticks) = fired less than ticks ago") {
        CHECK_FALSE(before(t, 9, 5));
        CHECK(before(t, 10, 5));
        CHECK(before(t, 14, 5));
        CHECK_FALSE(before(t, 15, 5));
        CHECK_FALSE(before(t, 10, 0));
    }
}

TEST_CASE("Trigger: no overflow near kDisabled", "[core][trigger]") {
    Trigger t;
    SECTION("start_after saturates to the last tick and stays enabled") {
        start_after(t, kLast - 5, 100);
        CHECK(t.tick == kLast);
        CHECK(is_enabled(t));
        start_after(t, 10, ~Tick{0});
        CHECK(t.tick == kLast);
        CHECK(is_enabled(t));
        start_after(t, kLast - 5, 5);  // exactly the last tick: no saturation needed
        CHECK(t.tick == kLast);
        start_after(t, kLast - 5, 4);
        CHECK(t.tick == kLast - 1);
        CHECK_FALSE(fired(t, 0));
    }
    SECTION("queries on a trigger at the last tick do not wrap") {
        start_at(t, kLast);
        // tick + 10 would wrap to 8: a wrapping implementation would say "after" at tick 8.
        CHECK_FALSE(after(t, 8, 10));
        CHECK_FALSE(between(t, 8, 0, 10));
        CHECK_FALSE(before(t, 8, 10));
        CHECK(since(t, 8) == 0);
        CHECK(fired(t, kLast));
        CHECK(after(t, kLast, 0));
        CHECK_FALSE(after(t, kLast, 1));
        CHECK(between(t, kLast, 0, ~Tick{0}));
    }
    SECTION("a trigger at tick 0 with huge windows") {
        start_at(t, 0);
        CHECK(since(t, kLast) == kLast);
        CHECK(after(t, kLast, kLast));
        CHECK_FALSE(after(t, kLast - 1, kLast));
        CHECK(between(t, kLast, kLast, ~Tick{0}));
    }
    SECTION("start_at(kDisabled) disables") {
        start_at(t, Trigger::kDisabled);
        CHECK_FALSE(is_enabled(t));
        CHECK_FALSE(fired(t, Trigger::kDisabled));
    }
}

TEST_CASE("Trigger: usable in constant expressions and comparable", "[core][trigger]") {
    constexpr Trigger t = [] {
        Trigger x;
        start_after(x, 5, 7);
        return x;
    }();
    STATIC_REQUIRE(t.tick == 12);
    STATIC_REQUIRE(fired(t, 12));
    STATIC_REQUIRE(between(t, 13, 1, 2));
    Trigger u;
    start_at(u, 12);
    CHECK(u == t);
    disable(u);
    CHECK(u != t);
    CHECK(u == Trigger{});
}
