// `replay --save`'s import: a replayed demo recording becomes the rows a live session writes (sets
// with their reps, each rep's cuff peak and valley from the pressure tracker), stored whole in one
// transaction; the rules that give each rep its set (protocol with warm-up and extra reps, set
// events, rests); alarms and discomfort reports from a safety recording.

#include "game/history/import.hpp"
#include "game/history/time_text.hpp"
#include "game/protocol/protocol.hpp"
#include "game/replay/file_source.hpp"
#include "history_test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace bfr::history;
using namespace bfr::history::test;
using bfr::replay::ReplayResult;

namespace {

ReplayResult replay_file(const std::string& relative, bool with_protocol) {
    const std::string path = std::string(BFR_SOURCE_DIR) + "/" + relative;
    std::string error;
    const auto source = bfr::replay::FileSource::open(path, bfr::telemetry::Format::V1, &error);
    INFO(error);
    REQUIRE(source);
    bfr::replay::ReplayConfig config;
    if (with_protocol) config.protocol = bfr::protocol::standard_protocol();
    bfr::replay::Replayer replayer{*source, config};
    replayer.run();
    REQUIRE(replayer.done());
    return replayer.result();
}

ImportInfo info_for(const std::string& name) {
    ImportInfo info;
    info.started_at = "2025-03-01T09:30:05Z";
    info.source = "file " + name;
    info.recording_path = "/data/" + name;
    info.target_pct_lop = 50.0;
    return info;
}

/// A result with `n` reps 2 s apart (contraction 1.5 s before each commit).
ReplayResult reps_only(std::size_t n) {
    ReplayResult r;
    for (std::size_t i = 0; i < n; ++i) {
        const double commit = 10.0 + 2.0 * static_cast<double>(i);
        r.reps.push_back(bfr::replay::RepTimes{commit - 1.5, commit});
    }
    r.rep_pressure.resize(n);
    return r;
}

}  // namespace

