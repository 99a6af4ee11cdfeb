#pragma once
// The command line of interfaces.md §2, parsed into plain data. Pure: no I/O, no exit(), so
// every usage error can be tested. main.cpp prints `out`/`err` and exits with `exit_code`.

#include "engine/telemetry/diy_formats.hpp"
#include "engine/telemetry/source_spec.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bfr::cli {

/// Exit statuses of the contract.
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 2;     ///< Wrong usage, or a subcommand not available yet.
inline constexpr int kExitBadInput = 3;  ///< Input that cannot be used (file, display…).

enum class Subcommand { Run, Replay, Shot, EvalReps, Validate, History, Export };
enum class Mode { Home, Therapist, Kiosk };
enum class Limb { Arm, Leg };
enum class ExportFormat { Csv, Json, Fhir, Pdf, Png };  ///< Pdf, Png: the one-page clinician report.

/// Options shared by every subcommand.
struct CommonOptions {
    std::string data_dir;   ///< Empty: the default per-user data folder.
    std::string log_level;  ///< Empty: info.
};

/// `run` (also the default with no subcommand) and `shot` share the scene options.
struct SceneOptions {
    Mode mode = Mode::Home;
    telemetry::SourceSpec source;
    Limb limb = Limb::Arm;
    bool limb_given = false;  ///< --limb was on the command line (it wins over the saved settings).
    std::string protocol;  ///< NAME or FILE; empty = the default protocol.
    int width_px = 1280;
    int height_px = 720;
    std::uint64_t seed = 1;
    float ui_scale = 1.f;
    bool xray = false;  ///< --xray: start in the cut-away view (the skin translucent, the muscle and vessels inside).
    int msaa_samples = -1;                             ///< -1 = automatic (4 on a GPU, off in software rendering).
    telemetry::Format format = telemetry::Format::V1;  ///< Line format of file/serial/udp/stdin sources.
    bool loose_cuff = false;  ///< --sim-profile loose: the simulated cuff is not autoregulated.
    std::string lang;         ///< --lang CODE: the kiosk's starting language (en, de, es; a locale such as de_DE works).
};

struct RunOptions {
    SceneOptions scene;
    bool fullscreen = false;
    bool vsync = true;
    std::uint64_t quit_after_frames = 0;  ///< Tests: stop after this many frames (0 = never).
};

struct ShotOptions {
    SceneOptions scene;
    std::string out_path = "shot.png";
    std::uint32_t frames = 120;
    std::optional<double> at_s;  ///< Advance the simulation to this time first.
    bool no_ui = false;
};

struct ReplayOptions {
    std::string file;
    std::string summary_path;
    std::string trace_path;
    double trace_hz = 10.0;
    bool save = false;
    std::string started_at;  ///< --started-at: when the session took place (ISO 8601), for --save.
    Limb limb = Limb::Arm;
    std::string protocol;
    telemetry::Format format = telemetry::Format::V1;
};

struct EvalRepsOptions {
    std::string dir;
};
struct HistoryOptions {
    bool json = false;
};
struct ExportOptions {
    bool latest = false;
    std::string session_id;
    ExportFormat format = ExportFormat::Json;
    std::string out_path;
};

/// A successfully parsed command line.
struct Invocation {
    Subcommand subcommand = Subcommand::Run;
    CommonOptions common;
    RunOptions run;
    ShotOptions shot;
    ReplayOptions replay;
    EvalRepsOptions eval_reps;
    HistoryOptions history;
    ExportOptions export_;
};

/// The result of parsing: either an invocation to carry out, or text to print and an exit code
/// (help, version, usage errors).
struct ParseOutcome {
    std::optional<Invocation> invocation;
    int exit_code = kExitOk;
    std::string out;  ///< For stdout (help, version).
    std::string err;  ///< For stderr (errors, with a hint).
};

/// Parses `args` (without the program name).
[[nodiscard]] ParseOutcome parse_command_line(const std::vector<std::string>& args);

/// The program's version string, e.g. "bfr-coach 0.1.0".
[[nodiscard]] std::string version_text();

/// Names as written on the command line.
[[nodiscard]] const char* subcommand_name(Subcommand s) noexcept;
[[nodiscard]] const char* mode_name(Mode m) noexcept;
[[nodiscard]] const char* limb_name(Limb l) noexcept;

/// Parses "WxH" (each 64..8192). Returns false and a reason for anything else.
[[nodiscard]] bool parse_size(const std::string& text, int& width_px, int& height_px, std::string* error);

}  // namespace bfr::cli
