#pragma once
// Shared by the history tests: temporary folders, whole-file reads, raw SQLite connections (a
// "second program" that shares the file) and a fully populated session.

#include "game/history/history_db.hpp"
#include "game/history/sqlite_handle.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

namespace bfr::history::test {

namespace fs = std::filesystem;

/// A temporary data folder (tests/support/temp_dir.hpp) and its database file.
class TempDir : public bfr::test::TempDir {
public:
    TempDir() : bfr::test::TempDir("history_test") {}
    [[nodiscard]] fs::path db() const { return HistoryDb::database_path(path()); }
};

/// The bytes of a file ("" when it cannot be read).
inline std::string read_bytes(const fs::path& path) {
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

/// The files of a folder, by name.
inline std::vector<std::string> file_names(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

/// Runs statements on a raw connection and REQUIREs success.
inline void exec_ok(sql::Connection& db, const char* sql_text) {
    INFO(sql_text);
    const int rc = db.exec(sql_text);
    INFO(db.error_text());
    REQUIRE(rc == SQLITE_OK);
}

/// The first column of the first row of a query on a raw connection, as an integer.
inline std::int64_t query_int(sql::Connection& db, const char* sql_text) {
    sql::Statement st{db, sql_text};
    INFO(sql_text << ": " << db.error_text());
    REQUIRE(st.ok());
    REQUIRE(st.step() == SQLITE_ROW);
    return st.column_int(0);
}

/// Opens the history in `dir`, REQUIRing success.
inline std::unique_ptr<HistoryDb> open_ok(const fs::path& dir) {
    std::string error;
    auto db = HistoryDb::open(dir, &error);
    INFO(error);
    REQUIRE(db);
    return db;
}

/// A session start with every field given.
inline SessionStart full_start() {
    SessionStart s;
    s.started_at = "2025-03-01T09:30:05Z";
    s.limb = "leg";
    s.side = "left";
    s.protocol_name = "30-15-15-15";
    s.protocol_title = "Standard 30-15-15-15";
    s.load_pct1rm = 30.0;
    s.lop_mmHg = 182.5;
    s.lop_source = "clinician 2025-02-20 supine";
    s.target_pct_lop = 60.0;
    s.source = "serial /dev/ttyACM0";
    s.cuff_manufacturer = "Acme Medical";
    s.cuff_model = "BFR-11";
    s.recording_path = "/home/p/.local/share/bfr-coach/recordings/session-20250301-093005-leg.csv";
    return s;
}

/// Reps 1..count of a set starting at `first_index`, 2 s apart from `t0_s`.
inline std::vector<RepRow> reps_from(std::int64_t first_index, int count, double t0_s) {
    std::vector<RepRow> reps;
    for (int i = 0; i < count; ++i) {
        RepRow r;
        r.index = first_index + i;
        r.start_s = t0_s + 2.0 * i;
        r.commit_s = r.start_s + 1.5;
        r.peak_pct_lop = 64.0 + 0.5 * i;
        r.valley_pct_lop = 57.25 - 0.25 * i;
        reps.push_back(r);
    }
    return reps;
}

}  // namespace bfr::history::test
