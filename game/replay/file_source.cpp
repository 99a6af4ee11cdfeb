#include "game/replay/file_source.hpp"

#include <limits>

namespace bfr::replay {

FileSource::FileSource(std::unique_ptr<frontend::FileFeed> feed) : feed_{std::move(feed)} {
    const auto first = feed_->next_sample_ns();
    if (first && (*first < 0 || *first > kMaxOriginNs)) origin_ns_ = *first;
}

std::unique_ptr<FileSource> FileSource::open(const std::string& path, telemetry::Format format, std::string* error) {
    auto feed = frontend::FileFeed::open(path, format, error);
    if (!feed) return nullptr;
    return std::unique_ptr<FileSource>(new FileSource(std::move(feed)));
}

void FileSource::pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) {
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
    std::int64_t recording_ns = t_ns;
    if (origin_ns_ > 0) recording_ns = t_ns > kMax - origin_ns_ ? kMax : t_ns + origin_ns_;
    if (origin_ns_ < 0) recording_ns = t_ns < kMin - origin_ns_ ? kMin : t_ns + origin_ns_;
    const std::size_t first = out.size();
    feed_->pull_until(recording_ns, out);
    if (origin_ns_ == 0) return;
    for (std::size_t i = first; i < out.size(); ++i) out[i].t_ns -= origin_ns_;
}

std::optional<std::int64_t> FileSource::next_sample_ns() const {
    const auto next = feed_->next_sample_ns();
    if (!next) return std::nullopt;
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
    if (origin_ns_ < 0 && *next > kMax + origin_ns_) return kMax;  // saturate, never overflow
    if (origin_ns_ > 0 && *next < kMin + origin_ns_) return kMin;
    return *next - origin_ns_;
}

}  // namespace bfr::replay
