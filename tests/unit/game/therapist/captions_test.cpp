// Captions: plain words at the moment a mechanism shows in the model, one at a time, each long
// enough to read, lines of at most 38 characters.

#include "game/modes/therapist/captions.hpp"
#include "game/modes/therapist/lab.hpp"

#include <catch2/catch.hpp>

using namespace bfr;
using namespace bfr::modes::therapist;

namespace {
constexpr core::Tick kSecond = core::kTickHz;

std::size_t utf8_chars(const std::string& s) {
    std::size_t n = 0;
    for (const char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0u) != 0x80u ? 1u : 0u;
    return n;
}
}  // namespace

TEST_CASE("wrap: lines of at most 38 characters, every word kept in order", "[therapist][captions]") {
    const std::string text =
        "A (cuff): the cuff is at pressure. It squeezes the veins more than the arteries: blood still gets in "
        "but drains slowly, so it pools \xc2\xb7 and the veins swell.";
    const auto lines = wrap_words(text);
    REQUIRE(lines.size() >= 4);
    std::string joined;
    for (const auto& l : lines) {
        CHECK(utf8_chars(l) <= kCaptionLineChars);
        joined += (joined.empty() ? "" : " ") + l;
    }
    CHECK(joined == text);
    CHECK(wrap_words("").empty());
    const auto long_word = wrap_words("a " + std::string(50, 'x') + " b", 10);
    REQUIRE(long_word.size() == 3);
    CHECK(long_word[1].size() == 50);
}

TEST_CASE("director: one caption at a time, each shown for the minimum time", "[therapist][captions]") {
    CaptionDirector d{"A", "B"};
    LimbObservation a;
    a.present = true;
    a.has_cuff = true;
    LimbObservation b;
    b.present = true;
    StageObservation st;
    d.observe(1, a, b, st);
    REQUIRE(d.at(1) != nullptr);
    CHECK(d.at(1)->kind == Mechanism::Intro);
    // The cuff reaches its target and the metabolites rise: two captions wait their turn.
    a.cuff_held_mmHg = 85.0;
    a.target_mmHg = 86.0;
    a.metabolite = 0.12;
    d.observe(2, a, b, st);
    CHECK(d.at(2)->kind == Mechanism::Intro);
    d.observe(1 + CaptionDirector::kMinShowTicks, a, b, st);
    CHECK(d.at(1 + CaptionDirector::kMinShowTicks)->kind == Mechanism::Pooling);  // the higher priority first
    const core::Tick third = 1 + 2 * CaptionDirector::kMinShowTicks;
    d.observe(third, a, b, st);
    CHECK(d.at(third)->kind == Mechanism::Metabolites);
    // Nothing new: it leaves the screen after the longest time.
    const core::Tick gone = third + CaptionDirector::kMaxShowTicks;
    d.observe(gone, a, b, st);
    CHECK(d.at(gone) == nullptr);
    CHECK(d.at(gone - 1) != nullptr);
    REQUIRE(d.shown().size() == 3);
    for (std::size_t i = 0; i + 1 < d.shown().size(); ++i) {
        CHECK(d.shown()[i].end - d.shown()[i].start >= CaptionDirector::kMinShowTicks);
    }
    const auto recent = d.recent(gone, 2);
    REQUIRE(recent.size() == 2);
    CHECK(recent[0]->kind == Mechanism::Metabolites);
    CHECK(recent[1]->kind == Mechanism::Pooling);
}

TEST_CASE("director: a safety alarm replaces the caption at once", "[therapist][captions]") {
    CaptionDirector d{"A", "B"};
    LimbObservation a;
    a.present = true;
    a.has_cuff = true;
    d.observe(1, a, LimbObservation{}, StageObservation{});
    a.alarm = "Cuff above the LOP: the cuff must come off";
    d.observe(5, a, LimbObservation{}, StageObservation{});
    REQUIRE(d.at(5) != nullptr);
    CHECK(d.at(5)->kind == Mechanism::Safety);
    CHECK(d.at(5)->text.find("safety alarm") != std::string::npos);
}

TEST_CASE("director: the lab explains both mechanisms, and the no-cuff contrast, as they happen",
          "[therapist][captions][lab]") {
    LabParams params;
    LabRun run{LabSetup{}, params};
    while (run.tick() < 240 * kSecond) run.step(params);
    std::vector<Mechanism> kinds;
    core::Tick previous = 0;
    for (const CaptionSpan& c : run.captions().shown()) {
        kinds.push_back(c.kind);
        CHECK(c.start >= previous);
        previous = c.start;
        for (const auto& line : wrap_words(c.text)) CHECK(utf8_chars(line) <= kCaptionLineChars);
    }
    auto when = [&](Mechanism m) -> core::Tick {
        for (const CaptionSpan& c : run.captions().shown()) {
            if (c.kind == m) return c.start;
        }
        return 0;
    };
    CHECK(when(Mechanism::Intro) == 0);
    CHECK(when(Mechanism::Pooling) > 0);
    CHECK(when(Mechanism::Metabolites) > when(Mechanism::Pooling));
    CHECK(when(Mechanism::CellSwelling) > 0);
    CHECK(when(Mechanism::NoCuffWashout) > 0);
    CHECK(when(Mechanism::RestCuffOn) >= 66 * kSecond);  // the first rest
    // The release at the end of set 4 (about 246 s) comes later.
    while (run.tick() < 300 * kSecond) run.step(params);
    CHECK(when(Mechanism::Release) > 240 * kSecond);
}
