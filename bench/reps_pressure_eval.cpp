// Rep counting from the cuff pressure alone, on simulated cuffs across the conditions real cuffs
// vary (docs/reps.md, "Cuff pressure"): each condition is a 30-15-15-15 block (75 reps) and a
// set with no reps, per seed; prints accuracy per condition and overall with the same bars as
// eval-reps. Deterministic.
//   build/bench/bench_reps_pressure [--seeds N]

#include "game/reps/pressure_counter.hpp"
#include "game/sim/sim_source.hpp"
#include "game/telemetry/format_v1.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

struct Tally {
    int n = 0, exact = 0, within = 0;
    double abs_err = 0.0, bias = 0.0;
    void add(int counted, int truth) {
        const int e = counted - truth;
        ++n;
        exact += e == 0;
        within += std::abs(e) <= 1;
        abs_err += std::abs(e);
        bias += e;
    }
    void print(const char* name) const {
        std::printf("%-44s %4d %7.1f%% %7.1f%% %6.2f %+6.2f\n", name, n, 100.0 * exact / std::max(n, 1),
                    100.0 * within / std::max(n, 1), abs_err / std::max(n, 1), bias / std::max(n, 1));
    }
};

/// Reps counted from the pressure in each set of a simulated block: the sets come from the sim's
/// events, each rep belongs to the set its turning point (the pressure's peak) falls in.
std::vector<int> count_block(const bfr::sim::SimConfig& config, std::vector<int>& truth) {
    bfr::sim::SimSource sim{config};
    std::vector<bfr::telemetry::Sample> samples;
    std::int64_t block_ns = 60LL * 1'000'000'000;  // inflation and margins
    for (const auto r : config.set_reps) {
        block_ns += static_cast<std::int64_t>(r) * config.rep_ns + config.rest_ns;
        if (config.pause_every_reps > 0) block_ns += static_cast<std::int64_t>(r / config.pause_every_reps + 1) * config.pause_ns;
    }
    sim.advance_to(block_ns, samples);
    bfr::reps::PressureRepCounter counter;
    std::vector<std::pair<std::int64_t, std::int64_t>> sets;
    std::vector<std::int64_t> turns;
    for (const auto& s : samples) {
        if (s.event == "set_start") sets.emplace_back(s.t_ns, block_ns);
        if (s.event == "set_end" && !sets.empty()) sets.back().second = s.t_ns;
        if (s.has(bfr::telemetry_v1::kCuffMmhg)) {
            if (const auto rep = counter.push(s.t_ns, s.values[bfr::telemetry_v1::kCuffMmhg])) turns.push_back(rep->turn_ns);
        }
    }
    if (const auto rep = counter.finish()) turns.push_back(rep->turn_ns);
    std::vector<int> per_set(sets.size(), 0);
    for (const std::int64_t t : turns) {
        for (std::size_t k = 0; k < sets.size(); ++k) {
            if (t >= sets[k].first && t <= sets[k].second) ++per_set[k];
        }
    }
    truth.assign(config.set_reps.begin(), config.set_reps.end());
    return per_set;
}

}  // namespace

