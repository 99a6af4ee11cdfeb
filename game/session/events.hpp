#pragma once
// Events: facts about a tick, queued by systems and drained once at the end of the tick.

#include "engine/core/time.hpp"

#include <cstdint>

namespace bfr::session {

/// The virtual patient completed a repetition (reached the top of its range of motion).
struct RepPerformed {
    std::uint32_t rep_index = 0;  ///< 1-based.
    core::Tick tick = 0;
};

/// The rep counter (game/reps) committed a rep from the telemetry.
struct RepCounted {
    std::uint32_t rep_index = 0;  ///< 1-based.
    std::int64_t start_ns = 0;    ///< When its contraction began (sample time).
    std::int64_t commit_ns = 0;   ///< When the counter committed it (sample time).
    core::Tick tick = 0;          ///< The tick that delivered the committing sample (0: at the end of the stream).
};

}  // namespace bfr::session
