// libFuzzer target: kiosk language and settings files (game/modes/kiosk/kiosk_texts). Any bytes
// must parse without a crash, a hang, an exception escaping or unbounded memory, and:
//   - a language file gives a language or an error naming the file (never both, never neither);
//     every warning names the file too, and there are at most 41 of them;
//   - a language has every text (none empty) and English's number of captions (English: 1 to 32), each
//     clean UTF-8 with no control character; each caption lays out in lines of at most 38
//     characters;
//   - the settings parse always gives timings inside their sane ranges, and problems that name
//     the file.
//
// Input: the file's text (the seed corpus is assets/kiosk/lang/*.json, kiosk.json and broken files).

#include "game/modes/kiosk/kiosk_texts.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace bfr::modes::kiosk;

bool clean(const std::string& s) {
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) return false;
    }
    return true;
}

std::size_t chars(const std::string& s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
    return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::string origin = "fuzz.json";
    const LanguageParse r = parse_language(text, origin, built_in_english());
    if (r.language.has_value() == !r.error.empty()) __builtin_trap();
    if (!r.error.empty() && r.error.rfind(origin + ": ", 0) != 0) __builtin_trap();
    if (r.warnings.size() > 41) __builtin_trap();
    for (const std::string& w : r.warnings) {
        if (w.rfind(origin + ": ", 0) != 0) __builtin_trap();
    }
    if (r.language) {
        const Language& l = *r.language;
        if (l.code.size() < 2 || l.code.size() > 8 || l.name.empty()) __builtin_trap();
        for (const std::string& t : l.texts) {
            if (t.empty() || t.size() > kMaxTextBytes || !clean(t)) __builtin_trap();
        }
        // English decides the number of captions (1 to 32); every other language has English's.
        if (l.code == "en" ? (l.captions.empty() || l.captions.size() > kMaxCaptions)
                           : l.captions.size() != built_in_english().captions.size()) {
            __builtin_trap();
        }
        for (const std::string& c : l.captions) {
            if (c.empty() || !clean(c)) __builtin_trap();
            for (const std::string& line : wrap_caption(c)) {
                if (chars(line) > kCaptionLineChars) __builtin_trap();
            }
        }
        // Filling in placeholders never fails either.
        (void)fill_in(l.get(Text::ResultReps), {{"reps", "12"}, {"seconds", "30"}});
    }

    const SettingsParse s = parse_kiosk_settings(text, origin);
    const KioskTimings& t = s.settings.timings;
    const KioskTimings sane = sanitized(t);
    if (t.idle_warning_s != sane.idle_warning_s || t.countdown_s != sane.countdown_s || t.result_s != sane.result_s ||
        t.round_reps != sane.round_reps || t.attract_cycle_s != sane.attract_cycle_s) {
        __builtin_trap();
    }
    if (s.settings.admin_exit.sequence.size() < 3 || s.settings.admin_exit.sequence.size() > 16) __builtin_trap();
    for (const std::string& p : s.problems) {
        if (p.rfind(origin, 0) != 0) __builtin_trap();
    }
    return 0;
}
