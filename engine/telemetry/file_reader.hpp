#pragma once
// Reads a telemetry file through a Decoder in fixed 64 KiB chunks: the file is never loaded
// whole, so memory stays constant whatever its length (the chunk, a line of at most the cap,
// the report's bounded lists). Synchronous and deterministic (interfaces.md §3): every row, in
// order.

#include "engine/telemetry/decoder.hpp"
#include "engine/telemetry/parse_report.hpp"
#include "engine/telemetry/sample_sink.hpp"
#include "engine/telemetry/schema.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace bfr::telemetry {

/// A DIY file has no arrival times: its lines without a device clock are timed at this rate.
inline constexpr double kDefaultDiyFileRateHz = 50.0;

/// An open telemetry file, read chunk by chunk.
class FileReader {
public:
    /// Bytes read per chunk.
    static constexpr std::size_t kChunkBytes = 64 * 1024;

    /// Opens `path` for reading. On failure ok() is false and error() names the path and the
    /// system's reason ("cannot open 'x.csv': No such file or directory").
    explicit FileReader(const std::filesystem::path& path);
    ~FileReader();
    FileReader(const FileReader&) = delete;
    FileReader& operator=(const FileReader&) = delete;
    /// Moves the open file (the source is left closed).
    FileReader(FileReader&& other) noexcept;
    /// Moves the open file (the source is left closed).
    FileReader& operator=(FileReader&& other) noexcept;

    /// True while the file is open and no read has failed.
    [[nodiscard]] bool ok() const noexcept { return error_.empty(); }
    /// Why opening or reading failed; empty if it did not.
    [[nodiscard]] const std::string& error() const noexcept { return error_; }
    /// Bytes read so far.
    [[nodiscard]] std::uint64_t bytes_read() const noexcept { return bytes_read_; }

    /// Reads the next chunk into `decoder` (samples go to `sink`). At the end of the file it
    /// calls decoder.finish() and returns false; it also returns false on a read error (see
    /// error()) or once the decoder has failed.
    bool read_some(Decoder& decoder, SampleSink sink);

private:
    void close() noexcept;

    int fd_ = -1;
    std::string path_;
    std::string error_;
    std::vector<char> buffer_;
    std::uint64_t bytes_read_ = 0;
    bool done_ = false;
};

/// Decodes the whole file at `path` with a new Decoder (DIY formats default to
/// kDefaultDiyFileRateHz when options.diy_rate_hz is 0), delivering every sample to `sink`.
/// A file that cannot be opened or read gives a report whose error() names the path and the
/// system's reason. rows_used() == 0 without an error means the file holds no usable row.
[[nodiscard]] ParseReport decode_file(const std::filesystem::path& path, const Schema& schema, DecoderOptions options,
                                      SampleSink sink);

}  // namespace bfr::telemetry
