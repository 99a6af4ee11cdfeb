#include "game/gamification/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace bfr::gamification {

bool on_tempo(double rep_s, double guide_s) noexcept {
    if (!(guide_s > 0.0)) return true;
    return std::fabs(rep_s - guide_s) <= kTempoTolerance01 * guide_s;
}

bool in_band(double cuff_pct_lop, double target_pct_lop, double band_fraction) noexcept {
    const double half_width = std::fabs(band_fraction * target_pct_lop);
    return std::fabs(cuff_pct_lop - target_pct_lop) <= half_width;
}

RepJudgement judge_rep(const reps::RepEvent& rep, double guide_movement_s, bool cuff_in_band) noexcept {
    RepJudgement j;
    j.full_range = rep.range == reps::RepRange::Full;
    j.on_tempo = on_tempo(rep.first_phase_s + rep.second_phase_s, guide_movement_s);
    j.in_band = cuff_in_band;
    j.quality_01 = rep.quality_01;
    return j;
}

RepScore score_rep(const RepJudgement& judgement, std::uint32_t combo_before) noexcept {
    RepScore s;
    if (!judgement.in_band) {
        // Score gate (product.md §4 rule 11): nothing at all, and the combo ends.
        s.gated = true;
        s.combo_broken = combo_before > 0;
        return s;
    }
    s.base_points = kBasePoints + kInBandBonus + (judgement.full_range ? kFullRangeBonus : 0U) +
                    (judgement.on_tempo ? kOnTempoBonus : 0U);
    s.good = judgement.full_range && judgement.on_tempo;
    s.combo_after = s.good ? combo_before + 1 : 0U;
    s.combo_broken = !s.good && combo_before > 0;
    s.multiplier_pct = combo_multiplier_pct(s.combo_after);
    s.points = (s.base_points * s.multiplier_pct + 50U) / 100U;
    return s;
}

Goal clamp_goal(std::uint32_t requested, std::uint32_t band_lo, std::uint32_t band_hi) noexcept {
    if (band_lo > band_hi) std::swap(band_lo, band_hi);
    return Goal{std::clamp(requested, band_lo, band_hi)};
}

RepScore SessionScore::add_rep(const RepJudgement& judgement) noexcept {
    const RepScore s = score_rep(judgement, combo_);
    ++reps_;
    points_ += s.points;
    combo_ = s.combo_after;
    best_combo_ = std::max(best_combo_, combo_);
    if (s.good) ++good_reps_;
    if (s.gated) ++gated_reps_;
    quality_sum_ += std::clamp(judgement.quality_01, 0.0, 1.0);
    return s;
}

double SessionScore::good_rep_share_01() const noexcept {
    return reps_ == 0 ? 0.0 : static_cast<double>(good_reps_) / static_cast<double>(reps_);
}

double SessionScore::mean_quality_01() const noexcept {
    return reps_ == 0 ? 0.0 : quality_sum_ / static_cast<double>(reps_);
}

double SessionScore::goal_progress_01() const noexcept {
    if (goal_.reps == 0) return 0.0;
    return std::min(1.0, static_cast<double>(reps_) / static_cast<double>(goal_.reps));
}

std::uint32_t SessionScore::reps_to_goal() const noexcept {
    return goal_.reps > reps_ ? goal_.reps - reps_ : 0U;
}

// --- feedback doser ------------------------------------------------------------------------------

std::string_view cue_text(CueKind kind) noexcept {
    switch (kind) {
        case CueKind::ComboX5: return "Combo x5!";
        case CueKind::ComboX10: return "Combo x10!";
        case CueKind::GoalReached: return "Goal reached";
        case CueKind::PersonalBest: return "Personal best";
        case CueKind::SetComplete: return "Set complete";
        case CueKind::BackInTheBand: return "Back in the band";
        case CueKind::KeepTheTempo: return "Keep the tempo";
        case CueKind::FullRange: return "Full range";
    }
    return "";
}

