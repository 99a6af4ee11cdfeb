#include "engine/telemetry/live/reader_thread.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "engine/core/log.hpp"

namespace bfr::telemetry::detail {
namespace {

// GNU strerror_r returns the text; XSI strerror_r returns 0 and fills the buffer.
[[maybe_unused]] const char* strerror_result(int result, const char* buffer) noexcept {
    return result == 0 ? buffer : "unknown error";
}
[[maybe_unused]] const char* strerror_result(const char* result, const char* /*buffer*/) noexcept {
    return result;
}

constexpr std::int64_t kNanosPerMilli = 1'000'000;

int to_poll_timeout_ms(std::int64_t timeout_ns) noexcept {
    if (timeout_ns <= 0) return 0;
    const std::int64_t ms = (timeout_ns + kNanosPerMilli - 1) / kNanosPerMilli;
    return ms > 60'000 ? 60'000 : static_cast<int>(ms);
}

/// The LiveSource behind every live kind: a LineChannel plus a LineReader on its own thread.
class ReaderSource final : public LiveSource {
public:
    ReaderSource(std::unique_ptr<LineReader> reader, const LiveOptions& options)
        : channel_{options}, reader_{std::move(reader)}, description_{reader_->describe()} {}

    ~ReaderSource() override {
        channel_.request_stop();
        if (thread_.joinable()) thread_.join();
    }

    ReaderSource(const ReaderSource&) = delete;
    ReaderSource& operator=(const ReaderSource&) = delete;

    bool start(std::string* error) {
        if (!channel_.init(error)) return false;
        // The reader thread takes no asynchronous signals (SIGINT/SIGTERM go to the main thread,
        // whose loop polls core::interrupt_requested()): block them while spawning, since a new
        // thread inherits the creator's mask, then restore ours.
        sigset_t all{};
        sigset_t previous{};
        sigfillset(&all);
        const int masked = pthread_sigmask(SIG_BLOCK, &all, &previous);
        try {
            thread_ = std::thread([this] { run_reader(); });
        } catch (const std::system_error& e) {
            if (masked == 0) pthread_sigmask(SIG_SETMASK, &previous, nullptr);
            set_error(error, fmt::format("{}: cannot start the reader thread: {}", description_, e.what()));
            return false;
        }
        if (masked == 0) pthread_sigmask(SIG_SETMASK, &previous, nullptr);
        return true;
    }

    std::size_t drain(std::vector<RawLine>& out, std::size_t max_lines) override {
        return channel_.drain(out, max_lines);
    }
    [[nodiscard]] LinkState state(std::int64_t now_ns) const override { return channel_.state(now_ns); }
    [[nodiscard]] LiveStats stats() const override { return channel_.stats(); }
    [[nodiscard]] std::string describe() const override { return description_; }

private:
    void run_reader() noexcept {
        try {
            reader_->run(channel_);
        } catch (const std::exception& e) {
            report_failure(e.what());
        } catch (...) {
            report_failure("unknown exception");
        }
    }

    void report_failure(const char* what) noexcept {
        channel_.mark_ended();
        try {
            core::log_error("{}: the reader stopped: {}", description_, what);
        } catch (...) {  // logging itself failed (out of memory): nothing more to do
        }
    }

    LineChannel channel_;
    std::unique_ptr<LineReader> reader_;
    std::string description_;
    std::thread thread_;  // last: started after everything it uses exists, joined before it goes
};

}  // namespace

std::string errno_text(int err) {
    char buffer[256] = {};
    return strerror_result(strerror_r(err, buffer, sizeof buffer), buffer);
}

void set_error(std::string* error, std::string message) {
    if (error != nullptr) *error = std::move(message);
}

void UniqueFd::reset(int fd) noexcept {
    if (fd_ >= 0) ::close(fd_);  // Linux closes the fd even when close() reports EINTR: no retry
    fd_ = fd;
}

LineChannel::LineChannel(const LiveOptions& options) : options_{options}, ring_{options.ring_lines} {}

bool LineChannel::init(std::string* error) {
    int fds[2] = {-1, -1};
    if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
        const int err = errno;
        set_error(error, "cannot create the live source's wake-up pipe: " + errno_text(err));
        return false;
    }
    wake_read_.reset(fds[0]);
    wake_write_.reset(fds[1]);
    return true;
}

int LineChannel::wait(int fd, std::int64_t timeout_ns) noexcept {
    if (stop_requested()) return -1;
    pollfd fds[2] = {};
    fds[0].fd = wake_read_.get();
    fds[0].events = POLLIN;
    fds[1].fd = fd;  // poll() ignores negative descriptors
    fds[1].events = POLLIN;
    const int ready = ::poll(fds, 2, to_poll_timeout_ms(timeout_ns));
    if (stop_requested() || (ready > 0 && fds[0].revents != 0)) return -1;
    if (ready <= 0) return 0;  // timeout, or EINTR (the caller simply waits again)
    return fds[1].revents;
}

