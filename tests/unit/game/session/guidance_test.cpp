// The guided session inside the tick (game/session/guidance.hpp): user commands as telemetry
// events (UserEventFeed), the protocol runner driven by them and by the counted reps, the device
// targets it asks for, and the safety monitor fed by every sample.
#include "game/session/guidance.hpp"
#include "game/session/session.hpp"
#include "game/session/user_event_feed.hpp"
#include "game/telemetry/format_v1.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

using namespace bfr;
using session::Command;
using session::CommandKind;

namespace {

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kS = 1'000'000'000;
namespace v1 = telemetry_v1;

// --- user_event_text and UserEventFeed ------------------------------------------------------

/// Delivers the samples it is given by time (like a recording) and records the commands it hears.
class ListFeed final : public session::SampleFeed {
public:
    explicit ListFeed(std::vector<telemetry::Sample> samples) : samples_{std::move(samples)} {}
    std::vector<Command> heard;
    void pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) override {
        while (next_ < samples_.size() && samples_[next_].t_ns <= t_ns) out.push_back(samples_[next_++]);
    }
    void on_command(const Command& c) override { heard.push_back(c); }
    [[nodiscard]] std::string describe() const override { return "list"; }

private:
    std::vector<telemetry::Sample> samples_;
    std::size_t next_ = 0;
};

telemetry::Sample cuff_row(std::int64_t t_ns, double cuff) {
    telemetry::Sample s;
    s.clear();
    s.t_ns = t_ns;
    s.set(v1::kCuffMmhg, cuff);
    return s;
}

telemetry::Sample event_row(std::int64_t t_ns, const std::string& event) {
    telemetry::Sample s;
    s.clear();
    s.t_ns = t_ns;
    s.event = event;
    return s;
}

}  // namespace

TEST_CASE("user_event_text gives the event of every user command and nothing for the others", "[guidance][commands]") {
    using session::user_event_text;
    CHECK(user_event_text({CommandKind::StartSession}) == std::optional<std::string>("command:start"));
    CHECK(user_event_text({CommandKind::EndSet}) == std::optional<std::string>("command:end_set"));
    CHECK(user_event_text({CommandKind::SkipRest}) == std::optional<std::string>("command:skip_rest"));
    CHECK(user_event_text({CommandKind::StopSession}) == std::optional<std::string>("command:stop"));
    CHECK(user_event_text({CommandKind::ReportDiscomfort, 7.f}) == std::optional<std::string>("discomfort:7"));
    CHECK(user_event_text({CommandKind::ReportDiscomfort, 6.6f}) == std::optional<std::string>("discomfort:7"));
    CHECK(user_event_text({CommandKind::ReportDiscomfort, 6.4f}) == std::optional<std::string>("discomfort:6"));
    CHECK(user_event_text({CommandKind::ReportDiscomfort, 0.f}) == std::optional<std::string>("discomfort:0"));
    CHECK(user_event_text({CommandKind::ReportDiscomfort, 11.f}) == std::optional<std::string>("discomfort:10"));
    CHECK(user_event_text({CommandKind::ReportDiscomfort, -3.f}) == std::optional<std::string>("discomfort:0"));
    CHECK_FALSE(user_event_text({CommandKind::ReportDiscomfort, std::numeric_limits<float>::quiet_NaN()}));
    CHECK(user_event_text({CommandKind::Acknowledge, 3.f}) == std::optional<std::string>("command:acknowledge:3"));
    CHECK(user_event_text({CommandKind::Acknowledge, 0.f}) == std::optional<std::string>("command:acknowledge:0"));
    CHECK(user_event_text({CommandKind::Acknowledge, -1.f}) == std::optional<std::string>("command:acknowledge:all"));
    CHECK(user_event_text({CommandKind::Acknowledge, -0.5f}) == std::optional<std::string>("command:acknowledge:all"));
    for (const CommandKind k : {CommandKind::ContractDown, CommandKind::ContractUp, CommandKind::SetAutoTempo,
                                CommandKind::InjectLeak, CommandKind::InjectDropout, CommandKind::DeviceTarget}) {
        CAPTURE(static_cast<int>(k));
        CHECK_FALSE(user_event_text({k, 1.f}).has_value());
    }
    // Every text a user command gives parses back to what it said.
    CHECK(session::discomfort_level(*user_event_text({CommandKind::ReportDiscomfort, 7.f})) == 7);
    CHECK(session::acknowledged_alarm(*user_event_text({CommandKind::Acknowledge, 3.f})) == 3L);
    CHECK(session::acknowledged_alarm(*user_event_text({CommandKind::Acknowledge, -1.f})) == -1L);
}

