#include "game/history/history_db.hpp"

#include "game/history/sqlite_handle.hpp"
#include "game/history/time_text.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <utility>

namespace bfr::history {
namespace fs = std::filesystem;

namespace {

/// One step of the schema: the SQL that takes a file from version `to_version - 1` to `to_version`.
struct Migration {
    int to_version;
    const char* sql_text;
};

/// Every migration, in order. A new schema version appends one (never edit a shipped one).
constexpr Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    limb TEXT NOT NULL CHECK (limb IN ('arm', 'leg')),
    side TEXT CHECK (side IN ('left', 'right')),
    protocol_name TEXT,
    protocol_title TEXT,
    load_pct1rm REAL,
    lop_mmHg REAL,
    lop_source TEXT,
    target_pct_lop REAL,
    source TEXT NOT NULL,
    cuff_manufacturer TEXT,
    cuff_model TEXT,
    recording_path TEXT,
    imported INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1)),
    duration_s REAL,
    completed INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
    stop_reason TEXT,
    occlusion_s REAL,
    time_in_band_pct REAL,
    peak_pct_lop_mean REAL,
    valley_pct_lop_mean REAL,
    metabolite_peak REAL,
    swelling_pct_peak REAL,
    lactate_mmol_l_peak REAL,
    ph_min REAL,
    fatigue_pct_peak REAL,
    discomfort_max INTEGER CHECK (discomfort_max BETWEEN 0 AND 10),
    reps_total INTEGER CHECK (reps_total >= 0),
    points INTEGER
) STRICT;
CREATE INDEX sessions_by_start ON sessions (started_at, id);
CREATE TABLE sets (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number >= 1),
    start_s REAL NOT NULL,
    end_s REAL NOT NULL,
    reps INTEGER NOT NULL CHECK (reps >= 0),
    target_reps INTEGER CHECK (target_reps >= 0),
    to_failure INTEGER NOT NULL CHECK (to_failure IN (0, 1)),
    ended_early INTEGER NOT NULL CHECK (ended_early IN (0, 1)),
    PRIMARY KEY (session_id, number)
) STRICT;
CREATE TABLE reps (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    set_number INTEGER,
    rep_index INTEGER NOT NULL CHECK (rep_index >= 1),
    commit_s REAL NOT NULL,
    start_s REAL NOT NULL,
    peak_pct_lop REAL,
    valley_pct_lop REAL,
    quality REAL,
    PRIMARY KEY (session_id, rep_index),
    FOREIGN KEY (session_id, set_number) REFERENCES sets (session_id, number) ON DELETE CASCADE
) STRICT;
CREATE INDEX reps_by_set ON reps (session_id, set_number);
CREATE TABLE alarms (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    t_s REAL NOT NULL,
    kind TEXT NOT NULL,
    action TEXT NOT NULL,
    message TEXT NOT NULL,
    value REAL,
    acknowledged_s REAL,
    cleared_s REAL
) STRICT;
CREATE INDEX alarms_by_session ON alarms (session_id, t_s);
CREATE TABLE discomfort (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    t_s REAL NOT NULL,
    level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 10)
) STRICT;
CREATE INDEX discomfort_by_session ON discomfort (session_id, t_s);
)sql"},
};
static_assert(std::size(kMigrations) == static_cast<std::size_t>(kSchemaVersion),
              "one migration per schema version, the last one reaching kSchemaVersion");

constexpr const char* kSessionColumns =
    "SELECT s.id, s.started_at, s.ended_at, s.limb, s.side, s.protocol_name, s.protocol_title, s.load_pct1rm, "
    "s.lop_mmHg, s.lop_source, s.target_pct_lop, s.source, s.cuff_manufacturer, s.cuff_model, s.recording_path, "
    "s.imported, s.duration_s, s.completed, s.stop_reason, s.occlusion_s, s.time_in_band_pct, s.peak_pct_lop_mean, "
    "s.valley_pct_lop_mean, s.metabolite_peak, s.swelling_pct_peak, s.lactate_mmol_l_peak, s.ph_min, "
    "s.fatigue_pct_peak, s.discomfort_max, s.reps_total, s.points, "
    "(SELECT COUNT(*) FROM reps r WHERE r.session_id = s.id), "
    "(SELECT COUNT(*) FROM sets t WHERE t.session_id = s.id), "
    "(SELECT COUNT(*) FROM alarms a WHERE a.session_id = s.id) "
    "FROM sessions s ";

/// The primary result code of an extended one.
int primary(int code) noexcept {
    return code & 0xff;
}

