// The decoder's hot path does not allocate: once warm, decoding more rows makes no heap
// allocation. Allocations are counted with the sanitizer's malloc hook under ASan, and by
// replacing the global operator new otherwise.

#include "decode_helpers.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

#if defined(__SANITIZE_ADDRESS__)
#define BFR_TELEMETRY_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BFR_TELEMETRY_TEST_ASAN 1
#endif
#endif

namespace {

std::atomic<bool> g_counting{false};
std::atomic<std::size_t> g_allocations{0};

void count_allocation() noexcept {
    if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

#if defined(BFR_TELEMETRY_TEST_ASAN)
extern "C" int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void*, std::size_t),
                                                         void (*free_hook)(const volatile void*));
namespace {
void malloc_hook(const volatile void*, std::size_t) {
    count_allocation();
}
void free_hook(const volatile void*) {}
const bool g_hooks_installed = __sanitizer_install_malloc_and_free_hooks(malloc_hook, free_hook) != 0;
}  // namespace
#else
namespace {
const bool g_hooks_installed = true;
}  // namespace
void* operator new(std::size_t size) {
    count_allocation();
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

TEST_CASE("decoding CSV and NDJSON rows does not allocate once warm", "[telemetry][alloc]") {
    REQUIRE(g_hooks_installed);
    std::string csv = "t_s,cuff_mmHg,target_mmHg,lop_mmHg,ax_g,ay_g,az_g,event\n";
    std::string ndjson;
    for (int i = 0; i < 20'000; ++i) {
        csv += fmt::format("{}.{:02},{}.5,90,180,0.01,-0.98,0.11,{}\n", i / 100, i % 100, 80 + i % 40,
                           i % 50 == 0 ? "note:a somewhat longer event text" : "");
        ndjson += fmt::format("{{\"t_s\":{}.{:02},\"cuff_mmHg\":{},\"seq\":{},\"event\":\"x\\u00e9\"}}\n", i / 100,
                              i % 100, 80 + i % 40, i);
    }
    csv += "99999,abc,1,1,1,1,1,\n";  // a bad row past the kept problems costs nothing either
    // The counter counts.
    g_allocations = 0;
    g_counting = true;
    auto* probe = new std::string(1000, 'x');
    g_counting = false;
    delete probe;
    REQUIRE(g_allocations.load() >= 1);

    bfr::telemetry::Decoder decoder(bfr::telemetry_v1::schema());
    std::size_t rows = 0;
    auto sink = [&](const bfr::telemetry::Sample&) { ++rows; };
    const std::string_view text(csv);
    const std::size_t warm = text.find('\n', 4096) + 1;
    decoder.feed(text.substr(0, warm), sink);                  // warm up: header, first event, scratch strings
    for (int i = 0; i < 6; ++i) decoder.feed("oops\n", sink);  // fill the kept problems
    g_allocations = 0;
    g_counting = true;
    for (std::size_t at = warm; at < text.size(); at += 65536) decoder.feed(text.substr(at, 65536), sink);
    const std::size_t csv_allocations = g_allocations.load();
    g_counting = false;
    CHECK(csv_allocations == 0);
    CHECK(decoder.report().rows_used() == 20'000);
    CHECK(decoder.report().rows_skipped() == 7);

    // NDJSON (auto mode), with an unknown key and an escaped event.
    bfr::telemetry::Decoder nd(bfr::telemetry_v1::schema());
    const std::string_view nd_text(ndjson);
    const std::size_t nd_warm = nd_text.find('\n', 4096) + 1;
    nd.feed(nd_text.substr(0, nd_warm), sink);
    g_allocations = 0;
    g_counting = true;
    for (std::size_t at = nd_warm; at < nd_text.size(); at += 65536) nd.feed(nd_text.substr(at, 65536), sink);
    const std::size_t nd_allocations = g_allocations.load();
    g_counting = false;
    CHECK(nd_allocations == 0);
    CHECK(nd.report().rows_used() == 20'000);
}
