#pragma once
// Deterministic pseudo-random numbers for the simulator. The same seed gives the same numbers with
// any compiler and standard library: no <random> distributions, no std::random_device.
//
// Two kinds are used. `Rng` (xoshiro256** seeded through SplitMix64) is a sequential stream for
// things drawn once in a while (the patient's individual LOP, heart-beat lengths, rep-to-rep
// variation). `hashed_gaussian` is counter-based: sensor noise is a pure function of
// (key, channel, time), so the reading at a given instant does not depend on how many samples
// were taken before it (50 Hz output is exactly every other row of 100 Hz output).

#include <array>
#include <cmath>
#include <cstdint>

namespace bfr::sim {

/// Advances a SplitMix64 state and returns its next output (Steele, Lea & Flood 2014).
[[nodiscard]] constexpr std::uint64_t splitmix64_next(std::uint64_t& state) noexcept {
    state += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/// A well-mixed 64-bit hash of `x` (one SplitMix64 step from state `x`).
[[nodiscard]] constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
    return splitmix64_next(x);
}

/// Uniform double in [0, 1) from the top 53 bits of `bits`.
[[nodiscard]] constexpr double unit_from_bits(std::uint64_t bits) noexcept {
    return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

/// Standard normal variate from two independent uniforms in [0, 1) (Box–Muller, cosine branch).
[[nodiscard]] inline double gaussian_from_units(double u1_01, double u2_01) noexcept {
    constexpr double kTwoPi = 6.283185307179586;
    const double r = std::sqrt(-2.0 * std::log(1.0 - u1_01));  // 1 - u1 is in (0, 1]
    return r * std::cos(kTwoPi * u2_01);
}

/// xoshiro256** 1.0 (Blackman & Vigna 2018): a small, fast, high-quality sequential generator.
class Rng {
public:
    /// Seeds the four state words from `seed` through SplitMix64 (any seed, including 0, is fine).
    explicit Rng(std::uint64_t seed) noexcept {
        std::uint64_t sm = seed;
        for (auto& word : s_) word = splitmix64_next(sm);
    }
    /// Next 64 random bits.
    std::uint64_t next_u64() noexcept {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    /// Uniform in [0, 1).
    double uniform_01() noexcept { return unit_from_bits(next_u64()); }
    /// Uniform in [lo, hi).
    double uniform(double lo, double hi) noexcept { return lo + (hi - lo) * uniform_01(); }
    /// Standard normal (two uniforms per call, nothing cached, so the draw count per call is fixed).
    double gaussian() noexcept {
        const double u1 = uniform_01();
        const double u2 = uniform_01();
        return gaussian_from_units(u1, u2);
    }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
    std::array<std::uint64_t, 4> s_{};
};

/// Standard normal that is a pure function of (key, channel, t_ns): the noise of sensor `channel`
/// at time `t_ns` for the simulation keyed by `key`.
[[nodiscard]] inline double hashed_gaussian(std::uint64_t key, std::uint64_t channel, std::int64_t t_ns) noexcept {
    const std::uint64_t base = mix64(key ^ mix64(channel * 0xD1B54A32D192ED03ULL ^ static_cast<std::uint64_t>(t_ns)));
    return gaussian_from_units(unit_from_bits(mix64(base)), unit_from_bits(mix64(base ^ 0xA0761D6478BD642FULL)));
}

}  // namespace bfr::sim