/// A failure of SQLite on `path` in plain words, with what to do about it.
std::string describe_failure(const fs::path& path, int code, const std::string& text) {
    switch (primary(code)) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return fmt::format(
                "the history database '{}' is locked by another process (waited {} s: {}); close the other "
                "BFR Coach (or whatever holds it) and try again",
                path.string(), kBusyTimeoutMs / 1000, text);
        case SQLITE_NOTADB:
            return fmt::format(
                "'{}' cannot be used as the history: file is not a database; it was left untouched (move it "
                "away to start a new history)",
                path.string());
        case SQLITE_CORRUPT:
            return fmt::format(
                "the history database '{}' is damaged ({}); it was left untouched (move it away to start a new "
                "history, or repair it with the sqlite3 tool's .recover)",
                path.string(), text);
        case SQLITE_FULL: return fmt::format("the disk holding '{}' is full ({})", path.string(), text);
        case SQLITE_READONLY:
        case SQLITE_PERM:
        case SQLITE_CANTOPEN:
            return fmt::format("the history database '{}' cannot be written ({})", path.string(), text);
        default: return fmt::format("the history database '{}': {}", path.string(), text);
    }
}

OpenError kind_of(int code) noexcept {
    switch (primary(code)) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED: return OpenError::Locked;
        case SQLITE_NOTADB:
        case SQLITE_CORRUPT: return OpenError::NotADatabase;
        case SQLITE_READONLY:
        case SQLITE_PERM:
        case SQLITE_CANTOPEN: return OpenError::Unwritable;
        default: return OpenError::Other;
    }
}

/// Reads `PRAGMA user_version`; the SQLite result code on failure.
int read_user_version(const sql::Connection& db, int* version) {
    sql::Statement st{db, "PRAGMA user_version"};
    if (!st.ok()) return st.prepare_result();
    const int rc = st.step();
    if (rc != SQLITE_ROW) return rc;
    *version = static_cast<int>(st.column_int(0));
    return SQLITE_OK;
}

/// Copies `from` to `to` (which must not exist) and syncs it; false with the reason.
bool copy_synced(const fs::path& from, const fs::path& to, std::string* why) {
    std::error_code ec;
    if (!fs::copy_file(from, to, fs::copy_options::none, ec)) {
        *why = fmt::format("cannot copy '{}' to '{}': {}", from.string(), to.string(), ec.message());
        return false;
    }
    const int fd = ::open(to.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        if (fd >= 0) ::close(fd);
        *why = fmt::format("cannot sync the copy '{}'", to.string());
        return false;
    }
    ::close(fd);
    return true;
}

std::int64_t unix_now_s() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool finite_or_empty(const std::optional<double>& v) {
    return !v || std::isfinite(*v);
}

}  // namespace

struct HistoryDb::Impl {
    fs::path path;
    sql::Connection db;
    int version_found = 0;
    fs::path backup;
    std::string error;
    int depth = 0;         ///< Open transactions (the outermost is BEGIN IMMEDIATE, the others savepoints).
    bool poisoned = false; ///< A nested transaction failed: the outermost one must not commit.

    sql::Statement insert_session;
    sql::Statement insert_set;
    sql::Statement insert_rep;
    sql::Statement insert_alarm;
    sql::Statement update_alarm;
    sql::Statement insert_discomfort;
    sql::Statement finish_session;
    sql::Statement set_points;

    Impl(fs::path p, sql::Connection c) : path{std::move(p)}, db{std::move(c)} {}

    /// Records the connection's latest error, prefixed with what was being done; returns false.
    bool fail(const std::string& doing) {
        return fail_with(doing, db.error_code(), db.error_text());
    }
    bool fail_with(const std::string& doing, int code, const std::string& text) {
        error = fmt::format("{}: {}", doing, describe_failure(path, code, text));
        return false;
    }
    bool fail_plain(std::string message) {
        error = std::move(message);
        return false;
    }

    /// Runs a prepared write statement once (reset first); the result code.
    static int run(sql::Statement& st) {
        const int rc = st.step();
        st.reset();
        return rc;
    }
};

HistoryDb::HistoryDb(std::unique_ptr<Impl> impl) : impl_{std::move(impl)} {}

HistoryDb::~HistoryDb() {
    // An unfinished transaction (a batch still open) is rolled back by SQLite when the
    // connection closes; nothing else to do: every write was committed when it returned.
    if (impl_ && impl_->depth > 0) impl_->db.exec("ROLLBACK");
}

fs::path HistoryDb::database_path(const fs::path& data_dir) {
    return data_dir / kDatabaseFileName;
}

const fs::path& HistoryDb::path() const noexcept {
    return impl_->path;
}

int HistoryDb::schema_version_found() const noexcept {
    return impl_->version_found;
}

const fs::path& HistoryDb::backup_path() const noexcept {
    return impl_->backup;
}

const std::string& HistoryDb::last_error() const noexcept {
    return impl_->error;
}

