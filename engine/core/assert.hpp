#pragma once
// Assertions for engine code.
//
//   BFR_ASSERT(cond, msg)  checks a precondition/invariant in debug builds (NDEBUG not defined)
//                          and whenever BFR_ENABLE_ASSERTS is defined; otherwise `cond` is not
//                          evaluated (it is still compiled, so it cannot rot).
//   BFR_VERIFY(cond, msg)  is always on, in every build type.
//
// On failure both print "file:line: assertion failed: cond (msg)" to stderr and call std::abort().
// `msg` must be a C string (usually a literal). `cond` is evaluated exactly once when active.

#include <cstdio>
#include <cstdlib>

namespace bfr::core::detail {

/// Reports a failed assertion on stderr and aborts. Never returns.
[[noreturn]] inline void assert_fail(const char* condition, const char* message, const char* file, int line) noexcept {
    std::fprintf(stderr, "%s:%d: assertion failed: %s (%s)\n", file, line, condition, message);
    std::fflush(stderr);
    std::abort();
}

}  // namespace bfr::core::detail

/// Always-on check: aborts with file:line and `msg` when `cond` is false.
#define BFR_VERIFY(cond, msg)                                                   \
    do {                                                                        \
        if (!static_cast<bool>(cond)) [[unlikely]] {                            \
            ::bfr::core::detail::assert_fail(#cond, (msg), __FILE__, __LINE__); \
        }                                                                       \
    } while (false)

#if !defined(NDEBUG) || defined(BFR_ENABLE_ASSERTS)
/// Debug check: like BFR_VERIFY, active unless NDEBUG is defined (or BFR_ENABLE_ASSERTS forces it).
#define BFR_ASSERT(cond, msg) BFR_VERIFY(cond, msg)
/// 1 when BFR_ASSERT is active in this translation unit, else 0.
#define BFR_ASSERTS_ENABLED 1
#else
#define BFR_ASSERT(cond, msg)                               \
    do {                                                    \
        static_cast<void>(sizeof(static_cast<bool>(cond))); \
        static_cast<void>(sizeof(msg));                     \
    } while (false)
#define BFR_ASSERTS_ENABLED 0
#endif
