#pragma once
// Sokol-style generational handles: a 32-bit id whose low 16 bits are (slot index + 1) and whose
// high 16 bits are the slot's generation. Id 0 is never produced, so a default-constructed
// Handle is always invalid. Freeing a slot bumps its generation, so handles kept past a free are
// detected as stale instead of silently aliasing the slot's next occupant.

#include <cstdint>
#include <vector>

namespace bfr::render {

/// Opaque generational handle. `id == 0` means "no resource".
template <class Tag>
struct Handle {
    /// Low 16 bits: slot index + 1 (never 0 for a live handle); high 16 bits: generation.
    std::uint32_t id = 0;

    /// True when the id is non-zero. Says nothing about liveness: ask the pool (or renderer).
    [[nodiscard]] constexpr bool is_set() const { return id != 0; }
    /// Handles compare by id.
    friend constexpr bool operator==(const Handle&, const Handle&) = default;
};

/// Tag that makes MeshHandle its own type.
struct MeshTag;
/// Handle to a mesh created by Renderer::create_mesh.
using MeshHandle = Handle<MeshTag>;

/// Slot index reported for handles that do not refer to a live slot.
inline constexpr std::uint16_t kInvalidHandleIndex = 0xFFFF;

/// Fixed-capacity pool of generational handles (at most 65535 slots). Only hands out ids; the
/// owner keeps per-slot data in its own arrays indexed by index(). Not thread-safe.
template <class Tag>
class HandlePool {
public:
    /// Creates a pool with `capacity` slots (0..65535); alloc() fails once all are live.
    explicit HandlePool(std::uint16_t capacity) : generations_(capacity, 0), live_(capacity, false) {
        free_.reserve(capacity);
        // Pushed in reverse so that the first alloc() returns slot 0, the next slot 1, ...
        for (std::uint32_t i = capacity; i > 0; --i) {
            free_.push_back(static_cast<std::uint16_t>(i - 1));
        }
    }

    /// Takes a free slot and returns its handle, or an invalid handle (id 0) when the pool is full.
    [[nodiscard]] Handle<Tag> alloc() {
        if (free_.empty()) {
            return Handle<Tag>{};
        }
        const std::uint16_t slot = free_.back();
        free_.pop_back();
        live_[slot] = true;
        ++size_;
        return Handle<Tag>{make_id(slot, generations_[slot])};
    }

    /// Releases the handle's slot. Returns false (and does nothing) for invalid or stale handles.
    bool free(Handle<Tag> handle) {
        if (!valid(handle)) {
            return false;
        }
        const std::uint16_t slot = slot_of(handle);
        live_[slot] = false;
        // Wraps 65535 -> 0; ids stay non-zero because the low half is slot + 1 >= 1.
        generations_[slot] = static_cast<std::uint16_t>(generations_[slot] + 1U);
        free_.push_back(slot);
        --size_;
        return true;
    }

    /// True when the handle refers to a live slot of this generation.
    [[nodiscard]] bool valid(Handle<Tag> handle) const {
        if (handle.id == 0) {
            return false;
        }
        const std::uint32_t low = handle.id & 0xFFFFU;
        if (low == 0 || low > live_.size()) {
            return false;
        }
        const std::uint16_t slot = static_cast<std::uint16_t>(low - 1U);
        return live_[slot] && generations_[slot] == generation_of(handle);
    }

    /// Slot index (0..capacity-1) of a valid handle; kInvalidHandleIndex for invalid/stale ones.
    [[nodiscard]] std::uint16_t index(Handle<Tag> handle) const {
        return valid(handle) ? slot_of(handle) : kInvalidHandleIndex;
    }

    /// Number of live handles.
    [[nodiscard]] std::uint16_t size() const { return size_; }
    /// Total number of slots.
    [[nodiscard]] std::uint16_t capacity() const { return static_cast<std::uint16_t>(live_.size()); }

    /// Generation stored in a handle's high 16 bits.
    [[nodiscard]] static constexpr std::uint16_t generation_of(Handle<Tag> handle) {
        return static_cast<std::uint16_t>(handle.id >> 16U);
    }

private:
    [[nodiscard]] static constexpr std::uint32_t make_id(std::uint16_t slot, std::uint16_t gen) {
        return (static_cast<std::uint32_t>(gen) << 16U) | (static_cast<std::uint32_t>(slot) + 1U);
    }
    [[nodiscard]] static constexpr std::uint16_t slot_of(Handle<Tag> handle) {
        return static_cast<std::uint16_t>((handle.id & 0xFFFFU) - 1U);
    }

    std::vector<std::uint16_t> generations_;  // current generation of each slot
    std::vector<bool> live_;                  // slot in use?
    std::vector<std::uint16_t> free_;         // stack of free slots
    std::uint16_t size_ = 0;
};

}  // namespace bfr::render