std::unique_ptr<HistoryDb> HistoryDb::open(const fs::path& data_dir, std::string* error, OpenError* why) {
    const auto refuse = [&](OpenError kind, std::string message) -> std::unique_ptr<HistoryDb> {
        if (error != nullptr) *error = std::move(message);
        if (why != nullptr) *why = kind;
        return nullptr;
    };
    if (why != nullptr) *why = OpenError::None;

    std::error_code ec;
    if (fs::exists(data_dir, ec) && !fs::is_directory(data_dir, ec)) {
        return refuse(OpenError::Unwritable, fmt::format("data folder '{}' exists but is not a folder", data_dir.string()));
    }
    fs::create_directories(data_dir, ec);
    if (ec) {
        return refuse(OpenError::Unwritable,
                      fmt::format("cannot create the data folder '{}': {}", data_dir.string(), ec.message()));
    }
    if (::access(data_dir.c_str(), W_OK | X_OK) != 0) {
        return refuse(OpenError::Unwritable,
                      fmt::format("the data folder '{}' is not writable (the history database writes beside itself)",
                                  data_dir.string()));
    }
    const fs::path path = database_path(data_dir);
    if (fs::exists(path, ec) && !fs::is_regular_file(path, ec)) {
        return refuse(OpenError::Other, fmt::format("'{}' is not a file", path.string()));
    }

    sql::Connection db{path.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE};
    if (!db.ok()) return refuse(kind_of(db.error_code()), describe_failure(path, db.error_code(), db.error_text()));
    sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);

    // Read the version before anything that could write: a newer or foreign file stays as it was.
    int version = 0;
    if (const int rc = read_user_version(db, &version); rc != SQLITE_OK) {
        return refuse(kind_of(db.error_code()), describe_failure(path, db.error_code(), db.error_text()));
    }
    const auto newer = [&](int v) {
        return refuse(OpenError::NewerSchema,
                      fmt::format("the history database '{}' was made by a newer BFR Coach: schema v{}, this version "
                                  "reads up to v{}; it was left untouched (update BFR Coach, or use another "
                                  "--data-dir)",
                                  path.string(), v, kSchemaVersion));
    };
    if (version > kSchemaVersion) return newer(version);
    if (version < 0) {
        return refuse(OpenError::Other,
                      fmt::format("the history database '{}' has an impossible schema version ({}); it was left "
                                  "untouched",
                                  path.string(), version));
    }
    if (db.exec("PRAGMA foreign_keys = ON") != SQLITE_OK) {
        return refuse(kind_of(db.error_code()), describe_failure(path, db.error_code(), db.error_text()));
    }

    fs::path backup;
    const int found = version;
    if (version < kSchemaVersion) {
        // One write transaction for the backup and every migration: no other process writes in
        // between, and a failure leaves the file as it was.
        if (db.exec("BEGIN IMMEDIATE") != SQLITE_OK) {
            return refuse(kind_of(db.error_code()), describe_failure(path, db.error_code(), db.error_text()));
        }
        const auto abandon = [&](OpenError kind, std::string message) {
            db.exec("ROLLBACK");
            return refuse(kind, std::move(message));
        };
        if (const int rc = read_user_version(db, &version); rc != SQLITE_OK) {
            const int code = db.error_code();
            return abandon(kind_of(code), describe_failure(path, code, db.error_text()));
        }
        if (version > kSchemaVersion) {
            db.exec("ROLLBACK");
            return newer(version);
        }
        const std::uintmax_t size = fs::file_size(path, ec);
        if (version < kSchemaVersion && !ec && size > 0) {
            // Never destroy old data: the file as it is now (and its WAL, if any), beside it.
            const std::string stem = fmt::format("{}.bak-v{}-{}", path.filename().string(), version, unix_now_s());
            fs::path target = path.parent_path() / stem;
            for (int n = 2; fs::exists(target, ec) && n < 1000; ++n) {
                target = path.parent_path() / fmt::format("{}-{}", stem, n);
            }
            std::string copy_error;
            if (!copy_synced(path, target, &copy_error)) {
                return abandon(OpenError::MigrationFailed,
                               fmt::format("could not back up the history database '{}' before upgrading it from "
                                           "schema v{} ({}); it was left untouched",
                                           path.string(), version, copy_error));
            }
            fs::path wal = path;
            wal += "-wal";
            if (fs::exists(wal, ec) && fs::file_size(wal, ec) > 0 && !ec) {
                fs::path wal_copy = target;
                wal_copy += "-wal";
                if (!copy_synced(wal, wal_copy, &copy_error)) {
                    return abandon(OpenError::MigrationFailed,
                                   fmt::format("could not back up the history database's journal '{}' ({}); it was "
                                               "left untouched",
                                               wal.string(), copy_error));
                }
            }
            backup = target;
        }
        for (const Migration& m : kMigrations) {
            if (m.to_version <= version) continue;
            const std::string set_version = fmt::format("PRAGMA user_version = {}", m.to_version);
            if (db.exec(m.sql_text) != SQLITE_OK || db.exec(set_version.c_str()) != SQLITE_OK) {
                const std::string text = db.error_text();
                return abandon(OpenError::MigrationFailed,
                               fmt::format("could not upgrade the history database '{}' from schema v{} to v{}: {}; "
                                           "it was left as it was{}",
                                           path.string(), m.to_version - 1, m.to_version, text,
                                           backup.empty() ? std::string()
                                                          : fmt::format(" (a copy is at '{}')", backup.string())));
            }
        }
        if (db.exec("COMMIT") != SQLITE_OK) {
            const int code = db.error_code();
            return abandon(kind_of(code), describe_failure(path, code, db.error_text()));
        }
    }

    // WAL: readers never wait for the writer and a commit is one append. Where WAL cannot work
    // (e.g. a network file system) SQLite keeps its rollback journal, which is safe too.
    {
        sql::Statement wal{db, "PRAGMA journal_mode = WAL"};
        const int rc = wal.ok() ? wal.step() : wal.prepare_result();
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            return refuse(kind_of(db.error_code()), describe_failure(path, db.error_code(), db.error_text()));
        }
    }
    if (db.exec("PRAGMA synchronous = NORMAL") != SQLITE_OK) {
        return refuse(kind_of(db.error_code()), describe_failure(path, db.error_code(), db.error_text()));
    }

    auto impl = std::make_unique<Impl>(path, std::move(db));
    impl->version_found = found;
    impl->backup = backup;
    struct Prepared {
        sql::Statement* target;
        const char* sql_text;
    };
    const Prepared statements[] = {
        {&impl->insert_session,
         "INSERT INTO sessions (started_at, limb, side, protocol_name, protocol_title, load_pct1rm, lop_mmHg, "
         "lop_source, target_pct_lop, source, cuff_manufacturer, cuff_model, recording_path, imported) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"},
        {&impl->insert_set,
         "INSERT INTO sets (session_id, number, start_s, end_s, reps, target_reps, to_failure, ended_early) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"},
        {&impl->insert_rep,
         "INSERT INTO reps (session_id, set_number, rep_index, commit_s, start_s, peak_pct_lop, valley_pct_lop, "
         "quality) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"},
        {&impl->insert_alarm,
         "INSERT INTO alarms (session_id, t_s, kind, action, message, value, acknowledged_s, cleared_s) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"},
        {&impl->update_alarm,
         "UPDATE alarms SET acknowledged_s = COALESCE(?2, acknowledged_s), cleared_s = COALESCE(?3, cleared_s) "
         "WHERE id = ?1"},
        {&impl->insert_discomfort, "INSERT INTO discomfort (session_id, t_s, level) VALUES (?1, ?2, ?3)"},
        {&impl->finish_session,
         "UPDATE sessions SET ended_at = ?2, duration_s = ?3, completed = ?4, stop_reason = ?5, occlusion_s = ?6, "
         "time_in_band_pct = ?7, peak_pct_lop_mean = ?8, valley_pct_lop_mean = ?9, metabolite_peak = ?10, "
         "swelling_pct_peak = ?11, lactate_mmol_l_peak = ?12, ph_min = ?13, fatigue_pct_peak = ?14, "
         "discomfort_max = ?15, reps_total = ?16, points = COALESCE(?17, points) WHERE id = ?1"},
        {&impl->set_points, "UPDATE sessions SET points = ?2 WHERE id = ?1"},
    };
    for (const Prepared& p : statements) {
        *p.target = sql::Statement{impl->db, p.sql_text};
        if (!p.target->ok()) {
            return refuse(OpenError::Other,
                          fmt::format("the history database '{}' does not hold the tables this version expects ({}); "
                                      "it was left as it was",
                                      path.string(), impl->db.error_text()));
        }
    }
    return std::unique_ptr<HistoryDb>(new HistoryDb(std::move(impl)));
}