TEST_CASE("UserEventFeed puts the tick's user events after the inner feed's samples at the tick's time", "[guidance][commands]") {
    ListFeed inner{{cuff_row(0, 10.0), cuff_row(10 * kMs, 11.0), cuff_row(20 * kMs, 12.0), cuff_row(30 * kMs, 13.0)}};
    session::UserEventFeed feed{inner};
    CHECK(feed.describe() == "list");
    std::vector<telemetry::Sample> out;
    feed.on_command({CommandKind::StartSession});
    feed.on_command({CommandKind::ReportDiscomfort, 4.f});
    feed.pull_until(16'666'666, out);
    REQUIRE(out.size() == 4);
    CHECK(out[0].t_ns == 0);
    CHECK(out[1].t_ns == 10 * kMs);
    CHECK(out[2].event == "command:start");
    CHECK(out[2].t_ns == 16'666'666);
    CHECK(out[2].present == 0u);
    CHECK(out[3].event == "discomfort:4");
    CHECK(out[3].t_ns == 16'666'666);
    CHECK(inner.heard.empty());  // user commands are not the device's business
    // Delivered once: the next pull has only the inner feed's samples.
    out.clear();
    feed.pull_until(33'333'333, out);
    REQUIRE(out.size() == 2);
    CHECK(out[0].t_ns == 20 * kMs);
    CHECK(out[1].t_ns == 30 * kMs);
    CHECK(out[1].event.empty());
}

TEST_CASE("UserEventFeed never writes an event before a sample it already delivered", "[guidance][commands]") {
    // An inner feed that delivers a sample ahead of the time asked (a live device's clock running
    // ahead): the event goes at that sample's time, not before it.
    class AheadFeed final : public session::SampleFeed {
    public:
        void pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) override {
            out.push_back(cuff_row(t_ns + 5 * kMs, 50.0));
        }
        [[nodiscard]] std::string describe() const override { return "ahead"; }
    };
    AheadFeed inner;
    session::UserEventFeed feed{inner};
    std::vector<telemetry::Sample> out;
    feed.on_command({CommandKind::EndSet});
    feed.pull_until(100 * kMs, out);
    REQUIRE(out.size() == 2);
    CHECK(out[0].t_ns == 105 * kMs);
    CHECK(out[1].event == "command:end_set");
    CHECK(out[1].t_ns == 105 * kMs);
    // Asked for an earlier time than before (nothing new from a recording): still not before.
    ListFeed empty{{}};
    session::UserEventFeed quiet{empty};
    out.clear();
    quiet.on_command({CommandKind::SkipRest});
    quiet.pull_until(200 * kMs, out);
    quiet.on_command({CommandKind::StopSession});
    quiet.pull_until(150 * kMs, out);
    REQUIRE(out.size() == 2);
    CHECK(out[0].event == "command:skip_rest");
    CHECK(out[0].t_ns == 200 * kMs);
    CHECK(out[1].event == "command:stop");
    CHECK(out[1].t_ns == 200 * kMs);
    for (std::size_t i = 1; i < out.size(); ++i) CHECK(out[i].t_ns >= out[i - 1].t_ns);
}

TEST_CASE("UserEventFeed forwards device and input commands to the inner feed unchanged", "[guidance][commands]") {
    ListFeed inner{{cuff_row(0, 0.0)}};
    session::UserEventFeed feed{inner};
    feed.on_command({CommandKind::ContractDown});
    feed.on_command({CommandKind::DeviceTarget, 50.f});
    feed.on_command({CommandKind::Acknowledge, 2.f});
    feed.on_command({CommandKind::InjectLeak, 20.f});
    feed.on_command({CommandKind::ContractUp});
    feed.on_command({CommandKind::SetAutoTempo, 1.f});
    feed.on_command({CommandKind::InjectDropout, 3.f});
    REQUIRE(inner.heard.size() == 6);
    CHECK(inner.heard[0].kind == CommandKind::ContractDown);
    CHECK(inner.heard[1].kind == CommandKind::DeviceTarget);
    CHECK(inner.heard[1].value == 50.f);
    CHECK(inner.heard[2].kind == CommandKind::InjectLeak);
    CHECK(inner.heard[2].value == 20.f);
    CHECK(inner.heard[3].kind == CommandKind::ContractUp);
    CHECK(inner.heard[4].kind == CommandKind::SetAutoTempo);
    CHECK(inner.heard[5].kind == CommandKind::InjectDropout);
    std::vector<telemetry::Sample> out;
    feed.pull_until(0, out);
    REQUIRE(out.size() == 2);
    CHECK(out[1].event == "command:acknowledge:2");
    CHECK(out[1].t_ns == 0);
}

