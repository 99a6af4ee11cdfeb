#pragma once
// Helpers for the live-source tests: bounded waits (never a bare sleep) and line collection.

#include <chrono>
#include <cstddef>
#include <string>
#include <thread>
#include <vector>

#include "engine/telemetry/live/live_source.hpp"

namespace bfr::telemetry::test {

/// Generous upper bound for anything a test waits for (it normally takes milliseconds).
inline constexpr std::chrono::milliseconds kDeadline{5000};

/// Polls `done()` every millisecond until it is true (returns true) or `timeout` passes (false).
template <class Pred>
bool wait_until(Pred&& done, std::chrono::milliseconds timeout = kDeadline) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds{1});
    }
    return true;
}

/// Drains `source` into `lines` until it holds at least `count` lines or the deadline passes.
inline bool collect(LiveSource& source, std::vector<RawLine>& lines, std::size_t count) {
    return wait_until([&] {
        source.drain(lines, 1024);
        return lines.size() >= count;
    });
}

/// The texts of `lines`.
inline std::vector<std::string> texts(const std::vector<RawLine>& lines) {
    std::vector<std::string> out;
    out.reserve(lines.size());
    for (const RawLine& line : lines) out.emplace_back(line.view());
    return out;
}

/// How long destroying `source` takes (it stops and joins the reader thread).
template <class Ptr>
std::chrono::milliseconds time_to_destroy(Ptr& source) {
    const auto start = std::chrono::steady_clock::now();
    source.reset();
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

}  // namespace bfr::telemetry::test
