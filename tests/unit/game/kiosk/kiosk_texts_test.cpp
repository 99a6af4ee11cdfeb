// The kiosk's texts and settings (game/modes/kiosk/kiosk_texts): the shipped languages, fallback
// to English, broken files named with their field, any bytes safe, the language switch.

#include "game/modes/kiosk/kiosk_texts.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

using namespace bfr::modes::kiosk;

namespace {

const std::filesystem::path kAssets = std::filesystem::path(BFR_SOURCE_DIR) / "assets" / "kiosk";

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

bool any_contains(const std::vector<std::string>& v, const std::string& needle) {
    return std::any_of(v.begin(), v.end(), [&](const std::string& s) { return s.find(needle) != std::string::npos; });
}

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += x + "\n";
    return s;
}

}  // namespace

TEST_CASE("kiosk texts: the shipped languages load without a single problem", "[kiosk][texts]") {
    std::vector<std::string> problems;
    const KioskTexts t = load_kiosk_texts(kAssets / "lang", problems);
    INFO(joined(problems));
    CHECK(problems.empty());
    REQUIRE(t.size() >= 3);
    REQUIRE(t.find("de"));
    REQUIRE(t.find("es"));
    CHECK(t.language(*t.find("de")).name == "Deutsch");
    CHECK(t.language(*t.find("es")).name == "Espa\xc3\xb1ol");
    CHECK(t.caption_count() == 8);
    // Real translations: no German or Spanish text equal to the English one (but the placeholders).
    for (const char* code : {"de", "es"}) {
        const Language& l = t.language(*t.find(code));
        for (std::size_t i = 0; i < kTextCount; ++i) {
            const std::string& en = built_in_english().texts[i];
            if (en.rfind('{', 0) == 0) continue;  // "{reps} of {goal}" may read alike
            INFO(code << " " << text_key(static_cast<Text>(i)));
            CHECK(l.texts[i] != en);
        }
        for (std::size_t i = 0; i < l.captions.size(); ++i) CHECK(l.captions[i] != built_in_english().captions[i]);
    }
}

TEST_CASE("kiosk texts: assets/kiosk/lang/en.json says what the built-in English says", "[kiosk][texts]") {
    const LanguageParse r = parse_language(slurp(kAssets / "lang" / "en.json"), "en.json", built_in_english());
    REQUIRE(r.language);
    CHECK(r.warnings.empty());
    const Language& en = built_in_english();
    for (std::size_t i = 0; i < kTextCount; ++i) {
        INFO(text_key(static_cast<Text>(i)));
        CHECK(r.language->texts[i] == en.texts[i]);
    }
    CHECK(r.language->captions == en.captions);
}

TEST_CASE("kiosk texts: every caption and text fits the screen rules", "[kiosk][texts]") {
    std::vector<std::string> problems;
    const KioskTexts t = load_kiosk_texts(kAssets / "lang", problems);
    for (std::size_t li = 0; li < t.size(); ++li) {
        const Language& l = t.language(li);
        for (const std::string& c : l.captions) {
            const auto lines = wrap_caption(c);
            INFO(l.code << ": " << c);
            CHECK(lines.size() <= 4);  // a caption is read in its 8 s
        }
        // Titles and prompts fit a line or two of the big type.
        for (const Text x : {Text::AttractTitle, Text::AttractPrompt, Text::StillTitle, Text::PlayHold,
                             Text::PlayRelease, Text::ResultAgain}) {
            INFO(l.code << ": " << l.get(x));
            CHECK(wrap_caption(l.get(x)).size() <= 2);
        }
    }
}

TEST_CASE("kiosk texts: a missing text or caption falls back to English with a warning", "[kiosk][texts]") {
    const std::string json = R"({"language": "fr", "name": "Fran\u00e7ais",
        "texts": {"attract.title": "Entra\u00eenement avec restriction du flux sanguin", "play.count": "{reps} sur {goal}"},
        "attract_captions": ["Un brassard autour du bras."]})";
    const LanguageParse r = parse_language(json, "fr.json", built_in_english());
    REQUIRE(r.language);
    CHECK(r.error.empty());
    const Language& l = *r.language;
    CHECK(l.code == "fr");
    CHECK(l.name == "Fran\xc3\xa7" "ais");
    CHECK(l.get(Text::AttractTitle) == "Entra\xc3\xaenement avec restriction du flux sanguin");
    CHECK(l.get(Text::PlayHold) == built_in_english().get(Text::PlayHold));
    REQUIRE(l.captions.size() == 8);
    CHECK(l.captions[0] == "Un brassard autour du bras.");
    CHECK(l.captions[1] == built_in_english().captions[1]);
    CHECK(any_contains(r.warnings, "fr.json: texts.play.hold: missing; using English"));
    CHECK(any_contains(r.warnings, "fr.json: attract_captions: has 1 captions, English has 8"));
}

