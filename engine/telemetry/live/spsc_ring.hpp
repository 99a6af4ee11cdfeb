#pragma once
// A bounded, lock-free single-producer / single-consumer ring buffer.
//
// Exactly one thread calls try_push() and exactly one (possibly other) thread calls try_pop();
// size_approx() and capacity() may be called from either. Neither side ever blocks or allocates:
// the storage is allocated once by the constructor. A full ring rejects the NEWEST item
// (try_push returns false and the producer counts the overflow), so a stalled consumer can
// never stall the producer.
//
// Head and tail are free-running counters (indices are `counter & mask`), each on its own cache
// line together with nothing the other side writes; each side caches the other's counter and
// only reloads it (acquire) when its cached copy says full/empty. (The class is 64-byte aligned
// and its size a multiple of 64, so nothing placed after it shares head_cache_'s line.) The release store of the tail
// publishes the slot written before it; the release store of the head hands the slot back.

#include <atomic>
#include <cstddef>
#include <memory>
#include <type_traits>

namespace bfr::telemetry {

/// Lock-free bounded SPSC queue of `T` (see the file comment for the threading contract).
template <class T>
class SpscRing {
    static_assert(std::is_default_constructible_v<T>, "slots are default-constructed up front");
    static_assert(std::is_nothrow_copy_assignable_v<T>, "push/pop copy-assign and must not throw");

public:
    /// Largest capacity the constructor accepts (larger requests are clamped to it).
    static constexpr std::size_t kMaxCapacity = std::size_t{1} << 24;

    /// Allocates a ring that holds `min_capacity` items rounded up to a power of two
    /// (at least 2, at most kMaxCapacity).
    explicit SpscRing(std::size_t min_capacity)
        : capacity_{round_up(min_capacity)}, mask_{capacity_ - 1}, slots_{std::make_unique<T[]>(capacity_)} {}

    SpscRing(const SpscRing&) = delete;             ///< Shared by two threads: not copyable.
    SpscRing& operator=(const SpscRing&) = delete;  ///< Shared by two threads: not copyable.
    SpscRing(SpscRing&&) = delete;                  ///< Shared by two threads: not movable.
    SpscRing& operator=(SpscRing&&) = delete;       ///< Shared by two threads: not movable.
    /// Frees the storage (no thread may be using the ring any more).
    ~SpscRing() = default;

    /// Producer only. Copies `item` in and returns true, or returns false at once when full.
    bool try_push(const T& item) noexcept {
        const std::size_t tail = tail_.load(std::memory_order_relaxed);
        if (tail - head_cache_ == capacity_) {
            head_cache_ = head_.load(std::memory_order_acquire);
            if (tail - head_cache_ == capacity_) return false;
        }
        slots_[tail & mask_] = item;
        tail_.store(tail + 1, std::memory_order_release);
        return true;
    }

    /// Consumer only. Moves the oldest item into `out` and returns true, or returns false at once
    /// when empty (`out` is then unchanged).
    bool try_pop(T& out) noexcept {
        const std::size_t head = head_.load(std::memory_order_relaxed);
        if (head == tail_cache_) {
            tail_cache_ = tail_.load(std::memory_order_acquire);
            if (head == tail_cache_) return false;
        }
        out = slots_[head & mask_];
        head_.store(head + 1, std::memory_order_release);
        return true;
    }

    /// Items in the ring, in [0, capacity()]. Exact when called by the consumer while the producer
    /// is idle (or by the producer while the consumer is idle); a snapshot otherwise.
    [[nodiscard]] std::size_t size_approx() const noexcept {
        // Head first: the tail read afterwards can only be newer, so tail >= head.
        const std::size_t head = head_.load(std::memory_order_acquire);
        const std::size_t tail = tail_.load(std::memory_order_acquire);
        const std::size_t size = tail - head;
        return size > capacity_ ? capacity_ : size;
    }

    /// How many items the ring holds when full (a power of two).
    [[nodiscard]] std::size_t capacity() const noexcept { return capacity_; }

private:
    static constexpr std::size_t kCacheLine = 64;

    static std::size_t round_up(std::size_t wanted) noexcept {
        std::size_t capacity = 2;
        while (capacity < wanted && capacity < kMaxCapacity) capacity <<= 1U;
        return capacity;
    }

    const std::size_t capacity_;
    const std::size_t mask_;
    const std::unique_ptr<T[]> slots_;

    alignas(kCacheLine) std::atomic<std::size_t> head_{0};  ///< Next slot to pop; written by the consumer.
    alignas(kCacheLine) std::size_t tail_cache_ = 0;        ///< Consumer's last view of tail_.
    alignas(kCacheLine) std::atomic<std::size_t> tail_{0};  ///< Next slot to fill; written by the producer.
    alignas(kCacheLine) std::size_t head_cache_ = 0;        ///< Producer's last view of head_.
};

}  // namespace bfr::telemetry
