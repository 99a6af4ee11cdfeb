#include "game/replay/command.hpp"

#include "engine/core/interrupt.hpp"
#include "engine/core/log.hpp"
#include "game/frontend/paths.hpp"
#include "game/history/command_support.hpp"
#include "game/history/history_db.hpp"
#include "game/history/import.hpp"
#include "game/history/time_text.hpp"
#include "game/replay/file_source.hpp"
#include "game/replay/output_file.hpp"
#include "game/replay/replayer.hpp"
#include "game/replay/report_text.hpp"
#include "game/replay/summary_json.hpp"
#include "game/replay/trace.hpp"

#include <fmt/format.h>

#include <csignal>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace bfr::replay {
namespace {

/// `--save`: stores the replayed session in the history of `--data-dir`; the exit status (0, or
/// 3 with the error printed when the database cannot be used).
/// When the imported session took place: --started-at, else the time in a recording's own name
/// (`session-YYYYmmdd-HHMMSS-…`, local time, as `run` names them), else now.
std::string session_start_of(const cli::ReplayOptions& options) {
    if (!options.started_at.empty()) {
        if (const auto t = history::parse_iso8601_utc(options.started_at)) return history::iso8601_utc(*t);
    }
    const std::string name = std::filesystem::path(options.file).filename().string();
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (std::sscanf(name.c_str(), "session-%4d%2d%2d-%2d%2d%2d", &y, &mo, &d, &h, &mi, &sec) == 6 && mo >= 1 &&
        mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60 && sec < 61) {
        std::tm local{};
        local.tm_year = y - 1900;
        local.tm_mon = mo - 1;
        local.tm_mday = d;
        local.tm_hour = h;
        local.tm_min = mi;
        local.tm_sec = sec;
        local.tm_isdst = -1;
        const std::time_t t = std::mktime(&local);
        if (t != static_cast<std::time_t>(-1)) return history::iso8601_utc(static_cast<std::int64_t>(t));
    }
    return history::now_iso8601_utc();
}

int save_to_history(const ReplayResult& result, const cli::ReplayOptions& options, const cli::CommonOptions& common,
                    const std::optional<protocol::Protocol>& protocol) {
    namespace fs = std::filesystem;
    const fs::path dir = frontend::resolve_data_dir(common.data_dir);
    std::string error;
    history::OpenError why = history::OpenError::None;
    const auto db = history::HistoryDb::open(dir, &error, &why);
    if (!db) {
        history::print_error("replay", fmt::format("--save: {}", error), history::open_hint(why));
        return cli::kExitBadInput;
    }
    history::ImportInfo info;
    info.started_at = session_start_of(options);
    info.source = "file " + fs::path(options.file).filename().string();
    std::error_code ec;
    const fs::path absolute = fs::absolute(options.file, ec);
    info.recording_path = ec ? options.file : absolute.lexically_normal().string();
    // The prescribed target, unless the recording carries its own (target_mmHg column).
    if (!result.pressure.target_from_recording) {
        const bool leg = result.limb == session::LimbKind::Leg;
        info.target_pct_lop = protocol ? protocol->target_pct_lop(leg ? protocol::Limb::Leg : protocol::Limb::Arm)
                                       : (leg ? 60.0 : 50.0);
    }
    const std::optional<std::int64_t> id = history::save_replay(*db, result, info, &error);
    if (!id) {
        history::print_error("replay", fmt::format("--save: {}", error),
                             "hint: the summary and the trace are written all the same");
        return cli::kExitBadInput;
    }
    core::log_info("saved to the history as session {} ({} reps) in '{}'", *id, result.reps.size(),
                   db->path().string());
    return cli::kExitOk;
}

}  // namespace

