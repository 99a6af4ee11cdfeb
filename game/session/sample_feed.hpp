#pragma once
// Where a session's telemetry comes from: the simulated cuff, a recording, or a live device.
// The session pulls, at every tick, every sample up to the tick's end, in order (interfaces.md
// §3, "Simulation time"); nothing is resampled away.

#include "engine/telemetry/sample.hpp"
#include "game/session/commands.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace bfr::session {

class SampleFeed {
public:
    virtual ~SampleFeed() = default;
    /// Appends to `out`, in time order, every sample with t_ns ≤ `t_ns` not delivered before.
    virtual void pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) = 0;
    /// A command the session is about to apply (the simulated patient contracts on ContractDown).
    virtual void on_command(const Command& /*command*/) {}
    /// "simulated cuff and patient (seed 1)", "file session.csv", "udp 127.0.0.1:9750".
    [[nodiscard]] virtual std::string describe() const = 0;
};

}  // namespace bfr::session
