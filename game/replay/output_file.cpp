#include "game/replay/output_file.hpp"

#include <fmt/format.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace bfr::replay {
namespace {

std::string errno_text(int err) {
    return std::error_code(err, std::generic_category()).message();
}

void set_error(std::string* error, std::string text) {
    if (error != nullptr) *error = std::move(text);
}

}  // namespace

std::unique_ptr<OutputFile> OutputFile::open(const std::string& path, std::string* error) {
    namespace fs = std::filesystem;
    if (path.empty()) {
        set_error(error, "an output file needs a name");
        return nullptr;
    }
    std::unique_ptr<OutputFile> out(new OutputFile());
    out->path_ = path;
    std::error_code ec;
    // What the path finally names (the kernel follows every link, /proc's magic ones included).
    const fs::file_status status = fs::status(path, ec);
    if (fs::is_directory(status)) {
        set_error(error, fmt::format("cannot write '{}': it is a folder, not a file name", path));
        return nullptr;
    }
    const bool stream_name = path.rfind("/dev/", 0) == 0 || path.rfind("/proc/", 0) == 0;
    if (fs::exists(status) && (!fs::is_regular_file(status) || stream_name)) {
        // A device, a pipe or an open stream (/dev/stdout, even when redirected to a file):
        // nothing to replace, write to it directly.
        errno = 0;
        out->file_ = std::fopen(path.c_str(), "wb");
        if (out->file_ == nullptr) {
            const int err = errno;
            set_error(error, fmt::format("cannot write '{}': {}", path, errno_text(err)));
            return nullptr;
        }
        return out;
    }
    // A regular file or a new one: replace the file a symbolic link names, not the link.
    fs::path target(path);
    for (int depth = 0; depth < 16 && fs::is_symlink(fs::symlink_status(target, ec)); ++depth) {
        const fs::path link = fs::read_symlink(target, ec);
        if (ec) break;
        target = link.is_absolute() ? link : target.parent_path() / link;
    }
    out->target_ = target.string();
    const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    std::string tmp_name(1, '.');  // built step by step: gcc 12 warns (-Wrestrict) on "." + name + "…"
    tmp_name.append(target.filename().string());
    tmp_name.append(".XXXXXX");
    out->tmp_path_ = (dir / tmp_name).string();
    errno = 0;
    const int fd = ::mkstemp(out->tmp_path_.data());
    if (fd < 0) {
        const int err = errno;
        out->tmp_path_.clear();
        set_error(error, fmt::format("cannot write '{}': cannot create a file in '{}': {}", path, dir.string(),
                                     errno_text(err)));
        return nullptr;
    }
    const mode_t mask = ::umask(0);
    ::umask(mask);
    static_cast<void>(::fchmod(fd, static_cast<mode_t>(0666) & ~mask));
    out->file_ = ::fdopen(fd, "wb");
    if (out->file_ == nullptr) {
        const int err = errno;
        ::close(fd);
        set_error(error, fmt::format("cannot write '{}': {}", path, errno_text(err)));
        return nullptr;  // the destructor removes the temporary file
    }
    return out;
}

OutputFile::~OutputFile() {
    if (file_ != nullptr) static_cast<void>(std::fclose(file_));
    if (!committed_ && !tmp_path_.empty()) static_cast<void>(std::remove(tmp_path_.c_str()));
}

bool OutputFile::write(const std::string& text) {
    return file_ != nullptr && std::fwrite(text.data(), 1, text.size(), file_) == text.size();
}

bool OutputFile::commit(std::string* error) {
    if (file_ == nullptr) {
        set_error(error, fmt::format("cannot write '{}': the file is closed", path_));
        return false;
    }
    errno = 0;
    bool ok = std::fflush(file_) == 0 && std::ferror(file_) == 0;
    int err = errno;
    if (ok && !tmp_path_.empty() && ::fsync(::fileno(file_)) != 0) {
        ok = false;
        err = errno;
    }
    const int closed = std::fclose(file_);
    file_ = nullptr;
    if (ok && closed != 0) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        set_error(error, fmt::format("cannot write '{}': {}", path_, errno_text(err != 0 ? err : EIO)));
        return false;
    }
    if (tmp_path_.empty()) {
        committed_ = true;
        return true;
    }
    errno = 0;
    if (std::rename(tmp_path_.c_str(), target_.c_str()) != 0) {
        err = errno;
        set_error(error,
                  fmt::format("cannot write '{}': cannot rename '{}' over it: {}", path_, tmp_path_, errno_text(err)));
        return false;
    }
    committed_ = true;
    return true;
}

}  // namespace bfr::replay
