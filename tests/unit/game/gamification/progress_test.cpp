// Consistency badges, personal bests and trends (docs/gamification.md B1–B7, R1–R3, T1–T3).
#include "gamification_test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

using namespace bfr::gamification;
using namespace bfr::gamification::test;

namespace {

constexpr std::int64_t kDay = 86400;

/// `weeks` perfect weeks, Mon and Thu 18:00 UTC, from Monday 1 January 2024.
std::vector<SessionRecord> twice_a_week(int weeks) {
    std::vector<SessionRecord> s;
    for (int w = 0; w < weeks; ++w) {
        const std::int64_t monday = at(2024, 1, 1, 18, 0) + w * 7 * kDay;
        s.push_back(done(monday));
        s.push_back(done(monday + 3 * kDay));
    }
    return s;
}

std::vector<BadgeId> ids(const std::vector<Badge>& badges) {
    std::vector<BadgeId> out;
    for (const Badge& b : badges) out.push_back(b.info.id);
    return out;
}

}  // namespace

TEST_CASE("badges: twelve weeks twice a week, then a comeback", "[gamification][badges]") {
    std::vector<SessionRecord> s = twice_a_week(12);
    const std::vector<Badge> b = earned_badges(s, 0);
    REQUIRE(ids(b) == std::vector<BadgeId>{BadgeId::FirstSession, BadgeId::FirstPerfectWeek, BadgeId::PerfectWeeks3,
                                           BadgeId::Sessions10, BadgeId::WellSpaced, BadgeId::PerfectWeeks6,
                                           BadgeId::PerfectWeeks12});
    CHECK(b[0].earned_on == LocalDate{2024, 1, 1});
    CHECK(b[0].session_index == 0);
    CHECK(b[1].earned_on == LocalDate{2024, 1, 4});
    CHECK(b[2].earned_on == LocalDate{2024, 1, 18});
    CHECK(b[3].earned_on == LocalDate{2024, 2, 1});
    CHECK(b[3].session_index == 9);
    CHECK(b[4].earned_on == LocalDate{2024, 2, 1});
    CHECK(b[5].earned_on == LocalDate{2024, 2, 8});
    CHECK(b[6].earned_on == LocalDate{2024, 3, 21});
    CHECK(b[6].earned_unix_s == at(2024, 3, 21, 18, 0));
    CHECK(b[0].info.title == "First session");
    CHECK(b[0].info.key == "first_session");
    CHECK_FALSE(b[6].info.description.empty());

    // 20 days away, then back: the 25th session is also a comeback; more sessions earn nothing twice.
    s.push_back(done(at(2024, 4, 10, 18, 0)));
    for (int i = 1; i <= 30; ++i) s.push_back(done(at(2024, 4, 10, 18, 0) + i * 3 * kDay));
    const std::vector<Badge> all = earned_badges(s, 0);
    CHECK(all.size() == 10);
    CHECK(all[7].info.id == BadgeId::Sessions25);
    CHECK(all[8].info.id == BadgeId::Comeback);
    CHECK(all[7].earned_on == LocalDate{2024, 4, 10});
    CHECK(all[8].session_index == 24);
    CHECK(all[9].info.id == BadgeId::Sessions50);
    for (std::size_t k = 0; k < kBadgeCount; ++k) {
        const auto id = static_cast<BadgeId>(k);
        CHECK(std::count_if(all.begin(), all.end(), [id](const Badge& x) { return x.info.id == id; }) == 1);
    }
    // The order of the list given does not matter; indices refer to it.
    std::vector<SessionRecord> reversed(s.rbegin(), s.rend());
    const std::vector<Badge> again = earned_badges(reversed, 0);
    REQUIRE(ids(again) == ids(all));
    CHECK(again[0].session_index == s.size() - 1);
    CHECK(again[8].earned_on == all[8].earned_on);
}

TEST_CASE("badges: new_badges tells what the latest session earned", "[gamification][badges]") {
    const std::vector<SessionRecord> s = twice_a_week(6);
    const std::vector<SessionRecord> nine(s.begin(), s.begin() + 9);
    CHECK(ids(new_badges(nine, s[9], 0)) == std::vector<BadgeId>{BadgeId::Sessions10, BadgeId::WellSpaced});
    const std::vector<SessionRecord> ten(s.begin(), s.begin() + 10);
    CHECK(new_badges(ten, s[10], 0).empty());
    CHECK(ids(new_badges({}, s[0], 0)) == std::vector<BadgeId>{BadgeId::FirstSession});
}

