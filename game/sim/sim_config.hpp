#pragma once
// Configuration of the simulated cuff and virtual patient (`--source sim`). Defaults follow
// interfaces.md §3: arm, LOP 170 mmHg (arm) / 200 mmHg (leg), target 50 % LOP (arm) / 60 % (leg),
// 30 %1RM, protocol 30-15-15-15 with 30 s rests at 2 s per rep, seed 1.

#include <cstdint>
#include <vector>

namespace bfr::sim {

/// Nanoseconds per second (simulation time is integer nanoseconds).
inline constexpr std::int64_t kNsPerS = 1'000'000'000;

/// The exercising limb (the cuff sits on the upper arm or the thigh).
enum class Limb : std::uint8_t { Arm, Leg };

/// Which kind of device the simulated cuff behaves like (product.md §3a).
enum class Profile : std::uint8_t {
    Tight,  ///< Autoregulated (Delfi-like): holds the target through reps and rests.
    Loose,  ///< Non-autoregulated (SmartCuffs/Saga-like): pumps, holds with the valve shut, re-pumps late.
};

/// Default LOP of a limb when none is given (interfaces.md §3).
[[nodiscard]] constexpr double default_lop_mmhg(Limb limb) noexcept {
    return limb == Limb::Arm ? 170.0 : 200.0;
}

/// Default target of a limb in % LOP (interfaces.md §3).
[[nodiscard]] constexpr double default_target_pct_lop(Limb limb) noexcept {
    return limb == Limb::Arm ? 50.0 : 60.0;
}

/// Everything that shapes one simulated session. A zero in a field marked "0: default" takes the
/// limb's default. The same config (same seed) always produces the same samples.
struct SimConfig {
    Limb limb = Limb::Arm;               ///< Exercising limb.
    std::uint64_t seed = 1;              ///< Seed of every random choice (individual LOP, heart, IMU mounting, noise).
    Profile profile = Profile::Tight;    ///< Device behaviour.
    double target_pct_lop = 0.0;         ///< Exercise target in % of the device's LOP; 0: limb default.
    double lop_mmhg = 0.0;               ///< Nominal LOP of the limb; 0: limb default.
    bool individual_lop = true;          ///< Draw the patient's true LOP around lop_mmhg (sd 8 %, within ±2 sd).
    bool measure_lop = true;             ///< Measure LOP automatically first; false: the device uses lop_mmhg.
    double load_pct_1rm = 30.0;          ///< External load, % of one-repetition maximum.
    std::uint32_t sample_rate_hz = 100;  ///< Output rate, clamped to 5..1000 Hz (interfaces.md §4).
    bool auto_tempo = true;              ///< The patient performs the protocol by itself (set events included).
    bool wait_for_target = false;        ///< The cuff stays vented until set_target_pct_lop() asks for a pressure (a guided session's start).
    std::vector<std::uint32_t> set_reps{30, 15, 15, 15};  ///< Reps per set (auto tempo).
    std::int64_t rep_ns = 2 * kNsPerS;                    ///< One rep: half up (concentric), half down (eccentric).
    std::int64_t rest_ns = 30 * kNsPerS;                  ///< Rest between sets, cuff kept inflated.
    double leak_pct_per_10s = -1.0;   ///< The cuff's own slow leak (% of pressure per 10 s); negative: profile default.
    std::int64_t leak_start_ns = -1;  ///< Injected leak starts here; negative: never.
    double leak_extra_pct_per_10s = 0.0;  ///< Size of the injected leak (% of pressure lost per 10 s).
    std::int64_t dropout_start_ns = -1;   ///< Injected sensor dropout starts here; negative: never.
    std::int64_t dropout_ns = 0;          ///< Length of the dropout: no samples are emitted inside it.
    double rest_heart_rate_bpm = 0.0;     ///< The patient's resting heart rate (the cuff's pulse ripple); 0: drawn, 63-75 bpm.
    double sensor_noise_mmhg = -1.0;      ///< Pressure sensor noise, 1 sd; negative: the device's (0.3 mmHg).
    double contraction_scale = 1.0;       ///< How hard a contraction pushes into the bladder (the rep's rise); 1: the limb's.
    std::uint32_t pause_every_reps = 0;   ///< Auto tempo: the patient pauses after every this many reps of a set (0: never) ...
    std::int64_t pause_ns = 0;            ///< ... for this long, at rest, the cuff on.
};

}  // namespace bfr::sim
