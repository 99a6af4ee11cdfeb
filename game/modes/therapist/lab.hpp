#pragma once
// The therapist's what-if lab (docs/therapist.md): two simulated patients, A and B, doing the same
// exercise side by side — the same reps at the same tempo — one with the cuff (BFR) and one
// without it, or at a second pressure.
//
// A run is a pure function of (LabSetup, the log of timed LabParams changes): the two simulated
// cuffs and patients (frontend::SimFeed) each feed a session::Session, and a small script (the
// protocol's sets, reps, rests and cuff) drives both through session commands. Nothing reads a
// clock or a random device, so re-running the same setup and log always reaches the same state,
// tick for tick. That is how the lab rewinds: going back to time t rebuilds the run from its
// setup and re-runs the log headless to t (a 5-minute session in about 0.2 s).
//
// Pure: no SDL, GL or ImGui (unit-tested in tests/unit/game/therapist).

#include "engine/core/time.hpp"
#include "game/frontend/feeds.hpp"
#include "game/modes/therapist/captions.hpp"
#include "game/modes/therapist/traces.hpp"
#include "game/physiology/model.hpp"
#include "game/protocol/protocol.hpp"
#include "game/session/session.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace bfr::telemetry_v1 {
class Recorder;
}

namespace bfr::modes::therapist {

/// What B is: the same exercise without a cuff ("no BFR"), or with the cuff at a second pressure.
enum class BMode : std::uint8_t { NoCuff, SecondPressure };

/// What a run is built from. Changing any of these rewrites the whole run (the same log re-run
/// from 0:00 with the new setup, back to the same moment): the cuff, the posture and the limb set
/// the LOP, which a clinician measures again whenever one of them changes.
struct LabSetup {
    session::LimbKind limb = session::LimbKind::Arm;
    physiology::Posture posture = physiology::Posture::Seated;
    double cuff_width_cm = 0.0;  ///< 0: the limb's usual cuff (physiology::preset: arm 5 cm, leg 11.5 cm).
    double load_pct1rm = 30.0;   ///< The load both patients lift.
    std::uint64_t seed = 1;      ///< The simulated patients' seed (both the same: the same person).
    bool loose_cuff = false;     ///< The simulated cuff is not autoregulated (--sim-profile loose).
    std::vector<std::uint32_t> set_reps{30, 15, 15, 15};  ///< The protocol's sets.

    bool operator==(const LabSetup&) const = default;
};

/// The live what-if controls: a change acts from the next tick on and is kept in the run's log.
struct LabParams {
    double pct_lop_a = 50.0;        ///< A's cuff pressure, % of LOP.
    BMode b_mode = BMode::NoCuff;   ///< What B is.
    double pct_lop_b = 80.0;        ///< B's cuff pressure when it has one, % of LOP.
    double rep_s = 2.0;             ///< Cadence: seconds per rep (half lifting, half lowering).
    double rest_s = 30.0;           ///< Rest between sets.
    bool cuff_on_in_rest = true;    ///< The cuffs stay inflated in the rests (continuous) or are released.

    bool operator==(const LabParams&) const = default;
};

/// The lab's starting point from a protocol (its sets, rests, cuff in rests, target and load;
/// tempo as seconds per rep), for `limb`.
void apply_protocol(const protocol::Protocol& p, session::LimbKind limb, LabSetup& setup, LabParams& params);

/// The cuff width in use (the limb's usual one when the setup leaves it at 0).
[[nodiscard]] double cuff_width_cm(const LabSetup& setup) noexcept;
/// The limb's LOP for this cuff, limb and posture (physiology::estimate_lop; physiology-reference.md
/// §2): both simulated patients have exactly this LOP, and their devices use it.
[[nodiscard]] double lab_lop_mmHg(const LabSetup& setup) noexcept;
/// Its spread between people (1 SD), to show as a range.
[[nodiscard]] double lab_lop_sd_mmHg(const LabSetup& setup) noexcept;
/// The simulated cuff and patient of one side (no LOP measurement, no script of its own: the lab
/// drives it; the cuff stays vented until the lab asks for a pressure).
[[nodiscard]] sim::SimConfig lab_sim_config(const LabSetup& setup, double first_rep_s);
[[nodiscard]] session::SessionConfig lab_session_config(const LabSetup& setup);

// --- The script: sets, reps, rests, the cuffs ---------------------------------------------------

/// Time from the start to set 1: the cuff inflates (the simulated device starts at 1 s) and settles.
inline constexpr core::Tick kLeadInTicks = 6 * core::kTickHz;
/// With the cuff released in rests, it inflates again this long before the next set (at most half the rest).
inline constexpr core::Tick kReinflateTicks = 3 * core::kTickHz;

enum class LabStage : std::uint8_t { LeadIn, Set, Rest, Recovery };

/// What both patients are told to do at each tick, from the protocol's sets and the live
/// parameters. A pure state machine: advance() is called once per tick, in order.
struct LabScript {
    LabStage stage = LabStage::LeadIn;
    std::uint32_t set_index = 0;   ///< The current set (Set), the set just done (Rest, Recovery); 0-based.
    std::uint32_t reps_done = 0;   ///< Reps completed in the current set.
    core::Tick stage_start = 0;    ///< Tick the stage began.
    core::Tick rep_start = 0;      ///< Tick the current rep began (Set).
    core::Tick rep_ticks = 120;    ///< The current rep's length (the cadence when it began).
    core::Tick rest_ticks = 0;     ///< The current rest's length (follows the live parameter).
    bool contract = false;         ///< The patients lift now (first half of a rep).
    bool cuff_on = false;          ///< The cuffs should hold their pressure now.

