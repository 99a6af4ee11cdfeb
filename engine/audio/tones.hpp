#pragma once
// Pure synthesis of the cues into 16-bit mono PCM. No device, no state: the SDL backend renders
// the four cues once when it opens, tests inspect the buffers.
//
// A cue is a list of segments played back to back; a segment is a sine with a 5 ms raised-cosine
// attack and release (so it starts and ends on exactly 0: no click artefact at either edge), or
// a stretch of silence. Peaks stay at or below 0.7 of full scale (3 dB of headroom or more).

#include "engine/audio/audio.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace bfr::audio {

/// The rate the SDL backend asks for (SDL converts when the device runs at another rate).
inline constexpr int kDefaultSampleRateHz = 48000;

/// Length of the attack and of the release ramp of every tone (clamped to half a short tone).
inline constexpr double kEdgeSeconds = 0.005;

/// One piece of a cue: a sine tone, or silence when `amplitude` is 0.
struct ToneSegment {
    double frequency_hz = 0.0;  ///< Sine frequency (ignored for silence).
    double duration_s = 0.0;    ///< Length, ramps included.
    double amplitude = 0.0;     ///< Peak level as a fraction of int16 full scale, 0..1.
    /// Time constant of an exponential fade over the tone (bell-like), 0 = constant level.
    double decay_s = 0.0;
};

/// The segments `cue` is made of, in playing order (static data).
[[nodiscard]] std::span<const ToneSegment> cue_segments(Cue cue) noexcept;

/// Number of samples `seconds` lasts at `sample_rate_hz` (rounded to nearest; 0 for <= 0).
[[nodiscard]] std::size_t samples_for(double seconds, int sample_rate_hz) noexcept;

/// Appends `segment` rendered at `sample_rate_hz` to `out` (samples_for(duration) samples).
/// Nothing is appended when the rate or the duration is not positive.
void render_segment(const ToneSegment& segment, int sample_rate_hz, std::vector<std::int16_t>& out);

/// `cue` as mono int16 PCM at `sample_rate_hz` (empty when the rate is not positive).
[[nodiscard]] std::vector<std::int16_t> synthesize(Cue cue, int sample_rate_hz = kDefaultSampleRateHz);

}  // namespace bfr::audio
