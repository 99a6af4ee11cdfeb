// Every target of physiology-reference.md §9(b) is a test (the same code `bfr-coach validate` runs).
#include "game/physiology/report.hpp"
#include "game/physiology/validation.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace bfr::physiology;

namespace {

void check_target(const char* id) {
    const TargetResult r = run_target(id);
    INFO(r.id << " " << r.behaviour << "\n  target: " << r.target << "\n  model:  " << r.model);
    CHECK(r.id == id);
    CHECK(r.pass);
}

}  // namespace

TEST_CASE("T1 LOP estimate of a typical thigh", "[validation]") { check_target("T1"); }
TEST_CASE("T2 LOP posture scaling", "[validation]") { check_target("T2"); }
TEST_CASE("T3 cuff width and LOP", "[validation]") { check_target("T3"); }
TEST_CASE("T4 rest inflow at 40 percent LOP", "[validation]") { check_target("T4"); }
TEST_CASE("T5 rest inflow drop from 30 to 80 percent LOP", "[validation]") { check_target("T5"); }
TEST_CASE("T6 venous outflow persists at 40 percent LOP", "[validation]") { check_target("T6"); }
TEST_CASE("T7 no inflow at LOP, tissue O2 with a cuff at SBP", "[validation]") { check_target("T7"); }
TEST_CASE("T8 31P ordering and BFR30 equivalence", "[validation]") { check_target("T8"); }
TEST_CASE("T9 PCr recovery time constant", "[validation]") { check_target("T9"); }
TEST_CASE("T10 blood lactate at 20 and 30 percent 1RM", "[validation]") { check_target("T10"); }
TEST_CASE("T11 muscle thickness after four sets", "[validation]") { check_target("T11"); }
TEST_CASE("T12 swelling decay after release", "[validation]") { check_target("T12"); }
TEST_CASE("T13 cuff width does not change relative swelling", "[validation]") { check_target("T13"); }
TEST_CASE("T14 reps to failure over four sets", "[validation]") { check_target("T14"); }
TEST_CASE("T15 more pressure, fewer reps at very low load", "[validation]") { check_target("T15"); }
TEST_CASE("T16 strength loss independent of pressure", "[validation]") { check_target("T16"); }
TEST_CASE("T17 strength loss BFR vs heavy load", "[validation]") { check_target("T17"); }
TEST_CASE("T18 sustained isometric endurance of the fatigue core", "[validation]") { check_target("T18"); }
TEST_CASE("T19 discomfort and RPE across four sets", "[validation]") { check_target("T19"); }
TEST_CASE("T20 LOP drift across a session", "[validation]") { check_target("T20"); }

TEST_CASE("the validation table closes with N passed, M failed and grades errors like Pulse", "[validation]") {
    CHECK(grade_of(9.9) == Grade::Good);
    CHECK(grade_of(10.0) == Grade::Decent);
    CHECK(grade_of(30.0) == Grade::Decent);
    CHECK(grade_of(30.1) == Grade::Bad);
    std::vector<TargetResult> rows(3);
    rows[0].id = "T1";
    rows[0].pass = true;
    rows[1].id = "T2";
    rows[1].pass = false;
    rows[2].id = "T3";
    rows[2].pass = true;
    const std::string text = format_validation(rows);
    const auto last = text.find_last_of('\n', text.size() - 2);
    CHECK(text.substr(last + 1) == "2 passed, 1 failed\n");
    CHECK(validation_ids().size() == 20);
    CHECK_FALSE(run_target("T99").pass);
}
