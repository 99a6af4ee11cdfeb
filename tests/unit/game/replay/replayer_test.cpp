// The Replayer end to end on recordings in memory and in temporary files: counts, rep times,
// sets, pressure, physiology sanity, warnings, the summary JSON's keys, determinism.

#include "game/replay/replayer.hpp"
#include "game/replay/file_source.hpp"
#include "game/replay/report_text.hpp"
#include "game/replay/summary_json.hpp"
#include "replay_test_support.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <stdlib.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

using namespace bfr::replay;
using bfr::replay::test::contract_recording;
using bfr::replay::test::sample_at;
using bfr::replay::test::VectorSource;
using Json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

ReplayResult replay(std::vector<bfr::telemetry::Sample> samples, ReplayConfig config = {}) {
    VectorSource source{std::move(samples)};
    Replayer replayer{source, config};
    replayer.run();
    REQUIRE(replayer.done());
    return replayer.result();
}

/// A temporary file holding `text`, removed at the end of the test.
struct TempFile {
    fs::path path;
    explicit TempFile(const std::string& text) {
        std::string pattern = (fs::temp_directory_path() / "bfr_replay_test_XXXXXX").string();
        const int fd = ::mkstemp(pattern.data());
        REQUIRE(fd >= 0);
        ::close(fd);
        path = pattern;
        std::ofstream(path, std::ios::binary) << text;
    }
    ~TempFile() {
        std::error_code ec;
        fs::remove(path, ec);
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
};

ReplayResult replay_file(const std::string& path, ReplayConfig config = {}) {
    std::string error;
    const auto source = FileSource::open(path, bfr::telemetry::Format::V1, &error);
    INFO(error);
    REQUIRE(source);
    Replayer replayer{*source, config};
    replayer.run();
    ReplayResult r = replayer.result();
    r.file = path;
    return r;
}

void check_physiology_sane(const ReplayResult& r) {
    for (const PhysiologyFigures* f : {&r.peak, &r.end}) {
        CHECK(std::isfinite(f->metabolite));
        CHECK(f->metabolite >= 0.0);
        CHECK(f->metabolite <= 1.0);
        CHECK(f->lactate_mmol_l > 0.0);
        CHECK(f->lactate_mmol_l < 40.0);
        CHECK(f->blood_lactate_mmol_l > 0.0);
        CHECK(f->blood_lactate_mmol_l < 30.0);
        CHECK(f->ph > 6.0);
        CHECK(f->ph < 7.6);
        CHECK(f->pcr_pct >= 0.0);
        CHECK(f->pcr_pct <= 110.0);
        CHECK(f->swelling_pct >= 0.0);
        CHECK(f->swelling_pct < 100.0);
        CHECK(f->smo2_pct >= 0.0);
        CHECK(f->smo2_pct <= 100.0);
        CHECK(f->fatigue_pct >= 0.0);
        CHECK(f->fatigue_pct <= 100.0);
    }
    // Peaks are maxima (minima for pH, PCr, SmO2) over the whole replay, end included.
    CHECK(r.peak.metabolite >= r.end.metabolite);
    CHECK(r.peak.lactate_mmol_l >= r.end.lactate_mmol_l);
    CHECK(r.peak.blood_lactate_mmol_l >= r.end.blood_lactate_mmol_l);
    CHECK(r.peak.swelling_pct >= r.end.swelling_pct);
    CHECK(r.peak.fatigue_pct >= r.end.fatigue_pct);
    CHECK(r.peak.ph <= r.end.ph);
    CHECK(r.peak.pcr_pct <= r.end.pcr_pct);
    CHECK(r.peak.smo2_pct <= r.end.smo2_pct);
}

}  // namespace

