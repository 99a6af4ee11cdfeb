// Trace rows: their times in exact integer nanoseconds, and the state each one holds (the
// latest tick at or before the row's time), streamed by the Replayer.

#include "game/replay/trace.hpp"
#include "engine/core/time.hpp"
#include "game/replay/replayer.hpp"
#include "replay_test_support.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

using namespace bfr::replay;
using bfr::replay::test::ns;
using bfr::replay::test::sample_at;
using bfr::replay::test::VectorSource;

namespace {

struct Row {
    double t_s = 0.0;
    double cuff = 0.0;
    int reps = 0;
};

struct Trace {
    std::string header;
    std::vector<Row> rows;
    std::vector<std::string> lines;
};

/// Replays `samples` with a trace at `hz` and parses the trace back.
Trace replay_trace(std::vector<bfr::telemetry::Sample> samples, double hz) {
    VectorSource source{std::move(samples)};
    std::FILE* file = std::tmpfile();
    REQUIRE(file != nullptr);
    TraceWriter writer{file};
    ReplayConfig config;
    config.trace_hz = hz;
    Replayer replayer{source, config, &writer};
    replayer.run();
    REQUIRE(writer.flush());
    std::rewind(file);
    std::string text;
    char buffer[4096];
    for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, file)) > 0;) text.append(buffer, got);
    std::fclose(file);

    Trace trace;
    std::istringstream in(text);
    std::getline(in, trace.header);
    for (std::string line; std::getline(in, line);) {
        trace.lines.push_back(line);
        Row row;
        std::istringstream cells(line);
        std::string cell;
        std::vector<std::string> all;
        while (std::getline(cells, cell, ',')) all.push_back(cell);
        REQUIRE(all.size() >= 14);
        row.t_s = std::stod(all[0]);
        row.cuff = std::stod(all[1]);
        row.reps = std::stoi(all[13]);
        trace.rows.push_back(row);
    }
    return trace;
}

/// Cuff `before` up to (excluding) `step_s`, `after` from it; 50 Hz samples from 0 to `end_s`,
/// plus one sample exactly at `step_s`.
std::vector<bfr::telemetry::Sample> cuff_step(double step_s, double end_s, double before = 40.0, double after = 80.0) {
    std::vector<bfr::telemetry::Sample> out;
    bool stepped = false;
    for (int i = 0; i / 50.0 <= end_s + 1e-9; ++i) {
        const double t = i / 50.0;
        if (!stepped && ns(t) >= ns(step_s)) {
            if (ns(t) != ns(step_s)) {
                auto s = sample_at(step_s);
                s.set(bfr::telemetry_v1::kCuffMmhg, after);
                out.push_back(s);
            }
            stepped = true;
        }
        auto s = sample_at(t);
        s.set(bfr::telemetry_v1::kCuffMmhg, ns(t) >= ns(step_s) ? after : before);
        out.push_back(s);
    }
    return out;
}

}  // namespace

