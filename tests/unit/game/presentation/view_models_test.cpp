// The HUD's view models without SDL or GL: the plot history (ring buffer, 10 Hz of simulation
// time), the set/rest timer, the honesty texts and the cell view's mappings.
#include "game/presentation/view_models.hpp"
#include "game/presentation/scene.hpp"
#include "game/session/session.hpp"
#include "game/telemetry/format_v1.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

using namespace bfr;
using presentation::HistoryPoint;
using presentation::HudHistory;
using presentation::RingBuffer;
using presentation::TimerTone;
using session::PhaseKind;

namespace {

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kS = 1'000'000'000;

class VectorFeed final : public session::SampleFeed {
public:
    explicit VectorFeed(std::vector<telemetry::Sample> samples) : samples_{std::move(samples)} {}
    void pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) override {
        while (next_ < samples_.size() && samples_[next_].t_ns <= t_ns) out.push_back(samples_[next_++]);
    }
    [[nodiscard]] std::string describe() const override { return "memory"; }

private:
    std::vector<telemetry::Sample> samples_;
    std::size_t next_ = 0;
};

/// 50 Hz rows of cuff pressure (and a target, unless negative) from `from_ns` to `until_ns`;
/// `event` on the first.
void rows(std::vector<telemetry::Sample>& out, std::int64_t from_ns, std::int64_t until_ns, double cuff, double target,
          const char* event = "") {
    for (std::int64_t t = from_ns; t < until_ns; t += 20 * kMs) {
        telemetry::Sample& s = out.emplace_back();
        s.clear();
        s.t_ns = t;
        s.set(telemetry_v1::kCuffMmhg, cuff);
        if (target >= 0.0) s.set(telemetry_v1::kTargetMmhg, target);
        if (t == from_ns) s.event = event;
    }
}

HistoryPoint point(float cuff) {
    HistoryPoint p;
    p.cuff_mmhg = cuff;
    return p;
}

}  // namespace

TEST_CASE("a ring buffer keeps the newest N in order and overwrites the oldest", "[presentation][history]") {
    RingBuffer<int, 4> ring;
    CHECK(ring.empty());
    CHECK(ring.capacity() == 4);
    for (int i = 1; i <= 3; ++i) ring.push(i);
    REQUIRE(ring.size() == 3);
    CHECK(ring[0] == 1);
    CHECK(ring[2] == 3);
    CHECK(ring.back() == 3);
    for (int i = 4; i <= 10; ++i) ring.push(i);
    REQUIRE(ring.size() == 4);
    CHECK(ring[0] == 7);
    CHECK(ring[1] == 8);
    CHECK(ring[2] == 9);
    CHECK(ring[3] == 10);
    ring.clear();
    CHECK(ring.empty());
    ring.push(42);
    CHECK(ring[0] == 42);
    CHECK(ring.size() == 1);
}