TEST_CASE("the contract's recording: 6000 rows, 50 reps committed after each pulse, one set", "[replay]") {
    const ReplayResult r = replay(contract_recording());
    CHECK(r.rows == 6000);
    CHECK(r.rows_skipped == 0);
    CHECK(r.duration_s == Approx(119.98));
    // The tick holding the last sample: 119.98 s is in tick 7199 (ending at 119.9833 s).
    CHECK(r.ticks == 7199);
    REQUIRE(r.reps.size() == 50);
    for (std::size_t i = 0; i < r.reps.size(); ++i) {
        // Pulse i runs from 20 + 2i s (20.02 for the first) to 21.2 + 2i s; the counter commits
        // 0.1 s after the effort is back at 0 (±1 sample: the generator's own rounding).
        const double end = 21.2 + 2.0 * static_cast<double>(i);
        CHECK(r.reps[i].commit_s == Approx(end + 0.1).margin(0.021));
        CHECK(r.reps[i].start_s == Approx(20.0 + 2.0 * static_cast<double>(i)).margin(0.021));
    }
    REQUIRE(r.sets.size() == 1);
    CHECK_FALSE(r.sets_from_events);
    CHECK(r.sets[0].reps == 50);
    CHECK(r.sets[0].start_s == Approx(20.02));
    CHECK(r.sets[0].end_s == r.reps.back().commit_s);
    // The cuff is at 90 mmHg (≥ 20) from the first sample to the end of the last tick.
    CHECK(r.occlusion_s == Approx(119.98).margin(0.05));
    CHECK(r.lop_mmHg == 180.0);
    CHECK(r.lop_from_recording);
    CHECK(r.load_from_recording);
    CHECK(r.load_pct1rm == 30.0);
    // 90 mmHg is exactly 50 % of 180: always in band, peak and valley 50 %LOP, never above LOP.
    REQUIRE(r.pressure.time_in_band_pct);
    CHECK(*r.pressure.time_in_band_pct == Approx(100.0));
    REQUIRE(r.pressure.peak_pct_lop_mean);
    CHECK(*r.pressure.peak_pct_lop_mean == Approx(50.0));
    CHECK(*r.pressure.valley_pct_lop_mean == Approx(50.0));
    CHECK(r.pressure.reps_assessed == 50);
    CHECK(r.pressure.above_lop_s == 0.0);
    CHECK(r.warnings.empty());
    check_physiology_sane(r);
    // Exercise under occlusion moves the model away from rest.
    CHECK(r.peak.metabolite > 0.0);
    CHECK(r.peak.pcr_pct < 100.0);
}

TEST_CASE("the summary JSON has every key of the contract, counts included, and no NaN", "[replay][json]") {
    ReplayResult r = replay(contract_recording());
    r.file = "rec.csv";
    const std::string text = summary_json(r);
    CHECK(text.back() == '\n');
    CHECK(text.find("NaN") == std::string::npos);
    CHECK(text.find("nan") == std::string::npos);
    CHECK(text.find(": inf") == std::string::npos);
    CHECK(text.find("Infinity") == std::string::npos);
    const Json s = Json::parse(text);
    CHECK(s["schema"] == "bfr-coach.summary/1");
    CHECK(s["input"]["file"] == "rec.csv");
    CHECK(s["input"]["rows"] == 6000);
    CHECK(s["input"]["rows_skipped"] == 0);
    CHECK(s["input"]["duration_s"].get<double>() == Approx(119.98));
    CHECK(s["reps"]["count"] == 50);
    REQUIRE(s["reps"]["times_s"].size() == 50);
    CHECK(s["reps"]["times_s"][0].get<double>() == Approx(r.reps[0].commit_s).margin(0.0005));
    REQUIRE(s["sets"].size() == 1);
    for (const char* key : {"start_s", "end_s", "reps"}) CHECK(s["sets"][0].contains(key));
    CHECK(s["sets"][0]["reps"] == 50);
    CHECK(s["occlusion_s"].is_number());
    for (const char* part : {"peak", "end"}) {
        for (const char* key : {"metabolite", "lactate_mmol_l", "blood_lactate_mmol_l", "ph_min", "pcr_min_pct",
                                "swelling_pct", "smo2_min_pct", "fatigue_pct"}) {
            INFO(part << "." << key);
            CHECK(s["physiology"][part][key].is_number());
        }
    }
    for (const char* key : {"time_in_band_pct", "peak_pct_lop_mean", "valley_pct_lop_mean", "above_lop_s"}) {
        INFO(key);
        CHECK(s["pressure"][key].is_number());
    }
    CHECK(s["alarms"].is_array());
    CHECK(s["alarms"].empty());
    CHECK(s["warnings"].is_array());
    // Rounded for reading: times to 3 decimals.
    const double t0 = s["reps"]["times_s"][0].get<double>();
    CHECK(std::fabs(t0 * 1000.0 - std::round(t0 * 1000.0)) < 1e-6);
}

