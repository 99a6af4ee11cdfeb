#include "game/history/import.hpp"

#include "game/history/time_text.hpp"
#include "game/safety/alarm.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bfr::history {
namespace {

double seconds(std::int64_t ns) {
    return static_cast<double>(ns) / 1e9;
}

std::optional<double> finite(double v) {
    return std::isfinite(v) ? std::optional<double>{v} : std::nullopt;
}

/// The set (1-based) each rep belongs to, or none.
std::vector<std::optional<std::int64_t>> assign_reps(const replay::ReplayResult& r) {
    const std::size_t n = r.reps.size();
    std::vector<std::optional<std::int64_t>> set_of(n);
    const auto in_order = [&](std::size_t first, const auto& counts) {
        std::size_t next = first;
        for (std::size_t k = 0; k < counts.size(); ++k) {
            for (std::uint32_t j = 0; j < counts[k] && next < n; ++j) set_of[next++] = static_cast<std::int64_t>(k + 1);
        }
    };
    if (r.protocol_name) {
        std::vector<std::uint32_t> counts;
        for (const replay::ProtocolSet& s : r.protocol_sets) counts.push_back(s.reps);
        const std::uint64_t in_sets = std::accumulate(counts.begin(), counts.end(), std::uint64_t{0});
        if (r.warmup_reps + in_sets + r.extra_reps == n) {
            // The runner counts reps in order: warm-up, then each set's, then the extra ones.
            in_order(r.warmup_reps, counts);
        } else {
            // Should not happen; by time then: a rep committed within a set's span belongs to it.
            for (std::size_t i = 0; i < n; ++i) {
                for (std::size_t k = 0; k < r.protocol_sets.size(); ++k) {
                    const replay::ProtocolSet& s = r.protocol_sets[k];
                    if (r.reps[i].commit_s >= s.start_s && r.reps[i].commit_s <= s.end_s) {
                        set_of[i] = static_cast<std::int64_t>(k + 1);
                        break;
                    }
                }
            }
        }
    } else if (r.sets_from_events) {
        // As sets_from_markers counts them: the first set the rep's span overlaps.
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t k = 0; k < r.sets.size(); ++k) {
                if (r.reps[i].start_s <= r.sets[k].end_s && r.reps[i].commit_s >= r.sets[k].start_s) {
                    set_of[i] = static_cast<std::int64_t>(k + 1);
                    break;
                }
            }
        }
    } else {
        // Sets from rests hold every rep, in order.
        std::vector<std::uint32_t> counts;
        for (const replay::SetSpan& s : r.sets) counts.push_back(s.reps);
        in_order(0, counts);
    }
    return set_of;
}

}  // namespace

