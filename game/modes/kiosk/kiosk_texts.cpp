#include "game/modes/kiosk/kiosk_texts.hpp"

#include "engine/core/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <exception>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>

namespace bfr::modes::kiosk {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr std::string_view kTextsSchema = "bfr-coach.kiosk-texts/1";
constexpr std::string_view kSettingsSchema = "bfr-coach.kiosk/1";
constexpr std::size_t kMaxNameBytes = 40;
constexpr std::size_t kMaxDepth = 32;
constexpr std::size_t kMaxWarnings = 40;
constexpr std::size_t kMaxLanguageFiles = 64;
constexpr std::size_t kMaxSettingsBytes = 64 * 1024;

struct TextEntry {
    Text text;
    std::string_view key;
    std::string_view english;
};

// Built-in English: the fallback of every language (assets/kiosk/lang/en.json says the same).
constexpr std::array<TextEntry, kTextCount> kEntries = {{
    {Text::AttractTitle, "attract.title", "Blood flow restriction training"},
    {Text::AttractPrompt, "attract.prompt", "Press the big button to try it"},
    {Text::PlayGoal, "play.goal", "Squeeze {goal} times and watch the muscle fill up"},
    {Text::PlayCuffFilling, "play.cuff_filling", "The cuff is filling with air\xe2\x80\xa6"},
    {Text::PlayCuffOn, "play.cuff_on", "Cuff on: blood drains out more slowly"},
    {Text::PlayHold, "play.hold", "Hold the button: squeeze"},
    {Text::PlayRelease, "play.release", "Let go: relax"},
    {Text::PlayCount, "play.count", "{reps} of {goal}"},
    {Text::PlayFillLabel, "play.fill_label", "Muscle fill (waste products)"},
    {Text::PlaySwellingLabel, "play.swelling_label", "Muscle swelling"},
    {Text::PlayTimeLeft, "play.time_left", "{seconds} s left"},
    {Text::StillTitle, "still.title", "Are you still there?"},
    {Text::StillBody, "still.body", "Press any button to keep going."},
    {Text::StillCountdown, "still.countdown", "Starting over in {seconds} s"},
    {Text::StillButton, "still.button", "I'm still here"},
    {Text::ResultTitleDone, "result.title_done", "Well done!"},
    {Text::ResultTitleTime, "result.title_time", "Time's up!"},
    {Text::ResultReps, "result.reps", "You squeezed {reps} times in {seconds} seconds."},
    {Text::ResultFill, "result.fill", "Your muscle filled up to {fill} %."},
    {Text::ResultSwelling, "result.swelling", "It swelled by {swelling} %."},
    {Text::ResultWashout, "result.washout", "Now the cuff is off: fresh blood washes the waste out."},
    {Text::ResultAgain, "result.again", "Press to play again"},
    {Text::ResultBack, "result.back", "Back to the start in {seconds} s"},
    {Text::UiLanguage, "ui.language", "Language"},
    {Text::UiTextSize, "ui.text_size", "Larger text"},
    {Text::SoundStart, "sound.start", "[tone] Let's go!"},
    {Text::SoundRep, "sound.rep", "[click] Squeeze counted"},
    {Text::SoundDone, "sound.done", "[chime] Round complete"},
    {Text::SoundCountdown, "sound.countdown", "[beep] {seconds}"},
    {Text::SoundNote, "sound.note", "This exhibit has no soundtrack. Sounds are shown as captions."},
}};

// What BFR does, in plain words (checked against ../shared/physiology-reference.md: flow is reduced,
// not stopped; metabolites build up; cells swell, a likely growth signal; light loads act in some
// ways like heavy ones; the swelling fades over hours).
constexpr std::array<std::string_view, 8> kEnglishCaptions = {
    "A cuff around the upper arm or thigh, a light weight: this is blood flow restriction (BFR) training.",
    "The cuff squeezes gently. Blood still flows in, but drains out more slowly.",
    "With every lift the muscle makes waste products, such as lactate. They build up.",
    "Fluid is drawn in and the muscle cells swell. This is probably one of the signals to grow.",
    "That is why a light weight with a cuff can work a muscle, in some ways, like a heavy one.",
    "Cuff off: fresh blood rushes in and washes the waste out. The swelling fades over hours.",
    "Only with a trained professional and a proper cuff \xe2\x80\x94 never with a belt or a band at home.",
    "Want to try? Press the big button and squeeze the muscle yourself.",
};

bool entries_in_order() {
    for (std::size_t i = 0; i < kEntries.size(); ++i) {
        if (static_cast<std::size_t>(kEntries[i].text) != i) return false;
    }
    return true;
}

// ---- text helpers -----------------------------------------------------------------------------

/// Valid UTF-8 without control characters (tabs and newlines included: the panels lay text out).
bool clean_text(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7F) return false;
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if ((c & 0xE0U) == 0xC0U) {
            len = 2;
            cp = c & 0x1FU;
        } else if ((c & 0xF0U) == 0xE0U) {
            len = 3;
            cp = c & 0x0FU;
        } else if ((c & 0xF8U) == 0xF0U) {
            len = 4;
            cp = c & 0x07U;
        } else {
            return false;
        }
        if (i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0U) != 0x80U) return false;
            cp = (cp << 6U) | (cc & 0x3FU);
        }
        const bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
        if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        if (cp >= 0x80 && cp < 0xA0) return false;  // C1 controls
        i += len;
    }
    return true;
}

