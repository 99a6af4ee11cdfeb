// `replay --save`, `history` and `export` as a user runs them: three demo recordings stored, listed
// and exported (FHIR, JSON, CSV) from their data folder; an empty history; usage errors; a
// corrupt database refused (exit 3) and left as it was while replay still writes its summary.

#include "support/text.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using bfr::test::run_process;
using Json = nlohmann::json;

using bfr::test::read_text;
using bfr::test::lines_of;

namespace {

const std::string kExe = BFR_COACH_EXE;
const fs::path kSource = BFR_SOURCE_DIR;

/// A temporary folder (tests/support/temp_dir.hpp) and the data folder the tests point --data-dir at.
class HistoryDir : public bfr::test::TempDir {
public:
    explicit HistoryDir(const std::string& name) : bfr::test::TempDir("history_cli_" + name) {}
    [[nodiscard]] fs::path data() const { return path() / "data"; }
};

/// bfr-coach with `args` and `--data-dir` the folder's data folder.
bfr::test::ProcessResult coach(std::vector<std::string> args, const HistoryDir& dir) {
    args.push_back("--data-dir");
    args.push_back(dir.data().string());
    return run_process(kExe, args, {}, 120.0);
}

const std::vector<fs::path> kDemoRecordings = {kSource / "assets/recordings/arm-30-15-15-15-50pct-lop.csv",
                                               kSource / "assets/recordings/leg-30-15-15-15-60pct-lop.csv",
                                               kSource / "tests/data/safety/clean_session.csv"};

}  // namespace

