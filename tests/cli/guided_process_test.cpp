// `bfr-coach replay` with protocols and the safety monitor, as a user runs it: every alarm kind
// trips on a recording made to trip it (tests/data/safety, scripts/make_safety_recordings.py)
// and a clean session raises none; --protocol makes the sets follow the protocol; a protocol that
// cannot be used is refused with the file, the field and what was expected.

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using bfr::test::run_process;
using Json = nlohmann::json;

namespace {

const std::string kExe = BFR_COACH_EXE;
const fs::path kSource = BFR_SOURCE_DIR;

using bfr::test::TempDir;

Json summary_of(const fs::path& recording, std::vector<std::string> extra, const TempDir& dir) {
    std::vector<std::string> args{"replay", recording.string(), "--summary", (dir / "s.json").string(), "--data-dir",
                                  (dir / "data").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run_process(kExe, args, {}, 120.0);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::ifstream f(dir / "s.json");
    return Json::parse(f);
}

}  // namespace

TEST_CASE("replay: every alarm kind trips on its recording, at its time, with its action", "[cli][safety]") {
    struct Case {
        const char* file;
        const char* kind;
        const char* action;
        double t_lo;
        double t_hi;
    };
    // Times: where each recording crosses its limit (scripts/make_safety_recordings.py).
    const Case cases[] = {
        {"trip_pressure_above_lop.csv", "pressure_above_lop", "deflate", 30.0, 36.0},
        {"trip_pressure_ceiling.csv", "pressure_ceiling", "deflate", 30.0, 40.0},
        {"trip_pressure_out_of_band.csv", "pressure_out_of_band", nullptr, 40.0, 90.0},
        {"trip_occlusion_time.csv", "occlusion_time", "deflate", 1195.0, 1210.0},
        {"trip_sensor_lost.csv", "sensor_lost", "stop", 30.0, 60.0},
        {"trip_discomfort.csv", "discomfort", "stop", 100.0, 200.0},
    };
    const TempDir dir;
    for (const Case& c : cases) {
        INFO(c.file);
        const Json s = summary_of(kSource / "tests/data/safety" / c.file, {}, dir);
        REQUIRE(s["alarms"].is_array());
        REQUIRE(s["alarms"].size() >= 1);
        const Json& a = s["alarms"][0];
        CHECK(a["kind"] == c.kind);
        const std::string action = a["action"];
        CHECK((action == "deflate" || action == "lower_10_mmHg" || action == "stop"));
        if (c.action != nullptr) CHECK(action == c.action);
        CHECK(a["t_s"].get<double>() >= c.t_lo);
        CHECK(a["t_s"].get<double>() <= c.t_hi);
        CHECK_FALSE(a["message"].get<std::string>().empty());
        // Nobody acknowledged it in a recording: it says so.
        CHECK(a["acknowledged"] == false);
    }
}

TEST_CASE("replay: a clean 30-15-15-15 session raises no alarm, with or without the protocol", "[cli][safety]") {
    const TempDir dir;
    const fs::path clean = kSource / "tests/data/safety/clean_session.csv";
    const Json plain = summary_of(clean, {}, dir);
    CHECK(plain["alarms"].empty());
    CHECK(plain["reps"]["count"] == 75);
    const Json guided = summary_of(clean, {"--protocol", "30-15-15-15"}, dir);
    CHECK(guided["alarms"].empty());
    CHECK(guided["sets_found_from"] == "protocol");
    REQUIRE(guided["sets"].size() == 4);
    const int expected[] = {30, 15, 15, 15};
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(guided["sets"][i]["reps"] == expected[i]);
        CHECK(guided["sets"][i]["target_reps"] == expected[i]);
        CHECK(guided["sets"][i]["ended_early"] == false);
    }
    CHECK(guided["protocol"]["completed"] == true);
    CHECK(guided["protocol"]["name"] == "30-15-15-15");
}