TEST_CASE("a replayed 30-15-15-15 recording imports as 4 sets of 30, 15, 15, 15 reps with their cuff figures",
          "[history][import]") {
    const ReplayResult r = replay_file("assets/recordings/arm-30-15-15-15-50pct-lop.csv", true);
    REQUIRE(r.reps.size() == 75);
    REQUIRE(r.rep_pressure.size() == 75);
    const ImportRows rows = import_rows(r, info_for("arm.csv"));
    CHECK(rows.start.started_at == "2025-03-01T09:30:05Z");
    CHECK(rows.start.limb == "arm");
    CHECK(rows.start.protocol_name == "30-15-15-15");
    CHECK(rows.start.protocol_title == "Standard 30-15-15-15");
    CHECK(rows.start.lop_mmHg == r.lop_mmHg);
    CHECK(rows.start.lop_source == "recording");
    CHECK(rows.start.source == "file arm.csv");
    CHECK(rows.start.imported);
    // Scored by the same game layer as a live session.
    REQUIRE(rows.end.points.has_value());
    CHECK(*rows.end.points > 0);
    CHECK(*rows.end.points == r.points);
    REQUIRE(rows.sets.size() == 4);
    const std::int64_t want[] = {30, 15, 15, 15};
    std::int64_t next_index = 1;
    for (std::size_t k = 0; k < 4; ++k) {
        const auto& [set, reps] = rows.sets[k];
        CHECK(set.number == static_cast<std::int64_t>(k + 1));
        CHECK(set.reps == want[k]);
        CHECK(set.target_reps == want[k]);
        REQUIRE(static_cast<std::int64_t>(reps.size()) == want[k]);
        for (const RepRow& rep : reps) {
            CHECK(rep.set_number == set.number);
            CHECK(rep.index == next_index++);  // in order, no rep skipped
            CHECK(rep.commit_s >= set.start_s);
            CHECK(rep.commit_s <= set.end_s + 1e-9);
        }
    }
    CHECK(rows.loose_reps.empty());
    // Each rep's peak and valley: every rep here was assessed, and their means are the summary's.
    double peak_sum = 0.0;
    double valley_sum = 0.0;
    for (const auto& [set, reps] : rows.sets) {
        for (const RepRow& rep : reps) {
            REQUIRE(rep.peak_pct_lop);
            REQUIRE(rep.valley_pct_lop);
            CHECK(*rep.peak_pct_lop > *rep.valley_pct_lop);
            CHECK(*rep.valley_pct_lop > 40.0);  // the recording holds 50 % LOP with pulses
            CHECK(*rep.peak_pct_lop < 75.0);
            peak_sum += *rep.peak_pct_lop;
            valley_sum += *rep.valley_pct_lop;
        }
    }
    REQUIRE(r.pressure.peak_pct_lop_mean);
    CHECK(peak_sum / 75.0 == Approx(*r.pressure.peak_pct_lop_mean).epsilon(1e-12));
    CHECK(valley_sum / 75.0 == Approx(*r.pressure.valley_pct_lop_mean).epsilon(1e-12));

    CHECK(rows.end.completed);
    CHECK(rows.end.stop_reason.empty());
    CHECK(rows.end.reps_total == 75);
    CHECK(rows.end.duration_s == r.duration_s);
    CHECK(parse_iso8601_utc(rows.end.ended_at) ==
          *parse_iso8601_utc("2025-03-01T09:30:05Z") + std::llround(r.duration_s));
    CHECK(rows.end.occlusion_s == r.occlusion_s);
    CHECK(rows.end.ph_min == r.peak.ph);
    CHECK(rows.end.metabolite_peak == r.peak.metabolite);

    // Stored in one go and read back as the live app would have stored it.
    const TempDir dir;
    auto db = open_ok(dir.path());
    std::string error;
    const auto id = save_replay(*db, r, info_for("arm.csv"), &error);
    INFO(error);
    REQUIRE(id);
    const auto rec = db->load_session(*id);
    REQUIRE(rec);
    CHECK(rec->session.finished());
    CHECK(rec->session.completed());
    CHECK(rec->session.start.imported);
    CHECK(rec->session.reps == 75);
    CHECK(rec->sets.size() == 4);
    CHECK(rec->reps.size() == 75);
    CHECK(rec->reps[40].set_number == 2);
    CHECK(rec->reps[40].peak_pct_lop == rows.sets[1].second[10].peak_pct_lop);
}

TEST_CASE("alarms and discomfort reports of a recording are imported with their times", "[history][import]") {
    const ReplayResult r = replay_file("tests/data/safety/trip_discomfort.csv", true);
    const ImportRows rows = import_rows(r, info_for("trip_discomfort.csv"));
    REQUIRE(rows.discomfort.size() == 2);
    CHECK(rows.discomfort[0].t_s == Approx(75.12));
    CHECK(rows.discomfort[0].level == 4);
    CHECK(rows.discomfort[1].t_s == Approx(135.12));
    CHECK(rows.discomfort[1].level == 8);
    CHECK(rows.end.discomfort_max == 8);
    REQUIRE(rows.alarms.size() == 1);
    CHECK(rows.alarms[0].kind == "discomfort");
    CHECK(rows.alarms[0].action == "stop");
    CHECK(rows.alarms[0].value == 8.0);
    CHECK(rows.alarms[0].t_s == Approx(135.12));
    CHECK_FALSE(rows.alarms[0].cleared_s);
    // The protocol was stopped after 3 sets.
    CHECK_FALSE(rows.end.completed);
    CHECK(rows.end.stop_reason == "recording ended before the protocol did");
    CHECK(rows.sets.size() == 3);

    const TempDir dir;
    auto db = open_ok(dir.path());
    std::string error;
    const auto id = save_replay(*db, r, info_for("trip_discomfort.csv"), &error);
    REQUIRE(id);
    const auto rec = db->load_session(*id);
    REQUIRE(rec);
    CHECK(rec->alarms.size() == 1);
    CHECK(rec->discomfort.size() == 2);
    CHECK(rec->session.end->discomfort_max == 8);
}

