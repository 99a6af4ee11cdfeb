// `bfr-coach replay` as a user runs it: the contract check's recording, exit statuses, the
// summary JSON and the trace CSV, determinism, unwritable outputs, --save, the readable summary.

#include "support/text.hpp"
#include "support/process.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <stdlib.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using bfr::test::run_process;

using bfr::test::read_text;
using bfr::test::lines_of;

namespace {

const std::string kExe = BFR_COACH_EXE;
constexpr const char* kTraceHeader =
    "t_s,cuff_mmHg,arterial_inflow_pct,venous_outflow_pct,pcr_pct,ph,lactate_mmol_l,blood_lactate_mmol_l,smo2_pct,"
    "swelling_pct,metabolite,fatigue_pct,recruitment_pct,reps";

/// A fresh temporary folder, removed with its contents.
class ReplayDir {
public:
    explicit ReplayDir(const std::string& name) {
        std::string pattern = (fs::temp_directory_path() / ("bfr_replay_cli_" + name + "_XXXXXX")).string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path_ = pattern;
    }
    ~ReplayDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    ReplayDir(const ReplayDir&) = delete;
    ReplayDir& operator=(const ReplayDir&) = delete;
    [[nodiscard]] fs::path operator/(const std::string& name) const { return path_ / name; }
    [[nodiscard]] const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

/// The contract check's recording (../shared/checks/contract-check.sh), written as its Python
/// generator writes it: 2 minutes at 50 Hz, cuff 90, LOP 180, load 30, effort pulses of 0.3 for
/// 1.2 s every 2 s after 20 s, and 6 rows with a cuff pressure that is not a number.
void write_contract_recording(const fs::path& path) {
    std::ofstream f(path);
    f << "t_s,cuff_mmHg,lop_mmHg,load_pct1rm,effort\n";
    char t_text[32];
    for (int i = 0; i < 6000; ++i) {
        const double t = i / 50.0;
        const bool up = std::fmod(t, 2.0) < 1.2 && i > 1000;
        std::snprintf(t_text, sizeof t_text, "%.2f", t);
        f << t_text << ",90,180,30," << (up ? "0.3" : "0.0") << "\n";
        if (i % 1000 == 7) f << t_text << ",abc,180,30,0\n";
    }
}

bfr::test::ProcessResult replay(std::vector<std::string> args, const ReplayDir& dir) {
    args.insert(args.begin(), "replay");
    args.push_back("--data-dir");
    args.push_back((dir / "data").string());
    return run_process(kExe, args, {}, 60.0);
}

}  // namespace

TEST_CASE("replay: the contract check's recording gives its counts, the summary and the trace", "[cli][replay]") {
    const ReplayDir dir{"contract"};
    write_contract_recording(dir / "rec.csv");
    const auto r = replay(
        {(dir / "rec.csv").string(), "--summary", (dir / "s.json").string(), "--trace", (dir / "t.csv").string()}, dir);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.signal == 0);
    CHECK(r.out.empty());  // figures go to the files; stdout stays clean
    CHECK(r.err.find("warning: skipped 6 rows that could not be used") != std::string::npos);

    const auto s = nlohmann::json::parse(read_text(dir / "s.json"));
    CHECK(s["schema"] == "bfr-coach.summary/1");
    CHECK(s["input"]["file"] == (dir / "rec.csv").string());
    CHECK(s["input"]["rows"] == 6000);
    CHECK(s["input"]["rows_skipped"] == 6);
    CHECK(s["input"]["duration_s"].get<double>() == Approx(119.98));
    const int reps = s["reps"]["count"].get<int>();
    CHECK(reps >= 48);
    CHECK(reps <= 52);
    CHECK(s["reps"]["times_s"].size() == static_cast<std::size_t>(reps));
    for (const char* key : {"reps", "sets", "occlusion_s", "physiology", "pressure", "alarms", "warnings"}) {
        CHECK(s.contains(key));
    }
    for (const char* key : {"metabolite", "lactate_mmol_l", "blood_lactate_mmol_l", "ph_min", "pcr_min_pct",
                            "swelling_pct", "smo2_min_pct", "fatigue_pct"}) {
        CHECK(s["physiology"]["peak"].contains(key));
        CHECK(s["physiology"]["end"].contains(key));
    }
    CHECK(s["sets"].size() == 1);
    CHECK(s["pressure"]["time_in_band_pct"].get<double>() == Approx(100.0));

