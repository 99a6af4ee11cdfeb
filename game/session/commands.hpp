#pragma once
// Commands: requests to the simulation, queued and applied at the start of the next tick.
//
// Two kinds. Device commands go to the telemetry feed (the simulated cuff obeys them; a recording
// ignores them). User commands (the patient's or therapist's choices: start, end a set, report
// discomfort, acknowledge an alarm) become `event` rows of the telemetry (UserEventFeed), so they
// are recorded with the session and a replay takes exactly the same decisions.

#include <cstdint>
#include <optional>
#include <string>

namespace bfr::session {

enum class CommandKind : std::uint8_t {
    ContractDown,   ///< The user started a contraction (key, button, touch or gamepad held down).
    ContractUp,     ///< The user released it.
    SetAutoTempo,   ///< value != 0: the virtual patient performs reps by itself at 2 s per rep.
    InjectLeak,     ///< Simulated cuff only: a leak of `value` % of pressure per 10 s (0: 20 %).
    InjectDropout,  ///< Simulated cuff only: the sensor goes silent for `value` s (0: 3 s).
    DeviceTarget,   ///< The cuff's target, `value` % of LOP; 0 deflates (the simulated cuff obeys).
    // User commands: recorded as events (user_event_text).
    StartSession,      ///< `command:start`: the guided session begins (the cuff inflates, then set 1).
    EndSet,            ///< `command:end_set`: the patient ends the current set (to failure, or gives up).
    SkipRest,          ///< `command:skip_rest`: the next set begins now.
    StopSession,       ///< `command:stop`: the session ends (the cuff deflates).
    ReportDiscomfort,  ///< `discomfort:N`, N = value (0..10).
    Acknowledge,       ///< `command:acknowledge:ID` (value = the alarm's id; < 0: all).
};

struct Command {
    CommandKind kind = CommandKind::ContractDown;
    float value = 0.f;
};

/// The telemetry event a user command is recorded as (interfaces.md §4 vocabulary); nullopt for
/// device and input commands.
[[nodiscard]] std::optional<std::string> user_event_text(const Command& command);

}  // namespace bfr::session