TEST_CASE("badges: comeback from exactly 14 days away", "[gamification][badges]") {
    const std::int64_t t0 = at(2024, 1, 1, 18, 0);
    CHECK(ids(earned_badges({done(t0), done(t0 + 14 * kDay)}, 0)) ==
          std::vector<BadgeId>{BadgeId::FirstSession, BadgeId::Comeback});
    CHECK(ids(earned_badges({done(t0), done(t0 + 14 * kDay - 1)}, 0)) == std::vector<BadgeId>{BadgeId::FirstSession});
}

TEST_CASE("badges: a week spoiled later keeps the badge it earned", "[gamification][badges]") {
    const std::vector<SessionRecord> s{done(at(2024, 1, 1, 18, 0)), done(at(2024, 1, 3, 18, 0)),
                                       done(at(2024, 1, 5, 18, 0)), done(at(2024, 1, 7, 18, 0))};
    const std::vector<Badge> b = earned_badges(s, 0);
    REQUIRE(ids(b) == std::vector<BadgeId>{BadgeId::FirstSession, BadgeId::FirstPerfectWeek});
    CHECK(b[1].earned_on == LocalDate{2024, 1, 3});
    CHECK_FALSE(weekly_streaks(s, at(2024, 1, 8, 0, 0), 0).weeks[0].perfect);
}

TEST_CASE("badges: sessions not completed and close pairs earn nothing", "[gamification][badges]") {
    std::vector<SessionRecord> s = twice_a_week(5);
    s[4].completed = false;
    const std::vector<BadgeId> nine_done = ids(earned_badges(s, 0));
    CHECK(std::find(nine_done.begin(), nine_done.end(), BadgeId::Sessions10) == nine_done.end());
    // Ten completed sessions, but the 10th came 14 h after the 9th: no "well spaced".
    const std::vector<SessionRecord> five_weeks = twice_a_week(5);
    std::vector<SessionRecord> t(five_weeks.begin(), five_weeks.begin() + 9);
    t.push_back(done(t.back().started_unix_s + 14 * 3600));
    const std::vector<BadgeId> got = ids(earned_badges(t, 0));
    CHECK(std::find(got.begin(), got.end(), BadgeId::Sessions10) != got.end());
    CHECK(std::find(got.begin(), got.end(), BadgeId::WellSpaced) == got.end());
    // Perfect weeks need not be consecutive for the 3-week badge.
    std::vector<SessionRecord> gaps;
    for (int w : {0, 2, 4}) {
        const std::int64_t monday = at(2024, 1, 1, 18, 0) + w * 7 * kDay;
        gaps.push_back(done(monday));
        gaps.push_back(done(monday + 3 * kDay));
    }
    const std::vector<BadgeId> g = ids(earned_badges(gaps, 0));
    CHECK(std::find(g.begin(), g.end(), BadgeId::PerfectWeeks3) != g.end());
    CHECK(badge_catalogue().size() == kBadgeCount);
    CHECK(badge_info(BadgeId::WellSpaced).key == "well_spaced");
}

TEST_CASE("personal bests: each with the session it came from", "[gamification][bests]") {
    std::vector<SessionRecord> s{done(at(2024, 1, 1, 18, 0), 60, 30.0), done(at(2024, 1, 4, 18, 0), 75, 30.0),
                                 done(at(2024, 1, 8, 18, 0), 70, 35.0), abandoned(at(2024, 1, 10, 18, 0))};
    s[0].time_in_band_pct = 80.0;
    s[1].points = 1500;
    s[2].time_in_band_pct = 92.0;
    s[2].points = 1400;
    s[3].reps = 100;  // not completed: not a record
    s[3].load_pct1rm = 40.0;

    const PersonalBests pb = personal_bests(s);
    REQUIRE(pb.get(BestKind::MostReps));
    CHECK(pb.get(BestKind::MostReps)->value == 75.0);
    CHECK(pb.get(BestKind::MostReps)->session_index == 1);
    CHECK(pb.get(BestKind::HighestLoad)->value == 35.0);
    CHECK(pb.get(BestKind::HighestLoad)->session_index == 2);
    CHECK(pb.get(BestKind::BestTimeInBand)->value == 92.0);
    CHECK(pb.get(BestKind::BestTimeInBand)->started_unix_s == at(2024, 1, 8, 18, 0));
    CHECK(pb.get(BestKind::BestPoints)->value == 1500.0);
    CHECK(pb.get(BestKind::BestPoints)->session_index == 1);
    // Ties go to the earlier session.
    const PersonalBests first_two = personal_bests({s[0], s[1]});
    CHECK(first_two.get(BestKind::HighestLoad)->session_index == 0);
    CHECK_FALSE(personal_bests({}).get(BestKind::MostReps).has_value());
    CHECK_FALSE(personal_bests({s[0]}).get(BestKind::BestPoints).has_value());
    CHECK(best_title(BestKind::BestTimeInBand) == "Best time in band");
}

