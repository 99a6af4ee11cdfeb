#pragma once
// Spoken prompts through espeak-ng, when it is installed: each line is spoken by a child process
// (never blocking the frame), a new line interrupts the one still speaking. Without espeak-ng
// (or when disabled) nothing is spoken and available() says why; the captions on screen carry
// every line either way.

#include <memory>
#include <string>

namespace bfr::audio {

class Speech {
public:
    virtual ~Speech() = default;
    /// Speaks `text` now (interrupting a line still being spoken). Ignored when muted or unavailable.
    virtual void say(const std::string& text) = 0;
    virtual void set_muted(bool muted) = 0;
    [[nodiscard]] virtual bool muted() const = 0;
    /// Loudness 0 (silent: nothing is spoken, captions stay) .. 1 (espeak-ng's default
    /// amplitude, the default); clamped. Applies from the next line.
    virtual void set_volume(float volume) = 0;
    [[nodiscard]] virtual float volume() const = 0;
    [[nodiscard]] virtual bool available() const = 0;
    /// "espeak-ng (/usr/bin/espeak-ng)" or "no voice: espeak-ng is not installed (captions only)".
    [[nodiscard]] virtual std::string describe() const = 0;
};

/// espeak-ng from PATH (`program` overrides it, for tests), speaking at `words_per_minute`.
[[nodiscard]] std::unique_ptr<Speech> create_espeak_speech(const std::string& program = "espeak-ng",
                                                           int words_per_minute = 150);

}  // namespace bfr::audio
