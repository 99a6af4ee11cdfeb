#include "engine/telemetry/live/stdin_source.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <string_view>

#include <fmt/format.h>

#include "engine/core/log.hpp"
#include "engine/telemetry/live/line_assembler.hpp"
#include "engine/telemetry/live/reader_thread.hpp"

namespace bfr::telemetry {
namespace {

using detail::errno_text;
using detail::LineChannel;

constexpr std::int64_t kPollNs = 250'000'000;  // the wake pipe stops us at once; this only bounds a wait

/// Reads a descriptor until EOF on the reader thread. It only read()s after poll() reported the
/// descriptor ready, so a blocking descriptor never blocks the thread past a stop request.
class StdinReader final : public detail::LineReader {
public:
    explicit StdinReader(int fd) : fd_{fd} {}

    void run(LineChannel& channel) override {
        channel.mark_open();
        const auto deliver = [&channel](const RawLine& line) { channel.deliver(line); };
        for (;;) {
            const int events = channel.wait(fd_, kPollNs);
            if (events < 0) return;
            if (events == 0) continue;
            if ((events & POLLNVAL) != 0) {
                core::log_error("{}: the descriptor was closed; no more telemetry from it", describe());
                return end(channel, deliver);
            }
            const ssize_t got = ::read(fd_, buffer_.data(), buffer_.size());
            // The arrival clock: besides the app loop's frame clock, the reader threads'
            // steady_clock reads are the only clock reads in the program.
            if (got > 0) {
                assembler_.feed(std::string_view{buffer_.data(), static_cast<std::size_t>(got)}, live_clock_now_ns(),
                                deliver);
                continue;
            }
            if (got == 0) return end(channel, deliver);  // EOF
            const int err = errno;
            if (err == EINTR || err == EAGAIN || err == EWOULDBLOCK) continue;
            core::log_error("{}: read failed: {}; no more telemetry from it", describe(), errno_text(err));
            return end(channel, deliver);
        }
    }

    [[nodiscard]] std::string describe() const override {
        return fd_ == STDIN_FILENO ? std::string{"stdin"} : fmt::format("stdin (fd {})", fd_);
    }

private:
    template <class Deliver>
    void end(LineChannel& channel, const Deliver& deliver) {
        assembler_.finish(live_clock_now_ns(), deliver);  // the last line may lack its newline
        channel.mark_ended();
    }

    int fd_;
    std::array<char, 4096> buffer_{};
    LineAssembler assembler_;
};

}  // namespace

std::unique_ptr<LiveSource> open_stdin_source(const LiveOptions& options, std::string* error) {
    if (!detail::validate_options(options, error)) return nullptr;
    if (options.stdin_fd < 0 || ::fcntl(options.stdin_fd, F_GETFL) < 0) {
        detail::set_error(error, options.stdin_fd == STDIN_FILENO
                                     ? std::string{"standard input is closed: nothing to read telemetry from"}
                                     : fmt::format("stdin source: descriptor {} is not open", options.stdin_fd));
        return nullptr;
    }
    return detail::start_reader_source(std::make_unique<StdinReader>(options.stdin_fd), options, error);
}

}  // namespace bfr::telemetry
