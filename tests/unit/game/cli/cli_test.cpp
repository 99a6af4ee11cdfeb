#include "game/cli/cli.hpp"

#include <catch2/catch.hpp>

using bfr::cli::parse_command_line;
using bfr::cli::Subcommand;

namespace {

bfr::cli::ParseOutcome parse(std::initializer_list<const char*> args) {
    std::vector<std::string> v;
    for (const char* a : args) v.emplace_back(a);
    return parse_command_line(v);
}

void require_usage_error(const bfr::cli::ParseOutcome& o, const std::string& fragment) {
    INFO("stderr: " << o.err);
    REQUIRE_FALSE(o.invocation.has_value());
    CHECK(o.exit_code == 2);
    CHECK(o.err.find(fragment) != std::string::npos);
    CHECK(o.err.find("hint: run 'bfr-coach") != std::string::npos);
    CHECK(o.out.empty());
}

}  // namespace

TEST_CASE("no arguments means run with the contract's defaults", "[cli]") {
    const auto o = parse({});
    REQUIRE(o.invocation);
    CHECK(o.exit_code == 0);
    const auto& inv = *o.invocation;
    CHECK(inv.subcommand == Subcommand::Run);
    CHECK(inv.run.scene.mode == bfr::cli::Mode::Home);
    CHECK(inv.run.scene.limb == bfr::cli::Limb::Arm);
    CHECK(inv.run.scene.source.kind == bfr::telemetry::SourceSpec::Kind::Sim);
    CHECK(inv.run.scene.width_px == 1280);
    CHECK(inv.run.scene.height_px == 720);
    CHECK(inv.run.scene.seed == 1);
    CHECK_FALSE(inv.run.fullscreen);
    CHECK(inv.common.data_dir.empty());
}

TEST_CASE("run options work with and without the word run", "[cli]") {
    for (const auto& o : {parse({"--limb", "leg", "--size", "800x600", "--fullscreen", "--seed", "42"}),
                          parse({"run", "--limb", "leg", "--size", "800x600", "--fullscreen", "--seed", "42"})}) {
        REQUIRE(o.invocation);
        CHECK(o.invocation->subcommand == Subcommand::Run);
        CHECK(o.invocation->run.scene.limb == bfr::cli::Limb::Leg);
        CHECK(o.invocation->run.scene.width_px == 800);
        CHECK(o.invocation->run.scene.height_px == 600);
        CHECK(o.invocation->run.fullscreen);
        CHECK(o.invocation->run.scene.seed == 42);
    }
}

TEST_CASE("shot parses its figures' options", "[cli]") {
    const auto o = parse({"shot", "--out", "x.png", "--frames", "10", "--size", "320x200", "--at", "12.5", "--no-ui",
                          "--data-dir", "/tmp/d", "--mode", "home"});
    REQUIRE(o.invocation);
    const auto& s = o.invocation->shot;
    CHECK(o.invocation->subcommand == Subcommand::Shot);
    CHECK(s.out_path == "x.png");
    CHECK(s.frames == 10);
    CHECK(s.scene.width_px == 320);
    CHECK(s.scene.height_px == 200);
    REQUIRE(s.at_s);
    CHECK(*s.at_s == Approx(12.5));
    CHECK(s.no_ui);
    CHECK(o.invocation->common.data_dir == "/tmp/d");
}

TEST_CASE("shot defaults: 120 frames, 1280x720, shot.png, no --at", "[cli]") {
    const auto o = parse({"shot"});
    REQUIRE(o.invocation);
    CHECK(o.invocation->shot.frames == 120);
    CHECK(o.invocation->shot.scene.width_px == 1280);
    CHECK(o.invocation->shot.out_path == "shot.png");
    CHECK_FALSE(o.invocation->shot.at_s.has_value());
    CHECK_FALSE(o.invocation->shot.no_ui);
}

