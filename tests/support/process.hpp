#pragma once
// Runs a program as a child process and captures its exit status, stdout and stderr. For tests
// of the command line as a user sees it.

#include <map>
#include <string>
#include <vector>

namespace bfr::test {

struct ProcessResult {
    int exit_code = -1;  ///< Exit status, or -1 if it did not exit normally.
    int signal = 0;      ///< Signal that ended it (0 = none).
    bool timed_out = false;
    std::string out;
    std::string err;
};

/// Runs `program` with `args`. `env` entries are set (value) or, with an empty value, unset in
/// the child only. Sends `signal_number` once `signal_after_s` have passed (if both are > 0).
/// Kills the child after `timeout_s`.
[[nodiscard]] ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                                        const std::map<std::string, std::string>& env = {}, double timeout_s = 120.0,
                                        double signal_after_s = 0.0, int signal_number = 0);

/// The environment of a headless render: no display, SDL's offscreen (EGL) video and dummy audio,
/// and no leak report from Mesa under ASan.
[[nodiscard]] inline std::map<std::string, std::string> offscreen_env() {
    return {{"DISPLAY", ""},
            {"WAYLAND_DISPLAY", ""},
            {"SDL_VIDEODRIVER", "offscreen"},
            {"SDL_AUDIODRIVER", "dummy"},
            {"ASAN_OPTIONS", "detect_leaks=0"}};
}

}  // namespace bfr::test