    const auto trace = lines_of(read_text(dir / "t.csv"));
    REQUIRE_FALSE(trace.empty());
    CHECK(trace.front().rfind(kTraceHeader, 0) == 0);
    CHECK(trace.size() - 1 == static_cast<std::size_t>(std::floor(119.98 * 10.0)) + 1);
    CHECK(trace[1].rfind("0,", 0) == 0);
    CHECK(trace.back().rfind("119.9,", 0) == 0);
    // Nothing else is left in the folder (no temporary files).
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path())) ++files;
    CHECK(files == 3);  // rec.csv, s.json, t.csv
}

TEST_CASE("replay --trace-hz 7 and 60: floor(duration × hz) + 1 rows", "[cli][replay]") {
    const ReplayDir dir{"hz"};
    write_contract_recording(dir / "rec.csv");
    for (const int hz : {7, 60}) {
        const auto r = replay(
            {(dir / "rec.csv").string(), "--trace", (dir / "t.csv").string(), "--trace-hz", std::to_string(hz)}, dir);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        const auto trace = lines_of(read_text(dir / "t.csv"));
        CHECK(trace.size() - 1 == static_cast<std::size_t>(std::floor(119.98 * hz)) + 1);
    }
}

TEST_CASE("replay is deterministic: two runs write byte-identical files", "[cli][replay]") {
    const ReplayDir dir{"determinism"};
    write_contract_recording(dir / "rec.csv");
    for (const char* n : {"1", "2"}) {
        const auto r =
            replay({(dir / "rec.csv").string(), "--summary", (dir / (std::string("s") + n + ".json")).string(),
                    "--trace", (dir / (std::string("t") + n + ".csv")).string()},
                   dir);
        REQUIRE(r.exit_code == 0);
    }
    CHECK(read_text(dir / "s1.json") == read_text(dir / "s2.json"));
    CHECK(read_text(dir / "t1.csv") == read_text(dir / "t2.csv"));
    CHECK_FALSE(read_text(dir / "t1.csv").empty());
}

TEST_CASE("replay of a missing file or a file without usable rows exits 3 and names it", "[cli][replay]") {
    const ReplayDir dir{"bad_input"};
    const auto missing = replay({(dir / "nope.csv").string()}, dir);
    CHECK(missing.exit_code == 3);
    CHECK(missing.err.find("nope.csv") != std::string::npos);
    CHECK(missing.err.find("No such file") != std::string::npos);
    CHECK(missing.out.empty());

    std::ofstream(dir / "header.csv") << "t_s,cuff_mmHg,effort\n";
    const auto header_only = replay({(dir / "header.csv").string(), "--summary", (dir / "s.json").string()}, dir);
    CHECK(header_only.exit_code == 3);
    CHECK(header_only.err.find("header.csv") != std::string::npos);
    CHECK(header_only.err.find("no usable rows") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "s.json"));

    std::ofstream(dir / "garbage.csv") << "hello\nworld\n\x01\x02\xff\n";
    const auto garbage = replay({(dir / "garbage.csv").string()}, dir);
    CHECK(garbage.exit_code == 3);
    CHECK(garbage.signal == 0);
    CHECK(garbage.err.find("garbage.csv") != std::string::npos);
}

