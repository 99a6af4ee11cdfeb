#include "engine/audio/null_audio.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace bfr::audio {
namespace {

std::size_t index(Cue cue) noexcept {
    return static_cast<std::size_t>(cue) % kCueCount;
}

}  // namespace

const char* cue_name(Cue cue) noexcept {
    switch (cue) {
        case Cue::Tick: return "tick";
        case Cue::Accent: return "accent";
        case Cue::Chime: return "chime";
        case Cue::Alarm: return "alarm";
        case Cue::Fanfare: return "fanfare";
        case Cue::RepTick: return "rep_tick";
    }
    return "unknown";
}

float cue_gain(Cue cue, float volume) noexcept {
    const float v = std::isfinite(volume) ? std::clamp(volume, 0.f, 1.f) : 1.f;
    return cue == Cue::Alarm ? std::max(v, kMinAlarmVolume) : v;
}

NullAudio::NullAudio(std::string reason) : reason_{std::move(reason)} {}

void NullAudio::play(Cue cue) noexcept {
    ++calls_[index(cue)];
    if (muted_ || cue_gain(cue, volume_) <= 0.f) return;
    ++heard_[index(cue)];
    last_heard_ = cue;
}

void NullAudio::set_muted(bool muted) noexcept {
    muted_ = muted;
    ++mute_calls_;
}

std::string NullAudio::describe() const {
    return "no audio device: " + reason_;
}

std::size_t NullAudio::calls(Cue cue) const noexcept {
    return calls_[index(cue)];
}
std::size_t NullAudio::total_calls() const noexcept {
    return std::accumulate(calls_.begin(), calls_.end(), std::size_t{0});
}
std::size_t NullAudio::heard(Cue cue) const noexcept {
    return heard_[index(cue)];
}
std::size_t NullAudio::total_heard() const noexcept {
    return std::accumulate(heard_.begin(), heard_.end(), std::size_t{0});
}

void NullAudio::reset_counts() noexcept {
    calls_ = {};
    heard_ = {};
    last_heard_.reset();
    mute_calls_ = 0;
}

std::unique_ptr<AudioOut> create_null_audio() {
    return std::make_unique<NullAudio>();
}

}  // namespace bfr::audio
