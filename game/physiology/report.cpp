#include "game/physiology/report.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace bfr::physiology {

std::string format_validation(const std::vector<TargetResult>& results) {
    std::string out;
    out += fmt::format("{:<4} {:<6} {:<6} {:>7}  {}\n", "id", "result", "grade", "error", "behaviour");
    int passed = 0;
    for (const TargetResult& r : results) {
        const std::string error = r.has_error ? fmt::format("{:.1f}%", r.error_pct) : std::string("-");
        out += fmt::format("{:<4} {:<6} {:<6} {:>7}  {}\n", r.id, r.pass ? "pass" : "FAIL", grade_name(r.grade), error,
                           r.behaviour);
        out += fmt::format("{:27}target: {}\n", "", r.target);
        out += fmt::format("{:27}model:  {}\n", "", r.model);
        out += fmt::format("{:27}source: {}\n", "", r.source);
        if (r.pass) ++passed;
    }
    const auto total = static_cast<int>(results.size());
    out += fmt::format("{} passed, {} failed\n", passed, total - passed);
    return out;
}

int run_validate_command() {
    const std::vector<TargetResult> results = run_validation();
    const std::string text = format_validation(results);
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    for (const TargetResult& r : results) {
        if (!r.pass) return 1;
    }
    return 0;
}

}  // namespace bfr::physiology