TEST_CASE("personal bests: what a new session beats, strictly", "[gamification][bests]") {
    std::vector<SessionRecord> s{done(at(2024, 1, 1, 18, 0), 60, 30.0), done(at(2024, 1, 4, 18, 0), 75, 35.0)};
    s[0].time_in_band_pct = 92.0;
    s[1].points = 1500;
    SessionRecord latest = done(at(2024, 1, 8, 18, 0), 80, 35.0);
    latest.time_in_band_pct = 95.0;
    latest.points = 1500;
    const std::vector<NewBest> nb = new_personal_bests(s, latest);
    REQUIRE(nb.size() == 2);
    CHECK(nb[0].kind == BestKind::MostReps);
    CHECK(nb[0].value == 80.0);
    CHECK(nb[0].previous_value == 75.0);
    CHECK(nb[0].previous_started_unix_s == at(2024, 1, 4, 18, 0));
    CHECK(nb[1].kind == BestKind::BestTimeInBand);
    CHECK(nb[1].previous_value == 92.0);
    CHECK(new_personal_bests({}, latest).empty());  // nothing to beat yet
    latest.completed = false;
    CHECK(new_personal_bests(s, latest).empty());
}

TEST_CASE("trends: load up 10 %1RM over 6 weeks", "[gamification][trends]") {
    const std::vector<SessionRecord> s{done(at(2024, 1, 1, 18, 0), 75, 30.0), done(at(2024, 1, 22, 18, 0), 75, 35.0),
                                       done(at(2024, 2, 12, 18, 0), 75, 40.0), abandoned(at(2024, 2, 13, 18, 0))};
    const Trend t = trend(s, Metric::LoadPct1rm, 0);
    REQUIRE(t.points.size() == 3);
    CHECK(t.points[1].weeks == Approx(3.0));
    REQUIRE(t.slope_per_4_weeks);
    CHECK(*t.slope_per_4_weeks == Approx(40.0 / 6.0));
    CHECK(t.span_weeks == Approx(6.0));
    CHECK(t.change == Approx(10.0));
    CHECK(t.summary == "load up 10 %1RM over 6 weeks");
    REQUIRE(t.weekly.size() == 7);
    CHECK(t.weekly[0].monday == LocalDate{2024, 1, 1});
    CHECK(*t.weekly[0].mean == 30.0);
    CHECK_FALSE(t.weekly[1].mean.has_value());
    CHECK(t.weekly[3].sessions == 1);
    CHECK(*t.weekly[6].mean == 40.0);
    CHECK(trend(s, Metric::Reps, 0).summary == "reps per session steady at 75 over 6 weeks");
}

TEST_CASE("trends: steady, down, missing values and too few sessions", "[gamification][trends]") {
    const std::vector<SessionRecord> lop{done(at(2024, 1, 1, 18, 0), 75, 30.0, 180.0),
                                         done(at(2024, 1, 8, 18, 0), 75, 30.0, 181.0),
                                         done(at(2024, 1, 15, 18, 0), 75, 30.0, 180.0)};
    const Trend l = trend(lop, Metric::LopMmHg, 0);
    CHECK(*l.slope_per_4_weeks == Approx(0.0).margin(1e-12));
    CHECK(l.summary == "LOP steady at 180 mmHg over 2 weeks");

    const std::vector<SessionRecord> reps{done(at(2024, 1, 1, 18, 0), 60), done(at(2024, 1, 11, 18, 0), 50)};
    CHECK(trend(reps, Metric::Reps, 0).summary == "reps per session down 10 over 10 days");

    std::vector<SessionRecord> band{done(at(2024, 1, 1, 18, 0)), done(at(2024, 1, 8, 18, 0)), done(at(2024, 1, 15, 18, 0))};
    band[0].time_in_band_pct = 70.0;
    band[2].time_in_band_pct = 80.0;
    const Trend b = trend(band, Metric::TimeInBandPct, 0);
    CHECK(b.points.size() == 2);
    CHECK(b.summary == "time in band up 10 % over 2 weeks");
    CHECK(b.weekly.size() == 3);
    CHECK_FALSE(b.weekly[1].mean.has_value());

    const Trend one = trend({done(at(2024, 1, 1, 18, 0))}, Metric::LoadPct1rm, 0);
    CHECK_FALSE(one.slope_per_4_weeks.has_value());
    CHECK(one.summary == "not enough sessions yet for a load trend");
    CHECK(trend({}, Metric::LoadPct1rm, 0).summary == "no sessions yet for a load trend");
    // A session with an unknown LOP (0) is left out of the LOP trend.
    CHECK(trend({done(at(2024, 1, 1, 18, 0), 75, 30.0, 0.0)}, Metric::LopMmHg, 0).points.empty());
}
