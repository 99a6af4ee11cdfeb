#pragma once
// GLSL program loading with file:line diagnostics. Internal to the GL backend.

#include <epoxy/gl.h>

#include <string>

namespace bfr::render::gl {

/// Reads `<dir>/<name>.vert` and `<dir>/<name>.frag`, compiles and links them. Returns 0 and fills
/// `error` with "path:line:col: message" lines (see shader_diagnostics.hpp) when anything fails.
[[nodiscard]] GLuint load_program(const std::string& dir, const std::string& name, std::string* error);

/// Compiles one stage from source; `path` names it in diagnostics. Returns 0 on failure.
[[nodiscard]] GLuint compile_stage(GLenum stage, const std::string& source, const std::string& path,
                                   std::string* error);

}  // namespace bfr::render::gl
