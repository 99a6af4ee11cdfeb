#pragma once
// A recording as a ReplaySource: frontend::FileFeed (chunk by chunk, every row, in order) with
// the end of the file made visible. A recording whose clock starts before 0 or after one day
// (absolute timestamps) is shifted so that its first sample is at session time 0 (the replay
// says so in a warning); any other recording keeps its own t_s origin (interfaces.md §3).

#include "engine/telemetry/diy_formats.hpp"
#include "game/frontend/feeds.hpp"
#include "game/replay/replayer.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace bfr::replay {

class FileSource final : public ReplaySource {
public:
    /// Recording times from which the clock is shifted (one day, in ns).
    static constexpr std::int64_t kMaxOriginNs = 86'400'000'000'000;

    /// Opens `path`; nullptr with the reason (naming the file) when it cannot be read or holds no
    /// usable row.
    [[nodiscard]] static std::unique_ptr<FileSource> open(const std::string& path, telemetry::Format format,
                                                          std::string* error);

    void pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) override;
    [[nodiscard]] std::string describe() const override { return feed_->describe(); }
    [[nodiscard]] bool finished() const override { return feed_->finished(); }
    [[nodiscard]] const telemetry::ParseReport* report() const override { return &feed_->report(); }
    [[nodiscard]] std::int64_t origin_ns() const override { return origin_ns_; }
    [[nodiscard]] std::optional<std::int64_t> next_sample_ns() const override;

private:
    explicit FileSource(std::unique_ptr<frontend::FileFeed> feed);
    std::unique_ptr<frontend::FileFeed> feed_;
    std::int64_t origin_ns_ = 0;
};

}  // namespace bfr::replay
