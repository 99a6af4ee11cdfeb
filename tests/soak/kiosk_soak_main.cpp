// The kiosk's 24-hour soak (docs/kiosk.md, "Runs for days"): 24 simulated hours of scripted
// visitors through KioskRuntime at the window's 60 Hz tick; nothing may grow, and under ASan the
// leak checker runs at exit. BFR_SOAK_HOURS overrides the length (at least 2).

#include "../unit/game/kiosk/kiosk_soak_checks.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

TEST_CASE("kiosk soak: 24 simulated hours of visitors, nothing grows", "[kiosk][soak]") {
    double hours = 24.0;
    if (const char* env = std::getenv("BFR_SOAK_HOURS")) {
        const double h = std::atof(env);
        if (h >= 2.0) hours = h;
    }
    const auto report = bfr::modes::kiosk::test::run_kiosk_soak(hours);
    std::fputs(report.summary().c_str(), stdout);
    bfr::modes::kiosk::test::check_soak(report);
}