// --- transactions ------------------------------------------------------------------------------

bool HistoryDb::begin_transaction() {
    Impl& m = *impl_;
    if (m.depth > 0 && sqlite3_get_autocommit(m.db.get()) != 0) {
        // SQLite rolled the outer transaction back after an error (e.g. disk full): nothing to nest in.
        return m.fail_plain(fmt::format("the history database '{}': an earlier write in this batch failed",
                                        m.path.string()));
    }
    const char* sql_text = m.depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT nested";
    if (m.db.exec(sql_text) != SQLITE_OK) return m.fail("could not begin a transaction");
    if (m.depth == 0) m.poisoned = false;
    ++m.depth;
    return true;
}

bool HistoryDb::commit_transaction() {
    Impl& m = *impl_;
    if (m.depth <= 0) return m.fail_plain("no transaction to commit");
    if (sqlite3_get_autocommit(m.db.get()) != 0) {
        m.depth = 0;
        return m.fail_plain(fmt::format(
            "the history database '{}': SQLite abandoned the transaction after an earlier error; nothing of it was kept",
            m.path.string()));
    }
    if (m.depth == 1 && m.poisoned) {
        const std::string keep = m.error;
        rollback_transaction();
        return m.fail_plain(keep.empty() ? fmt::format("the history database '{}': a write in this batch failed; "
                                                       "nothing of it was kept",
                                                       m.path.string())
                                         : keep);
    }
    const char* sql_text = m.depth == 1 ? "COMMIT" : "RELEASE nested";
    if (m.db.exec(sql_text) != SQLITE_OK) {
        m.fail("could not commit");
        const std::string keep = m.error;
        rollback_transaction();
        m.error = keep;
        return false;
    }
    --m.depth;
    return true;
}

void HistoryDb::rollback_transaction() {
    Impl& m = *impl_;
    if (m.depth <= 0) return;
    if (sqlite3_get_autocommit(m.db.get()) != 0) {  // already rolled back by SQLite
        m.depth = 0;
        return;
    }
    if (m.depth == 1) {
        m.db.exec("ROLLBACK");
    } else {
        m.db.exec("ROLLBACK TO nested");
        m.db.exec("RELEASE nested");
        m.poisoned = true;
    }
    --m.depth;
}

