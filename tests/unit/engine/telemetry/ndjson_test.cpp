// NDJSON v1 through the Decoder: nulls, unknown keys, nesting, strings and escapes.

#include "decode_helpers.hpp"

#include <catch2/catch.hpp>

#include <string>

using bfr::telemetry::DecoderOptions;
using bfr::telemetry::Mode;
using bfr::telemetry::test::decode;
using bfr::telemetry::test::problem;
namespace v1 = bfr::telemetry_v1;

namespace {
DecoderOptions ndjson_mode(std::size_t kept = 5) {
    DecoderOptions o;
    o.mode = Mode::Ndjson;
    o.kept_problems = kept;
    return o;
}
}  // namespace

TEST_CASE("NDJSON lines give samples; null means not measured", "[telemetry][ndjson]") {
    const auto d = decode(
        "{\"t_s\":12.34,\"cuff_mmHg\":142.0,\"ax_g\":0.02,\"ay_g\":-0.98,\"az_g\":0.11}\n"
        "{ \"t_s\" : 12.36 , \"cuff_mmHg\" : null , \"event\" : \"set_start\" }\r\n"
        "{\"event\":null,\"t_s\":13,\"effort\":1e-1}\n",
        ndjson_mode());
    REQUIRE(d.report.rows_used() == 3);
    CHECK(d.report.rows_skipped() == 0);
    REQUIRE(d.samples.size() == 3);
    CHECK(d.samples[0].t_ns == 12'340'000'000);
    CHECK(d.samples[0].get(v1::kCuffMmhg) == 142.0);
    CHECK(d.samples[0].get(v1::kAyG) == -0.98);
    CHECK(d.samples[1].t_ns == 12'360'000'000);
    CHECK_FALSE(d.samples[1].has(v1::kCuffMmhg));
    CHECK(d.samples[1].event == "set_start");
    CHECK(d.samples[2].t_ns == 13'000'000'000);
    CHECK(d.samples[2].get(v1::kEffort) == 0.1);
    CHECK(d.samples[2].event.empty());
}

TEST_CASE("unknown NDJSON keys are ignored with one warning", "[telemetry][ndjson]") {
    const auto d = decode(
        "{\"t_s\":0,\"seq\":1,\"cuff_mmHg\":90,\"flags\":[]}\n"
        "{\"t_s\":1,\"seq\":2,\"ok\":true,\"name\":\"x\"}\n",
        ndjson_mode());
    // The first line has a nested array (unusable), the second is fine.
    CHECK(d.report.rows_used() == 1);
    CHECK(problem(d) == "1: nested array for 'flags' (only flat objects are read)");
    REQUIRE(d.report.warnings().size() == 1);
    CHECK(d.report.warnings()[0] == "unknown columns ignored: 'seq', 'flags', 'ok', 'name'");
}

TEST_CASE("escapes in event text are decoded", "[telemetry][ndjson]") {
    const auto d = decode(
        "{\"t_s\":1,\"event\":\"note:say \\\"hi\\\" \\\\ \\/ caf\\u00e9 \\ud83d\\ude00\"}\n"
        "{\"t_s\":2,\"ev\\u0065nt\":\"inflate\"}\n",
        ndjson_mode());
    REQUIRE(d.samples.size() == 2);
    CHECK(d.samples[0].event == "note:say \"hi\" \\ / caf\xC3\xA9 \xF0\x9F\x98\x80");
    CHECK(d.samples[1].event == "inflate");
}

TEST_CASE("bad NDJSON rows are skipped with their line numbers", "[telemetry][ndjson]") {
    const std::string text =
        "{\"t_s\":0,\"cuff_mmHg\":90}\n"          // 1 ok
        "{\"t_s\":1,\"cuff_mmHg\":{\"v\":90}}\n"  // 2 nested object
        "{\"t_s\":2,\"cuff_mmHg\":\"90\"}\n"      // 3 string for a number
        "{\"t_s\":3,\"event\":\"abc}\n"           // 4 unterminated string
        "{\"t_s\":4,\"event\":\"a\\qb\"}\n"       // 5 bad escape
        "{\"t_s\":5,\"event\":\"\\ud800x\"}\n"    // 6 lone surrogate
        "{\"t_s\":6,\"event\":\"a\\nb\"}\n"       // 7 control char after unescaping
        "{\"t_s\":7,\"cuff_mmHg\":90,}\n"         // 8 trailing comma
        "{\"t_s\":8,\"cuff_mmHg\":90} x\n"        // 9 text after the object
        "{\"cuff_mmHg\":90}\n"                    // 10 missing t_s
        "{\"t_s\":null}\n"                        // 11 missing t_s (null)
        "{\"t_s\":9,\"cuff_mmHg\":600}\n"         // 12 outside range
        "{\"t_s\":10,\"cuff_mmHg\":NaN}\n"        // 13 NaN
        "{\"t_s\":11,\"cuff_mmHg\":01}\n"         // 14 not JSON number
        "{\"t_s\":12,\"t_s\":13}\n"               // 15 duplicate key
        "{\"t_s\":-1}\n"                          // 16 time backwards
        "[1,2]\n"                                 // 17 not an object
        "{\"t_s\":14,\"event\":5}\n"              // 18 event not a string
        "{\"t_s\":15,\"cuff_mmHg\":true}\n"       // 19 bool
        "{\"t_s\":16 \"cuff_mmHg\":1}\n"          // 20 missing comma
        "{\"t_s\":17}\n";                         // 21 ok
    const auto d = decode(text, ndjson_mode(30));
    CHECK(d.report.rows_used() == 2);
    CHECK(d.report.rows_skipped() == 19);
    CHECK(problem(d, 0) == "2: nested object for 'cuff_mmHg' (only flat objects are read)");
    CHECK(problem(d, 1) == "3: '90' is not a number (cuff_mmHg)");
    CHECK(problem(d, 2) == "4: unterminated string (starting at byte 18)");
    CHECK(problem(d, 3) == "5: bad escape '\\x5cq' in a string (byte 20)");
    CHECK(problem(d, 4) == "6: unpaired surrogate in a \\u escape (byte 19)");
    CHECK(problem(d, 5) == "7: 'a\\x0ab' has control characters or bytes that are not UTF-8 (event)");
    CHECK(problem(d, 6) == "8: expected a key in double quotes (byte 25)");
    CHECK(problem(d, 7) == "9: text after the object (byte 26)");
    CHECK(problem(d, 8) == "10: missing t_s");
    CHECK(problem(d, 9) == "11: missing t_s");
    CHECK(problem(d, 10) == "12: '600' is outside 0..500 (cuff_mmHg)");
    CHECK(problem(d, 11) == "13: 'NaN' is NaN or infinity, not a number (cuff_mmHg)");
    CHECK(problem(d, 12) == "14: expected ',' or '}' (byte 24)");
    CHECK(problem(d, 13) == "15: duplicate key 't_s'");
    CHECK(problem(d, 14) == "16: time goes backwards: t_s -1 is before 0 (the previous row's)");
    CHECK(problem(d, 15) == "17: not a JSON object: '[1,2]'");
    CHECK(problem(d, 16) == "18: event must be a string, not '5'");
    CHECK(problem(d, 17) == "19: 'true' is not a number (cuff_mmHg)");
    CHECK(problem(d, 18) == "20: expected ',' or '}' (byte 11)");
}

TEST_CASE("a control character inside a JSON string is a bad row", "[telemetry][ndjson]") {
    const auto d = decode("{\"t_s\":1,\"event\":\"a\tb\"}\n", ndjson_mode());
    CHECK(d.report.rows_skipped() == 1);
    CHECK(problem(d) == "1: control character inside a string (byte 20)");
}

TEST_CASE("an empty object misses t_s, an object with only t_s is used", "[telemetry][ndjson]") {
    const auto d = decode("{}\n{ }\n{\"t_s\":3}\n", ndjson_mode());
    CHECK(d.report.rows_used() == 1);
    CHECK(d.report.rows_skipped() == 2);
    CHECK(d.samples[0].present == 0);
}
