#pragma once
// Where things live on disk: shaders and assets (read-only, shipped), and the user's data folder.

#include "game/protocol/protocol.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

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

/// The shipped protocols (assets/protocols), if the assets folder can be found.
[[nodiscard]] std::optional<std::filesystem::path> find_protocols_dir();

/// `--protocol NAME|FILE` (empty: the default 30-15-15-15): the protocol, or nullopt with the
/// reason (the file, the field and what was expected; or the names there are). Warnings (unknown
/// keys) are appended to `warnings`.
[[nodiscard]] std::optional<protocol::Protocol> resolve_protocol(const std::string& spec, std::string* error,
                                                                 std::vector<std::string>* warnings);

/// The exit status for a --protocol that cannot be used: 3 (input that cannot be used) for a
/// file, 2 (wrong usage) for a name that is not one of the protocols.
[[nodiscard]] int protocol_error_status(const std::string& spec);

/// The running executable's folder (/proc/self/exe), empty if unknown.
[[nodiscard]] std::filesystem::path executable_dir();

}  // namespace bfr::frontend
