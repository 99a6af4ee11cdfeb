#pragma once
// Commands: requests to the simulation, queued and applied at the start of the next tick.

#include <cstdint>

namespace bfr::session {

enum class CommandKind : std::uint8_t {
    ContractDown,  ///< The user started a contraction (key, button, touch or gamepad held down).
    ContractUp,    ///< The user released it.
    SetAutoTempo,  ///< value != 0: the virtual patient performs reps by itself at 2 s per rep.
};

struct Command {
    CommandKind kind = CommandKind::ContractDown;
    float value = 0.f;
};

}  // namespace bfr::session