int main(int argc, char** argv) {
    int seeds = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--seeds") == 0) seeds = std::max(1, std::atoi(argv[i + 1]));
    }
    std::printf("%-44s %4s %8s %8s %6s %6s\n", "condition (sets)", "n", "exact", "within1", "mae", "bias");
    Tally all;
    auto run = [&](const char* name, auto&& tweak) {
        Tally t;
        for (int seed = 1; seed <= seeds; ++seed) {
            bfr::sim::SimConfig c;
            c.measure_lop = false;
            c.seed = static_cast<std::uint64_t>(seed);
            tweak(c);
            std::vector<int> truth;
            const auto counted = count_block(c, truth);
            for (std::size_t k = 0; k < truth.size() && k < counted.size(); ++k) {
                t.add(counted[k], static_cast<int>(truth[k]));
                all.add(counted[k], static_cast<int>(truth[k]));
            }
        }
        t.print(name);
    };
    run("default (arm, autoregulated, 50 % LOP)", [](bfr::sim::SimConfig&) {});
    run("leaky, re-pumping cuff", [](bfr::sim::SimConfig& c) { c.profile = bfr::sim::Profile::Loose; });
    run("40 % LOP", [](bfr::sim::SimConfig& c) { c.target_pct_lop = 40.0; });
    run("80 % LOP", [](bfr::sim::SimConfig& c) { c.target_pct_lop = 80.0; });
    run("LOP 120 mmHg", [](bfr::sim::SimConfig& c) { c.lop_mmhg = 120.0; });
    run("LOP 220 mmHg", [](bfr::sim::SimConfig& c) { c.lop_mmhg = 220.0; });
    run("25 Hz", [](bfr::sim::SimConfig& c) { c.sample_rate_hz = 25; });
    run("tempo 3 s per rep", [](bfr::sim::SimConfig& c) { c.rep_ns = 3'000'000'000; });
    run("tempo 5 s per rep", [](bfr::sim::SimConfig& c) { c.rep_ns = 5'000'000'000; });
    run("light load (15 %1RM: small rises)", [](bfr::sim::SimConfig& c) { c.load_pct_1rm = 15.0; });
    run("heavy load (40 %1RM)", [](bfr::sim::SimConfig& c) { c.load_pct_1rm = 40.0; });
    run("leg", [](bfr::sim::SimConfig& c) { c.limb = bfr::sim::Limb::Leg; });
    run("pulse 50 bpm", [](bfr::sim::SimConfig& c) { c.rest_heart_rate_bpm = 50.0; });
    run("pulse 110 bpm", [](bfr::sim::SimConfig& c) { c.rest_heart_rate_bpm = 110.0; });
    run("noisy sensor (1 mmHg sd)", [](bfr::sim::SimConfig& c) { c.sensor_noise_mmhg = 1.0; });
    run("small reps (~5 % LOP peak to valley)", [](bfr::sim::SimConfig& c) { c.contraction_scale = 0.33; });
    run("large reps (~25 % LOP)", [](bfr::sim::SimConfig& c) { c.contraction_scale = 1.67; });
    run("pauses of 6 s after every 5 reps", [](bfr::sim::SimConfig& c) {
        c.pause_every_reps = 5;
        c.pause_ns = 6'000'000'000;
    });
    run("pauses, tempo 4 s, leaky", [](bfr::sim::SimConfig& c) {
        c.pause_every_reps = 4;
        c.pause_ns = 5'000'000'000;
        c.rep_ns = 4'000'000'000;
        c.profile = bfr::sim::Profile::Loose;
    });
    run("small reps, 110 bpm, noisy, leaky, 25 Hz", [](bfr::sim::SimConfig& c) {
        c.contraction_scale = 0.33;
        c.rest_heart_rate_bpm = 110.0;
        c.sensor_noise_mmhg = 1.0;
        c.profile = bfr::sim::Profile::Loose;
        c.sample_rate_hz = 25;
    });
    run("leg, leaky, 25 Hz, 80 % LOP", [](bfr::sim::SimConfig& c) {
        c.limb = bfr::sim::Limb::Leg;
        c.profile = bfr::sim::Profile::Loose;
        c.sample_rate_hz = 25;
        c.target_pct_lop = 80.0;
    });
    all.print("all");

    // No reps at all: the cuff inflated and held for four minutes while the patient stays still.
    Tally idle;
    for (int seed = 1; seed <= seeds; ++seed) {
        for (const auto profile : {bfr::sim::Profile::Tight, bfr::sim::Profile::Loose}) {
            bfr::sim::SimConfig c;
            c.measure_lop = false;
            c.auto_tempo = false;
            c.profile = profile;
            c.seed = static_cast<std::uint64_t>(seed);
            c.rest_heart_rate_bpm = 110.0;
            c.sensor_noise_mmhg = 1.0;
            bfr::sim::SimSource sim{c};
            std::vector<bfr::telemetry::Sample> samples;
            sim.advance_to(240LL * 1'000'000'000, samples);
            bfr::reps::PressureRepCounter counter;
            int counted = 0;
            for (const auto& x : samples) {
                if (x.has(bfr::telemetry_v1::kCuffMmhg) && counter.push(x.t_ns, x.values[bfr::telemetry_v1::kCuffMmhg])) ++counted;
            }
            counted += counter.finish() ? 1 : 0;
            idle.add(counted, 0);
        }
    }
    idle.print("no reps: 4 min held still (recordings)");
    return 0;
}
