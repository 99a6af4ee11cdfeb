#pragma once
// `replay`: a recording through exactly the pipeline of the window — a session::Session fed
// sample by sample, stepped tick by tick (60 Hz) until the tick that holds the last sample —
// headless, as fast as the machine allows. The Replayer accumulates everything the summary
// (interfaces.md §5) and the trace (§6) need while it steps, in constant memory apart from the
// list of reps and set markers.
//
//   FileSource source = ...;                 // or any ReplaySource (tests: samples in memory)
//   Replayer replayer{source, config, &trace_writer};
//   while (replayer.step()) {}               // or replayer.run()
//   ReplayResult result = replayer.result();

#include "engine/telemetry/parse_report.hpp"
#include "game/physiology/model.hpp"
#include "game/session/pressure_fidelity.hpp"
#include "game/replay/sets.hpp"
#include "game/replay/trace.hpp"
#include "game/safety/safety_monitor.hpp"
#include "game/session/sample_feed.hpp"
#include "game/session/session.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bfr::replay {

/// A finite telemetry source: a session feed that knows when it has delivered everything.
class ReplaySource : public session::SampleFeed {
public:
    /// True once every sample has been delivered.
    [[nodiscard]] virtual bool finished() const = 0;
    /// What decoding found (rows used/skipped, problems, unknown columns); null if not decoded.
    [[nodiscard]] virtual const telemetry::ParseReport* report() const { return nullptr; }
    /// Recording time that is session time 0 (non-zero when the recording's clock was shifted).
    [[nodiscard]] virtual std::int64_t origin_ns() const { return 0; }
    /// Session time of the next sample not delivered yet, when it is known.
    [[nodiscard]] virtual std::optional<std::int64_t> next_sample_ns() const { return std::nullopt; }
};

/// The physiology figures of the summary.
struct PhysiologyFigures {
    double metabolite = 0.0;
    double lactate_mmol_l = 0.0;
    double blood_lactate_mmol_l = 0.0;
    double ph = 0.0;       ///< In `peak`: the minimum.
    double pcr_pct = 0.0;  ///< In `peak`: the minimum.
    double swelling_pct = 0.0;
    double smo2_pct = 0.0;  ///< In `peak`: the minimum.
    double fatigue_pct = 0.0;
};
[[nodiscard]] PhysiologyFigures figures_of(const physiology::Outputs& out) noexcept;
/// Folds `now` into `peak`: maxima, except pH, PCr and SmO2 (minima).
void fold_peak(PhysiologyFigures& peak, const PhysiologyFigures& now) noexcept;

struct ReplayConfig {
    session::LimbKind limb = session::LimbKind::Arm;
    /// Trace rows per second when a trace is written.
    double trace_hz = 10.0;
    /// Longest stretch of recording replayed (a day, about 7 s of work): later rows are not read
    /// (with a warning), so a broken clock (a gap of years) cannot keep the replay going for hours.
    double max_duration_s = 86400.0;
    /// The protocol the sets follow (`--protocol`); none: sets come from the recording itself.
    std::optional<protocol::Protocol> protocol;
};

/// A set of the protocol, as the runner saw it.
struct ProtocolSet {
    double start_s = 0.0;
    double end_s = 0.0;
    std::uint32_t reps = 0;
    std::uint32_t target_reps = 0;  ///< 0: to failure.
    bool to_failure = false;
    bool ended_early = false;
};

/// One counted rep's cuff pressure, as the pressure tracker assessed it (game/session/pressure_fidelity.hpp):
/// the highest and lowest cuff %LOP (of the LOP in use) in the rep's window. Both are empty when the
/// rep was not assessed (the cuff was not inflated throughout its window), or when several reps were
/// committed in one tick and this one's figures cannot be told apart (never invented).
struct RepPressure {
    std::optional<double> peak_pct_lop;    ///< Highest cuff pressure in the rep's window, % LOP.
    std::optional<double> valley_pct_lop;  ///< Lowest cuff pressure in the rep's window, % LOP.
};

/// A discomfort report of the recording (`discomfort:N` event, game/session/guidance.hpp).
struct DiscomfortReport {
    double t_s = 0.0;  ///< When it was reported (session time).
    int level = 0;     ///< 0..10.
};

