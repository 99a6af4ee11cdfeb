#include "engine/audio/tones.hpp"
#include "engine/audio/null_audio.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <numbers>
#include <span>
#include <string>
#include <vector>

using namespace bfr::audio;

namespace {

constexpr std::array kAllCues{Cue::Tick, Cue::Accent, Cue::Chime, Cue::Alarm, Cue::Fanfare, Cue::RepTick};
static_assert(kAllCues.size() == bfr::audio::kCueCount);

int peak(std::span<const std::int16_t> pcm) {
    int p = 0;
    for (std::int16_t s : pcm) p = std::max(p, std::abs(static_cast<int>(s)));
    return p;
}

double rms(std::span<const std::int16_t> pcm) {
    double sum = 0.0;
    for (std::int16_t s : pcm) sum += static_cast<double>(s) * static_cast<double>(s);
    return pcm.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(pcm.size()));
}

/// Sign changes, zeros skipped (rounding makes the quietest ramp samples exactly 0).
int zero_crossings(std::span<const std::int16_t> pcm) {
    int crossings = 0;
    int last_sign = 0;
    for (std::int16_t s : pcm) {
        const int sign = (s > 0) - (s < 0);
        if (sign == 0) continue;
        if (last_sign != 0 && sign != last_sign) ++crossings;
        last_sign = sign;
    }
    return crossings;
}

/// Frequency estimated from zero crossings: two per period.
double estimate_hz(std::span<const std::int16_t> pcm, int rate) {
    return static_cast<double>(zero_crossings(pcm)) * static_cast<double>(rate) /
           (2.0 * static_cast<double>(pcm.size()));
}

/// Largest jump between neighbouring samples.
int max_step(std::span<const std::int16_t> pcm) {
    int step = 0;
    for (std::size_t i = 1; i < pcm.size(); ++i)
        step = std::max(step, std::abs(static_cast<int>(pcm[i]) - static_cast<int>(pcm[i - 1])));
    return step;
}

}  // namespace

TEST_CASE("samples_for rounds and rejects nonsense", "[audio][tones]") {
    CHECK(samples_for(0.035, 48000) == 1680);
    CHECK(samples_for(0.035, 44100) == 1544);  // 1543.5 rounds up
    CHECK(samples_for(0.0, 48000) == 0);
    CHECK(samples_for(-1.0, 48000) == 0);
    CHECK(samples_for(0.1, 0) == 0);
    CHECK(samples_for(0.1, -48000) == 0);
}

TEST_CASE("cue lengths follow their segments at any rate", "[audio][tones]") {
    CHECK(synthesize(Cue::Tick, 48000).size() == 1680);    // 35 ms
    CHECK(synthesize(Cue::Accent, 48000).size() == 2400);  // 50 ms
    CHECK(synthesize(Cue::Chime, 48000).size() == 19200);  // 140 + 260 ms
    CHECK(synthesize(Cue::Alarm, 48000).size() == 29280);  // 3 x 150 ms + 2 x 80 ms
    for (int rate : {8000, 22050, 44100, 48000, 96000}) {
        for (Cue cue : kAllCues) {
            std::size_t expected = 0;
            for (const ToneSegment& s : cue_segments(cue)) expected += samples_for(s.duration_s, rate);
            CAPTURE(rate, cue_name(cue));
            CHECK(synthesize(cue, rate).size() == expected);
        }
    }
    CHECK(synthesize(Cue::Tick, 0).empty());
    CHECK(synthesize(Cue::Alarm, -1).empty());
}

TEST_CASE("ticks are short clicks, 30-60 ms", "[audio][tones]") {
    for (Cue cue : {Cue::Tick, Cue::Accent}) {
        const auto pcm = synthesize(cue, 48000);
        CAPTURE(cue_name(cue));
        CHECK(pcm.size() >= samples_for(0.030, 48000));
        CHECK(pcm.size() <= samples_for(0.060, 48000));
    }
}

TEST_CASE("every cue keeps headroom below int16 full scale", "[audio][tones]") {
    for (Cue cue : kAllCues) {
        const auto pcm = synthesize(cue, 48000);
        CAPTURE(cue_name(cue));
        CHECK(peak(pcm) > 3000);                             // audible
        CHECK(peak(pcm) <= static_cast<int>(0.71 * 32767));  // >= 3 dB headroom
    }
}

