#pragma once
// The in-session game layer (docs/gamification.md): points per rep, the combo, the session's
// score and the patient's goal, and the feedback doser that decides which celebratory or form cue
// is on screen. Driven in simulation time (integer ns, never the wall clock). Pure C++: links
// bfr_core only (rep_event.hpp is a header-only struct).
//
//  - points (rules S1–S5): 10 for a counted rep, +5 full range, +5 on the tempo guide, +5 with the
//    cuff in the prescribed band; the score gate (S5, product.md §4 rule 11) makes a rep outside the
//    band worth 0 and breaks the combo. Pressure is a yes/no (in band or not): more pressure never
//    earns more;
//  - combo (rules S6–S7): consecutive good reps (full range, on tempo, in band) multiply the rep's
//    points: x1, x1.5 from the 5th in a row, x2 from the 10th; any other rep resets it;
//  - feedback (rules F1–F8): one cue at a time, a display time, a global cooldown, a per-cue
//    cooldown, form cues only at every Nth opportunity, and mute (product.md §5 "Dosed feedback").

#include "game/reps/rep_event.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace bfr::gamification {

// --- judging a rep -------------------------------------------------------------------------------

/// How one counted rep went, as the game layer scores it.
struct RepJudgement {
    bool full_range = true;   ///< The rep went through the set's usual range (RepRange::Full).
    bool on_tempo = true;     ///< Its duration was within ±25 % of the tempo guide's (on_tempo()).
    bool in_band = true;      ///< The cuff was inside the prescribed band (in_band()): the score gate.
    double quality_01 = 1.0;  ///< The counter's quality (RepEvent::quality_01): averaged, never scored.
};

/// Tolerance of the tempo judgement: ±25 % of the guide's duration.
inline constexpr double kTempoTolerance01 = 0.25;

/// True when a rep lasting `rep_s` is within ±25 % of `guide_s` (inclusive). No guide
/// (`guide_s` <= 0): true, there is nothing to be off.
[[nodiscard]] bool on_tempo(double rep_s, double guide_s) noexcept;

/// True when `cuff_pct_lop` is within `target_pct_lop` ± `band_fraction` × target (inclusive), the
/// band of the safety monitor (protocol limits.band_fraction, 0.1 by default). Pass the held
/// level over the rep (e.g. its median), not the contraction's peaks (product.md §3d).
[[nodiscard]] bool in_band(double cuff_pct_lop, double target_pct_lop, double band_fraction) noexcept;

/// The judgement of a counted rep: full range from `rep.range`, on tempo when the movement
/// (first_phase_s + second_phase_s) is within ±25 % of `guide_movement_s` (the tempo's
/// concentric_s + eccentric_s: the pause is rest, as for the counter), `cuff_in_band` as given,
/// quality from the rep.
[[nodiscard]] RepJudgement judge_rep(const reps::RepEvent& rep, double guide_movement_s, bool cuff_in_band) noexcept;

// --- points and combo ----------------------------------------------------------------------------

/// Points for a counted rep (in band).
inline constexpr std::uint32_t kBasePoints = 10;
/// Bonus for a full-range rep.
inline constexpr std::uint32_t kFullRangeBonus = 5;
/// Bonus for a rep on the tempo guide.
inline constexpr std::uint32_t kOnTempoBonus = 5;
/// Bonus for a rep with the cuff in the band.
inline constexpr std::uint32_t kInBandBonus = 5;
/// Good reps in a row from which the multiplier is x1.5.
inline constexpr std::uint32_t kComboStep1 = 5;
/// Good reps in a row from which the multiplier is x2.
inline constexpr std::uint32_t kComboStep2 = 10;

/// The combo multiplier, in percent, after `combo` good reps in a row: 100, 150 from 5, 200 from 10.
[[nodiscard]] constexpr std::uint32_t combo_multiplier_pct(std::uint32_t combo) noexcept {
    return combo >= kComboStep2 ? 200U : combo >= kComboStep1 ? 150U : 100U;
}

/// What one rep scored.
struct RepScore {
    std::uint32_t base_points = 0;       ///< 10 + bonuses (0 when gated).
    std::uint32_t multiplier_pct = 100;  ///< The combo multiplier applied, percent.
    std::uint32_t points = 0;            ///< base × multiplier, rounded half up (25 × 1.5 = 38).
    std::uint32_t combo_after = 0;       ///< Good reps in a row including this one (0: reset).
    bool good = false;                   ///< Full range, on tempo and in band.
    bool gated = false;                  ///< Outside the band: no points at all (rule 11).
    bool combo_broken = false;           ///< A combo of at least 1 ended at this rep.

    bool operator==(const RepScore&) const = default;
};

