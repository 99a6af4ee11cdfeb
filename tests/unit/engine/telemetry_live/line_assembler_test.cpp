#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/telemetry/live/line_assembler.hpp"

using bfr::telemetry::kRawLineCapacity;
using bfr::telemetry::LineAssembler;
using bfr::telemetry::RawLine;

namespace {

struct Collected {
    std::vector<std::string> text;
    std::vector<bool> truncated;
    std::vector<std::int64_t> arrival;
};

struct Collector {
    Collected* out;
    void operator()(const RawLine& line) const {
        out->text.emplace_back(line.view());
        out->truncated.push_back(line.truncated);
        out->arrival.push_back(line.arrival_ns);
    }
};

Collected feed_all(std::string_view bytes, bool finish = false) {
    Collected c;
    LineAssembler a;
    a.feed(bytes, 7, Collector{&c});
    if (finish) a.finish(8, Collector{&c});
    return c;
}

}  // namespace

TEST_CASE("LineAssembler: LF and CRLF line ends", "[telemetry_live][lines]") {
    const Collected c = feed_all("t_s,cuff_mmHg\n0.0,10\r\n0.1,11\n");
    CHECK(c.text == std::vector<std::string>{"t_s,cuff_mmHg", "0.0,10", "0.1,11"});
    CHECK(c.truncated == std::vector<bool>{false, false, false});
}

TEST_CASE("LineAssembler: lines split across chunks, byte by byte", "[telemetry_live][lines]") {
    const std::string stream = "{\"t_s\":1.5}\r\nabc\n";
    Collected c;
    LineAssembler a;
    std::int64_t t = 100;
    for (const char ch : stream) a.feed(std::string_view{&ch, 1}, t++, Collector{&c});
    CHECK(c.text == std::vector<std::string>{"{\"t_s\":1.5}", "abc"});
    // The arrival time is that of the chunk that completed the line.
    CHECK(c.arrival == std::vector<std::int64_t>{100 + 12, 100 + 16});
    CHECK_FALSE(a.has_partial());
}

TEST_CASE("LineAssembler: empty lines are skipped, a lone CR inside a line is kept", "[telemetry_live][lines]") {
    const Collected c = feed_all("\n\r\n\na\rb\n\r\r\n");
    CHECK(c.text == std::vector<std::string>{"a\rb", "\r"});
}

TEST_CASE("LineAssembler: finish ends a partial line, discard drops it", "[telemetry_live][lines]") {
    CHECK(feed_all("a\nlast", true).text == std::vector<std::string>{"a", "last"});
    CHECK(feed_all("a\nlast\r", true).text == std::vector<std::string>{"a", "last"});
    CHECK(feed_all("a\n", true).text == std::vector<std::string>{"a"});

    Collected c;
    LineAssembler a;
    a.feed("half a li", 1, Collector{&c});
    CHECK(a.has_partial());
    a.discard();
    CHECK_FALSE(a.has_partial());
    a.feed("ne\nwhole\n", 2, Collector{&c});
    CHECK(c.text == std::vector<std::string>{"ne", "whole"});
}

TEST_CASE("LineAssembler: over-long lines are cut and flagged, never buffered whole", "[telemetry_live][lines]") {
    const std::string exact(kRawLineCapacity, 'x');
    const std::string longer(kRawLineCapacity + 1, 'y');
    const std::string huge(100'000, 'z');
    const Collected c = feed_all(exact + "\n" + exact + "\r\n" + longer + "\n" + huge + "\r\nok\n");
    REQUIRE(c.text.size() == 5);
    CHECK(c.text[0] == exact);
    CHECK_FALSE(c.truncated[0]);
    CHECK(c.text[1] == exact);  // the CR after exactly kRawLineCapacity bytes is not content
    CHECK_FALSE(c.truncated[1]);
    CHECK(c.text[2] == longer.substr(0, kRawLineCapacity));
    CHECK(c.truncated[2]);
    CHECK(c.text[3] == huge.substr(0, kRawLineCapacity));
    CHECK(c.truncated[3]);
    CHECK(c.text[4] == "ok");
    CHECK_FALSE(c.truncated[4]);
}

TEST_CASE("LineAssembler: any byte values pass through unchanged", "[telemetry_live][lines]") {
    std::string junk;
    for (int i = 0; i < 256; ++i) {
        if (i != '\n') junk.push_back(static_cast<char>(i));
    }
    const Collected c = feed_all(junk + "\n");
    REQUIRE(c.text.size() == 1);
    CHECK(c.text[0] == junk);
}
