#pragma once
// The silent AudioOut: plays nothing, counts what it was asked to play. For tests (assert which
// cues a session asked for) and as the fallback when no audio device can be opened.

#include "engine/audio/audio.hpp"

#include <array>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>

namespace bfr::audio {

/// Silent AudioOut that counts calls. available() is always false.
class NullAudio final : public AudioOut {
public:
    /// `reason` completes describe(): "no audio device: <reason>".
    explicit NullAudio(std::string reason = "disabled");

    /// Counts the call; counts it as heard too unless muted.
    void play(Cue cue) noexcept override;
    /// Records the new state and counts the call.
    void set_muted(bool muted) noexcept override;
    [[nodiscard]] bool muted() const noexcept override { return muted_; }
    /// Records the level; a cue at gain 0 (cue_gain) counts as called, not heard.
    void set_volume(float volume) noexcept override { volume_ = std::isfinite(volume) ? std::clamp(volume, 0.f, 1.f) : 1.f; }
    [[nodiscard]] float volume() const noexcept override { return volume_; }
    /// Records the tone asked for.
    void set_tone(float frequency_hz, float level) noexcept override {
        tone_hz_ = frequency_hz;
        tone_level_ = level;
    }
    [[nodiscard]] float tone_hz() const noexcept { return tone_hz_; }
    [[nodiscard]] float tone_level() const noexcept { return tone_level_; }
    [[nodiscard]] bool available() const noexcept override { return false; }
    [[nodiscard]] std::string describe() const override;

    /// play(cue) calls so far, muted or not.
    [[nodiscard]] std::size_t calls(Cue cue) const noexcept;
    /// play() calls so far, all cues.
    [[nodiscard]] std::size_t total_calls() const noexcept;
    /// play(cue) calls made while not muted (what a device would have sounded).
    [[nodiscard]] std::size_t heard(Cue cue) const noexcept;
    /// play() calls made while not muted, all cues.
    [[nodiscard]] std::size_t total_heard() const noexcept;
    /// The cue of the last play() call made while not muted; nullopt before the first one.
    [[nodiscard]] std::optional<Cue> last_heard() const noexcept { return last_heard_; }
    /// set_muted() calls so far.
    [[nodiscard]] std::size_t mute_calls() const noexcept { return mute_calls_; }
    /// Sets every counter back to zero and last_heard() to nullopt (the mute state stays).
    void reset_counts() noexcept;

private:
    std::string reason_;
    bool muted_ = false;
    float volume_ = 1.f;
    float tone_hz_ = 0.f;
    float tone_level_ = 0.f;
    std::array<std::size_t, kCueCount> calls_{};
    std::array<std::size_t, kCueCount> heard_{};
    std::optional<Cue> last_heard_;
    std::size_t mute_calls_ = 0;
};

}  // namespace bfr::audio
