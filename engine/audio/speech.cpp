#include "engine/audio/speech.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

extern char** environ;

namespace bfr::audio {
namespace {

/// The program's path on PATH (or as given, if it has a slash); empty when not found.
std::string find_program(const std::string& program) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (program.find('/') != std::string::npos) return fs::is_regular_file(program, ec) ? program : std::string{};
    const char* path = std::getenv("PATH");
    std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        const std::size_t end = dirs.find(':', start);
        const std::string dir = dirs.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!dir.empty()) {
            const fs::path candidate = fs::path(dir) / program;
            if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) return candidate.string();
        }
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return {};
}

class EspeakSpeech final : public Speech {
public:
    EspeakSpeech(std::string path, int wpm) : path_{std::move(path)}, wpm_{wpm} {}
    ~EspeakSpeech() override { stop_child(true); }
    EspeakSpeech(const EspeakSpeech&) = delete;
    EspeakSpeech& operator=(const EspeakSpeech&) = delete;

    void say(const std::string& text) override {
        reap();
        if (muted_ || path_.empty() || text.empty() || volume_ <= 0.f) return;
        stop_child(false);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
        const std::string rate = std::to_string(wpm_);
        // "--" so a line can never be read as an option.
        const std::string amplitude = std::to_string(std::lround(volume_ * 100.f));
        std::vector<std::string> args{path_, "-s", rate, "-a", amplitude, "--", text};
        std::vector<char*> argv;
        for (std::string& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        pid_t pid = 0;
        if (posix_spawn(&pid, path_.c_str(), &actions, nullptr, argv.data(), environ) == 0) child_ = pid;
        posix_spawn_file_actions_destroy(&actions);
    }
    void set_muted(bool muted) override {
        muted_ = muted;
        if (muted) stop_child(false);
    }
    [[nodiscard]] bool muted() const override { return muted_; }
    void set_volume(float volume) override { volume_ = std::isfinite(volume) ? std::clamp(volume, 0.f, 1.f) : 1.f; }
    [[nodiscard]] float volume() const override { return volume_; }
    [[nodiscard]] bool available() const override { return !path_.empty(); }
    [[nodiscard]] std::string describe() const override {
        return path_.empty() ? std::string("no voice: espeak-ng is not installed (captions only)")
                             : "voice: espeak-ng (" + path_ + ")";
    }

private:
    void reap() {
        if (child_ > 0 && ::waitpid(child_, nullptr, WNOHANG) == child_) child_ = 0;
    }
    void stop_child(bool wait) {
        if (child_ <= 0) return;
        ::kill(child_, SIGTERM);
        if (wait || ::waitpid(child_, nullptr, WNOHANG) != child_) (void)::waitpid(child_, nullptr, 0);
        child_ = 0;
    }
    std::string path_;
    int wpm_;
    bool muted_ = false;
    float volume_ = 1.f;
    pid_t child_ = 0;
};

}  // namespace

std::unique_ptr<Speech> create_espeak_speech(const std::string& program, int words_per_minute) {
    return std::make_unique<EspeakSpeech>(find_program(program), words_per_minute < 80 ? 80 : words_per_minute);
}

}  // namespace bfr::audio
