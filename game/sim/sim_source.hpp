#pragma once
// SimSource: the default telemetry source (`--source sim`). A simulated BFR device (pneumatic cuff,
// pressure regulator, automatic LOP measurement) on a virtual patient wearing an IMU, emitting
// exactly what a real device would: telemetry v1 samples (interfaces.md §4), events included.
//
// Time is integer nanoseconds. Physics runs at a fixed 1 kHz step; samples come out at the
// configured rate at t = k·1e9/rate (exact integer arithmetic). Everything is a pure function of
// the config and the calls made (same seed, same calls → identical samples). No allocation per
// step: advance_to only appends to the caller's vector.
//
// Session script: idle 1 s → (measure_lop) `inflate`, `note:lop_measurement`, stepwise measurement,
// `lop_measured:N`, `deflate`, 5 s reperfusion → `inflate` to target → (auto_tempo) after 5 s the
// protocol: `set_start`, reps, `set_end`, `rest_start`, ..., last `set_end`, `deflate`. Without auto
// tempo the cuff stays at target and set_contract drives the patient (`contract_down`/`contract_up`).

#include "engine/telemetry/sample.hpp"
#include "game/sim/cuff_model.hpp"
#include "game/sim/regulator.hpp"
#include "game/sim/sim_config.hpp"
#include "game/sim/virtual_patient.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace bfr::sim {

/// What the simulated device is doing.
enum class DevicePhase : std::uint8_t {
    Idle,          ///< Before the session: cuff vented.
    MeasuringLop,  ///< Automatic LOP measurement running.
    Reperfusion,   ///< Cuff vented between the LOP measurement and exercise.
    Inflated,      ///< Regulating toward the exercise target.
    Finished,      ///< Deflated after the protocol (or on request).
};

/// Ground truth behind the samples (for tests, docs and debugging; never part of the telemetry).
struct SimProbe {
    std::int64_t t_ns = 0;                  ///< Simulation time of this state.
    DevicePhase phase = DevicePhase::Idle;  ///< Device phase.
    double true_cuff_mmhg = 0.0;            ///< Bladder pressure including the pulse ripple, before the sensor.
    double true_lop_mmhg = 0.0;             ///< The patient's real LOP.
    double device_lop_mmhg = 0.0;           ///< LOP the device uses (measured or configured); 0 = not yet known.
    double target_mmhg = 0.0;               ///< Regulator target (0 = vent).
    double pump_flow_ml_per_s = 0.0;        ///< Pump flow (> 0 while pumping).
    double valve_01 = 0.0;                  ///< Exhaust valve opening.
    bool contracting = false;               ///< Contract command in force (auto tempo or user).
    bool in_set = false;                    ///< Inside a set of the automatic protocol.
    double fatigue_01 = 0.0;                ///< Patient fatigue.
    double heart_rate_hz = 0.0;             ///< Patient heart rate.
};

/// The simulated device + patient, pulled by the app one tick at a time.
class SimSource {
public:
    /// Physics step (1 kHz).
    static constexpr std::int64_t kStepNs = 1'000'000;
    /// Time from the start to the first action of the device.
    static constexpr std::int64_t kStartDelayNs = 1 * kNsPerS;
    /// Reperfusion pause between the LOP measurement and exercise inflation.
    static constexpr std::int64_t kReperfusionNs = 5 * kNsPerS;
    /// Time from the exercise `inflate` to the first `set_start` (auto tempo).
    static constexpr std::int64_t kSettleNs = 5 * kNsPerS;

    /// A session as configured (missing values take the limb defaults; the rate is clamped to 5..1000 Hz).
    explicit SimSource(const SimConfig& config);

    /// The user's contract input (held or released), in force from the current time on. A change
    /// emits `contract_down` / `contract_up` on the next sample. With auto tempo it adds to the tempo.
    void set_contract(bool held);
    /// Changes the exercise target (% of the device's LOP) from now on; 0 deflates (`deflate`) and a
    /// positive value after that inflates again (`inflate`).
    void set_target_pct_lop(double pct_lop);
    /// Adds a leak of `extra_pct_per_10s` (% of pressure lost per 10 s) from now on; 0 stops it.
    void inject_leak(double extra_pct_per_10s);
    /// Emits no samples for the next `duration_ns` (the simulation goes on; events wait for the next row).
    void inject_dropout(std::int64_t duration_ns);

    /// Runs the simulation up to `t_ns` and appends every sample with time ≤ t_ns not yet emitted, in order.
    void advance_to(std::int64_t t_ns, std::vector<telemetry::Sample>& out);

    /// Simulation time reached (a multiple of kStepNs).
    [[nodiscard]] std::int64_t now_ns() const noexcept { return step_ * kStepNs; }
    /// The effective config (defaults filled in).
    [[nodiscard]] const SimConfig& config() const noexcept { return config_; }
    /// The patient's real LOP (what an ideal Doppler would find).
    [[nodiscard]] double true_lop_mmhg() const noexcept { return true_lop_mmhg_; }
    /// The ground truth right now.
    [[nodiscard]] SimProbe probe() const noexcept;

private:
    struct PendingEvent {
        std::array<char, 40> text{};
        std::size_t len = 0;
    };
    static constexpr std::size_t kEventCapacity = 32;

    void push_event(const char* text) noexcept;
    void push_event_number(const char* prefix, std::int64_t value) noexcept;
    void decide() noexcept;
    void run_program() noexcept;
    void run_protocol() noexcept;
    void begin_inflation() noexcept;
    void integrate() noexcept;
    void emit(std::int64_t t_ns, std::vector<telemetry::Sample>& out);
    [[nodiscard]] std::int64_t sample_time_ns(std::int64_t index) const noexcept;
    [[nodiscard]] double true_cuff_mmhg() const noexcept;
    [[nodiscard]] double target_pct_lop_to_mmhg(double pct) const noexcept;

    SimConfig config_;
    std::uint64_t noise_key_;
    double true_lop_mmhg_;
    CuffModel cuff_;
    Regulator regulator_;
    LopMeter lop_meter_;
    VirtualPatient patient_;

    std::int64_t step_ = 0;
    bool decided_ = false;
    bool waiting_ = false;  ///< wait_for_target: vented until a target is asked for.
    std::int64_t next_sample_index_ = 0;
    std::int64_t next_sample_ns_ = 0;
    ActuatorCommand command_{};

    DevicePhase phase_ = DevicePhase::Idle;
    std::int64_t phase_start_ns_ = 0;
    double device_lop_mmhg_ = 0.0;
    double target_pct_lop_;

    bool protocol_active_ = false;
    bool in_set_ = false;
    std::size_t set_index_ = 0;
    std::int64_t set_start_ns_ = 0;
    std::int64_t next_set_start_ns_ = 0;
    bool auto_contract_ = false;
    bool user_contract_ = false;

    double extra_leak_pct_per_10s_ = 0.0;
    bool scheduled_leak_done_ = false;
    bool scheduled_dropout_done_ = false;
    std::int64_t dropout_start_ns_ = -1;
    std::int64_t dropout_end_ns_ = -1;

    std::array<PendingEvent, kEventCapacity> events_{};
    std::size_t event_head_ = 0;
    std::size_t event_count_ = 0;
};

}  // namespace bfr::sim
