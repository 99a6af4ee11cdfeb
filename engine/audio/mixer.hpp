#pragma once
// The software mixer behind the SDL backend, pure and testable: cue voices (pre-rendered PCM)
// and one continuous tone (sonification: its pitch follows a value, e.g. the cuff's %LOP) mixed
// into int16 mono blocks. The device's callback calls render(); the loop's thread calls the rest
// (the backend holds the device lock around every call).
//
//  - a new cue starts at once; at most kMaxVoices sound together (the oldest gives way);
//  - a sounding Alarm is never cut short and nothing else starts while it sounds (alarms first);
//  - the tone glides to a new pitch and level over ~30 ms with a continuous phase (no clicks);
//  - mute silences everything at once; the volume scales every cue (alarms no lower than
//    kMinAlarmVolume) and the tone.

#include "engine/audio/audio.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace bfr::audio {

class Mixer {
public:
    static constexpr std::size_t kMaxVoices = 6;

    explicit Mixer(int sample_rate_hz = 48000);

    /// Starts `cue` (false when refused: muted, silent at this volume, or an alarm is sounding).
    bool play(Cue cue);
    void set_muted(bool muted) noexcept;
    void set_volume(float volume) noexcept;
    /// The continuous tone: `frequency_hz` (20..5000, clamped) at `level` (0..1 of full scale,
    /// before the volume; 0 fades it out).
    void set_tone(float frequency_hz, float level) noexcept;

    /// Mixes the next `out.size()` samples.
    void render(std::span<std::int16_t> out) noexcept;

    [[nodiscard]] bool muted() const noexcept { return muted_; }
    [[nodiscard]] float volume() const noexcept { return volume_; }
    [[nodiscard]] std::size_t voices() const noexcept { return voice_count_; }
    [[nodiscard]] bool alarm_sounding() const noexcept;
    [[nodiscard]] int sample_rate_hz() const noexcept { return rate_; }

private:
    struct Voice {
        Cue cue = Cue::Tick;
        std::size_t position = 0;
    };
    int rate_;
    std::array<std::vector<std::int16_t>, kCueCount> pcm_;
    std::array<Voice, kMaxVoices> voices_{};
    std::size_t voice_count_ = 0;
    bool muted_ = false;
    float volume_ = 1.f;
    double tone_hz_ = 440.0, tone_target_hz_ = 440.0;
    double tone_level_ = 0.0, tone_target_level_ = 0.0;
    double phase_ = 0.0;
    std::vector<float> accum_;
};

/// The sonification's pitch for a cuff pressure in %LOP: 220 Hz at 0 % rising two octaves to
/// 880 Hz at 100 % (exponential, so equal steps of %LOP sound like equal steps of pitch).
[[nodiscard]] float pitch_for_pct_lop(double pct_lop) noexcept;

}  // namespace bfr::audio
