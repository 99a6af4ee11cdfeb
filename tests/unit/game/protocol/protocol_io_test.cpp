#include "game/protocol/protocol_io.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using bfr::protocol::CuffInRest;
using bfr::protocol::find_protocol;
using bfr::protocol::Limb;
using bfr::protocol::list_protocols;
using bfr::protocol::load_protocol_file;
using bfr::protocol::LoadResult;
using bfr::protocol::parse_protocol;
using bfr::protocol::Protocol;
using bfr::protocol::SetSpec;
using bfr::protocol::standard_protocol;
using bfr::protocol::to_json;

namespace {

const fs::path kAssets = fs::path(BFR_SOURCE_DIR) / "assets" / "protocols";

/// A fresh folder under the temp dir, removed at the end of the test.
class TempDir {
public:
    explicit TempDir(const std::string& tag) {
        path_ = fs::temp_directory_path() / ("bfr-protocol-test-" + tag + "-" + std::to_string(::getpid()));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const fs::path& path() const { return path_; }
    fs::path write(const std::string& name, const std::string& text) const {
        const fs::path p = path_ / name;
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }

private:
    fs::path path_;
};

/// A valid protocol text with `extra` members added (", ..." inside the object).
std::string with(const std::string& extra) {
    return R"({"schema": "bfr-coach.protocol/1", "sets": [30, 15, 15, 15])" + (extra.empty() ? "" : ", " + extra) + "}";
}

/// A valid protocol text without "sets" and with `extra` members.
std::string without_sets(const std::string& extra) {
    return R"({"schema": "bfr-coach.protocol/1")" + (extra.empty() ? "" : ", " + extra) + "}";
}

std::vector<fs::path> asset_files() {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(kAssets)) {
        if (e.path().extension() == ".json") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("every asset protocol loads without warnings, named after its file, names unique") {
    const std::vector<fs::path> files = asset_files();
    REQUIRE(files.size() == 5);
    std::set<std::string> names;
    for (const fs::path& f : files) {
        INFO(f.string());
        const LoadResult r = load_protocol_file(f);
        INFO(r.error);
        REQUIRE(r.ok());
        CHECK(r.error.empty());
        CHECK(r.warnings.empty());
        CHECK(r.protocol->name == f.stem().string());
        CHECK_FALSE(r.protocol->title.empty());
        CHECK_FALSE(r.protocol->description.empty());
        CHECK(names.insert(r.protocol->name).second);
    }
}

TEST_CASE("the standard asset equals the compiled-in standard protocol") {
    const LoadResult r = load_protocol_file(kAssets / "30-15-15-15.json");
    REQUIRE(r.ok());
    CHECK(*r.protocol == standard_protocol());

    const Protocol p = standard_protocol();
    CHECK(p.name == "30-15-15-15");
    REQUIRE(p.sets.size() == 4);
    CHECK(p.sets[0] == SetSpec{30, false});
    CHECK(p.sets[3] == SetSpec{15, false});
    CHECK(p.prescribed_reps() == 75);
    CHECK(p.rest_s == 30.0);
    CHECK(p.cuff_in_rest == CuffInRest::KeepOn);
    CHECK(p.target_pct_lop(Limb::Arm) == 50.0);
    CHECK(p.target_pct_lop(Limb::Leg) == 60.0);
    CHECK(p.load_pct1rm == 30.0);
    CHECK(p.tempo.rep_s() == 2.0);
    CHECK(p.limits.occlusion_limit_s == 1200.0);
    CHECK(p.limits.occlusion_warning_s == 600.0);
    CHECK(p.limits.ceiling_mmHg == 300.0);
    CHECK(p.limits.sensor_timeout_s == 2.0);
    CHECK(p.limits.discomfort_stop_above == 7);
}

TEST_CASE("the other assets hold what their names say") {
    const LoadResult failure = load_protocol_file(kAssets / "30-15-15-failure.json");
    REQUIRE(failure.ok());
    REQUIRE(failure.protocol->sets.size() == 4);
    CHECK(failure.protocol->sets[2] == SetSpec{15, false});
    CHECK(failure.protocol->sets[3] == SetSpec{0, true});
    CHECK(failure.protocol->failure_pause_s == 6.0);

    const LoadResult inter = load_protocol_file(kAssets / "30-15-15-15-intermittent.json");
    REQUIRE(inter.ok());
    CHECK(inter.protocol->cuff_in_rest == CuffInRest::Release);
    CHECK(inter.protocol->prescribed_reps() == 75);

    const LoadResult leg = load_protocol_file(kAssets / "leg-70-lop.json");
    REQUIRE(leg.ok());
    CHECK(leg.protocol->sets == std::vector<SetSpec>{{15, false}, {15, false}, {15, false}});
    CHECK(leg.protocol->target_pct_lop(Limb::Leg) == 70.0);
    CHECK(leg.protocol->target_pct_lop(Limb::Arm) == 50.0);
    CHECK(leg.protocol->rest_s == 45.0);

    // The example sets every field away from its default.
    const LoadResult ex = load_protocol_file(kAssets / "example-custom.json");
    REQUIRE(ex.ok());
    const Protocol& p = *ex.protocol;
    const Protocol d;
    CHECK(p.sets.back() == SetSpec{10, true});
    CHECK(p.rest_s != d.rest_s);
    CHECK(p.cuff_in_rest != d.cuff_in_rest);
    CHECK(p.target_pct_lop_arm != d.target_pct_lop_arm);
    CHECK(p.target_pct_lop_leg != d.target_pct_lop_leg);
    CHECK(p.tempo.concentric_s != d.tempo.concentric_s);
    CHECK(p.tempo.eccentric_s != d.tempo.eccentric_s);
    CHECK(p.tempo.pause_s == 0.5);
    CHECK(p.failure_pause_s != d.failure_pause_s);
    CHECK(p.limits.occlusion_warning_s != d.limits.occlusion_warning_s);
    CHECK(p.limits.occlusion_limit_s != d.limits.occlusion_limit_s);
    CHECK(p.limits.session_occlusion_limit_s != d.limits.session_occlusion_limit_s);
    CHECK(p.limits.ceiling_mmHg != d.limits.ceiling_mmHg);
    CHECK(p.limits.discomfort_stop_above != d.limits.discomfort_stop_above);
    CHECK(p.progression.load_increment_pct1rm != d.progression.load_increment_pct1rm);
    CHECK(p.progression.last_set_threshold_reps != d.progression.last_set_threshold_reps);
    CHECK(p.progression.max_load_pct1rm != d.progression.max_load_pct1rm);
}

TEST_CASE("to_json round-trips through parse_protocol") {
    std::vector<Protocol> protocols{standard_protocol()};
    for (const fs::path& f : asset_files()) protocols.push_back(*load_protocol_file(f).protocol);
    Protocol odd = standard_protocol();
    odd.name = "odd ünïcode \"quoted\"";
    odd.title = "Tab-free title";
    odd.description = "two\nlines\tand a tab";
    odd.sets = {{1, false}, {0, true}, {7, true}, {200, false}};
    odd.rest_s = 12.345678901234567;
    odd.target_pct_lop_arm = 99.99999999;
    odd.target_pct_lop_leg = 20.0;
    odd.load_pct1rm = 33.3333333333;
    odd.tempo = {0.1, 9.9, 0.3};
    odd.limits.band_fraction = 0.123456789;
    odd.limits.ceiling_mmHg = 399.5;
    odd.progression.max_load_pct1rm = 100.0;
    protocols.push_back(odd);

    for (const Protocol& p : protocols) {
        INFO(p.name);
        const std::string text = to_json(p);
        const LoadResult r = parse_protocol(text, "round-trip.json");
        INFO(r.error);
        REQUIRE(r.ok());
        CHECK(*r.protocol == p);
        CHECK(to_json(*r.protocol) == text);
        CHECK(text.back() == '\n');
    }
    CHECK(contains(to_json(standard_protocol()), "\"rest_s\": 30,"));
}

TEST_CASE("a minimal file takes every default, its name from the file stem") {
    const LoadResult r = parse_protocol(R"({"schema": "bfr-coach.protocol/1", "sets": [10, 8]})", "some/dir/mini.json");
    INFO(r.error);
    REQUIRE(r.ok());
    const Protocol& p = *r.protocol;
    CHECK(p.name == "mini");
    CHECK(p.title == "mini");
    CHECK(p.description.empty());
    CHECK(p.sets == std::vector<SetSpec>{{10, false}, {8, false}});
    Protocol expected;
    expected.name = "mini";
    expected.title = "mini";
    expected.sets = p.sets;
    CHECK(p == expected);
}

TEST_CASE("sets take three forms and target_pct_lop a number for both limbs") {
    const LoadResult r = parse_protocol(without_sets(R"("name": "forms", "target_pct_lop": 55,
                        "sets": [12, "failure", {"reps": 9}, {"reps": 15, "to_failure": true},
                                 {"to_failure": true}, 4.0])"),
                                        "forms.json");
    INFO(r.error);
    REQUIRE(r.ok());
    CHECK(r.protocol->sets ==
          std::vector<SetSpec>{{12, false}, {0, true}, {9, false}, {15, true}, {0, true}, {4, false}});
    CHECK(r.protocol->target_pct_lop_arm == 55.0);
    CHECK(r.protocol->target_pct_lop_leg == 55.0);
    CHECK(r.protocol->prescribed_reps() == 40);
}

TEST_CASE("the example message of the brief, exactly") {
    const LoadResult r = parse_protocol(with(R"("rest_s": "thirty")"), "my.json");
    CHECK_FALSE(r.ok());
    CHECK(r.error == R"(my.json: field "rest_s": expected a number of seconds from 0 to 600, found "thirty")");
}

TEST_CASE("every wrong field is named with what was expected and what was found") {
    struct Case {
        std::string text;
        std::string field;  // the message must hold `field "<field>"`
        std::string found;  // ... and `found <found>` (or this text anywhere when it has no "found")
    };
    const std::vector<Case> cases{
        {without_sets(""), "sets", "missing (expected a list of 1 to 20 sets"},
        {without_sets(R"("sets": [])"), "sets", "found an empty list"},
        {without_sets(R"("sets": "30-15-15-15")"), "sets", R"(found "30-15-15-15")"},
        {without_sets(R"("sets": {"reps": 30})"), "sets", "found an object"},
        {without_sets(R"("sets": [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1])"), "sets", "found a list of 21 items"},
        {without_sets(R"("sets": [30, 15, 0])"), "sets[2]", "found 0"},
        {without_sets(R"("sets": [30, 15.5])"), "sets[1]", "found 15.5"},
        {without_sets(R"("sets": [201])"), "sets[0]", "found 201"},
        {without_sets(R"("sets": [-3])"), "sets[0]", "found -3"},
        {without_sets(R"("sets": [1e30])"), "sets[0]", "found 1e+30"},
        {without_sets(R"("sets": ["fail"])"), "sets[0]", R"(found "fail")"},
        {without_sets(R"("sets": [null])"), "sets[0]", "found null"},
        {without_sets(R"("sets": [true])"), "sets[0]", "found true"},
        {without_sets(R"("sets": [[15]])"), "sets[0]", "found a list of 1 items"},
        {without_sets(R"("sets": [{}])"), "sets[0].reps", "missing"},
        {without_sets(R"("sets": [{"reps": 0}])"), "sets[0].reps", "found 0"},
        {without_sets(R"("sets": [{"reps": 300, "to_failure": true}])"), "sets[0].reps", "found 300"},
        {without_sets(R"("sets": [{"reps": 5, "to_failure": "yes"}])"), "sets[0].to_failure", R"(found "yes")"},
        {with(R"("rest_s": -1)"), "rest_s", "found -1"},
        {with(R"("rest_s": 601)"), "rest_s", "found 601"},
        {with(R"("rest_s": 1e308)"), "rest_s", "found 1e+308"},
        {with(R"("rest_s": "NaN")"), "rest_s", R"(found "NaN")"},
        {with(R"("rest_s": "Infinity")"), "rest_s", R"(found "Infinity")"},
        {with(R"("rest_s": null)"), "rest_s", "found null"},
        {with(R"("cuff_in_rest": "off")"), "cuff_in_rest", R"(found "off")"},
        {with(R"("cuff_in_rest": true)"), "cuff_in_rest", "found true"},
        {with(R"("target_pct_lop": 100)"), "target_pct_lop", "found 100"},
        {with(R"("target_pct_lop": 19.9)"), "target_pct_lop", "found 19.9"},
        {with(R"("target_pct_lop": "50%")"), "target_pct_lop", R"(found "50%")"},
        {with(R"("target_pct_lop": [50, 60])"), "target_pct_lop", "found a list of 2 items"},
        {with(R"("target_pct_lop": {"arm": 100, "leg": 60})"), "target_pct_lop.arm", "found 100"},
        {with(R"("target_pct_lop": {"arm": 50, "leg": 120})"), "target_pct_lop.leg", "found 120"},
        {with(R"("load_pct1rm": 4)"), "load_pct1rm", "found 4"},
        {with(R"("load_pct1rm": 101)"), "load_pct1rm", "found 101"},
        {with(R"("load_pct1rm": "30")"), "load_pct1rm", R"(found "30")"},
        {with(R"("tempo": 2)"), "tempo", "found 2"},
        {with(R"("tempo": {"concentric_s": 11})"), "tempo.concentric_s", "found 11"},
        {with(R"("tempo": {"eccentric_s": -1})"), "tempo.eccentric_s", "found -1"},
        {with(R"("tempo": {"pause_s": "1s"})"), "tempo.pause_s", R"(found "1s")"},
        {with(R"("tempo": {"concentric_s": 0, "eccentric_s": 0})"), "tempo", "found 0 + 0"},
        {with(R"("failure_pause_s": 0)"), "failure_pause_s", "found 0"},
        {with(R"("limits": [])"), "limits", "found an empty list"},
        {with(R"("limits": {"ceiling_mmHg": 500})"), "limits.ceiling_mmHg", "found 500"},
        {with(R"("limits": {"ceiling_mmHg": 49})"), "limits.ceiling_mmHg", "found 49"},
        {with(R"("limits": {"occlusion_warning_s": 0})"), "limits.occlusion_warning_s", "found 0"},
        {with(R"("limits": {"occlusion_limit_s": -5})"), "limits.occlusion_limit_s", "found -5"},
        {with(R"("limits": {"occlusion_warning_s": 1200, "occlusion_limit_s": 900})"), "limits.occlusion_warning_s",
         "expected less than limits.occlusion_limit_s (900), found 1200"},
        {with(R"("limits": {"session_occlusion_limit_s": 0})"), "limits.session_occlusion_limit_s", "found 0"},
        {with(R"("limits": {"band_fraction": 0.6})"), "limits.band_fraction", "found 0.6"},
        {with(R"("limits": {"out_of_band_tolerance_s": 0})"), "limits.out_of_band_tolerance_s", "found 0"},
        {with(R"("limits": {"sensor_timeout_s": 61})"), "limits.sensor_timeout_s", "found 61"},
        {with(R"("limits": {"discomfort_stop_above": 11})"), "limits.discomfort_stop_above", "found 11"},
        {with(R"("limits": {"discomfort_stop_above": 7.5})"), "limits.discomfort_stop_above", "found 7.5"},
        {with(R"("limits": {"discomfort_stop_above": -1})"), "limits.discomfort_stop_above", "found -1"},
        {with(R"("progression": "fast")"), "progression", R"(found "fast")"},
        {with(R"("progression": {"load_increment_pct1rm": 0})"), "progression.load_increment_pct1rm", "found 0"},
        {with(R"("progression": {"last_set_threshold_reps": -1})"), "progression.last_set_threshold_reps", "found -1"},
        {with(R"("progression": {"max_load_pct1rm": 101})"), "progression.max_load_pct1rm", "found 101"},
        {R"({"schema": "bfr-coach.protocol/2", "sets": [30]})", "schema", R"(found "bfr-coach.protocol/2")"},
        {R"({"schema": 1, "sets": [30]})", "schema", "found 1"},
        {with(R"("name": "")"), "name", R"(found "")"},
        {with(R"("name": "a/b")"), "name", R"(found "a/b")"},
        {with(R"("name": 42)"), "name", "found 42"},
        {with(R"("name": " padded")"), "name", R"(found " padded")"},
        {with("\"name\": \"" + std::string(65, 'x') + "\""), "name", "found \"xxxx"},
        {with(R"("title": "bell\u0007")"), "title", R"(found "bell\u0007")"},
        {with("\"description\": \"" + std::string(4001, 'd') + "\""), "description", "...\""},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        const LoadResult r = parse_protocol(c.text, "bad.json");
        INFO(r.error);
        CHECK_FALSE(r.ok());
        CHECK(r.error.rfind("bad.json: field \"" + c.field + "\": ", 0) == 0);
        CHECK(contains(r.error, c.found));
        CHECK(r.error.find('\n') == std::string::npos);  // exactly one problem each
    }
}

TEST_CASE("all the problems of a file are listed, one per line") {
    const LoadResult r =
        parse_protocol(with(R"("rest_s": "x", "load_pct1rm": 0, "limits": {"ceiling_mmHg": 1000})"), "three.json");
    CHECK_FALSE(r.ok());
    CHECK(std::count(r.error.begin(), r.error.end(), '\n') == 2);
    CHECK(contains(r.error, "three.json: field \"rest_s\""));
    CHECK(contains(r.error, "three.json: field \"load_pct1rm\""));
    CHECK(contains(r.error, "three.json: field \"limits.ceiling_mmHg\""));
}

TEST_CASE("malformed JSON, empty text and other top-level values give the file and the position") {
    LoadResult r = parse_protocol(R"({"schema": "bfr-coach.protocol/1", "sets": [30, 15,]})", "broken.json");
    CHECK_FALSE(r.ok());
    CHECK(r.error.rfind("broken.json: malformed JSON: parse error at line 1, column ", 0) == 0);

    r = parse_protocol("{\n  \"schema\": \"bfr-coach.protocol/1\",\n  \"sets\": [30 15]\n}", "lines.json");
    CHECK(r.error.rfind("lines.json: malformed JSON: parse error at line 3, column ", 0) == 0);

    r = parse_protocol(with(R"("rest_s": NaN)"), "nan.json");
    CHECK(r.error.rfind("nan.json: malformed JSON: parse error at line 1", 0) == 0);

    r = parse_protocol(with(R"("rest_s": 1e400)"), "huge.json");
    CHECK(r.error.rfind("huge.json: malformed JSON: number overflow", 0) == 0);
    CHECK(contains(r.error, "1e400"));
    CHECK(contains(r.error, "line 1, column "));

    r = parse_protocol(with(R"("name": "bad \xff utf8")"), "utf8.json");
    CHECK(r.error.rfind("utf8.json: malformed JSON: ", 0) == 0);

    for (const char* empty : {"", "   \n\t ", "\xEF\xBB\xBF"}) {
        r = parse_protocol(empty, "empty.json");
        CHECK_FALSE(r.ok());
        CHECK(r.error.rfind("empty.json: empty file", 0) == 0);
    }
    r = parse_protocol("[30, 15]", "array.json");
    CHECK(r.error ==
          "array.json: expected a JSON object {\"schema\": \"bfr-coach.protocol/1\", ...} at the top "
          "level, found a list of 2 items");
    r = parse_protocol("null", "null.json");
    CHECK(contains(r.error, "found null"));

    // A byte-order mark is allowed.
    r = parse_protocol("\xEF\xBB\xBF" + with(""), "bom.json");
    CHECK(r.ok());

    // Deep nesting and large garbage: an error, no crash.
    r = parse_protocol(std::string(200000, '[') + std::string(200000, ']'), "deep.json");
    CHECK(contains(r.error, "deep.json: expected a JSON object"));
    r = parse_protocol(std::string(2U << 20U, 'x'), "big.json");
    CHECK(r.error == "big.json: too large for a protocol (2097152 bytes; at most 1048576)");
}

TEST_CASE("files: a folder, a missing file, a 10 MB file of garbage, garbage under the cap") {
    TempDir dir("files");
    LoadResult r = load_protocol_file(dir.path());
    CHECK(r.error == dir.path().string() + ": is a folder, not a protocol file");

    r = load_protocol_file(dir.path() / "missing.json");
    CHECK(r.error == (dir.path() / "missing.json").string() + ": cannot read the protocol file: no such file");

    std::string garbage(10U << 20U, '\0');
    std::uint32_t x = 12345;
    for (char& c : garbage) {
        x = x * 1103515245U + 12345U;
        c = static_cast<char>(x >> 24U);
    }
    const fs::path big = dir.write("garbage.json", garbage);
    r = load_protocol_file(big);
    CHECK(r.error == big.string() + ": too large for a protocol file (10485760 bytes; at most 1048576)");

    const fs::path small = dir.write("small-garbage.json", garbage.substr(0, 500000));
    r = load_protocol_file(small);
    CHECK_FALSE(r.ok());
    CHECK(r.error.rfind(small.string() + ": malformed JSON: ", 0) == 0);

    const fs::path wrong = dir.write("wrong.json", with(R"("rest_s": "thirty")"));
    r = load_protocol_file(wrong);
    CHECK(r.error ==
          wrong.string() + R"(: field "rest_s": expected a number of seconds from 0 to 600, found "thirty")");
}

TEST_CASE("unknown keys and unusual values warn without failing") {
    const LoadResult r = parse_protocol(
        with(R"("rest": 20, "limits": {"ceiling": 250}, "//": "a comment", "//rest_s": "another", "extra": {"a": 1},
                "load_pct1rm": 50, "target_pct_lop": {"arm": 70, "leg": 60})"),
        "warn.json");
    INFO(r.error);
    REQUIRE(r.ok());
    CHECK(r.protocol->rest_s == 30.0);
    CHECK(r.protocol->limits.ceiling_mmHg == 300.0);
    const std::vector<std::string>& w = r.warnings;
    REQUIRE(w.size() == 6);
    CHECK(w[0] == R"(warn.json: unknown field "extra" ignored)");  // (keys come in alphabetical order)
    CHECK(w[1] == R"(warn.json: unknown field "rest" ignored (did you mean "rest_s"?))");
    CHECK(w[2] == R"(warn.json: unknown field "limits.ceiling" ignored (did you mean "limits.ceiling_mmHg"?))");
    CHECK(w[3] == "warn.json: load_pct1rm 50 is outside the usual 20-40 %1RM of BFR [B28, B12]");
    CHECK(contains(w[4], "target_pct_lop.arm 70 is outside the usual 40-60 %LOP"));
    CHECK(contains(w[5], "progression.max_load_pct1rm 40 is below load_pct1rm 50"));

    const LoadResult capped =
        parse_protocol(with(R"("load_pct1rm": 35, "progression": {"max_load_pct1rm": 30})"), "c.json");
    REQUIRE(capped.ok());
    CHECK(capped.warnings ==
          std::vector<std::string>{
              "c.json: progression.max_load_pct1rm 30 is below load_pct1rm 35: the load will not be increased"});

    const LoadResult nested =
        parse_protocol(without_sets(R"("sets": [{"reps": 5, "to_faliure": true}], "limits": {"occlusion_limit_s": 1500,
                        "occlusion_warning_s": 600, "session_occlusion_limit_s": 2400})"),
                       "n.json");
    REQUIRE(nested.ok());
    REQUIRE(nested.warnings.size() == 3);
    CHECK(nested.warnings[0] ==
          R"(n.json: unknown field "sets[0].to_faliure" ignored (did you mean "sets[0].to_failure"?))");
    CHECK(contains(nested.warnings[1], "limits.occlusion_limit_s 1500 s is above the 20 min"));
    CHECK(contains(nested.warnings[2], "limits.session_occlusion_limit_s 2400 s is above the 30 min"));
}

TEST_CASE("find_protocol: by name, by file, built-in with a missing folder, unknown names listed") {
    LoadResult r = find_protocol("30-15-15-failure", kAssets);
    REQUIRE(r.ok());
    CHECK(r.protocol->sets.back().to_failure);

    r = find_protocol("LEG-70-Lop", kAssets);
    REQUIRE(r.ok());
    CHECK(r.protocol->name == "leg-70-lop");

    r = find_protocol((kAssets / "30-15-15-15-intermittent.json").string(), "/nonexistent");
    REQUIRE(r.ok());
    CHECK(r.protocol->cuff_in_rest == CuffInRest::Release);

    r = find_protocol("/nonexistent/mine.json", kAssets);
    CHECK(r.error == "/nonexistent/mine.json: cannot read the protocol file: no such file");
    r = find_protocol("mine.json", kAssets);
    CHECK(r.error == "mine.json: cannot read the protocol file: no such file");

    for (const char* builtin : {"standard", "30-15-15-15", "STANDARD", ""}) {
        INFO(builtin);
        r = find_protocol(builtin, "/nonexistent/protocols");
        REQUIRE(r.ok());
        CHECK(*r.protocol == standard_protocol());
        r = find_protocol(builtin, kAssets);
        REQUIRE(r.ok());
        CHECK(*r.protocol == standard_protocol());
    }

    r = find_protocol("nope", kAssets);
    CHECK_FALSE(r.ok());
    CHECK(r.error ==
          "unknown protocol \"nope\"; available: 30-15-15-15, 30-15-15-15-intermittent, 30-15-15-failure, "
          "example-custom, leg-70-lop, standard (or give a protocol file, *.json)");
    r = find_protocol("nope", "/nonexistent/protocols");
    CHECK(r.error == "unknown protocol \"nope\"; available: 30-15-15-15, standard (or give a protocol file, *.json)");
}

TEST_CASE("find_protocol matches a \"name\" inside a file and reports a broken file it picked") {
    TempDir dir("find");
    (void)dir.write("file-stem.json", with(R"("name": "inner-name", "rest_s": 20)"));
    (void)dir.write("broken.json", R"({"schema": "bfr-coach.protocol/1", "sets": [)");
    (void)dir.write("standard.json", with(R"("rest_s": 10)"));  // a file stem beats the built-in alias
    (void)dir.write("notes.txt", "not a protocol");

    LoadResult r = find_protocol("Inner-Name", dir.path());
    REQUIRE(r.ok());
    CHECK(r.protocol->rest_s == 20.0);
    r = find_protocol("file-stem", dir.path());
    REQUIRE(r.ok());
    CHECK(r.protocol->name == "inner-name");

    r = find_protocol("broken", dir.path());
    CHECK_FALSE(r.ok());
    CHECK(r.error.rfind((dir.path() / "broken.json").string() + ": malformed JSON: parse error", 0) == 0);

    r = find_protocol("standard", dir.path());
    REQUIRE(r.ok());
    CHECK(r.protocol->rest_s == 10.0);
    r = find_protocol("30-15-15-15", dir.path());
    REQUIRE(r.ok());
    CHECK(*r.protocol == standard_protocol());

    r = find_protocol("other", dir.path());
    CHECK(contains(r.error, "available: 30-15-15-15, inner-name, standard "));
    REQUIRE(r.warnings.size() == 1);
    CHECK(contains(r.warnings[0], "broken.json: malformed JSON"));
}

TEST_CASE("list_protocols: the assets sorted, problems listed, the built-in always there") {
    std::vector<std::string> problems;
    const std::vector<Protocol> all = list_protocols(kAssets, &problems);
    CHECK(problems.empty());
    std::vector<std::string> names;
    for (const Protocol& p : all) names.push_back(p.name);
    CHECK(names == std::vector<std::string>{"30-15-15-15", "30-15-15-15-intermittent", "30-15-15-failure",
                                            "example-custom", "leg-70-lop"});

    problems.clear();
    const std::vector<Protocol> none = list_protocols("/nonexistent/protocols", &problems);
    REQUIRE(none.size() == 1);
    CHECK(none[0] == standard_protocol());
    CHECK(problems == std::vector<std::string>{"/nonexistent/protocols: protocols folder not found"});
    CHECK(list_protocols("/nonexistent/protocols", nullptr).size() == 1);

    TempDir dir("list");
    (void)dir.write("a.json", with(R"("name": "Same")"));
    (void)dir.write("b.json", with(R"("name": "same", "rest_s": 5)"));
    (void)dir.write("c.json", with(R"("rest_s": "x")"));
    (void)dir.write("d.json", with(R"("bogus": 1)"));
    fs::create_directories(dir.path() / "folder.json");
    problems.clear();
    const std::vector<Protocol> mixed = list_protocols(dir.path(), &problems);
    names.clear();
    for (const Protocol& p : mixed) names.push_back(p.name);
    CHECK(names == std::vector<std::string>{"30-15-15-15", "d", "Same"});
    REQUIRE(problems.size() == 3);
    CHECK(problems[0] == (dir.path() / "b.json").string() + ": name \"same\" is already used by " +
                             (dir.path() / "a.json").string() + "; ignored");
    CHECK(contains(problems[1], "c.json: field \"rest_s\""));
    CHECK(contains(problems[2], "d.json: unknown field \"bogus\" ignored"));
}

TEST_CASE("a file without \"schema\" is read as version 1, with a warning") {
    const auto r = bfr::protocol::parse_protocol(R"({"name": "hand-written", "sets": [20, 10]})", "hand.json");
    REQUIRE(r.protocol);
    CHECK(r.protocol->sets.size() == 2);
    REQUIRE_FALSE(r.warnings.empty());
    CHECK(r.warnings.front().find("schema") != std::string::npos);
    CHECK(r.warnings.front().find("hand.json") != std::string::npos);
}