TEST_CASE("three replayed demo recordings are stored, listed and exported", "[cli][history]") {
    const HistoryDir dir{"three"};
    for (std::size_t i = 0; i < kDemoRecordings.size(); ++i) {
        // (Built by appending: gcc 12 warns wrongly about "literal" + std::string at -O3.)
        std::string name = "summary-";
        name += std::to_string(i);
        name += ".json";
        std::string saved = "saved to the history as session ";
        saved += std::to_string(i + 1);
        saved += " (75 reps)";
        const fs::path summary = dir / name;
        const auto r = coach({"replay", kDemoRecordings[i].string(), "--save", "--protocol", "30-15-15-15",
                              "--summary", summary.string()},
                             dir);
        INFO(kDemoRecordings[i] << ": " << r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(r.err.find(saved) != std::string::npos);
        CHECK(Json::parse(read_text(summary))["reps"]["count"] == 75);
    }

    const auto listed = coach({"history", "--json"}, dir);
    INFO(listed.err);
    REQUIRE(listed.exit_code == 0);
    const Json sessions = Json::parse(listed.out);
    REQUIRE(sessions.is_array());
    REQUIRE(sessions.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        const Json& s = sessions[i];
        CHECK(s["id"] == i + 1);
        CHECK(s["reps"] == 75);
        CHECK(s["sets"] == 4);
        CHECK(s["limb"] == "arm");
        CHECK(s["protocol"] == "30-15-15-15");
        CHECK(s["completed"] == true);
        CHECK(s["imported"] == true);
        const std::string started = s["started_at"].get<std::string>();
        REQUIRE(started.size() == 20);  // 2025-03-01T09:30:05Z
        CHECK(started[10] == 'T');
        CHECK(started.back() == 'Z');
        CHECK(s["source"] == "file " + kDemoRecordings[i].filename().string());
    }

    const auto table = coach({"history"}, dir);
    REQUIRE(table.exit_code == 0);
    const auto rows = lines_of(table.out);
    REQUIRE(rows.size() >= 5);  // header + 3 sessions, a blank line, then the progress section
    CHECK(rows[4].empty());
    CHECK(table.out.find("Progress") != std::string::npos);
    CHECK(rows[0].find("in band") != std::string::npos);
    CHECK(rows[3].find("   3  ") == 0);
    CHECK(rows[3].find("30-15-15-15") != std::string::npos);
    CHECK(rows[3].find("  75  ") != std::string::npos);

    // FHIR: a Bundle of the latest session, its references within it.
    const auto fhir = coach({"export", "--latest", "--format", "fhir", "--out", (dir / "b.json").string()}, dir);
    INFO(fhir.err);
    REQUIRE(fhir.exit_code == 0);
    const Json bundle = Json::parse(read_text(dir / "b.json"));
    CHECK(bundle["resourceType"] == "Bundle");
    CHECK(bundle["type"] == "collection");
    REQUIRE(bundle["entry"].size() >= 2);
    CHECK(bundle["entry"][0]["resource"]["resourceType"] == "Device");
    const Json& obs = bundle["entry"][1]["resource"];
    CHECK(obs["code"]["coding"][0]["code"] == "73985-4");
    CHECK(obs["identifier"][0]["value"] == "3");
    CHECK(obs["device"]["reference"] == bundle["entry"][0]["fullUrl"]);

    // JSON: the whole record of the latest session.
    const auto json = coach({"export", "--latest", "--format", "json", "--out", (dir / "s.json").string()}, dir);
    REQUIRE(json.exit_code == 0);
    const Json record = Json::parse(read_text(dir / "s.json"));
    CHECK(record["schema"] == "bfr-coach.session/1");
    CHECK(record["session"]["id"] == 3);
    CHECK(record["reps"].size() == 75);
    CHECK(record["sets"].size() == 4);

    // CSV: a header and one row per rep; --session picks another one.
    const auto csv = coach({"export", "--session", "1", "--format", "csv", "--out", (dir / "r.csv").string()}, dir);
    INFO(csv.err);
    REQUIRE(csv.exit_code == 0);
    const auto csv_rows = lines_of(read_text(dir / "r.csv"));
    REQUIRE(csv_rows.size() == 76);  // 75 + header
    CHECK(csv_rows[0].rfind("session_id,started_at,limb,protocol,set,rep,commit_s,start_s,peak_pct_lop", 0) == 0);
    for (std::size_t i = 1; i < csv_rows.size(); ++i) CHECK(csv_rows[i].rfind("1,", 0) == 0);
}

TEST_CASE("an empty history lists nothing, creates nothing, and has nothing to export", "[cli][history]") {
    const HistoryDir dir{"empty"};
    const auto table = coach({"history"}, dir);
    CHECK(table.exit_code == 0);
    CHECK(table.out.find("No sessions stored yet") != std::string::npos);
    const auto json = coach({"history", "--json"}, dir);
    CHECK(json.exit_code == 0);
    CHECK(json.out == "[]\n");
    CHECK_FALSE(fs::exists(dir.data()));  // listing an empty history writes nothing

    const auto latest = coach({"export", "--latest", "--format", "json", "--out", (dir / "x.json").string()}, dir);
    CHECK(latest.exit_code == 3);
    CHECK(latest.err.find("is empty: there is no session to export") != std::string::npos);
    CHECK(latest.err.find("hint:") != std::string::npos);
    const auto none = coach({"export", "--session", "5", "--format", "csv", "--out", (dir / "x.csv").string()}, dir);
    CHECK(none.exit_code == 3);
    CHECK(none.err.find("no session 5; `bfr-coach history` lists them") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "x.json"));
    CHECK_FALSE(fs::exists(dir / "x.csv"));

    // With one session stored, another number is still not there.
    REQUIRE(coach({"replay", kDemoRecordings[2].string(), "--save", "--summary", (dir / "s.json").string()}, dir)
                .exit_code == 0);
    const auto missing = coach({"export", "--session", "2", "--format", "fhir", "--out", (dir / "x.json").string()}, dir);
    CHECK(missing.exit_code == 3);
    CHECK(missing.err.find("no session 2; `bfr-coach history` lists them") != std::string::npos);
}

TEST_CASE("export usage errors exit 2 and an unwritable output exits 3", "[cli][history]") {
    const HistoryDir dir{"usage"};
    REQUIRE(coach({"replay", kDemoRecordings[0].string(), "--save", "--summary", (dir / "s.json").string()}, dir)
                .exit_code == 0);
    const auto bad_id = coach({"export", "--session", "abc", "--format", "csv", "--out", (dir / "x.csv").string()}, dir);
    CHECK(bad_id.exit_code == 2);
    CHECK(bad_id.err.find("--session needs a session number") != std::string::npos);
    CHECK(coach({"export", "--format", "csv", "--out", (dir / "x.csv").string()}, dir).exit_code == 2);
    CHECK(coach({"export", "--latest", "--format", "xml", "--out", (dir / "x.csv").string()}, dir).exit_code == 2);
    const std::string db_before = read_text(dir.data() / "history.sqlite3");
    const auto onto_db = coach(
        {"export", "--latest", "--format", "json", "--out", (dir.data() / "history.sqlite3").string()}, dir);
    CHECK(onto_db.exit_code == 2);
    CHECK(onto_db.err.find("names the history database itself") != std::string::npos);
    CHECK(read_text(dir.data() / "history.sqlite3") == db_before);
    const auto unwritable =
        coach({"export", "--latest", "--format", "json", "--out", (dir / "no/such/folder/x.json").string()}, dir);
    CHECK(unwritable.exit_code == 3);
    CHECK(unwritable.err.find("error") != std::string::npos);
}