HistoryDb::Batch::~Batch() {
    if (db_ != nullptr) db_->rollback_transaction();
}

HistoryDb::Batch::Batch(Batch&& other) noexcept : db_{std::exchange(other.db_, nullptr)} {}

bool HistoryDb::Batch::commit() {
    if (db_ == nullptr) return false;
    HistoryDb* db = std::exchange(db_, nullptr);
    db->impl_->error.clear();
    return db->commit_transaction();
}

std::optional<HistoryDb::Batch> HistoryDb::begin_batch() {
    impl_->error.clear();
    if (!begin_transaction()) return std::nullopt;
    return Batch{this};
}

// --- writes ------------------------------------------------------------------------------------

std::optional<std::int64_t> HistoryDb::begin_session(const SessionStart& s) {
    Impl& m = *impl_;
    m.error.clear();
    if (!parse_iso8601_utc(s.started_at)) {
        m.fail_plain(fmt::format("started_at '{}' is not an ISO 8601 UTC time such as 2025-03-01T09:30:05Z",
                                 s.started_at));
        return std::nullopt;
    }
    if (s.limb != "arm" && s.limb != "leg") {
        m.fail_plain(fmt::format("limb '{}' is neither arm nor leg", s.limb));
        return std::nullopt;
    }
    if (!s.side.empty() && s.side != "left" && s.side != "right") {
        m.fail_plain(fmt::format("side '{}' is neither left nor right", s.side));
        return std::nullopt;
    }
    if (s.source.empty()) {
        m.fail_plain("the session's source (the cuff) is missing");
        return std::nullopt;
    }
    sql::Statement& st = m.insert_session;
    st.reset();
    st.bind(1, std::string_view{s.started_at});
    st.bind(2, std::string_view{s.limb});
    st.bind_text_or_null(3, s.side);
    st.bind_text_or_null(4, s.protocol_name);
    st.bind_text_or_null(5, s.protocol_title);
    st.bind(6, s.load_pct1rm);
    st.bind(7, s.lop_mmHg);
    st.bind_text_or_null(8, s.lop_source);
    st.bind(9, s.target_pct_lop);
    st.bind(10, std::string_view{s.source});
    st.bind_text_or_null(11, s.cuff_manufacturer);
    st.bind_text_or_null(12, s.cuff_model);
    st.bind_text_or_null(13, s.recording_path);
    st.bind(14, std::int64_t{s.imported ? 1 : 0});
    if (Impl::run(st) != SQLITE_DONE) {
        m.fail("could not store the new session");
        if (m.depth > 0) m.poisoned = true;
        return std::nullopt;
    }
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(m.db.get()));
}

bool HistoryDb::insert_reps(std::int64_t session, const std::vector<RepRow>& reps,
                            const std::optional<std::int64_t>& set) {
    Impl& m = *impl_;
    sql::Statement& st = m.insert_rep;
    for (const RepRow& r : reps) {
        st.reset();
        st.bind(1, session);
        st.bind(2, set);
        st.bind(3, r.index);
        st.bind(4, r.commit_s);
        st.bind(5, r.start_s);
        st.bind(6, r.peak_pct_lop);
        st.bind(7, r.valley_pct_lop);
        st.bind(8, r.quality);
        const int rc = Impl::run(st);
        if (rc == SQLITE_DONE) continue;
        if (rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
            return m.fail_plain(fmt::format("rep {} of session {} is stored already", r.index, session));
        }
        if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) return m.fail_plain(fmt::format("no session {} in the history", session));
        return m.fail(fmt::format("could not store rep {} of session {}", r.index, session));
    }
    return true;
}

namespace {

/// The first thing wrong with `reps` (times not finite, an index below 1), or empty.
std::string check_reps(const std::vector<RepRow>& reps) {
    for (const RepRow& r : reps) {
        if (r.index < 1) return fmt::format("rep index {} is below 1", r.index);
        if (!std::isfinite(r.commit_s) || !std::isfinite(r.start_s)) {
            return fmt::format("rep {}: its times are not finite numbers", r.index);
        }
        if (!finite_or_empty(r.peak_pct_lop) || !finite_or_empty(r.valley_pct_lop) || !finite_or_empty(r.quality)) {
            return fmt::format("rep {}: a figure is not a finite number", r.index);
        }
    }
    return {};
}

}  // namespace