std::uint8_t default_priority(CueKind kind) noexcept {
    switch (kind) {
        case CueKind::GoalReached: return 90;
        case CueKind::PersonalBest: return 80;
        case CueKind::SetComplete: return 70;
        case CueKind::ComboX10: return 60;
        case CueKind::ComboX5: return 50;
        case CueKind::BackInTheBand: return 40;
        case CueKind::KeepTheTempo: return 20;
        case CueKind::FullRange: return 10;
    }
    return 0;
}

std::int64_t FeedbackDoser::clamp_time(std::int64_t t_ns) noexcept {
    if (!clock_started_ || t_ns > now_ns_) now_ns_ = t_ns;
    clock_started_ = true;
    return now_ns_;
}

void FeedbackDoser::offer(Cue cue, std::int64_t t_ns) {
    const std::int64_t t = clamp_time(t_ns);
    if (!pending_.empty() && pending_.back().t_ns < t) resolve_all();
    pending_.push_back(Pending{cue, t});
}

std::optional<ShownCue> FeedbackDoser::current(std::int64_t t_ns) {
    const std::int64_t t = clamp_time(t_ns);
    resolve_all();
    if (muted_ || !shown_ || t < shown_->start_ns || t >= shown_->end_ns) return std::nullopt;
    return shown_;
}

void FeedbackDoser::set_muted(bool muted, std::int64_t t_ns) {
    const std::int64_t t = clamp_time(t_ns);
    resolve_all();
    muted_ = muted;
    if (muted_ && shown_ && t < shown_->end_ns) shown_->end_ns = t;
}

std::vector<OfferRecord> FeedbackDoser::take_log() {
    std::vector<OfferRecord> out;
    out.swap(log_);
    return out;
}

void FeedbackDoser::resolve_all() {
    std::size_t first = 0;
    while (first < pending_.size()) {
        std::size_t last = first + 1;
        while (last < pending_.size() && pending_[last].t_ns == pending_[first].t_ns) ++last;
        resolve_batch(first, last);
        first = last;
    }
    pending_.clear();
}

void FeedbackDoser::resolve_batch(std::size_t first, std::size_t last) {
    const std::int64_t t = pending_[first].t_ns;
    std::vector<std::size_t> candidates;  // indices into log_
    for (std::size_t i = first; i < last; ++i) {
        const Cue cue = pending_[i].cue;
        const auto k = static_cast<std::size_t>(cue.kind);
        OfferRecord rec{cue, t, OfferOutcome::Shown};
        bool eligible = true;
        if (muted_) {
            rec.outcome = OfferOutcome::Muted;
            eligible = false;
        } else if (is_form_cue(cue.kind) && ++opportunities_[k] < std::max<std::uint32_t>(1U, config_.form_every_n)) {
            rec.outcome = OfferOutcome::Intermittent;
            eligible = false;
        } else if (last_start_ns_[k] && t - *last_start_ns_[k] < config_.cue_cooldown_ns) {
            rec.outcome = OfferOutcome::CueCooldown;
            eligible = false;
        }
        log_.push_back(rec);
        if (eligible) candidates.push_back(log_.size() - 1);
    }
    if (candidates.empty()) return;

    OfferOutcome blocked = OfferOutcome::Shown;
    if (shown_ && t < shown_->end_ns) {
        blocked = OfferOutcome::Busy;
    } else if (shown_ && t < shown_->end_ns + config_.global_cooldown_ns) {
        blocked = OfferOutcome::Cooldown;
    }
    if (blocked != OfferOutcome::Shown) {
        for (const std::size_t c : candidates) log_[c].outcome = blocked;
        return;
    }
    std::size_t best = candidates.front();
    for (const std::size_t c : candidates) {
        if (log_[c].cue.priority > log_[best].cue.priority) best = c;
    }
    for (const std::size_t c : candidates) {
        if (c != best) log_[c].outcome = OfferOutcome::Outranked;
    }
    const Cue cue = log_[best].cue;
    const auto k = static_cast<std::size_t>(cue.kind);
    shown_ = ShownCue{cue, cue_text(cue.kind), t, t + config_.display_ns};
    last_start_ns_[k] = t;
    if (is_form_cue(cue.kind)) opportunities_[k] = 0;
}

}  // namespace bfr::gamification
