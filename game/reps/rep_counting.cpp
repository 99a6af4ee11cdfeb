#include "game/reps/rep_counting.hpp"

#include "game/telemetry/format_v1.hpp"

#include <algorithm>
#include <cmath>

namespace bfr::reps {
namespace {

constexpr std::size_t idx(RepSignal s) noexcept {
    return static_cast<std::size_t>(s);
}

/// Most trustworthy first. The contract input is the user saying "this is a contraction", each
/// time, on purpose (kiosks, demos, the simulated cuff): nothing measures intent better.
constexpr std::array<RepSignal, 5> kPriority = {RepSignal::Contract, RepSignal::Effort, RepSignal::Angle,
                                                RepSignal::Motion, RepSignal::Pressure};

/// A contract press shorter than this is a tap, not a contraction.
constexpr std::int64_t kMinContractNs = 150'000'000;

}  // namespace

RepCounting::RepCounting(const RepCountingConfig& config)
    : config_{config},
      effort_{config.effort},
      angle_{config.angle},
      motion_{config.motion},
      pressure_{config.pressure} {
    motion_out_.reserve(32);
}

RepEvent RepCounting::from_effort(const EffortRep& r, RepSignal signal) const noexcept {
    // The phases run from when the movement left rest (not when it crossed the threshold).
    RepEvent e = timed_rep(signal, r.index, r.leave_ns, r.start_ns,
                           std::clamp(r.peak_ns, r.leave_ns, std::max(r.leave_ns, r.end_ns)), r.end_ns, r.commit_ns);
    // Range: for the angle, the share of the rig's range the rep reached; for effort, always full.
    const double reached = r.peak - r.rest_level;
    e.range = signal == RepSignal::Angle && reached < 0.7 ? RepRange::Partial : RepRange::Full;
    e.quality_01 = signal == RepSignal::Angle ? std::clamp(reached, 0.0, 1.0) : 1.0;
    return e;
}

void RepCounting::update_lead(std::int64_t t_ns) noexcept {
    for (const RepSignal s : kPriority) {
        if (seen_[idx(s)] && t_ns - last_ns_[idx(s)] <= kSignalLiveNs) {
            lead_ = s;
            return;
        }
    }
}

void RepCounting::report(const RepEvent& rep, std::vector<RepEvent>& out) {
    if (rep.signal != lead_) return;  // another signal leads: it counts this rep
    RepEvent r = rep;
    r.index = ++count_;
    out.push_back(r);
}

void RepCounting::push(const telemetry::Sample& s, std::vector<RepEvent>& out) {
    const std::int64_t t = s.t_ns;
    auto mark = [&](RepSignal signal) {
        seen_[idx(signal)] = true;
        last_ns_[idx(signal)] = t;
    };
    const bool effort = s.has(telemetry_v1::kEffort);
    const bool angle = s.has(telemetry_v1::kAngleDeg);
    const bool acc = s.has(telemetry_v1::kAxG) && s.has(telemetry_v1::kAyG) && s.has(telemetry_v1::kAzG);
    const bool gyro = s.has(telemetry_v1::kGxDps) && s.has(telemetry_v1::kGyDps) && s.has(telemetry_v1::kGzDps);
    const bool contract = s.event == "contract_down" || s.event == "contract_up";
    const bool cuff = s.has(telemetry_v1::kCuffMmhg);
    if (effort) mark(RepSignal::Effort);
    if (angle) mark(RepSignal::Angle);
    if (acc || gyro) mark(RepSignal::Motion);
    if (contract) mark(RepSignal::Contract);
    if (cuff) mark(RepSignal::Pressure);
    update_lead(t);

    if (effort) {
        if (const auto r = effort_.push(t, s.values[telemetry_v1::kEffort])) report(from_effort(*r, RepSignal::Effort), out);
    }
    if (angle) {
        const double span = config_.contracted_angle_deg - config_.rest_angle_deg;
        const double progress =
            std::fabs(span) > 1e-6 ? (s.values[telemetry_v1::kAngleDeg] - config_.rest_angle_deg) / span : 0.0;
        if (const auto r = angle_.push(t, progress)) report(from_effort(*r, RepSignal::Angle), out);
    }
    if (acc || gyro) {
        motion_out_.clear();
        motion_.push(t, s.get(telemetry_v1::kAxG), s.get(telemetry_v1::kAyG), s.get(telemetry_v1::kAzG),
                     s.get(telemetry_v1::kGxDps), s.get(telemetry_v1::kGyDps), s.get(telemetry_v1::kGzDps), motion_out_);
        for (const RepEvent& r : motion_out_) report(r, out);
    }
    if (cuff) {
        if (const auto r = pressure_.push(t, s.values[telemetry_v1::kCuffMmhg])) report(*r, out);
    }
    if (contract) {
        if (s.event == "contract_down" && !contract_held_) {
            contract_held_ = true;
            contract_down_ns_ = t;
        } else if (s.event == "contract_up" && contract_held_) {
            contract_held_ = false;
            if (t - contract_down_ns_ >= kMinContractNs) {
                // The hold is the contraction; it ends with the release.
                report(timed_rep(RepSignal::Contract, ++contract_count_, contract_down_ns_, contract_down_ns_, t, t, t),
                       out);
            }
        }
    }
}

void RepCounting::finish(std::vector<RepEvent>& out) {
    if (const auto r = effort_.finish()) report(from_effort(*r, RepSignal::Effort), out);
    if (const auto r = angle_.finish()) report(from_effort(*r, RepSignal::Angle), out);
    motion_out_.clear();
    motion_.finish(motion_out_);
    for (const RepEvent& r : motion_out_) report(r, out);
    if (const auto r = pressure_.finish()) report(*r, out);
}

}  // namespace bfr::reps
