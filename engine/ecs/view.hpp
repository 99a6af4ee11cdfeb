#pragma once
// View<Ts...>: iterate the entities that have every component in Ts.
//
//   world.view<Position, const Velocity>().each([](Entity e, Position& p, const Velocity& v) {..});
//   for (auto [e, p, v] : world.view<Position, const Velocity>().each()) { ... }
//
// A view is a small, cheap-to-copy handle (one pointer per type); it does not own or copy data
// and stays usable as long as its World does. A `const T` in Ts gives const access to that type.
//
// Iteration is led by the smallest store (chosen when the iteration starts; ties go to the
// first type listed). Its dense array is walked BACK TO FRONT, and every other type is checked
// through its sparse array. Walking backwards is what makes these mutations safe inside the
// callback or loop body (see docs/ecs.md, "What is allowed and what is not"):
//   allowed  - modify component values;
//            - destroy the current entity or remove any of its components;
//            - create entities, emplace components on other entities (new lead-type components
//              are not visited in this pass; an entity that gains a missing non-lead component
//              may or may not be; references to a type whose store grew may dangle);
//            - destroy or remove components of entities already visited in this pass;
//   not allowed - remove components of / destroy entities not yet visited (they may be skipped
//              or visited twice; the loop re-clamps its position every step, so it stays in
//              bounds and terminates, but the result is unspecified);
//            - keep component references or pointers across ticks (keep Entity, find again).

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <tuple>
#include <type_traits>
#include <utility>

#include "engine/ecs/component_store.hpp"
#include "engine/ecs/entity.hpp"

namespace bfr::ecs {

namespace detail {

/// The store a view holds for T: const ComponentStore<U> for T = const U, else ComponentStore<T>.
template <class T>
using StoreFor =
    std::conditional_t<std::is_const_v<T>, const ComponentStore<std::remove_const_t<T>>, ComponentStore<T>>;

/// True when no two of Ts name the same component type (ignoring const).
template <class... Ts>
struct AllDistinct : std::true_type {};
template <class T, class... Rest>
struct AllDistinct<T, Rest...>
    : std::bool_constant<(!std::is_same_v<std::remove_const_t<T>, std::remove_const_t<Rest>> && ...) &&
                         AllDistinct<Rest...>::value> {};

}  // namespace detail

/// Iterable intersection of the component types Ts (each may be const-qualified).
template <class... Ts>
class View {
    static_assert(sizeof...(Ts) > 0, "a view needs at least one component type");
    static_assert(detail::AllDistinct<Ts...>::value, "a view lists each component type once");
    static_assert(((!std::is_reference_v<Ts> && !std::is_volatile_v<Ts>)&&...),
                  "view types are component types, optionally const");

    static constexpr std::size_t kCount = sizeof...(Ts);
    static constexpr std::size_t kNoLead = kCount;
    static constexpr std::uint32_t kNone = StoreBase::kNone;
    using Stores = std::tuple<detail::StoreFor<Ts>*...>;

public:
    /// A view over the given stores. A null store means "no component of that type exists": the
    /// view is then empty (World::view() const passes null for types never used).
    explicit View(detail::StoreFor<Ts>*... stores) noexcept : stores_{stores...} {}

    /// Upper bound on the number of matching entities: the size of the smallest store (0 if any
    /// store is missing). Exact for a one-type view.
    [[nodiscard]] std::size_t size_hint() const noexcept {
        const std::size_t lead = lead_index();
        return lead == kNoLead ? 0 : bases(stores_)[lead]->size();
    }

    /// True when e (this exact generation) has every component of the view.
    [[nodiscard]] bool contains(Entity e) const noexcept {
        return std::apply([e](const auto*... s) { return ((s != nullptr && s->contains(e)) && ...); }, stores_);
    }

    /// e's T component (T spelled as in the view, e.g. get<const Velocity>). Precondition: e has
    /// it (else aborts, see ComponentStore::get).
    template <class T>
    [[nodiscard]] T& get(Entity e) const noexcept {
        return std::get<detail::StoreFor<T>*>(stores_)->get(e);
    }

    /// The store behind type T (spelled as in the view), or nullptr if missing.
    template <class T>
    [[nodiscard]] detail::StoreFor<T>* store() const noexcept {
        return std::get<detail::StoreFor<T>*>(stores_);
    }

    /// Calls fn(Entity, Ts&...) or fn(Ts&...) (whichever it accepts; the entity form wins if both
    /// do) for every entity having all of Ts, in reverse dense order of the lead (smallest) store.
    /// See the header comment for what fn may do to the World meanwhile.
    template <class Fn>
    void each(Fn&& fn) const {
        static_assert(std::is_invocable_v<Fn&, Entity, Ts&...> || std::is_invocable_v<Fn&, Ts&...>,
                      "each() needs a callable taking (Entity, Ts&...) or (Ts&...)");
        const std::size_t lead = lead_index();
        if (lead != kNoLead) {
            dispatch_lead(fn, lead, std::index_sequence_for<Ts...>{});
        }
    }

    class Range;

    /// Range-for form: `for (auto [e, a, b] : view.each())`; each element is a
    /// std::tuple<Entity, Ts&...>. Same order and the same mutation rules as each(fn); a little
    /// slower (the lead type is looked up through its sparse array too).
    [[nodiscard]] Range each() const noexcept { return Range{stores_, lead_index()}; }

    /// Input iterator over the matches, used by Range. Compares equal to std::default_sentinel
    /// when exhausted. Dereference it right after begin()/++ (as range-for does): the match is
    /// located during the increment, so mutating the World between ++ and * is not supported.
    class Iterator {
    public:
        using value_type = std::tuple<Entity, Ts&...>;
        using difference_type = std::ptrdiff_t;

