#pragma once
// Where things live on disk: shaders and assets (read-only, shipped), and the user's data folder.

#include <filesystem>
#include <optional>
#include <string>

namespace bfr::frontend {

/// Finds a shipped folder (e.g. "shaders", "assets") by trying, in order: the environment
/// variable `env_var` (if set), `<exe dir>/<name>`, `<exe dir>/../share/bfr-coach/<name>` and
/// the source tree the program was built from. `probe` is a file that must exist inside it.
[[nodiscard]] std::optional<std::filesystem::path> find_resource_dir(const std::string& name, const char* env_var,
                                                                     const std::string& probe);

/// The data folder: `--data-dir` if given, else $XDG_DATA_HOME/bfr-coach, else
/// ~/.local/share/bfr-coach (interfaces.md §3). Not created here.
[[nodiscard]] std::filesystem::path resolve_data_dir(const std::string& cli_value);

/// Creates the data folder if needed. Returns false with a reason when it cannot be created or
/// is not a writable folder.
[[nodiscard]] bool ensure_data_dir(const std::filesystem::path& dir, std::string* error);

/// The running executable's folder (/proc/self/exe), empty if unknown.
[[nodiscard]] std::filesystem::path executable_dir();

}  // namespace bfr::frontend
