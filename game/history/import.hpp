#pragma once
// `replay FILE --save`: a replayed recording stored in the history exactly as the live app
// stores a session — the session, each set with its reps, the reps outside sets, the alarms,
// the discomfort reports and the end — with the imported flag set, all in one transaction (an
// import is stored whole or not at all).
//
// Reps go to sets as the replay counted them: with a protocol, after the warm-up reps, each set
// takes its reps in order (the rest are after the protocol); sets from the recording's events
// take the reps whose span overlaps them (sets.hpp); sets from rests take theirs in order. Each
// rep's cuff peak and valley are the pressure tracker's (null when it did not assess the rep).

#include "game/history/history_db.hpp"
#include "game/replay/replayer.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bfr::history {

/// What the replay result does not say about the session.
struct ImportInfo {
    std::string started_at;               ///< ISO 8601 UTC ("...Z"); the import's time by default.
    std::string source;                   ///< e.g. "file arm.csv".
    std::string recording_path;           ///< The recording (absolute path).
    std::optional<double> target_pct_lop; ///< The prescribed target, % LOP (none: the recording's own column).
};

/// The rows of a replay result: what begin_session/add_set/add_reps/add_alarm/add_discomfort/
/// finish_session receive.
struct ImportRows {
    SessionStart start;                              ///< The session's start.
    std::vector<std::pair<SetRow, std::vector<RepRow>>> sets;  ///< Each set with its reps.
    std::vector<RepRow> loose_reps;                  ///< Reps in no set.
    std::vector<AlarmRow> alarms;                    ///< Every alarm, in time order.
    std::vector<DiscomfortRow> discomfort;           ///< Every discomfort report.
    SessionEnd end;                                  ///< The session's end.
};

/// The rows for `result` (pure: tests check them without a database).
[[nodiscard]] ImportRows import_rows(const replay::ReplayResult& result, const ImportInfo& info);

/// Stores `result` as a finished, imported session in one transaction; its id, or nullopt with
/// the database's message in `error`.
[[nodiscard]] std::optional<std::int64_t> save_replay(HistoryDb& db, const replay::ReplayResult& result,
                                                      const ImportInfo& info, std::string* error);

}  // namespace bfr::history
