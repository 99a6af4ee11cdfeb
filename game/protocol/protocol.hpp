#pragma once
// A BFR exercise protocol as data: the sets and their reps, the rests and what the cuff does in
// them, the target pressure per limb, the load, the tempo, the safety limits and the progression
// rule. Defaults follow ../shared/product.md §4 and ../shared/interfaces.md §3; each one names its
// source. Protocols come from JSON files (protocol_io.hpp, docs/protocols.md) or from
// standard_protocol(); ProtocolRunner (protocol_runner.hpp) runs one through a session.

#include <cstdint>
#include <string>
#include <vector>

namespace bfr::protocol {

/// The limb the cuff is on: it picks the target pressure.
enum class Limb : std::uint8_t { Arm, Leg };

/// What the cuff does between sets: stays inflated at the target (continuous BFR, [B12, B1]) or
/// is released and re-inflated for the next set (intermittent, [B6]).
enum class CuffInRest : std::uint8_t { KeepOn, Release };

/// One set: a fixed number of reps, or to failure.
struct SetSpec {
    std::uint32_t reps = 0;   ///< Reps to do; for a to-failure set the expected minimum (may be 0).
    bool to_failure = false;  ///< The set goes on until the patient can do no more.

    bool operator==(const SetSpec&) const = default;
};

/// The cadence the coach cues in a set: concentric (Up), eccentric (Down), pause (Hold).
struct Tempo {
    double concentric_s = 1.0;  ///< Lifting phase (1 + 1 s: interfaces.md §3's 2 s per rep; [B12]: 2 s).
    double eccentric_s = 1.0;   ///< Lowering phase (1 + 1 s: interfaces.md §3's 2 s per rep; [B12]: 2 s).
    double pause_s = 0.0;       ///< Hold at the bottom before the next rep.

    /// One rep at this tempo: concentric + eccentric + pause, in seconds.
    [[nodiscard]] double rep_s() const noexcept { return concentric_s + eccentric_s + pause_s; }

    bool operator==(const Tempo&) const = default;
};

/// The safety limits the coach enforces with this protocol (product.md §4 rules 1–5, interfaces.md §3).
struct SafetyLimits {
    /// Continuous occlusion per exercise: warning (interfaces.md §3: at 10 min).
    double occlusion_warning_s = 600;
    /// Continuous occlusion per exercise: alarm, deflate or stop (20 min, [B6]; interfaces.md §3).
    double occlusion_limit_s = 1200;
    /// All occlusion in one session (up to 30 min, [B28]).
    double session_occlusion_limit_s = 1800;
    /// Absolute pressure ceiling whatever the LOP (interfaces.md §3; [W10]: < 300 mmHg).
    double ceiling_mmHg = 300;
    /// Prescribed band = target ± this share of the target (interfaces.md §3: ± 10 %).
    double band_fraction = 0.10;
    /// Outside the band this long raises an alarm (interfaces.md §5 `pressure_out_of_band`).
    double out_of_band_tolerance_s = 10;
    /// No samples this long: sensor lost (interfaces.md §3).
    double sensor_timeout_s = 2;
    /// Reported discomfort above this, 0–10: stop ([B6], product.md §4 rule 2: above 7/10).
    int discomfort_stop_above = 7;

    bool operator==(const SafetyLimits&) const = default;
};

/// When and by how much the load goes up next session (product.md §4: add the minimal load when
/// the last set exceeds its reps, [B12]).
struct Progression {
    /// Added when the last set beats its threshold, %1RM ([B12]: the minimal load step).
    double load_increment_pct1rm = 5.0;
    /// The last set must do more reps than this; 0: its own target (15 for a to-failure set without one).
    std::uint32_t last_set_threshold_reps = 0;
    /// Never advised above this, %1RM (the usual range ends at 40 %1RM, [B28, B12]).
    double max_load_pct1rm = 40.0;

    bool operator==(const Progression&) const = default;
};

/// A whole protocol. Every field but the name, title and sets has its default here, so a protocol
/// file need only give its sets.
struct Protocol {
    std::string name;           ///< Short id, e.g. "30-15-15-15": what `--protocol NAME` matches, also the file stem.
    std::string title;          ///< Human title for menus and reports, e.g. "Standard 30-15-15-15".
    std::string description;    ///< Free text for the clinician (may hold newlines).
    std::vector<SetSpec> sets;  ///< In order; 1 to 20 of them in a valid protocol.
    double rest_s = 30.0;       ///< Rest between sets ([B12, B1]: 30 s); none after the last set.
    CuffInRest cuff_in_rest = CuffInRest::KeepOn;  ///< Continuous BFR by default ([B12, B1]).
    double target_pct_lop_arm = 50.0;  ///< Target on the arm, %LOP (interfaces.md §3; [B28, B12]: 40–50).
    double target_pct_lop_leg = 60.0;  ///< Target on the leg, %LOP (interfaces.md §3; [B28, B12]: 60–80).
    double load_pct1rm = 30.0;         ///< Prescribed load, %1RM ([B28, B12]: 20–40, 30 common; files allow 5–100).
    Tempo tempo;                       ///< The cued cadence.
    double failure_pause_s = 6.0;      ///< A to-failure set ends when no rep came for this long.
    SafetyLimits limits;               ///< The safety limits for this protocol.
    Progression progression;           ///< The load progression rule.

    /// The target cuff pressure for `limb`, %LOP.
    [[nodiscard]] double target_pct_lop(Limb limb) const noexcept;
    /// The reps prescribed: the sum of the sets' reps (a to-failure set counts its expected minimum).
    [[nodiscard]] std::uint32_t prescribed_reps() const noexcept;

    bool operator==(const Protocol&) const = default;
};

/// The compiled-in standard protocol "30-15-15-15": 4 sets of 30/15/15/15 reps, 30 s rests with
/// the cuff kept on, 50 %LOP (arm) / 60 %LOP (leg), 30 %1RM, 1 s up and 1 s down (2 s per rep),
/// every other field at its default (interfaces.md §3, product.md §4). assets/protocols/30-15-15-15.json
/// holds the same protocol.
[[nodiscard]] Protocol standard_protocol();

/// "arm" or "leg".
[[nodiscard]] const char* limb_name(Limb limb) noexcept;

}  // namespace bfr::protocol
