#pragma once
// The simulated device's pressure control firmware, in the two flavours of product.md §3a.
//
// Tight (autoregulated, Delfi-like): a 100 Hz loop with a small deadband, a proportional pump and a
// proportional exhaust valve. It vents while a contraction pushes pressure up and pumps while the
// limb relaxes, so each rep still swings ~17 % LOP but the mean stays on target.
// Loose (non-autoregulated): a 10 Hz loop that pumps to the target, shuts the valve and only
// re-pumps when the reading has stayed far below target for 0.3 s (large hysteresis), so pressure
// drifts with leak and creep, sits below target during sets and spikes when a re-pump meets a
// contraction.

#include "game/sim/cuff_model.hpp"
#include "game/sim/sim_config.hpp"

#include <array>
#include <cstddef>

namespace bfr::sim {

/// Firmware loop period of the simulated device, in simulator steps of 1 ms.
inline constexpr int kFirmwareLoopSteps = 10;
/// Firmware loop period in seconds.
inline constexpr double kFirmwareLoopS = 0.01;
/// Absolute pressure ceiling: any firmware vents fully above it (interfaces.md §3: 300 mmHg).
inline constexpr double kCeilingMmhg = 300.0;

/// Pressure regulation toward a target, tight or loose.
class Regulator {
public:
    /// A regulator of the given flavour with no target (valve open).
    explicit Regulator(Profile profile) noexcept;

    /// Sets the target; 0 (or less) deflates: the valve opens and stays open.
    void set_target_mmhg(double target_mmhg) noexcept;
    /// The current target (0 when deflating).
    [[nodiscard]] double target_mmhg() const noexcept { return target_mmhg_; }
    /// The flavour.
    [[nodiscard]] Profile profile() const noexcept { return profile_; }

    /// One firmware iteration with the sensor reading; the result holds until the next iteration.
    [[nodiscard]] ActuatorCommand update(double measured_mmhg) noexcept;

private:
    ActuatorCommand update_tight(double measured_mmhg) noexcept;
    ActuatorCommand update_loose(double measured_mmhg) noexcept;

    Profile profile_;
    double target_mmhg_ = 0.0;
    double filtered_mmhg_ = 0.0;
    // Loose state.
    int loose_divider_ = 0;
    int loose_low_count_ = 0;
    bool loose_filling_ = false;
    ActuatorCommand loose_cmd_{};
    static constexpr std::size_t kLooseMeanLen = 10;  // 1 s at the loose loop's 10 Hz
    std::array<double, kLooseMeanLen> loose_history_{};
    std::size_t loose_count_ = 0;
    std::size_t loose_next_ = 0;
    double loose_sum_ = 0.0;
};

/// A second-order IIR section (direct form II transposed), RBJ audio-EQ-cookbook coefficients.
class Biquad {
public:
    /// A Butterworth (Q = 1/√2) high-pass at `cutoff_hz` for sample rate `rate_hz`.
    [[nodiscard]] static Biquad high_pass(double cutoff_hz, double rate_hz) noexcept;
    /// A Butterworth (Q = 1/√2) low-pass at `cutoff_hz` for sample rate `rate_hz`.
    [[nodiscard]] static Biquad low_pass(double cutoff_hz, double rate_hz) noexcept;
    /// Filters one sample.
    double process(double x) noexcept;
    /// Sets the state to the steady state for a constant input `x` (no start-up transient).
    void reset_to(double x) noexcept;

private:
    double b0_ = 1.0, b1_ = 0.0, b2_ = 0.0, a1_ = 0.0, a2_ = 0.0;
    double z1_ = 0.0, z2_ = 0.0;
};

/// Automatic LOP measurement on the cuff's own pressure signal: inflate in coarse steps until the
/// band-passed (0.5–5 Hz) pulse ripple vanishes, go back and climb in fine steps, report the first
/// fine step without pulse. The ripple is measured as the RMS of the band over a 2.5 s window (far
/// steadier against sensor noise than peak-to-peak). It never reads the true LOP.
class LopMeter {
public:
    /// First step pressure.
    static constexpr double kStartMmhg = 80.0;
    /// Coarse step.
    static constexpr double kCoarseStepMmhg = 20.0;
    /// Fine step near the end.
    static constexpr double kFineStepMmhg = 5.0;
    /// Pulse counts as vanished below this fraction of the largest ripple RMS seen.
    static constexpr double kVanishFraction = 0.3;
    /// Smallest ripple RMS (mmHg) that counts as a pulse at all (band-passed sensor noise is ~0.1).
    static constexpr double kMinPulseRmsMmhg = 0.25;

    /// An idle meter.
    LopMeter() noexcept;

    /// Starts a measurement (the cuff should be deflated).
    void start() noexcept;
    /// One firmware iteration (every kFirmwareLoopS) with the sensor reading.
    [[nodiscard]] ActuatorCommand update(double measured_mmhg) noexcept;

    /// True while measuring.
    [[nodiscard]] bool running() const noexcept { return stage_ != Stage::Idle && stage_ != Stage::Done; }
    /// True once a measurement has finished (found or not).
    [[nodiscard]] bool done() const noexcept { return stage_ == Stage::Done; }
    /// True if the last measurement found LOP.
    [[nodiscard]] bool found() const noexcept { return found_; }
    /// The measured LOP (mmHg, whole number); 0 if not found.
    [[nodiscard]] double lop_mmhg() const noexcept { return lop_mmhg_; }
    /// The step pressure the meter is holding or moving to.
    [[nodiscard]] double setpoint_mmhg() const noexcept { return setpoint_mmhg_; }

private:
    enum class Stage { Idle, Approach, Settle, Window, Done };
    void evaluate_window() noexcept;
    void finish(double lop_mmhg, bool found) noexcept;

    Stage stage_ = Stage::Idle;
    bool fine_ = false;
    bool found_ = false;
    double lop_mmhg_ = 0.0;
    double setpoint_mmhg_ = 0.0;
    double last_pulsing_mmhg_ = 0.0;
    double coarse_vanished_mmhg_ = 0.0;
    double max_rms_mmhg_ = 0.0;
    int stage_loops_ = 0;
    double window_sum_sq_ = 0.0;
    double window_sum_ = 0.0;
    int window_count_ = 0;
    Biquad high_pass_;
    Biquad low_pass_;
};

}  // namespace bfr::sim