TEST_CASE("every cue and every tone starts and ends on zero, without jumps", "[audio][tones]") {
    for (int rate : {44100, 48000}) {
        for (Cue cue : kAllCues) {
            const auto pcm = synthesize(cue, rate);
            CAPTURE(rate, cue_name(cue));
            REQUIRE(!pcm.empty());
            CHECK(pcm.front() == 0);
            CHECK(pcm.back() == 0);
            // First and last 1 ms stay quiet: the ramp is there, not a cut-off sine.
            const std::size_t ms = samples_for(0.001, rate);
            CHECK(peak(std::span{pcm}.first(ms)) < 0.1 * 32767);
            CHECK(peak(std::span{pcm}.last(ms)) < 0.1 * 32767);
            // No neighbouring samples further apart than the steepest sine of the cue allows.
            double steepest = 0.0;
            for (const ToneSegment& s : cue_segments(cue))
                steepest = std::max(steepest, 2.0 * std::numbers::pi * s.frequency_hz / rate * s.amplitude * 32767.0);
            CHECK(max_step(pcm) <= static_cast<int>(steepest * 1.05) + 2);
            // Each segment boundary lands on zero.
            std::size_t at = 0;
            for (const ToneSegment& s : cue_segments(cue)) {
                const std::size_t n = samples_for(s.duration_s, rate);
                CHECK(pcm[at] == 0);
                CHECK(pcm[at + n - 1] == 0);
                at += n;
            }
        }
    }
}

TEST_CASE("the accent is louder than the tick", "[audio][tones]") {
    const auto tick = synthesize(Cue::Tick, 48000);
    const auto accent = synthesize(Cue::Accent, 48000);
    CHECK(peak(accent) > peak(tick) * 3 / 2);
    CHECK(rms(accent) > rms(tick) * 1.5);
}

TEST_CASE("tones sound at their frequency (zero crossings)", "[audio][tones]") {
    for (int rate : {44100, 48000}) {
        for (Cue cue : kAllCues) {
            const auto pcm = synthesize(cue, rate);
            std::size_t at = 0;
            for (const ToneSegment& s : cue_segments(cue)) {
                const std::size_t n = samples_for(s.duration_s, rate);
                const std::span<const std::int16_t> part = std::span{pcm}.subspan(at, n);
                at += n;
                CAPTURE(rate, cue_name(cue), s.frequency_hz);
                if (s.amplitude == 0.0) {
                    CHECK(peak(part) == 0);
                    continue;
                }
                CHECK(estimate_hz(part, rate) == Approx(s.frequency_hz).epsilon(0.03));
            }
        }
    }
    const auto tick = synthesize(Cue::Tick, 48000);
    const auto accent = synthesize(Cue::Accent, 48000);
    CHECK(estimate_hz(accent, 48000) > estimate_hz(tick, 48000) * 1.2);  // the accent is higher
}

TEST_CASE("the chime is two rising tones, the alarm three beeps", "[audio][tones]") {
    const auto chime = cue_segments(Cue::Chime);
    REQUIRE(chime.size() == 2);
    CHECK(chime[1].frequency_hz > chime[0].frequency_hz);

    // Count the alarm's beeps as runs of sound separated by at least 20 ms of silence.
    const auto alarm = synthesize(Cue::Alarm, 48000);
    int beeps = 0;
    std::size_t silent_run = samples_for(1.0, 48000);
    for (std::int16_t s : alarm) {
        if (s != 0) {
            if (silent_run >= samples_for(0.020, 48000)) ++beeps;
            silent_run = 0;
        } else {
            ++silent_run;
        }
    }
    CHECK(beeps == 3);
}

TEST_CASE("render_segment appends, silence is zeros", "[audio][tones]") {
    std::vector<std::int16_t> out{7, 7};
    render_segment(ToneSegment{0.0, 0.010, 0.0, 0.0}, 48000, out);
    REQUIRE(out.size() == 2 + 480);
    CHECK(out[0] == 7);
    CHECK(std::all_of(out.begin() + 2, out.end(), [](std::int16_t s) { return s == 0; }));
    render_segment(ToneSegment{440.0, 0.0, 0.5, 0.0}, 48000, out);
    CHECK(out.size() == 482);
    render_segment(ToneSegment{440.0, 0.002, 0.5, 0.0}, 48000, out);  // shorter than two ramps
    REQUIRE(out.size() == 482 + 96);
    CHECK(out[482] == 0);
    CHECK(out.back() == 0);
}

