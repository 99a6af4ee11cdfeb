#include "engine/telemetry/line_splitter.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using bfr::telemetry::Line;
using bfr::telemetry::LineSplitter;

namespace {

struct Got {
    std::string text;
    std::uint64_t number;
    std::uint64_t length;
    bool too_long;
    bool operator==(const Got&) const = default;
};

std::vector<Got> split(const std::string& bytes, std::size_t chunk, std::size_t cap = 4096,
                       std::size_t* max_buffered = nullptr) {
    LineSplitter splitter(cap);
    std::vector<Got> out;
    auto on_line = [&](const Line& l) { out.push_back({std::string(l.text), l.number, l.length, l.too_long}); };
    for (std::size_t at = 0; at < bytes.size(); at += chunk) {
        splitter.feed(std::string_view(bytes).substr(at, chunk), on_line);
        if (max_buffered != nullptr && splitter.buffered_bytes() > *max_buffered)
            *max_buffered = splitter.buffered_bytes();
    }
    splitter.finish(on_line);
    return out;
}

}  // namespace

TEST_CASE("lines end at LF or CRLF and the last line needs no line end", "[telemetry][splitter]") {
    const std::string text = "a,b\r\nc\n\nd\r\ne";
    for (std::size_t chunk : {1U, 2U, 3U, 100U}) {
        const auto lines = split(text, chunk);
        REQUIRE(lines.size() == 5);
        CHECK(lines[0] == Got{"a,b", 1, 4, false});
        CHECK(lines[1] == Got{"c", 2, 1, false});
        CHECK(lines[2] == Got{"", 3, 0, false});
        CHECK(lines[3] == Got{"d", 4, 2, false});
        CHECK(lines[4] == Got{"e", 5, 1, false});
    }
}

TEST_CASE("a trailing newline does not make an extra empty line", "[telemetry][splitter]") {
    CHECK(split("x\n", 1).size() == 1);
    CHECK(split("", 1).empty());
    CHECK(split("\n", 1).size() == 1);
}

TEST_CASE("a UTF-8 BOM is dropped only at the very start, even split across chunks", "[telemetry][splitter]") {
    const std::string text = "\xEF\xBB\xBFt_s\n\xEF\xBB\xBFx\n";
    for (std::size_t chunk : {1U, 2U, 4U, 64U}) {
        const auto lines = split(text, chunk);
        REQUIRE(lines.size() == 2);
        CHECK(lines[0].text == "t_s");
        CHECK(lines[1].text == "\xEF\xBB\xBFx");
    }
    const auto only_bom = split("\xEF\xBB\xBF", 1);
    REQUIRE(only_bom.size() == 1);
    CHECK(only_bom[0].text.empty());
}

TEST_CASE("a line over the cap is one too-long line and the buffer never exceeds the cap", "[telemetry][splitter]") {
    const std::string long_line(100'000, 'x');
    const std::string text = "ok1\n" + long_line + "\nok2\n";
    for (std::size_t chunk : {1U, 7U, 4096U, 65536U, 1'000'000U}) {
        std::size_t max_buffered = 0;
        const auto lines = split(text, chunk, 64, &max_buffered);
        REQUIRE(lines.size() == 3);
        CHECK(lines[0] == Got{"ok1", 1, 3, false});
        CHECK(lines[1] == Got{"", 2, 100'000, true});
        CHECK(lines[2] == Got{"ok2", 3, 3, false});
        CHECK(max_buffered <= 65);
    }
}

TEST_CASE("the cap is exact and a CR does not count toward it", "[telemetry][splitter]") {
    for (std::size_t chunk : {1U, 3U, 100U}) {
        const auto lines = split("abcd\nabcd\r\nabcde\nabcde\r\n", chunk, 4);
        REQUIRE(lines.size() == 4);
        CHECK_FALSE(lines[0].too_long);
        CHECK(lines[0].text == "abcd");
        CHECK_FALSE(lines[1].too_long);
        CHECK(lines[1].text == "abcd");
        CHECK(lines[2].too_long);
        CHECK(lines[3].too_long);
    }
}

TEST_CASE("a too-long last line without a line end is reported at finish", "[telemetry][splitter]") {
    const auto lines = split("a\n" + std::string(50, 'z'), 5, 10);
    REQUIRE(lines.size() == 2);
    CHECK(lines[1] == Got{"", 2, 50, true});
}

TEST_CASE("NUL and binary bytes stay inside their line", "[telemetry][splitter]") {
    const std::string text("a\0b\n\xff\xfe\n", 7);
    const auto lines = split(text, 1);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].text == std::string("a\0b", 3));
    CHECK(lines[1].text == "\xff\xfe");
}
