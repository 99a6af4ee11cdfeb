#include "game/telemetry/recorder.hpp"
#include "game/telemetry/format_v1.hpp"

#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace bfr;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "bfr_recorder_test_XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::string read_all(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

telemetry::Sample sample(std::int64_t t_ns) {
    telemetry::Sample s;
    s.clear();
    s.t_ns = t_ns;
    return s;
}

}  // namespace

TEST_CASE("a recording starts with a comment and the v1 header", "[recorder]") {
    TempDir dir;
    std::string error;
    const auto path = dir.path / "a.csv";
    auto rec = telemetry_v1::Recorder::create(path, telemetry_v1::schema(), "arm, sim", &error);
    REQUIRE(rec);
    rec.reset();
    CHECK(
        read_all(path) ==
        "# bfr-coach telemetry v1: arm, sim\n"
        "t_s,cuff_mmHg,target_mmHg,lop_mmHg,load_pct1rm,effort,ax_g,ay_g,az_g,gx_dps,gy_dps,gz_dps,angle_deg,event\n");
}

TEST_CASE("rows hold exact times, round-tripping values, empty cells and clean events", "[recorder]") {
    TempDir dir;
    std::string error;
    const auto path = dir.path / "b.csv";
    auto rec = telemetry_v1::Recorder::create(path, telemetry_v1::schema(), "", &error);
    REQUIRE(rec);
    auto s = sample(10'000'000);  // 0.01 s
    s.set(telemetry_v1::kCuffMmhg, 142.1);
    s.set(telemetry_v1::kEffort, 0.1 + 0.2);  // 0.30000000000000004 must survive
    REQUIRE(rec->write(s));
    auto e = sample(2'500'000'000);
    e.event = "note:left, then right\nok";
    REQUIRE(rec->write(e));
    auto whole = sample(3'000'000'000);
    REQUIRE(rec->write(whole));
    CHECK(rec->stats().rows == 3);
    rec.reset();
    const std::string text = read_all(path);
    CHECK(text.find("\n0.01,142.1,,,,0.30000000000000004,,,,,,,,\n") != std::string::npos);
    CHECK(text.find("\n2.5,,,,,,,,,,,,,note:left  then right ok\n") != std::string::npos);
    CHECK(text.find("\n3,,,,,,,,,,,,,\n") != std::string::npos);
}

TEST_CASE("a recorder never overwrites and says why it cannot create a file", "[recorder]") {
    TempDir dir;
    std::string error;
    const auto path = dir.path / "c.csv";
    { std::ofstream(path) << "earlier session\n"; }
    CHECK_FALSE(telemetry_v1::Recorder::create(path, telemetry_v1::schema(), "", &error));
    CHECK(error.find("c.csv") != std::string::npos);
    CHECK(read_all(path) == "earlier session\n");
    CHECK_FALSE(telemetry_v1::Recorder::create(dir.path / "missing" / "d.csv", telemetry_v1::schema(), "", &error));
    CHECK(error.find("No such file") != std::string::npos);
}

TEST_CASE("data reaches the file at least once per second of data, and sync makes it durable", "[recorder]") {
    TempDir dir;
    std::string error;
    const auto path = dir.path / "d.csv";
    auto rec = telemetry_v1::Recorder::create(path, telemetry_v1::schema(), "", &error);
    REQUIRE(rec);
    const auto header_size = fs::file_size(path);
    for (int i = 0; i < 99; ++i) REQUIRE(rec->write(sample(std::int64_t{i} * 10'000'000)));  // 0 .. 0.98 s
    const auto before = fs::file_size(path);
    REQUIRE(rec->write(sample(1'000'000'000)));  // 1.0 s: a second of data since the first flush
    CHECK(fs::file_size(path) > before);
    CHECK(fs::file_size(path) > header_size);
    CHECK(rec->stats().flushes >= 1);
    REQUIRE(rec->sync());
    CHECK(rec->stats().syncs == 1);
    CHECK(fs::file_size(path) == rec->stats().bytes);
}

TEST_CASE("new recording names are unique and carry the limb", "[recorder]") {
    TempDir dir;
    const auto a = telemetry_v1::new_recording_path(dir.path, "arm");
    CHECK(a.parent_path() == dir.path);
    CHECK(a.filename().string().rfind("session-", 0) == 0);
    CHECK(a.filename().string().find("-arm.csv") != std::string::npos);
    { std::ofstream(a) << "x"; }
    const auto b = telemetry_v1::new_recording_path(dir.path, "arm");
    CHECK(b != a);
    CHECK(b.filename().string().find("-arm-2.csv") != std::string::npos);
}
