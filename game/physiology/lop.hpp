#pragma once
// Limb occlusion pressure when it cannot be measured: the cuff transmits a fraction of its
// pressure to the deep tissue, and the artery closes when that tissue pressure reaches the
// local systolic pressure (physiology-reference.md §2; docs/physiology.md §LOP).

#include "game/physiology/model.hpp"

namespace bfr::physiology {

struct LopQuery {
    Limb limb = Limb::Leg;
    double cuff_width_cm = 13.5;
    double circumference_cm = 55.0;  ///< Limb circumference under the cuff.
    double sbp_mmHg = 120.0;         ///< Brachial systolic pressure, supine.
    Posture posture = Posture::Supine;
};

struct LopEstimate {
    double mmHg = 0.0;
    double sd_mmHg = 0.0;  ///< One standard deviation between people (never extrapolate across cuffs).
};

/// Share of the cuff's pressure that reaches the artery: 1 − exp(−k·w/r), r = C/2π.
[[nodiscard]] double cuff_transmission(double cuff_width_cm, double circumference_cm) noexcept;
/// Systolic pressure at the cuff: brachial SBP × peripheral amplification + hydrostatic column
/// between the heart and the cuff in this posture.
[[nodiscard]] double systolic_at_cuff_mmHg(Limb limb, double sbp_mmHg, Posture posture) noexcept;
/// Height of the cuff below the heart (cm) in a posture (docs/physiology.md).
[[nodiscard]] double cuff_below_heart_cm(Limb limb, Posture posture) noexcept;
[[nodiscard]] LopEstimate estimate_lop(const LopQuery& q) noexcept;
/// The spread between people of an LOP that was not measured (1 SD; Loenneke 2012: 144 ± 17 mmHg).
[[nodiscard]] double lop_sd_mmHg(double lop_mmHg) noexcept;

}  // namespace bfr::physiology
