#include "game/frontend/feeds.hpp"
#include "game/session/session.hpp"
#include "game/telemetry/format_v1.hpp"

#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

using namespace bfr;
namespace fs = std::filesystem;

namespace {

sim::SimConfig quick_config(bool auto_tempo) {
    sim::SimConfig c;
    c.measure_lop = false;
    c.auto_tempo = auto_tempo;
    return c;
}

int count_events(const std::vector<telemetry::Sample>& samples, const std::string& name) {
    int n = 0;
    for (const auto& s : samples) n += s.event == name;
    return n;
}

}  // namespace

TEST_CASE("the sim feed delivers every 100 Hz sample up to each tick's end, once, in order", "[feeds]") {
    frontend::SimFeed feed{quick_config(false)};
    std::vector<telemetry::Sample> out;
    feed.pull_until(16'666'666, out);
    REQUIRE(out.size() == 2);  // 0 and 10 ms
    feed.pull_until(33'333'333, out);
    REQUIRE(out.size() == 4);  // 20 and 30 ms
    feed.pull_until(1'000'000'000, out);
    REQUIRE(out.size() == 101);
    for (std::size_t i = 0; i < out.size(); ++i) CHECK(out[i].t_ns == static_cast<std::int64_t>(i) * 10'000'000);
    CHECK(out.back().has(telemetry_v1::kCuffMmhg));
    CHECK(out.back().has(telemetry_v1::kAngleDeg));
}

TEST_CASE("contract commands move the simulated patient; auto tempo gives a rep every 2 s", "[feeds]") {
    frontend::SimFeed feed{quick_config(false)};
    std::vector<telemetry::Sample> out;
    feed.pull_until(3'000'000'000, out);
    const double rest = out.back().get(telemetry_v1::kAngleDeg);
    feed.on_command({session::CommandKind::ContractDown});
    out.clear();
    feed.pull_until(4'000'000'000, out);
    CHECK(out.back().get(telemetry_v1::kAngleDeg) > rest + 90.0);
    CHECK(count_events(out, "contract_down") == 1);
    feed.on_command({session::CommandKind::ContractUp});
    feed.on_command({session::CommandKind::SetAutoTempo, 1.f});
    out.clear();
    feed.pull_until(14'000'000'000, out);  // 10 s of auto tempo
    CHECK(count_events(out, "contract_down") == 5);
    feed.on_command({session::CommandKind::SetAutoTempo, 0.f});
    out.clear();
    feed.pull_until(20'000'000'000, out);
    CHECK(count_events(out, "contract_down") == 0);
    CHECK(out.back().get(telemetry_v1::kAngleDeg) == Approx(rest).margin(2.0));
}

TEST_CASE("a recorded session holds every delivered sample and syncs at set ends", "[feeds]") {
    std::string pattern = (fs::temp_directory_path() / "bfr_feeds_test_XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    const fs::path dir(pattern);
    std::string error;
    auto recorder = telemetry_v1::Recorder::create(dir / "s.csv", telemetry_v1::schema(), "test", &error);
    REQUIRE(recorder);
    frontend::SimFeed sim{quick_config(true)};
    frontend::RecordingFeed feed{sim, *recorder};
    session::Session session{session::SessionConfig{}, &feed};
    session.advance_to(75.0);  // the first set (30 reps from 6 s) ends at 66 s
    const auto& state = session.world().ctx().get<session::TelemetryState>();
    CHECK(state.samples == 7501);
    CHECK(recorder->stats().rows == 7501);
    CHECK(recorder->stats().syncs == 1);
    recorder.reset();
    std::ifstream in(dir / "s.csv");
    int lines = 0;
    for (std::string line; std::getline(in, line);) ++lines;
    CHECK(lines == 7501 + 2);  // comment and header
    fs::remove_all(dir);
}

TEST_CASE("a recorded session replays identically: every sample, time and value read back the same", "[feeds]") {
    std::string pattern = (fs::temp_directory_path() / "bfr_feeds_replay_XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    const fs::path dir(pattern);
    std::string error;
    auto recorder = telemetry_v1::Recorder::create(dir / "r.csv", telemetry_v1::schema(), "replay test", &error);
    REQUIRE(recorder);
    std::vector<telemetry::Sample> live;
    {
        sim::SimConfig config = quick_config(true);
        config.measure_lop = true;  // events such as lop_measured:N and note:… are recorded too
        frontend::SimFeed sim{config};
        frontend::RecordingFeed feed{sim, *recorder};
        for (std::int64_t t = 16'666'666; t <= 90'000'000'000; t += 16'666'666) feed.pull_until(t, live);
    }
    recorder.reset();  // closes (and syncs) the file
    auto file = frontend::FileFeed::open((dir / "r.csv").string(), telemetry::Format::V1, &error);
    REQUIRE(file);
    std::vector<telemetry::Sample> replayed;
    for (std::int64_t t = 16'666'666; t <= 100'000'000'000; t += 16'666'666) file->pull_until(t, replayed);
    CHECK(file->report().rows_skipped() == 0);
    REQUIRE(replayed.size() == live.size());
    std::size_t events = 0;
    for (std::size_t i = 0; i < live.size(); ++i) {
        INFO("row " << i);
        REQUIRE(replayed[i].t_ns == live[i].t_ns);
        REQUIRE(replayed[i].present == live[i].present);
        for (std::size_t c = 0; c < telemetry_v1::kColumnCount; ++c) {
            if (live[i].has(c)) REQUIRE(replayed[i].values[c] == live[i].values[c]);  // bit-exact
        }
        REQUIRE(replayed[i].event == live[i].event);
        events += !live[i].event.empty();
    }
    CHECK(events > 5);
    fs::remove_all(dir);
}

TEST_CASE("a file without t_s or without a usable row is refused when opened, with the reason", "[feeds]") {
    std::string pattern = (fs::temp_directory_path() / "bfr_feeds_bad_XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    const fs::path dir(pattern);
    { std::ofstream(dir / "no_time.csv") << "cuff_mmHg,angle_deg\n90,10\n"; }
    { std::ofstream(dir / "no_rows.csv") << "t_s,cuff_mmHg\n0.0,abc\n0.1,999\n"; }
    { std::ofstream(dir / "good.csv") << "# ok\nt_s,cuff_mmHg\n0.0,abc\n0.5,90\n1.0,91\n"; }
    std::string error;
    CHECK_FALSE(frontend::FileFeed::open((dir / "no_time.csv").string(), telemetry::Format::V1, &error));
    CHECK(error.find("t_s") != std::string::npos);
    CHECK_FALSE(frontend::FileFeed::open((dir / "no_rows.csv").string(), telemetry::Format::V1, &error));
    CHECK(error.find("no usable rows") != std::string::npos);
    CHECK(error.find("line 2") != std::string::npos);  // the report's first problem
    auto good = frontend::FileFeed::open((dir / "good.csv").string(), telemetry::Format::V1, &error);
    REQUIRE(good);
    std::vector<telemetry::Sample> out;
    good->pull_until(2'000'000'000, out);
    REQUIRE(out.size() == 2);
    CHECK(out[0].t_ns == 500'000'000);
    CHECK(good->finished());
    CHECK(good->summary().find("2 rows used, 1 skipped") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("the simulated cuff's sensor can be made to drop out on request", "[feeds]") {
    frontend::SimFeed feed{quick_config(false)};
    std::vector<telemetry::Sample> out;
    feed.pull_until(1'000'000'000, out);
    feed.on_command({session::CommandKind::InjectDropout, 3.f});
    feed.pull_until(6'000'000'000, out);  // appended: the gap lies between the two pulls
    REQUIRE(out.size() > 2);
    std::int64_t longest_gap = 0;
    for (std::size_t i = 1; i < out.size(); ++i) longest_gap = std::max(longest_gap, out[i].t_ns - out[i - 1].t_ns);
    CHECK(longest_gap >= 2'900'000'000);
    CHECK(longest_gap <= 3'100'000'000);
}

TEST_CASE("the window's session on the simulated cuff counts every rep the user makes, without a miss",
          "[feeds][reps]") {
    // Holds of different lengths and pauses, as a person presses Space: quick, slow, hesitant.
    frontend::SimFeed feed{quick_config(false)};
    session::Session s{session::SessionConfig{}, &feed};
    s.advance_to(3.0);
    const double holds[] = {1.2, 0.8, 2.0, 1.0, 1.5, 0.9, 3.0, 1.1, 1.0, 1.4, 0.7, 2.5};
    const double pauses[] = {1.0, 1.5, 0.8, 3.0, 1.0, 6.0, 1.2, 0.9, 2.0, 1.0, 1.6, 1.0};
    double t = 3.0;
    for (std::size_t i = 0; i < std::size(holds); ++i) {
        REQUIRE(s.push({session::CommandKind::ContractDown}));
        t += holds[i];
        s.advance_to(t);
        REQUIRE(s.push({session::CommandKind::ContractUp}));
        t += pauses[i];
        s.advance_to(t);
    }
    s.advance_to(t + 3.0);
    const auto& log = s.world().ctx().get<session::RepLog>();
    std::string times;
    for (const double c : log.times_s) times += std::to_string(c) + " ";
    INFO("counted at " << times);
    CHECK(log.times_s.size() == std::size(holds));
    const auto* tally = s.world().find<session::RepTally>(s.limb());
    REQUIRE(tally != nullptr);
    CHECK(tally->performed == std::size(holds));  // what the patient did is what was counted
    // Each counted promptly: within a second of the release that ended it.
    double release = 3.0;
    for (std::size_t i = 0; i < std::size(holds); ++i) {
        release += holds[i];
        INFO("rep " << i + 1);
        CHECK(log.times_s[i] > release - 1.0);
        CHECK(log.times_s[i] < release + 1.0);
        release += pauses[i];
    }
}

TEST_CASE("the simulated patient's 30-15-15-15 on its own is counted as 75 reps", "[feeds][reps]") {
    frontend::SimFeed feed{quick_config(true)};
    session::SessionConfig config;
    config.auto_tempo = true;
    session::Session s{config, &feed};
    s.advance_to(330.0);
    CHECK(s.world().ctx().get<session::RepLog>().times_s.size() == 75);
}
