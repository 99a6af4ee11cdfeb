// The kiosk's soak, short (2 simulated hours, a few seconds): among the unit tests so every build
// runs it. The 24-hour soak is its own CTest test (tests/soak/kiosk_soak_main.cpp, label "soak").

#include "kiosk_soak_checks.hpp"

TEST_CASE("kiosk soak: 2 simulated hours of visitors, nothing grows", "[kiosk][soak]") {
    const auto report = bfr::modes::kiosk::test::run_kiosk_soak(2.0);
    bfr::modes::kiosk::test::check_soak(report);
    WARN(report.summary());
}
