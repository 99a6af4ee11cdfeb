// The live session's history: each set is committed the tick it ends, so a session killed mid-set
// keeps every finished set; a finished session has its totals.

#include "game/frontend/feeds.hpp"
#include "game/frontend/live_history.hpp"
#include "game/history/history_db.hpp"
#include "game/history/time_text.hpp"
#include "game/session/guidance.hpp"
#include "game/session/session.hpp"
#include "game/session/user_event_feed.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <stdlib.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

using namespace bfr;
using session::CommandKind;
namespace fs = std::filesystem;

namespace {

using bfr::test::TempDir;

sim::SimConfig home_sim() {
    sim::SimConfig c;
    c.measure_lop = false;
    c.auto_tempo = false;
    c.wait_for_target = true;
    return c;
}

session::SessionConfig short_protocol() {
    session::SessionConfig c;
    protocol::Protocol p = protocol::standard_protocol();
    p.name = "three-by-three";
    p.title = "Three sets of three";
    p.sets = {{3, false}, {3, false}, {3, false}};
    p.rest_s = 5.0;
    c.protocol = p;
    c.protocol_starts_by_itself = false;
    return c;
}

frontend::LiveSessionInfo info() {
    frontend::LiveSessionInfo i;
    i.limb = "arm";
    i.side = "left";
    i.protocol_name = "three-by-three";
    i.protocol_title = "Three sets of three";
    i.source = "simulated cuff";
    i.lop_mmHg = 170.0;
    i.target_pct_lop = 50.0;
    return i;
}

/// Steps the session as a patient following the tempo guide until `stop` says so (at most 300 s).
template <class Stop>
void exercise(session::Session& s, frontend::LiveHistory* history, Stop stop) {
    const auto& r = *s.world().ctx().get<session::ProtocolState>().runner;
    bool held = false;
    while (s.tick() < core::ticks_from_seconds(300.0) && !stop(r)) {
        s.step();
        if (history != nullptr) history->observe_tick(s);
        const bool up = r.tempo_cue(core::tick_end_ns(s.tick())).direction == protocol::CueDirection::Up;
        if (up != held) {
            REQUIRE(s.push({up ? CommandKind::ContractDown : CommandKind::ContractUp}));
            held = up;
        }
    }
}

}  // namespace

TEST_CASE("a session killed mid-set keeps every set that ended", "[history][live]") {
    const TempDir dir;
    {
        frontend::SimFeed sim{home_sim()};
        session::UserEventFeed feed{sim};
        session::Session s{short_protocol(), &feed};
        REQUIRE(s.push({CommandKind::StartSession}));
        // The history is dropped without finish(): what a crash or a kill leaves.
        auto history = std::make_unique<frontend::LiveHistory>(dir.path(), info());
        REQUIRE(history->ok());
        exercise(s, history.get(), [](const protocol::ProtocolRunner& r) {
            return r.sets().size() == 2 && r.stage() == protocol::Stage::Set && r.reps_in_set() == 1;
        });
        REQUIRE(s.world().ctx().get<session::ProtocolState>().runner->reps_in_set() == 1);
    }
    std::string error;
    auto db = history::HistoryDb::open(dir.path(), &error);
    REQUIRE(db);
    const auto sessions = db->list_sessions();
    REQUIRE(sessions);
    REQUIRE(sessions->size() == 1);
    const auto record = db->load_session(sessions->front().id);
    REQUIRE(record);
    CHECK_FALSE(record->session.end.has_value());  // never finished
    REQUIRE(record->sets.size() == 2);
    CHECK(record->sets[0].reps == 3);
    CHECK(record->sets[1].reps == 3);
    CHECK(record->reps.size() == 6);  // the third set's first rep went with it
    CHECK(record->session.start.protocol_name == "three-by-three");
    CHECK(record->session.start.side == "left");
}

TEST_CASE("a finished session is stored with its sets, reps and totals", "[history][live]") {
    const TempDir dir;
    frontend::SimFeed sim{home_sim()};
    session::UserEventFeed feed{sim};
    session::Session s{short_protocol(), &feed};
    REQUIRE(s.push({CommandKind::StartSession}));
    frontend::LiveHistory history{dir.path(), info()};
    REQUIRE(history.ok());
    exercise(s, &history, [](const protocol::ProtocolRunner& r) { return r.stage() == protocol::Stage::Done; });
    history.finish(s, 0.4f, 9.5f);
    std::string error;
    auto db = history::HistoryDb::open(dir.path(), &error);
    REQUIRE(db);
    const auto record = db->load_session(history.session_id());
    REQUIRE(record);
    REQUIRE(record->session.end.has_value());
    CHECK(record->session.end->completed);
    CHECK(record->session.end->reps_total == 9);
    REQUIRE(record->session.end->points.has_value());
    CHECK(*record->session.end->points >= 9 * 20);
    CHECK(record->session.end->swelling_pct_peak.value_or(0.0) == Approx(9.5));
    REQUIRE(record->sets.size() == 3);
    CHECK(record->reps.size() == 9);
    for (const auto& rep : record->reps) CHECK(rep.set_number.has_value());
}