bool HistoryDb::add_set(std::int64_t session, const SetRow& set, const std::vector<RepRow>& reps) {
    Impl& m = *impl_;
    m.error.clear();
    if (set.number < 1) return m.fail_plain(fmt::format("set number {} is below 1", set.number));
    if (!std::isfinite(set.start_s) || !std::isfinite(set.end_s)) {
        return m.fail_plain(fmt::format("set {}: its times are not finite numbers", set.number));
    }
    if (const std::string bad = check_reps(reps); !bad.empty()) {
        return m.fail_plain(fmt::format("set {}: {}; nothing of it was stored", set.number, bad));
    }
    if (!begin_transaction()) return false;
    sql::Statement& st = m.insert_set;
    st.reset();
    st.bind(1, session);
    st.bind(2, set.number);
    st.bind(3, set.start_s);
    st.bind(4, set.end_s);
    st.bind(5, set.reps);
    st.bind(6, set.target_reps);
    st.bind(7, std::int64_t{set.to_failure ? 1 : 0});
    st.bind(8, std::int64_t{set.ended_early ? 1 : 0});
    const int rc = Impl::run(st);
    bool ok = rc == SQLITE_DONE;
    if (!ok) {
        if (rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
            m.fail_plain(fmt::format("set {} of session {} is stored already", set.number, session));
        } else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
            m.fail_plain(fmt::format("no session {} in the history", session));
        } else {
            m.fail(fmt::format("could not store set {} of session {}", set.number, session));
        }
    }
    ok = ok && insert_reps(session, reps, set.number);
    if (!ok) {
        const std::string keep = m.error;
        rollback_transaction();
        m.error = keep;
        return false;
    }
    return commit_transaction();
}

bool HistoryDb::add_reps(std::int64_t session, const std::vector<RepRow>& reps) {
    Impl& m = *impl_;
    m.error.clear();
    if (const std::string bad = check_reps(reps); !bad.empty()) {
        return m.fail_plain(fmt::format("{}; none of these reps was stored", bad));
    }
    if (reps.empty()) return true;
    if (!begin_transaction()) return false;
    if (!insert_reps(session, reps, std::nullopt)) {
        const std::string keep = m.error;
        rollback_transaction();
        m.error = keep;
        return false;
    }
    return commit_transaction();
}

std::optional<std::int64_t> HistoryDb::add_alarm(std::int64_t session, const AlarmRow& a) {
    Impl& m = *impl_;
    m.error.clear();
    if (!std::isfinite(a.t_s) || !finite_or_empty(a.value) || !finite_or_empty(a.acknowledged_s) ||
        !finite_or_empty(a.cleared_s)) {
        m.fail_plain(fmt::format("alarm '{}': a time or value is not a finite number", a.kind));
        return std::nullopt;
    }
    if (a.kind.empty() || a.action.empty()) {
        m.fail_plain("an alarm needs its kind and its action");
        return std::nullopt;
    }
    sql::Statement& st = m.insert_alarm;
    st.reset();
    st.bind(1, session);
    st.bind(2, a.t_s);
    st.bind(3, std::string_view{a.kind});
    st.bind(4, std::string_view{a.action});
    st.bind(5, std::string_view{a.message});
    st.bind(6, a.value);
    st.bind(7, a.acknowledged_s);
    st.bind(8, a.cleared_s);
    const int rc = Impl::run(st);
    if (rc != SQLITE_DONE) {
        if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
            m.fail_plain(fmt::format("no session {} in the history", session));
        } else {
            m.fail(fmt::format("could not store the alarm '{}' of session {}", a.kind, session));
        }
        if (m.depth > 0) m.poisoned = true;
        return std::nullopt;
    }
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(m.db.get()));
}

bool HistoryDb::update_alarm(std::int64_t alarm_id, std::optional<double> acknowledged_s,
                             std::optional<double> cleared_s) {
    Impl& m = *impl_;
    m.error.clear();
    if (!finite_or_empty(acknowledged_s) || !finite_or_empty(cleared_s)) {
        return m.fail_plain(fmt::format("alarm {}: a time is not a finite number", alarm_id));
    }
    sql::Statement& st = m.update_alarm;
    st.reset();
    st.bind(1, alarm_id);
    st.bind(2, acknowledged_s);
    st.bind(3, cleared_s);
    if (Impl::run(st) != SQLITE_DONE) {
        if (m.depth > 0) m.poisoned = true;
        return m.fail(fmt::format("could not update alarm {}", alarm_id));
    }
    if (sqlite3_changes(m.db.get()) == 0) return m.fail_plain(fmt::format("no alarm {} in the history", alarm_id));
    return true;
}

bool HistoryDb::add_discomfort(std::int64_t session, const DiscomfortRow& d) {
    Impl& m = *impl_;
    m.error.clear();
    if (!std::isfinite(d.t_s)) return m.fail_plain("a discomfort report's time is not a finite number");
    if (d.level < 0 || d.level > 10) return m.fail_plain(fmt::format("discomfort level {} is not 0 to 10", d.level));
    sql::Statement& st = m.insert_discomfort;
    st.reset();
    st.bind(1, session);
    st.bind(2, d.t_s);
    st.bind(3, d.level);
    const int rc = Impl::run(st);
    if (rc == SQLITE_DONE) return true;
    if (m.depth > 0) m.poisoned = true;
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) return m.fail_plain(fmt::format("no session {} in the history", session));
    return m.fail(fmt::format("could not store a discomfort report of session {}", session));
}