/// Scores one counted rep after `combo_before` good reps in a row (see the top of this file).
[[nodiscard]] RepScore score_rep(const RepJudgement& judgement, std::uint32_t combo_before) noexcept;

// --- goal and session score ----------------------------------------------------------------------

/// The patient's rep goal for today, chosen inside the therapist's band (product.md §5 [G12]).
struct Goal {
    std::uint32_t reps = 0;  ///< Reps to reach; 0: no goal.

    bool operator==(const Goal&) const = default;
};

/// `requested` clamped to [band_lo, band_hi] (a reversed band is swapped first).
[[nodiscard]] Goal clamp_goal(std::uint32_t requested, std::uint32_t band_lo, std::uint32_t band_hi) noexcept;

/// The score of one session: compliance, how well it went (product.md §5 [G1]; adherence, how
/// often, is progress.hpp). Reps are counted reps only; the rest between sets keeps the combo.
class SessionScore {
public:
    /// A session aiming at `goal` (no goal by default).
    explicit SessionScore(Goal goal = {}) noexcept : goal_(goal) {}

    /// Scores a counted rep (score_rep() with the current combo) and adds it up.
    RepScore add_rep(const RepJudgement& judgement) noexcept;
    /// A set ended (sets() counts it). The combo carries on into the next set.
    void end_set() noexcept { ++sets_; }

    /// Reps scored.
    [[nodiscard]] std::uint32_t reps() const noexcept { return reps_; }
    /// Sets ended.
    [[nodiscard]] std::uint32_t sets() const noexcept { return sets_; }
    /// Points so far.
    [[nodiscard]] std::uint32_t points() const noexcept { return points_; }
    /// The current combo (good reps in a row).
    [[nodiscard]] std::uint32_t combo() const noexcept { return combo_; }
    /// The longest combo this session.
    [[nodiscard]] std::uint32_t best_combo() const noexcept { return best_combo_; }
    /// Good reps (full range, on tempo, in band).
    [[nodiscard]] std::uint32_t good_reps() const noexcept { return good_reps_; }
    /// Reps outside the band (worth nothing).
    [[nodiscard]] std::uint32_t gated_reps() const noexcept { return gated_reps_; }
    /// good_reps() / reps(), 0 with no rep.
    [[nodiscard]] double good_rep_share_01() const noexcept;
    /// Mean RepJudgement::quality_01, 0 with no rep.
    [[nodiscard]] double mean_quality_01() const noexcept;

    /// The goal.
    [[nodiscard]] Goal goal() const noexcept { return goal_; }
    /// reps() / goal, capped at 1; 0 without a goal.
    [[nodiscard]] double goal_progress_01() const noexcept;
    /// Reps still to do for the goal (0 once reached or without a goal).
    [[nodiscard]] std::uint32_t reps_to_goal() const noexcept;
    /// True once reps() reached a goal (never without one).
    [[nodiscard]] bool goal_reached() const noexcept { return goal_.reps > 0 && reps_ >= goal_.reps; }

private:
    Goal goal_;
    std::uint32_t reps_ = 0;
    std::uint32_t sets_ = 0;
    std::uint32_t points_ = 0;
    std::uint32_t combo_ = 0;
    std::uint32_t best_combo_ = 0;
    std::uint32_t good_reps_ = 0;
    std::uint32_t gated_reps_ = 0;
    double quality_sum_ = 0.0;
};

// --- feedback doser ------------------------------------------------------------------------------

/// The cues the game layer may show. Safety alarms and notices never go through the doser.
enum class CueKind : std::uint8_t {
    ComboX5,        ///< "Combo x5!" (celebration)
    ComboX10,       ///< "Combo x10!" (celebration)
    GoalReached,    ///< "Goal reached" (celebration)
    PersonalBest,   ///< "Personal best" (celebration)
    SetComplete,    ///< "Set complete" (celebration)
    BackInTheBand,  ///< "Back in the band" (celebration: the patient corrected the cuff)
    KeepTheTempo,   ///< "Keep the tempo" (form cue: intermittent)
    FullRange,      ///< "Full range" (form cue: intermittent)
};

/// Number of CueKind values.
inline constexpr std::size_t kCueKindCount = 8;

/// The cue's text ("Combo x5!", "Combo x10!", "Goal reached", "Personal best", "Set complete",
/// "Back in the band", "Keep the tempo", "Full range").
[[nodiscard]] std::string_view cue_text(CueKind kind) noexcept;

/// True for the form cues (KeepTheTempo, FullRange), shown only at every Nth opportunity.
[[nodiscard]] constexpr bool is_form_cue(CueKind kind) noexcept {
    return kind == CueKind::KeepTheTempo || kind == CueKind::FullRange;
}

