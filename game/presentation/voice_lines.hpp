#pragma once
// What the voice coach says (and the caption shows) for the guided session's moments: plain,
// short sentences, numbers in words so a speech synthesiser reads them naturally.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bfr::presentation {

/// 0..99 in words ("fifteen", "thirty-two"); digits beyond.
[[nodiscard]] std::string number_words(std::uint32_t n);

/// How urgent a line is: a safety line interrupts and is never dropped for a coaching line.
enum class VoicePriority : std::uint8_t { Coaching, Safety };

struct VoiceLine {
    std::string text;
    VoicePriority priority = VoicePriority::Coaching;
};

/// "Set two: fifteen reps." / "Set four: to failure." / "Last set: fifteen reps."
[[nodiscard]] VoiceLine set_started_line(std::uint32_t set_number, std::uint32_t sets_total, std::uint32_t target_reps,
                                         bool to_failure);
/// "Rest thirty seconds." (the cuff released: "… The cuff is released.")
[[nodiscard]] VoiceLine rest_started_line(double rest_s, bool cuff_released);
/// "Five seconds. Get ready."
[[nodiscard]] VoiceLine rest_ending_line();
/// "Session complete. Well done." / "Session stopped."
[[nodiscard]] VoiceLine session_done_line(bool completed);
/// A safety alarm: its title and action ("Cuff pressure high. Lower the cuff by ten millimetres.").
[[nodiscard]] VoiceLine alarm_line(std::string_view kind, std::string_view action);

/// Rate limiting of spoken lines (in any clock the caller uses, ns): a coaching line is dropped
/// when another line was started less than `min_gap_ns` ago; a safety line always goes (it
/// interrupts) unless the same text was said less than `repeat_gap_ns` ago.
class VoiceGate {
public:
    explicit VoiceGate(std::int64_t min_gap_ns = 3'000'000'000, std::int64_t repeat_gap_ns = 10'000'000'000) noexcept
        : min_gap_ns_{min_gap_ns}, repeat_gap_ns_{repeat_gap_ns} {}
    /// True when `line` may be said now (and records it as said).
    bool admit(const VoiceLine& line, std::int64_t now_ns);

private:
    std::int64_t min_gap_ns_;
    std::int64_t repeat_gap_ns_;
    std::int64_t last_ns_ = 0;
    bool any_ = false;
    std::string last_safety_;
    std::int64_t last_safety_ns_ = 0;
};

}  // namespace bfr::presentation
