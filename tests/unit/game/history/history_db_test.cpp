// HistoryDb: a whole session stored and read back field by field; one transaction per set (a
// second connection sees each set once it is stored, never half of one); a crash (the HistoryDb
// destroyed without finish_session) keeps the finished sets and lists the session unfinished;
// batches; every bad input refused with a message and nothing stored.

#include "game/history/history_db.hpp"
#include "history_test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace bfr::history;
using namespace bfr::history::test;

TEST_CASE("a whole session round-trips through the database field by field", "[history][db]") {
    const TempDir dir;
    std::int64_t id = 0;
    std::int64_t alarm_id = 0;
    {
        auto db = open_ok(dir.path());
        CHECK(db->path() == dir.db());
        CHECK(db->schema_version_found() == 0);
        CHECK(db->backup_path().empty());  // a new file: nothing to back up
        const auto started = db->begin_session(full_start());
        REQUIRE(started);
        id = *started;
        CHECK(id == 1);

        RepRow warmup;
        warmup.index = 1;
        warmup.start_s = 2.0;
        warmup.commit_s = 3.25;  // no cuff figures: not assessed
        REQUIRE(db->add_reps(id, {warmup}));

        SetRow set1;
        set1.number = 1;
        set1.start_s = 10.0;
        set1.end_s = 70.5;
        set1.reps = 3;
        set1.target_reps = 30;
        set1.ended_early = true;
        REQUIRE(db->add_set(id, set1, reps_from(2, 3, 10.0)));
        SetRow set2;
        set2.number = 2;
        set2.start_s = 100.0;
        set2.end_s = 104.5;
        set2.reps = 2;
        set2.to_failure = true;
        auto reps2 = reps_from(5, 2, 100.0);
        reps2[1].quality = 0.875;
        REQUIRE(db->add_set(id, set2, reps2));

        AlarmRow alarm;
        alarm.t_s = 32.78;
        alarm.kind = "pressure_above_lop";
        alarm.action = "deflate";
        alarm.message = "Cuff at 199 mmHg, at or above your limb occlusion pressure (170 mmHg) for 1 s. Deflate now.";
        alarm.value = 199.05;
        const auto aid = db->add_alarm(id, alarm);
        REQUIRE(aid);
        alarm_id = *aid;
        REQUIRE(db->update_alarm(alarm_id, 34.5, std::nullopt));
        REQUIRE(db->update_alarm(alarm_id, std::nullopt, 36.9));  // keeps the acknowledgement
        REQUIRE(db->add_discomfort(id, DiscomfortRow{75.12, 4}));
        REQUIRE(db->add_discomfort(id, DiscomfortRow{95.5, 6}));

        SessionEnd end;
        end.ended_at = "2025-03-01T09:36:17Z";
        end.duration_s = 372.0;
        end.completed = false;
        end.stop_reason = "stopped by the user";
        end.occlusion_s = 248.033;
        end.time_in_band_pct = 93.5;
        end.peak_pct_lop_mean = 64.7;
        end.valley_pct_lop_mean = 56.9;
        end.metabolite_peak = 0.531;
        end.swelling_pct_peak = 18.64;
        end.lactate_mmol_l_peak = 8.853;
        end.ph_min = 6.855;
        end.fatigue_pct_peak = 46.4;
        end.discomfort_max = 6;
        end.reps_total = 6;
        REQUIRE(db->finish_session(id, end));
        REQUIRE(db->set_points(id, 1250));
    }
    // A new connection (a later run of the program) reads it all back.
    auto db = open_ok(dir.path());
    CHECK(db->schema_version_found() == kSchemaVersion);
    const auto rec = db->load_session(id);
    INFO(db->last_error());
    REQUIRE(rec);
    const SessionRow& row = rec->session;
    CHECK(row.id == id);
    const SessionStart want = full_start();
    CHECK(row.start.started_at == want.started_at);
    CHECK(row.start.limb == "leg");
    CHECK(row.start.side == "left");
    CHECK(row.start.protocol_name == "30-15-15-15");
    CHECK(row.start.protocol_title == "Standard 30-15-15-15");
    CHECK(row.start.load_pct1rm == 30.0);
    CHECK(row.start.lop_mmHg == 182.5);
    CHECK(row.start.lop_source == want.lop_source);
    CHECK(row.start.target_pct_lop == 60.0);
    CHECK(row.start.source == "serial /dev/ttyACM0");
    CHECK(row.start.cuff_manufacturer == "Acme Medical");
    CHECK(row.start.cuff_model == "BFR-11");
    CHECK(row.start.recording_path == want.recording_path);
    CHECK_FALSE(row.start.imported);
    REQUIRE(row.end);
    CHECK(row.end->ended_at == "2025-03-01T09:36:17Z");
    CHECK(row.end->duration_s == 372.0);
    CHECK_FALSE(row.completed());
    CHECK(row.end->stop_reason == "stopped by the user");
    CHECK(row.end->occlusion_s == 248.033);
    CHECK(row.end->time_in_band_pct == 93.5);
    CHECK(row.end->peak_pct_lop_mean == 64.7);
    CHECK(row.end->valley_pct_lop_mean == 56.9);
    CHECK(row.end->metabolite_peak == 0.531);
    CHECK(row.end->swelling_pct_peak == 18.64);
    CHECK(row.end->lactate_mmol_l_peak == 8.853);
    CHECK(row.end->ph_min == 6.855);
    CHECK(row.end->fatigue_pct_peak == 46.4);
    CHECK(row.end->discomfort_max == 6);
    CHECK(row.end->reps_total == 6);
    CHECK(row.points == 1250);
    CHECK(row.reps == 6);
    CHECK(row.sets == 2);
    CHECK(row.alarms == 1);

    REQUIRE(rec->sets.size() == 2);
    CHECK(rec->sets[0].number == 1);
    CHECK(rec->sets[0].start_s == 10.0);
    CHECK(rec->sets[0].end_s == 70.5);
    CHECK(rec->sets[0].reps == 3);
    CHECK(rec->sets[0].target_reps == 30);
    CHECK_FALSE(rec->sets[0].to_failure);
    CHECK(rec->sets[0].ended_early);
    CHECK(rec->sets[1].number == 2);
    CHECK_FALSE(rec->sets[1].target_reps);
    CHECK(rec->sets[1].to_failure);
    CHECK_FALSE(rec->sets[1].ended_early);

    REQUIRE(rec->reps.size() == 6);
    CHECK_FALSE(rec->reps[0].set_number);  // the warm-up rep belongs to no set
    CHECK(rec->reps[0].commit_s == 3.25);
    CHECK_FALSE(rec->reps[0].peak_pct_lop);
    CHECK_FALSE(rec->reps[0].valley_pct_lop);
    for (std::size_t i = 1; i < 4; ++i) {
        CHECK(rec->reps[i].index == static_cast<std::int64_t>(i + 1));
        CHECK(rec->reps[i].set_number == 1);
    }
    CHECK(rec->reps[2].start_s == 12.0);
    CHECK(rec->reps[2].commit_s == 13.5);
    CHECK(rec->reps[2].peak_pct_lop == 64.5);
    CHECK(rec->reps[2].valley_pct_lop == 57.0);
    CHECK(rec->reps[5].set_number == 2);
    CHECK(rec->reps[5].quality == 0.875);
    CHECK_FALSE(rec->reps[4].quality);

    REQUIRE(rec->alarms.size() == 1);
    const AlarmRow& a = rec->alarms[0];
    CHECK(a.id == alarm_id);
    CHECK(a.t_s == 32.78);
    CHECK(a.kind == "pressure_above_lop");
    CHECK(a.action == "deflate");
    CHECK(a.message.find("199 mmHg") != std::string::npos);
    CHECK(a.value == 199.05);
    CHECK(a.acknowledged_s == 34.5);
    CHECK(a.cleared_s == 36.9);

    REQUIRE(rec->discomfort.size() == 2);
    CHECK(rec->discomfort[0].t_s == 75.12);
    CHECK(rec->discomfort[0].level == 4);
    CHECK(rec->discomfort[1].level == 6);

    CHECK(db->latest_session_id() == id);
    CHECK_FALSE(db->load_session(id + 1));
    CHECK(db->last_error().empty());  // not there is not an error
}

