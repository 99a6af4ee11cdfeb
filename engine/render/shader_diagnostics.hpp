#pragma once
// GLSL compiler logs differ per driver. rewrite_shader_log turns them into the
// `file:line[:col]: message` form that editors, IDEs and terminals make clickable.

#include <string>
#include <string_view>

namespace bfr::render {

/// Rewrites a driver's shader info log line by line:
///   Mesa             `0:12(5): error: msg`         -> `path:12:5: error: msg`
///   NVIDIA           `0(12) : error C0000: msg`    -> `path:12: error C0000: msg`
///   AMD/Intel/Apple  `ERROR: 0:12: msg`            -> `path:12: error: msg`
///                    `WARNING: 0:12: msg`          -> `path:12: warning: msg`
///   generic          `0:12: msg`                   -> `path:12: msg`
/// Other non-blank lines are kept as `path: line`. Blank lines, trailing '\r' and NULs are
/// dropped; every output line ends with '\n'. The leading source-string number is ignored, so
/// put `#line 1` after any preamble the backend injects. An empty path reads as "<shader>".
[[nodiscard]] std::string rewrite_shader_log(std::string_view driver_log, std::string_view file_path);

/// Line number of the first error (not warning) in a log in any of the formats above;
/// -1 when the log has none.
[[nodiscard]] int first_error_line(std::string_view driver_log);

}  // namespace bfr::render
