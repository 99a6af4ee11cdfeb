#pragma once
// Recordings in memory for the replay tests: a ReplaySource over a vector of samples, and
// builders for telemetry v1 samples.

#include "engine/telemetry/sample.hpp"
#include "game/replay/replayer.hpp"
#include "game/telemetry/format_v1.hpp"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace bfr::replay::test {

inline std::int64_t ns(double s) {
    return static_cast<std::int64_t>(std::llround(s * 1e9));
}

/// A recording in memory, delivered by time like a file.
class VectorSource final : public ReplaySource {
public:
    explicit VectorSource(std::vector<telemetry::Sample> samples) : samples_{std::move(samples)} {}
    void pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) override {
        while (next_ < samples_.size() && samples_[next_].t_ns <= t_ns) out.push_back(samples_[next_++]);
    }
    [[nodiscard]] std::string describe() const override { return "memory"; }
    [[nodiscard]] bool finished() const override { return next_ >= samples_.size(); }

private:
    std::vector<telemetry::Sample> samples_;
    std::size_t next_ = 0;
};

/// A v1 sample at `t_s` (values set by the caller).
inline telemetry::Sample sample_at(double t_s) {
    telemetry::Sample s;
    s.clear();
    s.t_ns = ns(t_s);
    return s;
}

/// The contract check's recording without the bad rows: 50 Hz for 2 minutes, cuff 90, LOP 180,
/// load 30, effort pulses of 0.3 for 1.2 s every 2 s after 20 s.
inline std::vector<telemetry::Sample> contract_recording(int rows = 6000) {
    std::vector<telemetry::Sample> out;
    for (int i = 0; i < rows; ++i) {
        const double t = i / 50.0;
        telemetry::Sample s = sample_at(t);
        s.set(telemetry_v1::kCuffMmhg, 90.0);
        s.set(telemetry_v1::kLopMmhg, 180.0);
        s.set(telemetry_v1::kLoadPct1rm, 30.0);
        s.set(telemetry_v1::kEffort, std::fmod(t, 2.0) < 1.2 && i > 1000 ? 0.3 : 0.0);
        out.push_back(s);
    }
    return out;
}

}  // namespace bfr::replay::test
