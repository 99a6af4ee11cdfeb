// Entity handles and the EntityPool allocator: null, generations, stale handles, FIFO reuse.

#include "engine/ecs/entity.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <set>
#include <unordered_set>
#include <vector>

#include "engine/ecs/entity_pool.hpp"

using bfr::ecs::Entity;
using bfr::ecs::EntityPool;
using bfr::ecs::kNullEntity;

static_assert(bfr::ecs::next_generation(1) == 2);
static_assert(bfr::ecs::next_generation(UINT32_MAX - 1) == UINT32_MAX);
static_assert(bfr::ecs::next_generation(UINT32_MAX) == 1, "wrap skips 0 (null)");
static_assert(kNullEntity.is_null() && Entity{7, 0}.is_null() && !Entity{0, 1}.is_null());
static_assert(bfr::ecs::from_u64(bfr::ecs::to_u64(Entity{0xDEADBEEF, 0x12345678})) == Entity{0xDEADBEEF, 0x12345678});

TEST_CASE("Entity: comparison packing and hashing", "[ecs][entity]") {
    const Entity a{3, 1};
    const Entity b{3, 2};
    const Entity c{4, 1};
    CHECK(a == Entity{3, 1});
    CHECK(a != b);
    CHECK(a < b);  // same index: ordered by generation
    CHECK(b < c);  // index first
    CHECK(bfr::ecs::to_u64(b) == ((std::uint64_t{2} << 32U) | 3U));

    const bfr::ecs::EntityHash hash;
    CHECK(hash(a) != hash(b));
    CHECK(hash(a) != hash(c));
    CHECK(std::hash<Entity>{}(a) == hash(a));

    std::unordered_set<Entity> set{a, b, c, a};
    CHECK(set.size() == 3);
    CHECK(set.count(Entity{3, 2}) == 1);
}

TEST_CASE("EntityPool: fresh handles are distinct and live with generation 1", "[ecs][entity]") {
    EntityPool pool;
    CHECK(pool.size() == 0);
    CHECK_FALSE(pool.alive(kNullEntity));
    CHECK_FALSE(pool.alive(Entity{0, 1}));  // never created

    const Entity e0 = pool.create();
    const Entity e1 = pool.create();
    const Entity e2 = pool.create();
    CHECK(e0 == Entity{0, 1});
    CHECK(e1 == Entity{1, 1});
    CHECK(e2 == Entity{2, 1});
    CHECK(pool.size() == 3);
    CHECK(pool.capacity() == 3);
    CHECK(pool.alive(e0));
    CHECK(pool.alive(e2));
    CHECK_FALSE(pool.alive(Entity{1, 2}));  // right index, wrong generation
    CHECK(pool.handle_at(1) == e1);
    CHECK(pool.handle_at(3) == kNullEntity);
}

TEST_CASE("EntityPool: destroyed handles are stale and reuse bumps the generation", "[ecs][entity]") {
    EntityPool pool;
    const Entity a = pool.create();
    const Entity b = pool.create();
    const Entity c = pool.create();

    CHECK(pool.destroy(b));
    CHECK_FALSE(pool.alive(b));
    CHECK_FALSE(pool.destroy(b));  // second destroy: stale
    CHECK_FALSE(pool.destroy(kNullEntity));
    CHECK(pool.handle_at(b.index) == kNullEntity);
    CHECK(pool.size() == 2);

    const Entity b2 = pool.create();
    CHECK(b2.index == b.index);
    CHECK(b2.generation == 2);
    CHECK(b2 != b);
    CHECK(pool.alive(b2));
    CHECK_FALSE(pool.alive(b));  // the old handle stays dead after reuse
    CHECK_FALSE(pool.destroy(b));
    CHECK(pool.alive(b2));
    CHECK(pool.alive(a));
    CHECK(pool.alive(c));
    CHECK(pool.capacity() == 3);  // reused, not grown
}

TEST_CASE("EntityPool: freed slots are reused first-in first-out", "[ecs][entity]") {
    EntityPool pool;
    std::vector<Entity> e;
    for (int i = 0; i < 5; ++i) {
        e.push_back(pool.create());
    }
    REQUIRE(pool.destroy(e[2]));
    REQUIRE(pool.destroy(e[0]));
    REQUIRE(pool.destroy(e[4]));
    CHECK(pool.create() == Entity{2, 2});
    CHECK(pool.create() == Entity{0, 2});
    CHECK(pool.create() == Entity{4, 2});
    CHECK(pool.create() == Entity{5, 1});  // queue empty: a new slot
    CHECK(pool.size() == 6);
}

TEST_CASE("EntityPool: clear() makes every handle stale", "[ecs][entity]") {
    EntityPool pool;
    const Entity a = pool.create();
    const Entity b = pool.create();
    REQUIRE(pool.destroy(a));
    pool.clear();
    CHECK(pool.size() == 0);
    CHECK_FALSE(pool.alive(b));
    const Entity next = pool.create();
    CHECK(next == Entity{0, 2});  // a's slot was freed first (FIFO)
    CHECK(pool.create() == Entity{1, 2});
}

TEST_CASE("EntityPool: moving leaves an empty pool behind", "[ecs][entity]") {
    EntityPool pool;
    const Entity a = pool.create();
    EntityPool moved{std::move(pool)};
    CHECK(moved.alive(a));
    CHECK(moved.size() == 1);
    CHECK(pool.size() == 0);      // NOLINT(bugprone-use-after-move): documented state
    CHECK(pool.capacity() == 0);  // NOLINT(bugprone-use-after-move)
    CHECK(pool.create() == Entity{0, 1});
}

TEST_CASE("EntityPool: random churn matches a model (exercises queue compaction)", "[ecs][entity]") {
    EntityPool pool;
    std::mt19937 rng{1234};
    std::set<Entity> live;
    std::vector<Entity> dead;
    std::uint32_t expected_capacity = 0;
    std::size_t queued = 0;  // free slots waiting for reuse
    for (int step = 0; step < 20'000; ++step) {
        const bool create = live.empty() || rng() % 100 < 52;
        if (create) {
            const Entity e = pool.create();
            REQUIRE(pool.alive(e));
            REQUIRE(live.count(e) == 0);
            if (queued > 0) {
                --queued;
                REQUIRE(e.generation > 1);
            } else {
                REQUIRE(e == Entity{expected_capacity, 1});
                ++expected_capacity;
            }
            live.insert(e);
        } else {
            auto it = live.begin();
            std::advance(it, static_cast<std::ptrdiff_t>(rng() % live.size()));
            const Entity e = *it;
            live.erase(it);
            REQUIRE(pool.destroy(e));
            dead.push_back(e);
            ++queued;
        }
    }
    CHECK(pool.size() == live.size());
    CHECK(pool.capacity() == expected_capacity);
    for (const Entity e : live) {
        CHECK(pool.alive(e));
    }
    std::size_t stale_alive = 0;
    for (const Entity e : dead) {
        stale_alive += pool.alive(e) ? 1U : 0U;
    }
    CHECK(stale_alive == 0);
}
