#include "game/sim/sim_source.hpp"

#include "game/telemetry/format_v1.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace bfr::sim {

namespace {

namespace v1 = bfr::telemetry_v1;

constexpr double kStepS = static_cast<double>(SimSource::kStepNs) / static_cast<double>(kNsPerS);
constexpr std::int64_t kFirmwareLoopNs = kFirmwareLoopSteps * SimSource::kStepNs;
constexpr double kIndividualLopSd = 0.08;  // fraction of the nominal LOP (cf. 174 ± 49 / 195 ± 32 mmHg, product.md §3a)
constexpr double kEffortNoiseSd = 0.005;
constexpr double kAccelNoiseSdG = 0.004;
constexpr double kGyroNoiseSdDps = 0.2;

enum NoiseChannel : std::uint64_t {
    kNoiseCuff = 0,
    kNoiseEffort,
    kNoiseAx,
    kNoiseAy,
    kNoiseAz,
    kNoiseGx,
    kNoiseGy,
    kNoiseGz
};

SimConfig normalised(const SimConfig& in) {
    SimConfig c = in;
    if (!(c.lop_mmhg > 0.0)) c.lop_mmhg = default_lop_mmhg(c.limb);
    if (!(c.target_pct_lop > 0.0)) c.target_pct_lop = default_target_pct_lop(c.limb);
    c.sample_rate_hz = std::clamp<std::uint32_t>(c.sample_rate_hz, 5, 1000);
    c.load_pct_1rm = std::clamp(c.load_pct_1rm, 0.0, 100.0);
    c.rep_ns = std::max<std::int64_t>(c.rep_ns, 2 * SimSource::kStepNs * 100);  // at least 0.2 s per rep
    c.rest_ns = std::max<std::int64_t>(c.rest_ns, 0);
    return c;
}

double draw_true_lop(const SimConfig& c) {
    if (!c.individual_lop) return c.lop_mmhg;
    Rng rng(c.seed ^ 0x10F0C0FFEEULL);
    const double z = std::clamp(rng.gaussian(), -2.0, 2.0);
    return c.lop_mmhg * (1.0 + kIndividualLopSd * z);
}

CuffParams cuff_params_for(const SimConfig& c) {
    CuffParams p = default_cuff_params(c.limb, c.profile);
    if (c.leak_pct_per_10s >= 0.0) p.leak_pct_per_10s = c.leak_pct_per_10s;
    if (c.sensor_noise_mmhg >= 0.0 && std::isfinite(c.sensor_noise_mmhg)) p.sensor_noise_mmhg = c.sensor_noise_mmhg;
    if (c.contraction_scale > 0.0 && std::isfinite(c.contraction_scale)) p.limb_ml_per_effort *= c.contraction_scale;
    return p;
}

}  // namespace

SimSource::SimSource(const SimConfig& config)
    : config_(normalised(config)),
      noise_key_(mix64(config_.seed ^ 0x5E2502ULL)),
      true_lop_mmhg_(draw_true_lop(config_)),
      cuff_(cuff_params_for(config_)),
      regulator_(config_.profile),
      patient_(config_.limb, config_.load_pct_1rm, config_.seed),
      target_pct_lop_(config_.target_pct_lop) {
    patient_.set_move_s(static_cast<double>(config_.rep_ns) / 2.0 / static_cast<double>(kNsPerS));
    if (config_.rest_heart_rate_bpm > 0.0 && std::isfinite(config_.rest_heart_rate_bpm)) {
        patient_.set_rest_heart_rate_hz(std::clamp(config_.rest_heart_rate_bpm, 30.0, 200.0) / 60.0);
    }
    if (!config_.measure_lop) device_lop_mmhg_ = config_.lop_mmhg;
    waiting_ = config_.wait_for_target;
}

// --- Inputs --------------------------------------------------------------------------------------

void SimSource::set_contract(bool held) {
    if (held == user_contract_) return;
    user_contract_ = held;
    push_event(held ? "contract_down" : "contract_up");
}