bool HistoryDb::finish_session(std::int64_t session, const SessionEnd& e) {
    Impl& m = *impl_;
    m.error.clear();
    if (!parse_iso8601_utc(e.ended_at)) {
        return m.fail_plain(
            fmt::format("ended_at '{}' is not an ISO 8601 UTC time such as 2025-03-01T09:30:05Z", e.ended_at));
    }
    if (e.discomfort_max && (*e.discomfort_max < 0 || *e.discomfort_max > 10)) {
        return m.fail_plain(fmt::format("discomfort_max {} is not 0 to 10", *e.discomfort_max));
    }
    if (e.reps_total < 0) return m.fail_plain("reps_total is negative");
    sql::Statement& st = m.finish_session;
    st.reset();
    st.bind(1, session);
    st.bind(2, std::string_view{e.ended_at});
    st.bind(3, e.duration_s);
    st.bind(4, std::int64_t{e.completed ? 1 : 0});
    st.bind_text_or_null(5, e.stop_reason);
    st.bind(6, e.occlusion_s);
    st.bind(7, e.time_in_band_pct);
    st.bind(8, e.peak_pct_lop_mean);
    st.bind(9, e.valley_pct_lop_mean);
    st.bind(10, e.metabolite_peak);
    st.bind(11, e.swelling_pct_peak);
    st.bind(12, e.lactate_mmol_l_peak);
    st.bind(13, e.ph_min);
    st.bind(14, e.fatigue_pct_peak);
    st.bind(15, e.discomfort_max);
    st.bind(16, e.reps_total);
    st.bind(17, e.points);
    if (Impl::run(st) != SQLITE_DONE) {
        if (m.depth > 0) m.poisoned = true;
        return m.fail(fmt::format("could not store the end of session {}", session));
    }
    if (sqlite3_changes(m.db.get()) == 0) return m.fail_plain(fmt::format("no session {} in the history", session));
    return true;
}

bool HistoryDb::set_points(std::int64_t session, std::int64_t points) {
    Impl& m = *impl_;
    m.error.clear();
    sql::Statement& st = m.set_points;
    st.reset();
    st.bind(1, session);
    st.bind(2, points);
    if (Impl::run(st) != SQLITE_DONE) {
        if (m.depth > 0) m.poisoned = true;
        return m.fail(fmt::format("could not store the points of session {}", session));
    }
    if (sqlite3_changes(m.db.get()) == 0) return m.fail_plain(fmt::format("no session {} in the history", session));
    return true;
}

// --- reads -------------------------------------------------------------------------------------

