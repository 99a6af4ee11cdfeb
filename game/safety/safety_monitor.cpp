#include "game/safety/safety_monitor.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace bfr::safety {
namespace {

constexpr double kNsPerS = 1e9;
/// Longest limit in ns (about 292 years / 4: sums of two stay far from overflow).
constexpr std::int64_t kMaxLimitNs = std::numeric_limits<std::int64_t>::max() / 4;

/// A limit in seconds as integer nanoseconds: NaN or negative → 0, huge → kMaxLimitNs.
std::int64_t ns_from_s(double s) noexcept {
    if (!(s > 0.0)) return 0;
    const double ns = s * kNsPerS;
    if (!(ns < static_cast<double>(kMaxLimitNs))) return kMaxLimitNs;
    return static_cast<std::int64_t>(std::llround(ns));
}

double s_from_ns(std::int64_t ns) noexcept {
    return static_cast<double>(ns) / kNsPerS;
}

/// A limit for messages: "10", "1.5", "20".
std::string figure(double v) {
    return fmt::format("{:g}", v);
}

/// A prescribed pressure for messages: whole mmHg when it is one, else one decimal ("76.5").
std::string mmhg(double v) {
    const double tenths = std::round(v * 10.0) / 10.0;
    return std::fabs(tenths - std::round(tenths)) < 1e-9 ? fmt::format("{:.0f}", tenths)
                                                         : fmt::format("{:.1f}", tenths);
}

bool starts_with(std::string_view s, std::string_view prefix) noexcept {
    return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

}  // namespace

SafetyMonitor::SafetyMonitor(const Limits& limits)
    : limits_{limits},
      above_lop_hold_ns_{ns_from_s(limits.above_lop_hold_s)},
      band_tolerance_ns_{ns_from_s(limits.out_of_band_tolerance_s)},
      settle_ns_{ns_from_s(limits.settle_s)},
      warning_ns_{ns_from_s(limits.occlusion_warning_s)},
      limit_ns_{ns_from_s(limits.occlusion_limit_s)},
      session_limit_ns_{ns_from_s(limits.session_occlusion_limit_s)},
      break_ns_{ns_from_s(limits.exercise_break_s)},
      sensor_timeout_ns_{ns_from_s(limits.sensor_timeout_s)},
      leak_window_ns_{ns_from_s(limits.leak_window_s)},
      clear_ns_{ns_from_s(limits.clear_after_s)},
      deflate_expected_ns_{ns_from_s(limits.deflate_expected_s)},
      lop_measurement_max_ns_{ns_from_s(limits.lop_measurement_max_s)},
      lop_mmHg_{std::numeric_limits<double>::quiet_NaN()},
      target_mmHg_{std::numeric_limits<double>::quiet_NaN()} {}

// --- Inputs --------------------------------------------------------------------------------------

void SafetyMonitor::set_lop(double lop_mmHg) noexcept {
    lop_mmHg_ = std::isfinite(lop_mmHg) && lop_mmHg > 0.0 ? lop_mmHg : std::numeric_limits<double>::quiet_NaN();
}

bool SafetyMonitor::target_set() const noexcept {
    return std::isfinite(target_mmHg_);
}

void SafetyMonitor::set_target(double target_mmHg) noexcept {
    const double next =
        std::isfinite(target_mmHg) && target_mmHg > 0.0 ? target_mmHg : std::numeric_limits<double>::quiet_NaN();
    const bool was_set = target_set();
    const bool now_set = std::isfinite(next);
    if (now_set && inflated_) {
        const bool moved = !was_set || std::fabs(next - target_mmHg_) > limits_.band_fraction * next;
        if (moved) {
            // A new target while inflated: the regulator moves to it; judge the band once it has.
            settling_ = true;
            settle_until_ns_ = latest_ns_ + settle_ns_;
            band_above_ns_ = 0;
            band_below_ns_ = 0;
        }
    }
    target_mmHg_ = next;
}

void SafetyMonitor::see(std::int64_t t_ns) noexcept {
    latest_ns_ = std::max(latest_ns_, t_ns);
}

void SafetyMonitor::on_sample(std::int64_t t_ns, double cuff_mmHg) {
    if (have_sample_ && t_ns < last_sample_ns_) return;  // time going backwards: ignored
    if (have_sample_) {
        check_sensor(t_ns);  // a gap longer than the timeout is an episode even if no update saw it
        if (episodes_[kSensor].active) clear(kSensor, t_ns);
    }
    advance_clocks(t_ns);
    have_sample_ = true;
    last_sample_ns_ = t_ns;
    see(t_ns);
    expire(t_ns);
    if (std::isfinite(cuff_mmHg)) on_pressure(t_ns, cuff_mmHg);
}

void SafetyMonitor::on_discomfort(std::int64_t t_ns, int level_0_10) {
    if (level_0_10 < 0 || level_0_10 > 10) return;
    t_ns = std::max(t_ns, latest_ns_);  // the log stays in time order; a report is never dropped
    see(t_ns);
    const int stop = limits_.discomfort_stop_above;
    if (level_0_10 > stop) {
        if (!episodes_[kDiscomfort].active) {
            raise(kDiscomfort, AlarmKind::Discomfort, Action::Stop, true, t_ns, level_0_10,
                  fmt::format("You rated your discomfort {}/10, above {}/10: stop the exercise and release the "
                              "cuff now, and tell your therapist.",
                              level_0_10, stop));
        }
        return;
    }
    if (episodes_[kDiscomfort].active) clear(kDiscomfort, t_ns);
    if (level_0_10 >= limits_.discomfort_notice_from) {
        notice(NoticeKind::Discomfort, t_ns,
               fmt::format("You rated your discomfort {}/10: tell your therapist. Above {}/10 the exercise stops.",
                           level_0_10, stop));
    }
}

void SafetyMonitor::on_deflate(std::int64_t t_ns) noexcept {
    see(t_ns);
    deflating_ = true;
    deflate_ns_ = std::max(t_ns, latest_ns_);
    measuring_lop_ = false;
}

void SafetyMonitor::on_inflate(std::int64_t t_ns) noexcept {
    see(t_ns);
    deflating_ = false;
}

void SafetyMonitor::on_lop_measurement(std::int64_t t_ns, bool running) noexcept {
    see(t_ns);
    measuring_lop_ = running;
    measuring_since_ns_ = std::max(t_ns, latest_ns_);
    above_lop_since_ns_ = -1;
    band_above_ns_ = 0;
    band_below_ns_ = 0;
}

void SafetyMonitor::on_event(std::int64_t t_ns, std::string_view event) {
    if (const auto level = discomfort_level(event)) {
        on_discomfort(t_ns, *level);
    } else if (event == "deflate") {
        on_deflate(t_ns);
    } else if (event == "inflate") {
        on_inflate(t_ns);
    } else if (event == "note:lop_measurement") {
        on_lop_measurement(t_ns, true);
    } else if (starts_with(event, "lop_measured:") || event == "note:lop_not_found") {
        on_lop_measurement(t_ns, false);
    }
}

void SafetyMonitor::update(std::int64_t now_ns) {
    if (have_update_ && now_ns < last_update_ns_) return;
    have_update_ = true;
    last_update_ns_ = now_ns;
    check_sensor(now_ns);
    advance_clocks(now_ns);
    see(now_ns);
    expire(now_ns);
}

// --- Alarms --------------------------------------------------------------------------------------

void SafetyMonitor::raise(Condition c, AlarmKind kind, Action action, bool deflate_cuff, std::int64_t t_ns,
                          double value, std::string message) {
    Alarm a;
    a.id = static_cast<std::uint32_t>(alarms_.size() + 1);
    a.kind = kind;
    a.action = action;
    a.deflate_cuff = deflate_cuff;
    a.t_ns = t_ns;
    a.value = value;
    a.message = std::move(message);
    episodes_[c] = Episode{true, alarms_.size(), -1};
    alarms_.push_back(std::move(a));
}

void SafetyMonitor::clear(Condition c, std::int64_t t_ns) noexcept {
    Episode& e = episodes_[c];
    if (!e.active) return;
    Alarm& a = alarms_[e.index];
    a.active = false;
    a.cleared_ns = std::max(t_ns, a.t_ns);
    e = Episode{};
}

void SafetyMonitor::hold_or_clear(Condition c, bool present, std::int64_t t_ns) noexcept {
    Episode& e = episodes_[c];
    if (!e.active) return;
    if (present) {
        e.absent_ns = -1;
        return;
    }
    if (e.absent_ns < 0) e.absent_ns = t_ns;
    if (t_ns - e.absent_ns >= clear_ns_) clear(c, t_ns);
}

void SafetyMonitor::notice(NoticeKind kind, std::int64_t t_ns, std::string text) {
    notices_.push_back(Notice{t_ns, std::move(text), kind});
}

bool SafetyMonitor::acknowledge(std::uint32_t id, std::int64_t t_ns) noexcept {
    if (id == 0 || id > alarms_.size()) return false;
    Alarm& a = alarms_[id - 1];
    if (!a.acknowledged) {
        a.acknowledged = true;
        a.acknowledged_ns = t_ns;
    }
    return true;
}

void SafetyMonitor::acknowledge_all(std::int64_t t_ns) noexcept {
    for (Alarm& a : alarms_) {
        if (!a.acknowledged) {
            a.acknowledged = true;
            a.acknowledged_ns = t_ns;
        }
    }
}

std::vector<Alarm> SafetyMonitor::take_new() {
    std::vector<Alarm> out(alarms_.begin() + static_cast<std::ptrdiff_t>(new_alarms_from_), alarms_.end());
    new_alarms_from_ = alarms_.size();
    return out;
}

std::vector<Notice> SafetyMonitor::take_new_notices() {
    std::vector<Notice> out(notices_.begin() + static_cast<std::ptrdiff_t>(new_notices_from_), notices_.end());
    new_notices_from_ = notices_.size();
    return out;
}

std::size_t SafetyMonitor::unacknowledged() const noexcept {
    return static_cast<std::size_t>(
        std::count_if(alarms_.begin(), alarms_.end(), [](const Alarm& a) { return !a.acknowledged; }));
}

bool SafetyMonitor::must_deflate() const noexcept {
    return std::any_of(episodes_.begin(), episodes_.end(),
                       [this](const Episode& e) { return e.active && alarms_[e.index].deflate_cuff; });
}

SafetyStatus SafetyMonitor::status() const noexcept {
    SafetyStatus s;
    s.occlusion_run_s = s_from_ns(run_ns_);
    s.occlusion_session_s = s_from_ns(session_ns_);
    s.inflated = inflated_;
    s.assessed = band_state_ == BandState::InBand || band_state_ == BandState::Above || band_state_ == BandState::Below;
    s.in_band = band_state_ == BandState::InBand;
    s.sensor_live = have_sample_ && !episodes_[kSensor].active;
    s.measuring_lop = measuring_lop_;
    s.held_mmHg = have_pressure_ ? held_mmHg_ : 0.0;
    return s;
}

// --- Rules ---------------------------------------------------------------------------------------

void SafetyMonitor::expire(std::int64_t t_ns) noexcept {
    if (deflating_ && t_ns - deflate_ns_ > deflate_expected_ns_) deflating_ = false;
    if (measuring_lop_ && t_ns - measuring_since_ns_ > lop_measurement_max_ns_) measuring_lop_ = false;
}

void SafetyMonitor::check_sensor(std::int64_t now_ns) {
    if (!have_sample_ || episodes_[kSensor].active) return;
    if (now_ns - last_sample_ns_ <= sensor_timeout_ns_) return;
    const std::int64_t t = last_sample_ns_ + sensor_timeout_ns_;
    raise(kSensor, AlarmKind::SensorLost, Action::Stop, true, t, limits_.sensor_timeout_s,
          fmt::format("No reading from the cuff for over {} s (the last at {:.1f} s): its pressure cannot be "
                      "watched. Stop the exercise and release the cuff.",
                      figure(limits_.sensor_timeout_s), s_from_ns(last_sample_ns_)));
}

void SafetyMonitor::advance_clocks(std::int64_t to_ns) {
    if (!clocks_started_ || to_ns <= accounted_ns_) return;
    const std::int64_t from = accounted_ns_;
    const std::int64_t dt = to_ns - from;
    accounted_ns_ = to_ns;
    if (!occluded_) {
        if (run_ns_ > 0 && to_ns - deflated_since_ns_ >= break_ns_) {
            run_ns_ = 0;  // an exercise break: the next exercise's clock starts from zero
            warned_ = false;
        }
        return;
    }
    if (!warned_ && run_ns_ + dt >= warning_ns_) {
        warned_ = true;
        const std::int64_t t = from + std::max<std::int64_t>(0, warning_ns_ - run_ns_);
        notice(NoticeKind::OcclusionWarning, t,
               fmt::format("The cuff has been on for {} min in this exercise: it must come off at {} min.",
                           figure(limits_.occlusion_warning_s / 60.0), figure(limits_.occlusion_limit_s / 60.0)));
    }
    // When the first limit is reached inside this interval (or at its start if already over).
    const std::int64_t to_run = std::max<std::int64_t>(0, limit_ns_ - run_ns_);
    const std::int64_t to_session = std::max<std::int64_t>(0, session_limit_ns_ - session_ns_);
    run_ns_ += dt;
    session_ns_ += dt;
    if (!episodes_[kOcclusion].active && (to_run <= dt || to_session <= dt)) {
        check_occlusion(from + std::min(to_run, to_session), to_run <= to_session);
    }
}

void SafetyMonitor::check_occlusion(std::int64_t t_ns, bool run_first) {
    if (episodes_[kOcclusion].active || !occluded_) return;
    const bool run_over = run_ns_ >= limit_ns_;
    const bool session_over = session_ns_ >= session_limit_ns_;
    if (!run_over && !session_over) return;
    if (run_over && (run_first || !session_over)) {
        raise(kOcclusion, AlarmKind::OcclusionTime, Action::Deflate, true, t_ns, limits_.occlusion_limit_s,
              fmt::format("The cuff has been on for {} min in this exercise, the limit: deflate now and rest at "
                          "least {} min with the cuff off before going on.",
                          figure(limits_.occlusion_limit_s / 60.0), figure(limits_.exercise_break_s / 60.0)));
    } else {
        raise(kOcclusion, AlarmKind::OcclusionTime, Action::Deflate, true, t_ns, limits_.session_occlusion_limit_s,
              fmt::format("The cuff has been on for {} min in this session, the limit: deflate now; no more "
                          "occlusion in this session.",
                          figure(limits_.session_occlusion_limit_s / 60.0)));
    }
}

void SafetyMonitor::on_pressure(std::int64_t t_ns, double cuff_mmHg) {
    const std::int64_t dt_ns = have_pressure_ ? t_ns - last_pressure_ns_ : 0;
    const double dt_s = s_from_ns(dt_ns);
    const bool was_inflated = inflated_;
    if (!have_pressure_) {
        held_mmHg_ = cuff_mmHg;
        leak_level_mmHg_ = cuff_mmHg;
        rate_mmHg_s_ = 0.0;
    } else if (dt_ns > 0) {
        const auto follow = [dt_s](double& level, double p, double rise_tau_s, double fall_tau_s) {
            const double tau = p > level ? rise_tau_s : fall_tau_s;
            level += (p - level) * (tau > 0.0 ? 1.0 - std::exp(-dt_s / tau) : 1.0);
        };
        follow(held_mmHg_, cuff_mmHg, limits_.held_rise_tau_s, limits_.held_fall_tau_s);
        follow(leak_level_mmHg_, cuff_mmHg, limits_.leak_rise_tau_s, limits_.held_fall_tau_s);
        const double raw = (cuff_mmHg - last_cuff_mmHg_) / dt_s;
        const double alpha = limits_.ramp_smoothing_s > 0.0 ? 1.0 - std::exp(-dt_s / limits_.ramp_smoothing_s) : 1.0;
        rate_mmHg_s_ += alpha * (raw - rate_mmHg_s_);
    }
    inflated_ = cuff_mmHg >= limits_.occluded_from_mmHg;
    if (have_pressure_ && inflated_ && !was_inflated) {
        // The cuff rises through the occlusion threshold: an inflation (a recording that starts
        // inflated has none: it was regulated already).
        settling_ = true;
        settle_until_ns_ = t_ns + settle_ns_;
        deflating_ = false;
        leak_armed_ = true;
        leak_window_.clear();
    }
    if (!inflated_) deflating_ = false;  // the cuff is down: a deflation is over
    have_pressure_ = true;
    last_pressure_ns_ = t_ns;
    last_cuff_mmHg_ = cuff_mmHg;

    check_ceiling(t_ns, cuff_mmHg);
    check_above_lop(t_ns, cuff_mmHg);
    check_band(t_ns, dt_ns);
    check_leak(t_ns);

    // Occlusion: the clocks run on the latest measured state (sample and hold).
    if (!clocks_started_) {
        clocks_started_ = true;
        accounted_ns_ = t_ns;
    }
    if (occluded_ && !inflated_) deflated_since_ns_ = t_ns;
    occluded_ = inflated_;
    hold_or_clear(kOcclusion, occluded_, t_ns);
    check_occlusion(t_ns, false);
}

void SafetyMonitor::check_ceiling(std::int64_t t_ns, double cuff_mmHg) {
    const bool above = cuff_mmHg > limits_.ceiling_mmHg;
    hold_or_clear(kCeiling, above, t_ns);
    if (above && !episodes_[kCeiling].active) {
        raise(kCeiling, AlarmKind::PressureCeiling, Action::Deflate, true, t_ns, cuff_mmHg,
              fmt::format("Cuff at {:.0f} mmHg, above the safety ceiling of {} mmHg: deflate now.", cuff_mmHg,
                          mmhg(limits_.ceiling_mmHg)));
    }
}

void SafetyMonitor::check_above_lop(std::int64_t t_ns, double cuff_mmHg) {
    if (measuring_lop_ || !std::isfinite(lop_mmHg_)) {
        above_lop_since_ns_ = -1;  // suspended: neither raised nor cleared
        return;
    }
    const bool at_or_above = cuff_mmHg >= lop_mmHg_;
    hold_or_clear(kAboveLop, at_or_above, t_ns);
    if (!at_or_above) {
        above_lop_since_ns_ = -1;
        return;
    }
    if (above_lop_since_ns_ < 0) above_lop_since_ns_ = t_ns;
    if (!episodes_[kAboveLop].active && t_ns - above_lop_since_ns_ >= above_lop_hold_ns_) {
        raise(kAboveLop, AlarmKind::PressureAboveLop, Action::Deflate, true, t_ns, cuff_mmHg,
              fmt::format("Cuff at {:.0f} mmHg, at or above your limb occlusion pressure ({} mmHg) for {} s: "
                          "it stops the blood flow into the limb. Deflate now.",
                          cuff_mmHg, mmhg(lop_mmHg_), figure(limits_.above_lop_hold_s)));
    }
}

void SafetyMonitor::check_band(std::int64_t t_ns, std::int64_t dt_ns) {
    if (settling_ && t_ns >= settle_until_ns_) settling_ = false;
    const BandState previous = band_state_;
    if (!inflated_ || !target_set() || deflating_ || measuring_lop_) {
        band_state_ = BandState::NotApplicable;
    } else if (std::fabs(rate_mmHg_s_) > limits_.ramp_rate_mmHg_s || settling_) {
        band_state_ = BandState::Paused;
    } else {
        const double half = limits_.band_fraction * target_mmHg_;
        if (held_mmHg_ > target_mmHg_ + half) {
            band_state_ = BandState::Above;
        } else if (held_mmHg_ < target_mmHg_ - half) {
            band_state_ = BandState::Below;
        } else {
            band_state_ = BandState::InBand;
        }
    }

    switch (band_state_) {
        case BandState::NotApplicable:
            // No band to be in (deflated, deflating, no target, measuring LOP): the episode is over.
            if (!measuring_lop_) {
                clear(kBandAbove, t_ns);
                clear(kBandBelow, t_ns);
            }
            band_above_ns_ = 0;
            band_below_ns_ = 0;
            return;
        case BandState::Paused: return;  // a ramp or settling: the clocks hold
        case BandState::InBand:
            band_above_ns_ = 0;
            band_below_ns_ = 0;
            break;
        case BandState::Above:
            if (previous == BandState::Above) band_above_ns_ += dt_ns;
            band_below_ns_ = 0;
            break;
        case BandState::Below:
            if (previous == BandState::Below) band_below_ns_ += dt_ns;
            band_above_ns_ = 0;
            break;
    }
    hold_or_clear(kBandAbove, band_state_ == BandState::Above, t_ns);
    hold_or_clear(kBandBelow, band_state_ == BandState::Below, t_ns);

    const double lo = target_mmHg_ * (1.0 - limits_.band_fraction);
    const double hi = target_mmHg_ * (1.0 + limits_.band_fraction);
    if (band_above_ns_ > band_tolerance_ns_ && !episodes_[kBandAbove].active) {
        raise(kBandAbove, AlarmKind::PressureOutOfBand, Action::Lower10, false, t_ns, held_mmHg_,
              fmt::format("Cuff holding {:.0f} mmHg, above your band ({} to {} mmHg) for over {} s: "
                          "lower the pressure by 10 mmHg.",
                          held_mmHg_, mmhg(lo), mmhg(hi), figure(limits_.out_of_band_tolerance_s)));
    }
    if (band_below_ns_ > band_tolerance_ns_ && !episodes_[kBandBelow].active) {
        raise(kBandBelow, AlarmKind::PressureOutOfBand, Action::Stop, false, t_ns, held_mmHg_,
              fmt::format("Cuff holding {:.0f} mmHg, below your band ({} to {} mmHg) for over {} s: "
                          "pressure below the band. Stop the set and re-pump to {} mmHg.",
                          held_mmHg_, mmhg(lo), mmhg(hi), figure(limits_.out_of_band_tolerance_s), mmhg(target_mmHg_)));
    }
}

void SafetyMonitor::check_leak(std::int64_t t_ns) {
    const double level = leak_level_mmHg_;
    while (!leak_window_.empty() && leak_window_.back().level_mmHg <= level) leak_window_.pop_back();
    leak_window_.push_back(HeldPoint{t_ns, level});
    while (leak_window_.front().t_ns < t_ns - leak_window_ns_) leak_window_.pop_front();
    if (!inflated_ || !target_set() || deflating_ || measuring_lop_ || settling_) return;
    const double lo = target_mmHg_ * (1.0 - limits_.band_fraction);
    if (!leak_armed_) {
        // Back in (or above) the band once the drop has left the window: a new leak would be news.
        if (level >= lo && t_ns - leak_notice_ns_ > leak_window_ns_) leak_armed_ = true;
        return;
    }
    const HeldPoint& top = leak_window_.front();
    if (top.level_mmHg - level >= limits_.leak_drop_mmHg && level < lo) {
        leak_armed_ = false;
        leak_notice_ns_ = t_ns;
        notice(NoticeKind::Leak, t_ns,
               fmt::format("Possible leak: the cuff fell from {:.0f} to {:.0f} mmHg within {:.1f} s. Check the cuff "
                           "and re-pump to {} mmHg.",
                           top.level_mmHg, level, s_from_ns(t_ns - top.t_ns), mmhg(target_mmHg_)));
    }
}

}  // namespace bfr::safety