        /// A past-the-end iterator.
        Iterator() = default;

        /// The current match: its entity and references to its components.
        [[nodiscard]] value_type operator*() const noexcept { return deref(std::index_sequence_for<Ts...>{}); }

        /// Advances to the next match (re-reading the lead store, which the body may have changed).
        Iterator& operator++() noexcept {
            --pos_;
            settle();
            return *this;
        }

        /// Post-increment (input iterator: returns nothing).
        void operator++(int) noexcept { ++*this; }

        /// True when there is no current match.
        [[nodiscard]] bool operator==(std::default_sentinel_t) const noexcept { return pos_ == 0; }

    private:
        friend class Range;

        Iterator(const Stores* stores, const StoreBase* lead) noexcept
            : stores_{stores}, lead_{lead}, pos_{lead == nullptr ? 0 : lead->size()} {
            settle();
        }

        /// Moves pos_ down to the nearest match at or below pos_-1 (or to 0), clamping to the lead
        /// store's current size first, and records the match's dense slots.
        void settle() noexcept {
            while (pos_ > 0) {
                if (pos_ > lead_->size()) {
                    pos_ = lead_->size();
                    continue;
                }
                if (locate(lead_->entities()[pos_ - 1], std::index_sequence_for<Ts...>{})) {
                    return;
                }
                --pos_;
            }
        }

        template <std::size_t... Is>
        [[nodiscard]] bool locate(Entity e, std::index_sequence<Is...>) noexcept {
            return ((slots_[Is] = std::get<Is>(*stores_)->slot_of(e), slots_[Is] != kNone) && ...);
        }

        template <std::size_t... Is>
        [[nodiscard]] value_type deref(std::index_sequence<Is...>) const noexcept {
            return value_type{lead_->entities()[pos_ - 1], std::get<Is>(*stores_)->at_slot(slots_[Is])...};
        }

        const Stores* stores_ = nullptr;
        const StoreBase* lead_ = nullptr;
        std::size_t pos_ = 0;                        ///< 1 + dense slot of the current match in the lead store; 0 = end
        std::array<std::uint32_t, kCount> slots_{};  ///< the current match's slot in each store
    };

    /// What each() returns: a begin()/end() pair for range-for.
    class Range {
    public:
        /// Iterator at the first match (last dense slot first).
        [[nodiscard]] Iterator begin() const noexcept {
            return Iterator{&stores_, lead_ == kNoLead ? nullptr : lead_store(stores_, lead_)};
        }
        /// End sentinel.
        [[nodiscard]] std::default_sentinel_t end() const noexcept { return std::default_sentinel; }

    private:
        friend class View;
        Range(const Stores& stores, std::size_t lead) noexcept : stores_{stores}, lead_{lead} {}

        Stores stores_;
        std::size_t lead_;
    };

private:
    /// True when some type has no store (the view is then empty).
    [[nodiscard]] static bool any_missing(const Stores& stores) noexcept {
        return std::apply([](const auto*... s) { return ((s == nullptr) || ...); }, stores);
    }

    /// The stores, type-erased, in the order of Ts. Precondition: !any_missing(stores).
    [[nodiscard]] static std::array<const StoreBase*, kCount> bases(const Stores& stores) noexcept {
        return std::apply([](const auto*... s) { return std::array<const StoreBase*, kCount>{s...}; }, stores);
    }

    /// Index (in Ts) of the smallest store (first one on ties), or kNoLead if any is missing.
    [[nodiscard]] std::size_t lead_index() const noexcept {
        if (any_missing(stores_)) {
            return kNoLead;
        }
        const std::array<const StoreBase*, kCount> all = bases(stores_);
        std::size_t lead = 0;
        for (std::size_t i = 1; i < kCount; ++i) {
            if (all[i]->size() < all[lead]->size()) {
                lead = i;
            }
        }
        return lead;
    }

    /// The lead store (type-erased), given its index (not kNoLead).
    [[nodiscard]] static const StoreBase* lead_store(const Stores& stores, std::size_t lead) noexcept {
        return bases(stores)[lead];
    }

    /// Runs each_led_by<L> for the runtime lead index L (one instantiation per possible lead, so
    /// the lead's own lookup is compiled out).
    template <class Fn, std::size_t... Is>
    void dispatch_lead(Fn& fn, std::size_t lead, std::index_sequence<Is...>) const {
        static_cast<void>(
            ((Is == lead ? (each_led_by<Is>(fn, std::index_sequence_for<Ts...>{}), true) : false) || ...));
    }

    template <std::size_t L, class Fn, std::size_t... Is>
    void each_led_by(Fn& fn, std::index_sequence<Is...>) const {
        const auto& lead = *std::get<L>(stores_);
        std::size_t i = lead.size();
        while (i != 0) {
            --i;
            if (i >= lead.size()) {  // rule broken (lead store shrank by more than one): stay in bounds
                i = lead.size();
                continue;
            }
            const Entity e = lead.entities()[i];
            std::array<std::uint32_t, kCount> slots{};
            const bool match =
                ((slots[Is] = (Is == L ? static_cast<std::uint32_t>(i) : std::get<Is>(stores_)->slot_of(e)),
                  slots[Is] != kNone) &&
                 ...);
            if (!match) {
                continue;
            }
            if constexpr (std::is_invocable_v<Fn&, Entity, Ts&...>) {
                fn(e, std::get<Is>(stores_)->at_slot(slots[Is])...);
            } else {
                fn(std::get<Is>(stores_)->at_slot(slots[Is])...);
            }
        }
    }

    Stores stores_;
};

}  // namespace bfr::ecs
