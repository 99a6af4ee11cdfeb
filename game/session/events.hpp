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

}  // namespace bfr::session
