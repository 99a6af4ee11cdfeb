// Context: per-world singletons: emplace/replace/find/erase and destruction order.

#include "engine/ecs/context.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

using bfr::ecs::Context;

namespace {

struct Settings {
    int rate;
    std::string label;
};

/// Appends "<id>" to a shared log when destroyed.
template <int Id>
struct Logged {
    explicit Logged(std::vector<int>* l) : log{l} {}
    Logged(const Logged&) = delete;
    Logged& operator=(const Logged&) = delete;
    ~Logged() { log->push_back(Id); }
    std::vector<int>* log;
};

/// Reads another singleton while being destroyed.
struct Dependent {
    Context* ctx;
    int* seen;
    ~Dependent() {
        const Settings* s = ctx->find<Settings>();
        *seen = s == nullptr ? -1 : s->rate;
    }
};

}  // namespace

TEST_CASE("Context: emplace find get contains erase", "[ecs][context]") {
    Context ctx;
    CHECK(ctx.size() == 0);
    CHECK(ctx.find<Settings>() == nullptr);
    CHECK_FALSE(ctx.contains<Settings>());
    CHECK_FALSE(ctx.erase<Settings>());

    Settings& s = ctx.emplace<Settings>(60, "sixty");  // aggregate
    CHECK(&ctx.get<Settings>() == &s);
    CHECK(ctx.contains<Settings>());
    CHECK(ctx.find<const Settings>() == &s);
    ctx.emplace<std::string>(std::size_t{2}, 'z');  // non-aggregate: parentheses
    CHECK(ctx.get<std::string>() == "zz");
    CHECK(ctx.size() == 2);
    CHECK(&ctx.get<Settings>() == &s);  // other emplacements do not move objects

    const Context& cctx = ctx;
    REQUIRE(cctx.find<Settings>() != nullptr);
    CHECK(cctx.get<Settings>().label == "sixty");

    CHECK(ctx.erase<Settings>());
    CHECK_FALSE(ctx.contains<Settings>());
    CHECK(ctx.find<Settings>() == nullptr);
    CHECK_FALSE(ctx.erase<Settings>());
    CHECK(ctx.size() == 1);
}

TEST_CASE("Context: emplace replaces and may build the new value from the old", "[ecs][context]") {
    Context ctx;
    ctx.emplace<Settings>(30, "thirty");
    const Settings& old = ctx.get<Settings>();
    Settings& replaced = ctx.emplace<Settings>(old.rate * 2, old.label + "x2");  // old still alive
    CHECK(replaced.rate == 60);
    CHECK(replaced.label == "thirtyx2");
    CHECK(ctx.size() == 1);
    CHECK(&ctx.get<Settings>() == &replaced);
}

TEST_CASE("Context: destruction in reverse emplacement order", "[ecs][context]") {
    std::vector<int> log;
    SECTION("destructor") {
        {
            Context ctx;
            ctx.emplace<Logged<1>>(&log);
            ctx.emplace<Logged<2>>(&log);
            ctx.emplace<Logged<3>>(&log);
        }
        CHECK(log == std::vector<int>{3, 2, 1});
    }
    SECTION("a replaced object counts as the newest") {
        {
            Context ctx;
            ctx.emplace<Logged<1>>(&log);
            ctx.emplace<Logged<2>>(&log);
            ctx.emplace<Logged<1>>(&log);  // destroys the first Logged<1> now
            CHECK(log == std::vector<int>{1});
            ctx.emplace<Logged<3>>(&log);
        }
        CHECK(log == std::vector<int>{1, 3, 1, 2});
    }
    SECTION("erase destroys exactly once") {
        Context ctx;
        ctx.emplace<Logged<1>>(&log);
        ctx.emplace<Logged<2>>(&log);
        CHECK(ctx.erase<Logged<1>>());
        CHECK(log == std::vector<int>{1});
        ctx.clear();
        CHECK(log == std::vector<int>{1, 2});
        CHECK(ctx.size() == 0);
    }
    SECTION("move transfers ownership without destroying") {
        Context moved;
        {
            Context ctx;
            ctx.emplace<Logged<1>>(&log);
            moved = std::move(ctx);
        }
        CHECK(log.empty());
        CHECK(moved.contains<Logged<1>>());
        moved.clear();
        CHECK(log == std::vector<int>{1});
    }
}

TEST_CASE("Context: destructors may read singletons emplaced before them", "[ecs][context]") {
    int seen = 0;
    {
        Context ctx;
        ctx.emplace<Settings>(25, "base");
        ctx.emplace<Dependent>(&ctx, &seen);
    }
    CHECK(seen == 25);
}
