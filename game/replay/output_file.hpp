#pragma once
// An output file written atomically: the text goes to a unique temporary file in the same folder,
// which commit() flushes, syncs and renames over the path, so a crash (or an interrupt) never
// leaves half a file and an existing file is replaced in one step. A symbolic link is written
// through (the link stays); a device, a pipe or anything under /dev or /proc (/dev/stdout, even
// redirected to a file) is written directly.

#include <cstdio>
#include <memory>
#include <string>

namespace bfr::replay {

class OutputFile {
public:
    /// Opens the temporary file now (so an unusable path is found before any work); nullptr and a
    /// message naming `path` and the reason when it cannot be created.
    [[nodiscard]] static std::unique_ptr<OutputFile> open(const std::string& path, std::string* error);
    /// Removes the temporary file unless committed.
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    /// Where to write.
    [[nodiscard]] std::FILE* stream() noexcept { return file_; }
    /// Writes `text`; false when the stream has failed.
    bool write(const std::string& text);
    /// Flushes, syncs, closes and renames the temporary file over the path; false with a message.
    bool commit(std::string* error);
    [[nodiscard]] const std::string& path() const noexcept { return path_; }

private:
    OutputFile() = default;
    std::string path_;      ///< As given.
    std::string target_;    ///< The path with symbolic links followed.
    std::string tmp_path_;  ///< Empty when writing directly (a device or a pipe).
    std::FILE* file_ = nullptr;
    bool committed_ = false;
};

}  // namespace bfr::replay
