#include "game/modes/kiosk/kiosk_flow.hpp"

#include <algorithm>
#include <cmath>

namespace bfr::modes::kiosk {
namespace {

constexpr double kNsPerS = 1e9;

double clamp_or(double value, double lo, double hi, double fallback) noexcept {
    if (!std::isfinite(value)) return fallback;
    return std::clamp(value, lo, hi);
}

}  // namespace

const char* state_name(KioskState state) noexcept {
    switch (state) {
        case KioskState::Attract: return "attract";
        case KioskState::Play: return "play";
        case KioskState::StillThere: return "still_there";
        case KioskState::Result: return "result";
    }
    return "unknown";
}

const char* effect_name(Effect effect) noexcept {
    switch (effect) {
        case Effect::NewAttractCycle: return "new_attract_cycle";
        case Effect::StartRound: return "start_round";
        case Effect::ContractDown: return "contract_down";
        case Effect::ContractUp: return "contract_up";
        case Effect::EndRound: return "end_round";
        case Effect::ResetVisitor: return "reset_visitor";
        case Effect::SoundStart: return "sound_start";
        case Effect::SoundRep: return "sound_rep";
        case Effect::SoundRoundDone: return "sound_round_done";
        case Effect::SoundCountdown: return "sound_countdown";
    }
    return "unknown";
}

KioskTimings sanitized(const KioskTimings& t) noexcept {
    const KioskTimings d;
    KioskTimings s;
    s.idle_warning_s = clamp_or(t.idle_warning_s, 5.0, 600.0, d.idle_warning_s);
    s.countdown_s = clamp_or(t.countdown_s, 3.0, 120.0, d.countdown_s);
    s.result_s = clamp_or(t.result_s, 3.0, 120.0, d.result_s);
    s.result_guard_s = clamp_or(t.result_guard_s, 0.0, s.result_s, std::min(d.result_guard_s, s.result_s));
    s.round_max_s = clamp_or(t.round_max_s, 20.0, 600.0, d.round_max_s);
    s.round_reps = std::clamp<std::uint32_t>(t.round_reps, 1, 100);
    s.caption_s = clamp_or(t.caption_s, 2.0, 60.0, d.caption_s);
    s.attract_cycle_s = clamp_or(t.attract_cycle_s, 10.0, 3600.0, d.attract_cycle_s);
    return s;
}

KioskFlow::KioskFlow(const KioskTimings& timings, std::uint32_t caption_count)
    : timings_{sanitized(timings)}, caption_count_{std::max<std::uint32_t>(1, caption_count)} {}

std::int64_t KioskFlow::ns(double seconds) noexcept {
    return static_cast<std::int64_t>(std::llround(seconds * kNsPerS));
}

double KioskFlow::state_elapsed_s() const noexcept {
    return static_cast<double>(now_ns_ - state_start_ns_) / kNsPerS;
}

double KioskFlow::countdown_remaining_s() const noexcept {
    if (state_ != KioskState::StillThere) return 0.0;
    return std::max(0.0, timings_.countdown_s - state_elapsed_s());
}

double KioskFlow::result_remaining_s() const noexcept {
    if (state_ != KioskState::Result) return 0.0;
    return std::max(0.0, timings_.result_s - state_elapsed_s());
}

bool KioskFlow::can_play_again() const noexcept {
    return state_ == KioskState::Result && now_ns_ - state_start_ns_ >= ns(timings_.result_guard_s);
}

double KioskFlow::idle_s() const noexcept {
    return state_ == KioskState::Play ? static_cast<double>(idle_ns_) / kNsPerS : 0.0;
}

double KioskFlow::attract_elapsed_s() const noexcept {
    return state_ == KioskState::Attract ? static_cast<double>(now_ns_ - attract_start_ns_) / kNsPerS : 0.0;
}

std::uint32_t KioskFlow::caption_index() const noexcept {
    const double at = attract_elapsed_s() / timings_.caption_s;
    if (!(at >= 0.0)) return 0;
    const double last = static_cast<double>(caption_count_ - 1);
    return static_cast<std::uint32_t>(std::min(std::floor(at), last));
}

void KioskFlow::enter(KioskState next) {
    state_ = next;
    state_start_ns_ = now_ns_;
}

void KioskFlow::start_round(std::vector<Effect>& out) {
    attract_touched_ = false;
    out.push_back(Effect::StartRound);
    out.push_back(Effect::SoundStart);
    round_ = RoundStats{};
    round_.goal = timings_.round_reps;
    round_start_ns_ = now_ns_;
    idle_ns_ = 0;
    ++counters_.rounds_started;
    enter(KioskState::Play);
}

void KioskFlow::end_round(bool completed, std::vector<Effect>& out) {
    out.push_back(Effect::EndRound);
    out.push_back(Effect::SoundRoundDone);
    round_.completed = completed;
    round_.elapsed_s = static_cast<double>(now_ns_ - round_start_ns_) / kNsPerS;
    if (completed) {
        ++counters_.rounds_completed;
    } else {
        ++counters_.rounds_timed_out;
    }
    enter(KioskState::Result);
}

void KioskFlow::back_to_attract(std::vector<Effect>& out) {
    out.push_back(Effect::ResetVisitor);
    out.push_back(Effect::NewAttractCycle);
    attract_touched_ = false;
    round_ = RoundStats{};  // nothing of the visitor's round is kept
    idle_ns_ = 0;
    attract_start_ns_ = now_ns_;
    ++counters_.attract_cycles;
    enter(KioskState::Attract);
}

void KioskFlow::wake(std::vector<Effect>& /*out*/) {
    idle_ns_ = 0;
    if (state_ == KioskState::StillThere) {
        ++counters_.resumed;
        enter(KioskState::Play);
    }
}

void KioskFlow::contract_down(std::vector<Effect>& out) {
    input_seen();
    if (held_) return;  // already held (the input mapper merges devices; be safe anyway)
    held_ = true;
    switch (state_) {
        case KioskState::Attract: start_round(out); break;
        case KioskState::Play:
        case KioskState::StillThere: wake(out); break;
        case KioskState::Result:
            if (!can_play_again()) return;
            start_round(out);
            break;
    }
    out.push_back(Effect::ContractDown);
}

void KioskFlow::contract_up(std::vector<Effect>& out) {
    input_seen();
    if (!held_) return;
    held_ = false;
    if (state_ == KioskState::Play || state_ == KioskState::StillThere) {
        wake(out);
        out.push_back(Effect::ContractUp);
    }
}

void KioskFlow::press(std::vector<Effect>& out) {
    input_seen();
    switch (state_) {
        case KioskState::Attract: start_round(out); break;
        case KioskState::Play:
        case KioskState::StillThere: wake(out); break;
        case KioskState::Result:
            if (can_play_again()) start_round(out);
            break;
    }
}

void KioskFlow::activity(std::vector<Effect>& out) {
    input_seen();
    if (state_ == KioskState::Attract) attract_touched_ = true;
    if (state_ == KioskState::Play || state_ == KioskState::StillThere) wake(out);
}

void KioskFlow::tick(std::int64_t dt_ns, const Observation& obs, std::vector<Effect>& out) {
    if (dt_ns <= 0) return;
    now_ns_ += dt_ns;
    switch (state_) {
        case KioskState::Attract:
            if (attract_touched_ &&
                now_ns_ - last_input_ns_ >= ns(timings_.idle_warning_s) + ns(timings_.countdown_s)) {
                attract_touched_ = false;  // they looked, chose a language, and left
                out.push_back(Effect::ResetVisitor);
            }
            if (now_ns_ - attract_start_ns_ >= ns(timings_.attract_cycle_s)) {
                out.push_back(Effect::NewAttractCycle);
                attract_start_ns_ = now_ns_;
                ++counters_.attract_cycles;
            }
            break;
        case KioskState::Play:
        case KioskState::StillThere: {
            round_.elapsed_s = static_cast<double>(now_ns_ - round_start_ns_) / kNsPerS;
            if (obs.reps > 0) {
                round_.reps += obs.reps;
                out.push_back(Effect::SoundRep);
            }
            if (std::isfinite(obs.fill_01)) round_.fill_peak_01 = std::max(round_.fill_peak_01, obs.fill_01);
            if (std::isfinite(obs.swelling_pct)) {
                round_.swelling_peak_pct = std::max(round_.swelling_peak_pct, obs.swelling_pct);
            }
            if (round_.reps >= round_.goal) {
                end_round(true, out);
                break;
            }
            if (state_ == KioskState::Play) {
                if (!held_) idle_ns_ += dt_ns;
                if (idle_ns_ >= ns(timings_.idle_warning_s)) {
                    ++counters_.still_there;
                    last_countdown_second_ = -1;
                    enter(KioskState::StillThere);
                } else if (now_ns_ - round_start_ns_ >= ns(timings_.round_max_s)) {
                    end_round(false, out);
                    break;
                }
            }
            if (state_ == KioskState::StillThere) {
                const double left = countdown_remaining_s();
                if (left <= 0.0) {
                    ++counters_.abandoned;
                    back_to_attract(out);
                    break;
                }
                const auto second = static_cast<std::int64_t>(std::ceil(left));
                if (second != last_countdown_second_) {
                    last_countdown_second_ = second;
                    out.push_back(Effect::SoundCountdown);
                }
            }
            break;
        }
        case KioskState::Result:
            if (now_ns_ - state_start_ns_ >= ns(timings_.result_s)) back_to_attract(out);
            break;
    }
}

}  // namespace bfr::modes::kiosk