TEST_CASE("values that do not exist are null: no reps, a cuff never inflated", "[replay][json]") {
    std::vector<bfr::telemetry::Sample> samples;
    for (int i = 0; i <= 250; ++i) samples.push_back(sample_at(i / 50.0));  // time only
    ReplayResult r = replay(samples);
    CHECK(r.reps.empty());
    CHECK(r.sets.empty());
    CHECK(r.occlusion_s == 0.0);
    check_physiology_sane(r);
    const Json s = Json::parse(summary_json(r));
    CHECK(s["reps"]["count"] == 0);
    CHECK(s["reps"]["times_s"].empty());
    CHECK(s["sets"].empty());
    CHECK(s["pressure"]["time_in_band_pct"].is_null());
    CHECK(s["pressure"]["peak_pct_lop_mean"].is_null());
    CHECK(s["pressure"]["valley_pct_lop_mean"].is_null());
    CHECK(s["pressure"]["above_lop_s"] == 0.0);
    // Everything the recording lacks is said.
    REQUIRE(r.warnings.size() == 5);
    CHECK(r.warnings[0] == "no LOP in the recording: assumed 170 mmHg, the arm default; people differ by about ±20 mmHg (1 SD), so the %LOP figures are uncertain");
    CHECK(r.warnings[1] == "no load in the recording: assumed 30 %1RM");
    CHECK(r.warnings[2].rfind("no effort, joint angle, motion sensor, contract input or cuff pressure in the recording: no reps counted", 0) == 0);
    CHECK(r.warnings[3].rfind("no effort, joint angle or contract input in the recording: the model saw no muscle work", 0) == 0);
    CHECK(r.warnings[4].rfind("no cuff pressure in the recording", 0) == 0);
    ReplayConfig leg;
    leg.limb = bfr::session::LimbKind::Leg;
    r = replay(samples, leg);
    CHECK(r.warnings[0] == "no LOP in the recording: assumed 200 mmHg, the leg default; people differ by about ±24 mmHg (1 SD), so the %LOP figures are uncertain");
}

TEST_CASE("a recording on disk: skipped rows, unknown columns, set events, lop_measured", "[replay]") {
    std::string csv = "# a comment\nt_s,cuff_mmHg,effort,event,spo2\n";
    csv += "0.0,0,0,lop_measured:160,97\n";
    for (int i = 1; i <= 1500; ++i) {  // 50 Hz, 30 s
        const double t = i / 50.0;
        const bool up = t >= 5.0 && t < 25.0 && std::fmod(t - 5.0, 2.0) < 1.0 - 1e-9;
        std::string event;
        if (i == 200) event = "set_start";
        if (i == 1300) event = "set_end";
        csv += std::to_string(t) + ",80," + (up ? "0.3" : "0") + "," + event + ",97\n";
        if (i % 200 == 0) csv += std::to_string(t) + ",-5,0,,97\n";  // a pressure out of range: skipped
    }
    csv += "30.1,80,abc,,97\n";
    const TempFile file{csv};
    const ReplayResult r = replay_file(file.path.string());
    CHECK(r.rows == 1501);
    CHECK(r.rows_skipped == 8);
    CHECK(r.reps.size() == 10);
    CHECK(r.lop_from_recording);
    CHECK(r.lop_mmHg == 160.0);
    REQUIRE(r.sets_from_events);
    REQUIRE(r.sets.size() == 1);
    CHECK(r.sets[0].start_s == Approx(4.0));
    CHECK(r.sets[0].end_s == Approx(26.0));
    CHECK(r.sets[0].reps == 10);
    // Warnings: no load, the skipped rows (5 reasons and the rest as a count), the unknown column.
    const auto has = [&](const std::string& start) {
        for (const auto& w : r.warnings) {
            if (w.rfind(start, 0) == 0) return true;
        }
        return false;
    };
    CHECK_FALSE(has("no LOP"));
    CHECK(has("no load in the recording"));
    CHECK(has("skipped 8 rows that could not be used"));
    CHECK(has("skipped line 204: "));  // comment, header, the t = 0 row, 200 rows, then the bad one
    CHECK(has("… and 3 more skipped rows"));
    CHECK(has("unknown column ignored: "));
    // The readable summary names the essentials.
    const std::string text = human_summary(r);
    CHECK(text.find("Reps: 10") != std::string::npos);
    CHECK(text.find("1501 used, 8 skipped") != std::string::npos);
}

