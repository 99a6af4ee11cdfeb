#pragma once
// What the safety monitor reports: alarms (a rule broken: the patient must act) and notices
// (warnings that are not alarms). Names are those of the summary's `alarms[]` (interfaces.md §5).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bfr::safety {

/// The rule an alarm belongs to (interfaces.md §5 `alarms[].kind`).
enum class AlarmKind : std::uint8_t {
    PressureAboveLop,   ///< Cuff at or above the LOP in use for longer than a contraction's peak.
    PressureCeiling,    ///< Cuff above the absolute ceiling.
    PressureOutOfBand,  ///< Held level outside the prescribed band for longer than the tolerance.
    OcclusionTime,      ///< Occlusion over the per-exercise or per-session limit.
    SensorLost,         ///< No sample for longer than the sensor timeout.
    Discomfort,         ///< Reported discomfort above the stop level.
};

/// Number of AlarmKind values.
inline constexpr std::size_t kAlarmKindCount = 6;

/// The kind's name in the summary: "pressure_above_lop", "pressure_ceiling",
/// "pressure_out_of_band", "occlusion_time", "sensor_lost", "discomfort".
[[nodiscard]] const char* kind_name(AlarmKind kind) noexcept;

/// What the patient is told to do (interfaces.md §5 `alarms[].action`).
enum class Action : std::uint8_t {
    Deflate,  ///< Release the cuff now.
    Lower10,  ///< Lower the cuff pressure by 10 mmHg.
    Stop,     ///< Stop the exercise (see Alarm::deflate_cuff for whether the cuff comes off too).
};

/// The action's name in the summary: "deflate", "lower_10_mmHg", "stop".
[[nodiscard]] const char* action_name(Action action) noexcept;

/// One alarm: raised once per episode of its condition, kept forever (alarms() never shrinks).
/// A `discomfort:N` event (interfaces.md §4) with N an integer 0..10 → N; anything else → nullopt.
[[nodiscard]] std::optional<int> discomfort_level(std::string_view event) noexcept;

struct Alarm {
    std::uint32_t id = 0;                         ///< 1, 2, 3 ... in the order raised.
    AlarmKind kind = AlarmKind::PressureCeiling;  ///< The rule.
    Action action = Action::Deflate;              ///< What the patient is told to do.
    /// Whether the cuff must be released while this alarm is active (must_deflate()): true for
    /// every deflate and stop alarm but a pressure below the band (low pressure is no danger and
    /// releasing it helps nothing; docs/safety.md); false for lower_10_mmHg.
    bool deflate_cuff = true;
    std::int64_t t_ns = 0;  ///< When it was raised (a sample's or a tick's time; never the wall clock).
    double value = 0.0;     ///< The figure that tripped it: mmHg (pressures), s (times, gaps), level 0–10.
    /// Plain words for the patient: the figures, the reason and the action, e.g. "Cuff at 182 mmHg,
    /// at or above your limb occlusion pressure (170 mmHg) for 1 s: deflate now."
    std::string message;
    bool acknowledged = false;          ///< The patient saw it (acknowledge()).
    std::int64_t acknowledged_ns = -1;  ///< When; -1 while not acknowledged.
    bool active = true;                 ///< Its condition still holds.
    std::int64_t cleared_ns = -1;       ///< When its condition was found to have ended; -1 while active.
};

/// What a notice is about.
enum class NoticeKind : std::uint8_t {
    OcclusionWarning,  ///< Continuous occlusion in this exercise reached the warning time.
    Leak,              ///< The held pressure fell fast while inflated and not deflating.
    Discomfort,        ///< Discomfort reported at the notice level (6–7 of 10 by default).
};

/// A warning that is not an alarm (nothing to acknowledge, no action forced).
struct Notice {
    std::int64_t t_ns = 0;                           ///< When (a sample's or a tick's time).
    std::string text;                                ///< Plain words for the patient, with the figures and the reason.
    NoticeKind kind = NoticeKind::OcclusionWarning;  ///< What it is about.
};

}  // namespace bfr::safety
