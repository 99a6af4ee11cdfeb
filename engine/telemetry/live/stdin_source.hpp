#pragma once
// `stdin`: telemetry lines on standard input (a pipe from another program, a file, a terminal).

#include <memory>
#include <string>

#include "engine/telemetry/live/live_source.hpp"

namespace bfr::telemetry {

/// Starts reading lines from options.stdin_fd (0 unless a test injects another descriptor; it is
/// never closed, and its file status flags are left alone since a shell may share them). At end
/// of input the last line is delivered even without a final newline, and once every line has
/// been drained the state is Closed. Returns nullptr with a reason when the descriptor is not open.
[[nodiscard]] std::unique_ptr<LiveSource> open_stdin_source(const LiveOptions& options, std::string* error);

}  // namespace bfr::telemetry
