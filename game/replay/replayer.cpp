#include "game/replay/replayer.hpp"

#include "engine/core/time.hpp"
#include "game/physiology/lop.hpp"
#include "game/session/guidance.hpp"
#include "game/session/systems.hpp"
#include "game/telemetry/format_v1.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace bfr::replay {
namespace {

constexpr std::int64_t kNoLimit = std::numeric_limits<std::int64_t>::max();
/// Set markers kept (a recording holds a handful; a broken one cannot grow memory without end).
constexpr std::size_t kMaxMarkers = 100'000;

double seconds(std::int64_t ns) {
    return static_cast<double>(ns) / 1e9;
}

session::SessionConfig session_config(session::LimbKind limb, const std::optional<protocol::Protocol>& protocol) {
    session::SessionConfig c;
    c.limb = limb;
    c.protocol = protocol;
    c.protocol_starts_by_itself = true;
    c.auto_tempo = false;
    c.lop_mmHg = 0.0;
    c.load_pct1rm = 30.0;
    return c;
}

double latest_or_nan(const telemetry::Sample& latest, std::size_t column) {
    return latest.has(column) ? latest.values[column] : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

PhysiologyFigures figures_of(const physiology::Outputs& out) noexcept {
    PhysiologyFigures f;
    f.metabolite = out.metabolite;
    f.lactate_mmol_l = out.lactate_mmol_l;
    f.blood_lactate_mmol_l = out.blood_lactate_mmol_l;
    f.ph = out.ph;
    f.pcr_pct = out.pcr_pct;
    f.swelling_pct = out.swelling_pct;
    f.smo2_pct = out.smo2_pct;
    f.fatigue_pct = out.fatigue_pct;
    return f;
}

void fold_peak(PhysiologyFigures& peak, const PhysiologyFigures& now) noexcept {
    // std::fmax/fmin ignore a NaN operand, so one bad value never hides the others.
    peak.metabolite = std::fmax(peak.metabolite, now.metabolite);
    peak.lactate_mmol_l = std::fmax(peak.lactate_mmol_l, now.lactate_mmol_l);
    peak.blood_lactate_mmol_l = std::fmax(peak.blood_lactate_mmol_l, now.blood_lactate_mmol_l);
    peak.ph = std::fmin(peak.ph, now.ph);
    peak.pcr_pct = std::fmin(peak.pcr_pct, now.pcr_pct);
    peak.swelling_pct = std::fmax(peak.swelling_pct, now.swelling_pct);
    peak.smo2_pct = std::fmin(peak.smo2_pct, now.smo2_pct);
    peak.fatigue_pct = std::fmax(peak.fatigue_pct, now.fatigue_pct);
}

Replayer::Replayer(ReplaySource& source, const ReplayConfig& config, TraceWriter* trace)
    : source_{source},
      config_{config},
      trace_{trace},
      session_{session_config(config.limb, config.protocol), &source},
      clock_{config.trace_hz} {
    // Tick 0: the samples at or before time 0 (interfaces.md §3), so the row at t = 0 holds them.
    session_.prime();
    peak_ = figures_of(session_.physiology().out);
    observe_tick();
    pending_ = snapshot();
    pending_end_ns_ = 0;
}

TraceState Replayer::snapshot() const {
    const session::LimbPhysiology& phys = session_.physiology();
    TraceState s;
    const auto& latest = session_.world().ctx().get<session::TelemetryState>().latest;
    s.cuff_mmHg = latest.has(telemetry_v1::kCuffMmhg) ? latest.values[telemetry_v1::kCuffMmhg] : 0.0;
    s.lop_in_use_mmHg = phys.inputs.lop_mmHg;
    s.activation = phys.inputs.activation;
    s.reps = static_cast<std::uint32_t>(session_.world().ctx().get<session::RepLog>().times_s.size());
    s.out = phys.out;
    return s;
}

bool Replayer::step() {
    if (done_) return false;
    session_.step();
    observe_tick();
    const std::int64_t end_ns = core::tick_end_ns(session_.tick());
    const bool finished = source_.finished();
    // The previous tick's state holds for the rows before this tick's end; once the source is
    // finished, only rows up to the last sample exist.
    if (trace_ != nullptr) emit_rows(end_ns, finished ? (any_sample_ ? last_sample_ns_ : 0) : kNoLimit);
    pending_ = snapshot();
    pending_end_ns_ = end_ns;
    if (finished) {
        finish();
        return false;
    }
    // A replay covers at most max_duration_s: stop at the last sample before it (a broken clock
    // must not make the session run for days), so rows, duration and trace all end there.
    const auto cap_ns = static_cast<std::int64_t>(std::llround(config_.max_duration_s * 1e9));
    const std::optional<std::int64_t> next = source_.next_sample_ns();
    if ((next && *next > cap_ns) || end_ns >= cap_ns) {
        truncated_ = true;
        finish();
        return false;
    }
    return true;
}

void Replayer::observe_tick() {
    const auto& ctx = session_.world().ctx();
    for (const telemetry::Sample& s : ctx.get<session::TelemetryBatch>().samples) {
        if (any_sample_ && s.t_ns - last_sample_ns_ > session::kSensorLostNs) {
            ++gaps_;
            if (s.t_ns - last_sample_ns_ > longest_gap_ns_) {
                longest_gap_ns_ = s.t_ns - last_sample_ns_;
                longest_gap_at_ns_ = last_sample_ns_;
            }
        }
        last_sample_ns_ = any_sample_ ? std::max(last_sample_ns_, s.t_ns) : s.t_ns;
        any_sample_ = true;
        ++samples_;
        load_seen_ = load_seen_ || s.has(telemetry_v1::kLoadPct1rm);
        effort_seen_ = effort_seen_ || s.has(telemetry_v1::kEffort);
        movement_seen_ = movement_seen_ || s.has(telemetry_v1::kAngleDeg) || s.event == "contract_down";
        motion_seen_ = motion_seen_ || s.has(telemetry_v1::kAxG) || s.has(telemetry_v1::kGxDps);
        cuff_seen_ = cuff_seen_ || s.has(telemetry_v1::kCuffMmhg);
        if (!s.event.empty() && markers_.size() < kMaxMarkers) {
            if (s.event == "set_start") markers_.push_back(SetMarker{SetMarkerKind::Start, seconds(s.t_ns)});
            if (s.event == "set_end") markers_.push_back(SetMarker{SetMarkerKind::End, seconds(s.t_ns)});
        }
        if (!s.event.empty() && discomfort_.size() < kMaxMarkers) {
            if (const auto level = session::discomfort_level(s.event)) {
                discomfort_.push_back(DiscomfortReport{seconds(s.t_ns), *level});
            }
        }
    }
    const session::LimbPhysiology& phys = session_.physiology();
    const auto& latest = ctx.get<session::TelemetryState>().latest;
    const core::Tick tick = session_.tick();
    const double dt_s = tick == 0 ? 0.0 : seconds(core::tick_end_ns(tick) - core::tick_end_ns(tick - 1));
    // While the sensor is lost (no sample for 2 s) the cuff's pressure is unknown: that time counts
    // neither as occlusion nor toward pressure fidelity (the model keeps the last pressure).
    const std::int64_t end_ns = core::tick_end_ns(tick);
    const bool live = any_sample_ && end_ns - last_sample_ns_ <= session::kSensorLostNs;
    const double cuff = live ? latest_or_nan(latest, telemetry_v1::kCuffMmhg) : std::nan("");
    if (live && cuff >= 20.0) occlusion_s_ += dt_s;
    for (const session::RepCounted& rep : session_.last_tick_counted_reps()) {
        on_rep(seconds(rep.start_ns), seconds(rep.commit_ns));
    }
    observe_rep_pressure();
    fold_peak(peak_, figures_of(phys.out));
}

void Replayer::observe_rep_pressure() {
    const auto& pf = session_.world().ctx().get<session::PressureFidelity>();
    if (pf.reps_seen == pressure_reps_seen_) return;
    const session::PressureSummary s = pf.tracker.summary();
    const std::size_t fresh = pf.reps_seen - pressure_reps_seen_;
    const std::uint32_t assessed = s.reps_assessed - pressure_reps_assessed_;
    rep_pressure_.resize(pf.reps_seen);
    // The tracker keeps only the latest assessed rep's figures: they belong to the newest rep when
    // every new rep was assessed. A rep it did not assess has none (cuff not inflated throughout).
    if (assessed == fresh && s.last_peak_pct_lop && s.last_valley_pct_lop) {
        rep_pressure_.back() = RepPressure{s.last_peak_pct_lop, s.last_valley_pct_lop};
    }
    pressure_reps_seen_ = pf.reps_seen;
    pressure_reps_assessed_ = s.reps_assessed;
}

void Replayer::on_rep(double start_s, double commit_s) {
    reps_.push_back(RepTimes{start_s, commit_s});
}

void Replayer::finish() {
    // What the counters still held when the recording ended counts: a contraction already back at
    // rest, a last rep cut short, a short set recognised only now (several reps at once).
    auto& world = session_.world();
    const auto& log = world.ctx().get<session::RepLog>();
    const std::size_t before = log.times_s.size();
    if (session::finish_rep_count(world)) {
        for (std::size_t i = before; i < log.times_s.size(); ++i) on_rep(log.start_s[i], log.times_s[i]);
        pending_.reps = static_cast<std::uint32_t>(log.times_s.size());
        session::feed_counted_reps(world);
        session::assess_final_reps(world);
        observe_rep_pressure();
    }
    if (trace_ != nullptr) {
        // The last tick's state holds for the rows left, up to the last sample (which lies at or
        // before this tick's end).
        emit_rows(kNoLimit, any_sample_ ? last_sample_ns_ : 0);
        (void)trace_->flush();
    }
    done_ = true;
}

void Replayer::emit_rows(std::int64_t below_ns, std::int64_t limit_ns) {
    for (;;) {
        const std::int64_t row = clock_.row_ns(next_row_);
        if (row >= below_ns || row > limit_ns) break;
        trace_->write_row(row, pending_);
        ++next_row_;
    }
}

ReplayResult Replayer::result() const {
    ReplayResult r;
    r.limb = config_.limb;
    const telemetry::ParseReport* report = source_.report();
    // Rows used: those replayed (a truncated replay read a few more ahead that it did not use).
    r.rows = report != nullptr && !truncated_ ? report->rows_used() : samples_;
    r.rows_skipped = report != nullptr ? report->rows_skipped() : 0;
    r.duration_s = any_sample_ ? seconds(last_sample_ns_) : 0.0;
    r.origin_s = seconds(source_.origin_ns());
    r.truncated = truncated_;
    r.max_duration_s = config_.max_duration_s;
    r.ticks = session_.tick();
    r.reps = reps_;
    r.rep_pressure = rep_pressure_;
    r.rep_pressure.resize(r.reps.size());
    {
        const auto& counting = session_.world().ctx().get<session::RepCountingState>().counting;
        if (counting.seen_any()) r.reps_counted_from = reps::signal_name(counting.lead());
    }
    r.sets_from_events = !markers_.empty();
    r.sets = r.sets_from_events ? sets_from_markers(markers_, reps_, r.duration_s) : sets_from_rests(reps_);
    const session::LimbPhysiology& phys = session_.physiology();
    r.occlusion_s = occlusion_s_;
    r.gaps = gaps_;
    r.longest_gap_s = seconds(longest_gap_ns_);
    r.longest_gap_at_s = seconds(longest_gap_at_ns_);
    r.lop_rejected = phys.lop_rejected;
    r.lop_rejected_mmHg = phys.lop_rejected_mmHg;
    r.peak = peak_;
    r.end = figures_of(phys.out);
    r.pressure = session_.world().ctx().get<session::PressureFidelity>().tracker.summary();
    r.lop_mmHg = phys.inputs.lop_mmHg;
    r.lop_from_recording = phys.lop_from_telemetry;
    const auto& latest = session_.world().ctx().get<session::TelemetryState>().latest;
    r.load_from_recording = load_seen_;
    r.load_pct1rm =
        load_seen_ && latest.has(telemetry_v1::kLoadPct1rm) ? latest.values[telemetry_v1::kLoadPct1rm] : 30.0;
    r.effort_present = effort_seen_;
    r.movement_present = movement_seen_;
    r.motion_present = motion_seen_;
    r.cuff_present = cuff_seen_;
    r.warnings = recording_warnings(r, report);
    const auto& ps = session_.world().ctx().get<session::ProtocolState>();
    if (ps.runner) {
        const protocol::ProtocolRunner& runner = *ps.runner;
        const protocol::Protocol& p = runner.protocol();
        r.protocol_name = p.name;
        r.protocol_title = p.title;
        r.protocol_sets_prescribed = static_cast<std::uint32_t>(p.sets.size());
        r.reps_prescribed = p.prescribed_reps();
        for (const protocol::SetResult& set : runner.sets()) {
            r.protocol_sets.push_back(ProtocolSet{seconds(set.start_ns), seconds(set.end_ns), set.reps, set.target_reps,
                                                  set.to_failure, set.ended_early});
        }
        // A set still running when the recording ended counts as it stands.
        if (runner.stage() == protocol::Stage::Set) {
            const protocol::SetSpec& spec = p.sets[runner.set_number() - 1];
            const std::int64_t start_ns = core::tick_end_ns(session_.tick()) -
                                          static_cast<std::int64_t>(std::llround(runner.stage_elapsed_s(core::tick_end_ns(session_.tick())) * 1e9));
            r.protocol_sets.push_back(ProtocolSet{seconds(start_ns), r.duration_s, runner.reps_in_set(),
                                                  runner.target_reps(), spec.to_failure, true});
        }
        r.warmup_reps = ps.warmup_reps;
        r.extra_reps = ps.extra_reps;
        r.protocol_completed = runner.stage() == protocol::Stage::Done;
        r.points = static_cast<std::int64_t>(session_.world().ctx().get<session::GameState>().score.points());
        std::vector<protocol::SetResult> done = runner.sets();
        const auto advice = protocol::advise_next_load(p, done, load_seen_ ? r.load_pct1rm : p.load_pct1rm);
        r.load_advice_pct1rm = advice.load_pct1rm;
        r.load_increase = advice.increase;
        r.load_advice = advice.reason;
        r.sets.clear();
        for (const ProtocolSet& set : r.protocol_sets) r.sets.push_back(SetSpan{set.start_s, set.end_s, set.reps});
    }
    const auto& ss = session_.world().ctx().get<session::SafetyState>();
    r.alarms = ss.monitor.alarms();
    r.notices = ss.monitor.notices();
    r.discomfort_max = ss.discomfort_max;
    r.discomfort = discomfort_;
    return r;
}

std::vector<std::string> recording_warnings(const ReplayResult& r, const telemetry::ParseReport* report) {
    std::vector<std::string> w;
    const bool leg = r.limb == session::LimbKind::Leg;
    if (!r.lop_from_recording) {
        const double lop = session::default_lop_mmHg(r.limb);
        w.push_back(
            fmt::format("no LOP in the recording: assumed {:g} mmHg, the {} default; people differ by about "
                        "±{:.0f} mmHg (1 SD), so the %LOP figures are uncertain",
                        lop, leg ? "leg" : "arm", physiology::lop_sd_mmHg(lop)));
    }
    if (r.lop_rejected > 0) {
        w.push_back(fmt::format("ignored {} implausible LOP value{} (latest {:g} mmHg; accepted: {:g}-{:g} mmHg)",
                                r.lop_rejected, r.lop_rejected == 1 ? "" : "s", r.lop_rejected_mmHg,
                                session::kLopMinMmhg, session::kLopMaxMmhg));
    }
    if (r.gaps > 0) {
        w.push_back(fmt::format("{} gap{} of more than 2 s without samples (the longest {:.1f} s, after t = {:.1f} s): "
                                "the sensor was lost; the model kept the last cuff pressure and no muscle work, "
                                "and that time counts neither as occlusion nor toward pressure fidelity",
                                r.gaps, r.gaps == 1 ? "" : "s", r.longest_gap_s, r.longest_gap_at_s));
    }
    if (!r.load_from_recording) w.emplace_back("no load in the recording: assumed 30 %1RM");
    if (!r.effort_present && !r.movement_present) {
        if (!r.motion_present && !r.cuff_present) {
            w.emplace_back(
                "no effort, joint angle, motion sensor, contract input or cuff pressure in the recording: "
                "no reps counted");
        }
        w.emplace_back(
            "no effort, joint angle or contract input in the recording: the model saw no muscle work "
            "(it does not infer the muscle's work from a motion sensor yet)");
    }
    if (!r.cuff_present) w.emplace_back("no cuff pressure in the recording: the cuff is taken as deflated");
    if (report != nullptr && report->rows_skipped() > 0) {
        const std::uint64_t skipped = report->rows_skipped();
        w.push_back(fmt::format("skipped {} row{} that could not be used", skipped, skipped == 1 ? "" : "s"));
        for (const telemetry::Problem& p : report->problems()) {
            w.push_back(fmt::format("skipped line {}: {}", p.line, p.reason));
        }
        if (skipped > report->problems().size()) {
            const std::uint64_t more = skipped - report->problems().size();
            w.push_back(fmt::format("… and {} more skipped row{}", more, more == 1 ? "" : "s"));
        }
    }
    if (report != nullptr) {
        for (const std::string& text : report->warnings()) w.push_back(text);
    }
    if (r.origin_s != 0.0) {
        w.push_back(
            fmt::format("the recording's clock starts at {} s: it is replayed from its first sample, and "
                        "every time here counts from it",
                        r.origin_s));
    }
    if (r.truncated) {
        w.push_back(
            fmt::format("the recording goes on past the {:g} s a replay covers: only its first {:g} s "
                        "were replayed, later rows were not read",
                        r.max_duration_s, r.max_duration_s));
    }
    return w;
}

}  // namespace bfr::replay
