// The patient's settings (game/frontend/settings.hpp): the file's round trip, broken files set
// aside, values out of range, and the warnings for session spacing and LOP validity.
#include "game/frontend/settings.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

using namespace bfr::frontend;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kNow = 1'750'000'000;  // a fixed "now": June 2025

using TempDir = bfr::test::TempDir;

void write(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    REQUIRE(out.good());
}

std::string read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

void check_defaults(const Settings& s) {
    const Settings d;
    CHECK(s.limb == "arm");
    CHECK(s.side == "right");
    CHECK(s.posture == Posture::Seated);
    CHECK(s.load_pct1rm == 30.0);
    CHECK(s.protocol == "30-15-15-15");
    CHECK_FALSE(s.audio_muted);
    CHECK(s.sound_volume == 0.8);
    CHECK(s.voice_volume == 1.0);
    CHECK_FALSE(s.sonify);
    CHECK(s.sound_captions);
    CHECK_FALSE(s.large_text);
    CHECK(s.contract_key == "Space");
    CHECK(s.screening_unix_s == 0);
    CHECK(s.lops.empty());
    CHECK(s.sessions_unix_s.empty());
    CHECK(s.limb == d.limb);
}

}  // namespace

TEST_CASE("settings: every field survives a save and a load", "[settings]") {
    TempDir dir;
    Settings s;
    s.limb = "leg";
    s.side = "left";
    s.posture = Posture::Supine;
    s.load_pct1rm = 35.5;
    s.protocol = "30-15-15-15-release";
    s.audio_muted = true;
    s.sound_volume = 0.35;
    s.voice_volume = 0.6;
    s.sonify = true;
    s.sound_captions = false;
    s.large_text = true;
    s.contract_key = "F";
    s.screening_unix_s = kNow - 3 * kDay;
    s.set_lop("leg", "left", LopRecord{182.5, kNow - 10 * kDay, Posture::Supine, "device"});
    s.set_lop("arm", "right", LopRecord{151.0, kNow - 40 * kDay, Posture::Standing, "typed"});
    s.sessions_unix_s = {kNow - 5 * kDay, kNow - 3 * kDay, kNow - 1 * kDay};
    std::string error;
    REQUIRE(save_settings(dir.path(), s, &error));
    CHECK(error.empty());
    CHECK(fs::exists(dir.path() / "settings.json"));
    CHECK_FALSE(fs::exists(dir.path() / "settings.json.tmp"));  // written atomically
    CHECK(contains(read(dir.path() / "settings.json"), "bfr-coach.settings/1"));

    std::string warning;
    const Settings t = load_settings(dir.path(), &warning);
    CHECK(warning.empty());
    CHECK(t.limb == "leg");
    CHECK(t.side == "left");
    CHECK(t.posture == Posture::Supine);
    CHECK(t.load_pct1rm == 35.5);
    CHECK(t.protocol == "30-15-15-15-release");
    CHECK(t.audio_muted);
    CHECK(t.sound_volume == 0.35);
    CHECK(t.voice_volume == 0.6);
    CHECK(t.sonify);
    CHECK_FALSE(t.sound_captions);
    CHECK(t.large_text);
    CHECK(t.contract_key == "F");
    CHECK(t.screening_unix_s == kNow - 3 * kDay);
    REQUIRE(t.lops.size() == 2);
    const LopRecord* leg = t.lop_for("leg", "left");
    REQUIRE(leg != nullptr);
    CHECK(leg->lop_mmHg == 182.5);
    CHECK(leg->measured_unix_s == kNow - 10 * kDay);
    CHECK(leg->posture == Posture::Supine);
    CHECK(leg->source == "device");
    const LopRecord* arm = t.lop_for("arm", "right");
    REQUIRE(arm != nullptr);
    CHECK(arm->lop_mmHg == 151.0);
    CHECK(arm->measured_unix_s == kNow - 40 * kDay);
    CHECK(arm->posture == Posture::Standing);
    CHECK(arm->source == "typed");
    CHECK(t.lop_for("arm", "left") == nullptr);
    CHECK(t.sessions_unix_s == s.sessions_unix_s);

    // Saving again over it replaces it.
    Settings u = t;
    u.audio_muted = false;
    u.set_lop("leg", "left", LopRecord{190.0, kNow, Posture::Seated, "typed"});
    REQUIRE(save_settings(dir.path(), u, &error));
    const Settings v = load_settings(dir.path(), &warning);
    CHECK_FALSE(v.audio_muted);
    REQUIRE(v.lops.size() == 2);
    CHECK(v.lop_for("leg", "left")->lop_mmHg == 190.0);
    CHECK(v.lop_for("leg", "left")->posture == Posture::Seated);
}

