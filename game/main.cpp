// bfr-coach: the composition root. Parses the command line, then hands over to the subcommand.
// The one place services are built and wired (see docs/architecture.md).

#include "engine/core/log.hpp"
#include "game/cli/cli.hpp"
#include "game/frontend/frontend.hpp"

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

namespace {

int not_available(const char* subcommand, const char* issue) {
    bfr::core::log_error("'{}' is not available yet in this version ({})", subcommand, issue);
    std::fprintf(stderr, "hint: run 'bfr-coach --help' for what this version can do\n");
    return bfr::cli::kExitUsage;
}

int dispatch(const bfr::cli::Invocation& inv) {
    using bfr::cli::Subcommand;
    switch (inv.subcommand) {
        case Subcommand::Run: return bfr::frontend::run_window(inv.run, inv.common, inv.run.quit_after_frames);
        case Subcommand::Shot: return bfr::frontend::run_shot(inv.shot, inv.common);
        case Subcommand::Replay: return not_available("replay", "it comes with the physiology model");
        case Subcommand::EvalReps: return not_available("eval-reps", "it comes with the rep counter");
        case Subcommand::Validate: return not_available("validate", "it comes with the physiology model");
        case Subcommand::History: return not_available("history", "it comes with the session history");
        case Subcommand::Export: return not_available("export", "it comes with the session history");
    }
    return bfr::cli::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
    bfr::core::set_log_program_name("bfr-coach");
    std::vector<std::string> args;
    args.reserve(argc > 0 ? static_cast<std::size_t>(argc - 1) : 0u);
    for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
    try {
        const bfr::cli::ParseOutcome parsed = bfr::cli::parse_command_line(args);
        std::fputs(parsed.out.c_str(), stdout);
        std::fputs(parsed.err.c_str(), stderr);
        if (!parsed.invocation) return parsed.exit_code;
        if (const auto level = bfr::core::parse_log_level(parsed.invocation->common.log_level)) {
            bfr::core::set_log_level(*level);
        }
        return dispatch(*parsed.invocation);
    } catch (const std::exception& e) {
        bfr::core::log_error("internal error: {}", e.what());
        return 1;
    }
}
