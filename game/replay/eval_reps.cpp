#include "game/replay/eval_reps.hpp"

#include "engine/core/interrupt.hpp"
#include "engine/core/log.hpp"
#include "engine/telemetry/number.hpp"
#include "game/replay/file_source.hpp"
#include "game/replay/replayer.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

namespace bfr::replay {
namespace {

/// Splits one CSV line; double quotes enclose cells that hold commas ("" is a quote).
std::vector<std::string> split_csv(const std::string& line) {
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cells.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cells.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            cells.emplace_back();
        } else {
            cells.back() += c;
        }
    }
    return cells;
}

/// A cell or line without surrounding spaces and tabs (the telemetry parser's rule).
std::string trim(std::string_view s) {
    return std::string(telemetry::trim_blanks(s));
}

}  // namespace

bool parse_labels(const std::string& text, std::vector<EvalRow>& rows, std::vector<std::string>& skipped,
                  std::string* error) {
    std::istringstream in(text);
    std::string line;
    long file_col = -1;
    long true_col = -1;
    bool header = true;
    std::size_t line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 BOM
        if (!line.empty() && line.back() == '\r') line.pop_back();                 // CRLF
        if (trim(line).empty() || trim(line)[0] == '#') continue;
        const auto cells = split_csv(line);
        if (header) {
            for (std::size_t i = 0; i < cells.size(); ++i) {
                const std::string name = trim(cells[i]);
                if (name == "file") file_col = static_cast<long>(i);
                if (name == "true_reps") true_col = static_cast<long>(i);
            }
            if (file_col < 0 || true_col < 0) {
                if (error != nullptr) {
                    *error = fmt::format("the header '{}' lacks the column{} {}", trim(line),
                                         file_col < 0 && true_col < 0 ? "s" : "",
                                         file_col < 0 && true_col < 0 ? "'file' and 'true_reps'"
                                         : file_col < 0               ? "'file'"
                                                                      : "'true_reps'");
                }
                return false;
            }
            header = false;
            continue;
        }
        const auto fc = static_cast<std::size_t>(file_col);
        const auto tc = static_cast<std::size_t>(true_col);
        const std::string file = fc < cells.size() ? trim(cells[fc]) : std::string{};
        const std::string count = tc < cells.size() ? trim(cells[tc]) : std::string{};
        char* end = nullptr;
        errno = 0;
        const long n = std::strtol(count.c_str(), &end, 10);
        if (file.empty() || count.empty() || end == nullptr || *end != '\0' || errno != 0 || n < 0) {
            skipped.push_back(fmt::format("line {}: {}", line_no,
                                          file.empty() ? std::string("no file name")
                                                       : fmt::format("'{}' is not a whole number of reps", count)));
            continue;
        }
        rows.push_back(EvalRow{file, n, 0, {}});
    }
    if (header) {
        if (error != nullptr) *error = "it is empty (a header with 'file' and 'true_reps' is needed)";
        return false;
    }
    return true;
}

std::string eval_summary_line(const std::vector<EvalRow>& rows) {
    const std::size_t n = rows.size();
    std::size_t exact = 0;
    std::size_t within = 0;
    double abs_sum = 0.0;
    for (const EvalRow& r : rows) {
        const long e = r.counted - r.true_reps;
        exact += e == 0 ? 1 : 0;
        within += std::labs(e) <= 1 ? 1 : 0;
        abs_sum += static_cast<double>(std::labs(e));
    }
    const double d = n > 0 ? static_cast<double>(n) : 1.0;
    return fmt::format("exact: {}/{} ({:.1f}%)  within1: {}/{} ({:.1f}%)  mae: {:.3f}", exact, n,
                       100.0 * static_cast<double>(exact) / d, within, n, 100.0 * static_cast<double>(within) / d,
                       abs_sum / d);
}

int run_eval_reps(const cli::EvalRepsOptions& options, const cli::CommonOptions& /*common*/) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path dir(options.dir);
    if (!fs::is_directory(dir, ec)) {
        core::log_error("'{}' is not a folder (eval-reps wants a folder with telemetry files and labels.csv)",
                        options.dir);
        return cli::kExitBadInput;
    }
    const fs::path labels_path = dir / "labels.csv";
    std::ifstream labels_in(labels_path, std::ios::binary);
    if (!labels_in) {
        core::log_error("cannot read '{}' (it names the files and their true rep counts: columns file,true_reps)",
                        labels_path.string());
        return cli::kExitBadInput;
    }
    std::stringstream text;
    text << labels_in.rdbuf();
    std::vector<EvalRow> rows;
    std::vector<std::string> skipped;
    std::string error;
    if (!parse_labels(text.str(), rows, skipped, &error)) {
        core::log_error("'{}': {}", labels_path.string(), error);
        return cli::kExitBadInput;
    }
    for (const std::string& s : skipped) core::log_warn("'{}', {}: skipped", labels_path.string(), s);
    if (rows.empty()) {
        core::log_error("'{}' names no file to count", labels_path.string());
        return cli::kExitBadInput;
    }

    std::printf("file, true, counted, error\n");
    for (EvalRow& row : rows) {
        if (core::interrupt_requested()) {
            core::log_error("interrupted");
            return core::interrupt_exit_status();
        }
        const fs::path path = dir / row.file;
        auto source = FileSource::open(path.string(), telemetry::Format::V1, &error);
        if (!source) {
            row.problem = error;
        } else {
            Replayer replayer{*source, ReplayConfig{}};
            if (!replayer.run([] { return core::interrupt_requested(); })) {
                core::log_error("interrupted");
                return core::interrupt_exit_status();
            }
            row.counted = static_cast<long>(replayer.result().reps.size());
        }
        if (!row.problem.empty()) core::log_warn("{}: counted as 0 reps: {}", row.file, row.problem);
        std::printf("%s, %ld, %ld, %+ld\n", row.file.c_str(), row.true_reps, row.counted, row.counted - row.true_reps);
    }
    const std::string last = eval_summary_line(rows);
    std::printf("%s\n", last.c_str());
    if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
        core::log_error("could not write the table to standard output");
        return cli::kExitBadInput;
    }
    return cli::kExitOk;
}

}  // namespace bfr::replay