TEST_CASE("discomfort_level accepts an integer 0 to 10 and nothing else", "[guidance][events]") {
    using session::discomfort_level;
    CHECK(discomfort_level("discomfort:0") == 0);
    CHECK(discomfort_level("discomfort:7") == 7);
    CHECK(discomfort_level("discomfort:10") == 10);
    CHECK_FALSE(discomfort_level("discomfort:11"));
    CHECK_FALSE(discomfort_level("discomfort:-1"));
    CHECK_FALSE(discomfort_level("discomfort:x"));
    CHECK_FALSE(discomfort_level("discomfort:"));
    CHECK_FALSE(discomfort_level("discomfort:7.5"));
    CHECK_FALSE(discomfort_level("discomfort:7 "));
    CHECK_FALSE(discomfort_level("discomfort: 7"));
    CHECK_FALSE(discomfort_level("discomfort:99999999999999999999"));
    CHECK_FALSE(discomfort_level("discomfort"));
    CHECK_FALSE(discomfort_level("Discomfort:5"));
    CHECK_FALSE(discomfort_level("note:discomfort:5"));
    CHECK_FALSE(discomfort_level(""));
}

TEST_CASE("acknowledged_alarm accepts an alarm id or all and nothing else", "[guidance][events]") {
    using session::acknowledged_alarm;
    CHECK(acknowledged_alarm("command:acknowledge:3") == 3L);
    CHECK(acknowledged_alarm("command:acknowledge:0") == 0L);
    CHECK(acknowledged_alarm("command:acknowledge:123456") == 123456L);
    CHECK(acknowledged_alarm("command:acknowledge:all") == -1L);
    CHECK_FALSE(acknowledged_alarm("command:acknowledge:"));
    CHECK_FALSE(acknowledged_alarm("command:acknowledge:-2"));
    CHECK_FALSE(acknowledged_alarm("command:acknowledge:-1"));
    CHECK_FALSE(acknowledged_alarm("command:acknowledge:ALL"));
    CHECK_FALSE(acknowledged_alarm("command:acknowledge:3x"));
    CHECK_FALSE(acknowledged_alarm("command:acknowledge:x"));
    CHECK_FALSE(acknowledged_alarm("command:acknowledge"));
    CHECK_FALSE(acknowledged_alarm("command:start"));
    CHECK_FALSE(acknowledged_alarm("acknowledge:3"));
    CHECK_FALSE(acknowledged_alarm(""));
}

// --- The protocol in the session ----------------------------------------------------------------

namespace {

/// A scripted cuff and patient at 100 Hz: every row has the cuff pressure (which follows the
/// DeviceTarget commands it hears, at once, as % of `lop`), the LOP and the effort (0.4 inside
/// each 1 s contraction, else 0). Scripted events come as event-only rows right after the sample
/// of their time (as UserEventFeed writes them). It records every command it hears with the end
/// of the tick that decided it (the tick before the one it is applied in).
class ScriptFeed final : public session::SampleFeed {
public:
    struct Heard {
        Command command;
        std::int64_t decided_ns = 0;
    };
    std::vector<Heard> heard;
    std::vector<std::int64_t> contraction_starts;                 ///< Each lasts 1 s.
    std::vector<std::pair<std::int64_t, std::string>> events;     ///< In time order, at multiples of 10 ms.
    std::vector<std::pair<std::int64_t, double>> cuff_overrides;  ///< One sample's pressure.
    double lop = 170.0;
    double cuff = 0.0;
    bool obey = true;
    bool effort = true;
    std::int64_t device_until_ns = std::numeric_limits<std::int64_t>::max();  ///< No device row after this.

