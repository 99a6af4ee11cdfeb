#include "game/presentation/voice_lines.hpp"

#include <catch2/catch.hpp>

using namespace bfr::presentation;

TEST_CASE("numbers are spoken in words up to 99", "[voice]") {
    CHECK(number_words(0) == "zero");
    CHECK(number_words(15) == "fifteen");
    CHECK(number_words(30) == "thirty");
    CHECK(number_words(42) == "forty-two");
    CHECK(number_words(99) == "ninety-nine");
    CHECK(number_words(150) == "150");
}

TEST_CASE("the coach's lines for the session's moments", "[voice]") {
    CHECK(set_started_line(2, 4, 15, false).text == "Set two: fifteen reps.");
    CHECK(set_started_line(4, 4, 15, false).text == "Last set: fifteen reps.");
    CHECK(set_started_line(1, 1, 30, false).text == "Set one: thirty reps.");
    CHECK(set_started_line(4, 4, 0, true).text == "Last set: to failure.");
    CHECK(rest_started_line(30.0, false).text == "Rest thirty seconds.");
    CHECK(rest_started_line(45.0, true).text == "Rest forty-five seconds. The cuff is released.");
    CHECK(rest_started_line(120.0, false).text == "Rest two minutes.");
    CHECK(session_done_line(true).text == "Session complete. Well done.");
    const VoiceLine alarm = alarm_line("pressure_out_of_band", "lower_10_mmHg");
    CHECK(alarm.text == "Cuff pressure out of its band. Lower the cuff by ten millimetres.");
    CHECK(alarm.priority == VoicePriority::Safety);
    CHECK(set_started_line(2, 4, 15, false).priority == VoicePriority::Coaching);
}

TEST_CASE("the voice gate spaces coaching lines and lets safety lines through", "[voice]") {
    VoiceGate gate{3'000'000'000, 10'000'000'000};
    const VoiceLine coach{"Set two: fifteen reps.", VoicePriority::Coaching};
    const VoiceLine other{"Rest thirty seconds.", VoicePriority::Coaching};
    const VoiceLine alarm{"The cuff sensor is lost. Stop the exercise.", VoicePriority::Safety};
    CHECK(gate.admit(coach, 0));
    CHECK_FALSE(gate.admit(other, 2'999'999'999));  // within 3 s of the last line
    CHECK(gate.admit(alarm, 3'100'000'000 - 2'000'000'000));  // safety interrupts at 1.1 s
    CHECK_FALSE(gate.admit(alarm, 5'000'000'000));          // the same alarm again within 10 s
    CHECK_FALSE(gate.admit(other, 3'500'000'000));          // 2.4 s after the alarm
    CHECK(gate.admit(other, 4'200'000'000));
    CHECK(gate.admit(alarm, 11'200'000'000));  // 10.1 s after it was last said
}
