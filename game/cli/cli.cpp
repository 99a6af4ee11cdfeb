#include "game/cli/cli.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <charconv>
#include <cmath>
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
  bfr-coach export (--latest | --session ID) --format csv|json|fhir --out PATH
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

template <class Enum>
std::map<std::string, Enum> names_of(std::initializer_list<std::pair<const char*, Enum>> list) {
    std::map<std::string, Enum> m;
    for (const auto& [name, value] : list) m.emplace(name, value);
    return m;
}

const auto kModes = names_of<Mode>({{"home", Mode::Home}, {"therapist", Mode::Therapist}, {"kiosk", Mode::Kiosk}});
const auto kLimbs = names_of<Limb>({{"arm", Limb::Arm}, {"leg", Limb::Leg}});
const auto kFormats =
    names_of<ExportFormat>({{"csv", ExportFormat::Csv}, {"json", ExportFormat::Json}, {"fhir", ExportFormat::Fhir}});

void add_common(CLI::App& app, CommonOptions& common) {
    app.add_option("--data-dir", common.data_dir, "Folder for history, recordings and settings")->type_name("DIR");
    app.add_option("--log-level", common.log_level, "Diagnostics on stderr: trace, debug, info, warn, error")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
        ->type_name("LEVEL");
}

/// Scene options and their raw text (validated after parsing, for clear messages).
struct SceneText {
    std::string source = "sim";
    std::string size = "1280x720";
};

void add_scene(CLI::App& app, SceneOptions& scene, SceneText& text) {
    app.add_option("--mode", scene.mode, "home, therapist or kiosk")
        ->transform(CLI::CheckedTransformer(kModes))
        ->type_name("MODE");
    app.add_option("--source", text.source, "sim, file:PATH, serial:DEVICE[@BAUD], udp:HOST:PORT or stdin")
        ->type_name("SPEC");
    app.add_option("--limb", scene.limb, "arm or leg")->transform(CLI::CheckedTransformer(kLimbs))->type_name("LIMB");
    app.add_option("--protocol", scene.protocol, "Protocol name or JSON file")->type_name("NAME|FILE");
    app.add_option("--size", text.size, "Window or image size in pixels (default 1280x720)")->type_name("WxH");
    app.add_option("--seed", scene.seed, "Seed of the simulated cuff and patient (default 1)")->type_name("N");
    app.add_option("--ui-scale", scene.ui_scale, "UI scale, 0.5 to 3 (default 1)")
        ->check(CLI::Range(0.5f, 3.f))
        ->type_name("X");
    app.add_option("--msaa", scene.msaa_samples, "Anti-aliasing samples 0..16 (default: 4 on a GPU, 0 in software)")
        ->check(CLI::Range(0, 16))
        ->type_name("N");
}

std::optional<std::string> finish_scene(SceneOptions& scene, const SceneText& text) {
    std::string error;
    auto spec = telemetry::parse_source_spec(text.source, &error);
    if (!spec) return "--source: " + error;
    scene.source = *spec;
    if (!parse_size(text.size, scene.width_px, scene.height_px, &error)) return "--size: " + error;
    return std::nullopt;
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
    std::vector<std::string> args = raw_args;
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
    app.set_version_flag("-V,--version", version_text(), "Print the version and exit");
    app.require_subcommand(1);

    SceneText run_text;
    CLI::App* run = app.add_subcommand("run", "Open the window (the default)");
    add_scene(*run, inv.run.scene, run_text);
    run->add_flag("--fullscreen", inv.run.fullscreen, "Start in borderless fullscreen (F11 toggles)");
    bool no_vsync = false;
    run->add_flag("--no-vsync", no_vsync, "Do not wait for the display's refresh (V toggles)");
    run->add_option("--quit-after-frames", inv.run.quit_after_frames, "Stop after N frames (for tests)")
        ->type_name("N");
    add_common(*run, inv.common);

    SceneText shot_text;
    CLI::App* shot = app.add_subcommand("shot", "Render the scene offscreen to a PNG and print frame timings");
    add_scene(*shot, inv.shot.scene, shot_text);
    shot->add_option("--out", inv.shot.out_path, "PNG to write (default shot.png)")->type_name("PATH.png");
    shot->add_option("--frames", inv.shot.frames, "Frames to render, 1/60 s of simulation each (default 120)")
        ->check(CLI::Range(1u, 100000u))
        ->type_name("N");
    double at_s = -1.0;
    shot->add_option("--at", at_s, "Advance the simulation to this time first (headless)")
        ->check(CLI::Range(0.0, 86400.0 * 7))
        ->type_name("SECONDS");
    shot->add_flag("--no-ui", inv.shot.no_ui, "Draw the 3-D scene alone, from the default camera");
    add_common(*shot, inv.common);

    CLI::App* replay = app.add_subcommand("replay", "Run a recorded session headless and summarise it");
    replay->add_option("file", inv.replay.file, "Telemetry file (CSV or NDJSON)")->required()->type_name("FILE");
    replay->add_option("--summary", inv.replay.summary_path, "Write the summary JSON here")->type_name("PATH");
    replay->add_option("--trace", inv.replay.trace_path, "Write the model trace CSV here")->type_name("PATH");
    replay->add_option("--trace-hz", inv.replay.trace_hz, "Trace rows per second, up to 60 (default 10)")
        ->check(CLI::Range(1e-6, 60.0))
        ->type_name("N");
    replay->add_flag("--save", inv.replay.save, "Also store the session in the history");
    replay->add_option("--limb", inv.replay.limb, "arm or leg")
        ->transform(CLI::CheckedTransformer(kLimbs))
        ->type_name("LIMB");
    replay->add_option("--protocol", inv.replay.protocol, "Protocol name or JSON file")->type_name("NAME|FILE");
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

    CLI::App* exp = app.add_subcommand("export", "Export a session (CSV, JSON or FHIR R4)");
    auto* latest = exp->add_flag("--latest", inv.export_.latest, "The most recent session");
    auto* session = exp->add_option("--session", inv.export_.session_id, "A session id")->type_name("ID");
    latest->excludes(session);
    exp->add_option("--format", inv.export_.format, "csv, json or fhir")
        ->transform(CLI::CheckedTransformer(kFormats))
        ->required()
        ->type_name("FORMAT");
    exp->add_option("--out", inv.export_.out_path, "File to write")->required()->type_name("PATH");
    add_common(*exp, inv.common);

    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 consumes from the back
    try {
        app.parse(reversed);
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
        return usage_error(is_subcommand(sub_name) ? sub_name : std::string(), e.what());
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
    } else if (eval->parsed()) {
        inv.subcommand = Subcommand::EvalReps;
    } else if (validate->parsed()) {
        inv.subcommand = Subcommand::Validate;
    } else if (history->parsed()) {
        inv.subcommand = Subcommand::History;
    } else if (exp->parsed()) {
        inv.subcommand = Subcommand::Export;
        if (!inv.export_.latest && inv.export_.session_id.empty()) {
            return usage_error("export", "say which session: --latest or --session ID");
        }
    }
    o.invocation = std::move(inv);
    return o;
}

}  // namespace bfr::cli
