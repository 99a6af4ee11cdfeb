#include "live_bytes.hpp"

#include <atomic>
#include <cstdlib>
#include <new>

#if defined(__SANITIZE_ADDRESS__)
#define BFR_KIOSK_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BFR_KIOSK_TEST_ASAN 1
#endif
#endif

#ifdef BFR_KIOSK_TEST_ASAN
// From <sanitizer/allocator_interface.h> (clang ships it, gcc 12 does not; libasan has it).
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();

std::size_t bfr::modes::kiosk::test::live_heap_bytes() noexcept {
    return __sanitizer_get_current_allocated_bytes();
}
#else
#include <malloc.h>

namespace {

std::atomic<std::size_t> g_live{0};

void* take(std::size_t size) {
    void* p = std::malloc(size == 0 ? 1 : size);
    if (p == nullptr) throw std::bad_alloc();
    g_live.fetch_add(malloc_usable_size(p), std::memory_order_relaxed);
    return p;
}

void* take_aligned(std::size_t size, std::align_val_t align) {
    const auto a = static_cast<std::size_t>(align);
    const std::size_t rounded = ((size == 0 ? 1 : size) + a - 1) / a * a;  // aligned_alloc wants a multiple
    void* p = std::aligned_alloc(a, rounded);
    if (p == nullptr) throw std::bad_alloc();
    g_live.fetch_add(malloc_usable_size(p), std::memory_order_relaxed);
    return p;
}

void give(void* p) noexcept {
    if (p == nullptr) return;
    g_live.fetch_sub(malloc_usable_size(p), std::memory_order_relaxed);
    std::free(p);
}

}  // namespace

std::size_t bfr::modes::kiosk::test::live_heap_bytes() noexcept {
    return g_live.load(std::memory_order_relaxed);
}

void* operator new(std::size_t size) {
    return take(size);
}
void* operator new[](std::size_t size) {
    return take(size);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    try {
        return take(size);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
    try {
        return take(size);
    } catch (...) {
        return nullptr;
    }
}
void* operator new(std::size_t size, std::align_val_t align) {
    return take_aligned(size, align);
}
void* operator new[](std::size_t size, std::align_val_t align) {
    return take_aligned(size, align);
}
void operator delete(void* p) noexcept {
    give(p);
}
void operator delete[](void* p) noexcept {
    give(p);
}
void operator delete(void* p, std::size_t) noexcept {
    give(p);
}
void operator delete[](void* p, std::size_t) noexcept {
    give(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
    give(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
    give(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
    give(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
    give(p);
}
#endif
