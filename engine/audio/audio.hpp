#pragma once
// Tempo-cue audio output: a metronome tick at each phase change of a rep, an accented tick at
// the start of a rep, a chime for "set complete" / "rest over" and an alarm for safety alarms.
// Game-agnostic and SDL-free: sdl/sdl_audio.hpp is the device backend, null_audio.hpp the
// silent one (tests, --no-audio, no device), tones.hpp the sound synthesis both share.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace bfr::audio {

/// The sounds an AudioOut can play.
enum class Cue : std::uint8_t {
    Tick,    ///< Short click: a phase change of the rep tempo (up / down).
    Accent,  ///< Louder, higher click: the start of a rep.
    Chime,   ///< Two rising tones: set complete / rest over.
    Alarm,   ///< Three loud beeps: a safety alarm (replay it for as long as the alarm lasts).
    Fanfare, ///< A rising arpeggio: a personal best or a badge at the end of a session.
    RepTick, ///< A soft, low click: a rep counted (sonification).
};

/// The lowest level an alarm plays at while not muted (the sound-effects volume may be lower).
inline constexpr float kMinAlarmVolume = 0.5f;

/// The gain `cue` plays at for the user's `volume` (0..1, clamped): the volume, but at least
/// kMinAlarmVolume for alarms.
[[nodiscard]] float cue_gain(Cue cue, float volume) noexcept;

/// Number of Cue values (for tables indexed by cue).
inline constexpr std::size_t kCueCount = 6;

/// Lower-case name of `cue` ("tick", "accent", "chime", "alarm", "fanfare", "rep_tick").
[[nodiscard]] const char* cue_name(Cue cue) noexcept;

/// Plays cues. Use from one thread (the loop's); implementations are not thread-safe.
class AudioOut {
public:
    virtual ~AudioOut() = default;
    /// Starts `cue` and returns at once (non-blocking). Ignored while muted. Never throws.
    virtual void play(Cue cue) = 0;
    /// Mutes or unmutes; may be changed at any time. Muting also cuts what is still sounding.
    virtual void set_muted(bool muted) = 0;
    /// True while muted.
    [[nodiscard]] virtual bool muted() const = 0;
    /// The level of every cue, 0 (silent) .. 1 (as synthesised, the default); clamped. Alarms
    /// never go below kMinAlarmVolume: a safety sound must stay audible unless muted.
    virtual void set_volume(float volume) = 0;
    [[nodiscard]] virtual float volume() const = 0;
    /// A continuous tone (sonification: its pitch follows a value such as the cuff's %LOP):
    /// `frequency_hz` at `level` (0..1 of full scale, then the volume); level 0 fades it out.
    /// Gliding, click-free changes; call it as often as the value changes.
    virtual void set_tone(float frequency_hz, float level) = 0;
    /// True when an output device is open (false for the silent fallback).
    [[nodiscard]] virtual bool available() const = 0;
    /// One line for logs and --version style output: "SDL audio: pulseaudio, 48000 Hz" or
    /// "no audio device: <reason>".
    [[nodiscard]] virtual std::string describe() const = 0;
};

/// A silent AudioOut (available() is false; describe() is "no audio device: disabled").
[[nodiscard]] std::unique_ptr<AudioOut> create_null_audio();

}  // namespace bfr::audio