TEST_CASE("NullAudio counts, honours mute and is never available", "[audio][null]") {
    NullAudio audio;
    CHECK_FALSE(audio.available());
    CHECK_FALSE(audio.muted());
    CHECK(audio.describe() == "no audio device: disabled");
    CHECK_FALSE(audio.last_heard().has_value());

    audio.play(Cue::Accent);
    audio.play(Cue::Tick);
    audio.play(Cue::Tick);
    CHECK(audio.calls(Cue::Tick) == 2);
    CHECK(audio.heard(Cue::Tick) == 2);
    CHECK(audio.calls(Cue::Accent) == 1);
    CHECK(audio.last_heard() == Cue::Tick);

    audio.set_muted(true);
    CHECK(audio.muted());
    audio.play(Cue::Alarm);
    CHECK(audio.calls(Cue::Alarm) == 1);
    CHECK(audio.heard(Cue::Alarm) == 0);
    CHECK(audio.last_heard() == Cue::Tick);
    CHECK(audio.total_calls() == 4);
    CHECK(audio.total_heard() == 3);

    audio.set_muted(false);
    audio.play(Cue::Chime);
    CHECK(audio.heard(Cue::Chime) == 1);
    CHECK(audio.last_heard() == Cue::Chime);
    CHECK(audio.mute_calls() == 2);

    audio.reset_counts();
    CHECK(audio.total_calls() == 0);
    CHECK(audio.total_heard() == 0);
    CHECK(audio.mute_calls() == 0);
    CHECK_FALSE(audio.last_heard().has_value());
}

TEST_CASE("the sound-effects volume scales every cue but keeps alarms audible", "[audio][null]") {
    CHECK(cue_gain(Cue::Tick, 1.f) == 1.f);
    CHECK(cue_gain(Cue::Tick, 0.3f) == 0.3f);
    CHECK(cue_gain(Cue::Fanfare, -2.f) == 0.f);
    CHECK(cue_gain(Cue::Chime, 5.f) == 1.f);
    CHECK(cue_gain(Cue::Alarm, 0.f) == kMinAlarmVolume);
    CHECK(cue_gain(Cue::Alarm, 0.8f) == 0.8f);
    NullAudio audio;
    CHECK(audio.volume() == 1.f);
    audio.set_volume(0.f);
    audio.play(Cue::Tick);
    audio.play(Cue::Alarm);
    CHECK(audio.calls(Cue::Tick) == 1);
    CHECK(audio.heard(Cue::Tick) == 0);   // silent at volume 0
    CHECK(audio.heard(Cue::Alarm) == 1);  // an alarm is never silenced by the volume, only by mute
    audio.set_volume(0.6f);
    audio.play(Cue::Fanfare);
    CHECK(audio.heard(Cue::Fanfare) == 1);
    CHECK(audio.volume() == 0.6f);
}

TEST_CASE("the fanfare rises and stays under the alarm", "[audio][tones]") {
    const auto seg = cue_segments(Cue::Fanfare);
    REQUIRE(seg.size() >= 3);
    for (std::size_t i = 1; i < seg.size(); ++i) CHECK(seg[i].frequency_hz > seg[i - 1].frequency_hz);
    const auto fanfare = synthesize(Cue::Fanfare, 48000);
    const auto alarm = synthesize(Cue::Alarm, 48000);
    CHECK(peak(fanfare) < peak(alarm));
    CHECK(std::string(cue_name(Cue::Fanfare)) == "fanfare");
}

TEST_CASE("create_null_audio and a custom reason", "[audio][null]") {
    auto audio = create_null_audio();
    REQUIRE(audio != nullptr);
    CHECK_FALSE(audio->available());
    audio->play(Cue::Tick);  // silent, no effect
    audio->set_muted(true);
    CHECK(audio->muted());
    CHECK(NullAudio{"no sound card"}.describe() == "no audio device: no sound card");
}

TEST_CASE("cue names", "[audio]") {
    CHECK(std::string{cue_name(Cue::Tick)} == "tick");
    CHECK(std::string{cue_name(Cue::Accent)} == "accent");
    CHECK(std::string{cue_name(Cue::Chime)} == "chime");
    CHECK(std::string{cue_name(Cue::Alarm)} == "alarm");
}
