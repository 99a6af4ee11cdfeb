#pragma once
// EntityPool: hands out generational Entity handles and recycles their slots.
//
// Recycling is FIFO: a destroyed slot goes to the back of a queue and is reused only after every
// slot freed before it. Compared with LIFO this spreads generation bumps over all free slots, so
// a stale handle is much less likely to meet its slot's next occupant (a use-after-destroy bug
// stays "absent" for longer instead of silently hitting a new entity), at the cost of slightly
// less cache-hot reuse. The order is fully deterministic: same calls, same handles.

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

#include "engine/ecs/entity.hpp"

namespace bfr::ecs {

/// Allocator of Entity handles. Not thread-safe (one World, one thread).
class EntityPool {
public:
    /// Largest number of slots a pool can hold (indices 0 .. kMaxSlots-1).
    static constexpr std::size_t kMaxSlots = UINT32_MAX;

    /// An empty pool: the first create() returns {0, 1}.
    EntityPool() = default;
    /// Copies every slot and the free queue: the copy hands out the same handles as the original.
    EntityPool(const EntityPool&) = default;
    /// Copy-assigns (see the copy constructor).
    EntityPool& operator=(const EntityPool&) = default;
    /// Takes other's state; other becomes an empty pool.
    EntityPool(EntityPool&& other) noexcept
        : slots_{std::exchange(other.slots_, {})},
          free_{std::exchange(other.free_, {})},
          free_head_{std::exchange(other.free_head_, 0)},
          alive_{std::exchange(other.alive_, 0)} {}
    /// Takes other's state; other becomes an empty pool.
    EntityPool& operator=(EntityPool&& other) noexcept {
        if (this != &other) {
            slots_ = std::exchange(other.slots_, {});
            free_ = std::exchange(other.free_, {});
            free_head_ = std::exchange(other.free_head_, 0);
            alive_ = std::exchange(other.alive_, 0);
        }
        return *this;
    }
    ~EntityPool() = default;

    /// Returns a new live handle: the oldest freed slot (with its generation already bumped at
    /// destroy time), or a fresh slot with generation 1. Never returns a null handle.
    /// Throws std::length_error when kMaxSlots slots are alive, std::bad_alloc on allocation failure.
    [[nodiscard]] Entity create() {
        if (free_head_ < free_.size()) {
            const std::uint32_t index = free_[free_head_++];
            if (free_head_ == free_.size()) {
                free_.clear();
                free_head_ = 0;
            } else if (free_head_ >= kCompactAt && free_head_ * 2 >= free_.size()) {
                compact_free_queue();
            }
            Slot& slot = slots_[index];
            slot.alive = true;
            ++alive_;
            return Entity{index, slot.generation};
        }
        if (slots_.size() >= kMaxSlots) {
            throw std::length_error("bfr::ecs::EntityPool: out of entity indices");
        }
        // destroy() must not allocate: the free queue always has room for every slot.
        const std::size_t needed = slots_.size() + 1;
        if (free_.capacity() < needed) {
            free_.reserve(std::max(needed, free_.capacity() * 2));
        }
        const auto index = static_cast<std::uint32_t>(slots_.size());
        slots_.push_back(Slot{1U, true});
        ++alive_;
        return Entity{index, 1U};
    }

    /// Ends e's life: bumps its slot's generation (so every copy of e becomes stale) and queues the
    /// slot for reuse. Returns false, and does nothing, for null or stale handles.
    bool destroy(Entity e) noexcept {
        if (!alive(e)) {
            return false;
        }
        Slot& slot = slots_[e.index];
        slot.alive = false;
        slot.generation = next_generation(slot.generation);
        if (free_.size() == free_.capacity()) {
            compact_free_queue();  // frees the consumed front; never allocates
        }
        free_.push_back(e.index);  // room guaranteed (see create()): cannot throw
        --alive_;
        return true;
    }

    /// True when e was returned by create() and has not been destroyed since.
    [[nodiscard]] bool alive(Entity e) const noexcept {
        return e.index < slots_.size() && slots_[e.index].alive && slots_[e.index].generation == e.generation;
    }

    /// The live handle currently occupying slot `index`, or kNullEntity if the slot is free or
    /// was never created. Lets debug tools turn an index back into a handle.
    [[nodiscard]] Entity handle_at(std::uint32_t index) const noexcept {
        if (index >= slots_.size() || !slots_[index].alive) {
            return kNullEntity;
        }
        return Entity{index, slots_[index].generation};
    }

    /// Number of live entities.
    [[nodiscard]] std::size_t size() const noexcept { return alive_; }

    /// Number of slots ever created (live + free); every live index is < capacity().
    [[nodiscard]] std::size_t capacity() const noexcept { return slots_.size(); }

    /// Pre-allocates room for n slots (does not create entities).
    void reserve(std::size_t n) {
        slots_.reserve(n);
        free_.reserve(n);
    }

    /// Destroys every live entity (bumping generations exactly as destroy() would, in index order),
    /// so all outstanding handles become stale. Slots are kept for reuse.
    void clear() noexcept {
        for (std::uint32_t i = 0; i < slots_.size(); ++i) {
            if (slots_[i].alive) {
                static_cast<void>(destroy(Entity{i, slots_[i].generation}));
            }
        }
        assert(alive_ == 0 && "EntityPool::clear: live count out of sync");
    }

private:
    /// Drops the consumed entries [0, free_head_) of the FIFO queue (no allocation).
    void compact_free_queue() noexcept {
        free_.erase(free_.begin(), free_.begin() + static_cast<std::ptrdiff_t>(free_head_));
        free_head_ = 0;
    }

    struct Slot {
        std::uint32_t generation;  ///< Generation of the current (alive) or next (free) occupant.
        bool alive;
    };

    /// Compact the FIFO queue once this many consumed entries sit at its front.
    static constexpr std::size_t kCompactAt = 1024;

    std::vector<Slot> slots_;
    std::vector<std::uint32_t> free_;  ///< FIFO of free slot indices: live part is [free_head_, end).
    std::size_t free_head_ = 0;
    std::size_t alive_ = 0;
};

}  // namespace bfr::ecs