/// The longest prefix of at most `max` bytes that does not cut a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view s, std::size_t max) {
    if (s.size() <= max) return s;
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0U) == 0x80U) --n;
    return s.substr(0, n);
}

/// A value as messages show it: its kind, and a short quote of a string or a number.
std::string found(const Json& j) {
    switch (j.type()) {
        case Json::value_t::null: return "null";
        case Json::value_t::boolean: return j.get<bool>() ? "true" : "false";
        case Json::value_t::string: {
            const auto& s = j.get_ref<const std::string&>();
            const std::string_view shown = utf8_prefix(s, 40);
            std::string q = Json(std::string(shown)).dump(-1, ' ', false, Json::error_handler_t::replace);
            if (shown.size() < s.size()) q.insert(q.size() - 1, "...");
            return "the text " + q;
        }
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
        case Json::value_t::number_float: return "the number " + j.dump();
        case Json::value_t::object: return "an object";
        case Json::value_t::array: return "a list";
        case Json::value_t::binary:
        case Json::value_t::discarded: break;
    }
    return "something else";
}

/// A key as messages show it (cut, with bad bytes replaced).
std::string shown_key(std::string_view key) {
    const std::string_view shown = utf8_prefix(key, 40);
    std::string q = Json(std::string(shown)).dump(-1, ' ', false, Json::error_handler_t::replace);
    return q.substr(1, q.size() - 2) + (shown.size() < key.size() ? "..." : "");
}

