#include "allocation_counter.hpp"
#include "sim_test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

using namespace bfr::sim;
using namespace bfr::sim::test;

namespace {

bool same_sample(const Sample& a, const Sample& b) {
    return a.t_ns == b.t_ns && a.present == b.present && a.event == b.event &&
           std::memcmp(a.values.data(), b.values.data(), sizeof(double) * v1::kColumnCount) == 0;
}

bool same_rows(const std::vector<Sample>& a, const std::vector<Sample>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!same_sample(a[i], b[i])) return false;
    }
    return true;
}

SimConfig manual_config() {
    SimConfig c;
    c.auto_tempo = false;
    c.measure_lop = false;
    return c;
}

}  // namespace

TEST_CASE("the same seed gives identical samples and another seed different ones", "[sim][source]") {
    SimConfig c;
    c.seed = 11;
    const auto a = run(c, 90.0);
    const auto b = run(c, 90.0);
    REQUIRE(a.size() == 9001);
    CHECK(same_rows(a, b));
    c.seed = 12;
    const auto d = run(c, 90.0);
    REQUIRE(d.size() == a.size());
    int differing = 0;
    for (std::size_t i = 0; i < a.size(); ++i) differing += same_sample(a[i], d[i]) ? 0 : 1;
    CHECK(differing > 8000);
}

