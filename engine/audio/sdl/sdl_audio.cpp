#include "engine/audio/sdl/sdl_audio.hpp"

#include <SDL.h>

#include <fmt/format.h>

#include "engine/audio/null_audio.hpp"
#include "engine/audio/mixer.hpp"
#include "engine/audio/tones.hpp"

#include <array>
#include <memory>
#include <span>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <utility>
#include <vector>

namespace bfr::audio::sdl {
namespace {

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
        want.callback = &SdlAudio::callback;  // the mixer, on SDL's audio thread
        want.userdata = this;
        SDL_AudioSpec have{};
        // No allowed changes: the format stays ours and SDL converts to the device's.
        device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
        if (device_ == 0)
            return fmt::format("could not open an output device with SDL driver '{}': {}", driver_, SDL_GetError());
        rate_ = have.freq;
        mixer_ = std::make_unique<Mixer>(rate_);
        mixer_->set_muted(muted_);
        mixer_->set_volume(volume_);
        SDL_PauseAudioDevice(device_, 0);
        return {};
    }

    void play(Cue cue) noexcept override {
        if (muted_ || device_ == 0) return;
        Locked lock{device_};
        (void)mixer_->play(cue);
    }

    void set_muted(bool muted) noexcept override {
        muted_ = muted;
        if (device_ == 0) return;
        Locked lock{device_};
        mixer_->set_muted(muted);
    }

    bool muted() const noexcept override { return muted_; }
    void set_volume(float volume) noexcept override {
        volume_ = std::isfinite(volume) ? std::clamp(volume, 0.f, 1.f) : 1.f;
        if (device_ == 0) return;
        Locked lock{device_};
        mixer_->set_volume(volume_);
    }
    float volume() const noexcept override { return volume_; }
    void set_tone(float frequency_hz, float level) noexcept override {
        if (device_ == 0) return;
        Locked lock{device_};
        mixer_->set_tone(frequency_hz, level);
    }

    bool available() const noexcept override {
        // A device that was unplugged or lost its server reports "stopped".
        return device_ != 0 && SDL_GetAudioDeviceStatus(device_) != SDL_AUDIO_STOPPED;
    }

    std::string describe() const override {
        if (!available()) return fmt::format("no audio device: SDL audio device on '{}' was lost", driver_);
        return fmt::format("SDL audio: {}, {} Hz", driver_, rate_);
    }

private:
    /// SDL_LockAudioDevice for a scope: the callback never sees the mixer half-changed.
    struct Locked {
        explicit Locked(SDL_AudioDeviceID d) noexcept : id{d} { SDL_LockAudioDevice(id); }
        ~Locked() { SDL_UnlockAudioDevice(id); }
        Locked(const Locked&) = delete;
        Locked& operator=(const Locked&) = delete;
        SDL_AudioDeviceID id;
    };
    static void SDLCALL callback(void* userdata, Uint8* stream, int len) {
        auto* self = static_cast<SdlAudio*>(userdata);
        const auto samples = static_cast<std::size_t>(len > 0 ? len : 0) / sizeof(std::int16_t);
        // SDL hands a byte buffer sized and aligned for the int16 format it was opened with.
        self->mixer_->render(std::span<std::int16_t>(reinterpret_cast<std::int16_t*>(stream), samples));
    }

    bool subsystem_ = false;
    SDL_AudioDeviceID device_ = 0;
    std::string driver_;
    int rate_ = 0;
    std::unique_ptr<Mixer> mixer_;
    bool muted_ = false;
    float volume_ = 1.f;
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
