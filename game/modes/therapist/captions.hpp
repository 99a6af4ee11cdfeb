#pragma once
// Plain-language captions that explain the two mechanisms of BFR — metabolite accumulation and
// cell swelling — and the blood flow behind them, at the moment they happen in the model
// (docs/therapist.md lists every caption, its trigger and its source). One caption at a time,
// each on screen for at least kMinShowTicks of simulation time.
//
// The director is part of a run: it hears every tick of the run's sessions, so its captions are a
// function of simulation time like everything else, and rewinding shows the same caption at the
// same moment. Pure: no ImGui.

#include "engine/core/time.hpp"

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace bfr::session {
class Session;
}

namespace bfr::modes::therapist {

/// What a caption explains.
enum class Mechanism : std::uint8_t {
    Intro,          ///< Who is who.
    Pooling,        ///< The cuff holds the veins: inflow goes on, outflow is slowed, blood pools.
    Metabolites,    ///< Metabolites build up behind the cuff (mechanism 1).
    Recruitment,    ///< More (fast) fibres are recruited as metabolites rise.
    HeavyLike,      ///< The metabolic stress of heavy lifting, at a light load.
    CellSwelling,   ///< Water follows the metabolites into the cells (mechanism 2).
    Thickness,      ///< The muscle is thicker: blood, fluid and cells.
    NoCuffWashout,  ///< Without a cuff, flow clears the metabolites between reps.
    RestCuffOn,     ///< A rest with the cuff on keeps them trapped.
    RestCuffOff,    ///< A rest with the cuff off lets them wash out.
    Release,        ///< Deflation: washout and reactive hyperaemia.
    Washout,        ///< Most metabolites gone after the release.
    Fatigue,        ///< Force spent; metabolites speed fatigue.
    Safety,         ///< A safety alarm of the session.
};

/// One limb's state as the captions read it.
struct LimbObservation {
    bool present = false;        ///< This side exists (a recording has only one).
    bool has_cuff = false;       ///< This side wears a cuff (A; B at a second pressure; a recording).
    double cuff_held_mmHg = 0.0;
    double target_mmHg = 0.0;    ///< 0: no target.
    double metabolite = 0.0;     ///< 0..1.
    double cell_swell_pct = 0.0;
    double swelling_pct = 0.0;
    double fatigue_pct = 0.0;
    std::string alarm;           ///< A safety alarm raised this tick: its title and action ("" none).
};
/// The side of a session, read after its latest tick.
[[nodiscard]] LimbObservation observe_limb(const session::Session& session, bool has_cuff);

/// Where the exercise is.
struct StageObservation {
    bool in_set = false;
    bool in_rest = false;
    bool rest_cuff_on = true;  ///< In a rest: the cuff stays inflated.
    bool finished = false;     ///< After the last set.
};

/// A caption on screen from `start` up to (not including) `end`.
struct CaptionSpan {
    core::Tick start = 0;
    core::Tick end = std::numeric_limits<core::Tick>::max();  ///< max: still on screen.
    Mechanism kind = Mechanism::Intro;
    std::string text;
};

/// Longest line of a caption (subtitle guidance: at most 38 characters per line; product.md §6c).
inline constexpr std::size_t kCaptionLineChars = 38;
/// Word-wraps `text` into lines of at most `width` characters (UTF-8 aware; a longer word gets
/// its own line).
[[nodiscard]] std::vector<std::string> wrap_words(const std::string& text, std::size_t width = kCaptionLineChars);

class CaptionDirector {
public:
    /// A caption stays at least this long (simulation time) before the next one may replace it ...
    static constexpr core::Tick kMinShowTicks = 6 * core::kTickHz;
    /// ... and leaves the screen after this long when nothing replaces it.
    static constexpr core::Tick kMaxShowTicks = 14 * core::kTickHz;
    /// A caption that waited longer than this is dropped (what it said is no longer news).
    static constexpr core::Tick kStaleTicks = 20 * core::kTickHz;

    /// `name_a`, `name_b`: how captions name the sides ("A (cuff)", "B (no cuff)"; a recording:
    /// "The patient"). B may be absent (a recording).
    CaptionDirector(std::string name_a, std::string name_b);

    /// Hears tick `tick` (called once per tick, in order).
    void observe(core::Tick tick, const LimbObservation& a, const LimbObservation& b, const StageObservation& stage);
    /// Renames the sides (B's pressure changed); captions already queued keep their words.
    void rename(std::string name_a, std::string name_b);

    /// Every caption shown so far, in time order.
    [[nodiscard]] std::span<const CaptionSpan> shown() const noexcept { return shown_; }
    /// The caption on screen at `tick`, or null.
    [[nodiscard]] const CaptionSpan* at(core::Tick tick) const noexcept;
    /// Up to `n` captions that started at or before `tick`, newest first (the caption log).
    [[nodiscard]] std::vector<const CaptionSpan*> recent(core::Tick tick, std::size_t n) const;

private:
    struct Pending {
        core::Tick queued = 0;
        Mechanism kind = Mechanism::Intro;
        int priority = 0;
        std::string text;
    };
    struct SideMemory {
        bool pooled = false;
        int metabolite_level = 0;  ///< Thresholds crossed (0..3).
        int cell_level = 0;
        int thickness_level = 0;
        bool fatigue = false;
        bool inflated = false;
        core::Tick inflated_since = 0;
        double peak_metabolite = 0.0;
        bool released = false;     ///< Deflated after exercise with metabolites up.
        bool washout_said = false;
        core::Tick last_alarm = 0;
        bool any_alarm = false;
    };
    void queue(core::Tick tick, Mechanism kind, int priority, std::string text);
    void observe_side(core::Tick tick, SideMemory& m, const LimbObservation& o, const std::string& name,
                      const StageObservation& stage);
    void schedule(core::Tick tick);

    std::string name_a_;
    std::string name_b_;
    std::vector<CaptionSpan> shown_;
    std::vector<Pending> pending_;
    SideMemory mem_a_;
    SideMemory mem_b_;
    bool intro_ = false;
    bool washout_contrast_ = false;
    bool cell_contrast_ = false;
    bool rest_on_said_ = false;
    bool rest_off_said_ = false;
    bool was_rest_ = false;
};

}  // namespace bfr::modes::therapist
