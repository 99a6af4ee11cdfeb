#pragma once
// Protocol files: JSON, schema "bfr-coach.protocol/1", units in the keys (docs/protocols.md has
// every key, unit, range and default). Reading validates every field and reports each problem
// with the file, the field as a JSON path (`sets[2]`, `limits.ceiling_mmHg`), what was expected
// and what was found; unknown keys (and values outside the usual clinical ranges) are warnings.
// Keys beginning with "//" are comments and are ignored. None of these functions throws.

#include "game/protocol/protocol.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bfr::protocol {

/// The schema string every protocol file carries.
inline constexpr std::string_view kProtocolSchema = "bfr-coach.protocol/1";
/// Largest protocol file (or text) read: a protocol is a few hundred bytes.
inline constexpr std::size_t kMaxProtocolBytes = 1U << 20U;

/// A protocol read from JSON: the protocol, or an error (one line per problem found, each
/// naming the file and the field); warnings either way.
struct LoadResult {
    std::optional<Protocol> protocol;   ///< Set when the text is a valid protocol.
    std::string error;                  ///< Empty on success; else one or more lines, `origin: ...`.
    std::vector<std::string> warnings;  ///< Unknown keys, unusual values, unreadable files skipped ...

    /// True when a protocol was read.
    [[nodiscard]] bool ok() const noexcept { return protocol.has_value(); }
};

/// Reads a protocol from JSON text. `origin` names the text in messages (usually the file path);
/// a missing "name" defaults to its stem (`dir/leg.json` -> "leg").
[[nodiscard]] LoadResult parse_protocol(std::string_view json_text, const std::string& origin);

/// Reads a protocol file (at most kMaxProtocolBytes; a folder, a missing or unreadable file is an error).
[[nodiscard]] LoadResult load_protocol_file(const std::filesystem::path& file);

/// NAME or FILE as given to --protocol: an existing file path (or anything ending in .json or
/// holding a '/') is loaded; otherwise NAME matches (ignoring ASCII case) a file stem, then a
/// "name", of the *.json files in `protocols_dir`, then the built-in names ("30-15-15-15",
/// "standard", which also means "30-15-15-15"), which work even when `protocols_dir` is
/// missing. An empty string means the default protocol, "30-15-15-15". An unknown NAME is an
/// error that lists the available names.
[[nodiscard]] LoadResult find_protocol(const std::string& name_or_file, const std::filesystem::path& protocols_dir);

/// Every valid protocol in `protocols_dir` (*.json, not recursive), sorted by name (ignoring
/// ASCII case), plus the built-in standard protocol when no file is named "30-15-15-15". Files that
/// fail to load, later files repeating a name, their warnings and a missing folder are reported
/// in `problems` (may be null), one message per line.
[[nodiscard]] std::vector<Protocol> list_protocols(const std::filesystem::path& protocols_dir,
                                                   std::vector<std::string>* problems);

/// The protocol as a protocol file (every field written, pretty-printed, ending in a newline).
/// parse_protocol() of it gives back an equal protocol when the protocol is valid.
[[nodiscard]] std::string to_json(const Protocol& protocol);

}  // namespace bfr::protocol
