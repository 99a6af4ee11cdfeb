// `bfr-coach validate` as the contract check runs it: one row per target, the last line
// `N passed, M failed`, exit 0 when every target passes.

#include "support/process.hpp"

#include <catch2/catch.hpp>

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
    // A row: "T<n>", the result, the grade, the error ("12.3%" or "-"), the behaviour.
    // (No std::regex: gcc 12 warns inside it under the sanitizers.)
    int rows = 0;
    for (const std::string& line : lines) {
        std::istringstream fields{line};
        std::string id, result, grade, error;
        fields >> id >> result >> grade >> error;
        const bool is_id = id.size() >= 2 && id[0] == 'T' && id.find_first_not_of("0123456789", 1) == std::string::npos;
        const bool is_error = error == "-" || (!error.empty() && error.back() == '%');
        if (is_id && (result == "pass" || result == "FAIL") && (grade == "Good" || grade == "Decent" || grade == "Bad") &&
            is_error) {
            ++rows;
        }
    }
    CHECK(rows == 20);
    CHECK(r.err.empty());
}
