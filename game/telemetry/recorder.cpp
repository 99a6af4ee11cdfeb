#include "game/telemetry/recorder.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>
#include <iterator>
#include <system_error>

namespace bfr::telemetry_v1 {

namespace fs = std::filesystem;

namespace {

void append_seconds(std::string& out, std::int64_t t_ns) {
    if (t_ns < 0) {
        out.push_back('-');
        t_ns = -t_ns;
    }
    fmt::format_to(std::back_inserter(out), "{}", t_ns / 1'000'000'000);
    std::int64_t frac = t_ns % 1'000'000'000;
    if (frac == 0) return;
    int digits = 9;
    while (frac % 10 == 0) {
        frac /= 10;
        --digits;
    }
    fmt::format_to(std::back_inserter(out), ".{:0{}}", frac, digits);
}

}  // namespace

Recorder::Recorder(std::FILE* file, fs::path path, const telemetry::Schema& schema)
    : file_{file}, path_{std::move(path)}, columns_{schema.columns.size()} {
    line_.reserve(256);
}

Recorder::~Recorder() {
    if (file_ != nullptr) {
        (void)sync();
        std::fclose(file_);
    }
}

std::unique_ptr<Recorder> Recorder::create(const fs::path& path, const telemetry::Schema& schema,
                                           std::string_view comment, std::string* error) {
    // O_EXCL: never overwrite an earlier session.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        if (error != nullptr)
            *error = fmt::format("cannot create recording '{}': {}", path.string(), std::strerror(errno));
        return nullptr;
    }
    std::FILE* file = ::fdopen(fd, "w");
    if (file == nullptr) {
        if (error != nullptr)
            *error = fmt::format("cannot open recording '{}': {}", path.string(), std::strerror(errno));
        ::close(fd);
        return nullptr;
    }
    std::unique_ptr<Recorder> r(new Recorder(file, path, schema));
    std::string header =
        fmt::format("# bfr-coach telemetry v1{}{}\n{}", comment.empty() ? "" : ": ", comment, schema.time_column);
    for (const auto& c : schema.columns) header += "," + c.name;
    header += "," + schema.event_column + "\n";
    if (std::fwrite(header.data(), 1, header.size(), file) != header.size() || std::fflush(file) != 0) {
        if (error != nullptr)
            *error = fmt::format("cannot write recording '{}': {}", path.string(), std::strerror(errno));
        return nullptr;
    }
    r->stats_.bytes += header.size();
    return r;
}

bool Recorder::fail(const char* what) {
    if (error_.empty())
        error_ = fmt::format("recording '{}' stopped: {}: {}", path_.string(), what, std::strerror(errno));
    return false;
}

bool Recorder::write(const telemetry::Sample& sample) {
    if (!error_.empty() || file_ == nullptr) return false;
    line_.clear();
    auto out = std::back_inserter(line_);
    // Time: the exact decimal of the integer nanoseconds (no binary rounding), trailing zeros
    // trimmed. Values: the shortest text that reads back to the same double (fmt's "{}").
    append_seconds(line_, sample.t_ns);
    for (std::size_t c = 0; c < columns_; ++c) {
        line_.push_back(',');
        if (sample.has(c) && std::isfinite(sample.values[c])) fmt::format_to(out, "{}", sample.values[c]);
    }
    line_.push_back(',');
    for (const char ch : sample.event) line_.push_back(ch == ',' || ch == '\n' || ch == '\r' ? ' ' : ch);
    line_.push_back('\n');
    if (std::fwrite(line_.data(), 1, line_.size(), file_) != line_.size()) return fail("write failed");
    stats_.rows += 1;
    stats_.bytes += line_.size();
    if (sample.t_ns - last_flush_ns_ >= 1'000'000'000 || sample.t_ns < last_flush_ns_) {
        if (std::fflush(file_) != 0) return fail("flush failed");
        last_flush_ns_ = sample.t_ns;
        stats_.flushes += 1;
    }
    return true;
}

bool Recorder::sync() {
    if (!error_.empty() || file_ == nullptr) return false;
    if (std::fflush(file_) != 0) return fail("flush failed");
    stats_.flushes += 1;
    if (::fsync(::fileno(file_)) != 0) return fail("fsync failed");
    stats_.syncs += 1;
    return true;
}

fs::path new_recording_path(const fs::path& dir, std::string_view limb) {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    const std::string stem = fmt::format("session-{:%Y%m%d-%H%M%S}-{}", local, limb);
    fs::path candidate = dir / (stem + ".csv");
    std::error_code ec;
    for (int n = 2; fs::exists(candidate, ec) && n < 1000; ++n) candidate = dir / fmt::format("{}-{}.csv", stem, n);
    return candidate;
}

}  // namespace bfr::telemetry_v1
