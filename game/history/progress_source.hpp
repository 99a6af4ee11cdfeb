#pragma once
// The history's sessions as the game layer's long run sees them (game/gamification/progress.hpp):
// one place that turns stored rows into gamification::SessionRecord, shared by
// `bfr-coach history`, the window's progress screen and the end-of-session celebration.

#include "game/gamification/progress.hpp"
#include "game/history/history_db.hpp"

#include <cstdint>
#include <vector>

namespace bfr::history {

/// A stored session for the long run, with the row it came from.
struct ProgressSession {
    std::int64_t id = 0;                  ///< The history's session number.
    gamification::SessionRecord record;   ///< Its start, completion, reps, load, LOP, time in band, points.
};

/// The rows with a readable start time, oldest first (ties by id). Unfinished sessions (a crash)
/// are kept, not completed: the calendar shows them, streaks and badges do not count them.
[[nodiscard]] std::vector<ProgressSession> progress_sessions(const std::vector<SessionRow>& rows);

/// Only the records of `sessions`, in the same order.
[[nodiscard]] std::vector<gamification::SessionRecord> records_of(const std::vector<ProgressSession>& sessions);

/// The machine's UTC offset now, seconds (the patient's local days and weeks).
[[nodiscard]] std::int32_t local_utc_offset_s();

/// What the session `latest_id` earned against the sessions before it: the badges it earned and
/// the personal bests it beat (empty when it is not in `sessions` or not completed).
struct Celebration {
    std::vector<gamification::Badge> badges;
    std::vector<gamification::NewBest> bests;

    [[nodiscard]] bool empty() const noexcept { return badges.empty() && bests.empty(); }
};
[[nodiscard]] Celebration celebration_for(const std::vector<ProgressSession>& sessions, std::int64_t latest_id,
                                          std::int32_t utc_offset_s);

}  // namespace bfr::history