TEST_CASE("replay --protocol: the demo recording's 75 reps fall in sets of 30/15/15/15", "[cli][protocol]") {
    const TempDir dir;
    for (const char* rec : {"arm-30-15-15-15-50pct-lop.csv", "leg-30-15-15-15-60pct-lop.csv"}) {
        INFO(rec);
        const bool leg = std::string(rec).rfind("leg", 0) == 0;
        std::vector<std::string> extra{"--protocol", "30-15-15-15"};
        if (leg) extra.insert(extra.end(), {"--limb", "leg"});
        const Json s = summary_of(kSource / "assets/recordings" / rec, extra, dir);
        CHECK(s["reps"]["count"] == 75);
        // The demo recordings carry the effort and the joint angle: the count comes from one of them.
        const std::string from = s["reps"]["counted_from"];
        CHECK((from == "effort" || from == "angle"));
        REQUIRE(s["sets"].size() == 4);
        CHECK(s["sets"][0]["reps"] == 30);
        CHECK(s["sets"][1]["reps"] == 15);
        CHECK(s["sets"][2]["reps"] == 15);
        CHECK(s["sets"][3]["reps"] == 15);
        // Sets follow each other with the protocol's 30 s rests (within a rep or two).
        for (std::size_t i = 1; i < 4; ++i) {
            const double rest = s["sets"][i]["start_s"].get<double>() - s["sets"][i - 1]["end_s"].get<double>();
            CHECK(rest > 26.0);
            CHECK(rest < 34.0);
        }
        // The per-rep pressure fidelity is there, in %LOP.
        CHECK(s["pressure"]["peak_pct_lop_mean"].get<double>() > s["pressure"]["valley_pct_lop_mean"].get<double>());
    }
}

TEST_CASE("replay --protocol with a shorter protocol: the same reps in its sets, extras reported", "[cli][protocol]") {
    const TempDir dir;
    {
        std::ofstream f(dir / "three-by-ten.json");
        f << R"({"schema": "bfr-coach.protocol/1", "name": "three-by-ten", "sets": [10, 10, 10], "rest_s": 30})";
    }
    const Json s = summary_of(kSource / "assets/recordings/arm-30-15-15-15-50pct-lop.csv",
                              {"--protocol", (dir / "three-by-ten.json").string()}, dir);
    CHECK(s["reps"]["count"] == 75);
    CHECK(s["protocol"]["name"] == "three-by-ten");
    REQUIRE(s["sets"].size() >= 1);
    std::int64_t in_sets = 0;
    for (const auto& set : s["sets"]) in_sets += set["reps"].get<std::int64_t>();
    CHECK(in_sets + s["protocol"]["extra_reps"].get<std::int64_t>() + s["protocol"]["warmup_reps"].get<std::int64_t>() == 75);
}

TEST_CASE("replay --protocol refuses what it cannot use: unknown names (2) and broken files (3)", "[cli][protocol]") {
    const TempDir dir;
    const std::string rec = (kSource / "assets/recordings/arm-30-15-15-15-50pct-lop.csv").string();
    {
        const auto r = run_process(kExe, {"replay", rec, "--protocol", "no-such-protocol"}, {}, 60.0);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("no-such-protocol") != std::string::npos);
        CHECK(r.err.find("30-15-15-15") != std::string::npos);  // what there is
    }
    {
        std::ofstream f(dir / "bad.json");
        f << R"({"schema": "bfr-coach.protocol/1", "sets": [30, 15], "rest_s": "thirty"})";
    }
    {
        const auto r = run_process(kExe, {"replay", rec, "--protocol", (dir / "bad.json").string()}, {}, 60.0);
        CHECK(r.exit_code == 3);
        CHECK(r.err.find("bad.json") != std::string::npos);
        CHECK(r.err.find("rest_s") != std::string::npos);
        CHECK(r.err.find("thirty") != std::string::npos);
        CHECK(r.out.empty());
    }
    {
        std::ofstream f(dir / "broken.json");
        f << R"({"sets": [30, 15)";
    }
    const auto r = run_process(kExe, {"replay", rec, "--protocol", (dir / "broken.json").string()}, {}, 60.0);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("broken.json") != std::string::npos);
    const auto missing = run_process(kExe, {"replay", rec, "--protocol", (dir / "missing.json").string()}, {}, 60.0);
    CHECK(missing.exit_code == 3);
    CHECK(missing.err.find("missing.json") != std::string::npos);
}

TEST_CASE("replay prints the alarms in its readable summary", "[cli][safety]") {
    const auto r = run_process(kExe, {"replay", (kSource / "tests/data/safety/trip_pressure_ceiling.csv").string()}, {}, 60.0);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("Alarms: 1") != std::string::npos);
    CHECK(r.out.find("pressure_ceiling") != std::string::npos);
    CHECK(r.out.find("deflate") != std::string::npos);
}
