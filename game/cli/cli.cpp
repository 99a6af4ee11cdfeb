#include "game/cli/cli.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <memory>
#include <sstream>

#ifndef BFR_VERSION
#define BFR_VERSION "0.0.0"
#endif

namespace bfr::cli {
namespace {

constexpr const char* kProgram = "bfr-coach";

constexpr const char* kSynopsis = R"(Usage:
  bfr-coach [run] [--mode home|therapist|kiosk] [--source SPEC] [--limb arm|leg]
                  [--protocol NAME|FILE] [--size WxH] [--fullscreen] [--seed N]
  bfr-coach replay FILE [--summary PATH] [--trace PATH] [--trace-hz N] [--save]
                  [--limb arm|leg] [--protocol NAME|FILE]
  bfr-coach shot  [--out PATH.png] [--frames N] [--size WxH] [--mode M]
                  [--source SPEC] [--limb arm|leg] [--at SECONDS] [--seed N] [--no-ui]
  bfr-coach eval-reps DIR
  bfr-coach validate
  bfr-coach history [--json]
  bfr-coach export (--latest | --session ID) --format csv|json|fhir|pdf|png --out PATH
  bfr-coach --help | --version
Every subcommand also takes --data-dir DIR (default: $XDG_DATA_HOME/bfr-coach, else
~/.local/share/bfr-coach) and --log-level trace|debug|info|warn|error.

Sources (SPEC): sim (default: simulated cuff and patient), file:PATH, serial:DEVICE[@BAUD],
udp:HOST:PORT, stdin.
Exit status: 0 success, 2 wrong usage, 3 input that cannot be used (file, display).
Run 'bfr-coach SUBCOMMAND --help' for the options of one subcommand.)";

const std::vector<std::string> kSubcommands = {"run", "replay", "shot", "eval-reps", "validate", "history", "export"};

bool is_subcommand(const std::string& s) {
    for (const auto& name : kSubcommands) {
        if (name == s) return true;
    }
    return false;
}

ParseOutcome usage_error(const std::string& subcommand, const std::string& message) {
    ParseOutcome o;
    o.exit_code = kExitUsage;
    const std::string where = subcommand.empty() ? std::string(kProgram) : fmt::format("{} {}", kProgram, subcommand);
    const std::string help =
        subcommand.empty() ? fmt::format("{} --help", kProgram) : fmt::format("{} {} --help", kProgram, subcommand);
    o.err = fmt::format("{}: error: {}\nhint: run '{}' for usage\n", where, message, help);
    return o;
}

/// CLI11's usage line says a subcommand is required; ours is optional (run is the default).
class Formatter final : public CLI::Formatter {
public:
    std::string make_usage(const CLI::App* app, std::string name) const override {
        if (app->get_parent() == nullptr) return "Usage: bfr-coach [SUBCOMMAND] [OPTIONS]   (no subcommand: run)\n";
        return CLI::Formatter::make_usage(app, std::move(name));
    }
};

/// Accepts exactly one of `names` (no numeric aliases: "--limb 1" is an error, not the leg).
CLI::Validator one_of(std::vector<std::string> names) {
    std::string description;
    for (const auto& n : names) description += (description.empty() ? "" : "|") + n;
    return CLI::Validator(
        [names](std::string& value) -> std::string {
            for (const auto& n : names) {
                if (value == n) return {};
            }
            std::string list;
            for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
            return fmt::format("'{}' is not one of {}", value, list);
        },
        description);
}

/// A finite decimal number within [lo, hi] (NaN, inf and trailing junk are refused).
CLI::Validator number_in(double lo, double hi) {
    return CLI::Validator(
        [lo, hi](std::string& value) -> std::string {
            double v = 0.0;
            const char* end = value.data() + value.size();
            const auto [ptr, ec] = std::from_chars(value.data(), end, v);
            if (value.empty() || ec != std::errc{} || ptr != end || !std::isfinite(v)) {
                return fmt::format("'{}' is not a number", value);
            }
            if (v < lo || v > hi) return fmt::format("{} is outside {:g} to {:g}", value, lo, hi);
            return {};
        },
        fmt::format("{:g} to {:g}", lo, hi));
}

/// A number above 0 and at most `hi`.
CLI::Validator positive_up_to(double hi) {
    return CLI::Validator(
        [hi](std::string& value) -> std::string {
            double v = 0.0;
            const char* end = value.data() + value.size();
            const auto [ptr, ec] = std::from_chars(value.data(), end, v);
            if (value.empty() || ec != std::errc{} || ptr != end || !std::isfinite(v)) {
                return fmt::format("'{}' is not a number", value);
            }
            if (!(v > 0.0) || v > hi) return fmt::format("{} is not above 0 and at most {:g}", value, hi);
            return {};
        },
        fmt::format("above 0, at most {:g}", hi));
}

/// A whole number within [lo, hi] (no sign, no fraction, no overflow).
CLI::Validator whole_in(std::uint64_t lo, std::uint64_t hi) {
    return CLI::Validator(
        [lo, hi](std::string& value) -> std::string {
            std::uint64_t v = 0;
            const char* end = value.data() + value.size();
            const auto [ptr, ec] = std::from_chars(value.data(), end, v);
            if (value.empty() || ec != std::errc{} || ptr != end) {
                return fmt::format("'{}' is not a whole number from {} to {}", value, lo, hi);
            }
            if (v < lo || v > hi) return fmt::format("{} is outside {} to {}", value, lo, hi);
            return {};
        },
        fmt::format("{} to {}", lo, hi));
}

Mode to_mode(const std::string& s) {
    return s == "kiosk" ? Mode::Kiosk : s == "therapist" ? Mode::Therapist : Mode::Home;
}
Limb to_limb(const std::string& s) {
    return s == "leg" ? Limb::Leg : Limb::Arm;
}
ExportFormat to_format(const std::string& s) {
    if (s == "csv") return ExportFormat::Csv;
    if (s == "fhir") return ExportFormat::Fhir;
    if (s == "pdf") return ExportFormat::Pdf;
    if (s == "png") return ExportFormat::Png;
    return ExportFormat::Json;
}

void add_common(CLI::App& app, CommonOptions& common) {
    app.add_option("--data-dir", common.data_dir, "Folder for history, recordings and settings")->type_name("DIR");
    app.add_option("--log-level", common.log_level, "Diagnostics on stderr (default info)")
        ->check(one_of({"trace", "debug", "info", "warn", "warning", "error"}))
        ->type_name("LEVEL");
}

/// Scene options as text, validated and converted after parsing (for clear messages).
struct SceneText {
    std::string mode = "home";
    std::string limb;  // empty: not given
    std::string source = "sim";
    std::string size = "1280x720";
    std::string format = "v1";
    std::string sim_profile = "tight";
};

/// Accepts the telemetry line formats the parser knows (v1 and the DIY cuff firmware lines).
CLI::Validator format_name_check() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            if (telemetry::parse_format_name(value)) return {};
            return fmt::format("'{}' is not one of {}", value, telemetry::format_names_text());
        },
        telemetry::format_names_text());
}

