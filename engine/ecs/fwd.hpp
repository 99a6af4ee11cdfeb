#pragma once
// Forward declarations for bfr::ecs, plus the few detail helpers every ecs header shares
// (type ids, precondition reporting).
// Include this (not the full headers) from headers that only pass handles or references around.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace bfr::ecs {

struct Entity;
class EntityPool;
class StoreBase;
template <class T>
class ComponentStore;
class Context;
class World;
template <class... Ts>
class View;

enum class Phase : std::uint8_t;
struct TickContext;
struct SystemDesc;
class Schedule;

namespace detail {

/// One distinct object per type T: its address is T's id. No counter, no RTTI, no global
/// mutable state. Contract: ids are unique within one program image (they are not stable across
/// runs, must never be persisted, and are not shared across shared-library boundaries that hide
/// symbols). Never compare ids for order: only for equality.
template <class T>
struct TypeTag {
    static constexpr char kValue = 0;
};

/// Opaque per-type identity used to key type-erased containers (World stores, Context).
using TypeId = const void*;

/// The id of T (cv-qualifiers are significant: callers strip them first).
template <class T>
[[nodiscard]] constexpr TypeId type_id() noexcept {
    return &TypeTag<T>::kValue;
}

/// Reports a broken precondition of a mutating call that is cheap to check in every build
/// (emplacing twice, emplacing on a dead entity). Debug builds print the message and abort (like
/// assert); NDEBUG builds throw std::logic_error(message) and the call leaves state unchanged.
[[noreturn]] inline void precondition_failed(const char* message) {
#ifndef NDEBUG
    std::fprintf(stderr, "bfr::ecs: precondition failed: %s\n", message);
    std::fflush(stderr);
    std::abort();
#else
    throw std::logic_error(message);
#endif
}

/// Reports a broken precondition of an accessor that must return a reference (get() on an
/// absent component): prints the message and aborts, in every build (one predictable branch;
/// the alternative is undefined behaviour).
[[noreturn]] inline void fatal(const char* message) noexcept {
    std::fprintf(stderr, "bfr::ecs: fatal: %s\n", message);
    std::fflush(stderr);
    std::abort();
}

}  // namespace detail
}  // namespace bfr::ecs
