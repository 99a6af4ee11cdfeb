#pragma once
// What every rep counter reports (game/reps): one committed repetition with its timing, range
// and quality. Times are nanoseconds on the telemetry's clock (interfaces.md §3).

#include <cstdint>

namespace bfr::reps {

/// The signal a rep was counted from.
enum class RepSignal : std::uint8_t {
    Effort,    ///< the `effort` column (measured muscle activation)
    Angle,     ///< the joint angle
    Motion,    ///< a motion sensor (accelerometer and/or gyroscope) in any orientation
    Pressure,  ///< the cuff pressure alone
    Contract,  ///< the user's contract input (`contract_down` / `contract_up`)
};

/// Whether the rep went through (most of) the set's usual range of motion.
enum class RepRange : std::uint8_t { Full, Partial };

/// One committed rep.
struct RepEvent {
    std::uint32_t index = 0;          ///< 1-based count of the counter that committed it.
    RepSignal signal = RepSignal::Effort;
    std::int64_t start_ns = 0;        ///< When the movement was recognised as leaving rest (crossed the counter's threshold).
    std::int64_t turn_ns = 0;         ///< Its turning point (the peak of the contraction or excursion).
    std::int64_t end_ns = 0;          ///< When it was back at rest (estimated if it was committed as it turned).
    std::int64_t commit_ns = 0;       ///< The sample that committed it (≥ end_ns, or the set recognition).
    double first_phase_s = 0.0;       ///< start → turn: the concentric phase for a curl or an extension.
    double second_phase_s = 0.0;      ///< turn → end.
    RepRange range = RepRange::Full;
    double quality_01 = 1.0;          ///< 1 = regular tempo and the set's usual amplitude, 0 = neither.
    bool confirmed_late = false;      ///< Held until the set was recognised (the first reps of a set).
};

/// A rep of `signal` with its times (ns) and the two phases they give: from when the movement
/// left rest (`left_rest_ns`) to the turn, and from the turn to the end (never negative). Range,
/// quality and late confirmation keep their defaults (full, 1, no).
[[nodiscard]] inline RepEvent timed_rep(RepSignal signal, std::uint32_t index, std::int64_t left_rest_ns,
                                        std::int64_t start_ns, std::int64_t turn_ns, std::int64_t end_ns,
                                        std::int64_t commit_ns) noexcept {
    RepEvent e;
    e.index = index;
    e.signal = signal;
    e.start_ns = start_ns;
    e.turn_ns = turn_ns;
    e.end_ns = end_ns;
    e.commit_ns = commit_ns;
    e.first_phase_s = turn_ns > left_rest_ns ? static_cast<double>(turn_ns - left_rest_ns) * 1e-9 : 0.0;
    e.second_phase_s = end_ns > turn_ns ? static_cast<double>(end_ns - turn_ns) * 1e-9 : 0.0;
    return e;
}

/// A short name for logs and the summary ("effort", "angle", "motion", "pressure", "contract").
[[nodiscard]] constexpr const char* signal_name(RepSignal s) noexcept {
    switch (s) {
        case RepSignal::Effort: return "effort";
        case RepSignal::Angle: return "angle";
        case RepSignal::Motion: return "motion";
        case RepSignal::Pressure: return "pressure";
        case RepSignal::Contract: return "contract";
    }
    return "unknown";
}

}  // namespace bfr::reps
