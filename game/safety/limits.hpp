#pragma once
// The limits the safety monitor enforces (docs/safety.md), every default with its source:
// product.md §4 (rules 1–6, sources [B6], [B1], [W1], [W2], [W10]), interfaces.md §3 (defaults)
// and §5 (the alarm kinds), game/replay/pressure.hpp (ramps, the same rules as the summary) and
// game/session/components.hpp (the held level shown on screen). The integrator copies a
// protocol's or a clinician's limits into this struct; nothing here reads a file.

#include <cstdint>

namespace bfr::safety {

/// What the safety monitor checks against. All pressures in mmHg, all times in seconds.
struct Limits {
    // --- pressure_ceiling -------------------------------------------------------------------
    /// Absolute ceiling whatever the LOP: any sample above it raises `pressure_ceiling` at once
    /// (interfaces.md §3: 300 mmHg; product.md §4 rule 5: DIY devices vent at 280–375 mmHg
    /// [W1, W2], an NIBP design's hardware limit is < 300 mmHg [W10]).
    double ceiling_mmHg = 300.0;

    // --- pressure_above_lop -----------------------------------------------------------------
    /// The cuff at or above the LOP in use on every sample for this long raises
    /// `pressure_above_lop` (product.md §4 rule 4: "alarm when cuff pressure exceeds 100 % LOP"
    /// [B1]). A contraction squeezing the bladder (a ~0.5–1 s peak of up to +25 % LOP on a cuff at
    /// 80 % LOP) stays at or above the LOP for at most ~0.3 s, and the autoregulated simulator
    /// never reaches it; a regulator overshoot holds for seconds. 1 s is three times the longest
    /// contraction peak and still catches any overshoot lasting seconds (docs/safety.md).
    double above_lop_hold_s = 1.0;

    // --- pressure_out_of_band ---------------------------------------------------------------
    /// The prescribed band: target ± this share of the target (interfaces.md §3: ±10 %).
    double band_fraction = 0.10;
    /// The held level outside the band for longer than this (assessed time: inflated, not
    /// ramping, not settling, a target set) raises `pressure_out_of_band` [I].
    double out_of_band_tolerance_s = 10.0;
    /// A ramp: the pressure's smoothed rate of change above this (game/replay/pressure.hpp).
    double ramp_rate_mmHg_s = 30.0;
    /// Time constant of that rate's smoothing (a heartbeat or a contraction is not a ramp).
    double ramp_smoothing_s = 0.25;
    /// After the cuff rises through occluded_from_mmHg, or after the target moves by more than
    /// the band, the pressure settles this long before the band is judged (pressure.hpp: 5 s).
    double settle_s = 5.0;
    /// The held level (the pressure between contractions): follows the pressure up with this
    /// time constant (game/session/components.hpp kCuffHoldTauS: 1.5 s) ...
    double held_rise_tau_s = 1.5;
    /// ... and down with this one (kCuffFallTauS: 0.1 s), so a contraction's peak and the pulse
    /// barely lift it while a leak shows at once.
    double held_fall_tau_s = 0.1;

    // --- occlusion_time ---------------------------------------------------------------------
    /// Continuous occlusion in one exercise: a warning notice at this (interfaces.md §3: 10 min) ...
    double occlusion_warning_s = 600.0;
    /// ... and `occlusion_time` at this (interfaces.md §3: 20 min; product.md §4 rule 1: "never
    /// exceed 20 min" [B6], the stricter of [B6] and [B28]'s 30 min).
    double occlusion_limit_s = 1200.0;
    /// All occlusion in the session: `occlusion_time` at this (product.md §4: up to 30 min [B28]).
    double session_occlusion_limit_s = 1800.0;
    /// The cuff deflated this long ends an exercise: its occlusion clock restarts [I].
    double exercise_break_s = 120.0;
    /// Occlusion (and "inflated"): cuff at or above this (interfaces.md §5: 20 mmHg).
    double occluded_from_mmHg = 20.0;

    // --- sensor_lost ------------------------------------------------------------------------
    /// No sample for longer than this raises `sensor_lost` (interfaces.md §3: 2 s).
    double sensor_timeout_s = 2.0;

    // --- discomfort -------------------------------------------------------------------------
    /// A discomfort report above this (0–10) raises `discomfort` (product.md §4 rule 2: "above
    /// 7/10 → stop" [B6]).
    int discomfort_stop_above = 7;
    /// A report from this up to discomfort_stop_above is a notice ("tell your therapist") [I].
    int discomfort_notice_from = 6;

    // --- leak (a notice) --------------------------------------------------------------------
    /// The held level falling by this much ... (product.md §4 rule 6: 30 mmHg [W2])
    double leak_drop_mmHg = 30.0;
    /// ... within this long, while inflated and not deflating, ending below the band: a notice.
    double leak_window_s = 5.0;
    /// The leak is judged on a slower held level: up with this time constant (down like the held
    /// level), so a contraction's relaxation (a 2.5 s squeeze lifts it by under 40 % of its
    /// height) is not a drop, while a leak is [I].
    double leak_rise_tau_s = 5.0;

    // --- episodes ---------------------------------------------------------------------------
    /// A pressure condition (ceiling, above LOP, out of band, occlusion time) must have been
    /// absent on the samples this long for its alarm to clear (no flicker on a noisy edge) [I].
    double clear_after_s = 1.0;
    /// After a `deflate` event the pressure is expected to fall: the band and the leak are not
    /// judged until the cuff is down, the next inflation, or this long (a cuff that still holds
    /// pressure by then is judged again) [I].
    double deflate_expected_s = 30.0;
    /// An LOP measurement (the cuff deliberately taken to and past the LOP) suspends the
    /// above-LOP and band rules for at most this long [I] (the simulator's takes 30–50 s).
    double lop_measurement_max_s = 180.0;
};

}  // namespace bfr::safety