/// The {name} placeholders of a text, in order, each once.
std::vector<std::string_view> placeholders(std::string_view s) {
    std::vector<std::string_view> names;
    std::size_t at = 0;
    while ((at = s.find('{', at)) != std::string_view::npos) {
        const std::size_t close = s.find('}', at + 1);
        if (close == std::string_view::npos) break;
        const std::string_view name = s.substr(at + 1, close - at - 1);
        const bool word = !name.empty() && name.size() <= 16 &&
                          std::all_of(name.begin(), name.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
        if (word && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
        at = close + 1;
    }
    return names;
}

/// Deepest nesting of arrays and objects (outside strings), stopping early past `limit`.
std::size_t nesting_depth(std::string_view text, std::size_t limit) {
    std::size_t depth = 0;
    std::size_t deepest = 0;
    bool in_string = false;
    bool escaped = false;
    for (const char c : text) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
            if (deepest > limit) return deepest;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

/// The message of a JSON library exception without its "[json.exception...] " prefix.
std::string json_error_text(const std::exception& e) {
    std::string what = e.what();
    if (const std::size_t at = what.find("] "); what.rfind("[json.exception.", 0) == 0 && at != std::string::npos) {
        what.erase(0, at + 2);
    }
    return what;
}

/// Parses `text` as one JSON object, or says why not ("FILE: ...").
std::optional<Json> parse_object(std::string_view text, const std::string& origin, std::size_t max_bytes,
                                 const char* expected, std::string& error) {
    if (text.size() > max_bytes) {
        error = origin + ": too large (" + std::to_string(text.size()) + " bytes; at most " + std::to_string(max_bytes) +
                ")";
        return std::nullopt;
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        error = origin + ": empty file (expected " + expected + ")";
        return std::nullopt;
    }
    if (nesting_depth(text, kMaxDepth) > kMaxDepth) {
        error = origin + ": malformed JSON: nested more than " + std::to_string(kMaxDepth) + " levels deep";
        return std::nullopt;
    }
    Json root;
    try {
        root = Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error& e) {
        std::string what = e.what();
        if (const std::size_t at = what.find("parse error"); at != std::string::npos) what.erase(0, at);
        error = origin + ": malformed JSON: " + what;
        return std::nullopt;
    } catch (const std::exception& e) {
        error = origin + ": malformed JSON: " + json_error_text(e);
        return std::nullopt;
    }
    if (!root.is_object()) {
        error = origin + ": expected " + expected + ", found " + found(root);
        return std::nullopt;
    }
    return root;
}

class Problems {
public:
    Problems(const std::string& origin, std::vector<std::string>& out) : origin_{origin}, out_{out} {}
    void add(const std::string& field, const std::string& message) {
        if (count_ < kMaxWarnings) {
            out_.push_back(origin_ + ": " + field + ": " + message);
        } else if (count_ == kMaxWarnings) {
            out_.push_back(origin_ + ": more problems not shown");
        }
        ++count_;
    }

private:
    const std::string& origin_;
    std::vector<std::string>& out_;
    std::size_t count_ = 0;
};

/// A usable text from `j` or the reason it is not.
std::optional<std::string> usable_text(const Json& j, std::string& why) {
    if (!j.is_string()) {
        why = "expected a text, found " + found(j);
        return std::nullopt;
    }
    const auto& s = j.get_ref<const std::string&>();
    if (s.empty() || s.find_first_not_of(' ') == std::string::npos) {
        why = "empty";
        return std::nullopt;
    }
    if (s.size() > kMaxTextBytes) {
        why = "longer than " + std::to_string(kMaxTextBytes) + " bytes";
        return std::nullopt;
    }
    if (!clean_text(s)) {
        why = "not clean UTF-8 text (control characters, line breaks or invalid bytes)";
        return std::nullopt;
    }
    return s;
}

/// A language code: 2 to 8 letters, digits, '-' or '_' (stored lower case, '_' as '-').
std::optional<std::string> usable_code(const Json& j) {
    if (!j.is_string()) return std::nullopt;
    const auto& s = j.get_ref<const std::string&>();
    if (s.size() < 2 || s.size() > 8) return std::nullopt;
    std::string code;
    for (const char c : s) {
        const char l = core::ascii_lower(c);
        if (l == '_' || l == '-') {
            code += '-';
        } else if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) {
            code += l;
        } else {
            return std::nullopt;
        }
    }
    if (code.front() == '-') return std::nullopt;
    return code;
}

bool read_file(const fs::path& path, std::size_t max_bytes, std::string& out, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = path.string() + ": cannot be read";
        return false;
    }
    out.clear();
    std::array<char, 4096> buf{};
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        out.append(buf.data(), static_cast<std::size_t>(in.gcount()));
        if (out.size() > max_bytes) break;  // parse_* says "too large"
    }
    if (in.bad()) {
        error = path.string() + ": cannot be read";
        return false;
    }
    return true;
}

}  // namespace

std::string_view text_key(Text text) noexcept {
    const auto i = static_cast<std::size_t>(text);
    return i < kEntries.size() ? kEntries[i].key : std::string_view("unknown");
}

const Language& built_in_english() {
    static const Language english = [] {
        Language l;
        l.code = "en";
        l.name = "English";
        if (entries_in_order()) {
            for (const TextEntry& e : kEntries) l.texts[static_cast<std::size_t>(e.text)] = std::string(e.english);
        }
        for (const std::string_view c : kEnglishCaptions) l.captions.emplace_back(c);
        return l;
    }();
    return english;
}

