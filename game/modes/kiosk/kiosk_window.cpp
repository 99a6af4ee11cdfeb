#include "game/modes/kiosk/kiosk_window.hpp"

#include "game/frontend/stage.hpp"

namespace bfr::modes::kiosk {

int run_window(const cli::RunOptions& /*options*/, const cli::CommonOptions& /*common*/) {
    frontend::usage_error("run", "--mode kiosk is not available yet (this version has the home mode)");
    return cli::kExitUsage;
}

int run_shot(const cli::ShotOptions& /*options*/, const cli::CommonOptions& /*common*/) {
    frontend::usage_error("shot", "--mode kiosk is not available yet (this version has the home mode)");
    return cli::kExitUsage;
}

}  // namespace bfr::modes::kiosk
