#include "game/protocol/protocol_runner.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <utility>

namespace bfr::protocol {

namespace {

constexpr double kNanosPerSecond = 1e9;
constexpr std::int64_t kMaxNs = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMinNs = std::numeric_limits<std::int64_t>::min();

/// Seconds to ns; 0 for anything not positive and finite; at most a million seconds.
std::int64_t to_ns(double s) noexcept {
    if (!std::isfinite(s) || s <= 0.0) return 0;
    return static_cast<std::int64_t>(std::llround(std::min(s, 1e6) * kNanosPerSecond));
}

double to_s(std::int64_t ns) noexcept {
    return static_cast<double>(ns) / kNanosPerSecond;
}

std::int64_t add_sat(std::int64_t a, std::int64_t b) noexcept {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) return b > 0 ? kMaxNs : kMinNs;
    return r;
}

/// b - a, saturated.
std::int64_t diff_sat(std::int64_t b, std::int64_t a) noexcept {
    std::int64_t r = 0;
    if (__builtin_sub_overflow(b, a, &r)) return a < 0 ? kMaxNs : kMinNs;
    return r;
}

std::string format_number(double v) {
    std::array<char, 64> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return r.ec == std::errc{} ? std::string(buf.data(), r.ptr) : std::string("?");
}

}  // namespace

ProtocolRunner::ProtocolRunner(Protocol p, Limb limb) : protocol_(std::move(p)), limb_(limb) {
    rest_ns_ = to_ns(protocol_.rest_s);
    failure_pause_ns_ = to_ns(protocol_.failure_pause_s);
    concentric_ns_ = to_ns(protocol_.tempo.concentric_s);
    eccentric_ns_ = to_ns(protocol_.tempo.eccentric_s);
    pause_ns_ = to_ns(protocol_.tempo.pause_s);
    overshoot_window_ns_ = to_ns(1.5 * (to_s(concentric_ns_) + to_s(eccentric_ns_) + to_s(pause_ns_)));
}

std::uint32_t ProtocolRunner::set_count() const noexcept {
    return static_cast<std::uint32_t>(std::min<std::size_t>(protocol_.sets.size(), 0xFFFFFFFFU));
}

void ProtocolRunner::emit(RunnerEventKind kind, std::int64_t t_ns) {
    events_.push_back({kind, t_ns, set_number_});
}

void ProtocolRunner::advance(std::int64_t t_ns) {
    if (!clock_started_) {
        clock_started_ = true;
        stage_start_ns_ = t_ns;
    } else {
        t_ns = std::max(t_ns, now_ns_);
    }
    now_ns_ = t_ns;
    for (;;) {
        if (stage_ == Stage::Set && current_.to_failure && current_.reps > 0 &&
            diff_sat(now_ns_, last_rep_ns_) >= failure_pause_ns_) {
            finish_set(last_rep_ns_, SetEnd::Failure);
            continue;
        }
        if (stage_ == Stage::Rest && now_ns_ >= rest_end_ns_) {
            end_rest(rest_end_ns_, false);
            continue;
        }
        break;
    }
}

void ProtocolRunner::begin_set(std::int64_t t_ns) {
    ++set_number_;
    stage_ = Stage::Set;
    stage_start_ns_ = t_ns;
    const SetSpec& spec = protocol_.sets[set_number_ - 1];
    current_ = SetResult{};
    current_.start_ns = t_ns;
    current_.end_ns = t_ns;
    current_.target_reps = spec.reps;
    current_.to_failure = spec.to_failure;
    overshoot_open_ = false;
    cue_anchor_ns_ = t_ns;
    ++cue_generation_;
    emit(RunnerEventKind::SetStarted, t_ns);
}

void ProtocolRunner::finish_set(std::int64_t t_ns, SetEnd how) {
    current_.end_ns = t_ns;
    switch (how) {
        case SetEnd::Target: current_.ended_early = false; break;
        case SetEnd::Patient:
            current_.ended_early = current_.reps < std::max<std::uint32_t>(current_.target_reps, 1);
            break;
        case SetEnd::Failure: current_.ended_early = current_.reps < current_.target_reps; break;
        case SetEnd::Stopped: current_.ended_early = true; break;
    }
    sets_.push_back(current_);
    emit(RunnerEventKind::SetCompleted, t_ns);
    overshoot_open_ = (how == SetEnd::Target || how == SetEnd::Patient) && current_.reps > 0;
    if (how == SetEnd::Stopped) return;  // stop() finishes the session
    if (set_number_ >= set_count()) {
        stage_ = Stage::Done;
        stage_start_ns_ = t_ns;
        emit(RunnerEventKind::SessionCompleted, t_ns);
    } else if (rest_ns_ > 0) {
        stage_ = Stage::Rest;
        stage_start_ns_ = t_ns;
        rest_end_ns_ = add_sat(t_ns, rest_ns_);
        emit(RunnerEventKind::RestStarted, t_ns);
    } else {
        begin_set(t_ns);
    }
}

