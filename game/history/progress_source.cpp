#include "game/history/progress_source.hpp"

#include "game/history/time_text.hpp"

#include <algorithm>
#include <ctime>

namespace bfr::history {

std::vector<ProgressSession> progress_sessions(const std::vector<SessionRow>& rows) {
    std::vector<ProgressSession> out;
    out.reserve(rows.size());
    for (const SessionRow& r : rows) {
        const auto start = parse_iso8601_utc(r.start.started_at);
        if (!start) continue;
        ProgressSession p;
        p.id = r.id;
        gamification::SessionRecord& s = p.record;
        s.started_unix_s = *start;
        s.completed = r.completed();
        s.reps = static_cast<std::uint32_t>(std::clamp<std::int64_t>(r.reps, 0, 1'000'000));
        s.load_pct1rm = r.start.load_pct1rm.value_or(0.0);
        s.lop_mmHg = r.start.lop_mmHg.value_or(0.0);
        if (r.end) s.time_in_band_pct = r.end->time_in_band_pct;
        if (r.points) s.points = static_cast<std::uint32_t>(std::clamp<std::int64_t>(*r.points, 0, 100'000'000));
        out.push_back(p);
    }
    std::stable_sort(out.begin(), out.end(), [](const ProgressSession& a, const ProgressSession& b) {
        if (a.record.started_unix_s != b.record.started_unix_s) return a.record.started_unix_s < b.record.started_unix_s;
        return a.id < b.id;
    });
    return out;
}

std::vector<gamification::SessionRecord> records_of(const std::vector<ProgressSession>& sessions) {
    std::vector<gamification::SessionRecord> out;
    out.reserve(sessions.size());
    for (const ProgressSession& s : sessions) out.push_back(s.record);
    return out;
}

std::int32_t local_utc_offset_s() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    if (localtime_r(&now, &local) == nullptr) return 0;
    return static_cast<std::int32_t>(local.tm_gmtoff);
}

Celebration celebration_for(const std::vector<ProgressSession>& sessions, std::int64_t latest_id,
                            std::int32_t utc_offset_s) {
    Celebration c;
    const auto it = std::find_if(sessions.begin(), sessions.end(),
                                 [&](const ProgressSession& s) { return s.id == latest_id; });
    if (it == sessions.end() || !it->record.completed) return c;
    // The sessions before it in time (a session imported later with an earlier date is "before").
    std::vector<gamification::SessionRecord> previous;
    for (auto p = sessions.begin(); p != it; ++p) previous.push_back(p->record);
    c.badges = gamification::new_badges(previous, it->record, utc_offset_s);
    c.bests = gamification::new_personal_bests(previous, it->record);
    return c;
}

}  // namespace bfr::history