TEST_CASE("settings: no file gives the defaults without a warning", "[settings]") {
    TempDir dir;
    std::string warning = "untouched";
    const Settings s = load_settings(dir.path(), &warning);
    check_defaults(s);
    CHECK(warning == "untouched");
    CHECK(load_settings(dir.path() / "missing-folder", nullptr).limb == "arm");
}

TEST_CASE("settings: a broken file gives the defaults, a warning naming it, and is kept aside", "[settings]") {
    TempDir dir;
    const fs::path file = dir.path() / "settings.json";
    const fs::path bad = dir.path() / "settings.json.bad";
    struct Broken {
        const char* what;
        std::string text;
        const char* reason;
    };
    const std::vector<Broken> cases = {
        {"garbage", "\x01\x02 this is not json {{{", "not valid JSON"},
        {"truncated", "{\"limb\": \"leg\", \"side\": ", "not valid JSON"},
        {"an array", "[1, 2, 3]", "not valid JSON"},
        {"a string", "\"leg\"", "not valid JSON"},
        {"empty", "", "not valid JSON"},
        {"two megabytes", "{\"limb\": \"leg\", \"pad\": \"" + std::string(2u << 20, 'x') + "\"}", "larger than 1 MB"},
    };
    for (const Broken& c : cases) {
        CAPTURE(c.what);
        std::error_code ec;
        fs::remove(bad, ec);
        write(file, c.text);
        std::string warning;
        const Settings s = load_settings(dir.path(), &warning);
        check_defaults(s);
        CHECK(contains(warning, file.string()));
        CHECK(contains(warning, c.reason));
        CHECK(contains(warning, "settings.json.bad"));
        CHECK(contains(warning, "default"));
        CHECK_FALSE(fs::exists(file));
        REQUIRE(fs::exists(bad));
        CHECK(read(bad) == c.text);  // kept as it was, for the clinician or a bug report
        // The next start is clean: no file, defaults, no warning.
        std::string again;
        check_defaults(load_settings(dir.path(), &again));
        CHECK(again.empty());
    }
}

TEST_CASE("settings: a folder named settings.json is set aside too", "[settings]") {
    TempDir dir;
    const fs::path file = dir.path() / "settings.json";
    fs::create_directory(file);
    write(file / "inside.txt", "x");
    std::string warning;
    const Settings s = load_settings(dir.path(), &warning);
    check_defaults(s);
    CHECK(contains(warning, file.string()));
    CHECK(contains(warning, "not a regular file"));
    CHECK(fs::is_directory(dir.path() / "settings.json.bad"));
    CHECK(fs::exists(dir.path() / "settings.json.bad" / "inside.txt"));
    // Saving works again afterwards.
    std::string error;
    CHECK(save_settings(dir.path(), s, &error));
}

