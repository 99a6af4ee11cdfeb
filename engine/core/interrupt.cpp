#include "engine/core/interrupt.hpp"

#include <csignal>

namespace bfr::core {
namespace {

volatile std::sig_atomic_t g_signal = 0;

extern "C" void record_signal(int signal_number) {
    g_signal = signal_number;
}

}  // namespace

void install_interrupt_handlers() noexcept {
    struct sigaction action {};
    action.sa_handler = &record_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

bool interrupt_requested() noexcept {
    return g_signal != 0;
}

int interrupt_signal() noexcept {
    return static_cast<int>(g_signal);
}

int interrupt_exit_status() noexcept {
    return g_signal != 0 ? 128 + static_cast<int>(g_signal) : 0;
}

void clear_interrupt() noexcept {
    g_signal = 0;
}

}  // namespace bfr::core
