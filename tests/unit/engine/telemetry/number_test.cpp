// Strict number cells, exact times, clean-text checks and message quoting.

#include "engine/telemetry/number.hpp"
#include "engine/telemetry/parse_report.hpp"
#include "engine/telemetry/text.hpp"

#include <catch2/catch.hpp>

#include <string>

using bfr::telemetry::NumberStatus;

namespace {
NumberStatus dbl(std::string_view text, double* out = nullptr) {
    double v = -12345.0;
    const auto s = bfr::telemetry::parse_double(text, v);
    if (out != nullptr) *out = v;
    return s;
}
NumberStatus secs(std::string_view text, std::int64_t* out = nullptr) {
    std::int64_t v = -1;
    const auto s = bfr::telemetry::parse_seconds_ns(text, v);
    if (out != nullptr) *out = v;
    return s;
}
}  // namespace

TEST_CASE("doubles must fill the whole cell", "[telemetry][number]") {
    double v = 0.0;
    CHECK(dbl(" 1.25\t", &v) == NumberStatus::Ok);
    CHECK(v == 1.25);
    CHECK(dbl("+3", &v) == NumberStatus::Ok);
    CHECK(v == 3.0);
    CHECK(dbl("-2e-3", &v) == NumberStatus::Ok);
    CHECK(v == -0.002);
    CHECK(dbl("") == NumberStatus::Empty);
    CHECK(dbl("   ") == NumberStatus::Empty);
    CHECK(dbl("1.2.3") == NumberStatus::NotANumber);
    CHECK(dbl("1,5") == NumberStatus::NotANumber);
    CHECK(dbl("++1") == NumberStatus::NotANumber);
    CHECK(dbl("+") == NumberStatus::NotANumber);
    CHECK(dbl("0x1A") == NumberStatus::NotANumber);
    CHECK(dbl("abc") == NumberStatus::NotANumber);
    CHECK(dbl("nan") == NumberStatus::NotFinite);
    CHECK(dbl("-inf") == NumberStatus::NotFinite);
    CHECK(dbl("infinity") == NumberStatus::NotFinite);
    CHECK(dbl("1e400") == NumberStatus::OutOfRange);
}

TEST_CASE("seconds become exact nanoseconds", "[telemetry][number]") {
    std::int64_t t = 0;
    CHECK(secs("0", &t) == NumberStatus::Ok);
    CHECK(t == 0);
    CHECK(secs("119.98", &t) == NumberStatus::Ok);
    CHECK(t == 119'980'000'000);
    CHECK(secs("0.1", &t) == NumberStatus::Ok);
    CHECK(t == 100'000'000);
    CHECK(secs("-1.5", &t) == NumberStatus::Ok);
    CHECK(t == -1'500'000'000);
    CHECK(secs("2.9999999995", &t) == NumberStatus::Ok);
    CHECK(t == 3'000'000'000);
    CHECK(secs("2.99999999949", &t) == NumberStatus::Ok);
    CHECK(t == 2'999'999'999);
    CHECK(secs("7.", &t) == NumberStatus::Ok);
    CHECK(t == 7'000'000'000);
    CHECK(secs("1e-3", &t) == NumberStatus::Ok);
    CHECK(t == 1'000'000);
    CHECK(secs("9000000000", &t) == NumberStatus::Ok);
    CHECK(t == 9'000'000'000'000'000'000);
    CHECK(secs("9000000000.5") == NumberStatus::OutOfRange);
    CHECK(secs("12345678901") == NumberStatus::OutOfRange);
    CHECK(secs("1e10") == NumberStatus::OutOfRange);
    CHECK(secs("-") == NumberStatus::NotANumber);
    CHECK(secs(".") == NumberStatus::NotANumber);
    CHECK(secs("1:00") == NumberStatus::NotANumber);
    CHECK(secs("NaN") == NumberStatus::NotFinite);
    CHECK(secs(" ") == NumberStatus::Empty);
}

TEST_CASE("times print back as exact decimals", "[telemetry][number]") {
    std::string s;
    bfr::telemetry::append_seconds(s, 119'980'000'000);
    CHECK(s == "119.98");
    s.clear();
    bfr::telemetry::append_seconds(s, -1);
    CHECK(s == "-0.000000001");
    s.clear();
    bfr::telemetry::append_seconds(s, 5'000'000'000);
    CHECK(s == "5");
}

TEST_CASE("clean text is UTF-8 without control characters", "[telemetry][text]") {
    using bfr::telemetry::is_clean_text;
    CHECK(is_clean_text("note:caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
    CHECK_FALSE(is_clean_text("a\tb"));
    CHECK_FALSE(is_clean_text(std::string_view("a\0b", 3)));
    CHECK_FALSE(is_clean_text("\x7F"));
    CHECK_FALSE(is_clean_text("\xC0\xAF"));          // overlong
    CHECK_FALSE(is_clean_text("\xED\xA0\x80"));      // surrogate
    CHECK_FALSE(is_clean_text("\xF4\x90\x80\x80"));  // above U+10FFFF
    CHECK_FALSE(is_clean_text("\xE2\x82"));          // truncated
}

TEST_CASE("quoted text is bounded and printable", "[telemetry][text]") {
    using bfr::telemetry::quoted;
    CHECK(quoted("abc") == "'abc'");
    CHECK(quoted(std::string_view("a\0\xff", 3)) == "'a\\x00\\xff'");
    CHECK(quoted(std::string(100, 'z'), 5) == "'zzzzz...'");
}

TEST_CASE("the report keeps unknown names bounded and warnings unique", "[telemetry][report]") {
    bfr::telemetry::ParseReport report(2);
    for (int i = 0; i < 40; ++i) report.note_unknown_column("col" + std::to_string(i % 20));
    report.add_warning("w");
    report.add_warning("w");
    CHECK(report.unknown_columns().size() == bfr::telemetry::ParseReport::kMaxUnknownNames);
    const auto w = report.warnings();
    REQUIRE(w.size() == 2);
    CHECK(w[0].rfind("unknown columns ignored: 'col0', 'col1'", 0) == 0);
    CHECK(w[0].find("and more") != std::string::npos);
    CHECK(w[1] == "w");
    report.add_skipped(3, "x");
    report.add_skipped(4, "y");
    report.add_skipped(9, "z");
    CHECK(report.to_text() == "line 3: x\nline 4: y\n... and 1 more skipped row\n");
}
