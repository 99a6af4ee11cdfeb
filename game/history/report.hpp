#pragma once
// The clinician session report (`bfr-coach export --format pdf|png`, docs/history.md "Session
// report"): one page following product.md §7's outline — header, pressure, exercise, response,
// trend and a suggestion for next time. This is the pure part: the stored rows of one session and
// the sessions around it become a layout model (texts, two small tables and the trend chart's
// points), with no drawing and no I/O; report_cairo.hpp draws it.
//
// Rules the model keeps, so that the drawing never has to judge the data:
//  - a figure that was not stored (or is not finite) reads "not recorded", never 0, "nan" or "";
//  - stored text is made printable (control characters become spaces, invalid UTF-8 becomes "?")
//    and any one value is cut to kMaxValueChars with "…";
//  - lists are cut with "+ N more …": sets at kMaxSetRows, alarms at kMaxAlarmRows, discomfort
//    reports at kMaxDiscomfortReports; the trend holds at most kTrendSessions sessions.

#include "game/history/history_db.hpp"
#include "game/protocol/protocol.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bfr::history::report {

/// What a missing figure reads.
inline constexpr std::string_view kNotRecorded = "not recorded";
/// The trend shows at most this many sessions: this one and those before it.
inline constexpr std::size_t kTrendSessions = 8;
/// Rows of the sets table (more sets: "+ N more sets").
inline constexpr std::size_t kMaxSetRows = 8;
/// Rows of the alarms table (more alarms: "+ N more alarms").
inline constexpr std::size_t kMaxAlarmRows = 5;
/// Discomfort reports listed one by one (more: "+ N more").
inline constexpr std::size_t kMaxDiscomfortReports = 6;
/// Longest value, in characters (code points), before it is cut with "…".
inline constexpr std::size_t kMaxValueChars = 120;
/// Weeks listed for adherence (this session's week and those before it).
inline constexpr std::size_t kAdherenceWeeks = 4;

/// A labelled figure: "LOP" = "170 mmHg (source: recording)".
struct Field {
    std::string label;     ///< Short, e.g. "LOP".
    std::string value;     ///< The figure in words; kNotRecorded when missing.
    bool missing = false;  ///< Nothing was stored for it (drawn in grey).
};

/// A small table: column titles, rows of cells, and what was left out.
struct Table {
    std::vector<std::string> columns;             ///< Column titles.
    std::vector<std::vector<std::string>> rows;   ///< Each as many cells as columns.
    std::vector<bool> flagged;                    ///< Per row: worth the reader's eye (short of target, not acknowledged).
    std::string more;                             ///< "+ 3 more alarms" when rows were left out; else empty.
    std::size_t left_out = 0;                     ///< Rows left out of `rows` (counted in `more`).
    std::string noun;                             ///< What a row is, plural ("sets"): for a shorter "+ N more".
    std::string empty_text;                       ///< What to show when there are no rows (empty: leave the table out).
};

/// One session of the trend chart.
struct TrendPoint {
    std::int64_t session_id = 0;             ///< The history's session number.
    std::string label;                       ///< Its local date, "03-05".
    double reps = 0.0;                       ///< Reps counted.
    std::optional<double> time_in_band_pct;  ///< Time in band, % (none: not recorded).
    bool completed = false;                  ///< Done to its end.
    bool current = false;                    ///< The session the report is about.
};

/// The report, ready to lay out.
struct ReportModel {
    std::string title;          ///< "BFR Coach · Session report".
    std::string session_label;  ///< "Session 3".
    std::string when;           ///< "2025-03-01 09:30 UTC" (or kNotRecorded).
    std::vector<Field> header;  ///< Date and duration, limb and side, posture, cuff, protocol, source, status.
    std::vector<Field> pressure;  ///< LOP, target, time in band, per-rep cuff, overshoots, occlusion, mode.
    std::vector<Field> exercise;  ///< Exercise, load, sets × reps, tempo, rests, to failure, time under tension.
    Table sets;                   ///< Per set: prescribed vs done, time, rest, cuff median/peak/valley %LOP.
    std::vector<Field> response;  ///< Discomfort, symptoms, stop reason, alarms count.
    Table alarms;                 ///< Per alarm: time, kind, value, action, acknowledged, cleared.
    std::vector<TrendPoint> trend;     ///< Oldest first, this session last (at most kTrendSessions).
    std::vector<Field> trend_fields;   ///< Load and LOP over the trend, adherence per week, streak.
    std::string suggestion;            ///< What to do next time, in one or two sentences.
    std::string suggestion_rule;       ///< The rule it follows, named ("Progression [B12]: …").
    std::vector<std::string> notes;    ///< Further points for next time (spacing, discomfort), each naming its rule.
    std::string footer;                ///< "Generated by BFR Coach 0.1.0 · session 3 · …".
    std::string disclaimer;            ///< One line: it does not replace clinical judgement.
};

/// What the report needs besides the session itself.
struct ReportContext {
    /// The session's protocol when it can still be found (by its stored name): the prescribed
    /// sets, tempo, rests, cuff mode and progression rule. None (or one whose sets differ from the
    /// stored sets' targets): those read kNotRecorded and the suggestion uses the stored sets'
    /// targets with the standard progression rule.
    std::optional<protocol::Protocol> protocol;
    std::string version = "0.0.0";   ///< BFR Coach's version for the footer.
    std::int32_t utc_offset_s = 0;   ///< The patient's UTC offset: local weeks for adherence, chart dates.
};

/// Builds the report of `record` with the trend of `history` (every stored session, any order;
/// may be empty or lack `record`, which is then the only session of the trend).
[[nodiscard]] ReportModel build_report(const SessionRecord& record, const std::vector<SessionRow>& history,
                                       const ReportContext& context);

// --- Text helpers (used by the model and by the drawing; exposed for tests) ------------------

/// `text` made printable: control characters become spaces, invalid UTF-8 bytes "?", and the
/// result is cut to `max_chars` code points (the last one "…") when longer.
[[nodiscard]] std::string printable(std::string_view text, std::size_t max_chars = kMaxValueChars);

/// A session-time span in words: "45 s", "6 min 12 s", "1 h 02 min"; kNotRecorded when not finite.
[[nodiscard]] std::string duration_words(double seconds);

/// A session time as a clock: "0:45", "6:12", "1:02:03".
[[nodiscard]] std::string clock_time(double seconds);

/// A number with at most `decimals` decimals and no trailing zeros ("170", "182.5"); no "-0".
[[nodiscard]] std::string number_text(double value, int decimals = 1);

}  // namespace bfr::history::report
