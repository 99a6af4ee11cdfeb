#pragma once
// World: entities, their components (one sparse-set store per component type, created on first
// use) and per-world singletons (ctx()). The one object game systems receive.
//
// Handles: every query (find/has/remove/destroy/alive) takes any Entity, including null and
// stale ones, and answers "absent"/false for them. Emplacing on a dead entity is a programming
// error (see detail::precondition_failed: abort in debug builds, std::logic_error in release).
//
// Determinism: the World has no hidden state besides the calls made on it. Two Worlds given the
// same sequence of calls hand out the same handles and iterate in the same order.

#include <cstddef>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/ecs/component_store.hpp"
#include "engine/ecs/context.hpp"
#include "engine/ecs/entity.hpp"
#include "engine/ecs/entity_pool.hpp"
#include "engine/ecs/fwd.hpp"
#include "engine/ecs/view.hpp"

namespace bfr::ecs {

/// Entity/component database of one simulation. Movable, not copyable. Not thread-safe.
/// Destruction order: components (store by store, in store-creation order), then the context's
/// singletons (reverse emplacement order).
class World {
public:
    /// An empty world.
    World() = default;
    World(const World&) = delete;
    World& operator=(const World&) = delete;
    /// Moves every entity, store and singleton; views and references stay valid (stores and
    /// singletons live on the heap), `other` becomes empty.
    World(World&& other) noexcept
        : ctx_{std::move(other.ctx_)}, pool_{std::move(other.pool_)}, stores_{std::exchange(other.stores_, {})} {}
    /// Destroys this world's content (components, then singletons), then takes other's.
    World& operator=(World&& other) noexcept {
        if (this != &other) {
            stores_ = std::exchange(other.stores_, {});
            pool_ = std::move(other.pool_);
            ctx_ = std::move(other.ctx_);
        }
        return *this;
    }
    /// Components first, then singletons.
    ~World() { stores_.clear(); }

    // ---- entities -------------------------------------------------------------------------------

    /// A new live entity with no components (see EntityPool::create for reuse and exceptions).
    [[nodiscard]] Entity create() { return pool_.create(); }

    /// Removes all of e's components (store-creation order), then frees e; every copy of the handle
    /// becomes stale. Returns false, doing nothing, when e is null or stale.
    bool destroy(Entity e) noexcept {
        if (!pool_.alive(e)) {
            return false;
        }
        for (const StoreEntry& entry : stores_) {
            static_cast<void>(entry.store->remove(e));
        }
        return pool_.destroy(e);
    }

    /// True when e is a live entity of this world.
    [[nodiscard]] bool alive(Entity e) const noexcept { return pool_.alive(e); }

    /// Number of live entities.
    [[nodiscard]] std::size_t entity_count() const noexcept { return pool_.size(); }

    /// The entity allocator (read-only: capacity, handle_at for debug tools).
    [[nodiscard]] const EntityPool& entities() const noexcept { return pool_; }

    /// Destroys every entity and component; stores (empty) and singletons are kept. All handles
    /// become stale.
    void clear() noexcept {
        for (const StoreEntry& entry : stores_) {
            entry.store->clear();
        }
        pool_.clear();
    }

    // ---- components -----------------------------------------------------------------------------

    /// Adds a T to e, built from args (see ComponentStore::emplace). Preconditions (checked in every
    /// build): e is alive and has no T yet. Returns a reference valid until the next
    /// emplace/remove/clear of a T.
    template <class T, class... Args>
    T& emplace(Entity e, Args&&... args) {
        if (!pool_.alive(e)) [[unlikely]] {
            detail::precondition_failed("World::emplace: entity is not alive (null, stale or destroyed)");
        }
        return store<T>().emplace(e, std::forward<Args>(args)...);
    }

    /// Adds a T to e, or replaces e's existing T, built from args. Precondition (checked in every
    /// build): e is alive.
    template <class T, class... Args>
    T& emplace_or_replace(Entity e, Args&&... args) {
        if (!pool_.alive(e)) [[unlikely]] {
            detail::precondition_failed("World::emplace_or_replace: entity is not alive");
        }
        return store<T>().emplace_or_replace(e, std::forward<Args>(args)...);
    }

    /// Removes e's T (swap-and-pop). Returns false if e has none, or is null/stale.
    template <class T>
    bool remove(Entity e) noexcept {
        ComponentStore<std::remove_const_t<T>>* s = find_store<std::remove_const_t<T>>();
        return s != nullptr && s->remove(e);
    }