bool LineChannel::pause(std::int64_t duration_ns) noexcept {
    // No clock read: a poll() timeout on the wake pipe alone. (Reader threads block every
    // asynchronous signal, so an early EINTR return is practically impossible and harmless.)
    return wait(-1, duration_ns) >= 0;
}

void LineChannel::deliver(const RawLine& line) noexcept {
    last_line_ns_.store(line.arrival_ns, std::memory_order_relaxed);
    if (line.truncated) truncated_.fetch_add(1, std::memory_order_relaxed);
    if (ring_.try_push(line)) {
        lines_.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    // Full: the main thread lags. Drop this (the newest) line, never wait.
    if (overflows_.fetch_add(1, std::memory_order_relaxed) == 0) {
        core::log_warn("live telemetry: the {}-line buffer is full (the app is not keeping up); dropping new lines",
                       ring_.capacity());
    }
}

void LineChannel::mark_open() noexcept {
    last_line_ns_.store(kNoLine, std::memory_order_relaxed);
    phase_.store(LinkPhase::Open, std::memory_order_release);
}

void LineChannel::mark_gone() noexcept {
    phase_.store(LinkPhase::Gone, std::memory_order_release);
}

void LineChannel::mark_ended() noexcept {
    phase_.store(LinkPhase::Ended, std::memory_order_release);
}

std::size_t LineChannel::drain(std::vector<RawLine>& out, std::size_t max_lines) {
    std::size_t count = 0;
    while (count < max_lines) {
        out.emplace_back();
        if (!ring_.try_pop(out.back())) {
            out.pop_back();
            break;
        }
        ++count;
    }
    return count;
}

LinkState LineChannel::state(std::int64_t now_ns) const noexcept {
    const LinkPhase phase = phase_.load(std::memory_order_acquire);
    if (phase == LinkPhase::Gone) return LinkState::Lost;
    // Ended: the release store came after the last push, so an empty ring here is final.
    if (phase == LinkPhase::Ended && ring_.size_approx() == 0) return LinkState::Closed;
    const std::int64_t last = last_line_ns_.load(std::memory_order_relaxed);
    if (last == kNoLine) return phase == LinkPhase::Ended ? LinkState::Closed : LinkState::Connecting;
    // `now_ns` may predate a line that arrived after the app read its clock: that is Receiving.
    return now_ns - last > options_.lost_timeout_ns ? LinkState::Lost : LinkState::Receiving;
}

LiveStats LineChannel::stats() const noexcept {
    LiveStats s;
    s.lines = lines_.load(std::memory_order_relaxed);
    s.overflows = overflows_.load(std::memory_order_relaxed);
    s.truncated = truncated_.load(std::memory_order_relaxed);
    s.reconnects = reconnects_.load(std::memory_order_relaxed);
    s.oversized_datagrams = oversized_.load(std::memory_order_relaxed);
    return s;
}

void LineChannel::request_stop() noexcept {
    stop_.store(true, std::memory_order_release);
    if (wake_write_.valid()) {
        const char byte = 1;
        // A full pipe (EAGAIN) already wakes the reader; nothing else can fail here that matters.
        [[maybe_unused]] const auto written = ::write(wake_write_.get(), &byte, 1);
    }
}

bool validate_options(const LiveOptions& options, std::string* error) {
    if (options.ring_lines < 2 || options.ring_lines > 65536) {
        set_error(error,
                  fmt::format("live source ring size {} lines is out of range (2 to 65536)", options.ring_lines));
        return false;
    }
    if (options.lost_timeout_ns <= 0) {
        set_error(error, "live source lost timeout must be positive");
        return false;
    }
    if (options.max_datagram_bytes < 1 || options.max_datagram_bytes > 65507) {
        set_error(error,
                  fmt::format("UDP datagram cap {} bytes is out of range (1 to 65507)", options.max_datagram_bytes));
        return false;
    }
    if (options.reconnect_interval_ns < kNanosPerMilli) {
        set_error(error, "serial reconnect interval must be at least 1 ms");
        return false;
    }
    return true;
}

std::unique_ptr<LiveSource> start_reader_source(std::unique_ptr<LineReader> reader, const LiveOptions& options,
                                                std::string* error) {
    auto source = std::make_unique<ReaderSource>(std::move(reader), options);
    if (!source->start(error)) return nullptr;
    return source;
}

}  // namespace bfr::telemetry::detail