namespace {

/// A consistent view for several SELECTs (a deferred read transaction) unless one is open already.
class ReadSnapshot {
public:
    ReadSnapshot(sql::Connection& db, bool inside_transaction) : db_{db} {
        if (!inside_transaction) began_ = db_.exec("BEGIN") == SQLITE_OK;
    }
    ~ReadSnapshot() {
        if (began_) db_.exec("COMMIT");
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

private:
    sql::Connection& db_;
    bool began_ = false;
};

SessionRow read_session_row(const sql::Statement& st) {
    SessionRow row;
    row.id = st.column_int(0);
    SessionStart& s = row.start;
    s.started_at = st.column_text(1);
    s.limb = st.column_text(3);
    s.side = st.column_text(4);
    s.protocol_name = st.column_text(5);
    s.protocol_title = st.column_text(6);
    s.load_pct1rm = st.column_optional_double(7);
    s.lop_mmHg = st.column_optional_double(8);
    s.lop_source = st.column_text(9);
    s.target_pct_lop = st.column_optional_double(10);
    s.source = st.column_text(11);
    s.cuff_manufacturer = st.column_text(12);
    s.cuff_model = st.column_text(13);
    s.recording_path = st.column_text(14);
    s.imported = st.column_int(15) != 0;
    row.points = st.column_optional_int(30);
    if (!st.is_null(2)) {
        SessionEnd e;
        e.ended_at = st.column_text(2);
        e.duration_s = st.column_optional_double(16);
        e.completed = st.column_int(17) != 0;
        e.stop_reason = st.column_text(18);
        e.occlusion_s = st.column_optional_double(19);
        e.time_in_band_pct = st.column_optional_double(20);
        e.peak_pct_lop_mean = st.column_optional_double(21);
        e.valley_pct_lop_mean = st.column_optional_double(22);
        e.metabolite_peak = st.column_optional_double(23);
        e.swelling_pct_peak = st.column_optional_double(24);
        e.lactate_mmol_l_peak = st.column_optional_double(25);
        e.ph_min = st.column_optional_double(26);
        e.fatigue_pct_peak = st.column_optional_double(27);
        e.discomfort_max = st.column_optional_int(28);
        e.reps_total = st.column_optional_int(29).value_or(0);
        e.points = row.points;
        row.end = e;
    }
    const std::optional<std::int64_t> total = st.column_optional_int(29);
    row.reps = total.value_or(st.column_int(31));
    row.sets = st.column_int(32);
    row.alarms = st.column_int(33);
    return row;
}

}  // namespace

std::optional<std::vector<SessionRow>> HistoryDb::list_sessions() {
    Impl& m = *impl_;
    m.error.clear();
    const std::string text = std::string(kSessionColumns) + "ORDER BY s.started_at, s.id";
    sql::Statement st{m.db, text.c_str()};
    if (!st.ok()) {
        m.fail("could not list the sessions");
        return std::nullopt;
    }
    std::vector<SessionRow> rows;
    int rc = SQLITE_ROW;
    while ((rc = st.step()) == SQLITE_ROW) rows.push_back(read_session_row(st));
    if (rc != SQLITE_DONE) {
        m.fail("could not list the sessions");
        return std::nullopt;
    }
    return rows;
}

std::optional<SessionRecord> HistoryDb::load_session(std::int64_t id) {
    Impl& m = *impl_;
    m.error.clear();
    const ReadSnapshot snapshot{m.db, m.depth > 0};
    const auto failed = [&m, id](int /*rc*/) {
        m.fail(fmt::format("could not read session {}", id));
        return std::nullopt;
    };
    SessionRecord rec;
    {
        const std::string text = std::string(kSessionColumns) + "WHERE s.id = ?1";
        sql::Statement st{m.db, text.c_str()};
        if (!st.ok()) return failed(st.prepare_result());
        st.bind(1, id);
        const int rc = st.step();
        if (rc == SQLITE_DONE) return std::nullopt;  // no such session: not an error
        if (rc != SQLITE_ROW) return failed(rc);
        rec.session = read_session_row(st);
    }
    {
        sql::Statement st{m.db,
                          "SELECT number, start_s, end_s, reps, target_reps, to_failure, ended_early FROM sets "
                          "WHERE session_id = ?1 ORDER BY number"};
        if (!st.ok()) return failed(st.prepare_result());
        st.bind(1, id);
        int rc = SQLITE_ROW;
        while ((rc = st.step()) == SQLITE_ROW) {
            SetRow s;
            s.number = st.column_int(0);
            s.start_s = st.column_double(1);
            s.end_s = st.column_double(2);
            s.reps = st.column_int(3);
            s.target_reps = st.column_optional_int(4);
            s.to_failure = st.column_int(5) != 0;
            s.ended_early = st.column_int(6) != 0;
            rec.sets.push_back(s);
        }
        if (rc != SQLITE_DONE) return failed(rc);
    }
    {
        sql::Statement st{m.db,
                          "SELECT set_number, rep_index, commit_s, start_s, peak_pct_lop, valley_pct_lop, quality "
                          "FROM reps WHERE session_id = ?1 ORDER BY rep_index"};
        if (!st.ok()) return failed(st.prepare_result());
        st.bind(1, id);
        int rc = SQLITE_ROW;
        while ((rc = st.step()) == SQLITE_ROW) {
            RepRow r;
            r.set_number = st.column_optional_int(0);
            r.index = st.column_int(1);
            r.commit_s = st.column_double(2);
            r.start_s = st.column_double(3);
            r.peak_pct_lop = st.column_optional_double(4);
            r.valley_pct_lop = st.column_optional_double(5);
            r.quality = st.column_optional_double(6);
            rec.reps.push_back(r);
        }
        if (rc != SQLITE_DONE) return failed(rc);
    }
    {
        sql::Statement st{m.db,
                          "SELECT id, t_s, kind, action, message, value, acknowledged_s, cleared_s FROM alarms "
                          "WHERE session_id = ?1 ORDER BY t_s, id"};
        if (!st.ok()) return failed(st.prepare_result());
        st.bind(1, id);
        int rc = SQLITE_ROW;
        while ((rc = st.step()) == SQLITE_ROW) {
            AlarmRow a;
            a.id = st.column_int(0);
            a.t_s = st.column_double(1);
            a.kind = st.column_text(2);
            a.action = st.column_text(3);
            a.message = st.column_text(4);
            a.value = st.column_optional_double(5);
            a.acknowledged_s = st.column_optional_double(6);
            a.cleared_s = st.column_optional_double(7);
            rec.alarms.push_back(std::move(a));
        }
        if (rc != SQLITE_DONE) return failed(rc);
    }
    {
        sql::Statement st{m.db, "SELECT t_s, level FROM discomfort WHERE session_id = ?1 ORDER BY t_s, id"};
        if (!st.ok()) return failed(st.prepare_result());
        st.bind(1, id);
        int rc = SQLITE_ROW;
        while ((rc = st.step()) == SQLITE_ROW) rec.discomfort.push_back(DiscomfortRow{st.column_double(0), st.column_int(1)});
        if (rc != SQLITE_DONE) return failed(rc);
    }
    return rec;
}

std::optional<std::int64_t> HistoryDb::latest_session_id() {
    Impl& m = *impl_;
    m.error.clear();
    sql::Statement st{m.db, "SELECT id FROM sessions ORDER BY started_at DESC, id DESC LIMIT 1"};
    if (!st.ok()) {
        m.fail("could not find the latest session");
        return std::nullopt;
    }
    const int rc = st.step();
    if (rc == SQLITE_ROW) return st.column_int(0);
    if (rc != SQLITE_DONE) m.fail("could not find the latest session");
    return std::nullopt;
}

}  // namespace bfr::history
