// libFuzzer target: the command line and the source-spec parser must answer any input with an
// invocation or a usage error, never a crash, a hang or an exception escaping.
// Input: arguments separated by NUL or newline bytes.

#include "engine/telemetry/source_spec.hpp"
#include "game/cli/cli.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> args(1);
    for (std::size_t i = 0; i < size && args.size() < 64; ++i) {
        const auto c = static_cast<char>(data[i]);
        if (c == '\0' || c == '\n')
            args.emplace_back();
        else
            args.back().push_back(c);
    }
    if (args.front().empty() && args.size() == 1) args.clear();
    const auto outcome = bfr::cli::parse_command_line(args);
    if (!outcome.invocation && outcome.exit_code != 0 && outcome.exit_code != 2) __builtin_trap();
    if (outcome.exit_code == 2 && outcome.err.find("hint:") == std::string::npos) __builtin_trap();
    for (const auto& a : args) {
        std::string why;
        const auto spec = bfr::telemetry::parse_source_spec(a, &why);
        if (spec) {
            // What prints must parse back to the same spec.
            const auto again = bfr::telemetry::parse_source_spec(bfr::telemetry::to_string(*spec), &why);
            if (!again || again->kind != spec->kind || again->path != spec->path || again->port != spec->port)
                __builtin_trap();
        } else if (why.empty()) {
            __builtin_trap();
        }
        int w = 0;
        int h = 0;
        (void)bfr::cli::parse_size(a, w, h, &why);
    }
    return 0;
}