ImportRows import_rows(const replay::ReplayResult& r, const ImportInfo& info) {
    ImportRows rows;
    SessionStart& s = rows.start;
    s.started_at = info.started_at.empty() ? now_iso8601_utc() : info.started_at;
    s.limb = r.limb == session::LimbKind::Leg ? "leg" : "arm";
    if (r.protocol_name) {
        s.protocol_name = *r.protocol_name;
        s.protocol_title = r.protocol_title;
    }
    s.load_pct1rm = finite(r.load_pct1rm);
    if (r.lop_mmHg > 0.0) s.lop_mmHg = finite(r.lop_mmHg);
    s.lop_source = r.lop_from_recording ? "recording" : "default";
    s.target_pct_lop = info.target_pct_lop;
    s.source = info.source.empty() ? std::string("file") : info.source;
    s.recording_path = info.recording_path;
    s.imported = true;

    // Reps, each with its cuff peak and valley when the tracker assessed it.
    const std::vector<std::optional<std::int64_t>> set_of = assign_reps(r);
    std::vector<RepRow> reps;
    reps.reserve(r.reps.size());
    for (std::size_t i = 0; i < r.reps.size(); ++i) {
        RepRow rep;
        rep.index = static_cast<std::int64_t>(i + 1);
        rep.set_number = set_of[i];
        rep.commit_s = r.reps[i].commit_s;
        rep.start_s = r.reps[i].start_s;
        if (i < r.rep_pressure.size()) {
            rep.peak_pct_lop = r.rep_pressure[i].peak_pct_lop;
            rep.valley_pct_lop = r.rep_pressure[i].valley_pct_lop;
        }
        reps.push_back(rep);
    }

    // Sets: the protocol's (with their targets), else those found in the recording.
    const auto add_set = [&](SetRow set) {
        std::vector<RepRow> mine;
        for (const RepRow& rep : reps) {
            if (rep.set_number == set.number) mine.push_back(rep);
        }
        rows.sets.emplace_back(set, std::move(mine));
    };
    if (r.protocol_name) {
        for (std::size_t k = 0; k < r.protocol_sets.size(); ++k) {
            const replay::ProtocolSet& p = r.protocol_sets[k];
            SetRow set;
            set.number = static_cast<std::int64_t>(k + 1);
            set.start_s = p.start_s;
            set.end_s = p.end_s;
            set.reps = p.reps;
            if (!(p.to_failure && p.target_reps == 0)) set.target_reps = p.target_reps;
            set.to_failure = p.to_failure;
            set.ended_early = p.ended_early;
            add_set(set);
        }
    } else {
        for (std::size_t k = 0; k < r.sets.size(); ++k) {
            SetRow set;
            set.number = static_cast<std::int64_t>(k + 1);
            set.start_s = r.sets[k].start_s;
            set.end_s = r.sets[k].end_s;
            set.reps = r.sets[k].reps;
            add_set(set);
        }
    }
    for (const RepRow& rep : reps) {
        if (!rep.set_number) rows.loose_reps.push_back(rep);
    }

    for (const safety::Alarm& a : r.alarms) {
        AlarmRow row;
        row.t_s = seconds(a.t_ns);
        row.kind = safety::kind_name(a.kind);
        row.action = safety::action_name(a.action);
        row.message = a.message;
        row.value = finite(a.value);
        if (a.acknowledged && a.acknowledged_ns >= 0) row.acknowledged_s = seconds(a.acknowledged_ns);
        if (a.cleared_ns >= 0) row.cleared_s = seconds(a.cleared_ns);
        rows.alarms.push_back(std::move(row));
    }
    for (const replay::DiscomfortReport& d : r.discomfort) rows.discomfort.push_back(DiscomfortRow{d.t_s, d.level});

    SessionEnd& e = rows.end;
    const std::int64_t start_unix = parse_iso8601_utc(s.started_at).value_or(0);
    e.duration_s = finite(r.duration_s);
    e.ended_at = iso8601_utc(start_unix + static_cast<std::int64_t>(std::llround(std::max(0.0, r.duration_s))));
    e.completed = r.protocol_name ? r.protocol_completed : true;
    if (r.protocol_name && !r.protocol_completed) e.stop_reason = "recording ended before the protocol did";
    e.occlusion_s = finite(r.occlusion_s);
    e.time_in_band_pct = r.pressure.time_in_band_pct;
    e.peak_pct_lop_mean = r.pressure.peak_pct_lop_mean;
    e.valley_pct_lop_mean = r.pressure.valley_pct_lop_mean;
    e.metabolite_peak = finite(r.peak.metabolite);
    e.swelling_pct_peak = finite(r.peak.swelling_pct);
    e.lactate_mmol_l_peak = finite(r.peak.lactate_mmol_l);
    e.ph_min = finite(r.peak.ph);
    e.fatigue_pct_peak = finite(r.peak.fatigue_pct);
    if (r.discomfort_max >= 0) e.discomfort_max = r.discomfort_max;
    e.reps_total = static_cast<std::int64_t>(r.reps.size());
    e.points = r.points;  // scored as live (the session runs the same game layer)
    return rows;
}

std::optional<std::int64_t> save_replay(HistoryDb& db, const replay::ReplayResult& result, const ImportInfo& info,
                                        std::string* error) {
    const ImportRows rows = import_rows(result, info);
    const auto failed = [&]() -> std::optional<std::int64_t> {
        if (error != nullptr) *error = db.last_error();
        return std::nullopt;
    };
    // One transaction for the whole import: stored whole or not at all.
    std::optional<HistoryDb::Batch> batch = db.begin_batch();
    if (!batch) return failed();
    const std::optional<std::int64_t> id = db.begin_session(rows.start);
    if (!id) return failed();
    for (const auto& [set, reps] : rows.sets) {
        if (!db.add_set(*id, set, reps)) return failed();
    }
    if (!db.add_reps(*id, rows.loose_reps)) return failed();
    for (const AlarmRow& a : rows.alarms) {
        if (!db.add_alarm(*id, a)) return failed();
    }
    for (const DiscomfortRow& d : rows.discomfort) {
        if (!db.add_discomfort(*id, d)) return failed();
    }
    if (!db.finish_session(*id, rows.end)) return failed();
    if (!batch->commit()) return failed();
    return id;
}

}  // namespace bfr::history