void add_scene(CLI::App& app, SceneOptions& scene, SceneText& text) {
    app.add_option("--mode", text.mode, "Who it is for (default home)")
        ->check(one_of({"home", "therapist", "kiosk"}))
        ->type_name("MODE");
    app.add_option("--source", text.source, "sim, file:PATH, serial:DEVICE[@BAUD], udp:HOST:PORT or stdin")
        ->type_name("SPEC");
    app.add_option("--limb", text.limb, "Exercised limb (default arm)")
        ->check(one_of({"arm", "leg"}))
        ->type_name("LIMB");
    app.add_option("--protocol", scene.protocol, "Protocol name or JSON file")->type_name("NAME|FILE");
    app.add_option("--format", text.format,
                   "Line format of a file/serial/udp/stdin source: v1 (telemetry v1, CSV or NDJSON: default) or "
                   "a do-it-yourself cuff's lines")
        ->check(format_name_check())
        ->type_name("FORMAT");
    app.add_option("--sim-profile", text.sim_profile,
                   "The simulated cuff: tight (autoregulated, default) or loose (leaks, re-pumps late)")
        ->check(one_of({"tight", "loose"}))
        ->type_name("PROFILE");
    app.add_option("--size", text.size, "Window or image size in pixels (default 1280x720)")->type_name("WxH");
    app.add_option("--seed", scene.seed,
                   "Seed of the simulated cuff and patient (default 1; the current patient is deterministic and "
                   "does not draw random numbers yet)")
        ->check(whole_in(0, std::numeric_limits<std::uint64_t>::max()))
        ->type_name("N");
    app.add_flag("--xray", scene.xray, "Cut-away view: the skin translucent, the muscle and the blood flow inside (X)");
    app.add_option("--lang", scene.lang, "Kiosk mode: the starting language (en, de, es; default from assets/kiosk)")
        ->type_name("CODE");
    app.add_option("--ui-scale", scene.ui_scale, "UI scale (default 1)")->check(number_in(0.5, 3.0))->type_name("X");
    app.add_option("--msaa", scene.msaa_samples, "Anti-aliasing samples (default: 4 on a GPU, 0 in software)")
        ->check(whole_in(0, 16))
        ->type_name("N");
}

