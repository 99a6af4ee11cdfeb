#pragma once
// Context: per-World singletons ("resources"), EnTT's registry.ctx(). One object per type,
// type-erased, heap-allocated (so references stay valid until that object is erased or
// replaced, whatever else is emplaced), destroyed in reverse order of emplacement.

#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/ecs/fwd.hpp"

namespace bfr::ecs {

/// A type-indexed bag of singletons. Lookup is a linear scan (contexts hold a handful of
/// objects). Move-only. Not thread-safe.
class Context {
public:
    /// An empty context.
    Context() = default;
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    /// Takes over other's objects (other becomes empty). No object is moved or destroyed.
    Context(Context&& other) noexcept : entries_{std::exchange(other.entries_, {})} {}

    /// Destroys this context's objects (reverse emplacement order), then takes over other's.
    Context& operator=(Context&& other) noexcept {
        if (this != &other) {
            clear();
            entries_ = std::exchange(other.entries_, {});
        }
        return *this;
    }

    /// Destroys every object in reverse order of emplacement.
    ~Context() { clear(); }

    /// Creates the T singleton from args (T{args...} for aggregates, T(args...) otherwise). If a T
    /// already exists it is replaced: the new one is constructed first, then the old one destroyed,
    /// and the new one counts as the most recent emplacement for destruction order.
    /// Strong exception guarantee. T: a non-const object type with a noexcept destructor.
    template <class T, class... Args>
    T& emplace(Args&&... args) {
        static_assert(std::is_object_v<T> && !std::is_const_v<T> && !std::is_volatile_v<T>,
                      "context objects are plain object types");
        static_assert(std::is_nothrow_destructible_v<T>, "context objects must not throw on destruction");
        entries_.reserve(entries_.size() + 1);  // after this, nothing below can fail
        T* object = nullptr;
        if constexpr (std::is_aggregate_v<T>) {
            object = new T{std::forward<Args>(args)...};
        } else {
            object = new T(std::forward<Args>(args)...);
        }
        static_cast<void>(erase<T>());
        entries_.push_back(Entry{detail::type_id<T>(), object, &destroy<T>});
        return *object;
    }

    /// The T singleton, or nullptr if none. find<const T>() is allowed and returns const T*.
    template <class T>
    [[nodiscard]] T* find() noexcept {
        const Entry* entry = lookup(detail::type_id<std::remove_cv_t<T>>());
        return entry == nullptr ? nullptr : static_cast<T*>(entry->object);
    }

    /// The T singleton, or nullptr if none.
    template <class T>
    [[nodiscard]] const T* find() const noexcept {
        const Entry* entry = lookup(detail::type_id<std::remove_cv_t<T>>());
        return entry == nullptr ? nullptr : static_cast<const T*>(entry->object);
    }

    /// The T singleton. Precondition: contains<T>(); violating it prints a message and aborts
    /// (every build).
    template <class T>
    [[nodiscard]] T& get() noexcept {
        T* object = find<T>();
        if (object == nullptr) [[unlikely]] {
            detail::fatal("Context::get: no object of this type");
        }
        return *object;
    }

    /// The T singleton. Precondition: contains<T>(); violating it prints a message and aborts
    /// (every build).
    template <class T>
    [[nodiscard]] const T& get() const noexcept {
        const T* object = find<T>();
        if (object == nullptr) [[unlikely]] {
            detail::fatal("Context::get: no object of this type");
        }
        return *object;
    }

    /// True when a T singleton exists.
    template <class T>
    [[nodiscard]] bool contains() const noexcept {
        return lookup(detail::type_id<std::remove_cv_t<T>>()) != nullptr;
    }

    /// Destroys the T singleton. Returns false if there was none.
    template <class T>
    bool erase() noexcept {
        const detail::TypeId id = detail::type_id<std::remove_cv_t<T>>();
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            if (entries_[i].id == id) {
                const Entry entry = entries_[i];
                entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(i));
                entry.destroy(entry.object);  // after unlinking: a destructor may use the context
                return true;
            }
        }
        return false;
    }

    /// Number of singletons.
    [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }

    /// Destroys every singleton, most recently emplaced first. Destructors may use the context
    /// (objects emplaced before them are still alive).
    void clear() noexcept {
        while (!entries_.empty()) {
            const Entry entry = entries_.back();
            entries_.pop_back();
            entry.destroy(entry.object);
        }
    }

private:
    using Destroy = void (*)(void*) noexcept;

    struct Entry {
        detail::TypeId id;
        void* object;
        Destroy destroy;
    };

    template <class T>
    static void destroy(void* object) noexcept {
        delete static_cast<T*>(object);
    }

    [[nodiscard]] const Entry* lookup(detail::TypeId id) const noexcept {
        for (const Entry& entry : entries_) {
            if (entry.id == id) {
                return &entry;
            }
        }
        return nullptr;
    }

    std::vector<Entry> entries_;
};

}  // namespace bfr::ecs
