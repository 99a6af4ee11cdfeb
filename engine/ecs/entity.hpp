#pragma once
// Entity: a generational handle (sokol-style). `index` names a slot in the World's EntityPool,
// `generation` tells this use of the slot apart from earlier and later ones, so a handle kept
// after its entity was destroyed ("stale") never reaches the slot's next occupant.

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>

#include "engine/ecs/fwd.hpp"

namespace bfr::ecs {

/// A handle to an entity. Plain data: copy it, store it, compare it, hash it.
/// Generation 0 is reserved for "null": a handle with generation 0 never names a live entity.
/// Ordering (<=>) is by index, then generation; it is arbitrary but deterministic.
struct Entity {
    std::uint32_t index{0};       ///< Slot in the EntityPool.
    std::uint32_t generation{0};  ///< Use count of that slot; 0 = null handle.

    /// True for the null handle (any handle whose generation is 0).
    [[nodiscard]] constexpr bool is_null() const noexcept { return generation == 0; }

    /// Handles are equal when both index and generation are equal.
    friend constexpr bool operator==(Entity, Entity) noexcept = default;
    /// Lexicographic order (index, generation), for sorted containers and std::map keys.
    friend constexpr auto operator<=>(Entity, Entity) noexcept = default;
};

/// The null handle. Every query on it answers "absent"/false; emplacing on it is a programming
/// error.
inline constexpr Entity kNullEntity{};

/// The generation that follows `generation` for a reused slot: +1, wrapping from 2^32-1 to 1
/// (0 is skipped because it means null). A slot would have to be recycled 4'294'967'295 times
/// before a stale handle could alias a new one.
[[nodiscard]] constexpr std::uint32_t next_generation(std::uint32_t generation) noexcept {
    return generation == UINT32_MAX ? 1U : generation + 1U;
}

/// The handle packed into 64 bits (generation in the high half, index in the low half);
/// injective, so usable as a map key, a hash input or a log id.
[[nodiscard]] constexpr std::uint64_t to_u64(Entity e) noexcept {
    return (std::uint64_t{e.generation} << 32U) | std::uint64_t{e.index};
}

/// Inverse of to_u64.
[[nodiscard]] constexpr Entity from_u64(std::uint64_t bits) noexcept {
    return Entity{static_cast<std::uint32_t>(bits & 0xFFFF'FFFFU), static_cast<std::uint32_t>(bits >> 32U)};
}

/// Hash functor for unordered containers: a 64-bit mix (splitmix64 finaliser) of to_u64(e), so
/// handles that differ only in generation land in different buckets.
struct EntityHash {
    /// Hash of e; deterministic across runs and platforms with the same size_t.
    [[nodiscard]] constexpr std::size_t operator()(Entity e) const noexcept {
        std::uint64_t x = to_u64(e);
        x ^= x >> 30U;
        x *= 0xBF58'476D'1CE4'E5B9ULL;
        x ^= x >> 27U;
        x *= 0x94D0'49BB'1331'11EBULL;
        x ^= x >> 31U;
        return static_cast<std::size_t>(x);
    }
};

}  // namespace bfr::ecs

/// std::hash support, so std::unordered_map<Entity, V> works without naming EntityHash.
template <>
struct std::hash<bfr::ecs::Entity> {
    /// Same value as bfr::ecs::EntityHash.
    [[nodiscard]] std::size_t operator()(bfr::ecs::Entity e) const noexcept { return bfr::ecs::EntityHash{}(e); }
};
