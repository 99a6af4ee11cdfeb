#pragma once
// ComponentStore<T>: a sparse set holding at most one T per entity.
//
//   sparse_  [entity index] -> dense slot, or kNone        (grows to the largest index seen)
//   owners_  [dense slot]   -> Entity owning that slot     (packed, parallel to dense_)
//   dense_   [dense slot]   -> T                           (packed: iterate it like an array)
//
// The entity half (sparse_ + owners_) lives in the non-template StoreBase, so membership tests,
// sizes and the owners span need no virtual call and no knowledge of T; only removal and clearing
// (which must touch T) are virtual, letting World::destroy() strip an entity from every store.
//
// Every query compares the full handle stored in owners_, so a stale handle (right index, old
// generation) is "absent" even if the store is used without a World.
//
// Pointer/reference validity: emplace() may reallocate dense_ (all T& and T* into this store
// dangle); remove() moves the last element into the hole (the moved one's address changes).
// Keep Entity handles, not pointers.

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/ecs/entity.hpp"
#include "engine/ecs/fwd.hpp"

namespace bfr::ecs {

/// The type-independent half of every ComponentStore: which entities own a component, where.
class StoreBase {
public:
    /// Sparse-array value meaning "this index has no component here".
    static constexpr std::uint32_t kNone = UINT32_MAX;

    /// Virtual so a World can own stores of any T through StoreBase pointers.
    virtual ~StoreBase() = default;

    /// Removes e's component (swap-and-pop). Returns false, doing nothing, if e has none here
    /// (including null and stale handles). Never throws (components are nothrow-movable).
    virtual bool remove(Entity e) noexcept = 0;

    /// Removes every component; sparse capacity is kept.
    virtual void clear() noexcept = 0;

    /// Dense slot of e's component, or kNone when e (this exact generation) has none here.
    [[nodiscard]] std::uint32_t slot_of(Entity e) const noexcept {
        if (e.index >= sparse_.size()) {
            return kNone;
        }
        const std::uint32_t slot = sparse_[e.index];
        // Invariant: sparse_[i] == slot implies owners_[slot].index == i, so comparing the
        // generation is enough to reject stale handles (one compare instead of two).
        return (slot != kNone && owners_[slot].generation == e.generation) ? slot : kNone;
    }

    /// True when e (this exact generation) has a component here. False for null/stale handles.
    [[nodiscard]] bool contains(Entity e) const noexcept { return slot_of(e) != kNone; }

    /// Number of components (== number of owning entities).
    [[nodiscard]] std::size_t size() const noexcept {
        assert(owners_.size() == payload_size() && "ComponentStore: dense/owners out of sync");
        return owners_.size();
    }

    /// True when the store holds no component.
    [[nodiscard]] bool empty() const noexcept { return owners_.empty(); }

    /// Owning entity of each dense slot: entities()[i] owns components()[i]. Invalidated (like
    /// components()) by emplace, remove and clear.
    [[nodiscard]] std::span<const Entity> entities() const noexcept { return owners_; }

    /// Full O(n + sparse size) consistency check, for tests and debug tools: sizes match, every
    /// owner maps back to its slot, every non-kNone sparse entry points at an owner with that index,
    /// no owner is null.
    [[nodiscard]] bool check_invariants() const noexcept {
        if (owners_.size() != payload_size()) {
            return false;
        }
        for (std::size_t slot = 0; slot < owners_.size(); ++slot) {
            const Entity e = owners_[slot];
            if (e.is_null() || e.index >= sparse_.size() || sparse_[e.index] != slot) {
                return false;
            }
        }
        std::size_t mapped = 0;
        for (std::size_t index = 0; index < sparse_.size(); ++index) {
            const std::uint32_t slot = sparse_[index];
            if (slot == kNone) {
                continue;
            }
            if (slot >= owners_.size() || owners_[slot].index != index) {
                return false;
            }
            ++mapped;
        }
        return mapped == owners_.size();
    }

protected:
    StoreBase() = default;
    StoreBase(const StoreBase&) = default;
    StoreBase(StoreBase&&) noexcept = default;
    StoreBase& operator=(const StoreBase&) = default;
    StoreBase& operator=(StoreBase&&) noexcept = default;

    /// Size of the derived payload array; must equal owners_.size() between operations.
    [[nodiscard]] virtual std::size_t payload_size() const noexcept = 0;

    std::vector<std::uint32_t> sparse_;  ///< entity index -> dense slot or kNone
    std::vector<Entity> owners_;         ///< dense slot -> owner
};

/// Sparse-set storage of T components. Requirements on T: an object type, not const, not a
/// reference, nothrow move-constructible and nothrow move-assignable (removal moves the last
/// element into the hole and must not fail). Not thread-safe.
template <class T>
class ComponentStore final : public StoreBase {
    static_assert(std::is_object_v<T> && !std::is_const_v<T> && !std::is_volatile_v<T>,
                  "components are plain object types (no const, volatile or references)");
    static_assert(std::is_nothrow_move_constructible_v<T> && std::is_nothrow_move_assignable_v<T>,
                  "components must be nothrow-movable (swap-and-pop removal must not throw)");

public:
    /// The component type.
    using value_type = T;

    /// Creates an empty store.
    ComponentStore() = default;

