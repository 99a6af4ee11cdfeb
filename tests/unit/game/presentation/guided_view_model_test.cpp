// The guided session's view model (make_guided_view_model): the protocol's stage, sets, cue and
// targets, the discomfort question, pressure fidelity and the alarms, read from a session fed by
// a scripted cuff.
#include "game/presentation/view_models.hpp"
#include "game/safety/alarm.hpp"
#include "game/session/guidance.hpp"
#include "game/session/session.hpp"
#include "game/telemetry/format_v1.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

using namespace bfr;
using presentation::GuidedViewModel;
using Stage = presentation::GuidedViewModel::Stage;
using Cue = presentation::GuidedViewModel::Cue;

namespace {

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kS = 1'000'000'000;
namespace v1 = telemetry_v1;

/// 100 Hz rows: the cuff (following the DeviceTarget commands heard, % of 170 mmHg, unless
/// overridden for one sample), the LOP and the effort (0.4 within each 1 s contraction); scripted
/// events as event-only rows after the sample of their time.
class CuffScript final : public session::SampleFeed {
public:
    std::vector<std::int64_t> contraction_starts;
    std::vector<std::pair<std::int64_t, std::string>> events;  ///< In time order, at multiples of 10 ms.
    std::vector<std::pair<std::int64_t, double>> cuff_overrides;
    double cuff = 0.0;
    bool obey = true;

    void pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) override {
        for (; next_ns_ <= t_ns; next_ns_ += 10 * kMs) {
            const std::int64_t now = next_ns_;
            telemetry::Sample& s = out.emplace_back();
            s.clear();
            s.t_ns = now;
            double c = cuff;
            for (const auto& [t, value] : cuff_overrides) {
                if (t == now) c = value;
            }
            s.set(v1::kCuffMmhg, c);
            s.set(v1::kLopMmhg, 170.0);
            const bool up = std::any_of(contraction_starts.begin(), contraction_starts.end(),
                                        [now](std::int64_t st) { return now >= st && now < st + kS; });
            s.set(v1::kEffort, up ? 0.4 : 0.0);
            for (; next_event_ < events.size() && events[next_event_].first <= now; ++next_event_) {
                telemetry::Sample& e = out.emplace_back();
                e.clear();
                e.t_ns = events[next_event_].first;
                e.event = events[next_event_].second;
            }
        }
    }
    void on_command(const session::Command& c) override {
        if (obey && c.kind == session::CommandKind::DeviceTarget) cuff = static_cast<double>(c.value) * 170.0 / 100.0;
    }
    [[nodiscard]] std::string describe() const override { return "cuff script"; }

private:
    std::int64_t next_ns_ = 0;
    std::size_t next_event_ = 0;
};

protocol::Protocol two_by_two(protocol::CuffInRest cuff) {
    protocol::Protocol p = protocol::standard_protocol();
    p.name = "2x2";
    p.title = "Two sets of two";
    p.sets = {{2, false}, {2, false}};
    p.rest_s = 10.0;
    p.cuff_in_rest = cuff;
    return p;
}

session::SessionConfig guided(const protocol::Protocol& p) {
    session::SessionConfig c;
    c.protocol = p;
    c.protocol_starts_by_itself = false;
    return c;
}

/// Start at 2 s (set 1 begins at 5.47 s, once the held pressure reaches 90 % of 85 mmHg); reps
/// commit at 8.1 and 10.1 s (set 1 done, rest to 20.1 s), then 22.1 and 24.1 s (done).
void script_two_by_two(CuffScript& feed) {
    feed.contraction_starts = {7 * kS, 9 * kS, 21 * kS, 23 * kS};
    feed.events = {{2 * kS, "command:start"}, {12'500 * kMs, "discomfort:4"}, {25'500 * kMs, "discomfort:2"}};
}

}  // namespace

TEST_CASE("the guided view model of a session without a protocol", "[presentation][guided]") {
    CuffScript feed;
    feed.cuff = 85.0;
    session::Session s{session::SessionConfig{}, &feed};
    s.advance_to(3.0);
    const GuidedViewModel vm = presentation::make_guided_view_model(s);
    CHECK_FALSE(vm.has_protocol);
    CHECK(vm.protocol_name.empty());
    CHECK(vm.stage == Stage::Ready);
    CHECK(vm.sets_total == 0);
    CHECK(vm.set_number == 0);
    CHECK(vm.cue == Cue::None);
    CHECK(vm.sets.empty());
    CHECK_FALSE(vm.discomfort_wanted);
    CHECK(vm.alarms.empty());
    CHECK(vm.unacknowledged == 0);
    CHECK_FALSE(vm.must_deflate);
    CHECK(vm.inflated);
    CHECK(vm.discomfort_last == -1);
    CHECK(vm.discomfort_max == -1);
    CHECK(vm.discomfort_stop_above == 7);
    CHECK(vm.occlusion_limit_s == 1200.0);
    CHECK(vm.occlusion_run_s == Approx(3.0).margin(0.05));
}

