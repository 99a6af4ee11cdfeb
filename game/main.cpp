// bfr-coach: parses the command line and hands over to the subcommand. The windowed subcommands
// build and wire their services in game/frontend/frontend.cpp (see docs/architecture.md).

#include "engine/core/interrupt.hpp"
#include "engine/core/log.hpp"
#include "game/cli/cli.hpp"
#include "game/frontend/frontend.hpp"
#include "game/history/export_command.hpp"
#include "game/history/history_command.hpp"
#include "game/physiology/report.hpp"
#include "game/replay/command.hpp"
#include "game/replay/eval_reps.hpp"

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

namespace {

int dispatch(const bfr::cli::Invocation& inv) {
    using bfr::cli::Subcommand;
    switch (inv.subcommand) {
        case Subcommand::Run: return bfr::frontend::run_window(inv.run, inv.common);
        case Subcommand::Shot: return bfr::frontend::run_shot(inv.shot, inv.common);
        case Subcommand::Replay: return bfr::replay::run_replay(inv.replay, inv.common);
        case Subcommand::EvalReps: return bfr::replay::run_eval_reps(inv.eval_reps, inv.common);
        case Subcommand::Validate: return bfr::physiology::run_validate_command();
        case Subcommand::History: return bfr::history::run_history(inv.history, inv.common);
        case Subcommand::Export: return bfr::history::run_export(inv.export_, inv.common);
    }
    return bfr::cli::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
    bfr::core::install_interrupt_handlers();
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
        std::fputs("bfr-coach: internal error: ", stderr);  // never throws, even with stderr closed
        std::fputs(e.what(), stderr);
        std::fputs("\n", stderr);
        return 1;
    } catch (...) {
        std::fputs("bfr-coach: internal error\n", stderr);
        return 1;
    }
}