    /// Adds e's component, constructed from args: T{args...} for aggregates (same rules, including
    /// no narrowing, on gcc and clang), T(args...) otherwise (no initializer_list surprises).
    /// Preconditions (checked in every build, see detail::precondition_failed): e is not null and
    /// its index holds no component yet (emplace_or_replace overwrites). Strong exception guarantee.
    /// Returns a reference valid until the next emplace/remove/clear on this store.
    template <class... Args>
    T& emplace(Entity e, Args&&... args) {
        if (e.is_null()) [[unlikely]] {
            detail::precondition_failed("ComponentStore::emplace: null entity");
        }
        if (e.index < sparse_.size() && sparse_[e.index] != kNone) [[unlikely]] {
            detail::precondition_failed(
                "ComponentStore::emplace: entity already has this component (use emplace_or_replace)");
        }
        if (e.index >= sparse_.size()) {
            sparse_.resize(std::size_t{e.index} + 1, kNone);
        }
        owners_.push_back(e);
        try {
            if constexpr (std::is_aggregate_v<T>) {
                dense_.push_back(T{std::forward<Args>(args)...});
            } else {
                dense_.emplace_back(std::forward<Args>(args)...);
            }
        } catch (...) {
            owners_.pop_back();
            throw;
        }
        sparse_[e.index] = static_cast<std::uint32_t>(dense_.size() - 1);
        assert(dense_.size() == owners_.size());
        return dense_.back();
    }

    /// Like emplace, but if e already has a component it is replaced by a new T built from args
    /// (move-assigned over the old one). Precondition (checked): e is not null. If the index holds a
    /// component of an older generation (only possible when the store is used without a World),
    /// that stale component is removed first.
    template <class... Args>
    T& emplace_or_replace(Entity e, Args&&... args) {
        if (e.is_null()) [[unlikely]] {
            detail::precondition_failed("ComponentStore::emplace_or_replace: null entity");
        }
        const std::uint32_t slot = slot_of(e);
        if (slot == kNone) {
            if (e.index < sparse_.size() && sparse_[e.index] != kNone) {
                static_cast<void>(remove(owners_[sparse_[e.index]]));
            }
            return emplace(e, std::forward<Args>(args)...);
        }
        T& existing = dense_[slot];
        if constexpr (std::is_aggregate_v<T>) {
            existing = T{std::forward<Args>(args)...};
        } else {
            T replacement(std::forward<Args>(args)...);
            existing = std::move(replacement);
        }
        return existing;
    }

    /// Removes e's component: the last component is moved into its slot and the array shrinks by
    /// one, so every other entity keeps its value (only its slot may change). Returns false for an
    /// absent component or a null/stale handle.
    bool remove(Entity e) noexcept override {
        const std::uint32_t slot = slot_of(e);
        if (slot == kNone) {
            return false;
        }
        const std::size_t last = dense_.size() - 1;
        if (slot != last) {
            dense_[slot] = std::move(dense_[last]);
            owners_[slot] = owners_[last];
            sparse_[owners_[slot].index] = slot;
        }
        dense_.pop_back();
        owners_.pop_back();
        sparse_[e.index] = kNone;
        assert(dense_.size() == owners_.size());
        return true;
    }

    /// Removes every component (destroying them in dense order); sparse capacity is kept.
    void clear() noexcept override {
        for (const Entity owner : owners_) {
            sparse_[owner.index] = kNone;
        }
        dense_.clear();
        owners_.clear();
    }

    /// e's component, or nullptr when absent (including null and stale handles).
    [[nodiscard]] T* find(Entity e) noexcept {
        const std::uint32_t slot = slot_of(e);
        return slot == kNone ? nullptr : &dense_[slot];
    }

    /// e's component, or nullptr when absent (including null and stale handles).
    [[nodiscard]] const T* find(Entity e) const noexcept {
        const std::uint32_t slot = slot_of(e);
        return slot == kNone ? nullptr : &dense_[slot];
    }

    /// e's component. Precondition: contains(e); violating it aborts (every build).
    [[nodiscard]] T& get(Entity e) noexcept {
        const std::uint32_t slot = slot_of(e);
        if (slot == kNone) [[unlikely]] {
            detail::fatal("ComponentStore::get: entity has no such component (or is stale)");
        }
        return dense_[slot];
    }

    /// e's component. Precondition: contains(e); violating it aborts (every build).
    [[nodiscard]] const T& get(Entity e) const noexcept {
        const std::uint32_t slot = slot_of(e);
        if (slot == kNone) [[unlikely]] {
            detail::fatal("ComponentStore::get: entity has no such component (or is stale)");
        }
        return dense_[slot];
    }

    /// The component in dense slot `slot`. Precondition (asserted): slot < size().
    [[nodiscard]] T& at_slot(std::uint32_t slot) noexcept {
        assert(slot < dense_.size() && "ComponentStore::at_slot: slot out of range");
        return dense_[slot];
    }

    /// The component in dense slot `slot`. Precondition (asserted): slot < size().
    [[nodiscard]] const T& at_slot(std::uint32_t slot) const noexcept {
        assert(slot < dense_.size() && "ComponentStore::at_slot: slot out of range");
        return dense_[slot];
    }

    /// All components, packed; components()[i] belongs to entities()[i]. Order: insertion order,
    /// permuted by swap-and-pop removals (deterministic for a given sequence of operations).
    [[nodiscard]] std::span<T> components() noexcept { return dense_; }

    /// All components, read-only; components()[i] belongs to entities()[i].
    [[nodiscard]] std::span<const T> components() const noexcept { return dense_; }

    /// Pre-allocates room for n components (no reallocation on emplace until size() exceeds n).
    void reserve(std::size_t n) {
        dense_.reserve(n);
        owners_.reserve(n);
    }

    /// Number of components the store can hold without reallocating dense_.
    [[nodiscard]] std::size_t capacity() const noexcept { return dense_.capacity(); }

private:
    [[nodiscard]] std::size_t payload_size() const noexcept override { return dense_.size(); }

    std::vector<T> dense_;
};

}  // namespace bfr::ecs
