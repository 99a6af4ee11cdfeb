#include "engine/core/log.hpp"

#include <array>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

#include "engine/core/assert.hpp"
#include "engine/core/text.hpp"

namespace bfr::core {
namespace {

std::atomic<LogLevel> g_level{LogLevel::Info};

/// Sink and program name, guarded by one mutex that is also held during the sink call.
struct LogState {
    std::mutex mutex;
    LogSink sink;  // empty = default stderr sink
    std::string program_name{"bfr-coach"};
};

LogState& state() {
    static LogState s;  // function-local: safe to log from other static initialisers
    return s;
}

/// True on a thread that is currently inside the sink call (re-entrancy guard).
thread_local bool t_in_sink = false;

constexpr std::array<std::string_view, 6> kLevelNames{"trace", "debug", "info", "warn", "error", "off"};

/// Writes one line to stderr. Never throws: a closed or full stderr loses the message, nothing else.
void write_default(std::string_view program_name, LogLevel level, std::string_view message) noexcept {
    try {
        std::string line;
        switch (level) {
            case LogLevel::Error: line = fmt::format("{}: error: {}\n", program_name, message); break;
            case LogLevel::Warn: line = fmt::format("{}: warning: {}\n", program_name, message); break;
            case LogLevel::Info: line = fmt::format("{}: {}\n", program_name, message); break;
            case LogLevel::Trace:
            case LogLevel::Debug:
            case LogLevel::Off:
                line = fmt::format("{}: [{}] {}\n", program_name, log_level_name(level), message);
                break;
        }
        static_cast<void>(std::fwrite(line.data(), 1, line.size(), stderr));
    } catch (...) {
        // Out of memory while formatting a log line: drop it.
    }
}

void emit(LogLevel level, std::string_view message) {
    if (t_in_sink) {
        // A sink that logs would deadlock on the mutex: route its messages straight to stderr.
        // This thread already holds the mutex, so reading the program name is safe.
        write_default(state().program_name, level, message);
        return;
    }
    LogState& s = state();
    const std::lock_guard lock{s.mutex};
    t_in_sink = true;
    struct Reset {
        ~Reset() { t_in_sink = false; }
    } reset;
    if (s.sink) {
        s.sink(level, message);
    } else {
        write_default(s.program_name, level, message);
    }
}

}  // namespace

void set_log_level(LogLevel level) noexcept {
    g_level.store(level, std::memory_order_relaxed);
}

LogLevel log_level() noexcept {
    return g_level.load(std::memory_order_relaxed);
}

bool log_enabled(LogLevel level) noexcept {
    return level != LogLevel::Off && level >= log_level();
}

std::optional<LogLevel> parse_log_level(std::string_view text) noexcept {
    for (std::size_t i = 0; i < kLevelNames.size(); ++i) {
        if (iequals_ascii(text, kLevelNames[i])) {
            return static_cast<LogLevel>(i);
        }
    }
    if (iequals_ascii(text, "warning")) {
        return LogLevel::Warn;
    }
    return std::nullopt;
}

std::string_view log_level_name(LogLevel level) noexcept {
    const auto index = static_cast<std::size_t>(level);
    return index < kLevelNames.size() ? kLevelNames[index] : std::string_view{"?"};
}

void set_log_sink(LogSink sink) {
    // Swap under the lock but destroy the old sink outside it.
    static_cast<void>(exchange_log_sink(std::move(sink)));
}

LogSink exchange_log_sink(LogSink sink) {
    BFR_ASSERT(!t_in_sink, "a log sink must not replace the log sink");
    LogState& s = state();
    const std::lock_guard lock{s.mutex};
    std::swap(s.sink, sink);
    return sink;
}

void set_log_program_name(std::string_view name) {
    BFR_ASSERT(!t_in_sink, "a log sink must not change the program name");
    LogState& s = state();
    const std::lock_guard lock{s.mutex};
    s.program_name.assign(name);
}

void log_message(LogLevel level, std::string_view message) {
    if (log_enabled(level)) {
        emit(level, message);
    }
}

namespace detail {

void log_vformat(LogLevel level, fmt::string_view format, fmt::format_args args) {
    fmt::memory_buffer buffer;  // inline storage: short messages do not allocate
    fmt::vformat_to(fmt::appender(buffer), format, args);
    emit(level, std::string_view{buffer.data(), buffer.size()});
}

}  // namespace detail
}  // namespace bfr::core