std::optional<std::string> finish_scene(SceneOptions& scene, const SceneText& text) {
    scene.mode = to_mode(text.mode);
    scene.limb_given = !text.limb.empty();
    scene.limb = to_limb(text.limb.empty() ? std::string("arm") : text.limb);
    scene.format = telemetry::parse_format_name(text.format).value_or(telemetry::Format::V1);
    scene.loose_cuff = text.sim_profile == "loose";
    std::string error;
    auto spec = telemetry::parse_source_spec(text.source, &error);
    if (!spec) return "--source: " + error;
    scene.source = *spec;
    if (!parse_size(text.size, scene.width_px, scene.height_px, &error)) return "--size: " + error;
    return std::nullopt;
}

/// Lets the common options stand before the subcommand ("bfr-coach --data-dir D shot …") by
/// moving them after it.
std::vector<std::string> move_common_options_after_subcommand(const std::vector<std::string>& args) {
    std::vector<std::string> leading;
    std::size_t i = 0;
    while (i < args.size()) {
        const std::string& a = args[i];
        if ((a == "--data-dir" || a == "--log-level") && i + 1 < args.size()) {
            leading.push_back(a);
            leading.push_back(args[i + 1]);
            i += 2;
        } else if (a.rfind("--data-dir=", 0) == 0 || a.rfind("--log-level=", 0) == 0) {
            leading.push_back(a);
            ++i;
        } else {
            break;
        }
    }
    if (leading.empty() || i >= args.size() || !is_subcommand(args[i])) return args;
    std::vector<std::string> out;
    out.push_back(args[i]);
    out.insert(out.end(), leading.begin(), leading.end());
    out.insert(out.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
    return out;
}

}  // namespace

bool parse_size(const std::string& text, int& width_px, int& height_px, std::string* error) {
    const auto x = text.find_first_of("xX");
    auto parse = [](std::string_view s, int& out) {
        const auto* end = s.data() + s.size();
        const auto [ptr, ec] = std::from_chars(s.data(), end, out);
        return !s.empty() && ec == std::errc{} && ptr == end;
    };
    int w = 0;
    int h = 0;
    if (x == std::string::npos || !parse(std::string_view(text).substr(0, x), w) ||
        !parse(std::string_view(text).substr(x + 1), h)) {
        if (error != nullptr) *error = fmt::format("'{}' is not WIDTHxHEIGHT, e.g. 1280x720", text);
        return false;
    }
    if (w < 64 || h < 64 || w > 8192 || h > 8192) {
        if (error != nullptr) *error = fmt::format("'{}': width and height must each be 64 to 8192 pixels", text);
        return false;
    }
    width_px = w;
    height_px = h;
    return true;
}

std::string version_text() {
    return fmt::format("{} {}", kProgram, BFR_VERSION);
}

const char* subcommand_name(Subcommand s) noexcept {
    switch (s) {
        case Subcommand::Run: return "run";
        case Subcommand::Replay: return "replay";
        case Subcommand::Shot: return "shot";
        case Subcommand::EvalReps: return "eval-reps";
        case Subcommand::Validate: return "validate";
        case Subcommand::History: return "history";
        case Subcommand::Export: return "export";
    }
    return "run";
}

const char* mode_name(Mode m) noexcept {
    switch (m) {
        case Mode::Home: return "home";
        case Mode::Therapist: return "therapist";
        case Mode::Kiosk: return "kiosk";
    }
    return "home";
}

const char* limb_name(Limb l) noexcept {
    return l == Limb::Leg ? "leg" : "arm";
}