TEST_CASE("trace rows at 10, 7 and 60 Hz are at floor(k × 1e9 / hz) ns, exactly", "[replay][trace]") {
    const TraceClock ten{10.0};
    CHECK(ten.row_ns(0) == 0);
    CHECK(ten.row_ns(1) == 100'000'000);
    CHECK(ten.row_ns(36'000) == 3'600'000'000'000);
    const TraceClock seven{7.0};
    for (std::int64_t k = 0; k < 100'000; k += 37) {
        CHECK(seven.row_ns(static_cast<std::uint64_t>(k)) == k * 1'000'000'000 / 7);
    }
    const TraceClock sixty{60.0};
    for (bfr::core::Tick k = 0; k < 1'000'000; k += 997) CHECK(sixty.row_ns(k) == bfr::core::tick_end_ns(k));
    const TraceClock slow{2.5};
    CHECK(slow.row_ns(1) == 400'000'000);
    CHECK(slow.row_ns(3) == 1'200'000'000);
    // Far rows neither overflow nor go back.
    const TraceClock tiny{1e-6};
    CHECK(tiny.row_ns(1) == 1'000'000'000'000'000);
    CHECK(tiny.row_ns(100) == 100'000'000'000'000'000);
    CHECK(tiny.row_ns(10'000) == INT64_MAX);
    // Out-of-range rates fall back to 10 Hz.
    CHECK(TraceClock{0.0}.row_ns(1) == 100'000'000);
    CHECK(TraceClock{std::nan("")}.row_ns(1) == 100'000'000);
    // How many rows a recording gets: floor(duration × hz) + 1.
    CHECK(ten.rows_until(ns(119.98)) == 1200);
    CHECK(ten.rows_until(ns(120.0)) == 1201);
    CHECK(seven.rows_until(ns(10.0)) == 71);
    CHECK(sixty.rows_until(ns(1.0)) == 61);
    CHECK(ten.rows_until(0) == 1);
}

TEST_CASE("a recording that ends between rows: rows up to its last sample, header first", "[replay][trace]") {
    const Trace trace = replay_trace(cuff_step(1.0, 2.55), 10.0);
    CHECK(trace.header.rfind("t_s,cuff_mmHg,arterial_inflow_pct,venous_outflow_pct,pcr_pct,ph,lactate_mmol_l,"
                             "blood_lactate_mmol_l,smo2_pct,swelling_pct,metabolite,fatigue_pct,recruitment_pct,reps",
                             0) == 0);
    REQUIRE(trace.rows.size() == 26);  // 0, 0.1, …, 2.5
    for (std::size_t k = 0; k < trace.rows.size(); ++k) {
        CHECK(trace.rows[k].t_s == Approx(static_cast<double>(k) / 10.0).margin(1e-12));
    }
    CHECK(trace.lines[1].rfind("0.1,", 0) == 0);
    CHECK(trace.lines[25].rfind("2.5,", 0) == 0);
    // Row 0 holds tick 0: the sample at t = 0 (interfaces.md §3: samples at or before its end).
    CHECK(trace.rows[0].cuff == 40.0);
    CHECK(trace.rows[1].cuff == 40.0);
    CHECK(trace.rows[25].cuff == 80.0);
}

TEST_CASE("at 7 Hz the rows keep exact times and cover the recording", "[replay][trace]") {
    const Trace trace = replay_trace(cuff_step(1.0, 3.0), 7.0);
    REQUIRE(trace.rows.size() == 22);  // floor(3 × 7) + 1
    for (std::size_t k = 0; k < trace.rows.size(); ++k) {
        const auto row_ns = static_cast<std::int64_t>(k) * 1'000'000'000 / 7;
        CHECK(trace.rows[k].t_s == static_cast<double>(row_ns) / 1e9);
    }
}

TEST_CASE("a row holds the latest tick at or before its time (60 Hz and 10 Hz)", "[replay][trace]") {
    // 0.5 s is exactly the end of tick 30: a sample there is in tick 30, which row 30 shows.
    Trace trace = replay_trace(cuff_step(0.5, 1.0), 60.0);
    REQUIRE(trace.rows.size() == 61);
    CHECK(trace.rows[29].cuff == 40.0);
    CHECK(trace.rows[30].cuff == 80.0);
    // A sample 1 ms later belongs to tick 31: row 30 still shows the old pressure.
    trace = replay_trace(cuff_step(0.501, 1.0), 60.0);
    CHECK(trace.rows[30].cuff == 40.0);
    CHECK(trace.rows[31].cuff == 80.0);
    // 10 Hz: a sample at 0.49 s is in tick 30 (ending at 0.5 s): the 0.5 s row shows it…
    trace = replay_trace(cuff_step(0.49, 1.0), 10.0);
    CHECK(trace.rows[4].cuff == 40.0);
    CHECK(trace.rows[5].cuff == 80.0);
    // …a sample at 0.51 s is in tick 31 (ending at 0.5167 s): the 0.5 s row does not.
    trace = replay_trace(cuff_step(0.51, 1.0), 10.0);
    CHECK(trace.rows[5].cuff == 40.0);
    CHECK(trace.rows[6].cuff == 80.0);
}

TEST_CASE("the trace's reps column counts the reps committed so far", "[replay][trace]") {
    std::vector<bfr::telemetry::Sample> samples;
    for (int i = 0; i <= 500; ++i) {  // 50 Hz, 10 s: contractions 1–2 s, 4–5 s, 7–8 s
        const double t = i / 50.0;
        auto s = sample_at(t);
        const bool up = (t >= 1.0 && t < 2.0 - 1e-9) || (t >= 4.0 && t < 5.0 - 1e-9) || (t >= 7.0 && t < 8.0 - 1e-9);
        s.set(bfr::telemetry_v1::kEffort, up ? 0.4 : 0.0);
        samples.push_back(s);
    }
    const Trace trace = replay_trace(samples, 10.0);
    REQUIRE(trace.rows.size() == 101);
    // Committed at 2.1, 5.1 and 8.1 s (back at rest for 0.1 s).
    CHECK(trace.rows[20].reps == 0);
    CHECK(trace.rows[21].reps == 1);
    CHECK(trace.rows[50].reps == 1);
    CHECK(trace.rows[51].reps == 2);
    CHECK(trace.rows[81].reps == 3);
    CHECK(trace.rows[100].reps == 3);
}

TEST_CASE("a trace row's cells: fixed decimals, no -0, an empty cell for a missing value", "[replay][trace]") {
    TraceState state;
    state.cuff_mmHg = 90.004;
    state.out.ph = 7.03;
    state.out.metabolite = -0.00001;
    state.out.fatigue_pct = std::nan("");
    state.reps = 3;
    const std::string row = format_trace_row(1'500'000'000, state);
    CHECK(row.rfind("1.5,90.00,", 0) == 0);
    CHECK(row.find(",7.0300,") != std::string::npos);
    CHECK(row.find("-0") == std::string::npos);
    CHECK(row.find(",0.0000,,") != std::string::npos);  // metabolite 0, fatigue empty
    CHECK(row.find(",3,") != std::string::npos);
}