LanguageParse parse_language(std::string_view json, const std::string& origin, const Language& english) {
    LanguageParse result;
    std::optional<Json> root;
    try {
        root = parse_object(json, origin, kMaxLanguageFileBytes, "a JSON object such as {\"language\": \"de\", ...}",
                            result.error);
    } catch (const std::exception& e) {  // allocation failure and the like: never escapes
        result.error = origin + ": cannot be read: " + e.what();
    }
    if (!root) return result;
    Problems warn(origin, result.warnings);
    try {
        const Json& r = *root;
        if (const auto it = r.find("schema"); it != r.end()) {
            if (!it->is_string() || it->get_ref<const std::string&>() != kTextsSchema) {
                result.error = origin + ": schema: expected \"" + std::string(kTextsSchema) + "\", found " + found(*it);
                return result;
            }
        }
        Language lang;
        const auto code_it = r.find("language");
        if (code_it == r.end()) {
            result.error = origin + ": language: missing (expected a language code such as \"de\")";
            return result;
        }
        const auto code = usable_code(*code_it);
        if (!code) {
            result.error = origin + ": language: expected a language code such as \"de\" (2 to 8 letters), found " +
                           found(*code_it);
            return result;
        }
        lang.code = *code;
        const auto name_it = r.find("name");
        if (name_it == r.end()) {
            result.error = origin + ": name: missing (expected the language's own name, such as \"Deutsch\")";
            return result;
        }
        std::string why;
        const auto name = usable_text(*name_it, why);
        if (!name || name->size() > kMaxNameBytes) {
            result.error = origin + ": name: expected the language's own name (at most " + std::to_string(kMaxNameBytes) +
                           " bytes), found " + (name ? "a text too long" : found(*name_it));
            return result;
        }
        lang.name = *name;

        const auto texts_it = r.find("texts");
        if (texts_it != r.end() && !texts_it->is_object()) {
            result.error = origin + ": texts: expected an object of texts such as {\"attract.title\": \"...\"}, found " +
                           found(*texts_it);
            return result;
        }
        if (texts_it == r.end()) warn.add("texts", "missing: every text is English");
        for (std::size_t i = 0; i < kTextCount; ++i) {
            const std::string key(kEntries[i].key);
            const std::string& fallback = english.texts[i];
            lang.texts[i] = fallback;
            if (texts_it == r.end()) continue;
            const auto it = texts_it->find(key);
            if (it == texts_it->end()) {
                warn.add("texts." + key, "missing; using English");
                continue;
            }
            const auto text = usable_text(*it, why);
            if (!text) {
                warn.add("texts." + key, why + "; using English");
                continue;
            }
            // The placeholders must be the English ones: a missing one loses a figure, an unknown
            // one shows as typed.
            const auto want = placeholders(fallback);
            const auto have = placeholders(*text);
            for (const std::string_view p : want) {
                if (std::find(have.begin(), have.end(), p) == have.end()) {
                    warn.add("texts." + key, "lacks {" + std::string(p) + "}");
                }
            }
            for (const std::string_view p : have) {
                if (std::find(want.begin(), want.end(), p) == want.end()) {
                    warn.add("texts." + key, "has {" + std::string(p) + "}, which is never filled in");
                }
            }
            lang.texts[i] = *text;
        }
        if (texts_it != r.end()) {
            for (auto it = texts_it->begin(); it != texts_it->end(); ++it) {
                const bool known = std::any_of(kEntries.begin(), kEntries.end(),
                                               [&](const TextEntry& e) { return e.key == it.key(); });
                if (!known) warn.add("texts." + shown_key(it.key()), "unknown text (ignored)");
            }
        }

        if (const auto sep = r.find("decimal_separator"); sep != r.end()) {
            const auto text = usable_text(*sep, why);
            if (!text || text->size() > 3) {
                warn.add("decimal_separator", "expected \".\" or \",\", found " + found(*sep) + "; using \".\"");
            } else {
                lang.decimal_separator = *text;
            }
        }
        lang.captions = english.captions;
        const auto caps_it = r.find("attract_captions");
        if (caps_it == r.end()) {
            warn.add("attract_captions", "missing: the captions are English");
        } else if (!caps_it->is_array()) {
            warn.add("attract_captions", "expected a list of texts, found " + found(*caps_it) + "; using English");
        } else if (lang.code == "en") {
            // English decides how many captions there are (the attract loop shows them in order).
            std::vector<std::string> own;
            for (std::size_t i = 0; i < caps_it->size(); ++i) {
                if (i == kMaxCaptions) {
                    warn.add("attract_captions", "more than " + std::to_string(kMaxCaptions) + " captions; the rest are ignored");
                    break;
                }
                const auto text = usable_text((*caps_it)[i], why);
                if (!text) {
                    warn.add("attract_captions[" + std::to_string(i) + "]", why + "; left out");
                    continue;
                }
                own.push_back(*text);
            }
            if (own.empty()) {
                warn.add("attract_captions", "no usable caption; using the built-in ones");
            } else {
                lang.captions = std::move(own);
            }
        } else {
            const std::size_t n = english.captions.size();
            if (caps_it->size() != n) {
                warn.add("attract_captions", "has " + std::to_string(caps_it->size()) + " captions, English has " +
                                                 std::to_string(n) +
                                                 (caps_it->size() < n ? "; the missing ones are English" : "; the extra ones are ignored"));
            }
            for (std::size_t i = 0; i < n && i < caps_it->size(); ++i) {
                const auto text = usable_text((*caps_it)[i], why);
                if (!text) {
                    warn.add("attract_captions[" + std::to_string(i) + "]", why + "; using English");
                    continue;
                }
                lang.captions[i] = *text;
            }
        }
        for (auto it = r.begin(); it != r.end(); ++it) {
            const std::string& k = it.key();
            if (k != "schema" && k != "language" && k != "name" && k != "texts" && k != "attract_captions" &&
                k != "decimal_separator" && k != "comment") {
                warn.add(shown_key(k), "unknown field (ignored)");
            }
        }
        result.language = std::move(lang);
    } catch (const std::exception& e) {
        result.language.reset();
        result.error = origin + ": cannot be used: " + e.what();
    }
    return result;
}

