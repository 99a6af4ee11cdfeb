// ComponentStore<T>: sparse-set storage, swap-and-pop removal, stale handles, spans.

#include "engine/ecs/component_store.hpp"

#include <catch2/catch.hpp>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

using bfr::ecs::ComponentStore;
using bfr::ecs::Entity;
using bfr::ecs::kNullEntity;

namespace {

struct Health {
    int value;
    float regen;
};

/// Counts live instances, to check that removal and clear destroy exactly what they should.
struct Tracked {
    explicit Tracked(int* live_count, int v) : live{live_count}, value{v} { ++*live; }
    Tracked(Tracked&& other) noexcept : live{other.live}, value{other.value} { ++*live; }
    Tracked& operator=(Tracked&& other) noexcept {
        value = other.value;
        return *this;
    }
    Tracked(const Tracked&) = delete;
    Tracked& operator=(const Tracked&) = delete;
    ~Tracked() { --*live; }
    int* live;
    int value;
};

/// Every slot's owner maps back to that slot and find() returns that very element.
template <class T>
bool spans_consistent(ComponentStore<T>& store) {
    const auto owners = store.entities();
    const auto values = store.components();
    if (owners.size() != values.size() || owners.size() != store.size()) {
        return false;
    }
    for (std::size_t i = 0; i < owners.size(); ++i) {
        if (store.find(owners[i]) != &values[i] || store.slot_of(owners[i]) != i) {
            return false;
        }
    }
    return store.check_invariants();
}

}  // namespace

TEST_CASE("ComponentStore: emplace find get contains", "[ecs][store]") {
    ComponentStore<Health> store;
    const Entity a{0, 1};
    const Entity b{7, 3};
    CHECK(store.empty());
    CHECK(store.find(a) == nullptr);

    Health& ha = store.emplace(a, 100, 0.5F);  // aggregate: brace-initialised
    CHECK(ha.value == 100);
    CHECK(ha.regen == 0.5F);
    store.emplace(b, 42, 0.0F);
    CHECK(store.size() == 2);
    CHECK(store.contains(a));
    CHECK(store.contains(b));
    CHECK_FALSE(store.contains(Entity{3, 1}));    // index inside the sparse range, never added
    CHECK_FALSE(store.contains(Entity{900, 1}));  // beyond the sparse range
    CHECK(store.get(b).value == 42);
    REQUIRE(store.find(a) != nullptr);
    CHECK(store.find(a)->value == 100);
    const ComponentStore<Health>& cstore = store;
    REQUIRE(cstore.find(b) != nullptr);
    CHECK(cstore.get(b).value == 42);
    CHECK(spans_consistent(store));
}

TEST_CASE("ComponentStore: non-aggregates are built with parentheses", "[ecs][store]") {
    ComponentStore<std::string> names;
    CHECK(names.emplace(Entity{1, 1}, std::size_t{3}, 'x') == "xxx");  // not {'\3', 'x'}
    ComponentStore<std::vector<int>> lists;
    CHECK(lists.emplace(Entity{2, 1}, std::size_t{4}, 9).size() == 4);
    ComponentStore<std::unique_ptr<int>> owned;  // move-only components work
    owned.emplace(Entity{0, 1}, std::make_unique<int>(5));
    owned.emplace(Entity{1, 1}, std::make_unique<int>(6));
    REQUIRE(owned.remove(Entity{0, 1}));
    REQUIRE(owned.find(Entity{1, 1}) != nullptr);
    CHECK(**owned.find(Entity{1, 1}) == 6);
}

TEST_CASE("ComponentStore: swap-and-pop keeps every other entity's data", "[ecs][store]") {
    ComponentStore<Health> store;
    std::vector<Entity> e;
    for (std::uint32_t i = 0; i < 5; ++i) {
        e.push_back(Entity{i * 2, 1});  // indices 0,2,4,6,8: sparse has holes
        store.emplace(e.back(), static_cast<int>(10 * (i + 1)), 0.0F);
    }
    std::size_t removed = 0;
    SECTION("first") {
        removed = 0;
    }
    SECTION("middle") {
        removed = 2;
    }
    SECTION("last") {
        removed = 4;
    }

    REQUIRE(store.remove(e[removed]));
    CHECK_FALSE(store.contains(e[removed]));
    CHECK_FALSE(store.remove(e[removed]));  // already gone
    CHECK(store.size() == 4);
    for (std::size_t i = 0; i < e.size(); ++i) {
        if (i != removed) {
            REQUIRE(store.find(e[i]) != nullptr);
            CHECK(store.find(e[i])->value == static_cast<int>(10 * (i + 1)));
        }
    }
    CHECK(spans_consistent(store));
    if (removed != 4) {
        // The last element moved into the hole.
        CHECK(store.entities()[removed] == e[4]);
        CHECK(store.components()[removed].value == 50);
    }
}

