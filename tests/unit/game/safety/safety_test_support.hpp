#pragma once
// Helpers of the safety tests: synthetic pressure traces, a tick loop that feeds a SafetyMonitor
// the way the session does (interfaces.md §3), the simulator and the recordings under
// tests/data/safety/.

#include "engine/telemetry/file_reader.hpp"
#include "engine/telemetry/sample.hpp"
#include "game/safety/safety_monitor.hpp"
#include "game/sim/sim_source.hpp"
#include "game/telemetry/format_v1.hpp"

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace bfr::safety::test {

using telemetry::Sample;
namespace v1 = telemetry_v1;

inline constexpr std::int64_t kNsPerS = 1'000'000'000;
inline constexpr double kPi = 3.141592653589793;

/// Nanoseconds of `s` seconds.
inline std::int64_t ns(double s) {
    return static_cast<std::int64_t>(std::llround(s * 1e9));
}
/// Seconds of `t_ns`.
inline double sec(std::int64_t t_ns) {
    return static_cast<double>(t_ns) / 1e9;
}
/// End of tick k (interfaces.md §3).
inline std::int64_t tick_end_ns(std::int64_t k) {
    return k * kNsPerS / 60;
}

/// A sample row with a cuff pressure (NaN: not measured), optional target/LOP columns and an event.
inline Sample row(std::int64_t t_ns, double cuff_mmHg, double target_mmHg = NAN, double lop_mmHg = NAN,
                  const std::string& event = {}) {
    Sample s;
    s.clear();
    s.t_ns = t_ns;
    if (std::isfinite(cuff_mmHg)) s.set(v1::kCuffMmhg, cuff_mmHg);
    if (std::isfinite(target_mmHg)) s.set(v1::kTargetMmhg, target_mmHg);
    if (std::isfinite(lop_mmHg)) s.set(v1::kLopMmhg, lop_mmHg);
    s.event = event;
    return s;
}

/// A pressure trace p(t) sampled at `rate_hz` over [from_s, to_s).
inline std::vector<Sample> trace(double from_s, double to_s, double rate_hz, const std::function<double(double)>& p) {
    std::vector<Sample> rows;
    const auto n = static_cast<std::int64_t>(std::floor((to_s - from_s) * rate_hz + 1e-9));
    for (std::int64_t i = 0; i < n; ++i) {
        const double t = from_s + static_cast<double>(i) / rate_hz;
        rows.push_back(row(ns(t), p(t)));
    }
    return rows;
}

/// Arterial pulse ripple, peak-to-peak `pp_mmHg` at `hz` (a sharp systolic upstroke).
inline double pulse(double t, double pp_mmHg, double hz = 1.2) {
    const double ph = std::fmod(t * hz, 1.0);
    const double w = ph < 0.15 ? ph / 0.15 : std::exp(-(ph - 0.15) / 0.25);
    return pp_mmHg * (w - 0.5);
}

/// One contraction's squeeze: a raised-cosine bump of `height_mmHg`, `width_s` wide, every
/// `period_s` (the tempo), starting at `phase_s`.
inline double contraction(double t, double height_mmHg, double width_s, double period_s, double phase_s = 0.0) {
    const double u = std::fmod(t - phase_s + 1000.0 * period_s, period_s);
    if (u >= width_s) return 0.0;
    return height_mmHg * 0.5 * (1.0 - std::cos(2.0 * kPi * u / width_s));
}

/// How the tick loop feeds the monitor.
struct FeedOptions {
    double default_lop_mmHg = 170.0;   ///< LOP in use until a column or `lop_measured:N` gives one (NaN: none).
    double default_target_mmHg = NAN;  ///< Target when no target column has been seen (NaN: none).
    std::int64_t end_ns = -1;          ///< Keep ticking to here after the last row (-1: the last row's tick).
    /// Called after each tick's update (e.g. to acknowledge, to check must_deflate).
    std::function<void(SafetyMonitor&, std::int64_t)> after_tick;
};

/// Feeds `rows` to `monitor` tick by tick at 60 Hz, as the session does: per row the LOP in use
/// and the target (from the columns, else the defaults), its event, its pressure; per tick update().
inline void feed(SafetyMonitor& monitor, const std::vector<Sample>& rows, const FeedOptions& options = {}) {
    double lop = options.default_lop_mmHg;
    double target = options.default_target_mmHg;
    std::size_t i = 0;
    const std::int64_t last = rows.empty() ? 0 : rows.back().t_ns;
    const std::int64_t end = std::max(options.end_ns, last);
    for (std::int64_t k = 1;; ++k) {
        const std::int64_t tick_end = tick_end_ns(k);
        while (i < rows.size() && rows[i].t_ns <= tick_end) {
            const Sample& s = rows[i++];
            if (s.has(v1::kLopMmhg)) lop = s.get(v1::kLopMmhg);
            if (s.event.rfind("lop_measured:", 0) == 0) lop = std::stod(s.event.substr(13));
            if (s.has(v1::kTargetMmhg)) target = s.get(v1::kTargetMmhg);
            monitor.set_lop(lop);
            monitor.set_target(target);
            if (!s.event.empty()) monitor.on_event(s.t_ns, s.event);
            monitor.on_sample(s.t_ns, s.get(v1::kCuffMmhg));
        }
        monitor.update(tick_end);
        if (options.after_tick) options.after_tick(monitor, tick_end);
        if (tick_end >= end) break;
    }
}

/// A fresh monitor fed with `rows`.
inline SafetyMonitor run_monitor(const std::vector<Sample>& rows, const FeedOptions& options = {},
                                 const Limits& limits = {}) {
    SafetyMonitor m(limits);
    feed(m, rows, options);
    return m;
}

/// The alarms of one kind.
inline std::vector<Alarm> of_kind(const SafetyMonitor& m, AlarmKind kind) {
    std::vector<Alarm> out;
    for (const Alarm& a : m.alarms()) {
        if (a.kind == kind) out.push_back(a);
    }
    return out;
}

/// The notices of one kind.
inline std::vector<Notice> notices_of(const SafetyMonitor& m, NoticeKind kind) {
    std::vector<Notice> out;
    for (const Notice& n : m.notices()) {
        if (n.kind == kind) out.push_back(n);
    }
    return out;
}

/// Every alarm as "kind@t_s: message" lines (for INFO).
inline std::string describe(const SafetyMonitor& m) {
    std::string s;
    for (const Alarm& a : m.alarms()) {
        s += std::string(kind_name(a.kind)) + "@" + std::to_string(sec(a.t_ns)) + " (" + action_name(a.action) +
             (a.active ? ", active" : ", cleared " + std::to_string(sec(a.cleared_ns))) + "): " + a.message + "\n";
    }
    for (const Notice& n : m.notices()) s += "notice@" + std::to_string(sec(n.t_ns)) + ": " + n.text + "\n";
    return s;
}

/// A whole simulated session (to `seconds`).
inline std::vector<Sample> simulate(const sim::SimConfig& config, double seconds) {
    sim::SimSource source(config);
    std::vector<Sample> out;
    source.advance_to(ns(seconds), out);
    return out;
}

/// A recording under tests/data/safety/, decoded as telemetry v1 (every used row, in order).
inline std::vector<Sample> recording(const std::string& name, telemetry::ParseReport* report = nullptr) {
    const std::filesystem::path path = std::filesystem::path(BFR_SOURCE_DIR) / "tests" / "data" / "safety" / name;
    std::vector<Sample> rows;
    const telemetry::ParseReport r =
        telemetry::decode_file(path, v1::schema(), {}, [&](const Sample& s) { rows.push_back(s); });
    if (report != nullptr) *report = r;
    return rows;
}

}  // namespace bfr::safety::test
