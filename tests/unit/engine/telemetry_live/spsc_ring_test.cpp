#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

#include "engine/telemetry/live/spsc_ring.hpp"

using bfr::telemetry::SpscRing;

TEST_CASE("SpscRing: capacity is rounded up to a power of two", "[telemetry_live][ring]") {
    CHECK(SpscRing<int>(0).capacity() == 2);
    CHECK(SpscRing<int>(2).capacity() == 2);
    CHECK(SpscRing<int>(3).capacity() == 4);
    CHECK(SpscRing<int>(1000).capacity() == 1024);
    CHECK(SpscRing<int>(1024).capacity() == 1024);
}

TEST_CASE("SpscRing: empty and full on one thread", "[telemetry_live][ring]") {
    SpscRing<int> ring(4);
    int out = -1;
    CHECK(ring.size_approx() == 0);
    CHECK_FALSE(ring.try_pop(out));
    CHECK(out == -1);
    for (int i = 0; i < 4; ++i) CHECK(ring.try_push(i));
    CHECK(ring.size_approx() == 4);
    CHECK_FALSE(ring.try_push(99));  // full: the newest item is refused
    CHECK(ring.size_approx() == 4);
    for (int i = 0; i < 4; ++i) {
        REQUIRE(ring.try_pop(out));
        CHECK(out == i);
    }
    CHECK_FALSE(ring.try_pop(out));
    CHECK(ring.size_approx() == 0);
}

TEST_CASE("SpscRing: order survives many wrap-arounds", "[telemetry_live][ring]") {
    SpscRing<std::uint64_t> ring(4);
    std::uint64_t next_in = 0;
    std::uint64_t next_out = 0;
    for (int round = 0; round < 1000; ++round) {
        const int pushes = 1 + round % 4;  // 1..4 items, then pop them all: indices wrap constantly
        for (int i = 0; i < pushes; ++i) REQUIRE(ring.try_push(next_in++));
        std::uint64_t out = 0;
        while (ring.try_pop(out)) REQUIRE(out == next_out++);
    }
    CHECK(next_out == next_in);
    CHECK(ring.size_approx() == 0);
}

TEST_CASE("SpscRing: two threads, 1e6 items, order kept and nothing lost", "[telemetry_live][ring][threads]") {
    constexpr std::uint64_t kItems = 1'000'000;
    SpscRing<std::uint64_t> ring(1024);
    std::thread producer([&] {
        for (std::uint64_t i = 0; i < kItems; ++i) {
            while (!ring.try_push(i)) std::this_thread::yield();  // this test's producer waits for room
        }
    });
    std::uint64_t expected = 0;
    bool in_order = true;
    while (expected < kItems) {
        std::uint64_t out = 0;
        if (!ring.try_pop(out)) {
            std::this_thread::yield();
            continue;
        }
        in_order = in_order && out == expected;
        ++expected;
    }
    producer.join();
    CHECK(in_order);
    CHECK(expected == kItems);
    CHECK(ring.size_approx() == 0);
}

TEST_CASE("SpscRing: a ring that never fills loses nothing without retries", "[telemetry_live][ring][threads]") {
    constexpr std::uint64_t kItems = 1'000'000;
    SpscRing<std::uint64_t> ring(kItems);
    std::atomic<std::uint64_t> refused{0};
    std::thread producer([&] {
        for (std::uint64_t i = 0; i < kItems; ++i) {
            if (!ring.try_push(i)) refused.fetch_add(1, std::memory_order_relaxed);
        }
    });
    std::uint64_t expected = 0;
    bool in_order = true;
    while (expected < kItems) {
        std::uint64_t out = 0;
        if (!ring.try_pop(out)) {
            std::this_thread::yield();
            continue;
        }
        in_order = in_order && out == expected;
        ++expected;
    }
    producer.join();
    CHECK(refused.load() == 0);
    CHECK(in_order);
}

TEST_CASE("SpscRing: a slow consumer makes the producer drop, never wait", "[telemetry_live][ring][threads]") {
    constexpr std::uint64_t kItems = 1'000'000;
    SpscRing<std::uint64_t> ring(64);
    std::atomic<bool> producer_done{false};
    std::uint64_t accepted = 0;
    std::uint64_t overflows = 0;
    std::thread producer([&] {
        for (std::uint64_t i = 0; i < kItems; ++i) {
            if (ring.try_push(i)) {
                ++accepted;
            } else {
                ++overflows;  // counted and dropped; the producer moves on at once
            }
        }
        producer_done.store(true, std::memory_order_release);
    });
    std::vector<std::uint64_t> received;
    received.reserve(kItems);
    for (;;) {
        const bool done = producer_done.load(std::memory_order_acquire);
        std::uint64_t out = 0;
        int popped = 0;
        while (popped < 16 && ring.try_pop(out)) {
            received.push_back(out);
            ++popped;
        }
        if (done && popped == 0 && ring.size_approx() == 0) break;
        std::this_thread::sleep_for(std::chrono::microseconds{200});  // the slow consumer
    }
    producer.join();
    CHECK(overflows > 0);
    CHECK(accepted + overflows == kItems);
    CHECK(received.size() == accepted);
    bool increasing = true;
    for (std::size_t i = 1; i < received.size(); ++i) increasing = increasing && received[i] > received[i - 1];
    CHECK(increasing);
}
