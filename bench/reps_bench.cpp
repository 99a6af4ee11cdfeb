// Cost of the rep counters per telemetry sample (issue: all counters together under 1 µs per
// sample). Feeds RepCounting a synthetic 100 Hz stream carrying every signal at once (effort,
// joint angle, accelerometer, gyroscope, cuff pressure and contract events) for a 30-15-15-15
// block repeated, and prints ns per sample; also the motion counter alone.
//   build/bench/bench_reps [--minutes N]

#include "game/reps/motion_counter.hpp"
#include "game/reps/rep_counting.hpp"
#include "game/telemetry/format_v1.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

constexpr double kPi = 3.14159265358979323846;

/// 0 at rest, 1 at the top; 2 s reps in a 30-15-15-15 block with 30 s rests, repeating.
double progress(double t) {
    const double block = 60.0 + 30.0 + 30.0 + 30.0 + 30.0 + 30.0 + 30.0 + 30.0;
    double in = std::fmod(t, block + 20.0);
    const double sets[4][2] = {{0.0, 60.0}, {90.0, 30.0}, {150.0, 30.0}, {210.0, 30.0}};
    for (const auto& s : sets) {
        if (in >= s[0] && in < s[0] + s[1]) return 0.5 - 0.5 * std::cos(kPi * std::fmod(in - s[0], 2.0));
    }
    return 0.0;
}

}  // namespace

int main(int argc, char** argv) {
    double minutes = 30.0;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--minutes") == 0) minutes = std::max(1.0, std::atof(argv[i + 1]));
    }
    const auto n = static_cast<std::size_t>(minutes * 60.0 * 100.0);
    std::vector<bfr::telemetry::Sample> samples(n);
    bool held = false;
    for (std::size_t k = 0; k < n; ++k) {
        auto& s = samples[k];
        s.clear();
        const double t = static_cast<double>(k) / 100.0;
        const double p = progress(t);
        s.t_ns = static_cast<std::int64_t>(k) * 10'000'000;
        s.set(bfr::telemetry_v1::kEffort, 0.4 * p);
        s.set(bfr::telemetry_v1::kAngleDeg, 10.0 + 125.0 * p);
        s.set(bfr::telemetry_v1::kAxG, 0.3 * p + 0.01 * std::sin(37.0 * t));
        s.set(bfr::telemetry_v1::kAyG, 0.02 * std::sin(11.0 * t));
        s.set(bfr::telemetry_v1::kAzG, 1.0);
        s.set(bfr::telemetry_v1::kGxDps, 90.0 * std::sin(kPi * t));
        s.set(bfr::telemetry_v1::kGyDps, 1.0);
        s.set(bfr::telemetry_v1::kGzDps, -1.0);
        s.set(bfr::telemetry_v1::kCuffMmhg, 85.0 + 8.0 * p);
        if (p > 0.1 && !held) {
            s.event = "contract_down";
            held = true;
        } else if (p < 0.05 && held) {
            s.event = "contract_up";
            held = false;
        }
    }
    std::vector<bfr::reps::RepEvent> out;
    out.reserve(4096);
    bfr::reps::RepCounting counting{bfr::reps::RepCountingConfig{}};
    auto start = std::chrono::steady_clock::now();
    for (const auto& s : samples) counting.push(s, out);
    counting.finish(out);
    double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
    std::printf("all counters (effort, angle, motion, contract; every signal present): %.1f ns/sample, %zu samples, %zu reps\n",
                ns / static_cast<double>(n), n, out.size());

    bfr::reps::MotionRepCounter motion;
    std::vector<bfr::reps::RepEvent> motion_reps;
    motion_reps.reserve(4096);
    start = std::chrono::steady_clock::now();
    for (const auto& s : samples) {
        motion.push(s.t_ns, s.values[bfr::telemetry_v1::kAxG], s.values[bfr::telemetry_v1::kAyG],
                    s.values[bfr::telemetry_v1::kAzG], s.values[bfr::telemetry_v1::kGxDps],
                    s.values[bfr::telemetry_v1::kGyDps], s.values[bfr::telemetry_v1::kGzDps], motion_reps);
    }
    const std::size_t reps = motion_reps.size();
    ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
    std::printf("motion counter alone: %.1f ns/sample (%zu reps)\n", ns / static_cast<double>(n), reps);
    return 0;
}
