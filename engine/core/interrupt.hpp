#pragma once
// SIGINT/SIGTERM as a polled flag, so every loop (windowed or headless) can stop cleanly, save
// what it must and exit with a status instead of dying by the signal.
//
// install_interrupt_handlers() is called once by main before anything else; SDL then keeps our
// handlers (it only installs its own over SIG_DFL) and the platform turns the flag into a
// QuitRequested event.

namespace bfr::core {

/// Installs handlers for SIGINT and SIGTERM that only record the signal.
void install_interrupt_handlers() noexcept;

/// True once SIGINT or SIGTERM arrived (async-signal-safe flag).
[[nodiscard]] bool interrupt_requested() noexcept;

/// The signal that arrived (SIGINT or SIGTERM), 0 if none.
[[nodiscard]] int interrupt_signal() noexcept;

/// Conventional exit status after an interrupt: 128 + signal number (130 for SIGINT).
[[nodiscard]] int interrupt_exit_status() noexcept;

/// Forgets a received interrupt (tests).
void clear_interrupt() noexcept;

}  // namespace bfr::core
