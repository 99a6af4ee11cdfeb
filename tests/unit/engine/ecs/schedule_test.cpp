// Schedule: table order, validation at construction, enable/disable, describe().

#include "engine/ecs/schedule.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/ecs/world.hpp"

using bfr::ecs::Phase;
using bfr::ecs::Schedule;
using bfr::ecs::SystemDesc;
using bfr::ecs::TickContext;
using bfr::ecs::World;

namespace {

/// What the test systems write to: the World's context holds the run log.
struct RunLog {
    std::vector<std::string> lines;
};

void log_line(World& world, const char* name, const TickContext& tick) {
    world.ctx().get<RunLog>().lines.push_back(std::string{name} + "@" + std::to_string(tick.tick));
}

void sys_clock(World& w, const TickContext& t) {
    log_line(w, "clock", t);
}
void sys_input(World& w, const TickContext& t) {
    log_line(w, "input", t);
}
void sys_move(World& w, const TickContext& t) {
    log_line(w, "move", t);
}
void sys_collide(World& w, const TickContext& t) {
    log_line(w, "collide", t);
}
void sys_check(World& w, const TickContext& t) {
    log_line(w, "check", t);
}
void sys_events(World& w, const TickContext& t) {
    log_line(w, "events", t);
}
void sys_overlay(World& w, const TickContext& t) {
    log_line(w, "overlay", t);
}
void sys_throw(World&, const TickContext&) {
    throw std::runtime_error("boom");
}

// The game writes its schedule as one constexpr table like this one.
constexpr SystemDesc kSystems[] = {
    {Phase::PreTick, "clock", &sys_clock},       {Phase::Ingest, "input", &sys_input},
    {Phase::Simulate, "move", &sys_move},        {Phase::Simulate, "collide", &sys_collide},
    {Phase::Validate, "check", &sys_check},      {Phase::Post, "events", &sys_events},
    {Phase::PreRender, "overlay", &sys_overlay},
};

std::vector<std::string> run_once(const Schedule& schedule, std::uint64_t tick = 1) {
    World world;
    world.ctx().emplace<RunLog>();
    schedule.run(world, TickContext{tick, 0, 16'666'667});
    return world.ctx().get<RunLog>().lines;
}

}  // namespace

TEST_CASE("Schedule: runs every system once in table order", "[ecs][schedule]") {
    const Schedule schedule{kSystems};
    CHECK(schedule.size() == 7);
    CHECK(schedule.systems().data() != kSystems);  // copied
    CHECK(run_once(schedule, 42) == std::vector<std::string>{"clock@42", "input@42", "move@42", "collide@42",
                                                             "check@42", "events@42", "overlay@42"});
    World world;
    world.ctx().emplace<RunLog>();
    schedule.run_phase(Phase::Simulate, world, TickContext{3, 0, 1});
    CHECK(world.ctx().get<RunLog>().lines == std::vector<std::string>{"move@3", "collide@3"});
}

TEST_CASE("Schedule: validation names the offending system", "[ecs][schedule]") {
    using Catch::Matchers::Contains;
    const SystemDesc out_of_order[] = {
        {Phase::Simulate, "move", &sys_move},
        {Phase::Ingest, "late_input", &sys_input},
    };
    CHECK_THROWS_AS(Schedule{out_of_order}, std::invalid_argument);
    CHECK_THROWS_WITH(Schedule{out_of_order},
                      Contains("late_input") && Contains("Ingest") && Contains("move") && Contains("Simulate"));

    const SystemDesc duplicate[] = {
        {Phase::Ingest, "input", &sys_input},
        {Phase::Simulate, "move", &sys_move},
        {Phase::Post, "input", &sys_events},
    };
    CHECK_THROWS_WITH(Schedule{duplicate}, Contains("#2 'input'") && Contains("#0"));

    const SystemDesc null_fn[] = {{Phase::Ingest, "input", &sys_input}, {Phase::Post, "nothing", nullptr}};
    CHECK_THROWS_WITH(Schedule{null_fn}, Contains("'nothing'") && Contains("null function"));

    const SystemDesc null_name[] = {{Phase::Ingest, nullptr, &sys_input}};
    CHECK_THROWS_WITH(Schedule{null_name}, Contains("#0") && Contains("no name"));
    const SystemDesc empty_name[] = {{Phase::Ingest, "", &sys_input}};
    CHECK_THROWS_AS(Schedule{empty_name}, std::invalid_argument);

    const SystemDesc bad_phase[] = {{static_cast<Phase>(17), "weird", &sys_input}};
    CHECK_THROWS_WITH(Schedule{bad_phase}, Contains("'weird'") && Contains("17"));

    CHECK_NOTHROW(Schedule{std::span<const SystemDesc>{}});
    const SystemDesc same_phase[] = {{Phase::Post, "a", &sys_events}, {Phase::Post, "b", &sys_events}};
    CHECK_NOTHROW(Schedule{same_phase});  // non-decreasing, not strictly increasing
}

TEST_CASE("Schedule: disabled systems are skipped until re-enabled", "[ecs][schedule]") {
    Schedule schedule{kSystems};
    CHECK(schedule.is_enabled("move"));
    CHECK(schedule.set_enabled("move", false));
    CHECK(schedule.set_enabled("overlay", false));
    CHECK_FALSE(schedule.set_enabled("no_such_system", false));
    CHECK_FALSE(schedule.is_enabled("move"));
    CHECK_FALSE(schedule.is_enabled("no_such_system"));
    CHECK(run_once(schedule) == std::vector<std::string>{"clock@1", "input@1", "collide@1", "check@1", "events@1"});
    CHECK(schedule.set_enabled("move", true));
    CHECK(run_once(schedule).size() == 6);
    CHECK(schedule.size() == 7);  // disabling never removes
}

TEST_CASE("Schedule: a throwing system stops the tick", "[ecs][schedule]") {
    const SystemDesc table[] = {
        {Phase::PreTick, "clock", &sys_clock},
        {Phase::Simulate, "explode", &sys_throw},
        {Phase::Post, "events", &sys_events},
    };
    const Schedule schedule{table};
    World world;
    world.ctx().emplace<RunLog>();
    CHECK_THROWS_AS(schedule.run(world, TickContext{}), std::runtime_error);
    CHECK(world.ctx().get<RunLog>().lines == std::vector<std::string>{"clock@0"});
}

TEST_CASE("Schedule: describe() prints the table and phase_name() every phase", "[ecs][schedule]") {
    const SystemDesc table[] = {
        {Phase::PreTick, "clock", &sys_clock},
        {Phase::Simulate, "integrate_all", &sys_move},
        {Phase::PreRender, "ui", &sys_overlay},
    };
    Schedule schedule{table};
    schedule.set_enabled("ui", false);
    CHECK(schedule.describe() ==
          "PreTick    clock          on\n"
          "Simulate   integrate_all  on\n"
          "PreRender  ui             off\n");
    CHECK(Schedule{std::span<const SystemDesc>{}}.describe().empty());

    CHECK(Schedule::phase_name(Phase::PreTick) == "PreTick");
    CHECK(Schedule::phase_name(Phase::Ingest) == "Ingest");
    CHECK(Schedule::phase_name(Phase::Simulate) == "Simulate");
    CHECK(Schedule::phase_name(Phase::Validate) == "Validate");
    CHECK(Schedule::phase_name(Phase::Post) == "Post");
    CHECK(Schedule::phase_name(Phase::PreRender) == "PreRender");
    CHECK(Schedule::phase_name(static_cast<Phase>(6)) == "?");
}
