#include "engine/platform/platform.hpp"

#include <cstdlib>

namespace bfr::platform {

bool display_configured() noexcept {
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && value[0] != '\0') return true;
    }
    return false;
}

}  // namespace bfr::platform