TEST_CASE("settings: fields of the wrong type fall back one by one, the rest is kept", "[settings]") {
    TempDir dir;
    write(dir.path() / "settings.json",
          R"({"limb": 5, "side": "left", "posture": true, "load_pct1rm": "heavy", "protocol": ["x"],
              "audio_muted": "yes", "screening_unix_s": "never", "sound_volume": 7, "voice_volume": "loud", "lops": [1, 2],
              "sessions_unix_s": {"a": 1}})");
    std::string warning;
    const Settings s = load_settings(dir.path(), &warning);
    CHECK(warning.empty());
    CHECK(s.limb == "arm");
    CHECK(s.side == "left");
    CHECK(s.posture == Posture::Seated);
    CHECK(s.load_pct1rm == 30.0);
    CHECK(s.protocol == "30-15-15-15");
    CHECK_FALSE(s.audio_muted);
    CHECK(s.screening_unix_s == 0);
    CHECK(s.lops.empty());
    CHECK(s.sessions_unix_s.empty());
    CHECK(s.sound_volume == 1.0);  // 7 clamped to 0..1
    CHECK(s.voice_volume == 1.0);  // "loud": the default
    CHECK(fs::exists(dir.path() / "settings.json"));
    CHECK_FALSE(fs::exists(dir.path() / "settings.json.bad"));
}

TEST_CASE("settings: values out of range are clamped or dropped", "[settings]") {
    TempDir dir;
    write(dir.path() / "settings.json",
          R"({"limb": "tail", "side": "middle", "posture": "upside-down", "load_pct1rm": 500,
              "protocol": "", "screening_unix_s": -5,
              "lops": {"arm/right": {"lop_mmHg": 20, "measured_unix_s": 1700000000},
                       "arm/left": {"lop_mmHg": 900},
                       "leg/right": {"lop_mmHg": "high"},
                       "leg/left": {"lop_mmHg": 210, "posture": "lying", "source": "guess"},
                       "bad": 7},
              "sessions_unix_s": [1700000300, 1.5, "x", 1700000100, 1700000200]})");
    std::string warning;
    const Settings s = load_settings(dir.path(), &warning);
    CHECK(warning.empty());
    CHECK(s.limb == "arm");
    CHECK(s.side == "right");
    CHECK(s.posture == Posture::Seated);
    CHECK(s.load_pct1rm == 100.0);  // clamped to 5..100
    CHECK(s.protocol == "30-15-15-15");
    CHECK(s.screening_unix_s == 0);
    // LOP 20, 900 and a text are dropped; 210 is kept with the unknown posture and source defaulted.
    REQUIRE(s.lops.size() == 1);
    CHECK(s.lop_for("arm", "right") == nullptr);
    CHECK(s.lop_for("arm", "left") == nullptr);
    const LopRecord* leg = s.lop_for("leg", "left");
    REQUIRE(leg != nullptr);
    CHECK(leg->lop_mmHg == 210.0);
    CHECK(leg->posture == Posture::Seated);
    CHECK(leg->source == "typed");
    CHECK(s.sessions_unix_s == std::vector<std::int64_t>{1700000100, 1700000200, 1700000300});

    write(dir.path() / "settings.json", R"({"load_pct1rm": 1})");
    CHECK(load_settings(dir.path(), &warning).load_pct1rm == 5.0);
    write(dir.path() / "settings.json", R"({"load_pct1rm": 40})");
    CHECK(load_settings(dir.path(), &warning).load_pct1rm == 40.0);
}

TEST_CASE("settings: the session history keeps the newest 50", "[settings]") {
    TempDir dir;
    Settings s;
    for (std::int64_t i = 0; i < 60; ++i) s.sessions_unix_s.push_back(kNow - (60 - i) * kDay);
    std::string error;
    REQUIRE(save_settings(dir.path(), s, &error));
    const Settings t = load_settings(dir.path(), nullptr);
    REQUIRE(t.sessions_unix_s.size() == 50);
    CHECK(t.sessions_unix_s.front() == kNow - 50 * kDay);
    CHECK(t.sessions_unix_s.back() == kNow - 1 * kDay);
}

TEST_CASE("settings: saving into a folder that does not exist fails with a reason", "[settings]") {
    TempDir dir;
    std::string error;
    CHECK_FALSE(save_settings(dir.path() / "no" / "such", Settings{}, &error));
    CHECK(contains(error, "settings.json"));
}

