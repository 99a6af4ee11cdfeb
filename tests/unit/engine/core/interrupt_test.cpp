#include "engine/core/interrupt.hpp"

#include <catch2/catch.hpp>

#include <csignal>

TEST_CASE("SIGINT and SIGTERM become a polled flag with the conventional exit status", "[core][interrupt]") {
    bfr::core::install_interrupt_handlers();
    bfr::core::clear_interrupt();
    CHECK_FALSE(bfr::core::interrupt_requested());
    CHECK(bfr::core::interrupt_exit_status() == 0);
    std::raise(SIGINT);  // would end the test process without the handler
    CHECK(bfr::core::interrupt_requested());
    CHECK(bfr::core::interrupt_signal() == SIGINT);
    CHECK(bfr::core::interrupt_exit_status() == 130);
    bfr::core::clear_interrupt();
    std::raise(SIGTERM);
    CHECK(bfr::core::interrupt_exit_status() == 143);
    bfr::core::clear_interrupt();
    CHECK_FALSE(bfr::core::interrupt_requested());
}
