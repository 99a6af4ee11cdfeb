#include "game/sim/regulator.hpp"

#include <algorithm>
#include <cmath>

namespace bfr::sim {

namespace {

// Tight loop (autoregulated). Deadband, gains and filter tuned so that a leg press at 80 % LOP gives
// the Delfi row of product.md §3a (see docs/simulator.md and the tests).
constexpr double kTightFilterTauS = 0.03;
constexpr double kTightDeadbandFraction = 0.04;  // of the target
constexpr double kTightDeadbandMinMmhg = 2.0;
constexpr double kTightValveGainPerMmhg = 0.03;
constexpr double kTightPumpGainPerMmhg = 0.15;

// Loose loop (non-autoregulated).
constexpr int kLooseDivider = 10;              // 10 Hz
constexpr double kLooseRepumpFraction = 0.40;  // re-pump when pressure stays 30 % below target...
constexpr int kLooseRepumpDebounce = 3;        // ...for 3 readings (0.3 s)

}  // namespace

Regulator::Regulator(Profile profile) noexcept : profile_(profile) {}

void Regulator::set_target_mmhg(double target_mmhg) noexcept {
    const double t = std::max(0.0, target_mmhg);
    if (t > target_mmhg_) loose_filling_ = true;  // a raised target is pumped to at once
    target_mmhg_ = t;
    if (t <= 0.0) loose_filling_ = false;
}

ActuatorCommand Regulator::update(double measured_mmhg) noexcept {
    if (target_mmhg_ <= 0.0 || measured_mmhg >= kCeilingMmhg) {
        filtered_mmhg_ = measured_mmhg;
        loose_filling_ = false;
        return {0.0, 1.0};
    }
    return profile_ == Profile::Tight ? update_tight(measured_mmhg) : update_loose(measured_mmhg);
}

ActuatorCommand Regulator::update_tight(double measured_mmhg) noexcept {
    filtered_mmhg_ += (measured_mmhg - filtered_mmhg_) * (kFirmwareLoopS / (kTightFilterTauS + kFirmwareLoopS));
    const double error = filtered_mmhg_ - target_mmhg_;
    const double deadband = std::max(kTightDeadbandMinMmhg, kTightDeadbandFraction * target_mmhg_);
    ActuatorCommand cmd;
    cmd.valve_01 = std::clamp(kTightValveGainPerMmhg * (error - deadband), 0.0, 1.0);
    cmd.pump_01 = std::clamp(kTightPumpGainPerMmhg * (-error - deadband), 0.0, 1.0);
    return cmd;
}

ActuatorCommand Regulator::update_loose(double measured_mmhg) noexcept {
    if (++loose_divider_ < kLooseDivider) return loose_cmd_;
    loose_divider_ = 0;

    // The display-style 1 s mean decides when the cuff is "at target"; its lag lets the pump overshoot.
    if (loose_count_ == kLooseMeanLen) loose_sum_ -= loose_history_[loose_next_];
    loose_history_[loose_next_] = measured_mmhg;
    loose_sum_ += measured_mmhg;
    loose_next_ = (loose_next_ + 1) % kLooseMeanLen;
    loose_count_ = std::min(loose_count_ + 1, kLooseMeanLen);
    const double mean_mmhg = loose_sum_ / static_cast<double>(loose_count_);

    if (loose_filling_) {
        if (mean_mmhg >= target_mmhg_) loose_filling_ = false;
        loose_low_count_ = 0;
    } else {
        loose_low_count_ = measured_mmhg < target_mmhg_ * (1.0 - kLooseRepumpFraction) ? loose_low_count_ + 1 : 0;
        if (loose_low_count_ >= kLooseRepumpDebounce) loose_filling_ = true;
    }
    const bool venting = !loose_filling_ && measured_mmhg > target_mmhg_ * 1.5;  // after a lowered target
    loose_cmd_ = ActuatorCommand{loose_filling_ ? 1.0 : 0.0, venting ? 1.0 : 0.0};
    return loose_cmd_;
}

// --- Biquad -------------------------------------------------------------------------------------

namespace {
constexpr double kPi = 3.141592653589793;
constexpr double kButterworthQ = 0.7071067811865476;
}  // namespace

Biquad Biquad::high_pass(double cutoff_hz, double rate_hz) noexcept {
    const double w0 = 2.0 * kPi * cutoff_hz / rate_hz;
    const double alpha = std::sin(w0) / (2.0 * kButterworthQ);
    const double cw = std::cos(w0);
    const double a0 = 1.0 + alpha;
    Biquad f;
    f.b0_ = (1.0 + cw) / 2.0 / a0;
    f.b1_ = -(1.0 + cw) / a0;
    f.b2_ = f.b0_;
    f.a1_ = -2.0 * cw / a0;
    f.a2_ = (1.0 - alpha) / a0;
    return f;
}

Biquad Biquad::low_pass(double cutoff_hz, double rate_hz) noexcept {
    const double w0 = 2.0 * kPi * cutoff_hz / rate_hz;
    const double alpha = std::sin(w0) / (2.0 * kButterworthQ);
    const double cw = std::cos(w0);
    const double a0 = 1.0 + alpha;
    Biquad f;
    f.b0_ = (1.0 - cw) / 2.0 / a0;
    f.b1_ = (1.0 - cw) / a0;
    f.b2_ = f.b0_;
    f.a1_ = -2.0 * cw / a0;
    f.a2_ = (1.0 - alpha) / a0;
    return f;
}

double Biquad::process(double x) noexcept {
    const double y = b0_ * x + z1_;
    z1_ = b1_ * x - a1_ * y + z2_;
    z2_ = b2_ * x - a2_ * y;
    return y;
}

void Biquad::reset_to(double x) noexcept {
    const double dc_gain = (b0_ + b1_ + b2_) / (1.0 + a1_ + a2_);
    const double y = dc_gain * x;
    z2_ = b2_ * x - a2_ * y;
    z1_ = b1_ * x - a1_ * y + z2_;
}

// --- LopMeter -----------------------------------------------------------------------------------

namespace {
constexpr double kLoopRateHz = 1.0 / kFirmwareLoopS;
constexpr int kSettleQuietLoops = 30;  // 0.3 s for the pump to run down before filtering
constexpr int kSettleLoops = 100;      // 1.0 s in all before the window
constexpr int kWindowLoops = 250;      // 2.5 s: at least 2.5 beats at 60 bpm
constexpr double kApproachBelowMmhg = 0.5;
constexpr double kApproachAboveMmhg = 3.0;
}  // namespace

LopMeter::LopMeter() noexcept
    : high_pass_(Biquad::high_pass(0.5, kLoopRateHz)), low_pass_(Biquad::low_pass(5.0, kLoopRateHz)) {}

void LopMeter::start() noexcept {
    stage_ = Stage::Approach;
    fine_ = false;
    found_ = false;
    lop_mmhg_ = 0.0;
    setpoint_mmhg_ = kStartMmhg;
    last_pulsing_mmhg_ = 0.0;
    coarse_vanished_mmhg_ = 0.0;
    max_rms_mmhg_ = 0.0;
    stage_loops_ = 0;
}

ActuatorCommand LopMeter::update(double measured_mmhg) noexcept {
    switch (stage_) {
        case Stage::Idle:
        case Stage::Done: return {0.0, 1.0};
        case Stage::Approach:
            if (measured_mmhg >= kCeilingMmhg) {
                finish(0.0, false);
                return {0.0, 1.0};
            }
            if (measured_mmhg < setpoint_mmhg_ - kApproachBelowMmhg) return {1.0, 0.0};
            if (measured_mmhg > setpoint_mmhg_ + kApproachAboveMmhg) return {0.0, 1.0};
            stage_ = Stage::Settle;
            stage_loops_ = 0;
            return {};
        case Stage::Settle:
            ++stage_loops_;
            if (stage_loops_ == kSettleQuietLoops) {
                high_pass_.reset_to(measured_mmhg);
                low_pass_.reset_to(0.0);
            } else if (stage_loops_ > kSettleQuietLoops) {
                (void)low_pass_.process(high_pass_.process(measured_mmhg));
            }
            if (stage_loops_ >= kSettleLoops) {
                stage_ = Stage::Window;
                stage_loops_ = 0;
                window_sum_sq_ = 0.0;
                window_sum_ = 0.0;
                window_count_ = 0;
            }
            return {};
        case Stage::Window: {
            const double band = low_pass_.process(high_pass_.process(measured_mmhg));
            window_sum_sq_ += band * band;
            window_sum_ += measured_mmhg;
            ++window_count_;
            if (++stage_loops_ >= kWindowLoops) evaluate_window();
            return {};
        }
    }
    return {0.0, 1.0};
}

void LopMeter::evaluate_window() noexcept {
    const double n = static_cast<double>(std::max(1, window_count_));
    const double rms = std::sqrt(window_sum_sq_ / n);
    const double mean = window_sum_ / n;
    if (!fine_) max_rms_mmhg_ = std::max(max_rms_mmhg_, rms);
    const bool seen_pulse = max_rms_mmhg_ >= kMinPulseRmsMmhg;
    const bool pulsing = seen_pulse && rms >= kMinPulseRmsMmhg && rms >= kVanishFraction * max_rms_mmhg_;
    stage_ = Stage::Approach;
    stage_loops_ = 0;
    if (!fine_) {
        if (pulsing || !seen_pulse) {
            if (pulsing) last_pulsing_mmhg_ = mean;
            setpoint_mmhg_ += kCoarseStepMmhg;
            if (setpoint_mmhg_ > kCeilingMmhg - kCoarseStepMmhg) finish(0.0, false);
            return;
        }
        coarse_vanished_mmhg_ = mean;
        fine_ = true;
        const double base = last_pulsing_mmhg_ > 0.0 ? last_pulsing_mmhg_ : mean - kCoarseStepMmhg;
        setpoint_mmhg_ = base + kFineStepMmhg;
        return;
    }
    if (!pulsing) {
        finish(mean, true);
        return;
    }
    setpoint_mmhg_ += kFineStepMmhg;
    if (setpoint_mmhg_ >= coarse_vanished_mmhg_ - 1.0) finish(coarse_vanished_mmhg_, true);
}

void LopMeter::finish(double lop_mmhg, bool found) noexcept {
    stage_ = Stage::Done;
    found_ = found;
    lop_mmhg_ = found ? std::round(lop_mmhg) : 0.0;
}

}  // namespace bfr::sim
