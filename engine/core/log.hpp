#pragma once
// Levelled logging with fmt formatting and a replaceable sink.
//
//     bfr::core::log_info("loaded {} exercises in {:.1f} ms", count, ms);
//     bfr::core::log_warn("cuff pressure {} mmHg above limit", mmhg);
//
// Messages below log_level() are discarded before formatting (arguments are not formatted).
// The level is an atomic; the sink call is serialised by a mutex, so logging is thread-safe.
// The default sink writes one line per message to stderr:
//     bfr-coach: error: <message>     bfr-coach: warning: <message>     bfr-coach: <message> (info)
//     bfr-coach: [debug] <message>    bfr-coach: [trace] <message>

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "engine/core/fwd.hpp"

namespace bfr::core {

/// Severity, in increasing order. Off as a threshold disables all logging; it is never a
/// message level.
enum class LogLevel : std::uint8_t { Trace, Debug, Info, Warn, Error, Off };

/// Receives every message that passes the level filter, already formatted (no newline).
/// The view is only valid during the call. Called with the logging mutex held: a sink must not
/// call set_log_sink(); messages it logs itself go to the default stderr sink.
using LogSink = std::function<void(LogLevel level, std::string_view message)>;

/// Sets the threshold: messages with level >= `level` are emitted. Default: Info.
void set_log_level(LogLevel level) noexcept;

/// The current threshold.
[[nodiscard]] LogLevel log_level() noexcept;

/// True when a message of `level` would be emitted now (level >= log_level(), level != Off).
[[nodiscard]] bool log_enabled(LogLevel level) noexcept;

/// Parses "trace", "debug", "info", "warn"/"warning", "error", "off" (ASCII case-insensitive).
/// Anything else gives nullopt.
[[nodiscard]] std::optional<LogLevel> parse_log_level(std::string_view text) noexcept;

/// Lower-case name of `level` ("trace" ... "off"), the inverse of parse_log_level.
[[nodiscard]] std::string_view log_level_name(LogLevel level) noexcept;

/// Installs `sink` for all subsequent messages; an empty sink restores the default stderr sink.
void set_log_sink(LogSink sink);

/// Installs `sink` like set_log_sink() and returns the previously installed one (empty when it
/// was the default).
[[nodiscard]] LogSink exchange_log_sink(LogSink sink);

/// Sets the program name used by the default sink's "name: warning:" prefix (default
/// "bfr-coach").
void set_log_program_name(std::string_view name);

/// Emits an already formatted `message` at `level` if log_enabled(level). Off is ignored.
void log_message(LogLevel level, std::string_view message);

namespace detail {
/// Formats and emits; callers have already checked log_enabled(level).
void log_vformat(LogLevel level, fmt::string_view format, fmt::format_args args);
}  // namespace detail

/// Formats with fmt and emits at `level`, only if log_enabled(level) (otherwise the arguments
/// are not formatted). The format string is checked at compile time.
template <class... A>
void log_at(LogLevel level, fmt::format_string<A...> format, A&&... args) {
    if (log_enabled(level)) {
        detail::log_vformat(level, static_cast<fmt::string_view>(format), fmt::make_format_args(args...));
    }
}

/// log_at(LogLevel::Trace, ...): per-tick detail.
template <class... A>
void log_trace(fmt::format_string<A...> format, A&&... args) {
    log_at(LogLevel::Trace, format, std::forward<A>(args)...);
}

/// log_at(LogLevel::Debug, ...): developer diagnostics.
template <class... A>
void log_debug(fmt::format_string<A...> format, A&&... args) {
    log_at(LogLevel::Debug, format, std::forward<A>(args)...);
}

/// log_at(LogLevel::Info, ...): normal progress worth showing a user.
template <class... A>
void log_info(fmt::format_string<A...> format, A&&... args) {
    log_at(LogLevel::Info, format, std::forward<A>(args)...);
}

/// log_at(LogLevel::Warn, ...): something is off but the program continues.
template <class... A>
void log_warn(fmt::format_string<A...> format, A&&... args) {
    log_at(LogLevel::Warn, format, std::forward<A>(args)...);
}

/// log_at(LogLevel::Error, ...): an operation failed.
template <class... A>
void log_error(fmt::format_string<A...> format, A&&... args) {
    log_at(LogLevel::Error, format, std::forward<A>(args)...);
}

/// RAII: installs a sink for its lifetime and restores the previous one (for tests).
class ScopedLogSink {
public:
    /// Installs `sink` (empty = default stderr sink).
    explicit ScopedLogSink(LogSink sink) : previous_{exchange_log_sink(std::move(sink))} {}
    /// Restores the sink that was installed at construction.
    ~ScopedLogSink() { set_log_sink(std::move(previous_)); }

    ScopedLogSink(const ScopedLogSink&) = delete;
    ScopedLogSink& operator=(const ScopedLogSink&) = delete;
    ScopedLogSink(ScopedLogSink&&) = delete;
    ScopedLogSink& operator=(ScopedLogSink&&) = delete;

private:
    LogSink previous_;
};

/// RAII: sets the log level for its lifetime and restores the previous one (for tests).
class ScopedLogLevel {
public:
    /// Sets `level` as the threshold.
    explicit ScopedLogLevel(LogLevel level) noexcept : previous_{log_level()} { set_log_level(level); }
    /// Restores the threshold that was in effect at construction.
    ~ScopedLogLevel() { set_log_level(previous_); }

    ScopedLogLevel(const ScopedLogLevel&) = delete;
    ScopedLogLevel& operator=(const ScopedLogLevel&) = delete;
    ScopedLogLevel(ScopedLogLevel&&) = delete;
    ScopedLogLevel& operator=(ScopedLogLevel&&) = delete;

private:
    LogLevel previous_;
};

}  // namespace bfr::core