TEST_CASE("each set is one transaction: another connection sees whole sets only", "[history][db]") {
    const TempDir dir;
    auto writer = open_ok(dir.path());
    const auto id = writer->begin_session(full_start());
    REQUIRE(id);
    SetRow set1;
    set1.number = 1;
    set1.end_s = 60.0;
    set1.reps = 3;
    REQUIRE(writer->add_set(*id, set1, reps_from(1, 3, 0.0)));

    // Another program (the history command, a therapist's tool) reads mid-session.
    auto reader = open_ok(dir.path());
    {
        const auto rec = reader->load_session(*id);
        REQUIRE(rec);
        CHECK(rec->sets.size() == 1);
        CHECK(rec->reps.size() == 3);
        CHECK_FALSE(rec->session.finished());
    }

    // Set 2 fails half-way (its third rep repeats index 3, stored with set 1): nothing of it stays.
    SetRow set2;
    set2.number = 2;
    set2.start_s = 90.0;
    set2.end_s = 120.0;
    set2.reps = 3;
    auto reps2 = reps_from(4, 3, 90.0);
    reps2[2].index = 3;
    CHECK_FALSE(writer->add_set(*id, set2, reps2));
    CHECK(writer->last_error().find("rep 3 of session 1 is stored already") != std::string::npos);
    {
        const auto rec = reader->load_session(*id);
        REQUIRE(rec);
        CHECK(rec->sets.size() == 1);
        CHECK(rec->reps.size() == 3);
    }

    // While set 2 is being written (inside an open transaction), the reader still sees set 1 only.
    {
        auto batch = writer->begin_batch();
        REQUIRE(batch);
        REQUIRE(writer->add_set(*id, set2, reps_from(4, 3, 90.0)));
        const auto mid = reader->load_session(*id);
        REQUIRE(mid);
        CHECK(mid->sets.size() == 1);
        CHECK(mid->reps.size() == 3);
        // The batch ends without commit: rolled back.
    }
    CHECK(reader->load_session(*id)->sets.size() == 1);

    // Stored for real now: the reader sees both sets and all 6 reps.
    REQUIRE(writer->add_set(*id, set2, reps_from(4, 3, 90.0)));
    const auto rec = reader->load_session(*id);
    REQUIRE(rec);
    CHECK(rec->sets.size() == 2);
    CHECK(rec->reps.size() == 6);
    CHECK(rec->reps.back().set_number == 2);
}

