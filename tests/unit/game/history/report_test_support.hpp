#pragma once
// Sessions for the report tests: a protocol session with given reps per set, and a crowded one
// (many sets, alarms and discomfort reports, very long and broken text) for the limits.

#include "game/history/history_db.hpp"
#include "history_test_support.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace bfr::history::test {

/// Session `id` started at `started_at`: leg, left, 30-15-15-15 at 30 %1RM, LOP 180 mmHg, 60 %LOP,
/// sets of `reps_per_set` reps (targets 30, 15, 15, 15; a set short of its target ended early)
/// with reps every 2 s and 30 s rests, one warm-up rep, a rep over 100 %LOP in set 2, two alarms
/// (pressure above LOP at 32.78 s, acknowledged and cleared; discomfort at 230 s) and two
/// discomfort reports (4 at 75.12 s, 8 at 230 s). Finished, not completed ("stopped by the user").
inline SessionRecord protocol_session(std::int64_t id, const std::string& started_at,
                                      const std::vector<int>& reps_per_set) {
    SessionRecord rec;
    SessionRow& row = rec.session;
    row.id = id;
    row.start = full_start();
    row.start.started_at = started_at;
    row.start.lop_mmHg = 180.0;
    row.start.lop_source = "clinician 2026-02-20 supine";
    SessionEnd end;
    end.ended_at = started_at;
    end.duration_s = 372.0;
    end.completed = false;
    end.stop_reason = "stopped by the user";
    end.occlusion_s = 248.0334;
    end.time_in_band_pct = 93.456;
    end.peak_pct_lop_mean = 64.7;
    end.valley_pct_lop_mean = 56.9;
    end.discomfort_max = 8;
    row.end = end;

    RepRow warmup;
    warmup.index = 1;
    warmup.start_s = 2.0;
    warmup.commit_s = 3.25;
    rec.reps.push_back(warmup);
    const std::vector<std::int64_t> targets{30, 15, 15, 15};
    double t0 = 10.0;
    std::int64_t index = 2;
    std::int64_t total = 1;
    for (std::size_t s = 0; s < reps_per_set.size(); ++s) {
        const int count = reps_per_set[s];
        SetRow set;
        set.number = static_cast<std::int64_t>(s + 1);
        set.start_s = t0;
        set.end_s = t0 + 2.0 * count - 1.0;
        set.reps = count;
        set.target_reps = s < targets.size() ? targets[s] : 15;
        set.ended_early = count < *set.target_reps;
        rec.sets.push_back(set);
        for (RepRow r : reps_from(index, count, t0)) {
            r.set_number = set.number;
            if (s == 1 && r.index == index) r.peak_pct_lop = 104.5;
            rec.reps.push_back(r);
        }
        index += count;
        total += count;
        t0 = set.end_s + 30.0;
    }
    row.reps = total;
    row.end->reps_total = total;
    row.sets = static_cast<std::int64_t>(rec.sets.size());
    rec.alarms = {AlarmRow{1, 32.78, "pressure_above_lop", "deflate", "Cuff at 199 mmHg: deflate now.", 199.05, 34.5,
                           36.9},
                  AlarmRow{2, 230.0, "discomfort", "stop", "Discomfort 8/10: stop.", 8.0, std::nullopt, std::nullopt}};
    row.alarms = 2;
    rec.discomfort = {DiscomfortRow{75.12, 4}, DiscomfortRow{230.0, 8}};
    return rec;
}

/// Session 99: 12 sets of 12 reps, 9 alarms, 10 discomfort reports, and text that is far too long
/// or not printable (a 300-character protocol title with a tab, a newline and a stray byte).
inline SessionRecord crowded_session() {
    SessionRecord rec;
    SessionRow& row = rec.session;
    row.id = 99;
    row.start = full_start();
    row.start.started_at = "2026-03-20T16:45:00Z";
    row.start.protocol_name = "rehab-knee-acl-phase-2-high-volume-with-a-name-much-longer-than-usual";
    std::string title = "Post-operative\tACL\nreconstruction \xff phase 2 ";
    while (title.size() < 300) title += "with very long wording ";
    row.start.protocol_title = title;
    row.start.lop_source = std::string(120, 'x');
    row.start.cuff_manufacturer = "A manufacturer with a remarkably long company name, incorporated";
    row.start.cuff_model = "Model number 1234567890-ABCDEFGHIJ-extended-edition";
    SessionEnd end;
    end.ended_at = "2026-03-20T17:45:00Z";
    end.duration_s = 3600.0;
    end.completed = false;
    end.stop_reason = "alarm: discomfort " + std::string(200, '!');
    end.time_in_band_pct = 41.0;
    end.discomfort_max = 9;
    row.end = end;
    double t0 = 10.0;
    std::int64_t index = 1;
    for (std::int64_t s = 1; s <= 12; ++s) {
        SetRow set;
        set.number = s;
        set.start_s = t0;
        set.end_s = t0 + 23.0;
        set.reps = 12;
        set.target_reps = 12;
        rec.sets.push_back(set);
        for (RepRow r : reps_from(index, 12, t0)) {
            r.set_number = s;
            rec.reps.push_back(r);
        }
        index += 12;
        t0 += 60.0;
    }
    row.reps = index - 1;
    row.sets = 12;
    for (std::int64_t a = 0; a < 9; ++a) {
        rec.alarms.push_back(AlarmRow{a + 1, 100.0 + 50.0 * static_cast<double>(a), a % 2 ? "sensor_lost" : "pressure_ceiling",
                                      a % 2 ? "deflate" : "stop", "message", a % 2 ? 2.5 : 305.0, std::nullopt,
                                      std::nullopt});
    }
    row.alarms = 9;
    for (std::int64_t d = 0; d < 10; ++d) {
        rec.discomfort.push_back(DiscomfortRow{60.0 * static_cast<double>(d + 1), d % 10});
    }
    return rec;
}

}  // namespace bfr::history::test
