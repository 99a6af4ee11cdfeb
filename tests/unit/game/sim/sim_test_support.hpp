#pragma once
// Helpers shared by the simulator tests: run a session, pick columns, count peaks, and the
// product.md §3a measures (per-rep peak/valley in % LOP, time in band).

#include "game/sim/sim_source.hpp"
#include "game/telemetry/format_v1.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace bfr::sim::test {

using telemetry::Sample;
namespace v1 = telemetry_v1;

/// Nanoseconds of `s` seconds.
inline std::int64_t ns(double s) {
    return static_cast<std::int64_t>(std::llround(s * 1e9));
}
/// Seconds of `t_ns`.
inline double sec(std::int64_t t_ns) {
    return static_cast<double>(t_ns) / 1e9;
}

/// Runs a fresh simulator to `seconds` in one call.
inline std::vector<Sample> run(const SimConfig& config, double seconds) {
    SimSource sim(config);
    std::vector<Sample> out;
    sim.advance_to(ns(seconds), out);
    return out;
}

/// The config of product.md §3a: leg press at 80 % LOP, known LOP 200 mmHg, auto tempo.
inline SimConfig table_config(Profile profile, std::uint64_t seed) {
    SimConfig c;
    c.limb = Limb::Leg;
    c.profile = profile;
    c.seed = seed;
    c.target_pct_lop = 80.0;
    c.measure_lop = false;
    return c;
}

/// Time of the n-th (0-based) row carrying `event`, or -1.
inline std::int64_t event_time(const std::vector<Sample>& rows, const std::string& event, int n = 0) {
    for (const auto& r : rows) {
        if (r.event == event && n-- == 0) return r.t_ns;
    }
    return -1;
}

/// All times of rows carrying `event`.
inline std::vector<std::int64_t> event_times(const std::vector<Sample>& rows, const std::string& event) {
    std::vector<std::int64_t> t;
    for (const auto& r : rows) {
        if (r.event == event) t.push_back(r.t_ns);
    }
    return t;
}

/// Values of `column` for rows with t in [from_ns, to_ns).
inline std::vector<double> column(const std::vector<Sample>& rows, std::size_t col, std::int64_t from_ns,
                                  std::int64_t to_ns) {
    std::vector<double> v;
    for (const auto& r : rows) {
        if (r.t_ns >= from_ns && r.t_ns < to_ns) v.push_back(r.get(col));
    }
    return v;
}

/// Centred moving average over `width` samples (edges use what is there).
inline std::vector<double> smooth(const std::vector<double>& x, std::size_t width) {
    std::vector<double> y(x.size());
    const std::size_t half = width / 2;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const std::size_t lo = i >= half ? i - half : 0;
        const std::size_t hi = std::min(x.size(), i + half + 1);
        double sum = 0.0;
        for (std::size_t j = lo; j < hi; ++j) sum += x[j];
        y[i] = sum / static_cast<double>(hi - lo);
    }
    return y;
}

/// Peaks separated by drops and rises of at least `hysteresis` (a peak counts once the signal has
/// fallen `hysteresis` below it).
inline int count_peaks(const std::vector<double>& x, double hysteresis) {
    if (x.empty()) return 0;
    int peaks = 0;
    bool rising = true;
    double extreme = x.front();
    for (double v : x) {
        if (rising) {
            extreme = std::max(extreme, v);
            if (v < extreme - hysteresis) {
                ++peaks;
                rising = false;
                extreme = v;
            }
        } else {
            extreme = std::min(extreme, v);
            if (v > extreme + hysteresis) {
                rising = true;
                extreme = v;
            }
        }
    }
    return peaks;
}

/// The measures of product.md §3a over one auto-tempo session.
struct OracleStats {
    int reps = 0;                   ///< Rep windows measured.
    double peak_pct_mean = 0.0;     ///< Mean per-rep peak, % LOP.
    double peak_pct_sd = 0.0;       ///< SD of per-rep peaks.
    double valley_pct_mean = 0.0;   ///< Mean per-rep valley, % LOP.
    double valley_pct_sd = 0.0;     ///< SD of per-rep valleys.
    double exercise_in_band = 0.0;  ///< Fraction of exercise samples within ±10 % of target.
    double rest_in_band = 0.0;      ///< Fraction of rest samples within ±5 % of target.
    int over_lop_samples = 0;       ///< Samples (exercise + rest) above 100 % LOP.
    int cuffed_samples = 0;         ///< Samples in exercise + rest.
};

/// Measures per product.md §3a: rep windows are the 2 s slots after each set_start; exercise is
/// set_start..set_end; rest is rest_start..next set_start; % LOP is relative to the lop column.
inline OracleStats oracle_stats(const std::vector<Sample>& rows, std::int64_t rep_ns = 2'000'000'000) {
    OracleStats st;
    std::vector<double> peaks, valleys;
    bool in_set = false, in_rest = false;
    std::int64_t set_start = 0;
    long rep = -1;
    double peak = 0.0, valley = 0.0;
    long ex_n = 0, ex_in = 0, rest_n = 0, rest_in = 0;
    auto close_rep = [&] {
        if (rep >= 0) {
            peaks.push_back(peak);
            valleys.push_back(valley);
        }
        rep = -1;
    };
    for (const auto& r : rows) {
        if (r.event == "set_start") {
            in_set = true;
            in_rest = false;
            set_start = r.t_ns;
        } else if (r.event == "set_end") {
            close_rep();
            in_set = false;
        } else if (r.event == "rest_start") {
            in_rest = true;
        } else if (r.event == "deflate") {
            in_rest = false;
        }
        if (!r.has(v1::kCuffMmhg) || !r.has(v1::kLopMmhg) || !r.has(v1::kTargetMmhg)) continue;
        const double lop = r.get(v1::kLopMmhg);
        const double p = r.get(v1::kCuffMmhg);
        const double target = r.get(v1::kTargetMmhg);
        const double pct = 100.0 * p / lop;
        if (in_set) {
            const long k = static_cast<long>((r.t_ns - set_start) / rep_ns);
            if (k != rep) {
                close_rep();
                rep = k;
                peak = pct;
                valley = pct;
            }
            peak = std::max(peak, pct);
            valley = std::min(valley, pct);
            ++ex_n;
            if (std::abs(p - target) <= 0.10 * target) ++ex_in;
        } else if (in_rest) {
            ++rest_n;
            if (std::abs(p - target) <= 0.05 * target) ++rest_in;
        }
        if (in_set || in_rest) {
            ++st.cuffed_samples;
            if (p > lop) ++st.over_lop_samples;
        }
    }
    auto mean_sd = [](const std::vector<double>& v, double& mean, double& sd) {
        mean = 0.0;
        for (double x : v) mean += x;
        mean /= static_cast<double>(std::max<std::size_t>(1, v.size()));
        double ss = 0.0;
        for (double x : v) ss += (x - mean) * (x - mean);
        sd = std::sqrt(ss / static_cast<double>(std::max<std::size_t>(1, v.size())));
    };
    st.reps = static_cast<int>(peaks.size());
    mean_sd(peaks, st.peak_pct_mean, st.peak_pct_sd);
    mean_sd(valleys, st.valley_pct_mean, st.valley_pct_sd);
    st.exercise_in_band = static_cast<double>(ex_in) / static_cast<double>(std::max(1L, ex_n));
    st.rest_in_band = static_cast<double>(rest_in) / static_cast<double>(std::max(1L, rest_n));
    return st;
}

}  // namespace bfr::sim::test
