#include "engine/audio/sdl/sdl_audio.hpp"

#include <SDL.h>

#include <fmt/format.h>

#include "engine/audio/null_audio.hpp"
#include "engine/audio/tones.hpp"

#include <array>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <utility>
#include <vector>

namespace bfr::audio::sdl {
namespace {

/// Queued audio beyond this much is cleared before a new cue, so the cue starts on time.
constexpr std::size_t kMaxLagMs = 100;
/// Device buffer in sample frames: ~10.7 ms at 48 kHz, short enough for tempo cues.
constexpr Uint16 kBufferFrames = 512;

class SdlAudio final : public AudioOut {
public:
    SdlAudio() = default;
    SdlAudio(const SdlAudio&) = delete;
    SdlAudio& operator=(const SdlAudio&) = delete;
    ~SdlAudio() override {
        if (device_ != 0) SDL_CloseAudioDevice(device_);
        if (subsystem_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }

    /// Initialises SDL audio and opens the device; returns why not ("" on success). On failure
    /// the destructor releases whatever was acquired.
    std::string open() {
        // SDL_INIT_AUDIO brings up SDL's event subsystem, which would install SIGINT/SIGTERM
        // handlers over core::interrupt's (the window sets the same hint).
        SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
        if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
            return fmt::format("could not initialise SDL audio: {}", SDL_GetError());
        subsystem_ = true;
        const char* name = SDL_GetCurrentAudioDriver();
        driver_ = name != nullptr ? name : "unknown";
        if (driver_ == "dummy") return "SDL audio driver 'dummy' discards all sound";

        SDL_AudioSpec want{};
        want.freq = kDefaultSampleRateHz;
        want.format = AUDIO_S16SYS;
        want.channels = 1;
        want.samples = kBufferFrames;
        want.callback = nullptr;  // SDL_QueueAudio
        SDL_AudioSpec have{};
        // No allowed changes: the format stays ours and SDL converts to the device's.
        device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
        if (device_ == 0)
            return fmt::format("could not open an output device with SDL driver '{}': {}", driver_, SDL_GetError());
        rate_ = have.freq;
        max_lag_bytes_ = static_cast<Uint32>(static_cast<std::size_t>(rate_) * kMaxLagMs / 1000 * sizeof(std::int16_t));
        for (std::size_t i = 0; i < kCueCount; ++i) cues_[i] = synthesize(static_cast<Cue>(i), rate_);
        SDL_PauseAudioDevice(device_, 0);
        return {};
    }

    void play(Cue cue) noexcept override {
        if (muted_ || device_ == 0) return;
        const auto index = static_cast<std::size_t>(cue);
        if (index >= kCueCount) return;
        const float gain = cue_gain(cue, volume_);
        if (gain <= 0.f) return;
        const std::vector<std::int16_t>* source = &cues_[index];
        if (gain < 1.f) {
            scaled_.resize(source->size());
            for (std::size_t i = 0; i < source->size(); ++i) {
                scaled_[i] = static_cast<std::int16_t>(std::lround(static_cast<float>((*source)[i]) * gain));
            }
            source = &scaled_;
        }
        const std::vector<std::int16_t>& pcm = *source;
        const Uint32 queued = SDL_GetQueuedAudioSize(device_);
        if (alarm_queued_ && queued > 0 && cue != Cue::Alarm) return;  // never cut an alarm short
        if (queued > max_lag_bytes_) SDL_ClearQueuedAudio(device_);
        const auto bytes = static_cast<Uint32>(pcm.size() * sizeof(std::int16_t));
        if (SDL_QueueAudio(device_, pcm.data(), bytes) == 0) alarm_queued_ = cue == Cue::Alarm;
    }

    void set_muted(bool muted) noexcept override {
        muted_ = muted;
        if (muted && device_ != 0) {
            SDL_ClearQueuedAudio(device_);
            alarm_queued_ = false;
        }
    }

    bool muted() const noexcept override { return muted_; }
    void set_volume(float volume) noexcept override {
        volume_ = std::isfinite(volume) ? std::clamp(volume, 0.f, 1.f) : 1.f;
    }
    float volume() const noexcept override { return volume_; }

    bool available() const noexcept override {
        // A device that was unplugged or lost its server reports "stopped".
        return device_ != 0 && SDL_GetAudioDeviceStatus(device_) != SDL_AUDIO_STOPPED;
    }

    std::string describe() const override {
        if (!available()) return fmt::format("no audio device: SDL audio device on '{}' was lost", driver_);
        return fmt::format("SDL audio: {}, {} Hz", driver_, rate_);
    }

private:
    bool subsystem_ = false;
    SDL_AudioDeviceID device_ = 0;
    std::string driver_;
    int rate_ = 0;
    Uint32 max_lag_bytes_ = 0;
    std::array<std::vector<std::int16_t>, kCueCount> cues_;
    bool muted_ = false;
    float volume_ = 1.f;
    std::vector<std::int16_t> scaled_;  ///< The cue at the user's volume (SDL copies it when queued).
    bool alarm_queued_ = false;  ///< The last cue queued was an Alarm.
};

}  // namespace

std::unique_ptr<AudioOut> create_sdl_audio(std::string* why_not) {
    std::string reason;
    try {
        auto out = std::make_unique<SdlAudio>();
        reason = out->open();
        if (reason.empty()) {
            if (why_not != nullptr) why_not->clear();
            return out;
        }
    } catch (const std::exception& e) {  // out of memory while rendering the cues
        reason = fmt::format("could not prepare the audio output: {}", e.what());
    }
    if (why_not != nullptr) *why_not = reason;
    return std::make_unique<NullAudio>(std::move(reason));
}

}  // namespace bfr::audio::sdl
