// The physiology model's cost: ns per 60 Hz step and 10-minute sessions per second on one core
// (issue budget: a 10-minute session in at most 5 ms), plus `validate`'s full run time.
//
//   build/bench/bench_physiology [--sessions N]

#include "engine/core/time.hpp"
#include "game/physiology/model.hpp"
#include "game/physiology/validation.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    int sessions = 200;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--sessions") == 0) {
            sessions = std::max(1, std::atoi(argv[i + 1]));
        } else {
            std::fprintf(stderr, "bench_physiology: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    using namespace bfr::physiology;
    constexpr int kTicks = 60 * 600;  // 10 minutes at 60 Hz
    const Params p = preset(Limb::Arm);
    const Prepared prepared = prepare(p);
    double checksum = 0.0;
    const auto start = Clock::now();
    for (int n = 0; n < sessions; ++n) {
        State s = rest_state(p);
        Inputs in{0.0, 170.0, 0.0};
        for (int k = 0; k < kTicks; ++k) {
            // A 30-15-15-15 block, repeated: cuff at 50 % LOP, 2 s reps, 30 s rests.
            const int t = k / 60;
            in.cuff_mmHg = t % 300 < 270 ? 85.0 : 0.0;
            const bool in_set = (t % 300) < 60 || ((t % 300) >= 90 && (t % 300) < 120) ||
                                ((t % 300) >= 150 && (t % 300) < 180) || ((t % 300) >= 210 && (t % 300) < 240);
            in.activation = in_set ? ((k % 120) < 60 ? 0.4 : 0.24) : 0.0;
            // The session's own tick lengths (16 666 666 or 16 666 667 ns).
            const auto tick = static_cast<bfr::core::Tick>(k + 1);
            const double dt = static_cast<double>(bfr::core::tick_end_ns(tick) - bfr::core::tick_end_ns(tick - 1)) * 1e-9;
            s = step(s, in, prepared, dt);
            if ((k & 63) == 0) checksum += observe(s, in, p).swelling_pct;
        }
        checksum += s.pcr_mM;
    }
    const double elapsed = seconds_since(start);
    const double steps = static_cast<double>(sessions) * kTicks;
    std::printf("physiology_step_ns: %.1f\n", elapsed / steps * 1e9);
    std::printf("physiology_session_10min_ms: %.3f (budget 5 ms)\n", elapsed / sessions * 1e3);
    std::printf("physiology_sessions_per_s: %.0f\n", sessions / elapsed);
    const auto v = Clock::now();
    int passed = 0;
    for (const TargetResult& r : run_validation()) passed += r.pass ? 1 : 0;
    std::printf("validate_s: %.3f (%d of 20 targets pass)\n", seconds_since(v), passed);
    std::printf("checksum: %.6g\n", checksum);
    return 0;
}