TEST_CASE("age_text says how long ago in words", "[settings]") {
    CHECK(age_text(0) == "today");
    CHECK(age_text(kDay - 1) == "today");
    CHECK(age_text(kDay) == "yesterday");
    CHECK(age_text(2 * kDay - 1) == "yesterday");
    CHECK(age_text(2 * kDay) == "2 days ago");
    CHECK(age_text(12 * kDay + 5 * kHour) == "12 days ago");
    CHECK(age_text(59 * kDay) == "59 days ago");
    CHECK(age_text(60 * kDay) == "2 months ago");
    CHECK(age_text(100 * kDay) == "3 months ago");
    CHECK(age_text(729 * kDay) == "24 months ago");
    CHECK(age_text(730 * kDay) == "2 years ago");
    CHECK(age_text(3650 * kDay) == "10 years ago");
    CHECK(contains(age_text(-10), "future"));
}

TEST_CASE("spacing_warning: 36 h between sessions, at most 3 a week", "[settings]") {
    CHECK(spacing_warning({}, kNow).empty());
    // The last session 10 h ago.
    const std::string recent = spacing_warning({kNow - 5 * kDay, kNow - 10 * kHour}, kNow);
    CHECK(contains(recent, "36 h"));
    CHECK(contains(recent, "10 h ago"));
    CHECK(contains(spacing_warning({kNow - 600}, kNow), "less than an hour ago"));
    // Just under and at 36 h.
    CHECK(contains(spacing_warning({kNow - 36 * kHour + 1}, kNow), "36 h"));
    CHECK(spacing_warning({kNow - 36 * kHour}, kNow).empty());
    // Three sessions in the last 7 days, the last 40 h ago.
    const std::string busy = spacing_warning({kNow - 6 * kDay, kNow - 4 * kDay, kNow - 40 * kHour}, kNow);
    CHECK(contains(busy, "3 sessions"));
    CHECK(contains(busy, "7 days"));
    CHECK_FALSE(contains(busy, "36 h"));
    // 40 h ago and 2 this week: fine. An older one does not count in the week.
    CHECK(spacing_warning({kNow - 5 * kDay, kNow - 40 * kHour}, kNow).empty());
    CHECK(spacing_warning({kNow - 8 * kDay, kNow - 5 * kDay, kNow - 40 * kHour}, kNow).empty());
    // The order of the list does not matter.
    CHECK(contains(spacing_warning({kNow - 10 * kHour, kNow - 5 * kDay}, kNow), "36 h"));
}

TEST_CASE("lop_warning: none stored, too old, another posture, or fine", "[settings]") {
    const std::string none = lop_warning(nullptr, Posture::Seated, kNow);
    CHECK(contains(none, "No LOP stored"));
    CHECK(contains(none, "default"));

    LopRecord old{170.0, kNow - 40 * kDay, Posture::Seated, "device"};
    const std::string stale = lop_warning(&old, Posture::Seated, kNow);
    CHECK(contains(stale, "40 days ago"));
    CHECK(contains(stale, "measure it again"));

    LopRecord supine{170.0, kNow - 2 * kDay, Posture::Supine, "typed"};
    const std::string posture = lop_warning(&supine, Posture::Seated, kNow);
    CHECK(contains(posture, "supine"));
    CHECK(contains(posture, "seated"));
    CHECK(contains(posture, "posture"));

    LopRecord fine{170.0, kNow - 2 * kDay, Posture::Seated, "device"};
    CHECK(lop_warning(&fine, Posture::Seated, kNow).empty());
    LopRecord month{170.0, kNow - 30 * kDay, Posture::Standing, "device"};
    CHECK(lop_warning(&month, Posture::Standing, kNow).empty());  // 30 days is still valid
    // Age wins over posture: both wrong, the age is said.
    LopRecord both{170.0, kNow - 45 * kDay, Posture::Supine, "device"};
    CHECK(contains(lop_warning(&both, Posture::Seated, kNow), "45 days ago"));
}

TEST_CASE("posture names round trip", "[settings]") {
    for (const Posture p : {Posture::Seated, Posture::Supine, Posture::Standing}) {
        CHECK(posture_from(posture_name(p)) == p);
    }
    CHECK_FALSE(posture_from("lying"));
    CHECK_FALSE(posture_from(""));
    CHECK(std::string(posture_name(Posture::Supine)) == "supine");
}