TEST_CASE("kiosk texts: a bad entry falls back, naming the file and the field", "[kiosk][texts]") {
    const std::string json = R"({"language": "de", "name": "Deutsch",
        "texts": {"play.hold": 42, "play.release": "", "play.count": "{reps} von", "play.goal": "{goal}x {foo}",
                  "still.title": "Zeile\nUmbruch", "bogus.key": "x"},
        "attract_captions": "nope", "colour": "red"})";
    const LanguageParse r = parse_language(json, "de.json", built_in_english());
    REQUIRE(r.language);
    INFO(joined(r.warnings));
    CHECK(r.language->get(Text::PlayHold) == built_in_english().get(Text::PlayHold));
    CHECK(r.language->get(Text::PlayRelease) == built_in_english().get(Text::PlayRelease));
    CHECK(r.language->get(Text::StillTitle) == built_in_english().get(Text::StillTitle));
    CHECK(r.language->get(Text::PlayCount) == "{reps} von");  // used, with a warning
    CHECK(any_contains(r.warnings, "de.json: texts.play.hold: expected a text, found the number 42; using English"));
    CHECK(any_contains(r.warnings, "de.json: texts.play.release: empty; using English"));
    CHECK(any_contains(r.warnings, "de.json: texts.play.count: lacks {goal}"));
    CHECK(any_contains(r.warnings, "de.json: texts.play.goal: has {foo}, which is never filled in"));
    CHECK(any_contains(r.warnings, "de.json: texts.still.title: not clean UTF-8 text"));
    CHECK(any_contains(r.warnings, "de.json: texts.bogus.key: unknown text (ignored)"));
    CHECK(any_contains(r.warnings, "de.json: attract_captions: expected a list of texts, found the text \"nope\""));
    CHECK(any_contains(r.warnings, "de.json: colour: unknown field (ignored)"));
}