TEST_CASE("ComponentStore: stale generations are absent", "[ecs][store]") {
    ComponentStore<int> store;
    const Entity old_handle{2, 1};
    const Entity new_handle{2, 2};
    store.emplace(old_handle, 7);
    CHECK_FALSE(store.contains(new_handle));
    CHECK(store.find(new_handle) == nullptr);
    CHECK(store.slot_of(new_handle) == ComponentStore<int>::kNone);
    CHECK_FALSE(store.remove(new_handle));
    CHECK(store.size() == 1);

    // emplace_or_replace on a newer generation drops the stale leftover (store used without a World).
    CHECK(store.emplace_or_replace(new_handle, 8) == 8);
    CHECK(store.size() == 1);
    CHECK_FALSE(store.contains(old_handle));
    CHECK(store.get(new_handle) == 8);
    CHECK(spans_consistent(store));
}

TEST_CASE("ComponentStore: null handles are absent", "[ecs][store]") {
    ComponentStore<int> store;
    store.emplace(Entity{0, 1}, 1);  // index 0 is in use: null {0,0} must still be absent
    CHECK_FALSE(store.contains(kNullEntity));
    CHECK(store.find(kNullEntity) == nullptr);
    CHECK_FALSE(store.remove(kNullEntity));
    CHECK(store.size() == 1);
}

TEST_CASE("ComponentStore: emplace_or_replace overwrites in place", "[ecs][store]") {
    ComponentStore<Health> store;
    const Entity a{1, 1};
    const Entity b{2, 1};
    store.emplace(a, 1, 1.0F);
    store.emplace(b, 2, 2.0F);
    Health& replaced = store.emplace_or_replace(a, 10, 10.0F);
    CHECK(&replaced == &store.components()[0]);  // same slot
    CHECK(store.get(a).value == 10);
    CHECK(store.get(b).value == 2);
    CHECK(store.size() == 2);
    store.emplace_or_replace(Entity{3, 1}, 3, 3.0F);  // absent: behaves as emplace
    CHECK(store.size() == 3);
    CHECK(spans_consistent(store));
}

TEST_CASE("ComponentStore: remove and clear destroy exactly the right objects", "[ecs][store]") {
    int live = 0;
    {
        ComponentStore<Tracked> store;
        for (std::uint32_t i = 0; i < 6; ++i) {
            store.emplace(Entity{i, 1}, &live, static_cast<int>(i));
        }
        CHECK(live == 6);
        REQUIRE(store.remove(Entity{1, 1}));
        CHECK(live == 5);
        CHECK(store.get(Entity{5, 1}).value == 5);  // moved into slot 1, value intact
        store.clear();
        CHECK(live == 0);
        CHECK(store.empty());
        CHECK_FALSE(store.contains(Entity{5, 1}));
        store.emplace(Entity{5, 1}, &live, 50);  // index reusable after clear
        CHECK(store.get(Entity{5, 1}).value == 50);
        CHECK(spans_consistent(store));
    }
    CHECK(live == 0);
}

TEST_CASE("ComponentStore: reserve and copies", "[ecs][store]") {
    ComponentStore<int> store;
    store.reserve(100);
    CHECK(store.capacity() >= 100);
    const int* before = store.components().data();
    for (std::uint32_t i = 0; i < 100; ++i) {
        store.emplace(Entity{i, 1}, static_cast<int>(i));
    }
    CHECK(store.components().data() == before);  // no reallocation within the reservation

    ComponentStore<int> copy = store;  // value semantics
    REQUIRE(copy.remove(Entity{0, 1}));
    CHECK(store.contains(Entity{0, 1}));
    CHECK(copy.size() == 99);
    CHECK(copy.check_invariants());
}