void SimSource::set_target_pct_lop(double pct_lop) {
    if (!(pct_lop > 0.0)) {
        if (phase_ == DevicePhase::Inflated) {
            regulator_.set_target_mmhg(0.0);
            phase_ = DevicePhase::Finished;
            protocol_active_ = false;
            in_set_ = false;
            auto_contract_ = false;
            push_event("deflate");
        }
        return;
    }
    target_pct_lop_ = pct_lop;
    if (phase_ == DevicePhase::Idle && config_.wait_for_target) {
        waiting_ = false;  // run_program inflates (or measures the LOP first) at its next step
    } else if (phase_ == DevicePhase::Inflated) {
        regulator_.set_target_mmhg(target_pct_lop_to_mmhg(pct_lop));
    } else if (phase_ == DevicePhase::Finished) {
        phase_ = DevicePhase::Inflated;
        regulator_.set_target_mmhg(target_pct_lop_to_mmhg(pct_lop));
        push_event("inflate");
    }
}

void SimSource::inject_leak(double extra_pct_per_10s) {
    extra_leak_pct_per_10s_ = std::max(0.0, extra_pct_per_10s);
}

void SimSource::inject_dropout(std::int64_t duration_ns) {
    dropout_start_ns_ = now_ns();
    dropout_end_ns_ = now_ns() + std::max<std::int64_t>(0, duration_ns);
}

// --- Events --------------------------------------------------------------------------------------

void SimSource::push_event(const char* text) noexcept {
    if (event_count_ == kEventCapacity) return;  // cannot happen with the script's event rate
    PendingEvent& e = events_[(event_head_ + event_count_) % kEventCapacity];
    e.len = std::min(std::strlen(text), e.text.size());
    std::memcpy(e.text.data(), text, e.len);
    ++event_count_;
}

void SimSource::push_event_number(const char* prefix, std::int64_t value) noexcept {
    std::array<char, 40> buf{};
    const std::size_t n = std::min(std::strlen(prefix), buf.size() - 24);
    std::memcpy(buf.data(), prefix, n);
    const auto res = std::to_chars(buf.data() + n, buf.data() + buf.size() - 1, value);
    *res.ptr = '\0';
    push_event(buf.data());
}

// --- Simulation ----------------------------------------------------------------------------------

std::int64_t SimSource::sample_time_ns(std::int64_t index) const noexcept {
    const auto rate = static_cast<std::int64_t>(config_.sample_rate_hz);
    return (index / rate) * kNsPerS + ((index % rate) * kNsPerS) / rate;
}

double SimSource::target_pct_lop_to_mmhg(double pct) const noexcept {
    return device_lop_mmhg_ * pct / 100.0;
}

double SimSource::true_cuff_mmhg() const noexcept {
    const double p = cuff_.pressure_mmhg();
    return p + pulse_ripple_pp_mmhg(p, true_lop_mmhg_, cuff_.params().pulse_pp_mmhg) * patient_.pulse_wave();
}

void SimSource::begin_inflation() noexcept {
    phase_ = DevicePhase::Inflated;
    phase_start_ns_ = now_ns();
    regulator_.set_target_mmhg(target_pct_lop_to_mmhg(target_pct_lop_));
    push_event("inflate");
    if (config_.auto_tempo && !config_.set_reps.empty()) {
        protocol_active_ = true;
        set_index_ = 0;
        next_set_start_ns_ = now_ns() + kSettleNs;
    }
}