TEST_CASE("kiosk texts: a file that cannot be used is an error naming the file and the field", "[kiosk][texts]") {
    struct Case {
        const char* json;
        const char* error;
    };
    const Case cases[] = {
        {"", "x.json: empty file"},
        {"   \n", "x.json: empty file"},
        {"{", "x.json: malformed JSON: parse error"},
        {"{\"language\": \"de\",}", "x.json: malformed JSON: parse error"},
        {"[1, 2]", "x.json: expected a JSON object such as {\"language\": \"de\", ...}, found a list"},
        {"\"de\"", "x.json: expected a JSON object"},
        {"{\"name\": \"Deutsch\"}", "x.json: language: missing"},
        {"{\"language\": 7, \"name\": \"x\"}", "x.json: language: expected a language code such as \"de\""},
        {"{\"language\": \"d\", \"name\": \"x\"}", "x.json: language: expected a language code"},
        {"{\"language\": \"de/../x\", \"name\": \"x\"}", "x.json: language: expected a language code"},
        {"{\"language\": \"de\"}", "x.json: name: missing"},
        {"{\"language\": \"de\", \"name\": [\"Deutsch\"]}", "x.json: name: expected the language's own name"},
        {"{\"language\": \"de\", \"name\": \"Deutsch\", \"texts\": [1]}", "x.json: texts: expected an object"},
        {"{\"schema\": \"other/2\", \"language\": \"de\", \"name\": \"Deutsch\"}", "x.json: schema: expected"},
        {"{\"language\": \"de\", \"name\": \"Deutsch\", \"n\": 1e999}", "x.json: malformed JSON"},
        {"\xff\xfe{}", "x.json: malformed JSON"},
    };
    for (const Case& c : cases) {
        const LanguageParse r = parse_language(c.json, "x.json", built_in_english());
        INFO(c.json << " -> " << r.error);
        CHECK_FALSE(r.language);
        CHECK(r.error.rfind(c.error, 0) == 0);
    }
    // Deep nesting and a huge file are refused before the JSON library sees them.
    const LanguageParse deep = parse_language(std::string(100'000, '['), "deep.json", built_in_english());
    CHECK(deep.error.rfind("deep.json: too large", 0) == 0);
    const LanguageParse nested = parse_language(std::string(5'000, '['), "nested.json", built_in_english());
    CHECK(nested.error.rfind("nested.json: malformed JSON: nested more than", 0) == 0);
}

TEST_CASE("kiosk texts: broken files in the folder leave the kiosk running on the others", "[kiosk][texts]") {
    bfr::test::TempDir dir("kiosk_texts");
    write(dir / "en.json", "{ this is not json");
    write(dir / "de.json", slurp(kAssets / "lang" / "de.json"));
    write(dir / "es.json", "[]");
    write(dir / "xx.json", R"({"language": "en", "name": "Fake English"})");
    write(dir / "notes.txt", "ignored");
    std::vector<std::string> problems;
    KioskTexts t = load_kiosk_texts(dir.path(), problems);
    INFO(joined(problems));
    CHECK(any_contains(problems, "en.json: malformed JSON: parse error"));
    CHECK(any_contains(problems, "the built-in English is used"));
    CHECK(any_contains(problems, "es.json: expected a JSON object"));
    CHECK(any_contains(problems, "the language is left out"));
    CHECK(any_contains(problems, "xx.json: language: \"en\" is en.json's; the file is left out"));
    REQUIRE(t.size() == 2);
    CHECK(t.language(0).code == "en");
    CHECK(t.get(Text::AttractTitle) == built_in_english().get(Text::AttractTitle));
    REQUIRE(t.find("de"));
    t.select(*t.find("de"));
    CHECK(t.get(Text::StillTitle) == "Bist du noch da?");
}

TEST_CASE("kiosk texts: en.json decides how many captions there are", "[kiosk][texts]") {
    bfr::test::TempDir dir("kiosk_captions");
    write(dir / "en.json", R"({"language": "en", "name": "English", "attract_captions": ["One.", 2, "Three."]})");
    write(dir / "de.json", R"({"language": "de", "name": "Deutsch", "attract_captions": ["Eins.", "Zwei.", "Drei.", "Vier."]})");
    std::vector<std::string> problems;
    KioskTexts t = load_kiosk_texts(dir.path(), problems);
    INFO(joined(problems));
    CHECK(t.caption_count() == 2);
    CHECK(t.english().captions == std::vector<std::string>{"One.", "Three."});
    CHECK(any_contains(problems, "en.json: attract_captions[1]: expected a text, found the number 2; left out"));
    CHECK(any_contains(problems, "de.json: attract_captions: has 4 captions, English has 2; the extra ones are ignored"));
    t.select(*t.find("de"));
    CHECK(t.caption(0) == "Eins.");
    CHECK(t.caption(1) == "Zwei.");
    const LanguageParse empty = parse_language(R"({"language": "en", "name": "English", "attract_captions": []})",
                                               "en.json", built_in_english());
    REQUIRE(empty.language);
    CHECK(empty.language->captions == built_in_english().captions);
}

TEST_CASE("kiosk texts: a missing folder gives the built-in English", "[kiosk][texts]") {
    std::vector<std::string> problems;
    const KioskTexts t = load_kiosk_texts("/nonexistent/kiosk/lang", problems);
    CHECK(t.size() == 1);
    CHECK(t.current().code == "en");
    CHECK(t.caption_count() == 8);
    CHECK(any_contains(problems, "/nonexistent/kiosk/lang: cannot be read"));
}

TEST_CASE("kiosk texts: the language button cycles, a new visitor gets the default", "[kiosk][texts]") {
    std::vector<std::string> problems;
    KioskTexts t = load_kiosk_texts(kAssets / "lang", problems);
    t.order_by({"de", "en", "es"});
    CHECK(t.language(0).code == "de");
    CHECK(t.english().code == "en");
    CHECK(t.current().code == "en");  // the order changes, not the language in use
    t.set_default(*t.find("de"));
    t.reset();
    CHECK(t.current().code == "de");
    t.next();
    CHECK(t.current().code == "en");
    t.next();
    CHECK(t.current().code == "es");
    t.next();
    CHECK(t.current().code == "de");
    t.next();
    t.reset();
    CHECK(t.current().code == "de");
    // A caption from a language with fewer captions: English's.
    CHECK(t.caption(7) == t.current().captions[7]);
    CHECK(t.caption(99).empty());
}

TEST_CASE("kiosk texts: --lang and locales find the language", "[kiosk][texts]") {
    std::vector<std::string> problems;
    const KioskTexts t = load_kiosk_texts(kAssets / "lang", problems);
    CHECK(t.language(*t.find("DE")).code == "de");
    CHECK(t.language(*t.find("de_AT.UTF-8")).code == "de");
    CHECK(t.language(*t.find("es-MX")).code == "es");
    CHECK(t.language(*t.find("en_GB@euro")).code == "en");
    CHECK_FALSE(t.find("fr"));
    CHECK_FALSE(t.find(""));
    CHECK_FALSE(t.find(std::string(200, 'd')));
}

TEST_CASE("kiosk texts: placeholders and caption lines", "[kiosk][texts]") {
    CHECK(fill_in("{reps} of {goal}", {{"reps", "3"}, {"goal", "12"}}) == "3 of 12");
    CHECK(fill_in("{reps} {unknown} {goal", {{"reps", "3"}}) == "3 {unknown} {goal");
    CHECK(fill_in("{}{{reps}}", {{"reps", "x"}}) == "{}{x}");
    CHECK(wrap_caption("").empty());
    CHECK(wrap_caption("   ").empty());
    const auto lines = wrap_caption(built_in_english().captions[0]);
    for (const auto& l : lines) CHECK(l.size() <= kCaptionLineChars);
    CHECK(lines.size() == 3);
    // Characters, not bytes: 38 umlauts make one line.
    std::string umlauts;
    for (int i = 0; i < 38; ++i) umlauts += "\xc3\xa4";
    CHECK(wrap_caption(umlauts + " x") == std::vector<std::string>{umlauts, "x"});
    // A word longer than a line is cut at a character boundary.
    const auto cut = wrap_caption(umlauts + "\xc3\xb6\xc3\xb6", 38);
    REQUIRE(cut.size() == 2);
    CHECK(cut[0] == umlauts);
    CHECK(cut[1] == "\xc3\xb6\xc3\xb6");
}

TEST_CASE("kiosk settings: the shipped kiosk.json and its checks", "[kiosk][texts]") {
    const SettingsParse s = load_kiosk_settings(kAssets / "kiosk.json");
    INFO(joined(s.problems));
    CHECK(s.ok);
    CHECK(s.problems.empty());
    CHECK(s.settings.timings.idle_warning_s == 20.0);
    CHECK(s.settings.timings.countdown_s == 10.0);
    CHECK(s.settings.timings.round_reps == 12);
    CHECK(s.settings.attract_reps == 16);
    CHECK(s.settings.languages == std::vector<std::string>{"en", "de", "es"});
    CHECK(s.settings.admin_exit.sequence == AdminExitConfig{}.sequence);

    const SettingsParse bad = parse_kiosk_settings(
        R"({"timings": {"idle_warning_s": 2, "countdown_s": "ten", "round_reps": 15, "nap_s": 3},
            "languages": ["de", 4], "default_language": "?", "admin_exit": {"sequence": "X"}, "extra": 1})",
        "kiosk.json");
    INFO(joined(bad.problems));
    CHECK(bad.ok);
    CHECK(bad.settings.timings.idle_warning_s == 20.0);
    CHECK(bad.settings.timings.countdown_s == 10.0);
    CHECK(bad.settings.timings.round_reps == 15);
    CHECK(bad.settings.languages == std::vector<std::string>{"de"});
    CHECK(bad.settings.default_language == "en");
    CHECK(any_contains(bad.problems, "kiosk.json: timings.idle_warning_s: expected 5 to 600, found 2; using the default"));
    CHECK(any_contains(bad.problems, "kiosk.json: timings.countdown_s: expected a number, found the text \"ten\""));
    CHECK(any_contains(bad.problems, "kiosk.json: timings.nap_s: unknown field"));
    CHECK(any_contains(bad.problems, "kiosk.json: languages[1]: expected a language code"));
    CHECK(any_contains(bad.problems, "kiosk.json: admin_exit.sequence: expected 3 to 16 letters or digits"));
    CHECK(any_contains(bad.problems, "kiosk.json: extra: unknown field"));

    const SettingsParse broken = parse_kiosk_settings("{\"timings\": ", "kiosk.json");
    CHECK_FALSE(broken.ok);
    CHECK(any_contains(broken.problems, "kiosk.json: malformed JSON"));
    CHECK(broken.settings.timings.idle_warning_s == 20.0);
    const SettingsParse missing = load_kiosk_settings("/nonexistent/kiosk.json");
    CHECK_FALSE(missing.ok);
    CHECK(any_contains(missing.problems, "missing; the defaults are used"));
}

TEST_CASE("kiosk texts: malformed samples never crash and always answer", "[kiosk][texts]") {
    // A corpus of broken inputs (the fuzz target tests/fuzz/fuzz_kiosk_texts.cpp runs the same
    // contract on random bytes): a language xor an error, and every message names the file.
    std::vector<std::string> samples = {
        "", "{", "}", "[", "null", "true", "0", "-", "\"", "{\"", "{\"language\"", "{\"language\":",
        "{\"language\": \"de\", \"name\": \"D\", \"texts\": {\"play.hold\": {\"a\": [1, 2, {\"b\": null}]}}}",
        "{\"language\": \"de\", \"name\": \"D\", \"attract_captions\": [null, 1, [], {}, \"ok\", \"\\u0000\"]}",
        "{\"language\": \"de\", \"name\": \"\\ud800\"}",
        "{\"language\": \"de\", \"name\": \"D\", \"texts\": {\"attract.title\": \"\\u0085x\"}}",
        "{\"language\": \"de\", \"name\": \"D\", \"decimal_separator\": 5}",
        "{\"language\": \"de\", \"language\": \"es\", \"name\": \"dup\"}",
        std::string(70'000, ' ') + "{}",
    };
    static constexpr char kNul[] = "{\"language\": \"de\", \"name\": \"D\x00\"}";
    samples.emplace_back(kNul, sizeof(kNul) - 1);  // a NUL byte inside the text
    std::string big = "{\"language\": \"de\", \"name\": \"D\", \"texts\": {";
    for (int i = 0; i < 2'000; ++i) big += "\"k" + std::to_string(i) + "\": \"v\",";
    big += "\"z\": \"\"}}";
    samples.push_back(big);
    std::string long_text = "{\"language\": \"de\", \"name\": \"D\", \"texts\": {\"attract.title\": \"";
    long_text += std::string(5'000, 'x') + "\"}}";
    samples.push_back(long_text);
    for (const std::string& s : samples) {
        const LanguageParse r = parse_language(s, "sample.json", built_in_english());
        INFO(s.substr(0, 80));
        CHECK(r.language.has_value() == r.error.empty());
        if (!r.error.empty()) CHECK(r.error.rfind("sample.json: ", 0) == 0);
        for (const auto& w : r.warnings) CHECK(w.rfind("sample.json", 0) == 0);
        CHECK(r.warnings.size() <= 41);
        if (r.language) {
            for (const std::string& t : r.language->texts) CHECK_FALSE(t.empty());
            CHECK(r.language->captions.size() == built_in_english().captions.size());  // code "de": English's count
        }
        const SettingsParse k = parse_kiosk_settings(s, "sample.json");
        for (const auto& p : k.problems) CHECK(p.rfind("sample.json", 0) == 0);
    }
}

TEST_CASE("kiosk texts: every character of every shipped language is in the UI's fonts", "[kiosk][texts]") {
    // engine/ui/ui_context.cpp builds its text fonts with ImGui's default ranges (Basic Latin,
    // Latin-1) plus Latin Extended-A, general punctuation, arrows, −, ≤ ≥ and the shapes
    // U+25A0..U+25CF; a character outside them would show as '?'. (A language in another script
    // needs a font with it: docs/kiosk.md.)
    auto in_font = [](std::uint32_t cp) {
        return (cp >= 0x20 && cp <= 0xFF) || (cp >= 0x100 && cp <= 0x17F) || (cp >= 0x2010 && cp <= 0x205E) ||
               (cp >= 0x2190 && cp <= 0x21FF) || cp == 0x2212 || cp == 0x2264 || cp == 0x2265 ||
               (cp >= 0x25A0 && cp <= 0x25CF);
    };
    auto check = [&](const std::string& code, const std::string& s) {
        for (std::size_t i = 0; i < s.size();) {
            const auto c = static_cast<unsigned char>(s[i]);
            std::uint32_t cp = c;
            std::size_t len = 1;
            if (c >= 0xF0) {
                cp = c & 0x07U;
                len = 4;
            } else if (c >= 0xE0) {
                cp = c & 0x0FU;
                len = 3;
            } else if (c >= 0xC0) {
                cp = c & 0x1FU;
                len = 2;
            }
            for (std::size_t k = 1; k < len && i + k < s.size(); ++k) {
                cp = (cp << 6U) | (static_cast<unsigned char>(s[i + k]) & 0x3FU);
            }
            INFO(code << ": U+" << std::hex << cp << " in \"" << s << "\"");
            CHECK(in_font(cp));
            i += len;
        }
    };
    std::vector<std::string> problems;
    const KioskTexts t = load_kiosk_texts(kAssets / "lang", problems);
    for (std::size_t li = 0; li < t.size(); ++li) {
        const Language& l = t.language(li);
        check(l.code, l.name);
        for (const std::string& s : l.texts) check(l.code, s);
        for (const std::string& s : l.captions) check(l.code, s);
    }
    // The panels' own shapes: ● ○ ▶ ▲ ▼ and the separator ·.
    check("panels", "\xe2\x97\x8f\xe2\x97\x8b\xe2\x96\xb6\xe2\x96\xb2\xe2\x96\xbc\xc2\xb7");
}