// ---- KioskTexts ---------------------------------------------------------------------------------

KioskTexts::KioskTexts() {
    languages_.push_back(built_in_english());
}

void KioskTexts::add(Language language) {
    if (language.code == "en" && !english_from_file_) {
        english_from_file_ = true;
        languages_[english_] = std::move(language);
        return;
    }
    for (Language& l : languages_) {
        if (l.code == language.code) {
            l = std::move(language);
            return;
        }
    }
    languages_.push_back(std::move(language));
}

const Language& KioskTexts::language(std::size_t index) const noexcept {
    return index < languages_.size() ? languages_[index] : english();
}

const std::string& KioskTexts::caption(std::size_t index) const noexcept {
    static const std::string kEmpty;
    const Language& l = current();
    if (index < l.captions.size()) return l.captions[index];
    const Language& en = english();
    return index < en.captions.size() ? en.captions[index] : kEmpty;
}

std::optional<std::size_t> KioskTexts::find(std::string_view code_or_locale) const {
    // "de_DE.UTF-8@euro" → "de-de"; then "de".
    std::string code;
    for (const char c : code_or_locale) {
        if (c == '.' || c == '@') break;
        const char l = core::ascii_lower(c);
        code += l == '_' ? '-' : l;
        if (code.size() > 16) return std::nullopt;
    }
    if (code.empty()) return std::nullopt;
    for (std::size_t i = 0; i < languages_.size(); ++i) {
        if (languages_[i].code == code) return i;
    }
    const std::string primary = code.substr(0, code.find('-'));
    for (std::size_t i = 0; i < languages_.size(); ++i) {
        if (languages_[i].code == primary) return i;
    }
    return std::nullopt;
}

void KioskTexts::select(std::size_t index) noexcept {
    if (index < languages_.size()) current_ = index;
}

