// The clinician session report's model (game/history/report.hpp): real figures from constructed
// sessions (sets prescribed vs done, per-set cuff median/peak/valley, time in band, the target in
// mmHg, the suggestion and its rule), "not recorded" for everything missing, lists cut with
// "+ N more", the trend window and adherence, and the text helpers.

#include "game/history/report.hpp"
#include "game/protocol/protocol.hpp"
#include "history_test_support.hpp"
#include "report_test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using namespace bfr::history;
using namespace bfr::history::test;
namespace report = bfr::history::report;

namespace {

const report::Field& field_of(const std::vector<report::Field>& fields, const std::string& label) {
    const auto it = std::find_if(fields.begin(), fields.end(), [&](const report::Field& f) { return f.label == label; });
    INFO("field " << label);
    REQUIRE(it != fields.end());
    return *it;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// Every text of the model, for checks that hold for all of them.
std::vector<std::string> all_texts(const report::ReportModel& m) {
    std::vector<std::string> out{m.title, m.session_label, m.when, m.suggestion, m.suggestion_rule, m.footer,
                                 m.disclaimer};
    for (const auto* list : {&m.header, &m.pressure, &m.exercise, &m.response, &m.trend_fields}) {
        for (const report::Field& f : *list) {
            out.push_back(f.label);
            out.push_back(f.value);
        }
    }
    for (const auto* t : {&m.sets, &m.alarms}) {
        for (const auto& row : t->rows) out.insert(out.end(), row.begin(), row.end());
        out.push_back(t->more);
    }
    out.insert(out.end(), m.notes.begin(), m.notes.end());
    for (const auto& p : m.trend) out.push_back(p.label);
    return out;
}

report::ReportContext standard_context() {
    report::ReportContext c;
    c.protocol = bfr::protocol::standard_protocol();
    c.version = "9.8.7";
    return c;
}

}  // namespace

TEST_CASE("the report model carries the session's real figures", "[history][report]") {
    const SessionRecord rec = protocol_session(7, "2026-03-04T18:00:00Z", {30, 15, 15, 10});
    const report::ReportModel m = report::build_report(rec, {}, standard_context());

    CHECK(m.title == "BFR Coach · Session report");
    CHECK(m.session_label == "Session 7");
    CHECK(m.when == "2026-03-04 18:00 UTC");
    CHECK(field_of(m.header, "Duration").value == "6 min 12 s");
    CHECK(field_of(m.header, "Limb").value == "leg, left");
    CHECK(field_of(m.header, "Posture").missing);
    CHECK(field_of(m.header, "Cuff").value == "Acme Medical BFR-11 (width, material not recorded)");
    CHECK(field_of(m.header, "Protocol").value == "Standard 30-15-15-15 (30-15-15-15)");
    CHECK(field_of(m.header, "Status").value == "stopped: stopped by the user");

    // Pressure: LOP 180 mmHg, 60 %LOP = 108 mmHg, band ±10 %.
    CHECK(field_of(m.pressure, "LOP").value ==
          "180 mmHg · source: clinician 2026-02-20 supine · method, posture, date not recorded");
    CHECK(field_of(m.pressure, "Target").value == "60 %LOP = 108 mmHg (band ±10 %: 97.2–118.8 mmHg)");
    CHECK(field_of(m.pressure, "Time in band").value == "93.5 % of the inflated time within ±10 % of target");
    CHECK(field_of(m.pressure, "Cuff per rep").value == "peak 64.7 %LOP · valley 56.9 %LOP (means over the reps)");
    CHECK(field_of(m.pressure, "Over 100 % LOP").value == "1 alarm (above LOP or ceiling); 1 rep above 100 %LOP (highest 104.5 %LOP)");
    CHECK(field_of(m.pressure, "Occlusion time").value == "4 min 08 s (limit 20 min per exercise)");
    CHECK(field_of(m.pressure, "Mode").value == "continuous: the cuff stays on in rests");

    // Exercise: 4 sets prescribed, set 4 short (10 of 15).
    CHECK(field_of(m.exercise, "Load").value == "30 %1RM");
    CHECK(field_of(m.exercise, "Sets × reps").value ==
          "4 × 30-15-15-15 prescribed (75 reps) · done: 4 of 4 sets, 70 reps");
    CHECK(field_of(m.exercise, "Other reps").value == "1 outside the sets (warm-up, extra)");
    CHECK(field_of(m.exercise, "Tempo").value == "1 s up · 1 s down (2 s per rep) · measured 2 s per rep");
    CHECK(field_of(m.exercise, "Rests").value == "30 s prescribed · measured 30 s");
    CHECK(field_of(m.exercise, "To failure").value == "no to-failure set");
    REQUIRE(m.sets.rows.size() == 4);
    REQUIRE(m.sets.columns.size() == 8);
    // Set 1: 30 reps at 2 s from 10 s: 10..70 s; peaks 64 + 0.5 i (max 78.5), valleys 57.25 - 0.25 i (min 50),
    // mid-points 60.625 + 0.125 i, median (i = 14.5) 62.4.
    CHECK(m.sets.rows[0] == std::vector<std::string>{"1", "30", "30", "59 s", "–", "62.4", "78.5", "50.0"});
    CHECK(m.sets.rows[1][4] == "30 s");
    CHECK(m.sets.rows[3][1] == "15");
    CHECK(m.sets.rows[3][2] == "10");
    CHECK(m.sets.flagged == std::vector<bool>{false, false, false, true});
    CHECK(m.sets.more.empty());

    // Response.
    CHECK(field_of(m.response, "Discomfort 0–10").value == "max 8/10 (above 7/10: stop) · 2 reports: 4 at 1:15, 8 at 3:50");
    CHECK(field_of(m.response, "Symptoms").missing);
    CHECK(field_of(m.response, "Stop reason").value == "stopped by the user");
    CHECK(field_of(m.response, "Alarms").value == "2 · 1 acknowledged · 1 cleared");
    REQUIRE(m.alarms.rows.size() == 2);
    CHECK(m.alarms.rows[0] == std::vector<std::string>{"0:33", "pressure above LOP", "199 mmHg", "deflate", "at 0:35",
                                                       "at 0:37"});
    CHECK(m.alarms.rows[1] == std::vector<std::string>{"3:50", "discomfort", "8/10", "stop", "no", "no"});
    CHECK(m.alarms.flagged == std::vector<bool>{false, true});

    // Next time: set 4 ended early, so the load stays; the rule is named.
    CHECK(m.suggestion == "Set 4 ended early (10 of 15 reps): keep the load at 30 %1RM.");
    CHECK(contains(m.suggestion_rule, "Progression [B12]: +5 %1RM when the last set does more reps than its target"));
    CHECK(contains(m.suggestion_rule, "at most 40 %1RM"));
    REQUIRE(m.notes.size() == 3);
    CHECK(m.notes[0] == "Spacing [B12]: next session no earlier than 2026-03-06 06:00 UTC (36 h after this one).");
    CHECK(contains(m.notes[1], "Discomfort [B6]: 8/10"));
    CHECK(contains(m.notes[2], "Overshoot"));

    CHECK(m.footer == "Generated by BFR Coach 9.8.7 · session 7 of the history");
    CHECK(contains(m.disclaimer, "does not replace clinical judgement"));
}

TEST_CASE("a completed session whose last set beat its target suggests more load, naming the rule",
          "[history][report]") {
    SessionRecord rec = protocol_session(3, "2026-03-02T12:00:00Z", {30, 15, 15, 18});
    rec.session.end->completed = true;
    rec.session.end->stop_reason.clear();
    const report::ReportModel m = report::build_report(rec, {}, standard_context());
    CHECK(m.suggestion == "The last set did 18 reps, more than 15: next time 35 %1RM (+5) [B12].");
    CHECK(field_of(m.header, "Status").value == "completed");
    CHECK(field_of(m.response, "Stop reason").value == "none: the protocol was completed");
    CHECK(m.sets.flagged == std::vector<bool>{false, false, false, false});
    CHECK(m.sets.rows[3][2] == "18");

    // Not completed (e.g. the recording ended): no increase even though the sets were all there.
    rec.session.end->completed = false;
    rec.session.end->stop_reason = "recording ended before the protocol did";
    const report::ReportModel cut = report::build_report(rec, {}, standard_context());
    CHECK(cut.suggestion == "The session was not completed: keep the load at 30 %1RM.");
}

TEST_CASE("without the protocol the stored sets give the prescription and the suggestion", "[history][report]") {
    SessionRecord rec = protocol_session(3, "2026-03-02T12:00:00Z", {30, 15, 15, 18});
    rec.session.end->completed = true;
    report::ReportContext none;
    const report::ReportModel m = report::build_report(rec, {}, none);
    CHECK(field_of(m.exercise, "Sets × reps").value == "4 × 30-15-15-15 prescribed (75 reps) · done: 4 of 4 sets, 78 reps");
    CHECK(field_of(m.exercise, "Tempo").value == "prescribed: not recorded · measured 2 s per rep");
    CHECK(field_of(m.exercise, "Rests").value == "measured 30 s");
    CHECK(field_of(m.pressure, "Mode").missing);
    CHECK(m.suggestion == "The last set did 18 reps, more than 15: next time 35 %1RM (+5) [B12].");

    // A protocol found by the name that no longer matches the stored sets is not used.
    report::ReportContext other;
    other.protocol = bfr::protocol::standard_protocol();
    other.protocol->sets = {{20, false}, {10, false}};
    const report::ReportModel m2 = report::build_report(rec, {}, other);
    CHECK(field_of(m2.exercise, "Sets × reps").value == field_of(m.exercise, "Sets × reps").value);
    CHECK(field_of(m2.pressure, "Mode").missing);
}

TEST_CASE("missing figures read 'not recorded', never 0, nan or an empty value", "[history][report]") {
    SessionRecord rec;
    rec.session.id = 12;
    rec.session.start.started_at = "2026-03-05T07:05:00Z";
    rec.session.start.limb = "arm";
    rec.session.start.source = "serial /dev/ttyACM0";
    rec.session.start.lop_mmHg = std::nan("");  // a non-finite value counts as missing
    // Unfinished (no end), free practice, no reps, no alarms, no discomfort.
    const report::ReportModel m = report::build_report(rec, {}, report::ReportContext{});

    for (const char* label : {"LOP", "Target", "Time in band", "Cuff per rep", "Occlusion time", "Mode"}) {
        INFO(label);
        CHECK(field_of(m.pressure, label).missing);
        CHECK(contains(field_of(m.pressure, label).value, "not recorded"));
    }
    CHECK(field_of(m.pressure, "Over 100 % LOP").value == "no alarm (rep peaks not recorded)");
    CHECK(field_of(m.exercise, "Load").missing);
    CHECK(field_of(m.exercise, "Tempo").missing);
    CHECK(field_of(m.exercise, "Rests").missing);
    CHECK(field_of(m.exercise, "Time in sets").missing);
    CHECK(field_of(m.exercise, "Sets × reps").value == "no prescription · done: 0 sets, 0 reps");
    CHECK(field_of(m.header, "Duration").value == "unfinished: no end was stored");
    CHECK(field_of(m.header, "Cuff").value == "model, width, material: not recorded");
    CHECK(field_of(m.header, "Protocol").value == "free practice (no protocol)");
    CHECK(field_of(m.header, "Limb").value == "arm, side not recorded");
    CHECK(field_of(m.response, "Discomfort 0–10").value == "not recorded (never asked)");
    CHECK(field_of(m.response, "Stop reason").value == "unfinished: no end was stored");
    CHECK(field_of(m.response, "Alarms").value == "none");
    CHECK(m.sets.rows.empty());
    CHECK(m.sets.empty_text == "no sets stored");
    CHECK(m.alarms.rows.empty());
    CHECK(contains(m.suggestion, "Free practice: no load advice"));
    REQUIRE(m.trend.size() == 1);
    CHECK(m.trend[0].current);
    CHECK_FALSE(m.trend[0].completed);
    CHECK_FALSE(m.trend[0].time_in_band_pct);

    for (const std::string& t : all_texts(m)) {
        INFO('"' << t << '"');
        CHECK(t.find("nan") == std::string::npos);
        CHECK(t.find("inf ") == std::string::npos);
    }
    for (const auto* list : {&m.header, &m.pressure, &m.exercise, &m.response, &m.trend_fields}) {
        for (const report::Field& f : *list) {
            INFO(f.label);
            CHECK_FALSE(f.label.empty());
            CHECK_FALSE(f.value.empty());
        }
    }
}

TEST_CASE("long lists are cut with '+ N more' and long or broken text is made printable", "[history][report]") {
    const SessionRecord rec = crowded_session();
    const report::ReportModel m = report::build_report(rec, {}, report::ReportContext{});

    REQUIRE(m.sets.rows.size() == report::kMaxSetRows);
    CHECK(m.sets.more == "+ 4 more sets (48 reps)");
    REQUIRE(m.alarms.rows.size() == report::kMaxAlarmRows);
    CHECK(m.alarms.more == "+ 4 more alarms");
    CHECK(field_of(m.response, "Alarms").value == "9 · 0 acknowledged · 0 cleared");
    const std::string discomfort = field_of(m.response, "Discomfort 0–10").value;
    CHECK(contains(discomfort, "10 reports: "));
    CHECK(contains(discomfort, ", + 4 more"));

    const std::string protocol = field_of(m.header, "Protocol").value;
    CHECK(protocol.find('\n') == std::string::npos);
    CHECK(protocol.find('\t') == std::string::npos);
    CHECK(contains(protocol, "…"));
    for (const std::string& t : all_texts(m)) {
        INFO('"' << t << '"');
        CHECK(report::printable(t, 10000) == t);  // valid UTF-8 with no control characters
    }
    for (const auto* list : {&m.header, &m.pressure, &m.exercise, &m.response, &m.trend_fields}) {
        for (const report::Field& f : *list) {
            INFO(f.value);
            CHECK(report::printable(f.value, report::kMaxValueChars) == f.value);  // at most kMaxValueChars
        }
    }
}

TEST_CASE("the trend holds this session and at most 7 before it, and adherence per week", "[history][report]") {
    // Ten sessions, Monday/Wednesday/Friday at noon from Monday 2026-03-02; the report is about #9.
    std::vector<SessionRow> history;
    const char* starts[] = {"2026-03-02T12:00:00Z", "2026-03-04T12:00:00Z", "2026-03-06T12:00:00Z",
                            "2026-03-09T12:00:00Z", "2026-03-11T12:00:00Z", "2026-03-13T12:00:00Z",
                            "2026-03-16T12:00:00Z", "2026-03-17T08:00:00Z", "2026-03-18T12:00:00Z",
                            "2026-03-20T12:00:00Z"};
    for (std::int64_t i = 0; i < 10; ++i) {
        SessionRow row = protocol_session(i + 1, starts[i], {30, 15, 15, 15}).session;
        row.end->completed = i != 7;  // #8 (Tuesday 08:00) was stopped
        row.end->time_in_band_pct = 80.0 + static_cast<double>(i);
        row.start.load_pct1rm = i < 5 ? 30.0 : 35.0;
        row.reps = 70 + i;
        history.push_back(row);
    }
    std::reverse(history.begin(), history.end());  // any order
    SessionRecord rec = protocol_session(9, starts[8], {30, 15, 15, 15});
    rec.session = *std::find_if(history.begin(), history.end(), [](const SessionRow& r) { return r.id == 9; });
    const report::ReportModel m = report::build_report(rec, history, standard_context());

    REQUIRE(m.trend.size() == report::kTrendSessions);
    CHECK(m.trend.front().session_id == 2);
    CHECK(m.trend.back().session_id == 9);
    CHECK(m.trend.back().current);
    CHECK(m.trend.back().reps == Approx(78.0));
    CHECK(*m.trend.back().time_in_band_pct == Approx(88.0));
    CHECK(m.trend.back().label == "03-18");
    CHECK_FALSE(m.trend[6].completed);  // #8
    CHECK(std::count_if(m.trend.begin(), m.trend.end(), [](const report::TrendPoint& p) { return p.current; }) == 1);

    CHECK(field_of(m.trend_fields, "Load").value == "30 → 35 %1RM (+5) over 8 sessions");
    CHECK(field_of(m.trend_fields, "LOP").value == "180 mmHg in 8 sessions");
    CHECK(field_of(m.trend_fields, "Week of 03-02").value == "3 completed · perfect");
    CHECK(field_of(m.trend_fields, "Week of 03-09").value == "3 completed · perfect");
    CHECK(field_of(m.trend_fields, "Week of 03-16").value == "2 completed so far · on target (+1 not completed)");
    CHECK(field_of(m.trend_fields, "Streak").value == "3 perfect weeks in a row (2–3 a week, ≥36 h apart)");
}

TEST_CASE("the text helpers", "[history][report]") {
    CHECK(report::printable("plain") == "plain");
    CHECK(report::printable("  a\tb\nc  ") == "a b c");
    CHECK(report::printable("bad \xff byte") == "bad ? byte");
    CHECK(report::printable("cut \xe2\x82") == "cut ??");  // a sequence cut short
    CHECK(report::printable("über ±10 % ≥36 h") == "über ±10 % ≥36 h");
    CHECK(report::printable("abcdefghij", 5) == "abcd…");
    CHECK(report::printable("ab   cdefghij", 5) == "ab…");
    CHECK(report::printable("ééééé", 5) == "ééééé");
    CHECK(report::duration_words(0.4) == "0 s");
    CHECK(report::duration_words(45.4) == "45 s");
    CHECK(report::duration_words(372.0) == "6 min 12 s");
    CHECK(report::duration_words(1200.0) == "20 min");
    CHECK(report::duration_words(3725.0) == "1 h 02 min");
    CHECK(report::duration_words(std::nan("")) == "not recorded");
    CHECK(report::clock_time(75.12) == "1:15");
    CHECK(report::clock_time(3723.0) == "1:02:03");
    CHECK(report::number_text(170.0) == "170");
    CHECK(report::number_text(182.5) == "182.5");
    CHECK(report::number_text(93.456, 1) == "93.5");
    CHECK(report::number_text(-0.01, 1) == "0");
    CHECK(report::number_text(std::nan("")) == "not recorded");
}