void SimSource::run_program() noexcept {
    const std::int64_t t = now_ns();
    switch (phase_) {
        case DevicePhase::Idle:
            if (t < kStartDelayNs || waiting_) break;
            phase_start_ns_ = t;
            if (config_.measure_lop) {
                phase_ = DevicePhase::MeasuringLop;
                lop_meter_.start();
                push_event("inflate");
                push_event("note:lop_measurement");
            } else {
                begin_inflation();
            }
            break;
        case DevicePhase::MeasuringLop:
            if (!lop_meter_.done()) break;
            if (lop_meter_.found()) {
                device_lop_mmhg_ = lop_meter_.lop_mmhg();
                push_event_number("lop_measured:", static_cast<std::int64_t>(device_lop_mmhg_));
            } else {
                device_lop_mmhg_ = config_.lop_mmhg;
                push_event("note:lop_not_found");
            }
            push_event("deflate");
            phase_ = DevicePhase::Reperfusion;
            phase_start_ns_ = t;
            break;
        case DevicePhase::Reperfusion:
            if (t - phase_start_ns_ >= kReperfusionNs) begin_inflation();
            break;
        case DevicePhase::Inflated:
            if (protocol_active_) run_protocol();
            break;
        case DevicePhase::Finished: break;
    }
}

void SimSource::run_protocol() noexcept {
    const std::int64_t t = now_ns();
    if (!in_set_) {
        auto_contract_ = false;
        if (t < next_set_start_ns_) return;
        in_set_ = true;
        set_start_ns_ = t;
        push_event("set_start");
    }
    const std::int64_t into_set = t - set_start_ns_;
    const std::int64_t reps_in_set = static_cast<std::int64_t>(config_.set_reps[set_index_]);
    if (config_.pause_every_reps > 0 && config_.pause_ns > 0) {
        // Groups of pause_every_reps reps, each followed by a pause at rest.
        const std::int64_t group = static_cast<std::int64_t>(config_.pause_every_reps);
        const std::int64_t cycle = group * config_.rep_ns + config_.pause_ns;
        const std::int64_t in_cycle = into_set % cycle;
        const std::int64_t done = (into_set / cycle) * group + std::min(group, in_cycle / config_.rep_ns);
        if (done < reps_in_set) {
            auto_contract_ = in_cycle < group * config_.rep_ns && (in_cycle % config_.rep_ns) < config_.rep_ns / 2;
            return;
        }
    } else if (into_set / config_.rep_ns < reps_in_set) {
        auto_contract_ = (into_set % config_.rep_ns) < config_.rep_ns / 2;
        return;
    }
    auto_contract_ = false;
    in_set_ = false;
    push_event("set_end");
    ++set_index_;
    if (set_index_ >= config_.set_reps.size()) {
        protocol_active_ = false;
        regulator_.set_target_mmhg(0.0);
        phase_ = DevicePhase::Finished;
        phase_start_ns_ = t;
        push_event("deflate");
        return;
    }
    push_event("rest_start");
    next_set_start_ns_ = t + config_.rest_ns;
}

void SimSource::decide() noexcept {
    const std::int64_t t = now_ns();
    if (!scheduled_leak_done_ && config_.leak_start_ns >= 0 && t >= config_.leak_start_ns) {
        scheduled_leak_done_ = true;
        extra_leak_pct_per_10s_ = std::max(0.0, config_.leak_extra_pct_per_10s);
    }
    if (!scheduled_dropout_done_ && config_.dropout_start_ns >= 0 && t >= config_.dropout_start_ns) {
        scheduled_dropout_done_ = true;
        inject_dropout(config_.dropout_ns);
    }
    run_program();
    if (t % kFirmwareLoopNs == 0) {
        const double reading =
            sensor_reading_mmhg(true_cuff_mmhg(), hashed_gaussian(noise_key_, kNoiseCuff, t), cuff_.params());
        command_ = phase_ == DevicePhase::MeasuringLop ? lop_meter_.update(reading) : regulator_.update(reading);
    }
}

void SimSource::integrate() noexcept {
    const bool contract = auto_contract_ || user_contract_;
    const double occlusion = true_lop_mmhg_ > 0.0 ? cuff_.pressure_mmhg() / true_lop_mmhg_ : 0.0;
    patient_.step(contract, occlusion, kStepS);
    cuff_.step(command_, cuff_.params().limb_ml_per_effort * patient_.bulge_01(), extra_leak_pct_per_10s_, kStepS);
    ++step_;
}

