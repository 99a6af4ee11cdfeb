#include "engine/audio/tones.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace bfr::audio {
namespace {

// Tick: short mid click. Accent: longer, higher and about 5 dB louder. Chime: G5 then C6 with a
// bell-like fade. Alarm: three loud 1.76 kHz beeps (the most audible range for most listeners).
constexpr std::array kTick{ToneSegment{1000.0, 0.035, 0.30, 0.0}};
constexpr std::array kAccent{ToneSegment{1500.0, 0.050, 0.55, 0.0}};
constexpr std::array kChime{ToneSegment{784.0, 0.140, 0.45, 0.12}, ToneSegment{1046.5, 0.260, 0.45, 0.16}};
constexpr std::array kAlarm{ToneSegment{1760.0, 0.150, 0.70, 0.0}, ToneSegment{0.0, 0.080, 0.0, 0.0},
                            ToneSegment{1760.0, 0.150, 0.70, 0.0}, ToneSegment{0.0, 0.080, 0.0, 0.0},
                            ToneSegment{1760.0, 0.150, 0.70, 0.0}};

// Fanfare: C5 E5 G5 then a held C6, bright and short (about 0.8 s), softer than an alarm.
constexpr std::array kFanfare{ToneSegment{523.25, 0.110, 0.40, 0.0}, ToneSegment{659.25, 0.110, 0.40, 0.0},
                              ToneSegment{783.99, 0.110, 0.42, 0.0}, ToneSegment{1046.5, 0.450, 0.45, 0.25}};

// RepTick: a soft low click, well under the tempo's ticks.
constexpr std::array kRepTick{ToneSegment{600.0, 0.040, 0.18, 0.0}};

constexpr double kFullScale = 32767.0;

}  // namespace

std::span<const ToneSegment> cue_segments(Cue cue) noexcept {
    switch (cue) {
        case Cue::Tick: return kTick;
        case Cue::Accent: return kAccent;
        case Cue::Chime: return kChime;
        case Cue::Alarm: return kAlarm;
        case Cue::Fanfare: return kFanfare;
        case Cue::RepTick: return kRepTick;
    }
    return {};
}

std::size_t samples_for(double seconds, int sample_rate_hz) noexcept {
    if (!(seconds > 0.0) || sample_rate_hz <= 0) return 0;
    return static_cast<std::size_t>(std::llround(seconds * static_cast<double>(sample_rate_hz)));
}

void render_segment(const ToneSegment& segment, int sample_rate_hz, std::vector<std::int16_t>& out) {
    const std::size_t n = samples_for(segment.duration_s, sample_rate_hz);
    if (n == 0) return;
    const std::size_t start = out.size();
    out.resize(start + n, 0);
    const double amplitude = std::clamp(segment.amplitude, 0.0, 1.0);
    if (amplitude == 0.0) return;  // silence

    const auto rate = static_cast<double>(sample_rate_hz);
    const std::size_t edge = std::min(samples_for(kEdgeSeconds, sample_rate_hz), n / 2);
    const double omega = 2.0 * std::numbers::pi * segment.frequency_hz / rate;
    for (std::size_t i = 0; i < n; ++i) {
        // Raised-cosine ramps: exactly 0 at the first and at the last sample.
        double envelope = 1.0;
        const std::size_t from_end = n - 1 - i;
        if (edge > 0 && i < edge) {
            envelope = 0.5 * (1.0 - std::cos(std::numbers::pi * static_cast<double>(i) / static_cast<double>(edge)));
        } else if (edge > 0 && from_end < edge) {
            envelope =
                0.5 * (1.0 - std::cos(std::numbers::pi * static_cast<double>(from_end) / static_cast<double>(edge)));
        }
        if (segment.decay_s > 0.0) envelope *= std::exp(-static_cast<double>(i) / rate / segment.decay_s);
        const double value = amplitude * envelope * std::sin(omega * static_cast<double>(i)) * kFullScale;
        out[start + i] = static_cast<std::int16_t>(std::lround(std::clamp(value, -kFullScale, kFullScale)));
    }
}

std::vector<std::int16_t> synthesize(Cue cue, int sample_rate_hz) {
    std::vector<std::int16_t> out;
    if (sample_rate_hz <= 0) return out;
    std::size_t total = 0;
    for (const ToneSegment& segment : cue_segments(cue)) total += samples_for(segment.duration_s, sample_rate_hz);
    out.reserve(total);
    for (const ToneSegment& segment : cue_segments(cue)) render_segment(segment, sample_rate_hz, out);
    return out;
}

}  // namespace bfr::audio