TEST_CASE("the guided view model follows the protocol: ready, starting, set, rest, done", "[presentation][guided]") {
    CuffScript feed;
    script_two_by_two(feed);
    session::Session s{guided(two_by_two(protocol::CuffInRest::KeepOn)), &feed};

    s.advance_to(1.0);
    GuidedViewModel vm = presentation::make_guided_view_model(s);
    CHECK(vm.has_protocol);
    CHECK(vm.protocol_name == "2x2");
    CHECK(vm.protocol_title == "Two sets of two");
    CHECK(vm.stage == Stage::Ready);
    CHECK(vm.sets_total == 2);
    CHECK(vm.reps_prescribed == 4);
    CHECK(vm.rest_s == 10.0);
    CHECK_FALSE(vm.cuff_released_in_rest);
    CHECK(vm.set_number == 0);
    CHECK(vm.cue == Cue::None);
    CHECK(vm.target_pct_lop == 50.0);
    CHECK(vm.target_mmhg == Approx(85.0));
    CHECK_FALSE(vm.discomfort_wanted);
    CHECK_FALSE(vm.inflated);

    s.advance_to(3.0);  // command:start at 2 s: the cuff inflates
    vm = presentation::make_guided_view_model(s);
    CHECK(vm.stage == Stage::Starting);
    CHECK(vm.set_number == 0);
    CHECK(vm.cue == Cue::None);
    CHECK(vm.inflated);

    s.advance_to(6.0);  // set 1 began at 5.4667 s (tick 328)
    vm = presentation::make_guided_view_model(s);
    CHECK(vm.stage == Stage::Set);
    CHECK(vm.set_number == 1);
    CHECK(vm.target_reps == 2);
    CHECK_FALSE(vm.to_failure);
    CHECK(vm.reps_in_set == 0);
    CHECK(vm.stage_elapsed_s == Approx(6.0 - 328.0 / 60.0).margin(1e-6));
    CHECK(vm.cue == Cue::Up);
    CHECK(vm.cue_progress_01 == Approx(6.0 - 328.0 / 60.0).margin(1e-5));
    CHECK(vm.concentric_s == 1.0);
    CHECK(vm.eccentric_s == 1.0);
    s.advance_to(7.0);
    CHECK(presentation::make_guided_view_model(s).cue == Cue::Down);

    s.advance_to(9.0);
    vm = presentation::make_guided_view_model(s);
    CHECK(vm.reps_in_set == 1);
    CHECK(vm.reps_total == 1);
    REQUIRE(vm.last_rep_peak_pct_lop.has_value());
    CHECK(*vm.last_rep_peak_pct_lop == Approx(50.0));
    CHECK(*vm.last_rep_valley_pct_lop == Approx(50.0));
    REQUIRE(vm.time_in_band_pct.has_value());
    CHECK(*vm.time_in_band_pct == Approx(100.0));
    CHECK(vm.in_band);

    s.advance_to(11.0);  // set 1 done at 10.1 s; the rest runs to 20.1 s
    vm = presentation::make_guided_view_model(s);
    CHECK(vm.stage == Stage::Rest);
    CHECK(vm.set_number == 1);
    CHECK(vm.reps_in_set == 2);
    CHECK(vm.rest_remaining_s == Approx(9.1).margin(1e-6));
    CHECK(vm.stage_elapsed_s == Approx(0.9).margin(1e-6));
    CHECK(vm.cue == Cue::None);
    CHECK(vm.target_pct_lop == 50.0);  // the cuff is kept on
    REQUIRE(vm.sets.size() == 1);
    CHECK(vm.sets[0].reps == 2);
    CHECK(vm.sets[0].target_reps == 2);
    CHECK_FALSE(vm.sets[0].ended_early);
    CHECK(vm.sets[0].duration_s == Approx(10.1 - 328.0 / 60.0).margin(1e-6));
    CHECK(vm.discomfort_wanted);  // asked in the rest ...
    CHECK(vm.discomfort_last == -1);

    s.advance_to(13.0);  // ... until `discomfort:4` at 12.5 s
    vm = presentation::make_guided_view_model(s);
    CHECK(vm.stage == Stage::Rest);
    CHECK_FALSE(vm.discomfort_wanted);
    CHECK(vm.discomfort_last == 4);
    CHECK(vm.discomfort_max == 4);

    s.advance_to(21.0);
    vm = presentation::make_guided_view_model(s);
    CHECK(vm.stage == Stage::Set);
    CHECK(vm.set_number == 2);
    CHECK_FALSE(vm.discomfort_wanted);

    s.advance_to(25.0);  // done at 24.1 s: asked once more at the end
    vm = presentation::make_guided_view_model(s);
    CHECK(vm.stage == Stage::Done);
    CHECK(vm.set_number == 2);
    CHECK(vm.reps_total == 4);
    CHECK(vm.cue == Cue::None);
    CHECK(vm.target_pct_lop == 0.0);
    CHECK(vm.target_mmhg == 0.0);
    REQUIRE(vm.sets.size() == 2);
    CHECK(vm.sets[1].reps == 2);
    CHECK(vm.sets[1].duration_s == Approx(4.0).margin(1e-6));
    CHECK(vm.warmup_reps == 0);
    CHECK(vm.discomfort_wanted);
    CHECK_FALSE(vm.load_increase);  // the last set did its 2 reps, not more
    CHECK(vm.load_advice_pct1rm == 30.0);
    CHECK_FALSE(vm.load_advice.empty());

    s.advance_to(26.0);  // `discomfort:2` at 25.5 s
    vm = presentation::make_guided_view_model(s);
    CHECK_FALSE(vm.discomfort_wanted);
    CHECK(vm.discomfort_last == 2);
    CHECK(vm.discomfort_max == 4);
    CHECK(vm.alarms.empty());
}

