#pragma once
// Typed queues for decoupling producers from consumers inside one thread.
//
// EventQueue<E>: "something happened" notifications (EnTT enqueue + update style). Producers
// push during a tick; the owner drains once at a well-defined point and every handler sees the
// events in push order.
//
// CommandQueue<C>: "please do this" requests from the UI/input side, applied by the simulation
// at the start of the next tick. Bounded: the UI can never grow memory without limit.
//
// Neither queue is thread-safe. Both recycle their buffers, so steady state does not allocate.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/core/fwd.hpp"

namespace bfr::core {

namespace detail {

/// Appends E built from `args` to `out`; aggregates are brace-initialised (clang 14 lacks P0960).
template <class E, class... Args>
void emplace_into(std::vector<E>& out, Args&&... args) {
    if constexpr (std::is_constructible_v<E, Args...>) {
        out.emplace_back(std::forward<Args>(args)...);
    } else {
        out.push_back(E{std::forward<Args>(args)...});
    }
}

}  // namespace detail

/// FIFO of pending events of type E, delivered in batches by drain().
template <class E>
class EventQueue {
public:
    /// The event type.
    using value_type = E;

    /// Appends a copy of `event` to the pending events.
    void push(const E& event) { pending_.push_back(event); }

    /// Appends `event` (moved) to the pending events.
    void push(E&& event) { pending_.push_back(std::move(event)); }

    /// Appends an event constructed (or brace-initialised, for aggregates) from `args`.
    template <class... Args>
    void emplace(Args&&... args) {
        detail::emplace_into(pending_, std::forward<Args>(args)...);
    }

    /// Calls handle(const E&) once for every event pending at the moment of the call, in push
    /// order, then forgets them; returns how many were delivered.
    ///
    /// Events pushed while draining (e.g. by `handle` itself) are NOT delivered by this call:
    /// they stay pending for the next drain(). The event being handled lives in a separate
    /// buffer, so pushing never invalidates it. A nested drain() from inside `handle` is
    /// memory-safe and delivers only the events pushed since the outer drain began.
    /// If `handle` throws, the exception propagates and the rest of this batch is discarded.
    template <class F>
    std::size_t drain(F&& handle) {
        std::vector<E> batch = std::move(spare_);  // reuse the last batch's capacity
        batch.clear();
        batch.swap(pending_);
        for (const E& event : batch) {
            std::invoke(handle, event);
        }
        const std::size_t delivered = batch.size();
        batch.clear();
        spare_ = std::move(batch);
        return delivered;
    }

    /// Number of pending events.
    [[nodiscard]] std::size_t size() const noexcept { return pending_.size(); }

    /// True when no events are pending.
    [[nodiscard]] bool empty() const noexcept { return pending_.empty(); }

    /// Discards all pending events without delivering them (keeps capacity).
    void clear() noexcept { pending_.clear(); }

    /// The pending events in push order. Invalidated by any push/emplace/drain/clear.
    [[nodiscard]] std::span<const E> peek() const noexcept { return pending_; }

private:
    std::vector<E> pending_;
    std::vector<E> spare_;
};

/// Bounded FIFO of commands of type C, taken as a whole batch at the start of a tick.
template <class C>
class CommandQueue {
public:
    /// The command type.
    using value_type = C;
    /// Default bound on pending commands.
    static constexpr std::size_t kDefaultMaxPending = 1024;

    /// Creates an empty queue that holds at most `max_pending` commands (0 drops everything).
    explicit CommandQueue(std::size_t max_pending = kDefaultMaxPending) noexcept : max_pending_{max_pending} {}

    /// Appends `command`; returns false (and counts it in dropped()) when the queue is full.
    bool push(const C& command) {
        if (full()) {
            ++dropped_;
            return false;
        }
        pending_.push_back(command);
        return true;
    }

    /// Appends `command` (moved); returns false (and counts it in dropped()) when full.
    bool push(C&& command) {
        if (full()) {
            ++dropped_;
            return false;
        }
        pending_.push_back(std::move(command));
        return true;
    }

    /// Appends a command built from `args`; returns false (and counts a drop) when full, in
    /// which case nothing is constructed.
    template <class... Args>
    bool emplace(Args&&... args) {
        if (full()) {
            ++dropped_;
            return false;
        }
        detail::emplace_into(pending_, std::forward<Args>(args)...);
        return true;
    }

    /// Moves all pending commands, in push order, into `out`, replacing its previous contents;
    /// returns how many were taken. Swap-based: the queue keeps `out`'s old capacity, so a
    /// caller that reuses the same `out` every tick causes no allocation in steady state.
    std::size_t take_into(std::vector<C>& out) noexcept {
        out.clear();
        out.swap(pending_);
        return out.size();
    }

    /// Returns all pending commands in push order and leaves the queue empty.
    [[nodiscard]] std::vector<C> take() noexcept {
        std::vector<C> out;
        out.swap(pending_);
        return out;
    }

    /// Number of pending commands.
    [[nodiscard]] std::size_t size() const noexcept { return pending_.size(); }

    /// True when no commands are pending.
    [[nodiscard]] bool empty() const noexcept { return pending_.empty(); }

    /// True when the next push would be dropped.
    [[nodiscard]] bool full() const noexcept { return pending_.size() >= max_pending_; }

    /// The bound given at construction.
    [[nodiscard]] std::size_t max_pending() const noexcept { return max_pending_; }

    /// Total number of commands dropped because the queue was full (since construction or
    /// reset_dropped()).
    [[nodiscard]] std::uint64_t dropped() const noexcept { return dropped_; }

    /// Sets dropped() back to 0.
    void reset_dropped() noexcept { dropped_ = 0; }

    /// Discards all pending commands (keeps capacity; does not count them as dropped).
    void clear() noexcept { pending_.clear(); }

    /// The pending commands in push order. Invalidated by any push/emplace/take/clear.
    [[nodiscard]] std::span<const C> peek() const noexcept { return pending_; }

private:
    std::vector<C> pending_;
    std::size_t max_pending_;
    std::uint64_t dropped_ = 0;
};

}  // namespace bfr::core
