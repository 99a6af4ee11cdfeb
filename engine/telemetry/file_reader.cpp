#include "engine/telemetry/file_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <string_view>
#include <utility>

namespace bfr::telemetry {

FileReader::FileReader(const std::filesystem::path& path) : path_{path.string()} {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
        error_ = fmt::format("cannot open '{}': {}", path_, std::strerror(errno));
        return;
    }
    struct stat st {};
    if (::fstat(fd_, &st) == 0 && S_ISDIR(st.st_mode)) {
        error_ = fmt::format("cannot read '{}': {}", path_, std::strerror(EISDIR));
        close();
        return;
    }
    buffer_.resize(kChunkBytes);
}

FileReader::~FileReader() {
    close();
}

FileReader::FileReader(FileReader&& other) noexcept
    : fd_{std::exchange(other.fd_, -1)},
      path_{std::move(other.path_)},
      error_{std::move(other.error_)},
      buffer_{std::move(other.buffer_)},
      bytes_read_{other.bytes_read_},
      done_{other.done_} {}

FileReader& FileReader::operator=(FileReader&& other) noexcept {
    if (this != &other) {
        close();
        fd_ = std::exchange(other.fd_, -1);
        path_ = std::move(other.path_);
        error_ = std::move(other.error_);
        buffer_ = std::move(other.buffer_);
        bytes_read_ = other.bytes_read_;
        done_ = other.done_;
    }
    return *this;
}

void FileReader::close() noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

bool FileReader::read_some(Decoder& decoder, SampleSink sink) {
    if (!ok() || done_ || fd_ < 0) return false;
    if (decoder.failed()) {
        done_ = true;
        return false;
    }
    ssize_t n = 0;
    do {
        n = ::read(fd_, buffer_.data(), buffer_.size());
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        error_ = fmt::format("cannot read '{}': {}", path_, std::strerror(errno));
        close();
        return false;
    }
    if (n == 0) {
        decoder.finish(sink);
        done_ = true;
        close();
        return false;
    }
    bytes_read_ += static_cast<std::uint64_t>(n);
    decoder.feed(std::string_view(buffer_.data(), static_cast<std::size_t>(n)), sink);
    return !decoder.failed();
}

ParseReport decode_file(const std::filesystem::path& path, const Schema& schema, DecoderOptions options,
                        SampleSink sink) {
    if (options.format != Format::V1 && !(options.diy_rate_hz > 0.0)) options.diy_rate_hz = kDefaultDiyFileRateHz;
    Decoder decoder(schema, options);
    FileReader reader(path);
    if (!reader.ok()) {
        ParseReport report(options.kept_problems);
        report.set_error(reader.error());
        return report;
    }
    while (reader.read_some(decoder, sink)) {
    }
    if (!reader.ok()) {
        ParseReport report = decoder.report();
        report.set_error(reader.error());
        return report;
    }
    return decoder.report();
}

}  // namespace bfr::telemetry
