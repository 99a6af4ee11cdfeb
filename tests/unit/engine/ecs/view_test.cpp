// Views: exact intersections, const access, lead-store order, and every mutation that
// docs/ecs.md ("What is allowed and what is not") declares allowed during iteration.

#include <catch2/catch.hpp>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>
#include <type_traits>
#include <vector>

#include "engine/ecs/world.hpp"

using bfr::ecs::Entity;
using bfr::ecs::View;
using bfr::ecs::World;

namespace {

struct A {
    int v;
};
struct B {
    int v;
};
struct C {
    int v;
};
struct D {
    int v;
};

// A const type in the view gives const references, in each() and in range-for.
static_assert(std::is_same_v<View<A, const C>::Iterator::value_type, std::tuple<Entity, A&, const C&>>);
static_assert(std::is_invocable_v<void (*)(Entity, A&, const C&), Entity, A&, const C&>);

/// 300 entities: i%2==0 -> A, i%3==0 -> B, i%5==0 -> C; every 7th then destroyed.
std::vector<Entity> populate(World& world) {
    std::vector<Entity> all;
    for (int i = 0; i < 300; ++i) {
        const Entity e = world.create();
        all.push_back(e);
        if (i % 2 == 0) {
            world.emplace<A>(e, i);
        }
        if (i % 3 == 0) {
            world.emplace<B>(e, i * 10);
        }
        if (i % 5 == 0) {
            world.emplace<C>(e, i * 100);
        }
    }
    for (std::size_t i = 0; i < all.size(); i += 7) {
        world.destroy(all[i]);
    }
    return all;
}

template <class... Ts>
std::set<Entity> brute_force(const World& world, const std::vector<Entity>& all) {
    std::set<Entity> out;
    for (const Entity e : all) {
        if ((world.has<Ts>(e) && ...)) {
            out.insert(e);
        }
    }
    return out;
}

template <class... Ts>
std::vector<Entity> visit_order(World& world) {
    std::vector<Entity> order;
    world.view<Ts...>().each([&](Entity e, Ts&...) { order.push_back(e); });
    return order;
}

}  // namespace

TEST_CASE("View: two and three types visit exactly the intersection", "[ecs][view]") {
    World world;
    const std::vector<Entity> all = populate(world);

    std::multiset<Entity> ab;
    world.view<A, B>().each([&](Entity e, A& a, B& b) {
        CHECK(b.v == a.v * 10);  // the references belong to e
        ab.insert(e);
    });
    const std::set<Entity> expected_ab = brute_force<A, B>(world, all);
    CHECK(expected_ab.size() == 42);  // multiples of 6 below 300 (50) minus multiples of 42 (8)
    CHECK(std::set<Entity>(ab.begin(), ab.end()) == expected_ab);
    CHECK(ab.size() == expected_ab.size());  // nobody twice

    std::multiset<Entity> abc;
    world.view<A, B, C>().each([&](Entity e, const A& a, const B& b, const C& c) {
        CHECK(b.v == a.v * 10);
        CHECK(c.v == a.v * 100);
        abc.insert(e);
    });
    const std::set<Entity> expected_abc = brute_force<A, B, C>(world, all);
    CHECK(expected_abc.size() == 8);  // multiples of 30 (10) minus 0 and 210
    CHECK(std::set<Entity>(abc.begin(), abc.end()) == expected_abc);
    CHECK(abc.size() == expected_abc.size());

    const auto v = world.view<A, B, C>();
    CHECK(v.size_hint() == world.store<C>().size());
    for (const Entity e : all) {
        CHECK(v.contains(e) == (expected_abc.count(e) == 1));
    }
}

TEST_CASE("View: entity-less callbacks and range-for agree with each(fn)", "[ecs][view]") {
    World world;
    populate(world);
    std::vector<Entity> with_entity;
    std::vector<int> a_values;
    world.view<A, const B>().each([&](Entity e, A& a, const B&) {
        with_entity.push_back(e);
        a_values.push_back(a.v);
    });
    std::vector<int> without_entity;
    world.view<A, const B>().each([&](A& a, const B&) { without_entity.push_back(a.v); });
    CHECK(without_entity == a_values);

    std::vector<Entity> ranged;
    for (auto [e, a, b] : world.view<A, const B>().each()) {
        static_assert(std::is_same_v<decltype(a), A&>);
        static_assert(std::is_same_v<decltype(b), const B&>);
        CHECK(b.v == a.v * 10);
        ranged.push_back(e);
    }
    CHECK(ranged == with_entity);
    CHECK(ranged.size() == 42);
}