TEST_CASE("reps go to sets: warm-up and extra reps of a protocol stay outside", "[history][import]") {
    ReplayResult r = reps_only(7);
    r.protocol_name = "mini";
    r.protocol_title = "Mini";
    r.warmup_reps = 2;
    r.extra_reps = 1;
    r.protocol_sets = {bfr::replay::ProtocolSet{13.0, 15.0, 2, 2, false, false},
                       bfr::replay::ProtocolSet{17.0, 19.0, 2, 0, true, false}};
    r.rep_pressure[3] = bfr::replay::RepPressure{61.5, 48.25};
    const ImportRows rows = import_rows(r, info_for("mini.csv"));
    REQUIRE(rows.sets.size() == 2);
    CHECK(rows.sets[0].first.target_reps == 2);
    CHECK_FALSE(rows.sets[1].first.target_reps);  // to failure without a target
    CHECK(rows.sets[1].first.to_failure);
    REQUIRE(rows.sets[0].second.size() == 2);
    CHECK(rows.sets[0].second[0].index == 3);
    CHECK(rows.sets[0].second[1].index == 4);
    CHECK(rows.sets[0].second[1].peak_pct_lop == 61.5);
    CHECK(rows.sets[0].second[1].valley_pct_lop == 48.25);
    CHECK_FALSE(rows.sets[0].second[0].peak_pct_lop);  // not assessed: null, never invented
    REQUIRE(rows.sets[1].second.size() == 2);
    CHECK(rows.sets[1].second[0].index == 5);
    REQUIRE(rows.loose_reps.size() == 3);
    CHECK(rows.loose_reps[0].index == 1);
    CHECK(rows.loose_reps[1].index == 2);
    CHECK(rows.loose_reps[2].index == 7);
    CHECK(rows.end.reps_total == 7);
}

TEST_CASE("reps go to sets: from set events by overlap, from rests in order", "[history][import]") {
    SECTION("set events: a rep between two sets belongs to none") {
        ReplayResult r = reps_only(5);  // commits at 10, 12, 14, 16, 18
        r.sets_from_events = true;
        r.sets = {bfr::replay::SetSpan{8.0, 12.2, 2}, bfr::replay::SetSpan{15.5, 20.0, 2}};
        const ImportRows rows = import_rows(r, info_for("events.csv"));
        REQUIRE(rows.sets.size() == 2);
        CHECK(rows.sets[0].second.size() == 2);
        CHECK(rows.sets[1].second.size() == 2);
        CHECK(rows.sets[1].second[0].index == 4);
        REQUIRE(rows.loose_reps.size() == 1);
        CHECK(rows.loose_reps[0].index == 3);  // 12.5..14: in no set
        CHECK(rows.end.completed);             // no protocol to complete
        CHECK_FALSE(rows.end.points.has_value());  // nothing scored without a protocol
        CHECK_FALSE(rows.start.protocol_name.size() > 0);
    }
    SECTION("rests: each set takes its reps in order") {
        ReplayResult r = reps_only(5);
        r.sets = {bfr::replay::SetSpan{8.5, 14.0, 3}, bfr::replay::SetSpan{14.5, 18.0, 2}};
        const ImportRows rows = import_rows(r, info_for("rests.csv"));
        REQUIRE(rows.sets.size() == 2);
        CHECK(rows.sets[0].second.size() == 3);
        CHECK(rows.sets[1].second.size() == 2);
        CHECK(rows.sets[1].second[1].index == 5);
        CHECK(rows.loose_reps.empty());
        CHECK_FALSE(rows.sets[0].first.target_reps);
    }
}

TEST_CASE("an import is stored whole or not at all", "[history][import]") {
    const TempDir dir;
    auto db = open_ok(dir.path());
    ReplayResult r = reps_only(3);
    r.sets = {bfr::replay::SetSpan{8.5, 14.0, 3}};
    r.discomfort = {bfr::replay::DiscomfortReport{5.0, 12}};  // out of range: refused at the end
    std::string error;
    CHECK_FALSE(save_replay(*db, r, info_for("bad.csv"), &error));
    CHECK(error.find("discomfort level 12 is not 0 to 10") != std::string::npos);
    const auto listed = db->list_sessions();
    REQUIRE(listed);
    CHECK(listed->empty());  // not even the session row
}
