#include "game/replay/eval_reps.hpp"

#include <catch2/catch.hpp>


using bfr::replay::EvalRow;

TEST_CASE("labels.csv: the file and true_reps columns wherever they are; bad rows skipped", "[eval]") {
    std::vector<EvalRow> rows;
    std::vector<std::string> skipped;
    std::string error;
    const std::string text =
        "\xEF\xBB\xBFsubject,true_reps,note,file\r\n"
        "a,10,\"quoted, with a comma\",one.csv\r\n"
        "# a comment\n"
        "\n"
        "b,x,,two.csv\n"
        "c,-1,,three.csv\n"
        "d,7,,\n"
        "e, 5 ,, four.csv\n";
    REQUIRE(bfr::replay::parse_labels(text, rows, skipped, &error));
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].file == "one.csv");
    CHECK(rows[0].true_reps == 10);
    CHECK(rows[1].file == "four.csv");
    CHECK(rows[1].true_reps == 5);
    CHECK(skipped.size() == 3);

    rows.clear();
    CHECK_FALSE(bfr::replay::parse_labels("file,reps\na.csv,3\n", rows, skipped, &error));
    CHECK(error.find("'true_reps'") != std::string::npos);
    CHECK_FALSE(bfr::replay::parse_labels("", rows, skipped, &error));
    CHECK_FALSE(bfr::replay::parse_labels("name,count\n", rows, skipped, &error));
    CHECK(error.find("'file' and 'true_reps'") != std::string::npos);
}

TEST_CASE("the closing line: exact, within one and the mean absolute error", "[eval]") {
    std::vector<EvalRow> rows = {{"a", 10, 10, {}}, {"b", 5, 6, {}}, {"c", 8, 5, {}}, {"d", 4, 0, "unreadable"}};
    const std::string line = bfr::replay::eval_summary_line(rows);
    CHECK(line == "exact: 1/4 (25.0%)  within1: 2/4 (50.0%)  mae: 2.000");
    CHECK(bfr::replay::eval_summary_line({}) == "exact: 0/0 (0.0%)  within1: 0/0 (0.0%)  mae: 0.000");
}
