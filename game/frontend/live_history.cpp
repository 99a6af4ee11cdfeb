#include "game/frontend/live_history.hpp"

#include "game/history/time_text.hpp"
#include "game/session/guidance.hpp"

#include <algorithm>
#include <cmath>

namespace bfr::frontend {
namespace {

std::optional<double> opt(const std::optional<double>& v) {
    return v && std::isfinite(*v) ? v : std::nullopt;
}

}  // namespace

LiveHistory::LiveHistory(const std::filesystem::path& data_dir, const LiveSessionInfo& info) {
    db_ = history::HistoryDb::open(data_dir, &error_);
    if (!db_) return;
    history::SessionStart s;
    s.started_at = history::now_iso8601_utc();
    s.limb = info.limb;
    s.side = info.side;
    s.protocol_name = info.protocol_name;
    s.protocol_title = info.protocol_title;
    s.load_pct1rm = info.load_pct1rm;
    if (info.lop_mmHg > 0.0) s.lop_mmHg = info.lop_mmHg;
    s.lop_source = info.lop_source;
    if (info.target_pct_lop > 0.0) s.target_pct_lop = info.target_pct_lop;
    s.source = info.source;
    s.recording_path = info.recording_path;
    s.imported = false;
    start_ = s;
    const auto id = db_->begin_session(s);
    if (!id) {
        error_ = db_->last_error();
        db_.reset();
        return;
    }
    session_id_ = *id;
}

void LiveHistory::observe_tick(const session::Session& session) {
    if (!ok() || finished_) return;
    const auto& world = session.world();
    const auto& log = world.ctx().get<session::RepLog>();
    const auto& ps = world.ctx().get<session::ProtocolState>();
    // Each set the runner ended, with its reps, in one transaction.
    if (ps.runner) {
        const auto& sets = ps.runner->sets();
        for (; sets_written_ < sets.size(); ++sets_written_) {
            const protocol::SetResult& set = sets[sets_written_];
            history::SetRow row;
            row.number = static_cast<std::int64_t>(sets_written_ + 1);
            row.start_s = static_cast<double>(set.start_ns) * 1e-9;
            row.end_s = static_cast<double>(set.end_ns) * 1e-9;
            row.reps = set.reps;
            row.target_reps = set.target_reps;
            row.to_failure = set.to_failure;
            row.ended_early = set.ended_early;
            std::vector<history::RepRow> reps;
            // The set's reps: those committed from its start to its end (overshoot included).
            for (std::size_t i = reps_in_sets_; i < log.times_s.size(); ++i) {
                if (log.times_s[i] > row.end_s + 1e-9) break;
                if (log.times_s[i] + 1e-9 < row.start_s) continue;  // warm-up before the set
                history::RepRow r;
                r.set_number = row.number;
                r.index = static_cast<std::int64_t>(i + 1);
                r.commit_s = log.times_s[i];
                r.start_s = log.start_s[i];
                if (i < log.events.size()) r.quality = log.events[i].quality_01;
                reps.push_back(r);
                reps_in_sets_ = i + 1;
            }
            if (!db_->add_set(session_id_, row, reps)) error_ = db_->last_error();
        }
    }
    const auto& ss = world.ctx().get<session::SafetyState>();
    for (const safety::Alarm& a : ss.tick_alarms) {
        history::AlarmRow row;
        row.id = a.id;
        row.t_s = static_cast<double>(a.t_ns) * 1e-9;
        row.kind = safety::kind_name(a.kind);
        row.action = safety::action_name(a.action);
        row.message = a.message;
        row.value = a.value;
        if (const auto id = db_->add_alarm(session_id_, row)) alarm_rows_[a.id] = *id;
    }
    if (ss.discomfort_last_ns > discomfort_seen_ns_ && ss.discomfort_last >= 0) {
        discomfort_seen_ns_ = ss.discomfort_last_ns;
        (void)db_->add_discomfort(session_id_, history::DiscomfortRow{static_cast<double>(ss.discomfort_last_ns) * 1e-9,
                                                                      ss.discomfort_last});
    }
}

void LiveHistory::finish(const session::Session& session, float metabolite_peak, float swelling_peak) {
    if (!ok() || finished_) return;
    observe_tick(session);
    finished_ = true;
    const auto& world = session.world();
    const auto& log = world.ctx().get<session::RepLog>();
    // Reps in no set (free practice, warm-up, a set still running): stored without a set.
    std::vector<history::RepRow> loose;
    for (std::size_t i = reps_in_sets_; i < log.times_s.size(); ++i) {
        history::RepRow r;
        r.index = static_cast<std::int64_t>(i + 1);
        r.commit_s = log.times_s[i];
        r.start_s = log.start_s[i];
        if (i < log.events.size()) r.quality = log.events[i].quality_01;
        loose.push_back(r);
    }
    if (!loose.empty()) (void)db_->add_reps(session_id_, loose);
    const auto& ss = world.ctx().get<session::SafetyState>();
    for (const safety::Alarm& a : ss.monitor.alarms()) {
        const auto it = alarm_rows_.find(a.id);
        if (it == alarm_rows_.end()) continue;
        const std::optional<double> ack =
            a.acknowledged ? std::optional<double>(static_cast<double>(a.acknowledged_ns) * 1e-9) : std::nullopt;
        const std::optional<double> cleared =
            a.active ? std::nullopt : std::optional<double>(static_cast<double>(a.cleared_ns) * 1e-9);
        (void)db_->update_alarm(it->second, ack, cleared);
    }
    const history::SessionEnd end = end_of(session, metabolite_peak, swelling_peak);
    if (!db_->finish_session(session_id_, end)) error_ = db_->last_error();
}

history::SessionEnd LiveHistory::end_of(const session::Session& session, float metabolite_peak, float swelling_peak) {
    const auto& world = session.world();
    const auto& log = world.ctx().get<session::RepLog>();
    const auto& ss = world.ctx().get<session::SafetyState>();
    const auto& ps = world.ctx().get<session::ProtocolState>();
    const auto pf = world.ctx().get<session::PressureFidelity>().tracker.summary();
    history::SessionEnd end;
    end.ended_at = history::now_iso8601_utc();
    end.duration_s = session.time_s();
    end.completed = ps.runner && ps.runner->stage() == protocol::Stage::Done && !ps.runner->stopped();
    end.stop_reason = !ps.runner ? "free practice"
                      : end.completed ? ""
                      : ps.runner->stopped() ? "stopped by the patient"
                                             : "window closed before the end";
    end.occlusion_s = pf.inflated_s;
    end.time_in_band_pct = opt(pf.time_in_band_pct);
    end.peak_pct_lop_mean = opt(pf.peak_pct_lop_mean);
    end.valley_pct_lop_mean = opt(pf.valley_pct_lop_mean);
    end.metabolite_peak = metabolite_peak;
    end.swelling_pct_peak = swelling_peak;
    if (ss.discomfort_max >= 0) end.discomfort_max = ss.discomfort_max;
    end.reps_total = static_cast<std::int64_t>(log.times_s.size());
    if (ps.runner) end.points = world.ctx().get<session::GameState>().score.points();
    return end;
}

history::Celebration LiveHistory::celebration(const session::Session& session, std::int32_t utc_offset_s) {
    if (!ok()) return {};
    auto rows = db_->list_sessions();
    if (!rows) return {};
    // This session as it will be stored, in place of its row so far.
    history::SessionRow self;
    self.id = session_id_;
    self.start = start_;
    self.end = end_of(session, 0.f, 0.f);
    self.reps = self.end->reps_total;
    self.points = self.end->points;
    rows->erase(std::remove_if(rows->begin(), rows->end(), [&](const history::SessionRow& r) { return r.id == session_id_; }),
                rows->end());
    rows->push_back(self);
    return history::celebration_for(history::progress_sessions(*rows), session_id_, utc_offset_s);
}

}  // namespace bfr::frontend