TEST_CASE("a recording with absolute times is replayed from its first sample, and says so", "[replay]") {
    std::string csv = "t_s,cuff_mmHg,effort\n";
    for (int i = 0; i <= 500; ++i) {
        const double t = i / 50.0;
        const bool up = t >= 2.0 && t < 3.0 - 1e-9;
        csv += fmt::format("{:.2f},80,{}\n", 1'700'000'000.0 + t, up ? 0.4 : 0.0);
    }
    const TempFile file{csv};
    const ReplayResult r = replay_file(file.path.string());
    CHECK(r.origin_s == Approx(1.7e9));
    CHECK(r.duration_s == Approx(10.0));
    REQUIRE(r.reps.size() == 1);
    CHECK(r.reps[0].commit_s == Approx(3.1));
    CHECK(r.ticks == 600);
    bool said = false;
    for (const auto& w : r.warnings) said = said || w.find("clock starts at") != std::string::npos;
    CHECK(said);
}

TEST_CASE("replays are deterministic: the same recording gives the same summary", "[replay]") {
    ReplayResult a = replay(contract_recording(3000));
    ReplayResult b = replay(contract_recording(3000));
    a.file = b.file = "x";
    CHECK(summary_json(a) == summary_json(b));
    CHECK(human_summary(a) == human_summary(b));
}

TEST_CASE("a clock that jumps past a day stops the replay at the last sample before it", "[replay]") {
    std::string csv = "t_s,cuff_mmHg\n";
    for (int i = 0; i <= 10; ++i) csv += fmt::format("{},85\n", i);
    for (int i = 0; i < 500; ++i) csv += fmt::format("{},85\n", 100000 + i);
    const TempFile file{csv};
    const ReplayResult r = replay_file(file.path.string());
    CHECK(r.truncated);
    CHECK(r.rows == 11);  // the rows replayed, not the ones read ahead
    CHECK(r.duration_s == Approx(10.0));
    CHECK(r.occlusion_s == Approx(10.0).margin(0.05));
    CHECK(r.pressure.inflated_s <= 10.05);
}

TEST_CASE("a gap without samples is a lost sensor: no work, no occlusion, no fidelity, a warning", "[replay]") {
    std::vector<bfr::telemetry::Sample> samples;
    for (int i = 0; i <= 500; ++i) {  // 10 s at 50 Hz, cuff 85, effort 0.9
        auto s = sample_at(i / 50.0);
        s.set(bfr::telemetry_v1::kCuffMmhg, 85.0);
        s.set(bfr::telemetry_v1::kEffort, 0.9);
        samples.push_back(s);
    }
    auto last = sample_at(3600.0);  // the next sample an hour later
    last.set(bfr::telemetry_v1::kCuffMmhg, 85.0);
    samples.push_back(last);
    const ReplayResult r = replay(samples);
    CHECK(r.gaps == 1);
    CHECK(r.longest_gap_s == Approx(3590.0));
    CHECK(r.longest_gap_at_s == Approx(10.0));
    CHECK(r.occlusion_s < 13.0);  // the 10 s measured (+ the 2 s timeout), not the hour
    bool said = false;
    for (const auto& w : r.warnings) said = said || w.find("the sensor was lost") != std::string::npos;
    CHECK(said);
    // The model did not keep a 90 % MVC contraction going for an hour: fatigue recovered.
    CHECK(r.end.fatigue_pct < 2.0);
    CHECK(r.peak.fatigue_pct > 10.0);  // 10 s at 90 % MVC did tire it
}

TEST_CASE("the latest LOP in time wins (column or event); implausible ones are ignored, with a warning", "[replay]") {
    std::vector<bfr::telemetry::Sample> samples;
    for (int i = 0; i <= 500; ++i) {
        auto s = sample_at(i / 50.0);
        s.set(bfr::telemetry_v1::kCuffMmhg, 60.0);
        if (i == 0) s.set(bfr::telemetry_v1::kLopMmhg, 170.0);
        if (i == 250) s.event = "lop_measured:120";
        if (i == 400) s.set(bfr::telemetry_v1::kLopMmhg, 5.0);
        samples.push_back(s);
    }
    const ReplayResult r = replay(samples);
    CHECK(r.lop_mmHg == Approx(120.0));
    CHECK(r.lop_from_recording);
    CHECK(r.lop_rejected == 1);
    bool said = false;
    for (const auto& w : r.warnings) said = said || w.find("implausible LOP") != std::string::npos;
    CHECK(said);
}
