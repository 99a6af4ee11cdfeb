#pragma once
// The soak's verdict, shared by the short soak among the unit tests and the 24-hour one.

#include "kiosk_soak.hpp"

#include <catch2/catch.hpp>

namespace bfr::modes::kiosk::test {

inline void check_soak(const SoakReport& r) {
    INFO(r.summary());
    REQUIRE_FALSE(r.exited);
    REQUIRE(r.by_hour.size() >= 2);
    // Every kind of visitor came, and the flow went every way.
    for (std::size_t k = 0; k < r.visits_by_kind.size(); ++k) CHECK(r.visits_by_kind[k] > 0);
    CHECK(r.counters.rounds_completed > 0);
    CHECK(r.counters.rounds_timed_out > 0);
    CHECK(r.counters.still_there > 0);
    CHECK(r.counters.resumed > 0);
    CHECK(r.counters.abandoned > 0);
    CHECK(r.counters.attract_cycles > 10);
    // Nothing grows: the heap at the start of an attract cycle, hour after hour, and every
    // container of the sessions and the runtime.
    const SoakHour& first = r.by_hour.front();
    REQUIRE(first.cycle_starts > 0);
    for (std::size_t h = 0; h < r.by_hour.size(); ++h) {
        const SoakHour& x = r.by_hour[h];
        INFO("hour " << h + 1);
        CHECK(x.cycle_starts > 0);
        CHECK(x.heap_max <= first.heap_max + kSoakHeapSlackBytes);
        CHECK(x.entities_max == 1);
        CHECK(x.rep_log_max <= 200);  // a session lives minutes: its log is a round's
        CHECK(x.protocol_log_max == 0);
        CHECK(x.batch_capacity_max <= 64);
    }
    CHECK(r.by_hour.back().heap_max <= first.heap_max + kSoakHeapSlackBytes);
    CHECK(r.pending_sounds_max <= kMaxPendingSounds);
    CHECK(r.view_capacity_max <= 1024);
}

}  // namespace bfr::modes::kiosk::test