TEST_CASE("View: const types give const references and a const World gives const views", "[ecs][view]") {
    World world;
    const Entity e = world.create();
    world.emplace<A>(e, 1);
    world.emplace<C>(e, 2);
    int calls = 0;
    world.view<A, const C>().each([&](auto& a, auto& c) {
        static_assert(!std::is_const_v<std::remove_reference_t<decltype(a)>>);
        static_assert(std::is_const_v<std::remove_reference_t<decltype(c)>>);
        a.v += c.v;
        ++calls;
    });
    CHECK(calls == 1);
    CHECK(world.get<A>(e).v == 3);

    const World& cworld = world;
    cworld.view<const A, const C>().each([&](Entity, const A& a, const C&) { calls += a.v; });
    CHECK(calls == 4);
    CHECK(cworld.view<const A, const D>().size_hint() == 0);  // D never stored: empty view
    CHECK_FALSE(cworld.view<const A, const D>().contains(e));
    cworld.view<const A, const D>().each([&](const A&, const D&) { ++calls; });
    CHECK(calls == 4);
    CHECK(world.view<A, const C>().get<const C>(e).v == 2);
}

TEST_CASE("View: the smallest store leads and is walked back to front", "[ecs][view]") {
    World world;
    std::vector<Entity> e;
    for (int i = 0; i < 20; ++i) {
        e.push_back(world.create());
        world.emplace<A>(e.back(), i);
    }
    world.emplace<B>(e[5], 5);
    world.emplace<B>(e[9], 9);
    world.emplace<B>(e[7], 7);
    world.emplace<B>(world.create(), -1);  // B without A: looked at, not visited
    CHECK(world.view<A, B>().size_hint() == 4);
    CHECK(visit_order<A, B>(world) == std::vector<Entity>{e[7], e[9], e[5]});
    CHECK(visit_order<B, A>(world) == std::vector<Entity>{e[7], e[9], e[5]});

    const std::vector<Entity> single = visit_order<A>(world);  // a one-type view = its store
    REQUIRE(single.size() == 20);
    CHECK(single.front() == e[19]);
    CHECK(single.back() == e[0]);
}

TEST_CASE("View rule 1: modifying component values is always fine", "[ecs][view]") {
    World world;
    populate(world);
    std::map<Entity, int> before;
    world.view<A, B>().each([&](Entity e, A& a, B&) { before[e] = a.v; });
    world.view<A, B>().each([](A& a, B& b) {
        a.v += 1;
        b.v = -b.v;
    });
    for (const auto& [e, v] : before) {
        CHECK(world.get<A>(e).v == v + 1);
        CHECK(world.get<B>(e).v == -v * 10);
    }
}

TEST_CASE("View rule 2: destroying or stripping the current entity skips nothing", "[ecs][view]") {
    World world;
    const std::vector<Entity> all = populate(world);
    // Make either store the lead: B (85 alive) is smaller than A (128) by default; adding
    // A-less B components flips it.
    SECTION("lead A") {
        for (int i = 0; i < 200; ++i) {
            world.emplace<B>(world.create(), -1);
        }
        REQUIRE(world.store<A>().size() < world.store<B>().size());
    }
    SECTION("lead B") {
        REQUIRE(world.store<B>().size() < world.store<A>().size());
    }

    const std::set<Entity> expected = brute_force<A, B>(world, all);
    std::multiset<Entity> visited;
    int mode = 0;
    world.view<A, B>().each([&](Entity e, A&, B&) {
        visited.insert(e);
        switch (mode++ % 3) {
            case 0: REQUIRE(world.destroy(e)); break;
            case 1: REQUIRE(world.remove<A>(e)); break;
            default: REQUIRE(world.remove<B>(e)); break;
        }
    });
    CHECK(std::set<Entity>(visited.begin(), visited.end()) == expected);
    CHECK(visited.size() == expected.size());
    CHECK(world.view<A, B>().size_hint() > 0);
    int left = 0;
    world.view<A, B>().each([&](A&, B&) { ++left; });
    CHECK(left == 0);
    CHECK(world.store<A>().check_invariants());
    CHECK(world.store<B>().check_invariants());
}