TEST_CASE("replay into a folder that does not exist exits 3, names the path, writes nothing", "[cli][replay]") {
    const ReplayDir dir{"unwritable"};
    write_contract_recording(dir / "rec.csv");
    const std::string bad = (dir / "no-such-folder" / "s.json").string();
    auto r = replay({(dir / "rec.csv").string(), "--summary", bad, "--trace", (dir / "t.csv").string()}, dir);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find(bad) != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "t.csv"));
    // A folder given as the file name.
    r = replay({(dir / "rec.csv").string(), "--trace", dir.path().string()}, dir);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("folder") != std::string::npos);
    // An existing summary is replaced whole.
    std::ofstream(dir / "s.json") << "old";
    r = replay({(dir / "rec.csv").string(), "--summary", (dir / "s.json").string()}, dir);
    CHECK(r.exit_code == 0);
    CHECK(read_text(dir / "s.json").rfind("{", 0) == 0);
}

TEST_CASE("replay --save stores the session in the history of --data-dir and still writes the summary",
          "[cli][replay]") {
    const ReplayDir dir{"save"};
    write_contract_recording(dir / "rec.csv");
    const auto r = replay({(dir / "rec.csv").string(), "--save", "--summary", (dir / "s.json").string()}, dir);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("saved to the history as session 1 (50 reps)") != std::string::npos);
    const auto summary = nlohmann::json::parse(read_text(dir / "s.json"));
    CHECK(summary["reps"]["count"] == 50);
    CHECK(fs::exists(dir / "data" / "history.sqlite3"));
    const auto listed = run_process(kExe, {"history", "--json", "--data-dir", (dir / "data").string()});
    INFO(listed.err);
    REQUIRE(listed.exit_code == 0);
    const auto sessions = nlohmann::json::parse(listed.out);
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0]["reps"] == 50);
    CHECK(sessions[0]["imported"] == true);
    CHECK(sessions[0]["source"] == "file rec.csv");
    // A recording that cannot be read stores nothing (and creates no database).
    const ReplayDir other{"save_missing"};
    const auto missing = replay({(other / "nope.csv").string(), "--save"}, other);
    CHECK(missing.exit_code == 3);
    CHECK_FALSE(fs::exists(other / "data" / "history.sqlite3"));
}

TEST_CASE("replay with neither --summary nor --trace prints a readable summary", "[cli][replay]") {
    const ReplayDir dir{"human"};
    write_contract_recording(dir / "rec.csv");
    const auto r = replay({(dir / "rec.csv").string(), "--protocol", "30-15-15-15"}, dir);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("Reps: 50") != std::string::npos);
    CHECK(r.out.find("(protocol 30-15-15-15") != std::string::npos);
    CHECK(r.out.find("Occlusion:") != std::string::npos);
    CHECK(r.out.find("metabolite") != std::string::npos);
    CHECK(r.out.find("Pressure") != std::string::npos);
    CHECK(r.out.find("6000 used, 6 skipped") != std::string::npos);
    CHECK(r.out.find("Alarms: none") != std::string::npos);
    // Warnings go to stderr.
    CHECK(r.out.find("warning") == std::string::npos);
    CHECK(r.err.find("line 10: 'abc' is not a number (cuff_mmHg)") != std::string::npos);
}

TEST_CASE("replay refuses outputs that would overwrite each other or the recording (exit 2)", "[cli][replay]") {
    const ReplayDir dir{"clash"};
    write_contract_recording(dir / "rec.csv");
    const std::string rec = (dir / "rec.csv").string();
    const std::string before = read_text(dir / "rec.csv");
    for (const auto& args : std::vector<std::vector<std::string>>{
             {rec, "--summary", (dir / "x").string(), "--trace", (dir / "x").string()},
             {rec, "--summary", rec},
             {rec, "--trace", (dir / "." / "rec.csv").string()}}) {
        const auto r = replay(args, dir);
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("hint:") != std::string::npos);
    }
    CHECK(read_text(dir / "rec.csv") == before);  // the recording is never lost
    CHECK_FALSE(fs::exists(dir / "x"));
}
