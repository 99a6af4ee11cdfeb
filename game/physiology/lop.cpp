#include "game/physiology/lop.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace bfr::physiology {
namespace {

constexpr double kTransmissionK = 1.34;        // fitted: 5 vs 13.5 cm on a 55 cm thigh gives ×1.63
constexpr double kAmplification = 1.05;        // peripheral systolic amplification (femoral/brachial)
constexpr double kHydrostaticMmhgPerCm = 0.78; // ρ·g·h of blood, 1.06 g/mL
constexpr double kSdFraction = 17.0 / 144.0;   // Loenneke 2012: 144 ± 17 mmHg

}  // namespace

double cuff_transmission(double cuff_width_cm, double circumference_cm) noexcept {
    const double w = std::isfinite(cuff_width_cm) ? std::clamp(cuff_width_cm, 1.0, 40.0) : 10.0;
    const double c = std::isfinite(circumference_cm) ? std::clamp(circumference_cm, 10.0, 120.0) : 40.0;
    const double r = c / (2.0 * std::numbers::pi);
    return 1.0 - std::exp(-kTransmissionK * w / r);
}

double cuff_below_heart_cm(Limb limb, Posture posture) noexcept {
    if (limb == Limb::Leg) {
        switch (posture) {
            case Posture::Supine: return 0.0;
            case Posture::Seated: return 15.0;    // proximal thigh cuff, sitting upright
            case Posture::Standing: return 47.0;  // proximal thigh cuff, standing
        }
    }
    switch (posture) {
        case Posture::Supine: return 0.0;
        case Posture::Seated: return 5.0;  // upper-arm cuff, arm by the side
        case Posture::Standing: return 5.0;
    }
    return 0.0;
}

double systolic_at_cuff_mmHg(Limb limb, double sbp_mmHg, Posture posture) noexcept {
    const double sbp = std::isfinite(sbp_mmHg) ? std::clamp(sbp_mmHg, 60.0, 260.0) : 120.0;
    return sbp * kAmplification + kHydrostaticMmhgPerCm * cuff_below_heart_cm(limb, posture);
}

double lop_sd_mmHg(double lop_mmHg) noexcept {
    return std::isfinite(lop_mmHg) ? std::max(0.0, lop_mmHg) * kSdFraction : 0.0;
}

LopEstimate estimate_lop(const LopQuery& q) noexcept {
    const double lop = systolic_at_cuff_mmHg(q.limb, q.sbp_mmHg, q.posture) /
                       cuff_transmission(q.cuff_width_cm, q.circumference_cm);
    return {lop, lop_sd_mmHg(lop)};
}

}  // namespace bfr::physiology