TEST_CASE("the history takes one point per 1/10 s of simulation time and keeps the last minute",
          "[presentation][history]") {
    HudHistory h;
    h.record(1, point(1.f));  // slot 0
    h.record(2, point(2.f));  // same slot: ignored
    h.record(5, point(3.f));
    REQUIRE(h.points().size() == 1);
    CHECK(h.points()[0].cuff_mmhg == 1.f);
    h.record(6, point(4.f));   // slot 1
    h.record(12, point(5.f));  // slot 2
    h.record(11, point(6.f));  // going back: ignored
    REQUIRE(h.points().size() == 3);
    CHECK(h.points().back().cuff_mmhg == 5.f);
    CHECK(h.newest_slot() == 2);
    h.record(30, point(7.f));  // slot 5: slots 3 and 4 were skipped, they repeat the point
    REQUIRE(h.points().size() == 6);
    CHECK(h.points()[3].cuff_mmhg == 7.f);
    CHECK(h.points()[5].cuff_mmhg == 7.f);
    CHECK(h.newest_slot() == 5);

    // Ten minutes, one call per tick: exactly the last 600 points (60 s), oldest first.
    HudHistory m;
    for (core::Tick k = 1; k <= 36'000; ++k) m.record(k, point(static_cast<float>(k)));
    REQUIRE(m.points().size() == presentation::kHistoryPoints);
    CHECK(m.newest_slot() == 6'000);
    CHECK(m.points().back().cuff_mmhg == 36'000.f);
    CHECK(m.points()[0].cuff_mmhg == static_cast<float>((6'000 - 599) * 6));
    // A jump of more than a minute refills the whole buffer with the new point.
    m.record(36'000 + 6 * 700, point(-1.f));
    CHECK(m.points().size() == presentation::kHistoryPoints);
    CHECK(m.points()[0].cuff_mmhg == -1.f);
}

TEST_CASE("the history reads the session: pressure, target, gaps when the sensor is lost", "[presentation][history]") {
    // 85 mmHg with a 85 mmHg target for 10 s, nothing from 10 to 20 s, then vented (target 0).
    std::vector<telemetry::Sample> samples;
    rows(samples, 0, 10 * kS, 85.0, 85.0);
    rows(samples, 20 * kS, 30 * kS, 0.0, 0.0);
    VectorFeed feed{samples};
    session::Session s{session::SessionConfig{}, &feed};
    HudHistory h;
    while (s.time_s() < 25.0) {
        s.step();
        h.observe(s);
    }
    // Ticks 1..1500: slots 0..250.
    REQUIRE(h.points().size() == 251);
    const auto at = [&](double t_s) { return h.points()[static_cast<std::size_t>(std::lround(t_s * 10.0))]; };
    CHECK(at(5.0).cuff_mmhg == 85.f);
    CHECK(at(5.0).target_mmhg == 85.f);
    CHECK(at(11.5).cuff_mmhg == 85.f);  // within 2 s of the last sample: the last reading
    CHECK(at(12.5).cuff_mmhg < 0.f);    // lost: a gap
    CHECK(at(12.5).target_mmhg < 0.f);
    CHECK(at(24.0).cuff_mmhg == 0.f);
    CHECK(at(24.0).target_mmhg == 0.f);  // vented: no band (the HUD draws it for targets > 0)
    CHECK(at(24.0).metabolite_01 >= 0.f);

    // Without a target column, an inflated cuff gets the default prescription: 50 % of the arm's LOP.
    std::vector<telemetry::Sample> untargeted;
    rows(untargeted, 0, 3 * kS, 90.0, -1.0);
    VectorFeed feed2{untargeted};
    session::Session s2{session::SessionConfig{}, &feed2};
    HudHistory h2;
    while (s2.time_s() < 2.0) {
        s2.step();
        h2.observe(s2);
    }
    CHECK(h2.points().back().target_mmhg == Approx(0.5 * session::default_lop_mmHg(session::LimbKind::Arm)));
}

TEST_CASE("the set and rest timer", "[presentation][timer]") {
    using presentation::phase_timer;
    auto set = phase_timer(PhaseKind::Set, 2, 7, 37, 14.7, 30.0);
    CHECK(set.line == "Set 2 \xc2\xb7 0:14");
    CHECK(set.big == "0:14");
    CHECK(set.label == "SET 2");
    CHECK(set.detail == "7 reps");
    CHECK(set.tone == TimerTone::Set);
    CHECK(phase_timer(PhaseKind::Set, 1, 1, 1, 61.0, 30.0).line == "Set 1 \xc2\xb7 1:01");
    CHECK(phase_timer(PhaseKind::Set, 1, 1, 1, 61.0, 30.0).detail == "1 rep");

    auto rest = phase_timer(PhaseKind::Rest, 1, 30, 30, 13.2, 30.0);  // 16.8 s left: shows 0:17
    CHECK(rest.line == "Rest \xc2\xb7 0:17 left");
    CHECK(rest.big == "0:17");
    CHECK(rest.label == "REST");
    CHECK(rest.detail == "left of 0:30");
    CHECK(rest.tone == TimerTone::Rest);
    CHECK(phase_timer(PhaseKind::Rest, 1, 30, 30, 14.0, 30.0).line == "Rest \xc2\xb7 0:16 left");
    CHECK(phase_timer(PhaseKind::Rest, 1, 30, 30, 29.9, 30.0).line == "Rest \xc2\xb7 0:01 left");
    auto over = phase_timer(PhaseKind::Rest, 1, 30, 30, 35.4, 30.0);
    CHECK(over.line == "Rest \xc2\xb7 +0:05");
    CHECK(over.big == "+0:05");
    CHECK(over.detail == "over 0:30");
    CHECK(over.tone == TimerTone::RestOver);
    CHECK(phase_timer(PhaseKind::Rest, 1, 30, 30, 30.0, 30.0).line == "Rest \xc2\xb7 +0:00");
    CHECK(phase_timer(PhaseKind::Rest, 3, 15, 60, 100.0, 60.0).line == "Rest \xc2\xb7 +0:40");

    CHECK(phase_timer(PhaseKind::CuffOff, 0, 0, 0, 12.0, 30.0).line == "Cuff off");
    CHECK(phase_timer(PhaseKind::CuffOff, 0, 0, 0, 12.0, 30.0).tone == TimerTone::Neutral);
    auto inflated = phase_timer(PhaseKind::Inflated, 0, 0, 0, 4.5, 30.0);
    CHECK(inflated.line == "Cuff on \xc2\xb7 0:04");
    CHECK(inflated.detail == "set 1 next");
    auto done = phase_timer(PhaseKind::Done, 4, 15, 75, 54.0, 30.0);
    CHECK(done.line == "Done");
    CHECK(done.label == "CUFF OFF");
    CHECK(done.detail == "4 sets \xc2\xb7 75 reps");
    CHECK(done.tone == TimerTone::Done);
    // Garbage in: a clock at zero, never a negative or NaN one.
    CHECK(phase_timer(PhaseKind::Set, 1, 0, 0, std::numeric_limits<double>::quiet_NaN(), 30.0).line ==
          "Set 1 \xc2\xb7 0:00");
}

TEST_CASE("the view model maps the session's phase to the timer", "[presentation][timer]") {
    // Cuff on at 1 s, set 1 from 2 s to 20 s, then the rest.
    std::vector<telemetry::Sample> samples;
    rows(samples, 0, 1 * kS, 0.0, -1.0);
    rows(samples, 1 * kS, 2 * kS, 85.0, 85.0, "inflate");
    rows(samples, 2 * kS, 20 * kS, 85.0, 85.0, "set_start");
    rows(samples, 20 * kS, 80 * kS, 85.0, 85.0, "set_end");
    VectorFeed feed{samples};
    session::Session s{session::SessionConfig{}, &feed};
    s.advance_to(0.5);
    CHECK(presentation::make_hud_view_model(s, 1.f).timer.line == "Cuff off");
    s.advance_to(1.5);
    CHECK(presentation::make_hud_view_model(s, 1.f).timer.line == "Cuff on \xc2\xb7 0:00");
    s.advance_to(16.5);
    auto vm = presentation::make_hud_view_model(s, 1.f);
    CHECK(vm.phase == PhaseKind::Set);
    CHECK(vm.set_number == 1);
    CHECK(vm.phase_elapsed_s == Approx(14.5).margin(0.02));
    CHECK(vm.timer.line == "Set 1 \xc2\xb7 0:14");
    s.advance_to(33.2);
    vm = presentation::make_hud_view_model(s, 1.f);
    CHECK(vm.rest_target_s == Approx(30.0));
    CHECK(vm.timer.line == "Rest \xc2\xb7 0:17 left");
    s.advance_to(55.0);
    CHECK(presentation::make_hud_view_model(s, 1.f).timer.line == "Rest \xc2\xb7 +0:05");
}

TEST_CASE("the swelling meter says how the limb's swelling is drawn", "[presentation][honesty]") {
    using presentation::swelling_scale_text;
    CHECK(swelling_scale_text(1.f) == "drawn true to scale");
    CHECK(swelling_scale_text(2.f) ==
          "drawn \xc3\x97"
          "2");
    CHECK(swelling_scale_text(1.5f) ==
          "drawn \xc3\x97"
          "1.5");
    CHECK(swelling_scale_text(0.f) == "drawn at an unknown scale");
    // The view model says what the scene really does.
    session::Session s{session::SessionConfig{}};
    s.step();
    CHECK(presentation::make_hud_view_model(s, 1.f).swelling_scale ==
          swelling_scale_text(presentation::kSwellingExaggeration));
}

TEST_CASE("the cell view: width exaggerated ×20 and capped, sensors lit every 0.25 % of cell volume",
          "[presentation][cell]") {
    using namespace presentation;
    // The arm's +2.3 % cell volume at the end of 30-15-15-15: +1.14 % width, drawn +22.9 %.
    CHECK(cell_true_width_gain(2.3f) == Approx(std::sqrt(1.023) - 1.0).epsilon(1e-4));
    CHECK(cell_view_width_scale(2.3f) == Approx(1.0 + 20.0 * (std::sqrt(1.023) - 1.0)).epsilon(1e-4));
    CHECK(cell_view_width_scale(0.f) == 1.f);
    CHECK(cell_view_width_scale(-3.f) == 1.f);
    CHECK(cell_view_width_scale(std::numeric_limits<float>::quiet_NaN()) == 1.f);
    CHECK(cell_view_width_scale(20.f) == kCellViewMaxWidthScale);

    CHECK(stretch_sensor_glow(0, 0.f) == 0.f);
    CHECK(stretch_sensor_glow(0, 0.125f) == Approx(0.5f));
    CHECK(stretch_sensor_glow(0, 0.25f) == 1.f);
    CHECK(stretch_sensor_glow(1, 0.25f) == 0.f);
    CHECK(stretch_sensor_glow(3, 0.8f) == Approx(0.2f));
    CHECK(stretch_sensor_glow(-1, 5.f) == 0.f);
    CHECK(stretch_sensor_glow(kStretchSensors, 5.f) == 0.f);
    CHECK(stretch_sensors_lit(0.f) == 0);
    CHECK(stretch_sensors_lit(0.74f) == 2);
    CHECK(stretch_sensors_lit(1.f) == 4);
    CHECK(stretch_sensors_lit(1.99f) == 7);
    CHECK(stretch_sensors_lit(2.f) == 8);
    CHECK(stretch_sensors_lit(10.f) == 8);
    // Monotonic: more swelling never dims a sensor.
    for (int i = 0; i < kStretchSensors; ++i) {
        float last = 0.f;
        for (float v = 0.f; v <= 3.f; v += 0.01f) {
            const float g = stretch_sensor_glow(i, v);
            CHECK(g >= last);
            last = g;
        }
    }
}

TEST_CASE("linear to sRGB, and the cell's fill is the scene's metabolite colour", "[presentation][cell]") {
    const auto mid = presentation::srgb_from_linear(0.5f, 0.f, 1.f);
    CHECK(mid[0] == Approx(0.7354f).margin(1e-3));
    CHECK(mid[1] == 0.f);
    CHECK(mid[2] == Approx(1.f));
    CHECK(presentation::srgb_from_linear(0.002f, 2.f, -1.f)[0] == Approx(0.02584f).margin(1e-4));
    CHECK(presentation::srgb_from_linear(0.002f, 2.f, -1.f)[1] == Approx(1.f).margin(1e-6));
    CHECK(presentation::srgb_from_linear(0.002f, 2.f, -1.f)[2] == 0.f);
    // The scene's vermillion stop (sRGB 213, 94, 0 at metabolite 0.5) comes back.
    const glm::vec3 lin = presentation::metabolite_color(0.5f);
    const auto srgb = presentation::srgb_from_linear(lin.r, lin.g, lin.b);
    CHECK(srgb[0] * 255.f == Approx(213.f).margin(0.6f));
    CHECK(srgb[1] * 255.f == Approx(94.f).margin(0.6f));
    CHECK(srgb[2] * 255.f == Approx(0.f).margin(0.6f));
}

TEST_CASE("plot scales end on 1, 2 or 5 × 10^k", "[presentation][history]") {
    using presentation::nice_ceiling;
    CHECK(nice_ceiling(0.15f) == Approx(0.2f));
    CHECK(nice_ceiling(0.2f) == Approx(0.2f));
    CHECK(nice_ceiling(0.51f) == Approx(1.f));
    CHECK(nice_ceiling(5.f) == Approx(5.f));
    CHECK(nice_ceiling(12.7f) == Approx(20.f));
    CHECK(nice_ceiling(170.f) == Approx(200.f));
    CHECK(nice_ceiling(0.f) == 1.f);
    CHECK(nice_ceiling(std::numeric_limits<float>::infinity()) == 1.f);
}
