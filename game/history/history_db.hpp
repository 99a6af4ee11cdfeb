#pragma once
// The session history: one SQLite file, `history.sqlite3` in the data folder (docs/history.md).
//
// - Crash safety: WAL journal, synchronous=NORMAL. Every write is its own transaction — a set with
//   its reps in one (add_set), an alarm or a discomfort report alone — so a crash (power, kill)
//   loses at most the set in progress; a session never finished lists with no end and
//   completed = false.
// - Versions: `PRAGMA user_version` holds the schema version; opening an older file runs the
//   migrations in order, in one transaction, after copying the file to
//   `history.sqlite3.bak-v<old>-<unix time>` (never destroying old data). A file from a newer
//   version, a file that is not a database, a locked or an unwritable one is refused with a
//   message and left untouched.
// - Every SQLite error becomes a message (last_error()); nothing throws or aborts. Values are
//   bound as parameters, never written into SQL.
//
//   std::string error;
//   auto db = HistoryDb::open(data_dir, &error);             // nullptr + error when unusable
//   auto id = db->begin_session(start);                       // when the session starts
//   db->add_set(*id, set, reps_of_the_set);                   // at each set's end
//   db->add_alarm(*id, alarm); db->add_discomfort(*id, report);  // as they come
//   db->finish_session(*id, end);                             // at the summary

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bfr::history {

/// The schema version this build writes and reads (`PRAGMA user_version`).
inline constexpr int kSchemaVersion = 1;
/// The database's file name in the data folder.
inline constexpr const char* kDatabaseFileName = "history.sqlite3";
/// How long a write waits for another process's transaction before giving up, ms.
inline constexpr int kBusyTimeoutMs = 2000;

/// Why HistoryDb::open() refused a file.
enum class OpenError : std::uint8_t {
    None,            ///< Opened.
    Unwritable,      ///< The data folder cannot be created or written (or is not a folder).
    NotADatabase,    ///< The file is not an SQLite database, or is damaged.
    Locked,          ///< Another process held it for longer than the busy timeout.
    NewerSchema,     ///< Written by a newer BFR Coach (a schema version above kSchemaVersion).
    MigrationFailed, ///< An older file could not be upgraded (it was left as it was, and backed up).
    Other,           ///< Any other SQLite or file-system failure (the message says which).
};

/// What is known when a session starts. Empty strings and empty optionals are stored as NULL.
struct SessionStart {
    std::string started_at;      ///< ISO 8601 UTC with "Z", e.g. "2025-03-01T09:30:05Z" (now_iso8601_utc()).
    std::string limb = "arm";    ///< "arm" or "leg".
    std::string side;            ///< "left", "right" or empty (unknown).
    std::string protocol_name;   ///< e.g. "30-15-15-15"; empty: free practice / no protocol.
    std::string protocol_title;  ///< e.g. "Standard 30-15-15-15".
    std::optional<double> load_pct1rm;     ///< Load, % of one-repetition maximum.
    std::optional<double> lop_mmHg;        ///< Limb occlusion pressure in use.
    std::string lop_source;                ///< Where the LOP came from, e.g. "device", "clinician", "recording", "default".
    std::optional<double> target_pct_lop;  ///< Prescribed cuff target, % LOP.
    /// The cuff: "simulated cuff", "file NAME", "serial DEVICE", "udp HOST:PORT" or "stdin"
    /// (exports call a source starting with "simulated" a simulated device).
    std::string source;
    std::string cuff_manufacturer;  ///< When the device says (empty: unknown).
    std::string cuff_model;         ///< When the device says (empty: unknown).
    std::string recording_path;     ///< The telemetry recording of the session, if any.
    bool imported = false;          ///< Stored from a recording (`replay --save`), not live.
};

/// What is known when a session ends (finish_session()). Empty optionals are stored as NULL.
struct SessionEnd {
    std::string ended_at;        ///< ISO 8601 UTC with "Z".
    std::optional<double> duration_s;  ///< Session time from start to end.
    bool completed = false;      ///< The protocol was done to its end (free practice: the session ended normally).
    std::string stop_reason;     ///< Why it ended early, e.g. "stopped by the user", "alarm: pressure_above_lop".
    std::optional<double> occlusion_s;          ///< Time with the cuff at or above 20 mmHg.
    std::optional<double> time_in_band_pct;     ///< Share of the assessed time within the band.
    std::optional<double> peak_pct_lop_mean;    ///< Mean per-rep cuff peak, % LOP.
    std::optional<double> valley_pct_lop_mean;  ///< Mean per-rep cuff valley, % LOP.
    std::optional<double> metabolite_peak;      ///< Model: highest metabolite load, 0..1.
    std::optional<double> swelling_pct_peak;    ///< Model: highest muscle swelling, %.
    std::optional<double> lactate_mmol_l_peak;  ///< Model: highest intramuscular lactate, mmol/L.
    std::optional<double> ph_min;               ///< Model: lowest intramuscular pH.
    std::optional<double> fatigue_pct_peak;     ///< Model: highest loss of force capacity, %.
    std::optional<std::int64_t> discomfort_max; ///< Highest discomfort reported, 0..10 (none: never asked).
    std::int64_t reps_total = 0;                ///< Every rep counted, in sets or not.
    std::optional<std::int64_t> points;         ///< The game layer's score (none: not scored).
};

/// One set, stored with its reps by add_set().
struct SetRow {
    std::int64_t number = 1;     ///< 1, 2, 3 ... within the session.
    double start_s = 0.0;        ///< Session time the set began.
    double end_s = 0.0;          ///< Session time it ended.
    std::int64_t reps = 0;       ///< Reps counted in it.
    std::optional<std::int64_t> target_reps;  ///< Prescribed reps (none: no protocol).
    bool to_failure = false;     ///< A to-failure set.
    bool ended_early = false;    ///< Ended before its target (E, an alarm, the end of the recording).
};

/// One counted rep.
struct RepRow {
    std::optional<std::int64_t> set_number;  ///< The set it belongs to (none: warm-up, after the protocol, free practice).
    std::int64_t index = 1;                  ///< 1, 2, 3 ... within the session, in commit order.
    double commit_s = 0.0;                   ///< When the counter committed it (session time).
    double start_s = 0.0;                    ///< When its movement began.
    std::optional<double> peak_pct_lop;      ///< Highest cuff %LOP in its window (none: not assessed).
    std::optional<double> valley_pct_lop;    ///< Lowest cuff %LOP in its window.
    std::optional<double> quality;           ///< A 0..1 quality score, when something rated it.
};

/// One safety alarm (docs/safety.md).
struct AlarmRow {
    std::int64_t id = 0;           ///< Row id (set by add_alarm() / load_session(); ignored on add).
    double t_s = 0.0;              ///< When it was raised (session time).
    std::string kind;              ///< e.g. "pressure_above_lop" (interfaces.md §5).
    std::string action;            ///< "deflate", "lower_10_mmHg" or "stop".
    std::string message;           ///< What the patient was told.
    std::optional<double> value;           ///< The figure that tripped it (mmHg, s or a level).
    std::optional<double> acknowledged_s;  ///< When the patient acknowledged it.
    std::optional<double> cleared_s;       ///< When its condition ended.
};

/// One discomfort report.
struct DiscomfortRow {
    double t_s = 0.0;        ///< When (session time).
    std::int64_t level = 0;  ///< 0..10.
};

/// A stored session: what was known at its start, at its end (none: never finished — a crash),
/// and counts of what it holds.
struct SessionRow {
    std::int64_t id = 0;                ///< Row id, 1, 2, 3 ...
    SessionStart start;                 ///< As given to begin_session().
    std::optional<SessionEnd> end;      ///< As given to finish_session(); none while unfinished.
    std::int64_t reps = 0;              ///< The stored total, else (unfinished) the reps stored so far.
    std::int64_t sets = 0;              ///< Sets stored.
    std::int64_t alarms = 0;            ///< Alarms stored.
    std::optional<std::int64_t> points;  ///< The game layer's score (set_points() or SessionEnd).

    /// True when finish_session() was called for it.
    [[nodiscard]] bool finished() const noexcept { return end.has_value(); }
    /// True when it finished with its protocol complete.
    [[nodiscard]] bool completed() const noexcept { return end && end->completed; }
};

/// A whole session: the row and everything stored under it, in time order.
struct SessionRecord {
    SessionRow session;                     ///< The session itself.
    std::vector<SetRow> sets;               ///< By number.
    std::vector<RepRow> reps;               ///< By index.
    std::vector<AlarmRow> alarms;           ///< By time.
    std::vector<DiscomfortRow> discomfort;  ///< By time.
};

/// The history database (one connection; use it from one thread at a time).
class HistoryDb {
public:
    /// Opens (creating when missing, migrating when older) `data_dir/history.sqlite3`, creating
    /// `data_dir` if needed. nullptr with a message naming the file and what to do when it cannot
    /// be used: not a database ("file is not a database"), locked by another process for longer
    /// than kBusyTimeoutMs, made by a newer BFR Coach ("schema v7, this version reads up to v1; it
    /// was left untouched"), an unwritable folder, a failed migration. `why` (optional) says which.
    [[nodiscard]] static std::unique_ptr<HistoryDb> open(const std::filesystem::path& data_dir, std::string* error,
                                                         OpenError* why = nullptr);
    /// `data_dir/history.sqlite3`.
    [[nodiscard]] static std::filesystem::path database_path(const std::filesystem::path& data_dir);

    /// Closes the connection (a batch still open is rolled back; every other write was
    /// committed when its call returned).
    ~HistoryDb();
    HistoryDb(const HistoryDb&) = delete;
    HistoryDb& operator=(const HistoryDb&) = delete;

    /// The database file.
    [[nodiscard]] const std::filesystem::path& path() const noexcept;
    /// The schema version the file had when opened (0: new or pre-history file).
    [[nodiscard]] int schema_version_found() const noexcept;
    /// The backup this open made before migrating (empty when none was needed).
    [[nodiscard]] const std::filesystem::path& backup_path() const noexcept;
    /// The message of the latest failed call (empty after a call that succeeded).
    [[nodiscard]] const std::string& last_error() const noexcept;

    /// Stores a new, unfinished session; its id, or nullopt (last_error()). `started_at` must be
    /// ISO 8601 UTC ("...Z") and `limb` "arm" or "leg".
    [[nodiscard]] std::optional<std::int64_t> begin_session(const SessionStart& start);
    /// Stores a set and its reps (each with set_number = set.number, or none for reps outside
    /// sets) in ONE transaction: all of it or nothing. False (last_error()) on failure: no such
    /// session, a set number used twice, a rep index used twice, a time that is not finite.
    bool add_set(std::int64_t session, const SetRow& set, const std::vector<RepRow>& reps);
    /// Stores reps outside any set (warm-up, free practice, after the protocol), in one transaction.
    bool add_reps(std::int64_t session, const std::vector<RepRow>& reps);
    /// Stores an alarm (its own transaction); its row id, or nullopt.
    [[nodiscard]] std::optional<std::int64_t> add_alarm(std::int64_t session, const AlarmRow& alarm);
    /// Records when an alarm was acknowledged and/or cleared (an empty optional keeps the stored value).
    bool update_alarm(std::int64_t alarm_id, std::optional<double> acknowledged_s, std::optional<double> cleared_s);
    /// Stores a discomfort report (its own transaction).
    bool add_discomfort(std::int64_t session, const DiscomfortRow& report);
    /// Stores the session's end and figures. False for an unknown session (or a failure).
    bool finish_session(std::int64_t session, const SessionEnd& end);
    /// Sets the game layer's points for a session (finished or not).
    bool set_points(std::int64_t session, std::int64_t points);

    /// Every session, oldest first (by start time, then id); nullopt on failure.
    [[nodiscard]] std::optional<std::vector<SessionRow>> list_sessions();
    /// One session with its sets, reps, alarms and discomfort reports; nullopt when there is no
    /// such session (last_error() empty) or on failure (last_error() says why).
    [[nodiscard]] std::optional<SessionRecord> load_session(std::int64_t id);
    /// The most recent session (latest start, then highest id); nullopt when the history is
    /// empty (last_error() empty) or on failure.
    [[nodiscard]] std::optional<std::int64_t> latest_session_id();

    /// Groups several writes into one transaction (e.g. a whole imported session): every call
    /// made while the Batch lives is kept only if commit() succeeds; otherwise (destroyed
    /// without commit, or commit failed — also when a write inside it failed at the database)
    /// all of it is rolled back. Batches may nest. A Batch must not outlive its HistoryDb.
    class Batch {
    public:
        /// Rolls back unless committed.
        ~Batch();
        /// Takes over `other`'s transaction.
        Batch(Batch&& other) noexcept;
        Batch& operator=(Batch&&) = delete;
        Batch(const Batch&) = delete;
        Batch& operator=(const Batch&) = delete;
        /// Keeps everything written since the batch began; false (db.last_error()) on failure.
        bool commit();

    private:
        friend class HistoryDb;
        explicit Batch(HistoryDb* db) : db_{db} {}
        HistoryDb* db_;  ///< Null once committed, rolled back or moved from.
    };
    /// Begins a batch; nullopt (last_error()) when the transaction cannot begin (e.g. locked).
    [[nodiscard]] std::optional<Batch> begin_batch();

private:
    struct Impl;
    explicit HistoryDb(std::unique_ptr<Impl> impl);
    bool begin_transaction();
    bool commit_transaction();
    void rollback_transaction();
    bool insert_reps(std::int64_t session, const std::vector<RepRow>& reps, const std::optional<std::int64_t>& set);
    std::unique_ptr<Impl> impl_;
};

}  // namespace bfr::history
