#include "game/history/export_command.hpp"

#include "engine/core/log.hpp"
#include "game/frontend/paths.hpp"
#include "game/history/command_support.hpp"
#include "game/history/export.hpp"
#include "game/history/history_db.hpp"
#include "game/history/progress_source.hpp"
#include "game/history/report.hpp"
#include "game/history/report_cairo.hpp"
#include "game/protocol/protocol_io.hpp"
#include "game/replay/output_file.hpp"

#include <fmt/format.h>

#include <charconv>
#include <csignal>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bfr::history {
namespace {

namespace fs = std::filesystem;

const char* format_name(cli::ExportFormat f) {
    switch (f) {
        case cli::ExportFormat::Csv: return "csv";
        case cli::ExportFormat::Json: return "json";
        case cli::ExportFormat::Fhir: return "fhir";
        case cli::ExportFormat::Pdf: return "pdf";
        case cli::ExportFormat::Png: return "png";
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

/// The version alone ("0.1.0") from cli::version_text() ("bfr-coach 0.1.0").
std::string version_number() {
    std::string v = cli::version_text();
    if (const auto space = v.rfind(' '); space != std::string::npos) v.erase(0, space + 1);
    return v;
}

/// The clinician report (PDF or PNG) of `record`, with the trend from the rest of the history and
/// the session's protocol when it can still be found; nullopt and a message when it cannot be
/// drawn.
std::optional<std::string> report_bytes(HistoryDb& db, const SessionRecord& record, cli::ExportFormat format,
                                        std::string* error) {
    report::ReportContext context;
    context.version = version_number();
    context.utc_offset_s = local_utc_offset_s();
    const std::string& name = record.session.start.protocol_name;
    if (!name.empty() && name != "free") {
        // By its exact name among the shipped and built-in protocols (never as a file path, so
        // nothing in the current folder is read). One that is gone, or whose sets no longer match
        // the stored ones (build_report checks), leaves the report to the stored sets.
        const auto dir = frontend::find_protocols_dir();
        for (protocol::Protocol& p : protocol::list_protocols(dir.value_or(fs::path{}), nullptr)) {
            if (p.name == name) {
                context.protocol = std::move(p);
                break;
            }
        }
        if (!context.protocol) core::log_debug("report: protocol '{}' not found; using the stored sets", name);
    }
    std::vector<SessionRow> history;
    if (auto listed = db.list_sessions()) {
        history = std::move(*listed);
    } else {
        core::log_warn("report: the trend is left out: {}", db.last_error());
    }
    const report::ReportModel model = report::build_report(record, history, context);
    return format == cli::ExportFormat::Pdf ? report::render_pdf(model, error) : report::render_png(model, error);
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
        case cli::ExportFormat::Pdf:
        case cli::ExportFormat::Png: {
            auto bytes = report_bytes(*db, *record, options.format, &error);
            if (!bytes) {
                print_error("export", error);
                return cli::kExitBadInput;
            }
            text = std::move(*bytes);
            break;
        }
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