void KioskTexts::next() noexcept {
    current_ = (current_ + 1) % languages_.size();
}

void KioskTexts::set_default(std::size_t index) noexcept {
    if (index < languages_.size()) default_ = index;
}

void KioskTexts::order_by(const std::vector<std::string>& codes) {
    const std::string current_code = current().code;
    const std::string default_code = languages_[default_].code;
    auto rank = [&](const Language& l) {
        const auto it = std::find(codes.begin(), codes.end(), l.code);
        return it == codes.end() ? codes.size() : static_cast<std::size_t>(std::distance(codes.begin(), it));
    };
    std::stable_sort(languages_.begin(), languages_.end(),
                     [&](const Language& a, const Language& b) { return rank(a) < rank(b); });
    for (std::size_t i = 0; i < languages_.size(); ++i) {
        if (languages_[i].code == "en") english_ = i;
        if (languages_[i].code == current_code) current_ = i;
        if (languages_[i].code == default_code) default_ = i;
    }
}

KioskTexts load_kiosk_texts(const fs::path& lang_dir, std::vector<std::string>& problems) {
    KioskTexts texts;
    std::error_code ec;
    std::vector<fs::path> files;
    fs::directory_iterator it(lang_dir, ec);
    if (ec) {
        problems.push_back(lang_dir.string() + ": cannot be read (" + ec.message() + "); the kiosk runs in English");
        return texts;
    }
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
        if (ec) break;
        const fs::path& p = it->path();
        if (p.extension() == ".json" && it->is_regular_file(ec)) files.push_back(p);
        if (files.size() > kMaxLanguageFiles) break;
    }
    std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
        const bool ea = a.stem() == "en";
        const bool eb = b.stem() == "en";
        if (ea != eb) return ea;
        return a.filename() < b.filename();
    });
    if (files.size() > kMaxLanguageFiles) {
        problems.push_back(lang_dir.string() + ": more than " + std::to_string(kMaxLanguageFiles) +
                           " language files; the rest are ignored");
        files.resize(kMaxLanguageFiles);
    }
    if (files.empty() || files.front().stem() != "en") {
        problems.push_back((lang_dir / "en.json").string() + ": missing; the built-in English is used");
    }
    for (const fs::path& p : files) {
        std::string text;
        std::string error;
        if (!read_file(p, kMaxLanguageFileBytes, text, error)) {
            problems.push_back(error + (p.stem() == "en" ? "; the built-in English is used" : "; the language is left out"));
            continue;
        }
        LanguageParse r = parse_language(text, p.string(), texts.english());
        problems.insert(problems.end(), r.warnings.begin(), r.warnings.end());
        if (!r.language) {
            problems.push_back(r.error + (p.stem() == "en" ? "; the built-in English is used" : "; the language is left out"));
            continue;
        }
        if (r.language->code != p.stem().string()) {
            problems.push_back(p.string() + ": language: \"" + r.language->code + "\" in a file named " +
                               p.filename().string() + " (the code in the file is used)");
        }
        if (p.stem() != "en" && r.language->code == "en") {
            problems.push_back(p.string() + ": language: \"en\" is en.json's; the file is left out");
            continue;
        }
        texts.add(std::move(*r.language));
    }
    return texts;
}

// ---- Text layout ------------------------------------------------------------------------------------

std::string fill_in(std::string_view pattern,
                    std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
    std::string out;
    out.reserve(pattern.size() + 16);
    std::size_t i = 0;
    while (i < pattern.size()) {
        const char c = pattern[i];
        if (c == '{') {
            const std::size_t close = pattern.find('}', i + 1);
            if (close != std::string_view::npos) {
                const std::string_view name = pattern.substr(i + 1, close - i - 1);
                const auto it = std::find_if(values.begin(), values.end(),
                                             [&](const auto& v) { return v.first == name; });
                if (it != values.end()) {
                    out.append(it->second);
                    i = close + 1;
                    continue;
                }
            }
        }
        out += c;
        ++i;
    }
    return out;
}

