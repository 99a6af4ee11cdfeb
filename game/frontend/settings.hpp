#pragma once
// The patient's settings, kept between sessions in the data folder (settings.json): the limb and
// side, the LOP per limb, side and posture with when it was measured (product.md §4 rule 7), the
// load, the protocol, when screening was done and when the last sessions were (rule 8). A broken
// file never stops the program: it is set aside (settings.json.bad) and the defaults are used.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace bfr::frontend {

enum class Posture : std::uint8_t { Seated, Supine, Standing };
[[nodiscard]] const char* posture_name(Posture p) noexcept;  ///< "seated", "supine", "standing".
[[nodiscard]] std::optional<Posture> posture_from(std::string_view name) noexcept;

/// A limb occlusion pressure as measured (or typed in from a clinician's measurement).
struct LopRecord {
    double lop_mmHg = 0.0;
    std::int64_t measured_unix_s = 0;  ///< When (seconds since 1970, UTC).
    Posture posture = Posture::Seated;
    std::string source = "typed";      ///< "typed" or "device".
};

struct Settings {
    std::string limb = "arm";   ///< "arm" / "leg".
    std::string side = "right"; ///< "left" / "right".
    Posture posture = Posture::Seated;  ///< The exercise's posture.
    double load_pct1rm = 30.0;
    std::string protocol = "30-15-15-15";
    bool audio_muted = false;
    bool voice_muted = false;  ///< The voice coach off (captions stay).
    double sound_volume = 0.8;  ///< Sound effects (ticks, chimes, fanfare), 0..1; alarms never below half.
    double voice_volume = 1.0;  ///< The voice coach, 0..1 (1: espeak-ng's default loudness).
    bool sonify = false;          ///< Sonification: a tone whose pitch follows %LOP, a soft tick per rep.
    bool sound_captions = true;   ///< A caption on screen for every sound effect ("[chime: set complete]").
    bool large_text = false;      ///< Text and panels 35 % larger (on top of --ui-scale).
    std::string contract_key = "Space";  ///< The key that contracts (platform::key_name; remappable).
    std::int64_t screening_unix_s = 0;  ///< When the screening checklist was last completed (0: never).
    /// LOP per "limb/side" key ("arm/right").
    std::vector<std::pair<std::string, LopRecord>> lops;
    /// Start times of recent sessions (unix s), newest last, at most 50.
    std::vector<std::int64_t> sessions_unix_s;

    [[nodiscard]] const LopRecord* lop_for(const std::string& limb_name, const std::string& side_name) const;
    void set_lop(const std::string& limb_name, const std::string& side_name, const LopRecord& record);
};

/// Reads `dir`/settings.json. Missing: defaults. Broken: defaults, the file renamed to
/// settings.json.bad, and `warning` says so.
[[nodiscard]] Settings load_settings(const std::filesystem::path& dir, std::string* warning);
/// Writes it atomically (a temporary file renamed over the old one). False with a reason.
[[nodiscard]] bool save_settings(const std::filesystem::path& dir, const Settings& settings, std::string* error);

/// Seconds since 1970 (UTC) now, from the system clock (the only wall-clock use: dates shown to
/// the user, never simulation time).
[[nodiscard]] std::int64_t unix_now_s();

/// "today", "yesterday", "12 days ago", "3 months ago" for a time `age_s` old.
[[nodiscard]] std::string age_text(std::int64_t age_s);

/// Session spacing (product.md §4 rule 8): a warning when the last session was less than 36 h
/// ago or this week (the last 7 days) already holds 3 sessions; empty when neither.
[[nodiscard]] std::string spacing_warning(const std::vector<std::int64_t>& sessions_unix_s, std::int64_t now_unix_s);

/// LOP validity (rule 7): a warning when there is no LOP, it is older than 30 days, or it was
/// measured in another posture than the exercise's; empty when none applies.
[[nodiscard]] std::string lop_warning(const LopRecord* lop, Posture exercise, std::int64_t now_unix_s);

}  // namespace bfr::frontend