TEST_CASE("a history that cannot be opened leaves the session going, with the reason", "[history][live]") {
    const TempDir dir;
    {
        std::ofstream f(dir.path() / history::kDatabaseFileName);
        f << "this is not a database, it is a note";
    }
    frontend::LiveHistory history{dir.path(), info()};
    CHECK_FALSE(history.ok());
    CHECK_FALSE(history.error().empty());
    frontend::SimFeed sim{home_sim()};
    session::UserEventFeed feed{sim};
    session::Session s{short_protocol(), &feed};
    s.advance_to(2.0);
    history.observe_tick(s);  // does nothing, no crash
    history.finish(s, 0.f, 0.f);
    std::ifstream f(dir.path() / history::kDatabaseFileName);
    std::string text;
    std::getline(f, text);
    CHECK(text == "this is not a database, it is a note");  // untouched
}

TEST_CASE("a completed live session is celebrated against the sessions stored before it", "[history][live][celebration]") {
    const TempDir dir;
    {
        // An earlier session, three days ago, with fewer reps and fewer points.
        std::string error;
        auto db = history::HistoryDb::open(dir.path(), &error);
        REQUIRE(db);
        history::SessionStart start;
        start.started_at = history::iso8601_utc(std::time(nullptr) - 3 * 86400);
        start.load_pct1rm = 30.0;
        start.lop_mmHg = 170.0;
        start.source = "simulated cuff";
        const auto id = db->begin_session(start);
        INFO(db->last_error());
        REQUIRE(id);
        history::SessionEnd end;
        end.ended_at = history::iso8601_utc(std::time(nullptr) - 3 * 86400 + 600);
        end.duration_s = 600.0;
        end.completed = true;
        end.reps_total = 6;
        end.points = 60;
        const bool finished = db->finish_session(*id, end);
        INFO(db->last_error());
        REQUIRE(finished);
    }
    frontend::SimFeed sim{home_sim()};
    session::UserEventFeed feed{sim};
    session::Session s{short_protocol(), &feed};
    REQUIRE(s.push({CommandKind::StartSession}));
    frontend::LiveHistory history{dir.path(), info()};
    REQUIRE(history.ok());
    exercise(s, &history, [](const protocol::ProtocolRunner& r) { return r.stage() == protocol::Stage::Done; });
    const history::Celebration c = history.celebration(s, 0);
    // 9 reps beat 6; the first-session badge was the earlier session's.
    const auto most_reps = std::find_if(c.bests.begin(), c.bests.end(), [](const gamification::NewBest& b) {
        return b.kind == gamification::BestKind::MostReps;
    });
    REQUIRE(most_reps != c.bests.end());
    CHECK(most_reps->value == 9.0);
    CHECK(most_reps->previous_value == 6.0);
    for (const auto& b : c.badges) CHECK(b.info.id != gamification::BadgeId::FirstSession);
    // Asking does not store anything: the session is still unfinished until finish().
    std::string error;
    auto db = history::HistoryDb::open(dir.path(), &error);
    REQUIRE(db);
    CHECK_FALSE(db->load_session(history.session_id())->session.end.has_value());
}

TEST_CASE("a first completed session earns the first-session badge, a stopped one earns nothing", "[history][live][celebration]") {
    const TempDir dir;
    {
        frontend::SimFeed sim{home_sim()};
        session::UserEventFeed feed{sim};
        session::Session s{short_protocol(), &feed};
        REQUIRE(s.push({CommandKind::StartSession}));
        frontend::LiveHistory history{dir.path(), info()};
        exercise(s, &history, [](const protocol::ProtocolRunner& r) { return r.sets().size() == 1 && r.stage() == protocol::Stage::Rest; });
        REQUIRE(s.push({CommandKind::StopSession}));
        exercise(s, &history, [](const protocol::ProtocolRunner& r) { return r.stage() == protocol::Stage::Done; });
        CHECK(history.celebration(s, 0).empty());
        history.finish(s, 0.f, 0.f);
    }
    frontend::SimFeed sim{home_sim()};
    session::UserEventFeed feed{sim};
    session::Session s{short_protocol(), &feed};
    REQUIRE(s.push({CommandKind::StartSession}));
    frontend::LiveHistory history{dir.path(), info()};
    exercise(s, &history, [](const protocol::ProtocolRunner& r) { return r.stage() == protocol::Stage::Done; });
    const history::Celebration c = history.celebration(s, 0);
    REQUIRE_FALSE(c.badges.empty());
    CHECK(c.badges.front().info.id == gamification::BadgeId::FirstSession);
    CHECK(c.bests.empty());  // nothing completed before it to beat
}