    /// Moves the script to tick `k` (> the previous one) with the parameters in force at `k`.
    void advance(core::Tick k, const LabParams& params, const std::vector<std::uint32_t>& set_reps);
};

/// "Set 2 of 4 · rep 5 of 15", "Rest · 0:12 left · cuff on", "Cuff off · recovery 1:05", "Cuff inflating".
[[nodiscard]] std::string stage_text(const LabScript& script, core::Tick now, std::size_t sets_total);

// --- One run --------------------------------------------------------------------------------------

/// What the timeline marks: where sets, rests and the recovery begin, each rep, each safety alarm.
struct LabMark {
    enum class Kind : std::uint8_t { SetStart, RestStart, RecoveryStart, Rep, Alarm } kind = Kind::SetStart;
    core::Tick tick = 0;
    std::uint32_t set_index = 0;  ///< 0-based (sets, rests, reps).
};

/// Which side.
enum class Side : std::uint8_t { A = 0, B = 1 };

/// The side's short description for labels and captions: "A · BFR 50 % LOP", "B · no cuff",
/// "B · 80 % LOP".
[[nodiscard]] std::string side_label(Side side, const LabParams& params);
/// The same as the captions' name of the side: "A (cuff)", "B (no cuff)", "B (80 % LOP)".
[[nodiscard]] std::string side_name(Side side, const LabParams& params);

/// Two sessions stepped together by the script, with their plot traces and the mechanism
/// captions. Deterministic: the same setup and the same parameters at each tick give the same
/// state at each tick. Not copyable or movable (the sessions point at the feeds).
class LabRun {
public:
    /// Optional recorders write each side's telemetry as it is produced (not owned).
    explicit LabRun(const LabSetup& setup, const LabParams& first, telemetry_v1::Recorder* record_a = nullptr,
                    telemetry_v1::Recorder* record_b = nullptr);
    LabRun(const LabRun&) = delete;
    LabRun& operator=(const LabRun&) = delete;

    /// Runs one tick with the parameters in force at it.
    void step(const LabParams& params);
    /// Ticks completed (0: the state at time 0).
    [[nodiscard]] core::Tick tick() const noexcept { return a_.tick(); }
    [[nodiscard]] const session::Session& session(Side side) const noexcept { return side == Side::A ? a_ : b_; }
    [[nodiscard]] const Trace& trace(Side side) const noexcept { return side == Side::A ? trace_a_ : trace_b_; }
    [[nodiscard]] const CaptionDirector& captions() const noexcept { return captions_; }
    [[nodiscard]] const LabScript& script() const noexcept { return script_; }
    [[nodiscard]] const LabSetup& setup() const noexcept { return setup_; }
    /// The device pressure last asked of a side's cuff, % of LOP (0: vented).
    [[nodiscard]] double cuff_asked_pct(Side side) const noexcept { return asked_[static_cast<std::size_t>(side)]; }
    /// The run's marks so far, in time order.
    [[nodiscard]] const std::vector<LabMark>& marks() const noexcept { return marks_; }

private:
    void observe(const LabParams& params);

    LabSetup setup_;
    frontend::SimFeed feed_a_;
    frontend::SimFeed feed_b_;
    std::unique_ptr<frontend::RecordingFeed> rec_a_;
    std::unique_ptr<frontend::RecordingFeed> rec_b_;
    session::Session a_;
    session::Session b_;
    LabScript script_;
    Trace trace_a_;
    Trace trace_b_;
    CaptionDirector captions_;
    bool contract_ = false;
    std::array<double, 2> asked_{0.0, 0.0};
    std::vector<LabMark> marks_;
};

// --- The timeline: the log, rewinding, time controls --------------------------------------------

/// From `tick` on, these parameters are in force (until the next change).
struct ParamChange {
    core::Tick tick = 0;
    LabParams params;
};

/// The longest run the lab keeps (an hour: far beyond any BFR exercise, 20 min of occlusion at most).
inline constexpr core::Tick kMaxLabTicks = 60 * 60 * core::kTickHz;

/// A lab run and its history: the setup, the log of parameter changes, the moment shown, and the
/// latest moment reached ("live"). Seeking back rebuilds the run and re-runs the log to the
/// moment; the same moment always shows the same state. A change made at a moment in the past
/// rewrites the future from there (the log after it is dropped); scrubbing without changing
/// anything keeps it, so playing on shows again what happened.
class Lab {
public:
    Lab(const LabSetup& setup, const LabParams& params);

