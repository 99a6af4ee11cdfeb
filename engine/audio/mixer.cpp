#include "engine/audio/mixer.hpp"

#include "engine/audio/tones.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace bfr::audio {
namespace {
constexpr double kGlideS = 0.03;  ///< Time constant of the tone's pitch and level changes.
constexpr float kFullScale = 32767.f;
}  // namespace

Mixer::Mixer(int sample_rate_hz) : rate_{sample_rate_hz > 0 ? sample_rate_hz : 48000} {
    for (std::size_t i = 0; i < kCueCount; ++i) pcm_[i] = synthesize(static_cast<Cue>(i), rate_);
}

bool Mixer::alarm_sounding() const noexcept {
    for (std::size_t i = 0; i < voice_count_; ++i) {
        if (voices_[i].cue == Cue::Alarm) return true;
    }
    return false;
}

bool Mixer::play(Cue cue) {
    const auto index = static_cast<std::size_t>(cue);
    if (muted_ || index >= kCueCount || cue_gain(cue, volume_) <= 0.f) return false;
    if (cue != Cue::Alarm && alarm_sounding()) return false;
    if (voice_count_ == kMaxVoices) {  // the oldest non-alarm voice gives way
        std::size_t victim = 0;
        while (victim < voice_count_ && voices_[victim].cue == Cue::Alarm) ++victim;
        if (victim == voice_count_) return false;
        std::move(voices_.begin() + static_cast<std::ptrdiff_t>(victim) + 1,
                  voices_.begin() + static_cast<std::ptrdiff_t>(voice_count_),
                  voices_.begin() + static_cast<std::ptrdiff_t>(victim));
        --voice_count_;
    }
    voices_[voice_count_++] = Voice{cue, 0};
    return true;
}

void Mixer::set_muted(bool muted) noexcept {
    muted_ = muted;
    if (muted) {
        voice_count_ = 0;
        tone_level_ = 0.0;
    }
}

void Mixer::set_volume(float volume) noexcept { volume_ = std::isfinite(volume) ? std::clamp(volume, 0.f, 1.f) : 1.f; }

void Mixer::set_tone(float frequency_hz, float level) noexcept {
    if (std::isfinite(frequency_hz)) tone_target_hz_ = std::clamp(static_cast<double>(frequency_hz), 20.0, 5000.0);
    tone_target_level_ = std::isfinite(level) ? std::clamp(static_cast<double>(level), 0.0, 1.0) : 0.0;
    if (tone_level_ <= 1e-6) tone_hz_ = tone_target_hz_;  // a tone starting from silence starts at its pitch
}

void Mixer::render(std::span<std::int16_t> out) noexcept {
    if (out.empty()) return;
    if (muted_) {
        std::fill(out.begin(), out.end(), std::int16_t{0});
        return;
    }
    accum_.assign(out.size(), 0.f);
    // Cue voices.
    std::size_t kept = 0;
    for (std::size_t v = 0; v < voice_count_; ++v) {
        Voice voice = voices_[v];
        const auto& pcm = pcm_[static_cast<std::size_t>(voice.cue)];
        const float gain = cue_gain(voice.cue, volume_);
        const std::size_t n = std::min(out.size(), pcm.size() - std::min(voice.position, pcm.size()));
        for (std::size_t i = 0; i < n; ++i) accum_[i] += static_cast<float>(pcm[voice.position + i]) * gain;
        voice.position += n;
        if (voice.position < pcm.size()) voices_[kept++] = voice;
    }
    voice_count_ = kept;
    // The tone: first-order glide of pitch and level, continuous phase.
    const double k = 1.0 - std::exp(-1.0 / (kGlideS * rate_));
    const double gain = static_cast<double>(volume_);
    if (tone_level_ > 1e-6 || tone_target_level_ > 0.0) {
        for (std::size_t i = 0; i < out.size(); ++i) {
            tone_hz_ += (tone_target_hz_ - tone_hz_) * k;
            tone_level_ += (tone_target_level_ - tone_level_) * k;
            phase_ += 2.0 * std::numbers::pi * tone_hz_ / rate_;
            if (phase_ > 2.0 * std::numbers::pi) phase_ -= 2.0 * std::numbers::pi;
            accum_[i] += static_cast<float>(std::sin(phase_) * tone_level_ * gain) * kFullScale;
        }
        if (tone_target_level_ <= 0.0 && tone_level_ < 1e-5) tone_level_ = 0.0;
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = static_cast<std::int16_t>(std::lround(std::clamp(accum_[i], -kFullScale, kFullScale)));
    }
}

float pitch_for_pct_lop(double pct_lop) noexcept {
    const double p = std::isfinite(pct_lop) ? std::clamp(pct_lop, 0.0, 120.0) : 0.0;
    return static_cast<float>(220.0 * std::pow(4.0, p / 100.0));
}

}  // namespace bfr::audio