void SimSource::emit(std::int64_t t_ns, std::vector<telemetry::Sample>& out) {
    if (t_ns >= dropout_start_ns_ && t_ns < dropout_end_ns_) return;
    telemetry::Sample& s = out.emplace_back();
    s.clear();
    s.t_ns = t_ns;
    const CuffParams& cp = cuff_.params();
    s.set(v1::kCuffMmhg, sensor_reading_mmhg(true_cuff_mmhg(), hashed_gaussian(noise_key_, kNoiseCuff, t_ns), cp));
    if (phase_ == DevicePhase::MeasuringLop) {
        s.set(v1::kTargetMmhg, lop_meter_.setpoint_mmhg());
    } else if (phase_ != DevicePhase::Idle) {
        s.set(v1::kTargetMmhg, regulator_.target_mmhg());
    }
    if (device_lop_mmhg_ > 0.0) s.set(v1::kLopMmhg, device_lop_mmhg_);
    s.set(v1::kLoadPct1rm, config_.load_pct_1rm);
    const double effort = patient_.effort_01() + kEffortNoiseSd * hashed_gaussian(noise_key_, kNoiseEffort, t_ns);
    s.set(v1::kEffort, std::clamp(effort, 0.0, 1.0));
    const Vec3 a = patient_.accel_g();
    s.set(v1::kAxG, a.x + kAccelNoiseSdG * hashed_gaussian(noise_key_, kNoiseAx, t_ns));
    s.set(v1::kAyG, a.y + kAccelNoiseSdG * hashed_gaussian(noise_key_, kNoiseAy, t_ns));
    s.set(v1::kAzG, a.z + kAccelNoiseSdG * hashed_gaussian(noise_key_, kNoiseAz, t_ns));
    const Vec3 g = patient_.gyro_dps();
    s.set(v1::kGxDps, g.x + kGyroNoiseSdDps * hashed_gaussian(noise_key_, kNoiseGx, t_ns));
    s.set(v1::kGyDps, g.y + kGyroNoiseSdDps * hashed_gaussian(noise_key_, kNoiseGy, t_ns));
    s.set(v1::kGzDps, g.z + kGyroNoiseSdDps * hashed_gaussian(noise_key_, kNoiseGz, t_ns));
    s.set(v1::kAngleDeg, patient_.angle_deg());
    if (event_count_ > 0) {
        const PendingEvent& e = events_[event_head_];
        s.event.assign(e.text.data(), e.len);
        event_head_ = (event_head_ + 1) % kEventCapacity;
        --event_count_;
    }
}

void SimSource::advance_to(std::int64_t t_ns, std::vector<telemetry::Sample>& out) {
    while (true) {
        if (!decided_) {
            decide();
            decided_ = true;
        }
        const std::int64_t step_end_ns = now_ns() + kStepNs;
        while (next_sample_ns_ <= t_ns && next_sample_ns_ < step_end_ns) {
            emit(next_sample_ns_, out);
            ++next_sample_index_;
            next_sample_ns_ = sample_time_ns(next_sample_index_);
        }
        if (step_end_ns > t_ns) break;
        integrate();
        decided_ = false;
    }
}

SimProbe SimSource::probe() const noexcept {
    SimProbe p;
    p.t_ns = now_ns();
    p.phase = phase_;
    p.true_cuff_mmhg = true_cuff_mmhg();
    p.true_lop_mmhg = true_lop_mmhg_;
    p.device_lop_mmhg = device_lop_mmhg_;
    p.target_mmhg = phase_ == DevicePhase::MeasuringLop ? lop_meter_.setpoint_mmhg() : regulator_.target_mmhg();
    p.pump_flow_ml_per_s = cuff_.pump_flow_ml_per_s();
    p.valve_01 = cuff_.valve_01();
    p.contracting = auto_contract_ || user_contract_;
    p.in_set = in_set_;
    p.fatigue_01 = patient_.fatigue_01();
    p.heart_rate_hz = patient_.heart_rate_hz();
    return p;
}

}  // namespace bfr::sim
