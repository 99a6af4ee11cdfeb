#include <catch2/catch.hpp>

#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "engine/core/assert.hpp"
#include "engine/core/log.hpp"

using namespace bfr::core;

namespace {

/// A value whose fmt formatter counts how often it actually runs.
struct Counted {
    static inline int formats = 0;
    int value = 0;
};

/// A sink that records every message it receives.
struct Capture {
    std::mutex mutex;
    std::vector<std::pair<LogLevel, std::string>> lines;

    LogSink sink() {
        return [this](LogLevel level, std::string_view message) {
            const std::lock_guard lock{mutex};
            lines.emplace_back(level, std::string{message});
        };
    }
};

}  // namespace

template <>
struct fmt::formatter<Counted> : fmt::formatter<int> {
    auto format(const Counted& c, fmt::format_context& ctx) const -> decltype(ctx.out()) {
        ++Counted::formats;
        return fmt::formatter<int>::format(c.value, ctx);
    }
};

TEST_CASE("log: messages at or above the level reach the sink, formatted", "[core][log]") {
    Capture capture;
    const ScopedLogSink scoped_sink{capture.sink()};
    const ScopedLogLevel scoped_level{LogLevel::Info};

    log_trace("trace {}", 1);
    log_debug("debug {}", 2);
    log_info("cuff at {} mmHg", 180);
    log_warn("limb occlusion pressure {:.1f}%", 79.95);
    log_error("sensor {} lost", std::string{"left"});
    log_message(LogLevel::Info, "preformatted");
    log_message(LogLevel::Debug, "hidden");
    log_message(LogLevel::Off, "never");

    REQUIRE(capture.lines.size() == 4);
    CHECK(capture.lines[0] == std::pair{LogLevel::Info, std::string{"cuff at 180 mmHg"}});
    CHECK(capture.lines[1] == std::pair{LogLevel::Warn, std::string{"limb occlusion pressure 80.0%"}});
    CHECK(capture.lines[2] == std::pair{LogLevel::Error, std::string{"sensor left lost"}});
    CHECK(capture.lines[3] == std::pair{LogLevel::Info, std::string{"preformatted"}});
}

TEST_CASE("log: arguments below the level are never formatted", "[core][log]") {
    Capture capture;
    const ScopedLogSink scoped_sink{capture.sink()};
    const ScopedLogLevel scoped_level{LogLevel::Warn};
    Counted::formats = 0;

    log_trace("{}", Counted{1});
    log_debug("{}", Counted{2});
    log_info("{}", Counted{3});
    CHECK(Counted::formats == 0);
    CHECK(capture.lines.empty());

    log_warn("{}", Counted{4});
    CHECK(Counted::formats == 1);
    log_error("{} {}", Counted{5}, Counted{6});
    CHECK(Counted::formats == 3);
    REQUIRE(capture.lines.size() == 2);
    CHECK(capture.lines[1].second == "5 6");

    set_log_level(LogLevel::Off);
    log_error("{}", Counted{7});
    CHECK(Counted::formats == 3);
    CHECK(capture.lines.size() == 2);

    set_log_level(LogLevel::Trace);
    log_trace("{}", Counted{8});
    CHECK(Counted::formats == 4);
    CHECK(capture.lines.size() == 3);
}

TEST_CASE("log: log_enabled follows the threshold", "[core][log]") {
    const ScopedLogLevel scoped_level{LogLevel::Debug};
    CHECK_FALSE(log_enabled(LogLevel::Trace));
    CHECK(log_enabled(LogLevel::Debug));
    CHECK(log_enabled(LogLevel::Error));
    CHECK_FALSE(log_enabled(LogLevel::Off));  // Off is not a message level
    set_log_level(LogLevel::Trace);
    CHECK(log_level() == LogLevel::Trace);
    CHECK(log_enabled(LogLevel::Trace));
}

TEST_CASE("log: scoped helpers restore the previous sink and level", "[core][log]") {
    const LogLevel outer_level = log_level();
    Capture outer;
    Capture inner;
    {
        const ScopedLogSink a{outer.sink()};
        {
            const ScopedLogSink b{inner.sink()};
            const ScopedLogLevel l{LogLevel::Error};
            log_error("to inner");
        }
        CHECK(log_level() == outer_level);
        log_error("to outer");
    }
    CHECK(outer.lines.size() == 1);
    CHECK(outer.lines[0].second == "to outer");
    CHECK(inner.lines.size() == 1);
    CHECK(inner.lines[0].second == "to inner");
}

TEST_CASE("log: parse_log_level and log_level_name", "[core][log]") {
    CHECK(parse_log_level("trace") == LogLevel::Trace);
    CHECK(parse_log_level("DEBUG") == LogLevel::Debug);
    CHECK(parse_log_level("Info") == LogLevel::Info);
    CHECK(parse_log_level("warn") == LogLevel::Warn);
    CHECK(parse_log_level("warning") == LogLevel::Warn);
    CHECK(parse_log_level("error") == LogLevel::Error);
    CHECK(parse_log_level("off") == LogLevel::Off);
    CHECK_FALSE(parse_log_level("").has_value());
    CHECK_FALSE(parse_log_level("inf").has_value());
    CHECK_FALSE(parse_log_level("errors").has_value());
    CHECK_FALSE(parse_log_level(" info").has_value());
    for (const LogLevel level :
         {LogLevel::Trace, LogLevel::Debug, LogLevel::Info, LogLevel::Warn, LogLevel::Error, LogLevel::Off}) {
        CHECK(parse_log_level(log_level_name(level)) == level);
    }
}

TEST_CASE("log: a sink that logs does not deadlock", "[core][log]") {
    const ScopedLogLevel scoped_level{LogLevel::Info};
    int calls = 0;
    const ScopedLogSink scoped_sink{[&](LogLevel, std::string_view) {
        ++calls;
        log_info("nested message from a sink (goes to stderr)");
    }};
    log_info("outer");
    CHECK(calls == 1);
}

TEST_CASE("log: 4 threads x 1000 messages all arrive intact", "[core][log]") {
    Capture capture;
    const ScopedLogSink scoped_sink{capture.sink()};
    const ScopedLogLevel scoped_level{LogLevel::Info};
    constexpr int kThreads = 4;
    constexpr int kPerThread = 1000;
    {
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([t] {
                for (int i = 0; i < kPerThread; ++i) {
                    log_info("thread {} message {}", t, i);
                    log_debug("filtered {}", i);
                }
            });
        }
        for (auto& th : threads) {
            th.join();
        }
    }
    REQUIRE(capture.lines.size() == static_cast<std::size_t>(kThreads * kPerThread));
    std::set<std::string> unique;
    for (const auto& [level, text] : capture.lines) {
        CHECK(level == LogLevel::Info);
        unique.insert(text);
    }
    CHECK(unique.size() == static_cast<std::size_t>(kThreads * kPerThread));
    CHECK(unique.count("thread 3 message 999") == 1);
}

TEST_CASE("assert: BFR_VERIFY and BFR_ASSERT evaluate a passing condition once", "[core][assert]") {
    int evaluations = 0;
    BFR_VERIFY(++evaluations == 1, "verify evaluates its condition");
    CHECK(evaluations == 1);
    BFR_ASSERT(++evaluations > 0, "assert evaluates its condition only when enabled");
    CHECK(evaluations == 1 + BFR_ASSERTS_ENABLED);
}