TEST_CASE("a crash keeps the finished sets and lists the session unfinished", "[history][db]") {
    const TempDir dir;
    std::int64_t id = 0;
    {
        auto db = open_ok(dir.path());
        const auto started = db->begin_session(full_start());
        REQUIRE(started);
        id = *started;
        SetRow set1;
        set1.number = 1;
        set1.start_s = 5.0;
        set1.end_s = 65.0;
        set1.reps = 30;
        set1.target_reps = 30;
        REQUIRE(db->add_set(id, set1, reps_from(1, 30, 5.0)));
        REQUIRE(db->add_alarm(id, AlarmRow{0, 40.0, "sensor_lost", "deflate", "No data from the cuff for 2 s.", 2.0,
                                           std::nullopt, std::nullopt}));
        REQUIRE(db->add_discomfort(id, DiscomfortRow{80.0, 5}));
        // The program dies here: no finish_session (the destructor is all that runs).
    }
    auto db = open_ok(dir.path());
    const auto listed = db->list_sessions();
    REQUIRE(listed);
    REQUIRE(listed->size() == 1);
    const SessionRow& row = listed->front();
    CHECK(row.id == id);
    CHECK_FALSE(row.finished());
    CHECK_FALSE(row.completed());
    CHECK_FALSE(row.end);
    CHECK(row.reps == 30);  // counted from the stored reps
    CHECK(row.sets == 1);
    CHECK(row.alarms == 1);
    const auto rec = db->load_session(id);
    REQUIRE(rec);
    REQUIRE(rec->sets.size() == 1);
    CHECK(rec->sets[0].reps == 30);
    CHECK(rec->reps.size() == 30);
    CHECK(rec->discomfort.size() == 1);
    CHECK(db->latest_session_id() == id);
}

