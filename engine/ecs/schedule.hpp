#pragma once
// Schedule: the per-tick system list, written by the game as ONE table read top to bottom
// (flecs-style phases):
//
//   constexpr bfr::ecs::SystemDesc kSystems[] = {
//       {Phase::PreTick,  "advance_clock",  &advance_clock},
//       {Phase::Ingest,   "read_sensors",   &read_sensors},
//       {Phase::Simulate, "integrate",      &integrate},
//       {Phase::Validate, "check_limits",   &check_limits},
//       {Phase::Post,     "emit_events",    &emit_events},
//       {Phase::PreRender,"build_overlays", &build_overlays},
//   };
//   bfr::ecs::Schedule schedule{kSystems};
//   schedule.run(world, tick_context);   // every enabled system, in table order
//
// The table must list phases in non-decreasing order, so the order you read is the order that
// runs; there is no hidden sorting, no dependency graph, no threads.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ecs/fwd.hpp"

namespace bfr::ecs {

/// Coarse stages of one tick, in execution order. Generic on purpose (no domain words).
enum class Phase : std::uint8_t {
    PreTick,    ///< Bookkeeping before anything reads input (clocks, per-tick resets).
    Ingest,     ///< Bring outside data in (input, sensors, messages).
    Simulate,   ///< Advance the state.
    Validate,   ///< Check the new state (limits, invariants, safety rules).
    Post,       ///< React to the tick's outcome (events, logs, persistence).
    PreRender,  ///< Prepare what the renderer will read (no drawing here).
};

/// Number of Phase values.
inline constexpr std::size_t kPhaseCount = 6;

/// What every system receives besides the World: which tick this is and its timing.
struct TickContext {
    std::uint64_t tick = 0;        ///< Tick number (monotonic, starts wherever the caller starts).
    std::int64_t tick_end_ns = 0;  ///< Simulated time at the end of this tick, in nanoseconds.
    std::int64_t tick_ns = 0;      ///< Length of one tick, in nanoseconds.
};

/// A system: a plain free function (no captures; state lives in the World or its ctx()).
using SystemFn = void (*)(World&, const TickContext&);

/// One row of the schedule table. `name` must outlive the Schedule (use string literals).
struct SystemDesc {
    Phase phase;       ///< When it runs.
    const char* name;  ///< Unique, non-empty; used by set_enabled() and describe().
    SystemFn fn;       ///< Non-null.
};

/// An ordered, validated list of systems with per-system enable flags.
class Schedule {
public:
    /// Copies and validates the table. Throws std::invalid_argument (message naming the offending
    /// row) if a phase is out of range or lower than the previous row's, a name is null, empty or
    /// repeated, or a fn is null. Every system starts enabled. An empty table is valid.
    explicit Schedule(std::span<const SystemDesc> table);

    /// Runs every enabled system once, in table order. An exception thrown by a system propagates
    /// and the remaining systems of this tick do not run.
    void run(World& world, const TickContext& tick) const;

    /// Runs the enabled systems of one phase only, in table order (for tools and tests).
    void run_phase(Phase phase, World& world, const TickContext& tick) const;

    /// Switches the named system on or off. Returns false (and changes nothing) if no system has
    /// that name.
    bool set_enabled(std::string_view name, bool enabled) noexcept;

    /// True when the named system exists and is enabled.
    [[nodiscard]] bool is_enabled(std::string_view name) const noexcept;

    /// Number of systems (enabled or not).
    [[nodiscard]] std::size_t size() const noexcept { return systems_.size(); }

    /// The table, in order, as given to the constructor.
    [[nodiscard]] std::span<const SystemDesc> systems() const noexcept { return systems_; }

    /// The table as text, one line per system: "<phase> <name> <on|off>", columns aligned, each
    /// line ending in '\n'. For logs and docs.
    [[nodiscard]] std::string describe() const;

    /// The enumerator's name ("PreTick", ...), or "?" for an out-of-range value.
    [[nodiscard]] static std::string_view phase_name(Phase phase) noexcept;

private:
    [[nodiscard]] std::size_t index_of(std::string_view name) const noexcept;

    std::vector<SystemDesc> systems_;
    std::vector<std::uint8_t> enabled_;  ///< 1 = enabled, parallel to systems_
};

}  // namespace bfr::ecs
