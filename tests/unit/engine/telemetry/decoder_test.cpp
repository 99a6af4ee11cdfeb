// The Decoder as a whole: auto-detection, chunking independence, BOM/CRLF/NUL/binary, long
// lines, live header handling, and the contract check's recording.

#include "decode_helpers.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>
#include <vector>

using bfr::telemetry::Decoder;
using bfr::telemetry::DecoderOptions;
using bfr::telemetry::Format;
using bfr::telemetry::Mode;
using bfr::telemetry::Sample;
using bfr::telemetry::test::decode;
using bfr::telemetry::test::decode_split;
using bfr::telemetry::test::problem;
using bfr::telemetry::test::same_result;
namespace v1 = bfr::telemetry_v1;

namespace {

/// The recording of ../shared/checks/contract-check.sh (its Python generator, byte for byte).
std::string contract_recording() {
    std::string out = "t_s,cuff_mmHg,lop_mmHg,load_pct1rm,effort\n";
    for (int i = 0; i < 6000; ++i) {
        const double t = i / 50.0;
        const bool on = std::fmod(t, 2.0) < 1.2 && i > 1000;
        out += fmt::format("{:.2f},90,180,30,{}\n", t, on ? "0.3" : "0.0");
        if (i % 1000 == 7) out += fmt::format("{:.2f},abc,180,30,0\n", t);
    }
    return out;
}

/// A text with a bit of everything, for the chunking tests.
const std::string kMixed =
    "\xEF\xBB\xBF# comment\r\n"
    "t_s,cuff_mmHg,effort,event\r\n"
    "0,90,0,inflate\r\n"
    "{\"t_s\":0.01,\"cuff_mmHg\":91,\"seq\":1}\r\n"
    "0.02,abc,0,\r\n"
    "\r\n"
    "0.03,92,0.5,\n"
    "t_s,cuff_mmHg,effort,event\n"
    "{\"t_s\":0.04,\"cuff_mmHg\":{}}\n"
    "0.01,93,0,\n"
    "0.05,,,set_start\n"
    "0.06,94,0.2,";

}  // namespace