TEST_CASE("help and version print to stdout and exit 0", "[cli]") {
    const auto help = parse({"--help"});
    CHECK_FALSE(help.invocation);
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("bfr-coach shot") != std::string::npos);
    CHECK(help.out.find("--data-dir") != std::string::npos);
    const auto shot_help = parse({"shot", "--help"});
    CHECK(shot_help.exit_code == 0);
    CHECK(shot_help.out.find("--no-ui") != std::string::npos);
    const auto version = parse({"--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out.find("bfr-coach 0.") != std::string::npos);
}

TEST_CASE("usage errors exit 2 with a message and a hint", "[cli]") {
    require_usage_error(parse({"--no-such-flag"}), "--no-such-flag");
    require_usage_error(parse({"frobnicate"}), "unknown command 'frobnicate'");
    require_usage_error(parse({"shot", "--size", "12x"}), "--size");
    require_usage_error(parse({"shot", "--size", "10x10"}), "64 to 8192");
    require_usage_error(parse({"shot", "--frames", "0"}), "--frames");
    require_usage_error(parse({"shot", "--frames", "abc"}), "--frames");
    require_usage_error(parse({"shot", "--at", "-3"}), "--at");
    require_usage_error(parse({"--limb", "tail"}), "--limb");
    require_usage_error(parse({"--mode", "party"}), "--mode");
    require_usage_error(parse({"--source", "bluetooth:x"}), "unknown source");
    require_usage_error(parse({"--source", "udp:127.0.0.1:99999"}), "bad port");
    require_usage_error(parse({"replay"}), "file");
    require_usage_error(parse({"export", "--format", "xml", "--out", "a", "--latest"}), "--format");
    require_usage_error(parse({"export", "--format", "csv", "--out", "a"}), "--latest or --session");
    require_usage_error(parse({"shot", "--ui-scale", "9"}), "--ui-scale");
}

TEST_CASE("shot --at needs a source that can be advanced", "[cli]") {
    require_usage_error(parse({"shot", "--at", "5", "--source", "udp:127.0.0.1:9750"}), "--at");
    require_usage_error(parse({"shot", "--at", "5", "--source", "stdin"}), "--at");
    const auto ok = parse({"shot", "--at", "5", "--source", "file:rec.csv"});
    REQUIRE(ok.invocation);
    CHECK(ok.invocation->shot.scene.source.path == "rec.csv");
}

TEST_CASE("the other subcommands parse", "[cli]") {
    const auto r =
        parse({"replay", "rec.csv", "--summary", "s.json", "--trace", "t.csv", "--trace-hz", "20", "--save"});
    REQUIRE(r.invocation);
    CHECK(r.invocation->subcommand == Subcommand::Replay);
    CHECK(r.invocation->replay.file == "rec.csv");
    CHECK(r.invocation->replay.trace_hz == Approx(20.0));
    CHECK(r.invocation->replay.save);
    const auto e = parse({"eval-reps", "dir"});
    REQUIRE(e.invocation);
    CHECK(e.invocation->eval_reps.dir == "dir");
    CHECK(parse({"validate"}).invocation->subcommand == Subcommand::Validate);
    CHECK(parse({"history", "--json"}).invocation->history.json);
    const auto x = parse({"export", "--latest", "--format", "fhir", "--out", "b.json"});
    REQUIRE(x.invocation);
    CHECK(x.invocation->export_.format == bfr::cli::ExportFormat::Fhir);
}

TEST_CASE("parse_size accepts WxH within limits only", "[cli]") {
    int w = 0;
    int h = 0;
    std::string why;
    CHECK(bfr::cli::parse_size("1920x1080", w, h, &why));
    CHECK(w == 1920);
    CHECK(h == 1080);
    CHECK(bfr::cli::parse_size("64X64", w, h, &why));
    for (const char* bad :
         {"", "x", "1920", "1920x", "x1080", "-5x100", "100x100x1", "9000x100", "1e3x100", " 640x480"}) {
        INFO(bad);
        CHECK_FALSE(bfr::cli::parse_size(bad, w, h, &why));
    }
    CHECK(w == 64);  // unchanged by failures
}

TEST_CASE("names are exact: numeric aliases of modes, limbs and formats are refused", "[cli]") {
    require_usage_error(parse({"shot", "--limb", "1"}), "'1' is not one of arm, leg");
    require_usage_error(parse({"--mode", "2"}), "--mode");
    require_usage_error(parse({"replay", "r.csv", "--limb", "0"}), "--limb");
    require_usage_error(parse({"export", "--latest", "--format", "1", "--out", "x"}), "--format");
    require_usage_error(parse({"--limb", "Leg"}), "--limb");
    const auto ok = parse({"replay", "r.csv", "--limb", "leg"});
    REQUIRE(ok.invocation);
    CHECK(ok.invocation->replay.limb == bfr::cli::Limb::Leg);
}

TEST_CASE("numbers must be finite and in range; whole numbers must fit", "[cli]") {
    require_usage_error(parse({"shot", "--at", "nan"}), "not a number");
    require_usage_error(parse({"shot", "--at", "inf"}), "not a number");
    require_usage_error(parse({"shot", "--at", "1e9"}), "outside 0 to 604800");
    require_usage_error(parse({"shot", "--ui-scale", "nan"}), "--ui-scale");
    require_usage_error(parse({"shot", "--seed", "99999999999999999999999"}), "--seed");
    require_usage_error(parse({"shot", "--seed", "-1"}), "--seed");
    require_usage_error(parse({"shot", "--frames", "2.5"}), "--frames");
    require_usage_error(parse({"replay", "r.csv", "--trace-hz", "61"}), "--trace-hz");
    require_usage_error(parse({"replay", "r.csv", "--trace-hz", "0"}), "--trace-hz");
    require_usage_error(parse({"replay", "r.csv", "--trace-hz", "-1"}), "--trace-hz");
    // Any positive value up to 60 (interfaces.md §6), however small.
    const auto slow = parse({"replay", "r.csv", "--trace-hz", "1e-9"});
    REQUIRE(slow.invocation);
    CHECK(slow.invocation->replay.trace_hz == Approx(1e-9));
    const auto ok = parse({"shot", "--seed", "18446744073709551615", "--at", "0.25", "--ui-scale", "2.5"});
    REQUIRE(ok.invocation);
    CHECK(ok.invocation->shot.scene.seed == 18446744073709551615ull);
    CHECK(*ok.invocation->shot.at_s == Approx(0.25));
    CHECK(ok.invocation->shot.scene.ui_scale == Approx(2.5f));
}

TEST_CASE("common options may stand before the subcommand", "[cli]") {
    const auto o = parse({"--data-dir", "/tmp/d", "--log-level", "debug", "shot", "--frames", "3"});
    REQUIRE(o.invocation);
    CHECK(o.invocation->subcommand == Subcommand::Shot);
    CHECK(o.invocation->common.data_dir == "/tmp/d");
    CHECK(o.invocation->common.log_level == "debug");
    CHECK(o.invocation->shot.frames == 3);
    const auto eq = parse({"--data-dir=/x", "history"});
    REQUIRE(eq.invocation);
    CHECK(eq.invocation->subcommand == Subcommand::History);
    CHECK(eq.invocation->common.data_dir == "/x");
    const auto run = parse({"--data-dir", "/y", "--limb", "leg"});  // no subcommand: run
    REQUIRE(run.invocation);
    CHECK(run.invocation->subcommand == Subcommand::Run);
    CHECK(run.invocation->run.scene.limb == bfr::cli::Limb::Leg);
}

TEST_CASE("usage errors quote the arguments in the order they were given", "[cli]") {
    const auto o = parse({"shot", "stray1", "stray2"});
    REQUIRE_FALSE(o.invocation);
    CHECK(o.exit_code == 2);
    INFO(o.err);
    const auto first = o.err.find("stray1");
    const auto second = o.err.find("stray2");
    REQUIRE(first != std::string::npos);
    REQUIRE(second != std::string::npos);
    CHECK(first < second);
}

TEST_CASE("log level accepts warn and warning", "[cli]") {
    CHECK(parse({"--log-level", "warning"}).invocation);
    CHECK(parse({"--log-level", "warn"}).invocation);
    require_usage_error(parse({"--log-level", "loud"}), "--log-level");
}

TEST_CASE("line formats of do-it-yourself cuffs are chosen by name", "[cli]") {
    const auto o = parse({"--source", "serial:/dev/ttyUSB0@38400", "--format", "mmhg-number"});
    REQUIRE(o.invocation);
    CHECK(o.invocation->run.scene.format == bfr::telemetry::Format::MmhgNumber);
    CHECK(parse({"shot"}).invocation->shot.scene.format == bfr::telemetry::Format::V1);
    const auto r = parse({"replay", "x.txt", "--format", "pressure-line"});
    REQUIRE(r.invocation);
    CHECK(r.invocation->replay.format == bfr::telemetry::Format::PressureLine);
    require_usage_error(parse({"--format", "xml"}), "'xml' is not one of v1, pressure-line");
}

TEST_CASE("the simulated cuff profile is tight unless asked for loose", "[cli]") {
    CHECK_FALSE(parse({}).invocation->run.scene.loose_cuff);
    CHECK(parse({"shot", "--sim-profile", "loose"}).invocation->shot.scene.loose_cuff);
    require_usage_error(parse({"--sim-profile", "floppy"}), "--sim-profile");
}
