#pragma once
// Every string the kiosk shows, in every language it has (docs/kiosk.md, "Texts"): one JSON file
// per language (assets/kiosk/lang/<code>.json), checked on loading. A missing or unusable entry
// falls back to English with a warning; a file that cannot be used at all (not JSON, no language
// code...) is left out with an error naming the file and the field, and the kiosk runs on the
// others; English itself is built in, so the kiosk always runs. Pure: no SDL, no ImGui; any bytes
// are safe to parse (tests/fuzz/fuzz_kiosk_texts.cpp).
//
// Also the kiosk's settings file (assets/kiosk/kiosk.json): timings, languages, the admin's exit.

#include "game/modes/kiosk/kiosk_flow.hpp"
#include "game/modes/kiosk/kiosk_input.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bfr::modes::kiosk {

/// The kiosk's strings (besides the attract captions, a list of their own). Their keys in the
/// files are text_key(): "attract.title", "play.hold", ...
enum class Text : std::uint8_t {
    AttractTitle,
    AttractPrompt,
    PlayGoal,          ///< {goal}
    PlayCuffFilling,
    PlayCuffOn,
    PlayHold,
    PlayRelease,
    PlayCount,         ///< {reps} {goal}
    PlayFillLabel,
    PlaySwellingLabel,
    PlayTimeLeft,      ///< {seconds}
    StillTitle,
    StillBody,
    StillCountdown,    ///< {seconds}
    StillButton,
    ResultTitleDone,
    ResultTitleTime,
    ResultReps,        ///< {reps} {seconds}
    ResultFill,        ///< {fill}
    ResultSwelling,    ///< {swelling}
    ResultWashout,
    ResultAgain,
    ResultBack,        ///< {seconds}
    UiLanguage,
    UiTextSize,
    SoundStart,
    SoundRep,
    SoundDone,
    SoundCountdown,    ///< {seconds}
    SoundNote,
    Count
};

inline constexpr std::size_t kTextCount = static_cast<std::size_t>(Text::Count);

/// The key of a text in the files ("attract.title").
[[nodiscard]] std::string_view text_key(Text text) noexcept;

/// At most this many attract captions are read from a file.
inline constexpr std::size_t kMaxCaptions = 32;
/// A text longer than this (bytes) is not used (English instead, with a warning).
inline constexpr std::size_t kMaxTextBytes = 400;
/// A language file larger than this is refused.
inline constexpr std::size_t kMaxLanguageFileBytes = 64 * 1024;
/// Subtitles: at most this many characters per line (product.md §6c).
inline constexpr std::size_t kCaptionLineChars = 38;

/// One language: its code ("de"), its own name ("Deutsch"), every text and the attract captions.
struct Language {
    std::string code;
    std::string name;
    std::array<std::string, kTextCount> texts;
    std::vector<std::string> captions;
    std::string decimal_separator = ".";  ///< "2.4 %" or "2,4 %" ("decimal_separator" in the file).

    [[nodiscard]] const std::string& get(Text t) const noexcept { return texts[static_cast<std::size_t>(t)]; }
};

/// English as built into the program (assets/kiosk/lang/en.json holds the same; a test checks it).
[[nodiscard]] const Language& built_in_english();

/// What parsing one language file gave: a language (with its fallbacks filled in from `english`)
/// or an error ("FILE: FIELD: what was expected, what was found"); warnings either way.
struct LanguageParse {
    std::optional<Language> language;
    std::string error;
    std::vector<std::string> warnings;
};

/// Parses a language file's text. Never throws; `origin` names the file in every message.
[[nodiscard]] LanguageParse parse_language(std::string_view json, const std::string& origin, const Language& english);

/// The languages the kiosk offers, the one in use, and the default one.
class KioskTexts {
public:
    /// Built-in English only.
    KioskTexts();
    /// Adds (or replaces, by code) a language. The first one added after construction that is
    /// English replaces the built-in one.
    void add(Language language);

    [[nodiscard]] std::size_t size() const noexcept { return languages_.size(); }
    [[nodiscard]] const Language& language(std::size_t index) const noexcept;
    [[nodiscard]] const Language& current() const noexcept { return languages_[current_]; }
    [[nodiscard]] std::size_t current_index() const noexcept { return current_; }
    [[nodiscard]] const std::string& get(Text t) const noexcept { return current().get(t); }
    /// The current language's caption `index` (English's if it has fewer; "" if none).
    [[nodiscard]] const std::string& caption(std::size_t index) const noexcept;
    /// How many attract captions there are (English's count: every language has as many).
    [[nodiscard]] std::size_t caption_count() const noexcept { return english().captions.size(); }
    /// English: every other language's fallback.
    [[nodiscard]] const Language& english() const noexcept { return languages_[english_]; }

    /// The language for a code or a locale ("de", "DE", "de_DE.UTF-8", "de-AT"), if the kiosk has it.
    [[nodiscard]] std::optional<std::size_t> find(std::string_view code_or_locale) const;
    /// Uses language `index` (ignored when out of range).
    void select(std::size_t index) noexcept;
    /// The next language, round the list (the visitor's language button).
    void next() noexcept;
    /// The language a new visitor gets (ignored when out of range).
    void set_default(std::size_t index) noexcept;
    [[nodiscard]] std::size_t default_index() const noexcept { return default_; }
    /// Back to the default language.
    void reset() noexcept { current_ = default_; }
    /// Puts the languages in this order of codes (the language button's order; the others after
    /// them, as they were). The current and the default language stay what they were.
    void order_by(const std::vector<std::string>& codes);

private:
    std::vector<Language> languages_;  ///< In the language button's order.
    std::size_t english_ = 0;
    std::size_t current_ = 0;
    std::size_t default_ = 0;
    bool english_from_file_ = false;
};

/// Loads every `*.json` of `lang_dir` (English first, then the others in name order; at most 64
/// files). Problems (errors and warnings, each naming its file) are appended to `problems`; the
/// result always holds at least the built-in English.
[[nodiscard]] KioskTexts load_kiosk_texts(const std::filesystem::path& lang_dir, std::vector<std::string>& problems);

/// `pattern` with each {name} replaced by its value; unknown names and stray braces stay as they are.
[[nodiscard]] std::string fill_in(std::string_view pattern,
                                  std::initializer_list<std::pair<std::string_view, std::string_view>> values);

/// `text` in lines of at most `max_chars` characters (UTF-8 code points), broken at spaces; a
/// word longer than a line is cut. Empty text: no lines.
[[nodiscard]] std::vector<std::string> wrap_caption(std::string_view text, std::size_t max_chars = kCaptionLineChars);

/// The kiosk's settings (assets/kiosk/kiosk.json).
struct KioskSettings {
    KioskTimings timings;
    std::uint32_t attract_reps = 16;          ///< Reps the attract loop's simulated patient does each cycle.
    std::vector<std::string> languages;       ///< Their order on the language button ("en", "de", "es").
    std::string default_language = "en";
    AdminExitConfig admin_exit;
};

/// What parsing the settings gave: settings (defaults where the file says nothing usable) and the
/// problems, each naming the file and the field. `ok` is false when the file could not be used
/// at all (the defaults are returned).
struct SettingsParse {
    KioskSettings settings;
    bool ok = true;
    std::vector<std::string> problems;
};

[[nodiscard]] SettingsParse parse_kiosk_settings(std::string_view json, const std::string& origin);
/// Reads and parses the file; a missing file gives the defaults with a problem saying so.
[[nodiscard]] SettingsParse load_kiosk_settings(const std::filesystem::path& file);

}  // namespace bfr::modes::kiosk
