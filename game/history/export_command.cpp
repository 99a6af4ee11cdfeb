#include "game/history/export_command.hpp"

#include "engine/core/log.hpp"
#include "game/frontend/paths.hpp"
#include "game/history/command_support.hpp"
#include "game/history/export.hpp"
#include "game/history/history_db.hpp"
#include "game/replay/output_file.hpp"

#include <fmt/format.h>

#include <charconv>
#include <csignal>
#include <filesystem>
#include <optional>
#include <string>

namespace bfr::history {
namespace {

namespace fs = std::filesystem;

const char* format_name(cli::ExportFormat f) {
    switch (f) {
        case cli::ExportFormat::Csv: return "csv";
        case cli::ExportFormat::Json: return "json";
        case cli::ExportFormat::Fhir: return "fhir";
    }
    return "json";
}

/// A positive session number, or nullopt.
std::optional<std::int64_t> parse_session_id(const std::string& text) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end || value < 1) return std::nullopt;
    return value;
}

/// True when `out` is the database or one of the files SQLite keeps beside it.
bool names_the_database(const std::string& out, const fs::path& db_path) {
    std::error_code ec;
    const fs::path target = fs::weakly_canonical(out, ec);
    if (ec) return false;
    const fs::path db = fs::weakly_canonical(db_path, ec);
    if (ec) return false;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        fs::path p = db;
        p += suffix;
        if (target == p) return true;
    }
    return false;
}

}  // namespace

int run_export(const cli::ExportOptions& options, const cli::CommonOptions& common) {
    std::signal(SIGPIPE, SIG_IGN);
    std::optional<std::int64_t> wanted;
    if (!options.latest) {
        wanted = parse_session_id(options.session_id);
        if (!wanted) {
            print_error("export", fmt::format("--session needs a session number such as 3, not '{}'", options.session_id),
                        "hint: `bfr-coach history` lists the sessions and their numbers");
            return cli::kExitUsage;
        }
    }
    const fs::path dir = frontend::resolve_data_dir(common.data_dir);
    const fs::path db_path = HistoryDb::database_path(dir);
    if (names_the_database(options.out_path, db_path)) {
        print_error("export", fmt::format("--out '{}' names the history database itself", options.out_path),
                    "hint: write the export to another file");
        return cli::kExitUsage;
    }
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
        print_error("export", fmt::format("data folder '{}' exists but is not a folder", dir.string()),
                    "hint: give --data-dir a folder");
        return cli::kExitBadInput;
    }
    const auto no_session = [&]() {
        if (options.latest) {
            print_error("export", fmt::format("the history in '{}' is empty: there is no session to export", dir.string()),
                        "hint: do a session in the window, or store a recording with `bfr-coach replay FILE --save`");
        } else {
            print_error("export", fmt::format("no session {}; `bfr-coach history` lists them", *wanted));
        }
        return cli::kExitBadInput;
    };
    if (!fs::exists(db_path, ec)) return no_session();  // nothing stored yet (and nothing created)

    std::string error;
    OpenError why = OpenError::None;
    const auto db = HistoryDb::open(dir, &error, &why);
    if (!db) {
        print_error("export", error, open_hint(why));
        return cli::kExitBadInput;
    }
    const std::optional<std::int64_t> id = options.latest ? db->latest_session_id() : wanted;
    if (!id) {
        if (!db->last_error().empty()) {
            print_error("export", db->last_error());
            return cli::kExitBadInput;
        }
        return no_session();
    }
    const std::optional<SessionRecord> record = db->load_session(*id);
    if (!record) {
        if (!db->last_error().empty()) {
            print_error("export", db->last_error());
            return cli::kExitBadInput;
        }
        return no_session();
    }

    std::string text;
    switch (options.format) {
        case cli::ExportFormat::Csv: text = session_csv(*record); break;
        case cli::ExportFormat::Json: text = session_json(*record); break;
        case cli::ExportFormat::Fhir: text = fhir_bundle(*record); break;
    }
    const auto out = replay::OutputFile::open(options.out_path, &error);
    if (!out) {
        print_error("export", error, "hint: give --out a path in a folder you can write to");
        return cli::kExitBadInput;
    }
    if (!out->write(text) || !out->commit(&error)) {
        if (error.empty()) error = fmt::format("cannot write '{}'", options.out_path);
        print_error("export", error);
        return cli::kExitBadInput;
    }
    core::log_info("exported session {} ({}, {} reps) to '{}'", *id, format_name(options.format),
                   record->session.reps, options.out_path);
    return cli::kExitOk;
}

}  // namespace bfr::history
