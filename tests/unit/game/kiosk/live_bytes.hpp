#pragma once
// Bytes the program holds from operator new right now (live_bytes.cpp replaces the global
// operator new and delete of the test executable). Exact, unlike glibc's mallinfo, whose "in use"
// also counts the chunks its per-thread cache keeps for reuse (which fill up slowly over hours).
// Under AddressSanitizer, its allocator's own count (ASan owns operator new).

#include <cstddef>

namespace bfr::modes::kiosk::test {

[[nodiscard]] std::size_t live_heap_bytes() noexcept;

}  // namespace bfr::modes::kiosk::test
