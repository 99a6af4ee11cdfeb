#pragma once
// SDL2 backend of audio::AudioOut. With engine/platform/sdl, the only SDL includer under engine/.

#include "engine/audio/audio.hpp"

#include <memory>
#include <string>

namespace bfr::audio::sdl {

/// Opens the default output device (SDL_InitSubSystem(SDL_INIT_AUDIO); released again by the
/// object's destructor): int16 mono at 48 kHz, SDL converting to whatever the device runs at.
/// The cues are rendered once and mixed on SDL's audio thread by audio::Mixer (mixer.hpp): a cue
/// starts within one device buffer (~11 ms), several may sound together, a sounding Alarm is
/// never cut short (other cues played meanwhile are dropped), and set_tone() drives a continuous
/// click-free tone (sonification).
///
/// Always returns a working object. When no device can be opened (no sound card, no sound
/// server, SDL_AUDIODRIVER=dummy or an unknown driver) it returns the silent NullAudio
/// (available() false, describe() "no audio device: <reason>") and writes the reason to
/// `why_not`; on success `why_not` is cleared. `why_not` may be null.
///
/// Sets SDL_HINT_NO_SIGNAL_HANDLERS (SIGINT/SIGTERM belong to core::interrupt). Destroy it
/// before the platform window: the window's destructor calls SDL_Quit, which closes the device
/// (safe, but silent from then on).
[[nodiscard]] std::unique_ptr<AudioOut> create_sdl_audio(std::string* why_not);

}  // namespace bfr::audio::sdl
