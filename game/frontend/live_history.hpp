#pragma once
// The live session's history (game/history): the session opened when it starts, each set
// committed in its own transaction the tick it ends (so killing the app mid-set loses only that
// set), alarms and discomfort answers as they come, the totals when it ends. A history that
// cannot be opened (corrupt, locked, newer) is reported once and the session goes on: it is still
// recorded to its telemetry file.

#include "game/history/history_db.hpp"
#include "game/history/progress_source.hpp"
#include "game/session/session.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace bfr::frontend {

struct LiveSessionInfo {
    std::string limb, side, protocol_name, protocol_title, source, recording_path;
    double load_pct1rm = 30.0;
    double lop_mmHg = 0.0;
    std::string lop_source;
    double target_pct_lop = 0.0;
};

class LiveHistory {
public:
    /// Opens the history in `data_dir` and begins the session; on failure error() says why and
    /// every later call does nothing.
    LiveHistory(const std::filesystem::path& data_dir, const LiveSessionInfo& info);
    /// After each tick: sets that ended, new alarms, discomfort answers.
    void observe_tick(const session::Session& session);
    /// The session is over (or the window closes): reps in no set, alarm acknowledgements, totals.
    void finish(const session::Session& session, float metabolite_peak, float swelling_peak);
    /// What this session earns if it ends as it stands (badges, personal bests), against the
    /// sessions stored before it; empty when the history is not usable or it is not completed.
    [[nodiscard]] history::Celebration celebration(const session::Session& session, std::int32_t utc_offset_s);
    [[nodiscard]] bool ok() const noexcept { return db_ != nullptr && session_id_ > 0; }
    [[nodiscard]] const std::string& error() const noexcept { return error_; }
    [[nodiscard]] std::int64_t session_id() const noexcept { return session_id_; }

private:
    [[nodiscard]] static history::SessionEnd end_of(const session::Session& session, float metabolite_peak,
                                                    float swelling_peak);

    std::unique_ptr<history::HistoryDb> db_;
    history::SessionStart start_;
    std::int64_t session_id_ = 0;
    std::string error_;
    std::size_t sets_written_ = 0;
    std::size_t reps_in_sets_ = 0;          ///< RepLog entries already written inside sets.
    std::map<std::uint32_t, std::int64_t> alarm_rows_;  ///< Monitor alarm id → its row.
    std::int64_t discomfort_seen_ns_ = -1;
    bool finished_ = false;
};

}  // namespace bfr::frontend