TEST_CASE("View rule 2 (range-for): destroying the current entity skips nothing", "[ecs][view]") {
    World world;
    const std::vector<Entity> all = populate(world);
    const std::set<Entity> expected = brute_force<A, C>(world, all);
    std::multiset<Entity> visited;
    for (auto [e, a, c] : world.view<A, C>().each()) {
        visited.insert(e);
        CHECK(c.v == a.v * 100);
        REQUIRE(world.destroy(e));
    }
    CHECK(std::set<Entity>(visited.begin(), visited.end()) == expected);
    CHECK(visited.size() == expected.size());
}

TEST_CASE("View rule 3: creating entities and emplacing on others is allowed", "[ecs][view]") {
    World world;
    const std::vector<Entity> all = populate(world);
    const std::set<Entity> expected = brute_force<A, B>(world, all);
    std::multiset<Entity> visited;
    std::set<Entity> created;
    world.view<A, B>().each([&](Entity e, A& a, B&) {
        visited.insert(e);
        const int value = a.v;  // read before emplacing: emplace<A>/<B> may invalidate a and b
        // New entities with both viewed types (lead store grows, maybe reallocates): not visited.
        const Entity fresh = world.create();
        world.emplace<A>(fresh, value);
        world.emplace<B>(fresh, value);
        world.emplace<D>(fresh, value);  // a type outside the view
        created.insert(fresh);
        // Re-fetch instead of using `a` after the emplace.
        world.get<A>(e).v = value + 1000;
    });
    CHECK(std::set<Entity>(visited.begin(), visited.end()) == expected);
    CHECK(visited.size() == expected.size());
    CHECK(created.size() == expected.size());
    for (const Entity e : expected) {
        CHECK(world.get<A>(e).v >= 1000);
    }
    std::size_t now = 0;
    world.view<A, B>().each([&](A&, B&) { ++now; });
    CHECK(now == 2 * expected.size());  // next pass sees the new ones
}

TEST_CASE("View: stripping entities already visited in this pass is allowed", "[ecs][view]") {
    World world;
    const std::vector<Entity> all = populate(world);
    const std::set<Entity> expected = brute_force<A, B>(world, all);
    std::multiset<Entity> visited;
    std::vector<Entity> previous;
    world.view<A, B>().each([&](Entity e, A&, B&) {
        visited.insert(e);
        if (!previous.empty()) {  // act on the one visited before this one
            if (previous.size() % 2 == 0) {
                REQUIRE(world.remove<A>(previous.back()));
            } else {
                REQUIRE(world.destroy(previous.back()));
            }
        }
        previous.push_back(e);
    });
    CHECK(std::set<Entity>(visited.begin(), visited.end()) == expected);
    CHECK(visited.size() == expected.size());
}

TEST_CASE("View rule 4: forbidden removals stay in bounds and terminate", "[ecs][view]") {
    // Not a supported use: this only proves the loop cannot run off the end or loop forever.
    World world;
    populate(world);
    int calls = 0;
    SECTION("clear the lead store on the first visit") {
        world.view<A, B>().each([&](Entity, A&, B&) {
            ++calls;
            world.store<A>().clear();
            world.store<B>().clear();
        });
        CHECK(calls == 1);
    }
    SECTION("destroy every other entity on the first visit (range-for)") {
        for (auto [e, a, b] : world.view<A, B>().each()) {
            static_cast<void>(a);
            static_cast<void>(b);
            ++calls;
            std::vector<Entity> victims(world.store<B>().entities().begin(), world.store<B>().entities().end());
            for (const Entity v : victims) {
                if (v != e) {
                    world.destroy(v);
                }
            }
        }
        CHECK(calls <= 2);  // the current entity moved down to slot 0 and may be seen again
        CHECK(world.store<B>().size() == 1);
    }
}