TEST_CASE("samples come at exact integer times whatever the calling pattern", "[sim][source]") {
    SimConfig c;
    const auto whole = run(c, 30.0);
    REQUIRE(whole.size() == 3001);
    for (std::size_t k = 0; k < whole.size(); ++k) REQUIRE(whole[k].t_ns == static_cast<std::int64_t>(k) * 10'000'000);

    // Pulled at 60 Hz tick ends (floor(k·1e9/60)) exactly as the app does: the same rows.
    SimSource sim(c);
    std::vector<Sample> ticks;
    for (std::int64_t k = 0; k <= 1800; ++k) {
        const std::size_t before = ticks.size();
        const std::int64_t end = (k * 1'000'000'000) / 60;
        sim.advance_to(end, ticks);
        for (std::size_t i = before; i < ticks.size(); ++i) REQUIRE(ticks[i].t_ns <= end);
        CHECK(sim.now_ns() <= end);
    }
    CHECK(same_rows(whole, ticks));

    // Other rates: t_k = floor(k·1e9/rate).
    c.sample_rate_hz = 60;
    const auto at60 = run(c, 2.0);
    REQUIRE(at60.size() == 121);
    CHECK(at60[1].t_ns == 16'666'666);
    CHECK(at60[2].t_ns == 33'333'333);
    CHECK(at60[60].t_ns == 1'000'000'000);
    c.sample_rate_hz = 5000;  // clamped to 1000 Hz
    CHECK(run(c, 1.0).size() == 1001);
}

TEST_CASE("a lower sample rate emits a subset of the same readings", "[sim][source]") {
    SimConfig c;
    c.seed = 4;
    const auto fast = run(c, 60.0);
    c.sample_rate_hz = 50;
    const auto slow = run(c, 60.0);
    REQUIRE(slow.size() == 3001);
    for (std::size_t k = 0; k < slow.size(); ++k) {
        const Sample& a = slow[k];
        const Sample& b = fast[2 * k];
        REQUIRE(a.t_ns == b.t_ns);
        CHECK(std::memcmp(a.values.data(), b.values.data(), sizeof(double) * v1::kColumnCount) == 0);
    }
}

TEST_CASE("every sample carries the telemetry v1 columns a device and IMU would", "[sim][source]") {
    SimConfig c = manual_config();
    const auto rows = run(c, 5.0);
    for (const auto& r : rows) {
        for (std::size_t col : {v1::kCuffMmhg, v1::kLopMmhg, v1::kLoadPct1rm, v1::kEffort, v1::kAxG, v1::kAyG, v1::kAzG,
                                v1::kGxDps, v1::kGyDps, v1::kGzDps, v1::kAngleDeg}) {
            REQUIRE(r.has(col));
            REQUIRE(std::isfinite(r.get(col)));
        }
        CHECK(r.get(v1::kCuffMmhg) >= 0.0);
        CHECK(r.get(v1::kLoadPct1rm) == 30.0);
        CHECK(r.get(v1::kLopMmhg) == 170.0);
        CHECK(r.has(v1::kTargetMmhg) == (r.t_ns >= ns(1.0)));
    }
    CHECK(rows.back().get(v1::kTargetMmhg) == Approx(85.0));  // 50 % of 170 mmHg
    CHECK(event_time(rows, "inflate") == ns(1.0));
}

TEST_CASE("a dropout leaves a gap and the events of the gap arrive after it", "[sim][source]") {
    SimConfig c = manual_config();
    c.dropout_start_ns = ns(0.5);
    c.dropout_ns = ns(3.0);
    const auto rows = run(c, 6.0);
    std::int64_t max_gap = 0, gap_end = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        if (rows[i].t_ns - rows[i - 1].t_ns > max_gap) {
            max_gap = rows[i].t_ns - rows[i - 1].t_ns;
            gap_end = rows[i].t_ns;
        }
    }
    CHECK(max_gap == ns(3.01));
    CHECK(gap_end == ns(3.5));
    CHECK(rows.size() == 601 - 300);
    CHECK(event_time(rows, "inflate") == ns(3.5));  // happened at 1 s, inside the gap

    // On request at run time too.
    SimSource sim(manual_config());
    std::vector<Sample> out;
    sim.advance_to(ns(10.0), out);
    sim.inject_dropout(ns(2.5));
    out.clear();
    sim.advance_to(ns(20.0), out);
    REQUIRE_FALSE(out.empty());
    CHECK(out.front().t_ns == ns(12.5));
}

TEST_CASE("contract input moves the limb, pushes the cuff and is echoed as events", "[sim][source]") {
    SimConfig c = manual_config();
    c.limb = Limb::Leg;
    SimSource sim(c);
    std::vector<Sample> rows;
    sim.advance_to(ns(15.0), rows);
    const double before = rows.back().get(v1::kCuffMmhg);
    CHECK(rows.back().get(v1::kAngleDeg) == Approx(90.0));
    sim.set_contract(true);
    sim.set_contract(true);  // no change, no second event
    rows.clear();
    sim.advance_to(ns(16.5), rows);
    CHECK(rows.front().t_ns == ns(15.01));
    CHECK(rows.front().event == "contract_down");
    CHECK(rows.back().get(v1::kAngleDeg) == Approx(5.0).margin(0.01));  // held at the top
    double peak = 0.0;
    for (const auto& r : rows) peak = std::max(peak, r.get(v1::kCuffMmhg));
    CHECK(peak > before + 10.0);  // the contracting thigh pushes into the bladder
    sim.set_contract(false);
    rows.clear();
    sim.advance_to(ns(18.0), rows);
    CHECK(rows.front().event == "contract_up");
    CHECK(rows.back().get(v1::kAngleDeg) == Approx(90.0).margin(0.01));
    CHECK(event_times(rows, "set_start").empty());  // no protocol without auto tempo
}

TEST_CASE("a target change is followed, 0 deflates and a new target inflates again", "[sim][source]") {
    SimSource sim(manual_config());
    std::vector<Sample> rows;
    sim.advance_to(ns(15.0), rows);
    CHECK(rows.back().get(v1::kCuffMmhg) == Approx(85.0).margin(6.0));
    sim.set_target_pct_lop(40.0);
    rows.clear();
    sim.advance_to(ns(30.0), rows);
    CHECK(rows.back().get(v1::kTargetMmhg) == Approx(68.0));
    CHECK(rows.back().get(v1::kCuffMmhg) == Approx(68.0).margin(5.0));
    sim.set_target_pct_lop(0.0);
    rows.clear();
    sim.advance_to(ns(40.0), rows);
    CHECK(rows.front().event == "deflate");
    CHECK(rows.back().get(v1::kTargetMmhg) == 0.0);
    CHECK(rows.back().get(v1::kCuffMmhg) < 5.0);
    sim.set_target_pct_lop(50.0);
    rows.clear();
    sim.advance_to(ns(50.0), rows);
    CHECK(rows.front().event == "inflate");
    CHECK(rows.back().get(v1::kCuffMmhg) == Approx(85.0).margin(6.0));
}

TEST_CASE("a long run reuses the caller's buffer and does not allocate per step", "[sim][source]") {
    SimConfig c;  // defaults: LOP measurement, protocol, deflation, then idle
    SimSource sim(c);
    std::vector<Sample> out;
    out.reserve(64);
    const std::size_t capacity = out.capacity();
    const std::size_t allocations_before = allocation_count();
    std::size_t rows = 0, event_rows = 0;
    for (std::int64_t k = 1; k <= 600 * 60; ++k) {  // 10 simulated minutes in 60 Hz ticks
        out.clear();
        sim.advance_to((k * 1'000'000'000) / 60, out);
        rows += out.size();
        for (const auto& s : out) event_rows += s.event.empty() ? 0u : 1u;
    }
    CHECK(rows == 60001);
    CHECK(out.capacity() == capacity);
    CHECK(event_rows >= 15);
    if (allocation_counting_enabled()) {
        // Only an event text longer than the small-string buffer may allocate.
        CHECK(allocation_count() - allocations_before <= event_rows);
    } else {
        WARN("allocation counting is off under AddressSanitizer; only the buffer capacity was checked");
    }
}

TEST_CASE("auto tempo can pause at rest after every few reps of a set", "[sim][source]") {
    SimConfig c;
    c.measure_lop = false;
    c.set_reps = {15};
    c.pause_every_reps = 5;
    c.pause_ns = 6 * kNsPerS;
    const auto samples = run(c, 80.0);
    std::int64_t start = -1;
    std::int64_t end = -1;
    std::vector<double> ups;  // when each rep passes half way up
    bool contracting = false;
    for (const auto& s : samples) {
        if (s.event == "set_start") start = s.t_ns;
        if (s.event == "set_end") end = s.t_ns;
        if (!s.has(v1::kAngleDeg)) continue;
        const double angle = s.values[v1::kAngleDeg];  // the elbow: 10° at rest, 135° at the top
        if (!contracting && angle > 80.0) {
            contracting = true;
            if (start >= 0 && end < 0) ups.push_back(static_cast<double>(s.t_ns - start) * 1e-9);
        } else if (contracting && angle < 40.0) {
            contracting = false;
        }
    }
    REQUIRE(start >= 0);
    REQUIRE(end > start);
    // Three groups of five 2-s reps with 6-s pauses between: the set ends when the 15th rep does.
    CHECK(static_cast<double>(end - start) * 1e-9 == Approx(3 * 10.0 + 2 * 6.0).margin(0.02));
    REQUIRE(ups.size() == 15);
    CHECK(ups[5] - ups[4] == Approx(8.0).margin(0.3));   // a rep, then the pause
    CHECK(ups[6] - ups[5] == Approx(2.0).margin(0.3));   // back to the tempo
}
