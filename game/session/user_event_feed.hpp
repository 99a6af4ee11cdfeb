#pragma once
// Turns the user's commands into telemetry `event` rows (session::user_event_text), in time with
// the samples of the feed it wraps, so a recording of the session holds them and a replay takes
// the same decisions at the same moments.

#include "game/session/sample_feed.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace bfr::session {

class UserEventFeed final : public SampleFeed {
public:
    /// `inner` is not owned and must outlive this feed.
    explicit UserEventFeed(SampleFeed& inner) : inner_{inner} {}
    /// Every sample of the inner feed, then this tick's user events at the tick's time (never
    /// before a sample already delivered).
    void pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) override;
    /// Device commands go to the inner feed; user commands are queued as event rows.
    void on_command(const Command& command) override;
    [[nodiscard]] std::string describe() const override { return inner_.describe(); }

private:
    SampleFeed& inner_;
    std::vector<std::string> pending_;
    std::int64_t last_ns_ = 0;
};

}  // namespace bfr::session
