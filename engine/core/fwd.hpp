#pragma once
// Forward declarations for engine/core. Include this in headers that only name core types;
// include the full header (time.hpp, trigger.hpp, event_queue.hpp, log.hpp) where they are used.

#include <cstdint>

namespace bfr::core {

/// Simulation tick index. Tick 0 is "before the first step"; the k-th step ends at tick_end_ns(k).
using Tick = std::uint64_t;
/// A duration or a point on the simulation time line, in integer nanoseconds.
using Nanos = std::int64_t;

class FixedStep;
struct Trigger;
template <class E>
class EventQueue;
template <class C>
class CommandQueue;

enum class LogLevel : std::uint8_t;
class ScopedLogSink;
class ScopedLogLevel;

}  // namespace bfr::core