    void pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) override {
        while (next_ns_ <= t_ns) {
            const std::int64_t now = next_ns_;
            if (now <= device_until_ns) {
                telemetry::Sample& s = out.emplace_back();
                s.clear();
                s.t_ns = now;
                double c = cuff;
                for (const auto& [t, value] : cuff_overrides) {
                    if (t == now) c = value;
                }
                s.set(v1::kCuffMmhg, c);
                s.set(v1::kLopMmhg, lop);
                if (effort) s.set(v1::kEffort, contracting(now) ? 0.4 : 0.0);
            }
            while (next_event_ < events.size() && events[next_event_].first <= now) {
                out.push_back(event_row(events[next_event_].first, events[next_event_].second));
                ++next_event_;
            }
            next_ns_ += 10 * kMs;
        }
        pulled_ns_ = t_ns;
    }
    void on_command(const Command& c) override {
        heard.push_back({c, pulled_ns_});
        if (obey && c.kind == CommandKind::DeviceTarget) cuff = static_cast<double>(c.value) * lop / 100.0;
    }
    [[nodiscard]] std::string describe() const override { return "script"; }

    /// The device's decisions, as text: "50@1000 0@12100" (% LOP @ ms decided). The same
    /// target asked again in the same tick is one decision (the device obeys the last one).
    [[nodiscard]] std::string target_text() const {
        std::string text;
        std::pair<float, std::int64_t> previous{-1.f, -1};
        for (const auto& t : targets()) {
            if (t == previous) continue;
            previous = t;
            if (!text.empty()) text += ' ';
            text += std::to_string(static_cast<int>(t.first)) + "@" + std::to_string(t.second / kMs);
        }
        return text;
    }
    /// The DeviceTarget commands heard: (value, decided at).
    [[nodiscard]] std::vector<std::pair<float, std::int64_t>> targets() const {
        std::vector<std::pair<float, std::int64_t>> t;
        for (const Heard& h : heard) {
            if (h.command.kind == CommandKind::DeviceTarget) t.emplace_back(h.command.value, h.decided_ns);
        }
        return t;
    }

private:
    [[nodiscard]] bool contracting(std::int64_t t) const {
        return std::any_of(contraction_starts.begin(), contraction_starts.end(),
                           [t](std::int64_t s) { return t >= s && t < s + kS; });
    }
    std::int64_t next_ns_ = 0;
    std::size_t next_event_ = 0;
    std::int64_t pulled_ns_ = 0;
};

/// `n` contractions every 2 s from `first_s`.
void every_2s(std::vector<std::int64_t>& out, std::int64_t first_s, int n) {
    for (int k = 0; k < n; ++k) out.push_back((first_s + 2 * k) * kS);
}

const session::ProtocolState& protocol_of(const session::Session& s) {
    return s.world().ctx().get<session::ProtocolState>();
}
const session::SafetyState& safety_of(const session::Session& s) {
    return s.world().ctx().get<session::SafetyState>();
}

std::size_t count_events(const std::vector<protocol::RunnerEvent>& log, protocol::RunnerEventKind kind) {
    return static_cast<std::size_t>(
        std::count_if(log.begin(), log.end(), [kind](const protocol::RunnerEvent& e) { return e.kind == kind; }));
}

session::SessionConfig guided(const protocol::Protocol& p) {
    session::SessionConfig c;
    c.protocol = p;
    c.protocol_starts_by_itself = false;
    return c;
}

/// A short protocol: the standard one with other sets and a 10 s rest.
protocol::Protocol short_protocol(std::vector<std::uint32_t> reps, protocol::CuffInRest cuff) {
    protocol::Protocol p = protocol::standard_protocol();
    p.name = "short";
    p.sets.clear();
    for (const std::uint32_t r : reps) p.sets.push_back({r, false});
    p.rest_s = 10.0;
    p.cuff_in_rest = cuff;
    return p;
}

}  // namespace