ParseOutcome parse_command_line(const std::vector<std::string>& raw_args) {
    std::vector<std::string> args = move_common_options_after_subcommand(raw_args);
    // `run` is the default subcommand: with no arguments, or when the first one is an option
    // other than the program-wide --help/--version.
    if (args.empty() || (args[0].rfind('-', 0) == 0 && args[0] != "--help" && args[0] != "-h" &&
                         args[0] != "--version" && args[0] != "-V")) {
        args.insert(args.begin(), "run");
    }
    if (!args.empty() && args[0].rfind('-', 0) != 0 && !is_subcommand(args[0])) {
        return usage_error("", fmt::format("unknown command '{}' (commands: run, replay, shot, eval-reps, validate, "
                                           "history, export)",
                                           args[0]));
    }
    const std::string sub_name = args.empty() ? std::string() : args[0];

    Invocation inv;
    CLI::App app{"BFR Coach: a real-time coach for blood flow restriction rehab exercise.", kProgram};
    app.footer(kSynopsis);
    app.formatter(std::make_shared<Formatter>());
    app.set_version_flag("-V,--version", version_text(), "Print the version and exit");
    app.require_subcommand(1);

    SceneText run_text;
    CLI::App* run = app.add_subcommand("run", "Open the window (the default)");
    add_scene(*run, inv.run.scene, run_text);
    run->add_flag("--fullscreen", inv.run.fullscreen, "Start in borderless fullscreen (F11 toggles)");
    bool no_vsync = false;
    run->add_flag("--no-vsync", no_vsync, "Do not wait for the display's refresh (V toggles)");
    run->add_option("--quit-after-frames", inv.run.quit_after_frames, "Stop after N frames (for tests)")
        ->check(whole_in(1, std::numeric_limits<std::uint64_t>::max()))
        ->type_name("N");
    add_common(*run, inv.common);

    SceneText shot_text;
    CLI::App* shot = app.add_subcommand("shot", "Render the scene offscreen to a PNG and print frame timings");
    add_scene(*shot, inv.shot.scene, shot_text);
    shot->add_option("--out", inv.shot.out_path, "PNG to write (default shot.png)")->type_name("PATH.png");
    shot->add_option("--frames", inv.shot.frames, "Frames to render, 1/60 s of simulation each (default 120)")
        ->check(whole_in(1, 100000))
        ->type_name("N");
    double at_s = -1.0;
    shot->add_option("--at", at_s,
                     "Run the simulation to this time first (headless); the frames then continue from it, so "
                     "the picture shows SECONDS + frames/60 (use --frames 1 for the state at SECONDS)")
        ->check(number_in(0.0, 86400.0 * 7))
        ->type_name("SECONDS");
    shot->add_flag("--no-ui", inv.shot.no_ui, "Draw the 3-D scene alone, from the default camera");
    add_common(*shot, inv.common);

    CLI::App* replay = app.add_subcommand("replay", "Run a recorded session headless and summarise it");
    replay->add_option("file", inv.replay.file, "Telemetry file (CSV or NDJSON)")->required()->type_name("FILE");
    replay->add_option("--summary", inv.replay.summary_path, "Write the summary JSON here")->type_name("PATH");
    replay->add_option("--trace", inv.replay.trace_path, "Write the model trace CSV here")->type_name("PATH");
    replay->add_option("--trace-hz", inv.replay.trace_hz, "Trace rows per second, up to 60 (default 10)")
        ->check(positive_up_to(60.0))
        ->type_name("N");
    replay->add_flag("--save", inv.replay.save, "Also store the session in the history");
    replay->add_option("--started-at", inv.replay.started_at,
                       "With --save: when the session took place, ISO 8601 UTC (default: from a recording's "
                       "session-YYYYmmdd-HHMMSS name, else now)")
        ->type_name("TIME");
    std::string replay_limb = "arm";
    replay->add_option("--limb", replay_limb, "Exercised limb (default arm)")
        ->check(one_of({"arm", "leg"}))
        ->type_name("LIMB");
    replay->add_option("--protocol", inv.replay.protocol, "Protocol name or JSON file")->type_name("NAME|FILE");
    std::string replay_format = "v1";
    replay->add_option("--format", replay_format, "Line format of the file (default v1)")
        ->check(format_name_check())
        ->type_name("FORMAT");
    add_common(*replay, inv.common);

    CLI::App* eval = app.add_subcommand("eval-reps", "Measure the rep counter on labelled recordings");
    eval->add_option("dir", inv.eval_reps.dir, "Folder with telemetry files and labels.csv")
        ->required()
        ->type_name("DIR");
    add_common(*eval, inv.common);

    CLI::App* validate = app.add_subcommand("validate", "Check the physiology model against published targets");
    add_common(*validate, inv.common);

    CLI::App* history = app.add_subcommand("history", "List stored sessions");
    history->add_flag("--json", inv.history.json, "Print a JSON array");
    add_common(*history, inv.common);

    CLI::App* exp = app.add_subcommand(
        "export", "Export a session (CSV, JSON, FHIR R4, or a one-page clinician report as PDF or PNG)");
    auto* latest = exp->add_flag("--latest", inv.export_.latest, "The most recent session");
    auto* session = exp->add_option("--session", inv.export_.session_id, "A session id")->type_name("ID");
    latest->excludes(session);
    std::string format = "json";
    exp->add_option("--format", format,
                    "What to write: csv (one row per rep), json (the whole record), fhir (an R4 Bundle), "
                    "pdf or png (the clinician session report, one A4 page)")
        ->check(one_of({"csv", "json", "fhir", "pdf", "png"}))
        ->required()
        ->type_name("FORMAT");
    exp->add_option("--out", inv.export_.out_path, "File to write")->required()->type_name("PATH");
    add_common(*exp, inv.common);

    std::vector<const char*> argv;
    argv.push_back(kProgram);
    for (const auto& a : args) argv.push_back(a.c_str());
    try {
        app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) {  // --help or --version
            std::ostringstream out;
            std::ostringstream err;
            app.exit(e, out, err);
            ParseOutcome o;
            o.out = out.str();
            o.err = err.str();
            return o;
        }
        std::string message = e.what();
        if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
            // CLI11 2.1 lists extra arguments in reverse; name them in the order they were given.
            std::vector<std::string> extras = app.remaining(true);
            std::stable_sort(extras.begin(), extras.end(), [&](const std::string& a, const std::string& b) {
                return std::find(args.begin(), args.end(), a) < std::find(args.begin(), args.end(), b);
            });
            message = "unexpected argument";
            if (extras.size() > 1) message += "s";
            for (std::size_t i = 0; i < extras.size(); ++i) message += (i == 0 ? ": " : " ") + extras[i];
        }
        return usage_error(is_subcommand(sub_name) ? sub_name : std::string(), message);
    }

    ParseOutcome o;
    if (run->parsed()) {
        inv.subcommand = Subcommand::Run;
        inv.run.vsync = !no_vsync;
        if (auto err = finish_scene(inv.run.scene, run_text)) return usage_error("run", *err);
    } else if (shot->parsed()) {
        inv.subcommand = Subcommand::Shot;
        if (auto err = finish_scene(inv.shot.scene, shot_text)) return usage_error("shot", *err);
        if (at_s >= 0.0) {
            if (inv.shot.scene.source.is_live()) {
                return usage_error("shot",
                                   fmt::format("--at needs a source that can be advanced (sim or file:), not '{}'",
                                               telemetry::to_string(inv.shot.scene.source)));
            }
            inv.shot.at_s = at_s;
        }
        if (inv.shot.out_path.empty()) return usage_error("shot", "--out needs a file name");
    } else if (replay->parsed()) {
        inv.subcommand = Subcommand::Replay;
        inv.replay.limb = to_limb(replay_limb);
        inv.replay.format = telemetry::parse_format_name(replay_format).value_or(telemetry::Format::V1);
    } else if (eval->parsed()) {
        inv.subcommand = Subcommand::EvalReps;
    } else if (validate->parsed()) {
        inv.subcommand = Subcommand::Validate;
    } else if (history->parsed()) {
        inv.subcommand = Subcommand::History;
    } else if (exp->parsed()) {
        inv.subcommand = Subcommand::Export;
        inv.export_.format = to_format(format);
        if (!inv.export_.latest && inv.export_.session_id.empty()) {
            return usage_error("export", "say which session: --latest or --session ID");
        }
    }
    o.invocation = std::move(inv);
    return o;
}

}  // namespace bfr::cli