int run_replay(const cli::ReplayOptions& options, const cli::CommonOptions& common) {
    if (!options.started_at.empty() && !history::parse_iso8601_utc(options.started_at)) {
        std::fprintf(stderr,
                     "bfr-coach replay: error: --started-at '%s' is not a time\nhint: give it as ISO 8601 UTC, e.g. "
                     "2026-11-02T18:00:00Z\n",
                     options.started_at.c_str());
        return cli::kExitUsage;
    }
    // A reader that goes away (`| head`) makes writes fail with EPIPE instead of killing us.
    std::signal(SIGPIPE, SIG_IGN);

    std::vector<std::string> notes;
    std::optional<protocol::Protocol> protocol;
    if (!options.protocol.empty()) {
        std::string why;
        protocol = frontend::resolve_protocol(options.protocol, &why, &notes);
        if (!protocol) {
            std::fprintf(stderr, "bfr-coach replay: error: --protocol: %s\nhint: name one of the shipped protocols (assets/protocols) or give a JSON file (docs/protocols.md)\n", why.c_str());
            return frontend::protocol_error_status(options.protocol);
        }
    }

    // Two outputs in one file, or an output over the recording itself, would lose data.
    {
        namespace fs = std::filesystem;
        std::error_code ec;
        const auto same = [&ec](const std::string& a, const std::string& b) {
            if (a.empty() || b.empty()) return false;
            return a == b || fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
        };
        const char* clash = nullptr;
        if (same(options.summary_path, options.trace_path)) clash = "--summary and --trace name the same file";
        if (same(options.summary_path, options.file)) clash = "--summary names the recording itself";
        if (same(options.trace_path, options.file)) clash = "--trace names the recording itself";
        if (clash != nullptr) {
            std::fprintf(stderr,
                         "bfr-coach replay: error: %s\nhint: give each output its own path, away from the "
                         "recording\n",
                         clash);
            return cli::kExitUsage;
        }
    }

    std::string error;
    const auto source = FileSource::open(options.file, options.format, &error);
    if (!source) {
        core::log_error("{}", error);
        return cli::kExitBadInput;
    }
    std::unique_ptr<OutputFile> summary_file;
    std::unique_ptr<OutputFile> trace_file;
    if (!options.summary_path.empty()) {
        summary_file = OutputFile::open(options.summary_path, &error);
        if (!summary_file) {
            core::log_error("summary: {}", error);
            return cli::kExitBadInput;
        }
    }
    if (!options.trace_path.empty()) {
        trace_file = OutputFile::open(options.trace_path, &error);
        if (!trace_file) {
            core::log_error("trace: {}", error);
            return cli::kExitBadInput;
        }
    }

    ReplayConfig config;
    config.limb = options.limb == cli::Limb::Leg ? session::LimbKind::Leg : session::LimbKind::Arm;
    config.trace_hz = options.trace_hz;
    config.protocol = protocol;
    std::optional<TraceWriter> trace;
    if (trace_file) trace.emplace(trace_file->stream());
    Replayer replayer{*source, config, trace ? &*trace : nullptr};
    if (!replayer.run([] { return core::interrupt_requested(); })) {
        core::log_error("interrupted; nothing written");
        return core::interrupt_exit_status();
    }

    ReplayResult result = replayer.result();
    result.file = options.file;
    result.warnings.insert(result.warnings.begin(), notes.begin(), notes.end());
    for (const std::string& w : result.warnings) core::log_warn("{}", w);

    // --save: into the history first; a database that cannot be used does not stop the outputs
    // (they are written all the same), but the exit status says it (3).
    const int save_status = options.save ? save_to_history(result, options, common, protocol) : cli::kExitOk;

    if (summary_file) {
        if (!summary_file->write(summary_json(result)) || !summary_file->commit(&error)) {
            if (error.empty()) error = fmt::format("cannot write '{}'", options.summary_path);
            core::log_error("summary: {}", error);
            return cli::kExitBadInput;
        }
    }
    if (trace_file) {
        if (!trace->flush()) {
            core::log_error("trace: cannot write '{}'", options.trace_path);
            return cli::kExitBadInput;
        }
        if (!trace_file->commit(&error)) {
            core::log_error("trace: {}", error);
            return cli::kExitBadInput;
        }
    }
    if (!summary_file && !trace_file) {
        const std::string text = human_summary(result);
        std::fputs(text.c_str(), stdout);
        if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
            core::log_error("could not write the summary to standard output");
            return cli::kExitBadInput;
        }
    }
    return save_status;
}

}  // namespace bfr::replay