    /// e's T, or nullptr if it has none or e is null/stale. find<const T> gives const T*.
    /// Never creates a store.
    template <class T>
    [[nodiscard]] T* find(Entity e) noexcept {
        ComponentStore<std::remove_const_t<T>>* s = find_store<std::remove_const_t<T>>();
        return s == nullptr ? nullptr : s->find(e);
    }

    /// e's T, or nullptr if it has none or e is null/stale.
    template <class T>
    [[nodiscard]] const T* find(Entity e) const noexcept {
        const ComponentStore<std::remove_const_t<T>>* s = find_store<std::remove_const_t<T>>();
        return s == nullptr ? nullptr : s->find(e);
    }

    /// e's T. Precondition: has<T>(e); violating it aborts with a message (every build).
    template <class T>
    [[nodiscard]] T& get(Entity e) noexcept {
        T* component = find<T>(e);
        if (component == nullptr) [[unlikely]] {
            detail::fatal("World::get: entity has no such component (or is null/stale)");
        }
        return *component;
    }

    /// e's T. Precondition: has<T>(e); violating it aborts with a message (every build).
    template <class T>
    [[nodiscard]] const T& get(Entity e) const noexcept {
        const T* component = find<T>(e);
        if (component == nullptr) [[unlikely]] {
            detail::fatal("World::get: entity has no such component (or is null/stale)");
        }
        return *component;
    }

    /// True when e is alive and has a T. Never creates a store.
    template <class T>
    [[nodiscard]] bool has(Entity e) const noexcept {
        const ComponentStore<std::remove_const_t<T>>* s = find_store<std::remove_const_t<T>>();
        return s != nullptr && s->contains(e);
    }

    /// The store of T, created empty on first use. Its address is stable for the World's lifetime.
    template <class T>
    [[nodiscard]] ComponentStore<T>& store() {
        static_assert(!std::is_const_v<T>, "store<T>() takes the plain component type");
        if (ComponentStore<T>* existing = find_store<T>()) {
            return *existing;
        }
        stores_.reserve(stores_.size() + 1);
        auto created = std::make_unique<ComponentStore<T>>();
        ComponentStore<T>& result = *created;
        stores_.push_back(StoreEntry{detail::type_id<T>(), std::move(created)});
        return result;
    }

    /// The store of T, or nullptr if no T was ever stored (never creates one).
    template <class T>
    [[nodiscard]] ComponentStore<T>* find_store() noexcept {
        return static_cast<ComponentStore<T>*>(lookup(detail::type_id<T>()));
    }

    /// The store of T, or nullptr if no T was ever stored.
    template <class T>
    [[nodiscard]] const ComponentStore<T>* find_store() const noexcept {
        return static_cast<const ComponentStore<T>*>(lookup(detail::type_id<T>()));
    }

    /// Number of component stores created so far.
    [[nodiscard]] std::size_t store_count() const noexcept { return stores_.size(); }

    // ---- views ----------------------------------------------------------------------------------

    /// A view over the entities having all of Ts (const T for read-only access). Creates missing
    /// stores. See view.hpp and docs/ecs.md for iteration order and the mutation rules.
    template <class... Ts>
    [[nodiscard]] View<Ts...> view() {
        return View<Ts...>{&store<std::remove_const_t<Ts>>()...};
    }

    /// Read-only view (every T must be const). Types never stored make the view empty.
    template <class... Ts>
    [[nodiscard]] View<Ts...> view() const noexcept {
        static_assert((std::is_const_v<Ts> && ...), "a view of a const World needs const component types");
        return View<Ts...>{find_store<std::remove_const_t<Ts>>()...};
    }

    // ---- singletons -----------------------------------------------------------------------------

    /// Per-world singletons (clock, configuration, event queues...).
    [[nodiscard]] Context& ctx() noexcept { return ctx_; }

    /// Per-world singletons, read-only.
    [[nodiscard]] const Context& ctx() const noexcept { return ctx_; }

private:
    struct StoreEntry {
        detail::TypeId type;
        std::unique_ptr<StoreBase> store;
    };

    /// Linear scan in creation order: worlds have a few dozen component types at most, and a scan
    /// over contiguous pointers beats hashing at that size.
    [[nodiscard]] StoreBase* lookup(detail::TypeId type) const noexcept {
        for (const StoreEntry& entry : stores_) {
            if (entry.type == type) {
                return entry.store.get();
            }
        }
        return nullptr;
    }

    // Declaration order = reverse destruction order: context outlives stores.
    Context ctx_;
    EntityPool pool_;
    std::vector<StoreEntry> stores_;
};

}  // namespace bfr::ecs
