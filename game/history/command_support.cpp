#include "game/history/command_support.hpp"

#include <cstdio>

namespace bfr::history {

std::string open_hint(OpenError why) {
    switch (why) {
        case OpenError::Locked: return "hint: another BFR Coach is writing to it; try again when it has finished";
        case OpenError::NotADatabase:
        case OpenError::NewerSchema:
            return "hint: point --data-dir at another folder, or move the file away (nothing was changed)";
        case OpenError::Unwritable: return "hint: check the folder's permissions, or give another --data-dir";
        case OpenError::MigrationFailed:
            return "hint: the file was left as it was; report this with the file, or give another --data-dir";
        case OpenError::None:
        case OpenError::Other: break;
    }
    return "hint: give another --data-dir to use a fresh history";
}

void print_error(const char* subcommand, const std::string& message, const std::string& hint) {
    std::fprintf(stderr, "bfr-coach %s: error: %s\n", subcommand, message.c_str());
    if (!hint.empty()) std::fprintf(stderr, "%s\n", hint.c_str());
}

}  // namespace bfr::history