/// Everything `replay` found.
struct ReplayResult {
    std::string file;  ///< As given on the command line (set by the caller).
    session::LimbKind limb = session::LimbKind::Arm;
    std::uint64_t rows = 0;
    std::uint64_t rows_skipped = 0;
    double duration_s = 0.0;  ///< The last sample's time (session time).
    double origin_s = 0.0;    ///< Recording time of session time 0 (0 unless shifted).
    bool truncated = false;   ///< Stopped at max_duration_s.
    double max_duration_s = 86400.0;
    std::uint64_t ticks = 0;
    std::vector<RepTimes> reps;
    std::vector<RepPressure> rep_pressure;  ///< Parallel to `reps`: each rep's cuff peak and valley.
    std::string reps_counted_from = "none";  ///< The signal the count came from (reps::signal_name), "none" without one.
    std::vector<SetSpan> sets;
    bool sets_from_events = false;
    double occlusion_s = 0.0;
    PhysiologyFigures peak;
    PhysiologyFigures end;
    session::PressureSummary pressure;
    double lop_mmHg = 0.0;  ///< The LOP in use at the end.
    bool lop_from_recording = false;
    double load_pct1rm = 30.0;
    bool load_from_recording = false;
    bool effort_present = false;
    bool movement_present = false;  ///< A joint angle or the contract input (activation can be inferred).
    bool motion_present = false;    ///< An accelerometer or gyroscope (reps are counted from it).
    bool cuff_present = false;
    std::uint64_t gaps = 0;           ///< Gaps longer than the sensor-lost timeout (2 s) between samples.
    double longest_gap_s = 0.0;
    double longest_gap_at_s = 0.0;    ///< Time of the last sample before the longest gap.
    std::uint64_t lop_rejected = 0;   ///< Implausible LOP values ignored.
    double lop_rejected_mmHg = 0.0;
    std::vector<std::string> warnings;  ///< From the recording (the caller may add its own).
    // Protocol and safety (game/session/guidance.hpp).
    std::optional<std::string> protocol_name;  ///< The protocol the sets followed, if any.
    std::string protocol_title;
    std::vector<ProtocolSet> protocol_sets;
    std::uint32_t protocol_sets_prescribed = 0;
    std::uint32_t reps_prescribed = 0;
    std::uint32_t warmup_reps = 0;   ///< Counted before the protocol began.
    std::uint32_t extra_reps = 0;    ///< Counted after it ended.
    bool protocol_completed = false;
    std::optional<std::int64_t> points;  ///< The game layer's score of the protocol's reps (none: no protocol).
    double load_advice_pct1rm = 0.0;
    bool load_increase = false;
    std::string load_advice;
    std::vector<safety::Alarm> alarms;
    std::vector<safety::Notice> notices;
    int discomfort_max = -1;  ///< Highest discomfort reported (-1: none).
    std::vector<DiscomfortReport> discomfort;  ///< Every discomfort report, in time order.
};

/// Steps a session over a ReplaySource and accumulates the result.
class Replayer {
public:
    /// `source` and `trace` (optional) are not owned and must outlive the replayer.
    Replayer(ReplaySource& source, const ReplayConfig& config, TraceWriter* trace = nullptr);

    /// Runs one tick. False once the replay is complete (then result() holds everything).
    bool step();
    /// Runs every remaining tick; stops early (returning false) when `interrupted` says so,
    /// checked every few thousand ticks.
    template <class Interrupted>
    bool run(Interrupted&& interrupted) {
        for (std::uint64_t i = 1; step(); ++i) {
            if ((i & 4095u) == 0 && interrupted()) return false;
        }
        return true;
    }
    bool run() {
        return run([] { return false; });
    }

    [[nodiscard]] bool done() const noexcept { return done_; }
    /// The result so far (complete once step() returned false).
    [[nodiscard]] ReplayResult result() const;
    [[nodiscard]] const session::Session& session() const noexcept { return session_; }

private:
    void observe_tick();
    void on_rep(double start_s, double commit_s);
    /// Records the cuff peak and valley of the reps the pressure tracker has just assessed.
    void observe_rep_pressure();
    void finish();
    /// Writes the pending state's rows: those before `below_ns` and at or before `limit_ns`.
    void emit_rows(std::int64_t below_ns, std::int64_t limit_ns);
    [[nodiscard]] TraceState snapshot() const;

    ReplaySource& source_;
    ReplayConfig config_;
    TraceWriter* trace_;
    session::Session session_;
    TraceClock clock_;
    std::uint64_t next_row_ = 0;
    TraceState pending_;               ///< The latest tick's state, whose trace rows are not all written yet.
    std::int64_t pending_end_ns_ = 0;  ///< That tick's end.
    std::int64_t last_sample_ns_ = 0;
    bool any_sample_ = false;
    double occlusion_s_ = 0.0;  ///< With the sensor live and the cuff at or above 20 mmHg.
    std::uint64_t gaps_ = 0;
    std::int64_t longest_gap_ns_ = 0;
    std::int64_t longest_gap_at_ns_ = 0;
    bool done_ = false;
    bool truncated_ = false;
    bool load_seen_ = false;
    bool effort_seen_ = false;
    bool movement_seen_ = false;
    bool motion_seen_ = false;
    bool cuff_seen_ = false;
    std::vector<RepTimes> reps_;
    std::vector<SetMarker> markers_;
    std::vector<RepPressure> rep_pressure_;   ///< Indexed like the session's RepLog.
    std::size_t pressure_reps_seen_ = 0;      ///< RepLog entries the pressure tracker had seen last time.
    std::uint32_t pressure_reps_assessed_ = 0;  ///< ... and how many of them it had assessed.
    std::vector<DiscomfortReport> discomfort_;
    std::uint64_t samples_ = 0;
    PhysiologyFigures peak_;
};

/// The warnings of interfaces.md §5 for a result: no LOP, no load, no effort, skipped rows (the
/// first problems and a count), unknown columns and the decoder's other warnings, a shifted clock.
[[nodiscard]] std::vector<std::string> recording_warnings(const ReplayResult& result,
                                                          const telemetry::ParseReport* report);

}  // namespace bfr::replay