    [[nodiscard]] const LabSetup& setup() const noexcept { return setup_; }
    /// The parameters in force from the next tick (what the controls show).
    [[nodiscard]] const LabParams& params() const noexcept;
    [[nodiscard]] const std::vector<ParamChange>& log() const noexcept { return log_; }
    [[nodiscard]] const LabRun& run() const noexcept { return *run_; }
    /// The moment shown (the run's tick).
    [[nodiscard]] core::Tick now() const noexcept { return run_->tick(); }
    /// The latest moment reached since the last change of the future.
    [[nodiscard]] core::Tick latest() const noexcept { return latest_; }

    /// Moves forward `ticks` ticks (playing, or a single step); stops at kMaxLabTicks.
    void advance(core::Tick ticks);
    /// Shows moment `t` (re-running from 0:00 when it lies before the moment shown).
    void seek(core::Tick t);
    /// New parameters from the next tick on: the log after now is dropped (the future is rewritten).
    void set_params(const LabParams& params);
    /// A new setup: the whole run is re-run from 0:00 with the same log, back to the moment shown.
    void set_setup(const LabSetup& setup);
    /// A new run at 0:00 with the current setup and parameters (the log is cleared).
    void restart();

    /// Writes both sides' telemetry from 0:00 to the latest moment (the run re-run with recorders),
    /// as two telemetry v1 files. False with a reason when a file cannot be written.
    bool record(const std::filesystem::path& path_a, const std::filesystem::path& path_b, std::string* error) const;

    /// Ticks simulated by rebuilds since the lab was made (for tests and the log).
    [[nodiscard]] std::uint64_t resimulated_ticks() const noexcept { return resimulated_; }
    /// The timeline's marks up to the latest moment (also while the moment shown is earlier).
    [[nodiscard]] const std::vector<LabMark>& marks() const noexcept { return marks_; }
    /// When the protocol's last set would end with the parameters in force now, plus a minute of
    /// recovery (the timeline's length until the run goes beyond it).
    [[nodiscard]] core::Tick planned_end() const noexcept;

private:
    [[nodiscard]] const LabParams& params_at(core::Tick k) const noexcept;
    void rebuild();
    void step_once();
    void reached();

    LabSetup setup_;
    std::vector<LabMark> marks_;
    std::vector<ParamChange> log_;
    std::unique_ptr<LabRun> run_;
    core::Tick latest_ = 0;
    std::uint64_t resimulated_ = 0;
};

// --- The controls, for the panel and the keyboard ---------------------------------------------

enum class Control : std::uint8_t {
    PctLopA,
    BModeControl,
    PctLopB,
    Cadence,
    Rest,
    CuffInRest,
    Load,
    CuffWidth,
    Posture,
    Limb,
    Count
};
inline constexpr std::size_t kControlCount = static_cast<std::size_t>(Control::Count);

struct ControlInfo {
    Control id;
    const char* label;  ///< "A: cuff pressure".
    const char* hint;   ///< One line on what it does.
    bool setup;         ///< Rewrites the whole run (else acts from now on).
    double min, max, step;
};
[[nodiscard]] const ControlInfo& control_info(Control c) noexcept;
/// The control's value in words: "50 % LOP (86 mmHg)", "no cuff", "2.0 s per rep", "30 s", "on".
[[nodiscard]] std::string control_value_text(Control c, const LabSetup& setup, const LabParams& params);
/// Whether the control does anything now (B's pressure only with a second pressure).
[[nodiscard]] bool control_enabled(Control c, const LabParams& params) noexcept;
/// The control's numeric value (choices as 0, 1, 2).
[[nodiscard]] double control_value(Control c, const LabSetup& setup, const LabParams& params) noexcept;
/// Sets the control to `value` (clamped to its range, snapped to its step; choices wrap when
/// stepping). Returns true when something changed.
bool set_control(Control c, double value, LabSetup& setup, LabParams& params) noexcept;
/// One step up (+1) or down (-1); choices cycle.
bool step_control(Control c, int direction, LabSetup& setup, LabParams& params) noexcept;

[[nodiscard]] const char* posture_name(physiology::Posture p) noexcept;

}  // namespace bfr::modes::therapist
