#pragma once
// Helpers for the progress tests: sessions at local times. 2024-01-01 is a Monday.

#include "game/gamification/progress.hpp"

#include <cstdint>

namespace bfr::gamification::test {

/// Unix seconds of y-m-d hh:mm local time at `utc_offset_s`.
inline std::int64_t at(std::int32_t y, std::uint32_t m, std::uint32_t d, int hh, int mm, std::int32_t utc_offset_s = 0) {
    return unix_s_from_local(LocalDate{y, m, d}, hh, mm, utc_offset_s);
}

/// A completed session at `t` with the given numbers.
inline SessionRecord done(std::int64_t t, std::uint32_t reps = 75, double load_pct1rm = 30.0, double lop_mmHg = 160.0) {
    SessionRecord s;
    s.started_unix_s = t;
    s.completed = true;
    s.reps = reps;
    s.load_pct1rm = load_pct1rm;
    s.lop_mmHg = lop_mmHg;
    return s;
}

/// A session at `t` that was not completed.
inline SessionRecord abandoned(std::int64_t t) {
    SessionRecord s = done(t, 20);
    s.completed = false;
    return s;
}

}  // namespace bfr::gamification::test
