#include "allocation_counter.hpp"

#include <atomic>
#include <cstdlib>
#include <new>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BFR_SIM_TEST_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define BFR_SIM_TEST_ASAN 1
#endif

namespace {
std::atomic<std::size_t> g_allocations{0};
}  // namespace

namespace bfr::sim::test {

#if defined(BFR_SIM_TEST_ASAN)
bool allocation_counting_enabled() noexcept {
    return false;
}
#else
bool allocation_counting_enabled() noexcept {
    return true;
}
#endif
std::size_t allocation_count() noexcept {
    return g_allocations.load(std::memory_order_relaxed);
}

}  // namespace bfr::sim::test

#if !defined(BFR_SIM_TEST_ASAN)
void* operator new(std::size_t size) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}
#endif