void ProtocolRunner::end_rest(std::int64_t t_ns, bool cut_short) {
    if (cut_short) emit(RunnerEventKind::RestCutShort, t_ns);
    emit(RunnerEventKind::RestEnded, t_ns);
    begin_set(t_ns);
}

void ProtocolRunner::count_in_set(std::int64_t t_ns) {
    ++current_.reps;
    ++total_reps_;
    last_rep_ns_ = t_ns;
    // The cue is a metronome from the set's start: a counted rep does not move it. (Counters commit
    // a rep at different points of the movement — the effort counter as the lift ends, the motion
    // counter as the excursion turns — so re-synchronising to them would make the guide chase the
    // counter: a patient following it was cued to lift again at every commit.)
    if (!current_.to_failure && current_.reps >= current_.target_reps) finish_set(t_ns, SetEnd::Target);
}

bool ProtocolRunner::take_overshoot(std::int64_t t_ns) {
    if (!overshoot_open_ || sets_.empty()) return false;
    if (diff_sat(t_ns, last_rep_ns_) > overshoot_window_ns_) {
        overshoot_open_ = false;
        return false;
    }
    SetResult& s = sets_.back();
    ++s.reps;
    s.end_ns = t_ns;
    s.ended_early = s.ended_early && s.reps < std::max<std::uint32_t>(s.target_reps, 1);
    ++total_reps_;
    last_rep_ns_ = t_ns;
    return true;
}

void ProtocolRunner::start(std::int64_t t_ns) {
    advance(t_ns);
    if (stage_ != Stage::Ready) return;
    if (protocol_.sets.empty()) {
        stage_ = Stage::Done;
        stage_start_ns_ = now_ns_;
        emit(RunnerEventKind::SessionCompleted, now_ns_);
        return;
    }
    begin_set(now_ns_);
}

void ProtocolRunner::on_rep(std::int64_t t_ns) {
    advance(t_ns);
    const std::int64_t t = now_ns_;
    switch (stage_) {
        case Stage::Ready: ++warmup_reps_; break;
        case Stage::Set: count_in_set(t); break;
        case Stage::Rest:
            if (take_overshoot(t)) break;
            end_rest(t, true);
            count_in_set(t);
            break;
        case Stage::Done:
            if (!take_overshoot(t)) ++extra_reps_;
            break;
    }
}

void ProtocolRunner::end_set(std::int64_t t_ns) {
    advance(t_ns);
    if (stage_ == Stage::Set) finish_set(now_ns_, SetEnd::Patient);
}

void ProtocolRunner::skip_rest(std::int64_t t_ns) {
    advance(t_ns);
    if (stage_ == Stage::Rest) end_rest(now_ns_, true);
}

void ProtocolRunner::update(std::int64_t t_ns) {
    advance(t_ns);
    CueDirection dir = CueDirection::None;
    double progress = 0.0;
    std::int64_t index = -1;
    cue_at(now_ns_, dir, progress, index);
    const bool same_anchor = cue_generation_ == cue_prev_generation_;
    cue_tick_ = dir != CueDirection::None &&
                ((same_anchor && index != cue_prev_index_) || (!same_anchor && dir != cue_prev_direction_));
    cue_prev_generation_ = cue_generation_;
    cue_prev_index_ = index;
    cue_prev_direction_ = dir;
}

void ProtocolRunner::stop(std::int64_t t_ns) {
    advance(t_ns);
    const std::int64_t t = now_ns_;
    switch (stage_) {
        case Stage::Done: return;
        case Stage::Ready: break;
        case Stage::Set: finish_set(t, SetEnd::Stopped); break;
        case Stage::Rest: emit(RunnerEventKind::RestEnded, t); break;
    }
    stopped_ = true;
    overshoot_open_ = false;
    stage_ = Stage::Done;
    stage_start_ns_ = t;
    emit(RunnerEventKind::SessionCompleted, t);
}

std::uint32_t ProtocolRunner::reps_in_set() const noexcept {
    switch (stage_) {
        case Stage::Ready: return 0;
        case Stage::Set: return current_.reps;
        case Stage::Rest:
        case Stage::Done: return sets_.empty() ? 0 : sets_.back().reps;
    }
    return 0;
}

std::uint32_t ProtocolRunner::target_reps() const noexcept {
    if (set_number_ == 0 || set_number_ > protocol_.sets.size()) return 0;
    const SetSpec& spec = protocol_.sets[set_number_ - 1];
    return spec.to_failure ? 0 : spec.reps;
}

std::uint32_t ProtocolRunner::next_target_reps() const noexcept {
    if (set_number_ >= protocol_.sets.size()) return 0;
    const SetSpec& spec = protocol_.sets[set_number_];
    return spec.to_failure ? 0 : spec.reps;
}

double ProtocolRunner::rest_remaining_s(std::int64_t t_ns) const noexcept {
    if (stage_ != Stage::Rest) return 0.0;
    return to_s(std::max<std::int64_t>(0, diff_sat(rest_end_ns_, t_ns)));
}

