// Opening files HistoryDb must not simply use: an older schema (migrated after a byte-identical
// backup), a newer one, a file that is not a database, a locked database (the busy timeout, then a
// message), an unusable data folder. Refused files are left byte-identical.

#include "game/history/history_db.hpp"
#include "history_test_support.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <ctime>

using namespace bfr::history;
using namespace bfr::history::test;

namespace {

/// A pre-history (schema v0) database made by hand by "another program": a table of notes.
void make_v0_file(const fs::path& path, const char* extra_sql = nullptr) {
    sql::Connection raw{path.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE};
    REQUIRE(raw.ok());
    exec_ok(raw, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
    exec_ok(raw, "INSERT INTO notes (text) VALUES ('knee felt fine'), ('LOP 182 supine')");
    if (extra_sql != nullptr) exec_ok(raw, extra_sql);
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

TEST_CASE("an older file is backed up byte for byte, then migrated, keeping its data", "[history][migration]") {
    const TempDir dir;
    make_v0_file(dir.db());
    const std::string before = read_bytes(dir.db());
    REQUIRE(before.size() > 100);
    const std::int64_t t0 = std::time(nullptr);
    {
        std::string error;
        auto db = HistoryDb::open(dir.path(), &error);
        INFO(error);
        REQUIRE(db);
        CHECK(db->schema_version_found() == 0);
        const fs::path backup = db->backup_path();
        REQUIRE_FALSE(backup.empty());
        const std::string name = backup.filename().string();
        const std::string prefix = "history.sqlite3.bak-v0-";
        REQUIRE(name.rfind(prefix, 0) == 0);
        const std::int64_t stamp = std::stoll(name.substr(prefix.size()));
        CHECK(stamp >= t0);
        CHECK(stamp <= std::time(nullptr));
        CHECK(backup.parent_path() == dir.path());
        CHECK(read_bytes(backup) == before);  // byte-identical to the old file
        // The migrated file works.
        const auto id = db->begin_session(full_start());
        REQUIRE(id);
        CHECK(db->list_sessions()->size() == 1);
    }
    sql::Connection raw{dir.db().string(), SQLITE_OPEN_READWRITE};
    CHECK(query_int(raw, "PRAGMA user_version") == kSchemaVersion);
    CHECK(query_int(raw, "SELECT COUNT(*) FROM notes") == 2);  // the old data is still there
    // A second open needs no migration and makes no second backup.
    auto again = open_ok(dir.path());
    CHECK(again->schema_version_found() == kSchemaVersion);
    CHECK(again->backup_path().empty());
    int backups = 0;
    for (const std::string& n : file_names(dir.path())) backups += n.find(".bak-") != std::string::npos ? 1 : 0;
    CHECK(backups == 1);
}

TEST_CASE("a migration that fails leaves the file as it was, beside its backup", "[history][migration]") {
    const TempDir dir;
    // Another program's table called `sessions`: the v1 schema cannot be created over it.
    make_v0_file(dir.db(), "CREATE TABLE sessions (x TEXT)");
    const std::string before = read_bytes(dir.db());
    std::string error;
    OpenError why = OpenError::None;
    CHECK_FALSE(HistoryDb::open(dir.path(), &error, &why));
    CHECK(why == OpenError::MigrationFailed);
    CHECK(error.find("could not upgrade the history database") != std::string::npos);
    CHECK(error.find("from schema v0 to v1") != std::string::npos);
    CHECK(error.find("table sessions already exists") != std::string::npos);
    CHECK(error.find("it was left as it was") != std::string::npos);
    CHECK(read_bytes(dir.db()) == before);
    bool backup_found = false;
    for (const std::string& n : file_names(dir.path())) {
        if (n.rfind("history.sqlite3.bak-v0-", 0) == 0) {
            backup_found = true;
            CHECK(read_bytes(dir.path() / n) == before);
        }
    }
    CHECK(backup_found);
}

TEST_CASE("a file from a newer BFR Coach is refused and left byte-identical", "[history][refuse]") {
    const TempDir dir;
    {
        sql::Connection raw{dir.db().string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE};
        REQUIRE(raw.ok());
        exec_ok(raw, "CREATE TABLE sessions (id INTEGER PRIMARY KEY, future_column BLOB)");
        exec_ok(raw, "PRAGMA user_version = 7");
    }
    const std::string before = read_bytes(dir.db());
    const auto files_before = file_names(dir.path());
    std::string error;
    OpenError why = OpenError::None;
    CHECK_FALSE(HistoryDb::open(dir.path(), &error, &why));
    CHECK(why == OpenError::NewerSchema);
    CHECK(error.find("made by a newer BFR Coach: schema v7, this version reads up to v1; it was left untouched") !=
          std::string::npos);
    CHECK(error.find(dir.db().string()) != std::string::npos);
    CHECK(read_bytes(dir.db()) == before);
    CHECK(file_names(dir.path()) == files_before);  // no backup, no journal left behind
}

TEST_CASE("a file that is not a database is refused and left byte-identical", "[history][refuse]") {
    const TempDir dir;
    {
        std::ofstream f(dir.db(), std::ios::binary);
        for (int i = 0; i < 200; ++i) f << "session " << i << ", 30 reps, this is not SQLite\n";
    }
    const std::string before = read_bytes(dir.db());
    std::string error;
    OpenError why = OpenError::None;
    CHECK_FALSE(HistoryDb::open(dir.path(), &error, &why));
    CHECK(why == OpenError::NotADatabase);
    CHECK(error.find("file is not a database") != std::string::npos);
    CHECK(error.find("left untouched") != std::string::npos);
    CHECK(read_bytes(dir.db()) == before);
    CHECK(file_names(dir.path()) == std::vector<std::string>{"history.sqlite3"});
}

TEST_CASE("an empty file is a new history (nothing to back up)", "[history][migration]") {
    const TempDir dir;
    std::ofstream(dir.db()).close();
    auto db = open_ok(dir.path());
    CHECK(db->backup_path().empty());
    CHECK(db->begin_session(full_start()) == 1);
}

TEST_CASE("a database locked by another process gives the locked message after the busy timeout",
          "[history][lock]") {
    const TempDir dir;
    SECTION("while opening: another program holds an exclusive lock on a rollback-journal file") {
        make_v0_file(dir.db());
        const std::string before = read_bytes(dir.db());
        sql::Connection other{dir.db().string(), SQLITE_OPEN_READWRITE};
        REQUIRE(other.ok());
        exec_ok(other, "BEGIN EXCLUSIVE");
        std::string error;
        OpenError why = OpenError::None;
        const auto t0 = std::chrono::steady_clock::now();
        CHECK_FALSE(HistoryDb::open(dir.path(), &error, &why));
        const double waited_s = seconds_since(t0);
        CHECK(why == OpenError::Locked);
        CHECK(error.find("is locked by another process (waited 2 s") != std::string::npos);
        CHECK(waited_s >= 1.9);  // the busy timeout, 2 s...
        CHECK(waited_s < 6.0);   // ...and not much more
        exec_ok(other, "ROLLBACK");
        CHECK(read_bytes(dir.db()) == before);
        // Once the other program lets go, it opens (and migrates).
        CHECK(open_ok(dir.path())->schema_version_found() == 0);
    }
    SECTION("while writing: another program holds an exclusive write transaction on the WAL database") {
        auto db = open_ok(dir.path());
        REQUIRE(db->begin_session(full_start()));
        sql::Connection other{dir.db().string(), SQLITE_OPEN_READWRITE};
        REQUIRE(other.ok());
        exec_ok(other, "BEGIN EXCLUSIVE");
        exec_ok(other, "UPDATE sessions SET points = 1");
        // Reading still works (WAL), writing waits 2 s and gives up with the message.
        CHECK(db->list_sessions()->size() == 1);
        const auto t0 = std::chrono::steady_clock::now();
        CHECK_FALSE(db->begin_session(full_start()));
        const double waited_s = seconds_since(t0);
        CHECK(db->last_error().find("is locked by another process") != std::string::npos);
        CHECK(waited_s >= 1.9);
        CHECK(waited_s < 6.0);
        SetRow set;
        set.number = 1;
        CHECK_FALSE(db->add_set(1, set, reps_from(1, 2, 0.0)));
        CHECK(db->last_error().find("locked by another process") != std::string::npos);
        exec_ok(other, "COMMIT");
        CHECK(db->begin_session(full_start()) == 2);
        CHECK(db->add_set(1, set, reps_from(1, 2, 0.0)));
        CHECK(db->load_session(1)->session.points == 1);
    }
}

TEST_CASE("a data folder that cannot be used is refused with a message", "[history][refuse]") {
    const TempDir dir;
    const fs::path file = dir.path() / "not-a-folder";
    std::ofstream(file) << "x";
    std::string error;
    OpenError why = OpenError::None;
    CHECK_FALSE(HistoryDb::open(file, &error, &why));
    CHECK(why == OpenError::Unwritable);
    CHECK(error.find("exists but is not a folder") != std::string::npos);

    // A folder that does not exist yet is created.
    const fs::path nested = dir.path() / "a" / "b";
    CHECK(open_ok(nested)->path() == nested / "history.sqlite3");

    if (::geteuid() != 0) {  // root writes anywhere
        const fs::path locked = dir.path() / "read-only";
        fs::create_directory(locked);
        fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
        CHECK_FALSE(HistoryDb::open(locked, &error, &why));
        CHECK(why == OpenError::Unwritable);
        CHECK(error.find("is not writable") != std::string::npos);
        fs::permissions(locked, fs::perms::owner_all);
    }
}
