// Simulated cuff and patient: how fast a whole session simulates, and (with --csv) the session
// itself as a telemetry v1 recording, for plots (scripts/plot_sim.py).
//
//   build/bench/bench_sim [--profile tight|loose] [--limb arm|leg] [--seed N] [--csv PATH]

#include "game/sim/sim_source.hpp"
#include "game/telemetry/format_v1.hpp"
#include "game/telemetry/recorder.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    bfr::sim::SimConfig config;
    config.measure_lop = true;
    std::string csv;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        const std::string value = argv[i + 1];
        if (key == "--profile") config.profile = value == "loose" ? bfr::sim::Profile::Loose : bfr::sim::Profile::Tight;
        else if (key == "--limb") config.limb = value == "leg" ? bfr::sim::Limb::Leg : bfr::sim::Limb::Arm;
        else if (key == "--seed") config.seed = std::strtoull(value.c_str(), nullptr, 10);
        else if (key == "--csv") csv = value;
        else {
            std::fprintf(stderr, "bench_sim: unknown option %s\n", key.c_str());
            return 2;
        }
    }
    constexpr std::int64_t kSessionNs = 10LL * 60 * 1'000'000'000;  // 10 simulated minutes
    std::vector<bfr::telemetry::Sample> out;
    out.reserve(2048);
    const auto start = std::chrono::steady_clock::now();
    std::uint64_t samples = 0;
    {
        bfr::sim::SimSource sim{config};
        for (std::int64_t t = 0; t <= kSessionNs; t += 16'666'666) {  // pulled tick by tick, as the app does
            out.clear();
            sim.advance_to(t, out);
            samples += out.size();
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("sim_session_10min: %.3f s (%.0f simulated minutes per second, %llu samples)\n", seconds,
                10.0 / seconds, static_cast<unsigned long long>(samples));
    if (!csv.empty()) {
        std::string error;
        auto recorder = bfr::telemetry_v1::Recorder::create(csv, bfr::telemetry_v1::schema(), "bench_sim", &error);
        if (!recorder) {
            std::fprintf(stderr, "bench_sim: %s\n", error.c_str());
            return 3;
        }
        bfr::sim::SimSource sim{config};
        for (std::int64_t t = 0; t <= kSessionNs; t += 16'666'666) {
            out.clear();
            sim.advance_to(t, out);
            for (const auto& s : out) recorder->write(s);
        }
        std::printf("wrote %s (true LOP %.1f mmHg)\n", csv.c_str(), sim.true_lop_mmhg());
    }
    return 0;
}