/// The default priority of a kind: GoalReached 90, PersonalBest 80, SetComplete 70, ComboX10 60,
/// ComboX5 50, BackInTheBand 40, KeepTheTempo 20, FullRange 10.
[[nodiscard]] std::uint8_t default_priority(CueKind kind) noexcept;

/// A cue offered to the doser.
struct Cue {
    CueKind kind = CueKind::SetComplete;  ///< What.
    std::uint8_t priority = 0;            ///< Higher wins among offers at the same instant.

    bool operator==(const Cue&) const = default;
};

/// A cue of `kind` with its default priority.
[[nodiscard]] inline Cue make_cue(CueKind kind) noexcept { return Cue{kind, default_priority(kind)}; }

/// The cue on screen.
struct ShownCue {
    Cue cue;                    ///< Which.
    std::string_view text;      ///< cue_text(cue.kind).
    std::int64_t start_ns = 0;  ///< When it appeared.
    std::int64_t end_ns = 0;    ///< When it goes (start + display time; shown while t < end).

    bool operator==(const ShownCue&) const = default;
};

/// What became of an offer.
enum class OfferOutcome : std::uint8_t {
    Shown,         ///< On screen from the offer's time.
    Outranked,     ///< Another offer at the same instant won (higher priority, or equal and earlier).
    Busy,          ///< Another cue was on screen.
    Cooldown,      ///< Within the global cooldown after the last cue.
    CueCooldown,   ///< The same kind was shown less than the per-cue cooldown ago.
    Intermittent,  ///< A form cue before its Nth opportunity.
    Muted,         ///< Feedback is muted.
};

/// One offer and its outcome (the doser's log).
struct OfferRecord {
    Cue cue;                                      ///< The offer.
    std::int64_t t_ns = 0;                        ///< Its time.
    OfferOutcome outcome = OfferOutcome::Shown;   ///< What became of it.

    bool operator==(const OfferRecord&) const = default;
};

/// The doser's timing.
struct DoserConfig {
    std::int64_t display_ns = 2'000'000'000;          ///< How long a cue stays on screen.
    std::int64_t global_cooldown_ns = 4'000'000'000;  ///< Quiet time after a cue ends before the next may start.
    std::int64_t cue_cooldown_ns = 20'000'000'000;    ///< Minimum time between two starts of the same kind.
    std::uint32_t form_every_n = 3;                   ///< A form cue is shown at most at every Nth opportunity (1: every one).
};

/// Decides which cue is on screen (rules F1–F8, docs/gamification.md). Deterministic: offers at
/// one instant are resolved together when time moves past it or current() is asked at it — the
/// highest priority eligible offer is shown (ties: the first offered), the others are Outranked.
/// An offer is eligible when feedback is not muted, (form cues) it is at least the Nth opportunity
/// of its kind since that kind was last shown, and its kind is off its per-cue cooldown; it is then
/// shown if no cue is on screen and the global cooldown since the last cue's end has passed.
/// Offers that cannot be shown are dropped, never queued (a late celebration is worse than none).
/// Times must not decrease (an earlier time counts as the latest one).
class FeedbackDoser {
public:
    /// A doser with `config`.
    explicit FeedbackDoser(DoserConfig config = {}) noexcept : config_(config) {}

    /// Offers `cue` at `t_ns`.
    void offer(Cue cue, std::int64_t t_ns);
    /// The cue on screen at `t_ns`, if any (resolves the offers up to `t_ns` first).
    [[nodiscard]] std::optional<ShownCue> current(std::int64_t t_ns);
    /// Mutes (nothing is shown; the cue on screen goes) or unmutes, from `t_ns`.
    void set_muted(bool muted, std::int64_t t_ns);
    /// True when muted.
    [[nodiscard]] bool muted() const noexcept { return muted_; }
    /// The offers resolved since the last call, in order, with their outcomes.
    [[nodiscard]] std::vector<OfferRecord> take_log();
    /// The configuration.
    [[nodiscard]] const DoserConfig& config() const noexcept { return config_; }

private:
    struct Pending {
        Cue cue;
        std::int64_t t_ns;
    };

    std::int64_t clamp_time(std::int64_t t_ns) noexcept;
    void resolve_all();
    void resolve_batch(std::size_t first, std::size_t last);

    DoserConfig config_;
    bool clock_started_ = false;
    std::int64_t now_ns_ = 0;
    bool muted_ = false;
    std::optional<ShownCue> shown_;                  ///< The last cue shown (on screen while t < end_ns).
    std::array<std::optional<std::int64_t>, kCueKindCount> last_start_ns_{};  ///< Per kind.
    std::array<std::uint32_t, kCueKindCount> opportunities_{};                ///< Form cues: since last shown.
    std::vector<Pending> pending_;
    std::vector<OfferRecord> log_;
};

}  // namespace bfr::gamification
