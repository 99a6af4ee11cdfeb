#pragma once
// Counts calls to the global operator new in this test executable (allocation_counter.cpp).
// Not available under AddressSanitizer, which owns operator new itself.

#include <cstddef>

namespace bfr::sim::test {

/// True when allocation counting is compiled in.
bool allocation_counting_enabled() noexcept;
/// Number of operator new calls so far (0 when counting is disabled).
std::size_t allocation_count() noexcept;

}  // namespace bfr::sim::test