std::vector<std::string> wrap_caption(std::string_view text, std::size_t max_chars) {
    std::vector<std::string> lines;
    if (max_chars == 0) max_chars = 1;
    auto chars_of = [](std::string_view s) {
        std::size_t n = 0;
        for (const char c : s) {
            if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
        }
        return n;
    };
    // The byte offset after the first `count` characters of `s`.
    auto bytes_of = [](std::string_view s, std::size_t count) {
        std::size_t n = 0;
        std::size_t i = 0;
        while (i < s.size()) {
            if ((static_cast<unsigned char>(s[i]) & 0xC0U) != 0x80U) {
                if (n == count) break;
                ++n;
            }
            ++i;
        }
        return i;
    };
    std::string line;
    std::size_t line_chars = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        if (i >= text.size()) break;
        std::size_t end = text.find(' ', i);
        if (end == std::string_view::npos) end = text.size();
        std::string_view word = text.substr(i, end - i);
        i = end;
        std::size_t word_chars = chars_of(word);
        if (line_chars > 0 && line_chars + 1 + word_chars <= max_chars) {
            line += ' ';
            line.append(word);
            line_chars += 1 + word_chars;
            continue;
        }
        if (line_chars > 0) {
            lines.push_back(std::move(line));
            line.clear();
            line_chars = 0;
        }
        while (word_chars > max_chars) {  // a word longer than a line: cut it
            const std::size_t cut = bytes_of(word, max_chars);
            lines.emplace_back(word.substr(0, cut));
            word.remove_prefix(cut);
            word_chars -= max_chars;
        }
        line.assign(word);
        line_chars = word_chars;
    }
    if (line_chars > 0) lines.push_back(std::move(line));
    return lines;
}

// ---- Settings -----------------------------------------------------------------------------------------

