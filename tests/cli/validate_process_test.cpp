// `bfr-coach validate` as the contract check runs it: one row per target, the last line
// `N passed, M failed`, exit 0 when every target passes.

#include "support/process.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

using bfr::test::run_process;

TEST_CASE("validate prints a row per target and closes with N passed, M failed", "[cli][process]") {
    const auto r = run_process(BFR_COACH_EXE, {"validate", "--data-dir", "/nonexistent/bfr-validate"}, {}, 120.0);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    std::vector<std::string> lines;
    std::istringstream in{r.out};
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) lines.push_back(line);
    }
    REQUIRE_FALSE(lines.empty());
    CHECK(lines.back() == "20 passed, 0 failed");
    const std::regex row{R"(^T([0-9]+) +(pass|FAIL) +(Good|Decent|Bad) +([0-9.]+%|-) +.+$)"};
    int rows = 0;
    for (const std::string& line : lines) {
        if (std::regex_match(line, row)) ++rows;
    }
    CHECK(rows == 20);
    CHECK(r.err.empty());
}
