#pragma once
// Commands: requests to the simulation, queued and applied at the start of the next tick.

#include <cstdint>

namespace bfr::session {

enum class CommandKind : std::uint8_t {
    ContractDown,   ///< The user started a contraction (key, button, touch or gamepad held down).
    ContractUp,     ///< The user released it.
    SetAutoTempo,   ///< value != 0: the virtual patient performs reps by itself at 2 s per rep.
    InjectLeak,     ///< Simulated cuff only: a leak of `value` % of pressure per 10 s (0: 20 %).
    InjectDropout,  ///< Simulated cuff only: the sensor goes silent for `value` s (0: 3 s).
};

struct Command {
    CommandKind kind = CommandKind::ContractDown;
    float value = 0.f;
};

}  // namespace bfr::session
