// The software mixer: cues start at once and mix, alarms first, a click-free gliding tone, mute
// and volume.

#include "engine/audio/mixer.hpp"
#include "engine/audio/tones.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

using namespace bfr::audio;

namespace {

std::vector<std::int16_t> render(Mixer& m, std::size_t n) {
    std::vector<std::int16_t> out(n, 123);
    m.render(out);
    return out;
}

int peak(const std::vector<std::int16_t>& pcm) {
    int p = 0;
    for (std::int16_t s : pcm) p = std::max(p, std::abs(static_cast<int>(s)));
    return p;
}

}  // namespace

TEST_CASE("mixer: silence by default, a cue plays its own samples from the next block", "[audio][mixer]") {
    Mixer m{48000};
    const auto quiet = render(m, 512);
    CHECK(peak(quiet) == 0);  // the buffer is overwritten, not left as it was
    REQUIRE(m.play(Cue::Chime));
    const auto chime = synthesize(Cue::Chime, 48000);
    const auto out = render(m, chime.size() + 100);
    for (std::size_t i = 0; i < chime.size(); i += 97) REQUIRE(out[i] == chime[i]);
    CHECK(out.back() == 0);
    CHECK(m.voices() == 0);  // done
}

TEST_CASE("mixer: cues overlap and sum; the oldest gives way past the voice limit", "[audio][mixer]") {
    Mixer m{48000};
    REQUIRE(m.play(Cue::Accent));
    REQUIRE(m.play(Cue::Accent));
    const auto one = synthesize(Cue::Accent, 48000);
    const auto out = render(m, 256);
    for (std::size_t i = 0; i < 256; i += 31) {
        CHECK(out[i] == std::clamp(2 * static_cast<int>(one[i]), -32767, 32767));
    }
    for (std::size_t i = 0; i < Mixer::kMaxVoices + 3; ++i) CHECK(m.play(Cue::Tick));
    CHECK(m.voices() == Mixer::kMaxVoices);
}

TEST_CASE("mixer: a sounding alarm is never cut short and nothing else starts meanwhile", "[audio][mixer]") {
    Mixer m{48000};
    REQUIRE(m.play(Cue::Alarm));
    CHECK(m.alarm_sounding());
    CHECK_FALSE(m.play(Cue::Tick));
    for (std::size_t i = 0; i < Mixer::kMaxVoices; ++i) (void)m.play(Cue::Alarm);
    CHECK(m.alarm_sounding());
    const auto alarm = synthesize(Cue::Alarm, 48000);
    (void)render(m, alarm.size());
    CHECK_FALSE(m.alarm_sounding());
    CHECK(m.play(Cue::Tick));
}

TEST_CASE("mixer: mute silences at once; volume scales cues and keeps alarms at half or more", "[audio][mixer]") {
    Mixer m{48000};
    REQUIRE(m.play(Cue::Chime));
    m.set_muted(true);
    CHECK(peak(render(m, 1024)) == 0);
    CHECK_FALSE(m.play(Cue::Chime));
    m.set_muted(false);
    m.set_volume(0.5f);
    REQUIRE(m.play(Cue::Chime));
    const auto chime = synthesize(Cue::Chime, 48000);
    const auto half = render(m, 4000);
    CHECK(peak(half) == Approx(peak(std::vector<std::int16_t>(chime.begin(), chime.begin() + 4000)) * 0.5).margin(2));
    m.set_volume(0.f);
    CHECK_FALSE(m.play(Cue::Tick));  // silent at volume 0 ...
    REQUIRE(m.play(Cue::Alarm));     // ... but an alarm still sounds
    CHECK(peak(render(m, 2000)) > 5000);
}

TEST_CASE("mixer: the tone glides between pitches without a click and fades out", "[audio][mixer]") {
    Mixer m{48000};
    m.set_tone(pitch_for_pct_lop(50.0), 0.2f);
    std::vector<std::int16_t> all;
    for (int block = 0; block < 50; ++block) {
        if (block == 20) m.set_tone(pitch_for_pct_lop(80.0), 0.2f);
        if (block == 30) m.set_tone(pitch_for_pct_lop(80.0), 0.f);
        const auto out = render(m, 480);
        all.insert(all.end(), out.begin(), out.end());
    }
    // Largest step between samples: a sine at <= 1 kHz and level 0.2 moves at most
    // 2*pi*f/rate*A per sample (~860 at 1 kHz); a click (a jump) would be far larger.
    int max_step = 0;
    for (std::size_t i = 1; i < all.size(); ++i) max_step = std::max(max_step, std::abs(all[i] - all[i - 1]));
    CHECK(max_step < 900);
    CHECK(peak(std::vector<std::int16_t>(all.begin() + 480 * 10, all.begin() + 480 * 20)) > 6000);  // about 0.2 FS
    CHECK(peak(std::vector<std::int16_t>(all.end() - 480, all.end())) < 50);                       // faded out
}

TEST_CASE("sonification pitch rises two octaves from 0 to 100 % LOP", "[audio][mixer]") {
    CHECK(pitch_for_pct_lop(0.0) == Approx(220.f));
    CHECK(pitch_for_pct_lop(50.0) == Approx(440.f));
    CHECK(pitch_for_pct_lop(100.0) == Approx(880.f));
    CHECK(pitch_for_pct_lop(-5.0) == Approx(220.f));
    CHECK(pitch_for_pct_lop(std::nan("")) == Approx(220.f));
    CHECK(pitch_for_pct_lop(70.0) > pitch_for_pct_lop(60.0));
}
