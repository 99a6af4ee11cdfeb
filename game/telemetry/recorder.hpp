#pragma once
// Records a live session as a telemetry v1 CSV file while it runs (interfaces.md §3,
// "Recording"): every sample and event row, numbers written with enough digits to round-trip,
// flushed to the operating system at least once per second of data and fsync'd at set ends and
// on exit, so a crash loses at most the last second and the file replays identically.

#include "engine/telemetry/sample.hpp"
#include "engine/telemetry/schema.hpp"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace bfr::telemetry_v1 {

/// What a recorder did, for the UI and the logs.
struct RecorderStats {
    std::uint64_t rows = 0;     ///< Rows written (samples and event rows).
    std::uint64_t bytes = 0;    ///< Bytes handed to the file.
    std::uint64_t flushes = 0;  ///< fflush calls (at most one per second of data, plus syncs).
    std::uint64_t syncs = 0;    ///< fsync calls.
};

class Recorder {
public:
    /// Creates `path` (its folder must exist) and writes the header: a `# bfr-coach …` comment
    /// line with `comment`, then `t_s,<schema columns>,event`. Returns nullptr with a reason
    /// (path and strerror) when the file cannot be created. Never overwrites: an existing file
    /// is an error.
    [[nodiscard]] static std::unique_ptr<Recorder> create(const std::filesystem::path& path,
                                                          const telemetry::Schema& schema, std::string_view comment,
                                                          std::string* error);
    ~Recorder();
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    /// Appends one row. Values not present are empty cells; the event is written with commas and
    /// line breaks replaced by spaces (the v1 CSV has no quoting). Flushes when a second of data
    /// time has passed since the last flush. Returns false once writing has failed (disk full…):
    /// the recorder then stops writing and `error()` says why; the session goes on.
    bool write(const telemetry::Sample& sample);
    /// fflush + fsync (set ends, exit). False when the data could not be made durable.
    bool sync();

    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
    [[nodiscard]] const RecorderStats& stats() const noexcept { return stats_; }
    [[nodiscard]] const std::string& error() const noexcept { return error_; }

private:
    Recorder(std::FILE* file, std::filesystem::path path, const telemetry::Schema& schema);
    bool fail(const char* what);

    std::FILE* file_;
    std::filesystem::path path_;
    std::size_t columns_;
    std::string line_;
    std::int64_t last_flush_ns_ = 0;
    RecorderStats stats_;
    std::string error_;
};

/// A file name for a new recording: `<dir>/session-YYYYmmdd-HHMMSS-<limb>.csv` (local time),
/// with `-2`, `-3`… appended when that name is taken.
[[nodiscard]] std::filesystem::path new_recording_path(const std::filesystem::path& dir, std::string_view limb);

}  // namespace bfr::telemetry_v1
