#pragma once
// SDL2 backend of platform::Window. The only file under engine/ that includes SDL headers.

#include "engine/platform/platform.hpp"

#include <memory>
#include <string>

namespace bfr::platform::sdl {

/// Opens an SDL2 window with an OpenGL 3.3 core context (forward-compatible, double-buffered,
/// 24-bit depth) and makes it current. Returns nullptr and fills `error` when that fails.
[[nodiscard]] std::unique_ptr<Window> create_window(const WindowDesc& desc, std::string* error);

}  // namespace bfr::platform::sdl