TEST_CASE("the guided view model of a protocol that releases the cuff in rests", "[presentation][guided]") {
    CuffScript feed;
    script_two_by_two(feed);
    session::Session s{guided(two_by_two(protocol::CuffInRest::Release)), &feed};
    s.advance_to(12.0);
    const GuidedViewModel vm = presentation::make_guided_view_model(s);
    CHECK(vm.stage == Stage::Rest);
    CHECK(vm.cuff_released_in_rest);
    CHECK(vm.target_pct_lop == 0.0);
    CHECK(vm.target_mmhg == 0.0);
    CHECK_FALSE(vm.inflated);
    s.advance_to(20.5);
    const GuidedViewModel next = presentation::make_guided_view_model(s);
    CHECK(next.stage == Stage::Set);
    CHECK(next.set_number == 2);
    CHECK(next.target_mmhg == Approx(85.0));
}

TEST_CASE("the guided view model shows every alarm with its title and action", "[presentation][guided]") {
    CuffScript feed;
    feed.cuff = 85.0;
    feed.obey = false;
    feed.cuff_overrides = {{2 * kS, 315.0}};
    feed.events = {{3 * kS, "discomfort:9"}, {4 * kS, "command:acknowledge:1"}};
    session::Session s{session::SessionConfig{}, &feed};
    s.advance_to(3.5);
    GuidedViewModel vm = presentation::make_guided_view_model(s);
    REQUIRE(vm.alarms.size() == 2);
    CHECK(vm.alarms[0].id == 1);
    CHECK(vm.alarms[0].kind == "pressure_ceiling");
    CHECK(vm.alarms[0].title == "Cuff pressure too high");
    CHECK(vm.alarms[0].action == "deflate");
    CHECK(vm.alarms[0].t_s == Approx(2.0));
    CHECK_FALSE(vm.alarms[0].message.empty());
    CHECK_FALSE(vm.alarms[0].acknowledged);
    CHECK_FALSE(vm.alarms[0].active);  // one sample: cleared 1 s later
    CHECK(vm.alarms[1].id == 2);
    CHECK(vm.alarms[1].kind == "discomfort");
    CHECK(vm.alarms[1].title == "Discomfort too high");
    CHECK(vm.alarms[1].action == "stop");
    CHECK(vm.alarms[1].t_s == Approx(3.0));
    CHECK(vm.alarms[1].active);
    CHECK(vm.unacknowledged == 2);
    CHECK(vm.must_deflate);
    CHECK(vm.discomfort_last == 9);
    CHECK(vm.discomfort_max == 9);

    s.advance_to(4.5);
    vm = presentation::make_guided_view_model(s);
    REQUIRE(vm.alarms.size() == 2);
    CHECK(vm.alarms[0].acknowledged);
    CHECK_FALSE(vm.alarms[1].acknowledged);
    CHECK(vm.unacknowledged == 1);
    CHECK(vm.alarms[1].active);  // acknowledging never clears a condition
}

TEST_CASE("alarm_title has plain words for every alarm kind", "[presentation][guided]") {
    CHECK(presentation::alarm_title("pressure_above_lop") == "Cuff at or above your LOP");
    CHECK(presentation::alarm_title("pressure_ceiling") == "Cuff pressure too high");
    CHECK(presentation::alarm_title("pressure_out_of_band") == "Cuff pressure out of its band");
    CHECK(presentation::alarm_title("occlusion_time") == "Cuff on for too long");
    CHECK(presentation::alarm_title("sensor_lost") == "Cuff sensor lost");
    CHECK(presentation::alarm_title("discomfort") == "Discomfort too high");
    CHECK(presentation::alarm_title("something_new") == "something_new");
    CHECK(presentation::alarm_title("").empty());
    // Every kind the monitor raises has its own title.
    std::vector<std::string> titles;
    for (std::size_t k = 0; k < safety::kAlarmKindCount; ++k) {
        const std::string name = safety::kind_name(static_cast<safety::AlarmKind>(k));
        CAPTURE(name);
        const std::string title = presentation::alarm_title(name);
        CHECK(title != name);
        CHECK(std::find(titles.begin(), titles.end(), title) == titles.end());
        titles.push_back(title);
    }
}