TEST_CASE("sessions list oldest first and the latest is the last started", "[history][db]") {
    const TempDir dir;
    auto db = open_ok(dir.path());
    CHECK(db->list_sessions()->empty());
    CHECK_FALSE(db->latest_session_id());
    CHECK(db->last_error().empty());
    SessionStart s = full_start();
    for (const char* when : {"2025-03-03T08:00:00Z", "2025-03-01T08:00:00Z", "2025-03-02T08:00:00Z"}) {
        s.started_at = when;
        REQUIRE(db->begin_session(s));
    }
    const auto rows = db->list_sessions();
    REQUIRE(rows);
    REQUIRE(rows->size() == 3);
    CHECK((*rows)[0].id == 2);
    CHECK((*rows)[1].id == 3);
    CHECK((*rows)[2].id == 1);
    CHECK(db->latest_session_id() == 1);
}

TEST_CASE("a batch keeps all of its writes or none", "[history][db]") {
    const TempDir dir;
    auto db = open_ok(dir.path());
    {
        auto batch = db->begin_batch();
        REQUIRE(batch);
        const auto id = db->begin_session(full_start());
        REQUIRE(id);
        SetRow set;
        set.number = 1;
        set.reps = 2;
        REQUIRE(db->add_set(*id, set, reps_from(1, 2, 0.0)));
        CHECK_FALSE(db->add_set(*id, set, reps_from(3, 2, 10.0)));  // set 1 twice: refused
        CHECK(db->last_error().find("set 1 of session 1 is stored already") != std::string::npos);
        CHECK_FALSE(batch->commit());  // a failed write inside: nothing is kept
    }
    CHECK(db->list_sessions()->empty());
    {
        auto batch = db->begin_batch();
        REQUIRE(batch);
        const auto id = db->begin_session(full_start());
        REQUIRE(id);
        REQUIRE(db->add_discomfort(*id, DiscomfortRow{1.0, 2}));
        REQUIRE(batch->commit());
    }
    REQUIRE(db->list_sessions()->size() == 1);
}

TEST_CASE("bad rows are refused with a message and store nothing", "[history][db]") {
    const TempDir dir;
    auto db = open_ok(dir.path());
    SessionStart s = full_start();
    s.started_at = "yesterday";
    CHECK_FALSE(db->begin_session(s));
    CHECK(db->last_error().find("'yesterday' is not an ISO 8601 UTC time") != std::string::npos);
    s = full_start();
    s.limb = "wing";
    CHECK_FALSE(db->begin_session(s));
    CHECK(db->last_error().find("limb 'wing'") != std::string::npos);
    s = full_start();
    s.source.clear();
    CHECK_FALSE(db->begin_session(s));

    const auto id = db->begin_session(full_start());
    REQUIRE(id);
    SetRow set;
    set.number = 1;
    auto reps = reps_from(1, 3, 0.0);
    reps[1].commit_s = std::numeric_limits<double>::quiet_NaN();
    CHECK_FALSE(db->add_set(*id, set, reps));
    CHECK(db->last_error().find("rep 2: its times are not finite numbers") != std::string::npos);
    CHECK_FALSE(db->add_set(*id + 7, set, reps_from(1, 1, 0.0)));
    CHECK(db->last_error() == "no session 8 in the history");
    CHECK_FALSE(db->add_discomfort(*id, DiscomfortRow{1.0, 11}));
    CHECK(db->last_error().find("discomfort level 11 is not 0 to 10") != std::string::npos);
    CHECK_FALSE(db->add_alarm(*id + 7, AlarmRow{0, 1.0, "sensor_lost", "deflate", "m", std::nullopt, std::nullopt,
                                                std::nullopt}));
    CHECK(db->last_error() == "no session 8 in the history");
    CHECK_FALSE(db->update_alarm(99, 1.0, std::nullopt));
    CHECK(db->last_error() == "no alarm 99 in the history");
    SessionEnd end;
    end.ended_at = "2025-03-01T10:00:00Z";
    CHECK_FALSE(db->finish_session(*id + 7, end));
    CHECK(db->last_error() == "no session 8 in the history");
    end.ended_at = "10:00";
    CHECK_FALSE(db->finish_session(*id, end));

    const auto rec = db->load_session(*id);
    REQUIRE(rec);
    CHECK(rec->sets.empty());
    CHECK(rec->reps.empty());
    CHECK(rec->discomfort.empty());
    CHECK(rec->alarms.empty());
    CHECK_FALSE(rec->session.finished());
    CHECK(db->list_sessions()->size() == 1);
}
