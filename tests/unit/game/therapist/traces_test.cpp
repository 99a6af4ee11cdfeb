// The plots' traces: one point per 1/10 s for the whole run, every variable on a page.

#include "game/modes/therapist/traces.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace bfr;
using namespace bfr::modes::therapist;

TEST_CASE("trace: a point per slot, gaps filled, nothing recorded twice", "[therapist][traces]") {
    Trace t;
    TracePoint p{};
    p[0] = 1.f;
    t.record(0, p);
    p[0] = 2.f;
    t.record(3, p);  // same slot: ignored
    CHECK(t.size() == 1);
    t.record(kTraceTicks * 3, p);  // slots 1 and 2 skipped: filled
    CHECK(t.size() == 4);
    CHECK(t[0][0] == 1.f);
    CHECK(t[1][0] == 2.f);
    CHECK(t.index_at(kTraceTicks * 2 + 1) == 2);
    CHECK(t.index_at(1000) == 3);
    CHECK(t.max_in(static_cast<Var>(0), 0, 3) == 2.f);
    CHECK(Trace::tick_of(3) == 3 * kTraceTicks);
}

TEST_CASE("trace: the pages show every variable, the target as the cuff's band", "[therapist][traces]") {
    std::set<Var> shown;
    for (const PlotPage& page : plot_pages()) {
        REQUIRE(page.count <= page.vars.size());
        for (std::size_t i = 0; i < page.count; ++i) shown.insert(page.vars[i]);
    }
    for (std::size_t v = 0; v < kVarCount; ++v) {
        const Var var = static_cast<Var>(v);
        if (var == Var::TargetMmhg) continue;
        INFO(var_info(var).name);
        CHECK(shown.count(var) == 1);
    }
    CHECK(plot_pages().front().vars[0] == Var::CuffMmhg);
}

TEST_CASE("trace: plot scales", "[therapist][traces]") {
    CHECK(plot_top(0.f, 1.f) == Approx(1.f));
    CHECK(plot_top(3.f, 1.f) == Approx(5.f));
    CHECK(plot_top(2.f, 1.f) == Approx(2.f));
    CHECK(plot_top(21.f, 20.f) == Approx(25.f));
    CHECK(plot_top(130.f, 100.f) == Approx(200.f));
    const PlotRange ph = plot_range(Var::Ph, 7.03f);
    CHECK(ph.bottom == Approx(6.4f));
    CHECK(ph.top == Approx(7.1f));
    const PlotRange rpe = plot_range(Var::Rpe, 9.f);
    CHECK(rpe.bottom == Approx(6.f));
    CHECK(rpe.top == Approx(20.f));
    const PlotRange cuff = plot_range(Var::CuffMmhg, 93.f);
    CHECK(cuff.bottom == 0.f);
    CHECK(cuff.top == Approx(100.f));
}