TEST_CASE("a corrupt database is refused (exit 3), left as it was, and replay --save still writes its summary",
          "[cli][history]") {
    const HistoryDir dir{"corrupt"};
    fs::create_directories(dir.data());
    const fs::path db = dir.data() / "history.sqlite3";
    {
        std::ofstream f(db, std::ios::binary);
        for (int i = 0; i < 100; ++i) f << "this was never a database, line " << i << "\n";
    }
    const std::string before = read_text(db);

    const auto listed = coach({"history"}, dir);
    CHECK(listed.exit_code == 3);
    CHECK(listed.err.find("file is not a database") != std::string::npos);
    CHECK(listed.err.find("hint:") != std::string::npos);
    const auto exported = coach({"export", "--latest", "--format", "fhir", "--out", (dir / "b.json").string()}, dir);
    CHECK(exported.exit_code == 3);
    CHECK(exported.err.find("file is not a database") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "b.json"));

    const auto saved = coach({"replay", kDemoRecordings[0].string(), "--save", "--protocol", "30-15-15-15",
                              "--summary", (dir / "s.json").string()},
                             dir);
    CHECK(saved.exit_code == 3);
    CHECK(saved.err.find("--save:") != std::string::npos);
    CHECK(saved.err.find("file is not a database") != std::string::npos);
    REQUIRE(fs::exists(dir / "s.json"));
    CHECK(Json::parse(read_text(dir / "s.json"))["reps"]["count"] == 75);

    CHECK(read_text(db) == before);
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir.data())) names.push_back(e.path().filename().string());
    CHECK(names == std::vector<std::string>{"history.sqlite3"});
}

TEST_CASE("a week of three replayed sessions shows a perfect week and its badges", "[cli][history]") {
    const HistoryDir dir{"week"};
    const std::string rec = (kSource / "assets/recordings/arm-30-15-15-15-50pct-lop.csv").string();
    // Monday, Wednesday and Friday of one week at noon UTC (the same local week from UTC-11 to UTC+11).
    for (const char* when : {"2026-03-02T12:00:00Z", "2026-03-04T12:00:00Z", "2026-03-06T12:00:00Z"}) {
        const auto r = coach({"replay", rec, "--protocol", "30-15-15-15", "--save", "--started-at", when,
                              "--summary", (dir / "s.json").string()},
                             dir);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
    }
    const auto h = coach({"history"}, dir);
    INFO(h.out << h.err);
    REQUIRE(h.exit_code == 0);
    CHECK(h.out.find("2026-03-02 12:00") != std::string::npos);
    CHECK(h.out.find("week of 2026-03-02   3 sessions: perfect") != std::string::npos);
    CHECK(h.out.find("best 1; 1 in all") != std::string::npos);
    CHECK(h.out.find("First session (2026-03-02)") != std::string::npos);
    CHECK(h.out.find("First perfect week (2026-03-04)") != std::string::npos);
    CHECK(h.out.find("most reps 75") != std::string::npos);

    // A fourth session 20 h after the third makes that week too close.
    const auto r = coach({"replay", rec, "--protocol", "30-15-15-15", "--save", "--started-at", "2026-03-07T08:00:00Z",
                          "--summary", (dir / "s.json").string()},
                         dir);
    REQUIRE(r.exit_code == 0);
    const auto h2 = coach({"history"}, dir);
    CHECK(h2.out.find("week of 2026-03-02   4 sessions: perfect") == std::string::npos);
    CHECK(h2.out.find("0 in all") != std::string::npos);

    const auto bad = coach({"replay", rec, "--save", "--started-at", "yesterday"}, dir);
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("--started-at") != std::string::npos);
}