double ProtocolRunner::stage_elapsed_s(std::int64_t t_ns) const noexcept {
    if (!clock_started_) return 0.0;
    return to_s(std::max<std::int64_t>(0, diff_sat(t_ns, stage_start_ns_)));
}

double ProtocolRunner::target_pct_lop(std::int64_t t_ns) const noexcept {
    switch (stage_) {
        case Stage::Ready:
        case Stage::Set: return protocol_.target_pct_lop(limb_);
        case Stage::Rest:
            if (protocol_.cuff_in_rest == CuffInRest::KeepOn || t_ns >= rest_end_ns_)
                return protocol_.target_pct_lop(limb_);
            return 0.0;
        case Stage::Done: return 0.0;
    }
    return 0.0;
}

void ProtocolRunner::cue_at(std::int64_t t_ns, CueDirection& dir, double& progress,
                            std::int64_t& index) const noexcept {
    dir = CueDirection::None;
    progress = 0.0;
    index = -1;
    if (stage_ != Stage::Set) return;
    const std::int64_t cycle = add_sat(add_sat(concentric_ns_, eccentric_ns_), pause_ns_);
    if (cycle <= 0) return;
    const std::int64_t elapsed = std::max<std::int64_t>(0, diff_sat(t_ns, cue_anchor_ns_));
    const std::int64_t cycles = elapsed / cycle;
    const std::int64_t pos = elapsed % cycle;
    std::int64_t slot = 0;
    if (pos < concentric_ns_) {
        dir = CueDirection::Up;
        progress = to_s(pos) / to_s(concentric_ns_);
    } else if (pos < concentric_ns_ + eccentric_ns_) {
        dir = CueDirection::Down;
        progress = to_s(pos - concentric_ns_) / to_s(eccentric_ns_);
        slot = 1;
    } else {
        dir = CueDirection::Hold;
        progress = to_s(pos - concentric_ns_ - eccentric_ns_) / to_s(pause_ns_);
        slot = 2;
    }
    progress = std::clamp(progress, 0.0, 1.0);
    index = std::min<std::int64_t>(cycles, kMaxNs / 4) * 3 + slot;
}

TempoCue ProtocolRunner::tempo_cue(std::int64_t t_ns) const noexcept {
    TempoCue cue;
    std::int64_t index = -1;
    cue_at(std::max(t_ns, now_ns_), cue.direction, cue.progress_01, index);
    cue.tick = cue.direction != CueDirection::None && cue_tick_;
    return cue;
}

std::vector<RunnerEvent> ProtocolRunner::take_events() {
    return std::exchange(events_, {});
}

LoadAdvice advise_next_load(const Protocol& protocol, const std::vector<SetResult>& sets, double load_pct1rm) {
    LoadAdvice a;
    a.load_pct1rm = std::isfinite(load_pct1rm) ? load_pct1rm : protocol.load_pct1rm;
    const std::string keep = "keep the load at " + format_number(a.load_pct1rm) + " %1RM";
    if (sets.empty()) {
        a.reason = "No set was done: " + keep + ".";
        return a;
    }
    if (sets.size() < protocol.sets.size()) {
        a.reason = "The session was cut short (" + std::to_string(sets.size()) + " of " +
                   std::to_string(protocol.sets.size()) + " sets): " + keep + ".";
        return a;
    }
    for (std::size_t i = 0; i < sets.size(); ++i) {
        if (!sets[i].ended_early) continue;
        const std::string done =
            sets[i].to_failure && sets[i].target_reps == 0
                ? "after " + std::to_string(sets[i].reps) + " reps"
                : std::to_string(sets[i].reps) + " of " + std::to_string(sets[i].target_reps) + " reps";
        a.reason = "Set " + std::to_string(i + 1) + " ended early (" + done + "): " + keep + ".";
        return a;
    }
    const SetResult& last = sets.back();
    const Progression& g = protocol.progression;
    const std::uint32_t threshold = g.last_set_threshold_reps > 0 ? g.last_set_threshold_reps
                                    : last.target_reps > 0        ? last.target_reps
                                                                  : 15;
    const std::string did = "The last set did " + std::to_string(last.reps) + " reps";
    if (last.reps <= threshold) {
        a.reason = did + ", not more than " + std::to_string(threshold) + ": " + keep + ".";
        return a;
    }
    const double max_load = g.max_load_pct1rm;
    const double step = g.load_increment_pct1rm;
    if (!std::isfinite(step) || step <= 0.0 || !std::isfinite(max_load) || a.load_pct1rm >= max_load) {
        a.reason = did + ", more than " + std::to_string(threshold) + ", but the load is already at the maximum of " +
                   format_number(max_load) + " %1RM: " + keep + ".";
        return a;
    }
    const double next = std::min(a.load_pct1rm + step, max_load);
    a.reason = did + ", more than " + std::to_string(threshold) + ": next time " + format_number(next) + " %1RM (+" +
               format_number(next - a.load_pct1rm) + ") [B12].";
    a.load_pct1rm = next;
    a.increase = true;
    return a;
}

}  // namespace bfr::protocol