TEST_CASE("the contract check's recording gives rows 6000, skipped 6", "[telemetry][decoder]") {
    const std::string text = contract_recording();
    const auto d = decode(text, {}, 64 * 1024);
    CHECK_FALSE(d.report.failed());
    CHECK(d.report.rows_used() == 6000);
    CHECK(d.report.rows_skipped() == 6);
    // Bad rows follow rows i = 7, 1007, ... (line = i + 3 for the first: header + 8 good rows).
    CHECK(problem(d, 0) == "10: 'abc' is not a number (cuff_mmHg)");
    CHECK(problem(d, 1) == "1011: 'abc' is not a number (cuff_mmHg)");
    CHECK(d.report.to_text().find("... and 1 more skipped row\n") != std::string::npos);
    CHECK(d.samples.back().t_ns == 119'980'000'000);
}

TEST_CASE("auto mode mixes CSV and NDJSON lines and handles BOM, CRLF and no final newline", "[telemetry][decoder]") {
    const auto d = decode(kMixed);
    CHECK_FALSE(d.report.failed());
    CHECK(d.report.rows_used() == 5);
    CHECK(d.report.rows_skipped() == 4);
    CHECK(d.report.lines() == 12);
    CHECK(d.report.lines_other() == 3);
    CHECK(problem(d, 0) == "5: 'abc' is not a number (cuff_mmHg)");
    CHECK(problem(d, 1) == "8: repeated header");
    CHECK(problem(d, 2) == "9: nested object for 'cuff_mmHg' (only flat objects are read)");
    CHECK(problem(d, 3) == "10: time goes backwards: t_s 0.01 is before 0.03 (the previous row's)");
    REQUIRE(d.samples.size() == 5);
    CHECK(d.samples[0].event == "inflate");
    CHECK(d.samples[1].get(v1::kCuffMmhg) == 91.0);
    CHECK(d.samples[2].get(v1::kEffort) == 0.5);
    CHECK(d.samples[3].event == "set_start");
    CHECK(d.samples[4].get(v1::kCuffMmhg) == 94.0);
    CHECK(d.samples[4].t_ns == 60'000'000);
    REQUIRE(d.report.warnings().size() == 1);
    CHECK(d.report.warnings()[0] == "unknown column ignored: 'seq'");
}

TEST_CASE("the same text split at every byte position gives identical samples and report", "[telemetry][decoder]") {
    const auto whole = decode(kMixed);
    for (std::size_t cut = 0; cut <= kMixed.size(); ++cut) {
        INFO("cut at " << cut);
        CHECK(same_result(whole, decode_split(kMixed, {cut})));
    }
    for (std::size_t chunk = 1; chunk < 9; ++chunk) {
        INFO("chunk " << chunk);
        CHECK(same_result(whole, decode(kMixed, {}, chunk)));
    }
}

TEST_CASE("random chunkings of a long text agree with one piece", "[telemetry][decoder]") {
    std::string text = contract_recording();
    text += std::string(5000, 'q') + "\n1000,90,180,30,0\n";
    DecoderOptions o;
    o.max_line_bytes = 1000;
    const auto whole = decode(text, o);
    CHECK(whole.report.rows_skipped() == 7);
    std::mt19937 rng(12345);
    for (int round = 0; round < 10; ++round) {
        std::vector<std::size_t> cuts;
        std::size_t at = 0;
        while (true) {
            at += std::uniform_int_distribution<std::size_t>(0, 3000)(rng);
            if (at >= text.size()) break;
            cuts.push_back(at);
        }
        CHECK(same_result(whole, decode_split(text, cuts, o)));
    }
}

TEST_CASE("NUL bytes and binary garbage make just that line bad", "[telemetry][decoder]") {
    std::string text = "t_s,cuff_mmHg\n0,90\n";
    text += std::string(
        "1,9\0"
        "1\n",
        6);
    text += "\x89PNG\x1a\xff\xfe,\x01\n";
    text += "2,92\n";
    const auto d = decode(text);
    CHECK(d.report.rows_used() == 2);
    CHECK(d.report.rows_skipped() == 2);
    CHECK(problem(d, 0) == "3: binary data (a NUL byte at byte 4)");
    CHECK(problem(d, 1) == "4: '\\x89PNG\\x1a\\xff\\xfe' is not a number (t_s)");
}

TEST_CASE("random binary input never crashes and keeps the counts consistent", "[telemetry][decoder]") {
    std::mt19937 rng(7);
    for (int round = 0; round < 50; ++round) {
        std::string text = "t_s,cuff_mmHg,event\n";
        const std::size_t n = std::uniform_int_distribution<std::size_t>(0, 5000)(rng);
        for (std::size_t i = 0; i < n; ++i) text.push_back(static_cast<char>(rng() & 0xFF));
        const auto d = decode(text, {}, 1 + rng() % 100);
        CHECK_FALSE(d.report.failed());
        CHECK(d.report.lines() == d.report.rows_used() + d.report.rows_skipped() + d.report.lines_other());
        CHECK(d.samples.size() == d.report.rows_used());
    }
}

TEST_CASE("a 100 kB line between good lines is skipped and the rest is fine", "[telemetry][decoder]") {
    const std::string text = "t_s,cuff_mmHg\n0,90\n" + std::string(100'000, '7') + "\n1,91\n2,92\n";
    for (std::size_t chunk : {1U, 1000U, 65536U}) {
        Decoder decoder(v1::schema());
        std::vector<Sample> got;
        for (std::size_t at = 0; at < text.size(); at += chunk)
            decoder.feed(std::string_view(text).substr(at, chunk), [&](const Sample& s) { got.push_back(s); });
        decoder.finish([&](const Sample& s) { got.push_back(s); });
        CHECK(decoder.report().rows_used() == 3);
        CHECK(decoder.report().rows_skipped() == 1);
        REQUIRE_FALSE(decoder.report().problems().empty());
        CHECK(decoder.report().problems()[0].line == 3);
        CHECK(decoder.report().problems()[0].reason == "line too long (100000 bytes; the limit is 4096)");
        REQUIRE(got.size() == 3);
        CHECK(got[2].get(v1::kCuffMmhg) == 92.0);
    }
}

TEST_CASE("a header line that is too long makes a file unusable", "[telemetry][decoder]") {
    const auto d = decode(std::string(5000, 'x') + "\n0,1\n");
    REQUIRE(d.report.failed());
    CHECK(d.report.error() == "line 1 is too long to be a header (5000 bytes; the limit is 4096)");
}

TEST_CASE("live sources wait for a usable header instead of failing", "[telemetry][decoder]") {
    DecoderOptions o;
    o.live = true;
    Decoder decoder(v1::schema(), o);
    CHECK(decoder.decode_line("ets Jun  8 2016 00:22:57 rst:0x1") == nullptr);
    CHECK_FALSE(decoder.failed());
    CHECK(decoder.decode_line("t_s,cuff_mmHg") == nullptr);
    CHECK(decoder.has_csv_header());
    const Sample* s = decoder.decode_line("0.5,120\r\n");
    REQUIRE(s != nullptr);
    CHECK(s->t_ns == 500'000'000);
    CHECK(s->get(v1::kCuffMmhg) == 120.0);
    s = decoder.decode_line("{\"t_s\":0.6,\"cuff_mmHg\":121}");
    REQUIRE(s != nullptr);
    CHECK(s->get(v1::kCuffMmhg) == 121.0);
    CHECK(decoder.report().rows_used() == 2);
    CHECK(decoder.report().rows_skipped() == 1);
    CHECK(decoder.report().problems()[0].line == 1);
    CHECK(decoder.report().problems()[0].reason.rfind("no usable header yet: the header on line 1 has no 't_s'", 0) ==
          0);
}

TEST_CASE("a CSV line after NDJSON rows that is no header is a bad row, not fatal", "[telemetry][decoder]") {
    const auto d = decode("{\"t_s\":0}\ngarbage\n{\"t_s\":1}\n");
    CHECK_FALSE(d.report.failed());
    CHECK(d.report.rows_used() == 2);
    CHECK(d.report.rows_skipped() == 1);
    CHECK(d.report.problems()[0].line == 2);
}

TEST_CASE("CSV mode reads a brace line as CSV, NDJSON mode rejects CSV lines", "[telemetry][decoder]") {
    DecoderOptions csv;
    csv.mode = Mode::Csv;
    const auto c = decode("t_s,cuff_mmHg\n{\"t_s\":1}\n", csv);
    CHECK(c.report.rows_skipped() == 1);
    CHECK(problem(c) == "2: wrong number of cells: 1 (the header on line 1 has 2)");
    DecoderOptions nd;
    nd.mode = Mode::Ndjson;
    const auto n = decode("t_s,cuff_mmHg\n0,1\n", nd);
    CHECK(n.report.rows_skipped() == 2);
    CHECK(problem(n) == "1: not a JSON object: 't_s,cuff_mmHg'");
}

TEST_CASE("a schema with too many columns is refused", "[telemetry][decoder]") {
    bfr::telemetry::Schema schema;
    for (int i = 0; i < 30; ++i) schema.columns.push_back({fmt::format("c{}", i), 0.0, 1.0});
    Decoder decoder(schema);
    CHECK(decoder.failed());
    CHECK(decoder.report().error() == "the schema has 30 columns; at most 24 are supported");
}

TEST_CASE("the decoder applies any schema, not only v1", "[telemetry][decoder]") {
    bfr::telemetry::Schema schema;
    schema.time_column = "time";
    schema.event_column = "";
    schema.columns = {{"a", -1.0, 1.0}, {"b", 0.0, 10.0}};
    Decoder decoder(schema);
    std::vector<Sample> got;
    decoder.feed("b,time,a\n5,0,-1\n11,1,0\n", [&](const Sample& s) { got.push_back(s); });
    decoder.finish({});
    REQUIRE(got.size() == 1);
    CHECK(got[0].get(0) == -1.0);
    CHECK(got[0].get(1) == 5.0);
    CHECK(decoder.report().problems()[0].reason == "'11' is outside 0..10 (b)");
}