SettingsParse parse_kiosk_settings(std::string_view json, const std::string& origin) {
    SettingsParse result;
    std::string error;
    std::optional<Json> root;
    try {
        root = parse_object(json, origin, kMaxSettingsBytes, "a JSON object such as {\"timings\": {...}}", error);
    } catch (const std::exception& e) {
        error = origin + ": cannot be read: " + e.what();
    }
    if (!root) {
        result.ok = false;
        result.problems.push_back(error + "; the defaults are used");
        return result;
    }
    Problems warn(origin, result.problems);
    KioskSettings& s = result.settings;
    try {
        const Json& r = *root;
        if (const auto it = r.find("schema"); it != r.end()) {
            if (!it->is_string() || it->get_ref<const std::string&>() != kSettingsSchema) {
                warn.add("schema", "expected \"" + std::string(kSettingsSchema) + "\", found " + found(*it));
            }
        }
        // A number field: used when it is a finite number in [lo, hi], else the default with a warning.
        auto number = [&](const Json& obj, const std::string& section, const char* key, double lo, double hi,
                          double& into) {
            const auto it = obj.find(key);
            if (it == obj.end()) return;
            const std::string field = section + "." + key;
            if (!it->is_number()) {
                warn.add(field, "expected a number, found " + found(*it) + "; using the default");
                return;
            }
            const double v = it->get<double>();
            if (!std::isfinite(v) || v < lo || v > hi) {
                warn.add(field, "expected " + std::to_string(static_cast<long long>(lo)) + " to " +
                                    std::to_string(static_cast<long long>(hi)) + ", found " + it->dump() +
                                    "; using the default");
                return;
            }
            into = v;
        };
        if (const auto t = r.find("timings"); t != r.end()) {
            if (!t->is_object()) {
                warn.add("timings", "expected an object, found " + found(*t) + "; using the defaults");
            } else {
                KioskTimings& k = s.timings;
                number(*t, "timings", "idle_warning_s", 5, 600, k.idle_warning_s);
                number(*t, "timings", "countdown_s", 3, 120, k.countdown_s);
                number(*t, "timings", "result_s", 3, 120, k.result_s);
                number(*t, "timings", "result_guard_s", 0, 120, k.result_guard_s);
                number(*t, "timings", "round_max_s", 20, 600, k.round_max_s);
                double reps = k.round_reps;
                number(*t, "timings", "round_reps", 1, 100, reps);
                k.round_reps = static_cast<std::uint32_t>(std::lround(reps));
                number(*t, "timings", "caption_s", 2, 60, k.caption_s);
                number(*t, "timings", "attract_cycle_s", 10, 3600, k.attract_cycle_s);
                double attract_reps = s.attract_reps;
                number(*t, "timings", "attract_reps", 1, 200, attract_reps);
                s.attract_reps = static_cast<std::uint32_t>(std::lround(attract_reps));
                for (auto it = t->begin(); it != t->end(); ++it) {
                    static constexpr std::array<std::string_view, 9> kKnown = {
                        "idle_warning_s", "countdown_s",     "result_s",        "result_guard_s", "round_max_s",
                        "round_reps",     "caption_s",       "attract_cycle_s", "attract_reps"};
                    if (std::find(kKnown.begin(), kKnown.end(), it.key()) == kKnown.end()) {
                        warn.add("timings." + shown_key(it.key()), "unknown field (ignored)");
                    }
                }
                if (k.result_guard_s > k.result_s) {
                    warn.add("timings.result_guard_s", "longer than result_s; using result_s");
                    k.result_guard_s = k.result_s;
                }
                k = sanitized(k);
            }
        }
        if (const auto l = r.find("languages"); l != r.end()) {
            if (!l->is_array() || l->size() > kMaxLanguageFiles) {
                warn.add("languages", "expected a list of language codes such as [\"en\", \"de\"], found " + found(*l));
            } else {
                for (std::size_t i = 0; i < l->size(); ++i) {
                    const auto code = usable_code((*l)[i]);
                    if (!code) {
                        warn.add("languages[" + std::to_string(i) + "]",
                                 "expected a language code such as \"de\", found " + found((*l)[i]));
                        continue;
                    }
                    s.languages.push_back(*code);
                }
            }
        }
        if (const auto d = r.find("default_language"); d != r.end()) {
            const auto code = usable_code(*d);
            if (!code) {
                warn.add("default_language", "expected a language code such as \"en\", found " + found(*d));
            } else {
                s.default_language = *code;
            }
        }
        if (const auto a = r.find("admin_exit"); a != r.end()) {
            if (!a->is_object()) {
                warn.add("admin_exit", "expected an object, found " + found(*a) + "; using the default");
            } else {
                if (const auto q = a->find("sequence"); q != a->end()) {
                    auto keys = q->is_string() ? admin_sequence_from_text(q->get_ref<const std::string&>())
                                               : std::vector<platform::Key>{};
                    if (keys.size() < 3) {
                        warn.add("admin_exit.sequence",
                                 "expected 3 to 16 letters or digits such as \"EXIT\", found " + found(*q) +
                                     "; using the default");
                    } else {
                        s.admin_exit.sequence = std::move(keys);
                    }
                }
                number(*a, "admin_exit", "hold_s", 1, 30, s.admin_exit.hold_s);
                number(*a, "admin_exit", "step_timeout_s", 1, 30, s.admin_exit.step_timeout_s);
            }
        }
        for (auto it = r.begin(); it != r.end(); ++it) {
            const std::string& k = it.key();
            if (k != "schema" && k != "timings" && k != "languages" && k != "default_language" && k != "admin_exit" &&
                k != "comment") {
                warn.add(shown_key(k), "unknown field (ignored)");
            }
        }
    } catch (const std::exception& e) {
        result.problems.push_back(origin + ": cannot be used: " + e.what() + "; the defaults are used");
        result.ok = false;
        result.settings = KioskSettings{};
    }
    return result;
}

SettingsParse load_kiosk_settings(const fs::path& file) {
    std::string text;
    std::string error;
    std::error_code ec;
    if (!fs::exists(file, ec)) {
        SettingsParse r;
        r.ok = false;
        r.problems.push_back(file.string() + ": missing; the defaults are used");
        return r;
    }
    if (!read_file(file, kMaxSettingsBytes, text, error)) {
        SettingsParse r;
        r.ok = false;
        r.problems.push_back(error + "; the defaults are used");
        return r;
    }
    return parse_kiosk_settings(text, file.string());
}

}  // namespace bfr::modes::kiosk
