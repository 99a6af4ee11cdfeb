#pragma once
// Tick triggers in the style of pacman.c: a Trigger remembers the tick at which something
// happens (or happened); the query functions compare it against the current tick. A trigger
// is plain data (copyable, trivially comparable), so it lives directly in components and state.
//
//     Trigger cuff_inflated;
//     start_after(cuff_inflated, now, ticks_from_seconds(2.0));
//     ...
//     if (fired(cuff_inflated, now)) { play_cue(); }
//     if (between(cuff_inflated, now, 0, 30)) { flash_gauge(); }
//
// All queries are false (since() is 0) for a disabled trigger and before the trigger tick.
// No query overflows, even for trigger ticks near kDisabled.

#include "engine/core/fwd.hpp"

namespace bfr::core {

/// A point on the tick time line, or disabled.
struct Trigger {
    /// The "never" tick: a trigger holding it is disabled.
    static constexpr Tick kDisabled = ~Tick{0};
    /// Tick at which the trigger fires; kDisabled when disabled.
    Tick tick = kDisabled;

    /// Two triggers are equal when they hold the same tick.
    friend constexpr bool operator==(const Trigger&, const Trigger&) noexcept = default;
};

/// Arms `t` to fire at tick `at` (which may be in the past). at == kDisabled disables it.
constexpr void start_at(Trigger& t, Tick at) noexcept {
    t.tick = at;
}

/// Arms `t` to fire `delay` ticks after `now` (delay 0 fires on `now`). If now + delay would
/// reach kDisabled the trigger is set to kDisabled - 1: enabled, but it never fires in practice.
constexpr void start_after(Trigger& t, Tick now, Tick delay) noexcept {
    constexpr Tick kLast = Trigger::kDisabled - 1;
    t.tick = (delay > kLast || now > kLast - delay) ? kLast : now + delay;
}

/// Disables `t`: every query becomes false / 0 until it is started again.
constexpr void disable(Trigger& t) noexcept {
    t.tick = Trigger::kDisabled;
}

/// True when `t` is armed (holds a tick other than kDisabled), whether or not it has fired.
[[nodiscard]] constexpr bool is_enabled(const Trigger& t) noexcept {
    return t.tick != Trigger::kDisabled;
}

/// True exactly on the tick `t` fires (now == t.tick); false when disabled.
[[nodiscard]] constexpr bool fired(const Trigger& t, Tick now) noexcept {
    return is_enabled(t) && now == t.tick;
}

/// Ticks elapsed since `t` fired (0 on the firing tick). 0 when disabled or not yet fired.
[[nodiscard]] constexpr Tick since(const Trigger& t, Tick now) noexcept {
    return (is_enabled(t) && now >= t.tick) ? now - t.tick : 0;
}

/// True when `t` is enabled and now >= t.tick + ticks (no overflow: false if that is beyond
/// the representable range).
[[nodiscard]] constexpr bool after(const Trigger& t, Tick now, Tick ticks) noexcept {
    return is_enabled(t) && now >= t.tick && now - t.tick >= ticks;
}

/// True on exactly one tick: when `t` is enabled and now == t.tick + ticks.
[[nodiscard]] constexpr bool after_once(const Trigger& t, Tick now, Tick ticks) noexcept {
    return is_enabled(t) && now >= t.tick && now - t.tick == ticks;
}

/// True when `t` is enabled and now lies in [t.tick + begin, t.tick + end). Empty (always
/// false) when begin >= end.
[[nodiscard]] constexpr bool between(const Trigger& t, Tick now, Tick begin, Tick end) noexcept {
    if (!is_enabled(t) || now < t.tick) {
        return false;
    }
    const Tick elapsed = now - t.tick;
    return elapsed >= begin && elapsed < end;
}

/// Same as between(t, now, 0, ticks): `t` has fired, less than `ticks` ticks ago.
/// False before the trigger tick and when disabled.
[[nodiscard]] constexpr bool before(const Trigger& t, Tick now, Tick ticks) noexcept {
    return between(t, now, 0, ticks);
}

}  // namespace bfr::core
