#include "game/presentation/voice_lines.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>

namespace bfr::presentation {

std::string number_words(std::uint32_t n) {
    static constexpr std::array<const char*, 20> kOnes = {
        "zero",    "one",     "two",       "three",    "four",     "five",    "six",
        "seven",   "eight",   "nine",      "ten",      "eleven",   "twelve",  "thirteen",
        "fourteen", "fifteen", "sixteen",  "seventeen", "eighteen", "nineteen"};
    static constexpr std::array<const char*, 10> kTens = {"",      "",      "twenty",  "thirty", "forty",
                                                          "fifty", "sixty", "seventy", "eighty", "ninety"};
    if (n < 20) return kOnes[n];
    if (n < 100) {
        const std::uint32_t ones = n % 10;
        return ones == 0 ? std::string(kTens[n / 10]) : fmt::format("{}-{}", kTens[n / 10], kOnes[ones]);
    }
    return fmt::format("{}", n);
}

VoiceLine set_started_line(std::uint32_t set_number, std::uint32_t sets_total, std::uint32_t target_reps,
                           bool to_failure) {
    const std::string which =
        set_number == sets_total && sets_total > 1 ? std::string("Last set") : "Set " + number_words(set_number);
    if (to_failure) return {fmt::format("{}: to failure.", which), VoicePriority::Coaching};
    return {fmt::format("{}: {} reps.", which, number_words(target_reps)), VoicePriority::Coaching};
}

VoiceLine rest_started_line(double rest_s, bool cuff_released) {
    const auto s = static_cast<std::uint32_t>(std::lround(std::max(0.0, rest_s)));
    std::string text = s >= 60 && s % 60 == 0
                           ? fmt::format("Rest {} minute{}.", number_words(s / 60), s == 60 ? "" : "s")
                           : fmt::format("Rest {} seconds.", number_words(s));
    if (cuff_released) text += " The cuff is released.";
    return {text, VoicePriority::Coaching};
}

VoiceLine rest_ending_line() {
    return {"Five seconds. Get ready.", VoicePriority::Coaching};
}

VoiceLine session_done_line(bool completed) {
    return {completed ? "Session complete. Well done." : "Session stopped.", VoicePriority::Coaching};
}

VoiceLine alarm_line(std::string_view kind, std::string_view action) {
    std::string what = "Check the cuff.";
    if (kind == "pressure_above_lop") what = "Cuff pressure at your occlusion pressure.";
    if (kind == "pressure_ceiling") what = "Cuff pressure far too high.";
    if (kind == "pressure_out_of_band") what = "Cuff pressure out of its band.";
    if (kind == "occlusion_time") what = "The cuff has been on too long.";
    if (kind == "sensor_lost") what = "The cuff sensor is lost.";
    if (kind == "discomfort") what = "Discomfort too high.";
    std::string act;
    if (action == "deflate") act = " Deflate the cuff now.";
    if (action == "lower_10_mmHg") act = " Lower the cuff by ten millimetres.";
    if (action == "stop") act = " Stop the exercise.";
    return {what + act, VoicePriority::Safety};
}

bool VoiceGate::admit(const VoiceLine& line, std::int64_t now_ns) {
    if (line.priority == VoicePriority::Safety) {
        if (!last_safety_.empty() && line.text == last_safety_ && now_ns - last_safety_ns_ < repeat_gap_ns_) return false;
        last_safety_ = line.text;
        last_safety_ns_ = now_ns;
    } else if (any_ && now_ns - last_ns_ < min_gap_ns_) {
        return false;
    }
    any_ = true;
    last_ns_ = now_ns;
    return true;
}

}  // namespace bfr::presentation
