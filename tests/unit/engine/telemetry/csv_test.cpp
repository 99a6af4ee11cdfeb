// CSV v1 through the Decoder: header rules, every kind of bad row with its line number.

#include "decode_helpers.hpp"

#include <catch2/catch.hpp>

#include <string>

using bfr::telemetry::DecoderOptions;
using bfr::telemetry::Mode;
using bfr::telemetry::test::decode;
using bfr::telemetry::test::problem;
namespace v1 = bfr::telemetry_v1;

namespace {
DecoderOptions csv_mode() {
    DecoderOptions o;
    o.mode = Mode::Csv;
    return o;
}
}  // namespace

TEST_CASE("a clean CSV gives its samples with exact times, values and events", "[telemetry][csv]") {
    const auto d = decode(
        "# bfr-coach recording\n"
        "t_s,cuff_mmHg,lop_mmHg,effort,event\n"
        "0,90,180,0,inflate\n"
        "0.02, 91.5 ,180,,\n"
        "12.345678901,,,0.25,discomfort:6\n");
    REQUIRE_FALSE(d.report.failed());
    CHECK(d.report.rows_used() == 3);
    CHECK(d.report.rows_skipped() == 0);
    CHECK(d.report.lines() == 5);
    CHECK(d.report.lines_other() == 2);
    REQUIRE(d.samples.size() == 3);
    CHECK(d.samples[0].t_ns == 0);
    CHECK(d.samples[0].get(v1::kCuffMmhg) == 90.0);
    CHECK(d.samples[0].get(v1::kLopMmhg) == 180.0);
    CHECK(d.samples[0].get(v1::kEffort) == 0.0);
    CHECK(d.samples[0].event == "inflate");
    CHECK(d.samples[1].t_ns == 20'000'000);
    CHECK(d.samples[1].get(v1::kCuffMmhg) == 91.5);
    CHECK_FALSE(d.samples[1].has(v1::kEffort));
    CHECK(std::isnan(d.samples[1].values[v1::kEffort]));
    CHECK(d.samples[1].event.empty());
    CHECK(d.samples[2].t_ns == 12'345'678'901);
    CHECK_FALSE(d.samples[2].has(v1::kCuffMmhg));
    CHECK(d.samples[2].get(v1::kEffort) == 0.25);
    CHECK(d.samples[2].event == "discomfort:6");
    CHECK(d.report.warnings().empty());
    CHECK(d.report.to_text().empty());
}

TEST_CASE("columns may come in any order and any subset", "[telemetry][csv]") {
    const auto d = decode("angle_deg,t_s,az_g\n45,1.5,-0.98\n");
    REQUIRE(d.samples.size() == 1);
    CHECK(d.samples[0].t_ns == 1'500'000'000);
    CHECK(d.samples[0].get(v1::kAngleDeg) == 45.0);
    CHECK(d.samples[0].get(v1::kAzG) == -0.98);
    CHECK(d.samples[0].present == ((1U << v1::kAngleDeg) | (1U << v1::kAzG)));
}

TEST_CASE("no t_s column makes the whole input unusable with a clear error", "[telemetry][csv]") {
    const auto d = decode("# comment\ntime,cuff_mmHg\n0,90\n1,91\n");
    REQUIRE(d.report.failed());
    CHECK(d.report.error().find("line 2") != std::string::npos);
    CHECK(d.report.error().find("no 't_s' column") != std::string::npos);
    CHECK(d.samples.empty());
    CHECK(d.report.rows_used() == 0);
}

TEST_CASE("a column named twice is an error naming it", "[telemetry][csv]") {
    const auto d = decode("t_s,cuff_mmHg,effort,cuff_mmHg\n0,1,0,2\n");
    REQUIRE(d.report.failed());
    CHECK(d.report.error() == "the header on line 1 names the column 'cuff_mmHg' twice");
    CHECK(d.samples.empty());
}

TEST_CASE("unknown columns are ignored with one warning naming them", "[telemetry][csv]") {
    const auto d = decode("t_s,spo2,cuff_mmHg,hr_bpm\n0,98,90,60\n0.1,97,91,61\n");
    CHECK(d.report.rows_used() == 2);
    REQUIRE(d.report.warnings().size() == 1);
    CHECK(d.report.warnings()[0] == "unknown columns ignored: 'spo2', 'hr_bpm'");
    CHECK(d.samples[1].get(v1::kCuffMmhg) == 91.0);
}

TEST_CASE("event-only rows are used", "[telemetry][csv]") {
    const auto d = decode("t_s,cuff_mmHg,effort,event\n0,90,0,\n1.0,,,set_start\n2,,,\"note:a b\"\n");
    CHECK(d.report.rows_used() == 3);
    REQUIRE(d.samples.size() == 3);
    CHECK(d.samples[1].present == 0);
    CHECK(d.samples[1].event == "set_start");
    CHECK(d.samples[2].event == "note:a b");
}

TEST_CASE("every kind of bad CSV row is skipped with its line number and reason", "[telemetry][csv]") {
    const std::string text =
        "t_s,cuff_mmHg,lop_mmHg,effort,event\n"  // 1
        "0,90,180,0,\n"                          // 2 ok
        "0.1,90,180\n"                           // 3 too few cells
        "0.2,90,180,0,,extra\n"                  // 4 too many cells
        "0.3,abc,180,0,\n"                       // 5 not a number
        "0.4,9 0,180,0,\n"                       // 6 not a number (inner space)
        "0.5,nan,180,0,\n"                       // 7 NaN
        "0.6,90,inf,0,\n"                        // 8 infinity
        "0.7,612,180,0,\n"                       // 9 out of range
        "0.8,90,180,-0.5,\n"                     // 10 out of range
        ",90,180,0,\n"                           // 11 missing t_s
        "-0.05,90,180,0,\n"                      // 12 time backwards
        "0.9,1e999,180,0,\n"                     // 13 overflow
        "1.0,90,180,0,\n";                       // 14 ok
    DecoderOptions o;
    o.kept_problems = 20;
    const auto d = decode(text, o);
    CHECK(d.report.rows_used() == 2);
    CHECK(d.report.rows_skipped() == 11);
    REQUIRE(d.report.problems().size() == 11);
    CHECK(problem(d, 0) == "3: wrong number of cells: 3 (the header on line 1 has 5)");
    CHECK(problem(d, 1) == "4: wrong number of cells: 6 (the header on line 1 has 5)");
    CHECK(problem(d, 2) == "5: 'abc' is not a number (cuff_mmHg)");
    CHECK(problem(d, 3) == "6: '9 0' is not a number (cuff_mmHg)");
    CHECK(problem(d, 4) == "7: 'nan' is NaN or infinity, not a number (cuff_mmHg)");
    CHECK(problem(d, 5) == "8: 'inf' is NaN or infinity, not a number (lop_mmHg)");
    CHECK(problem(d, 6) == "9: '612' is outside 0..500 (cuff_mmHg)");
    CHECK(problem(d, 7) == "10: '-0.5' is outside 0..1 (effort)");
    CHECK(problem(d, 8) == "11: missing t_s");
    CHECK(problem(d, 9) == "12: time goes backwards: t_s -0.05 is before 0 (the previous row's)");
    CHECK(problem(d, 10) == "13: '1e999' is out of range (cuff_mmHg)");
    REQUIRE(d.samples.size() == 2);
    CHECK(d.samples[1].t_ns == 1'000'000'000);
}

TEST_CASE("time going backwards is judged against the previous used row", "[telemetry][csv]") {
    // Line 3 is bad (skipped) and must not move the clock; line 4 equals line 2's time: fine.
    const auto d = decode("t_s,cuff_mmHg\n5,90\n9,abc\n5,91\n4.999999999,92\n6,93\n", csv_mode());
    CHECK(d.report.rows_used() == 3);
    CHECK(d.report.rows_skipped() == 2);
    CHECK(problem(d, 1) == "5: time goes backwards: t_s 4.999999999 is before 5 (the previous row's)");
}

TEST_CASE("a repeated header is skipped and counted", "[telemetry][csv]") {
    const auto d = decode("t_s,cuff_mmHg\n0,90\nt_s,cuff_mmHg\n1,91\nt_s,cuff_mmHg,event\n2,92\n");
    CHECK(d.report.rows_used() == 3);
    CHECK(d.report.rows_skipped() == 2);
    CHECK(problem(d, 0) == "3: repeated header");
    CHECK(problem(d, 1) == "5: wrong number of cells: 3 (the header on line 1 has 2)");
    const auto d2 = decode("t_s,cuff_mmHg\n0,90\nt_s,lop_mmHg\n");
    CHECK(problem(d2, 0) == "3: a header line unlike the one on line 1 (which stays in effect)");
}

TEST_CASE("spaces around cells and a leading plus are fine, other junk is not", "[telemetry][csv]") {
    const auto d = decode("t_s , cuff_mmHg\n 1.5 ,\t+90.25 \n2,0x10\n3,90mmHg\n4,.5\n");
    CHECK(d.report.rows_used() == 2);
    CHECK(d.samples[0].get(v1::kCuffMmhg) == 90.25);
    CHECK(d.samples[1].get(v1::kCuffMmhg) == 0.5);
    CHECK(problem(d, 0) == "3: '0x10' is not a number (cuff_mmHg)");
    CHECK(problem(d, 1) == "4: '90mmHg' is not a number (cuff_mmHg)");
}

TEST_CASE("an event with control characters or broken UTF-8 makes the row unusable", "[telemetry][csv]") {
    const auto d = decode("t_s,event\n0,note:caf\xC3\xA9\n1,a\x01z\n2,\xC3\x28\n3,ok\n");
    CHECK(d.report.rows_used() == 2);
    CHECK(d.samples[0].event == "note:caf\xC3\xA9");
    CHECK(problem(d, 0) == "3: 'a\\x01z' has control characters or bytes that are not UTF-8 (event)");
    CHECK(problem(d, 1) == "4: '\\xc3(' has control characters or bytes that are not UTF-8 (event)");
}

TEST_CASE("times are exact to the nanosecond and accept exponents", "[telemetry][csv]") {
    const auto d = decode("t_s\n0.000000001\n1.0000000005\n1.5e1\n1700000000.123456789\n");
    REQUIRE(d.samples.size() == 4);
    CHECK(d.samples[0].t_ns == 1);
    CHECK(d.samples[1].t_ns == 1'000'000'001);
    CHECK(d.samples[2].t_ns == 15'000'000'000);
    CHECK(d.samples[3].t_ns == 1'700'000'000'123'456'789);
    const auto far = decode("t_s\n9000000001\n");
    CHECK(problem(far, 0) == "2: '9000000001' is out of range (t_s)");
}

TEST_CASE("empty input, comments only and header only give no rows and no error", "[telemetry][csv]") {
    for (const char* text : {"", "# just a comment\n", "\n\n  \n", "t_s,cuff_mmHg\n", "t_s,cuff_mmHg"}) {
        const auto d = decode(text);
        CHECK_FALSE(d.report.failed());
        CHECK(d.report.rows_used() == 0);
        CHECK(d.report.rows_skipped() == 0);
        CHECK(d.samples.empty());
    }
}

TEST_CASE("the report keeps the first problems and counts the rest", "[telemetry][csv]") {
    std::string text = "t_s,cuff_mmHg\n";
    for (int i = 0; i < 20; ++i) text += std::to_string(i) + (i % 2 == 0 ? ",90\n" : ",x\n");
    const auto d = decode(text);
    CHECK(d.report.rows_used() == 10);
    CHECK(d.report.rows_skipped() == 10);
    CHECK(d.report.problems().size() == 5);
    CHECK(d.report.to_text() ==
          "line 3: 'x' is not a number (cuff_mmHg)\n"
          "line 5: 'x' is not a number (cuff_mmHg)\n"
          "line 7: 'x' is not a number (cuff_mmHg)\n"
          "line 9: 'x' is not a number (cuff_mmHg)\n"
          "line 11: 'x' is not a number (cuff_mmHg)\n"
          "... and 5 more skipped rows\n");
}
