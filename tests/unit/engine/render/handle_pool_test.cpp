#include <catch2/catch.hpp>

#include <cstdint>
#include <set>

#include "engine/render/handle_pool.hpp"

using bfr::render::HandlePool;
using bfr::render::kInvalidHandleIndex;
using bfr::render::MeshHandle;
using bfr::render::MeshTag;

TEST_CASE("handle pool hands out valid handles until full", "[render][handle_pool]") {
    HandlePool<MeshTag> pool(3);
    REQUIRE(pool.capacity() == 3);
    const MeshHandle a = pool.alloc();
    const MeshHandle b = pool.alloc();
    const MeshHandle c = pool.alloc();
    CHECK(a.id == 1U);  // slot 0, generation 0
    CHECK(pool.index(a) == 0);
    CHECK(pool.index(b) == 1);
    CHECK(pool.index(c) == 2);
    CHECK(pool.valid(a));
    CHECK(pool.valid(b));
    CHECK(pool.valid(c));
    CHECK(pool.size() == 3);

    const MeshHandle full = pool.alloc();
    CHECK_FALSE(full.is_set());
    CHECK_FALSE(pool.valid(full));
    CHECK(pool.size() == 3);

    REQUIRE(pool.free(b));
    CHECK(pool.size() == 2);
    const MeshHandle again = pool.alloc();
    CHECK(again.is_set());
    CHECK(pool.index(again) == 1);  // the freed slot is reused...
    CHECK(again.id != b.id);        // ...under a new generation
}

TEST_CASE("stale and foreign handles are rejected", "[render][handle_pool]") {
    HandlePool<MeshTag> pool(4);
    const MeshHandle h = pool.alloc();
    REQUIRE(pool.free(h));
    CHECK_FALSE(pool.valid(h));
    CHECK_FALSE(pool.free(h));  // double free
    CHECK(pool.index(h) == kInvalidHandleIndex);

    const MeshHandle reuse = pool.alloc();
    CHECK(pool.index(reuse) == 0);
    CHECK(pool.valid(reuse));
    CHECK_FALSE(pool.valid(h));  // old handle to the same slot stays stale
    CHECK_FALSE(pool.free(h));
    CHECK(pool.valid(reuse));

    CHECK_FALSE(pool.valid(MeshHandle{}));
    CHECK_FALSE(pool.free(MeshHandle{}));
    CHECK(pool.index(MeshHandle{}) == kInvalidHandleIndex);
    CHECK_FALSE(pool.valid(MeshHandle{5U}));           // slot 4: beyond capacity
    CHECK_FALSE(pool.valid(MeshHandle{0x00010000U}));  // generation 1, slot bits 0
    CHECK_FALSE(pool.valid(MeshHandle{2U}));           // slot 1 never allocated
}

TEST_CASE("generations wrap without ever producing id 0", "[render][handle_pool]") {
    HandlePool<MeshTag> pool(1);
    const MeshHandle first = pool.alloc();
    REQUIRE(first.id == 1U);
    std::set<std::uint32_t> seen;
    MeshHandle h = first;
    for (std::uint32_t i = 0; i < 65536U; ++i) {
        REQUIRE(pool.free(h));
        h = pool.alloc();
        REQUIRE(h.id != 0U);
        REQUIRE((h.id & 0xFFFFU) == 1U);
        seen.insert(h.id);
    }
    // 65536 frees walk through every generation once and come back to generation 0.
    CHECK(seen.size() == 65536U);
    CHECK(HandlePool<MeshTag>::generation_of(h) == 0);
    CHECK(h.id == first.id);
    CHECK(pool.valid(h));
}

TEST_CASE("pool capacity edge cases", "[render][handle_pool]") {
    HandlePool<MeshTag> empty(0);
    CHECK_FALSE(empty.alloc().is_set());
    CHECK(empty.size() == 0);

    HandlePool<MeshTag> big(65535);
    MeshHandle last;
    for (std::uint32_t i = 0; i < 65535U; ++i) {
        last = big.alloc();
        REQUIRE(last.is_set());
    }
    CHECK((last.id & 0xFFFFU) == 0xFFFFU);
    CHECK(big.index(last) == 65534);
    CHECK(big.size() == 65535);
    CHECK_FALSE(big.alloc().is_set());
}