TEST_CASE("a guided session: warm-up, the start on command at pressure, then reps fill 30-15-15-15", "[guidance][protocol]") {
    ScriptFeed feed;
    every_2s(feed.contraction_starts, 1, 3);       // warm-up: commits 2.1, 4.1, 6.1 s
    feed.contraction_starts.push_back(8 * kS);     // while the cuff inflates: commit 9.1 s
    every_2s(feed.contraction_starts, 11, 30);     // set 1: commits 12.1 ... 70.1 s
    every_2s(feed.contraction_starts, 101, 15);    // set 2 (the rest ends at 100.1 s): 102.1 ... 130.1 s
    every_2s(feed.contraction_starts, 161, 15);    // set 3: 162.1 ... 190.1 s
    every_2s(feed.contraction_starts, 221, 15);    // set 4: 222.1 ... 250.1 s
    feed.contraction_starts.push_back(256 * kS);   // after the end: commit 257.1 s
    feed.events = {{7 * kS, "command:start"}, {260 * kS, "command:stop"}};
    session::Session s{guided(protocol::standard_protocol()), &feed};
    const auto& ps = protocol_of(s);
    REQUIRE(ps.runner);
    CHECK(ps.start == session::ProtocolStart::OnCommand);

    s.advance_to(6.9);
    CHECK(ps.runner->stage() == protocol::Stage::Ready);
    CHECK_FALSE(ps.start_requested);
    CHECK(ps.warmup_reps == 3);
    CHECK(feed.targets().empty());  // the cuff stays vented until the start

    s.advance_to(7.0);
    CHECK(ps.start_requested);
    CHECK(ps.start_requested_ns == 7 * kS);
    s.step();
    REQUIRE(feed.targets().size() == 1);
    CHECK(feed.targets()[0].first == 50.f);  // the arm's target, % LOP
    CHECK(feed.targets()[0].second == 7 * kS);

    // Set 1 begins at the first tick whose held cuff pressure reaches 90 % of 85 mmHg; the held
    // level rises with τ 1.5 s from 7.0 s: 1.5 · ln 10 = 3.45 s later.
    const double target_mmHg = 0.5 * 170.0;
    double held_before = 0.0;
    while (ps.runner->stage() == protocol::Stage::Ready && s.time_s() < 30.0) {
        held_before = s.physiology().cuff_held_mmHg;
        s.step();
    }
    REQUIRE(ps.runner->stage() == protocol::Stage::Set);
    CHECK(held_before < 0.9 * target_mmHg);
    CHECK(s.physiology().cuff_held_mmHg >= 0.9 * target_mmHg);
    CHECK(s.time_s() == Approx(7.0 + 1.5 * std::log(10.0)).margin(1.0 / 60.0));
    const std::int64_t set1_ns = core::tick_end_ns(s.tick());
    CHECK(ps.warmup_reps == 4);  // the rep while the cuff inflated is warm-up too
    CHECK(ps.runner->total_reps() == 0);

    s.advance_to(72.0);
    REQUIRE(ps.runner->sets().size() == 1);
    CHECK(ps.runner->sets()[0].reps == 30);
    CHECK(ps.runner->sets()[0].start_ns == set1_ns);
    CHECK(ps.runner->sets()[0].end_ns == 70'100 * kMs);
    CHECK(ps.runner->stage() == protocol::Stage::Rest);
    CHECK(ps.runner->rest_remaining_s(core::tick_end_ns(s.tick())) == Approx(28.1).margin(1e-6));

    s.advance_to(255.0);
    CHECK(ps.runner->stage() == protocol::Stage::Done);
    const auto& sets = ps.runner->sets();
    REQUIRE(sets.size() == 4);
    const std::uint32_t expected[] = {30, 15, 15, 15};
    const std::int64_t ends_ms[] = {70'100, 130'100, 190'100, 250'100};
    const std::int64_t starts_ms[] = {0, 100'100, 160'100, 220'100};
    for (std::size_t i = 0; i < 4; ++i) {
        CAPTURE(i);
        CHECK(sets[i].reps == expected[i]);
        CHECK(sets[i].target_reps == expected[i]);
        CHECK_FALSE(sets[i].ended_early);
        CHECK(sets[i].end_ns == ends_ms[i] * kMs);
        if (i > 0) CHECK(sets[i].start_ns == starts_ms[i] * kMs);
    }
    CHECK(ps.runner->total_reps() == 75);
    CHECK(ps.warmup_reps == 4);
    CHECK(s.world().ctx().get<session::RepLog>().times_s.size() == 79);
    CHECK(count_events(ps.log, protocol::RunnerEventKind::SetStarted) == 4);
    CHECK(count_events(ps.log, protocol::RunnerEventKind::SetCompleted) == 4);
    CHECK(count_events(ps.log, protocol::RunnerEventKind::RestStarted) == 3);
    CHECK(count_events(ps.log, protocol::RunnerEventKind::RestEnded) == 3);
    CHECK(count_events(ps.log, protocol::RunnerEventKind::RestCutShort) == 0);
    CHECK(count_events(ps.log, protocol::RunnerEventKind::SessionCompleted) == 1);
    // The cuff kept on in the rests: the device heard the target, then the deflation at the end.
    CHECK(feed.target_text() == "50@7000 0@250100");
    CHECK(safety_of(s).monitor.alarms().empty());

    // A rep long after the end is an extra; command:stop after the end changes nothing.
    s.advance_to(262.0);
    CHECK(ps.extra_reps == 1);
    CHECK(ps.runner->total_reps() == 75);
    CHECK_FALSE(ps.runner->stopped());
    CHECK(feed.targets().size() == 2);
}

TEST_CASE("a rep at tempo right after the last set's target is that set's overshoot, not an extra", "[guidance][protocol]") {
    // docs/protocols.md: "This is how a fixed last set can beat its target for the progression
    // rule: keep going after the count is reached."
    ScriptFeed feed;
    feed.events = {{1 * kS, "command:start"}};
    every_2s(feed.contraction_starts, 5, 3);  // set 1 (starts at 4.47 s): 6.1, 8.1, 10.1 s
    every_2s(feed.contraction_starts, 21, 4);  // the rest ends at 20.1 s; set 2's target 3 at 26.1 s, one more at 28.1 s
    session::Session s{guided(short_protocol({3, 3}, protocol::CuffInRest::KeepOn)), &feed};
    s.advance_to(35.0);
    const auto& ps = protocol_of(s);
    REQUIRE(ps.runner->stage() == protocol::Stage::Done);
    REQUIRE(ps.runner->sets().size() == 2);
    CHECK(ps.runner->sets()[0].reps == 3);
    CHECK(ps.runner->sets()[1].reps == 4);
    CHECK(ps.runner->sets()[1].end_ns == 28'100 * kMs);
    CHECK(ps.runner->total_reps() == 7);
    CHECK(ps.extra_reps == 0);
    const auto advice = protocol::advise_next_load(ps.runner->protocol(), ps.runner->sets(), 30.0);
    CHECK(advice.increase);
    CHECK(advice.load_pct1rm == Approx(35.0));
}

TEST_CASE("a protocol that releases the cuff in rests asks for 0 at each rest and the target after it", "[guidance][protocol]") {
    ScriptFeed feed;
    feed.events = {{1 * kS, "command:start"}, {30 * kS, "command:skip_rest"}, {33 * kS, "command:stop"}};
    every_2s(feed.contraction_starts, 5, 4);   // set 1 (starts at 4.47 s): commits 6.1 ... 12.1 s
    every_2s(feed.contraction_starts, 23, 3);  // set 2 (the rest ends at 22.1 s): 24.1, 26.1, 28.1 s
    feed.contraction_starts.push_back(31 * kS);  // set 3 (rest skipped at 30 s): 32.1 s, then stopped
    session::Session s{guided(short_protocol({4, 3, 3}, protocol::CuffInRest::Release)), &feed};
    const auto& ps = protocol_of(s);

    s.advance_to(12.0);
    CHECK(ps.runner->stage() == protocol::Stage::Set);
    CHECK(feed.cuff == Approx(85.0));
    s.advance_to(12.2);
    CHECK(ps.runner->stage() == protocol::Stage::Rest);
    CHECK(feed.cuff == 0.0);  // released
    CHECK(safety_of(s).target_mmHg == 0.0);  // no band to judge in a released rest
    s.advance_to(22.2);
    CHECK(ps.runner->stage() == protocol::Stage::Set);
    CHECK(feed.cuff == Approx(85.0));  // the next set's pressure

    s.advance_to(40.0);
    CHECK(ps.runner->stage() == protocol::Stage::Done);
    CHECK(ps.runner->stopped());
    const auto& sets = ps.runner->sets();
    REQUIRE(sets.size() == 3);
    CHECK(sets[0].reps == 4);
    CHECK(sets[1].reps == 3);
    CHECK(sets[1].start_ns == 22'100 * kMs);
    CHECK(sets[2].reps == 1);
    CHECK(sets[2].start_ns == 30 * kS);
    CHECK(sets[2].ended_early);
    CHECK(sets[2].end_ns == 33 * kS);
    CHECK(count_events(ps.log, protocol::RunnerEventKind::RestCutShort) == 1);

    // Each decision once, at its time: inflate at the start, release at each rest, re-inflate at
    // its end (on time or skipped), deflate at the stop.
    CHECK(feed.target_text() == "50@1000 0@12100 50@22100 0@28100 50@30000 0@33000");
    CHECK(feed.cuff == 0.0);
    CHECK(safety_of(s).monitor.alarms().empty());
}

TEST_CASE("stopping in a released rest never asks the cuff to inflate again", "[guidance][protocol]") {
    ScriptFeed feed;
    feed.events = {{1 * kS, "command:start"}, {10 * kS, "command:stop"}};
    every_2s(feed.contraction_starts, 5, 2);  // set 1: commits 6.1, 8.1 s; the rest from 8.1 s
    session::Session s{guided(short_protocol({2, 2}, protocol::CuffInRest::Release)), &feed};
    s.advance_to(15.0);
    const auto& ps = protocol_of(s);
    CHECK(ps.runner->stage() == protocol::Stage::Done);
    CHECK(ps.runner->stopped());
    // The rest's end at the stop must not ask for the next set's pressure.
    CHECK(feed.target_text() == "50@1000 0@8100 0@10000");
    CHECK(feed.cuff == 0.0);
}

TEST_CASE("command:stop while the cuff inflates ends the session before set 1 and deflates", "[guidance][protocol]") {
    ScriptFeed feed;
    feed.events = {{1 * kS, "command:start"}, {2 * kS, "command:stop"}};
    session::Session s{guided(short_protocol({2, 2}, protocol::CuffInRest::KeepOn)), &feed};
    s.advance_to(10.0);
    const auto& ps = protocol_of(s);
    CHECK(ps.runner->stage() == protocol::Stage::Done);
    CHECK(ps.runner->stopped());
    CHECK(ps.runner->sets().empty());
    CHECK_FALSE(ps.start_requested);
    CHECK(feed.target_text() == "50@1000 0@2000");
    CHECK(feed.cuff == 0.0);
}

// --- Safety in the session ----------------------------------------------------------------------

TEST_CASE("a sample above 300 mmHg raises one pressure_ceiling alarm and one deflation", "[guidance][safety]") {
    ScriptFeed feed;
    feed.cuff = 85.0;  // the arm's default target: in band
    feed.obey = false;
    feed.effort = false;
    feed.cuff_overrides = {{5 * kS, 310.0}};
    feed.events = {{7 * kS, "command:acknowledge:1"}};
    session::Session s{session::SessionConfig{}, &feed};
    const auto& ss = safety_of(s);
    s.advance_to(4.99);
    CHECK(ss.monitor.alarms().empty());
    CHECK(feed.targets().empty());
    s.advance_to(5.0);  // tick 300 holds the 310 mmHg sample
    REQUIRE(ss.tick_alarms.size() == 1);
    CHECK(ss.tick_alarms[0].kind == safety::AlarmKind::PressureCeiling);
    CHECK(ss.tick_alarms[0].id == 1);
    CHECK(ss.tick_alarms[0].t_ns == 5 * kS);
    CHECK(ss.tick_alarms[0].value == Approx(310.0));
    CHECK(ss.tick_alarms[0].action == safety::Action::Deflate);
    CHECK(ss.deflate_asked);
    CHECK(feed.targets().empty());  // heard at the start of the next tick
    s.step();
    CHECK(ss.tick_alarms.empty());
    REQUIRE(feed.targets().size() == 1);
    CHECK(feed.targets()[0] == std::pair<float, std::int64_t>{0.f, 5 * kS});
    s.advance_to(6.9);
    CHECK(feed.targets().size() == 1);  // once, not every tick of the alarm
    REQUIRE(ss.monitor.alarms().size() == 1);
    CHECK_FALSE(ss.monitor.alarms()[0].acknowledged);
    CHECK(ss.monitor.unacknowledged() == 1);
    s.advance_to(7.5);
    CHECK(ss.monitor.alarms()[0].acknowledged);
    CHECK(ss.monitor.alarms()[0].acknowledged_ns == 7 * kS);
    CHECK(ss.monitor.unacknowledged() == 0);
    CHECK_FALSE(ss.monitor.alarms()[0].active);  // one sample: cleared after 1 s without it
    CHECK(ss.monitor.alarms().size() == 1);
    CHECK(feed.targets().size() == 1);
}

TEST_CASE("command:acknowledge:all acknowledges every alarm and a junk id none", "[guidance][safety]") {
    ScriptFeed feed;
    feed.cuff = 85.0;
    feed.obey = false;
    feed.effort = false;
    feed.cuff_overrides = {{2 * kS, 320.0}, {5 * kS, 330.0}};
    feed.events = {{6 * kS, "command:acknowledge:7"}, {6'500 * kMs, "command:acknowledge:-2"},
                   {7 * kS, "command:acknowledge:all"}};
    session::Session s{session::SessionConfig{}, &feed};
    const auto& ss = safety_of(s);
    s.advance_to(6.9);
    REQUIRE(ss.monitor.alarms().size() == 2);
    CHECK(ss.monitor.alarms()[1].id == 2);
    CHECK(ss.monitor.unacknowledged() == 2);
    CHECK(feed.targets().size() == 2);  // a deflation for each episode
    s.advance_to(7.1);
    CHECK(ss.monitor.unacknowledged() == 0);
    CHECK(ss.monitor.alarms()[0].acknowledged_ns == 7 * kS);
    CHECK(ss.monitor.alarms()[1].acknowledged_ns == 7 * kS);
}

TEST_CASE("rows that only carry the user's commands do not keep the sensor alive", "[guidance][safety]") {
    auto run = [](const char* event) {
        ScriptFeed feed;
        feed.cuff = 85.0;
        feed.obey = false;
        feed.effort = false;
        feed.device_until_ns = 3 * kS;  // the device falls silent after 3 s
        for (std::int64_t t = 3'100 * kMs; t <= 6 * kS; t += 100 * kMs) feed.events.emplace_back(t, event);
        session::Session s{session::SessionConfig{}, &feed};
        s.advance_to(6.0);
        return std::vector<safety::Alarm>(safety_of(s).monitor.alarms());
    };
    for (const char* user : {"command:skip_rest", "command:acknowledge:all", "discomfort:2"}) {
        CAPTURE(user);
        const auto alarms = run(user);
        REQUIRE(alarms.size() == 1);
        CHECK(alarms[0].kind == safety::AlarmKind::SensorLost);
        CHECK(alarms[0].t_ns == 5 * kS);  // the last sample + 2 s
        CHECK(alarms[0].active);
    }
    // A device's own event-only row proves it is there.
    CHECK(run("note:x").empty());
}

TEST_CASE("discomfort reports are kept: the latest, the highest and how many", "[guidance][safety]") {
    ScriptFeed feed;
    feed.cuff = 85.0;
    feed.obey = false;
    feed.effort = false;
    feed.events = {{1 * kS, "discomfort:3"}, {2 * kS, "discomfort:5"}, {3 * kS, "discomfort:x"},
                   {4 * kS, "discomfort:2"}, {5 * kS, "discomfort:11"}};
    session::Session s{session::SessionConfig{}, &feed};
    s.advance_to(6.0);
    const auto& ss = safety_of(s);
    CHECK(ss.discomfort_reports == 3);
    CHECK(ss.discomfort_last == 2);
    CHECK(ss.discomfort_last_ns == 4 * kS);
    CHECK(ss.discomfort_max == 5);
    CHECK(ss.monitor.alarms().empty());
    // Above 7: stop (the cuff comes off).
    ScriptFeed high;
    high.cuff = 85.0;
    high.obey = false;
    high.effort = false;
    high.events = {{1 * kS, "discomfort:8"}};
    session::Session t{session::SessionConfig{}, &high};
    t.advance_to(2.0);
    REQUIRE(safety_of(t).monitor.alarms().size() == 1);
    CHECK(safety_of(t).monitor.alarms()[0].kind == safety::AlarmKind::Discomfort);
    CHECK(safety_of(t).monitor.alarms()[0].action == safety::Action::Stop);
    REQUIRE(high.targets().size() == 1);
    CHECK(high.targets()[0] == std::pair<float, std::int64_t>{0.f, 1 * kS});
}
