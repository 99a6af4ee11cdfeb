#pragma once
// Internal to engine/telemetry/live: the machinery every live source shares: a file-descriptor
// owner, the channel between a reader thread and the main thread (ring, counters, link phase,
// stop flag with a wake-up pipe), and the LiveSource that runs a LineReader on its own thread.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "engine/telemetry/live/live_source.hpp"
#include "engine/telemetry/live/raw_line.hpp"
#include "engine/telemetry/live/spsc_ring.hpp"

namespace bfr::telemetry::detail {

/// strerror(err) without strerror's shared buffer (safe on any thread).
[[nodiscard]] std::string errno_text(int err);

/// Owns a file descriptor (closes it on destruction or reset).
class UniqueFd {
public:
    /// Owns nothing.
    UniqueFd() noexcept = default;
    /// Takes ownership of `fd` (-1 for none).
    explicit UniqueFd(int fd) noexcept : fd_{fd} {}
    /// Closes the descriptor, if any.
    ~UniqueFd() { reset(); }
    /// Takes over `other`'s descriptor.
    UniqueFd(UniqueFd&& other) noexcept : fd_{other.release()} {}
    /// Closes ours and takes over `other`'s descriptor.
    UniqueFd& operator=(UniqueFd&& other) noexcept {
        if (this != &other) reset(other.release());
        return *this;
    }
    UniqueFd(const UniqueFd&) = delete;             ///< Single owner: not copyable.
    UniqueFd& operator=(const UniqueFd&) = delete;  ///< Single owner: not copyable.

    /// The descriptor, -1 when none.
    [[nodiscard]] int get() const noexcept { return fd_; }
    /// True when a descriptor is owned.
    [[nodiscard]] bool valid() const noexcept { return fd_ >= 0; }
    /// Closes the owned descriptor (if any) and owns `fd` instead.
    void reset(int fd = -1) noexcept;
    /// Gives up ownership and returns the descriptor.
    [[nodiscard]] int release() noexcept {
        const int fd = fd_;
        fd_ = -1;
        return fd;
    }

private:
    int fd_ = -1;
};

/// Where a reader is in its life (the reader thread writes it; state() reads it).
enum class LinkPhase : std::uint8_t {
    Open,   ///< Reading (lines or not).
    Gone,   ///< The device vanished; the reader is trying to reopen it.
    Ended,  ///< End of stream or fatal error: the reader thread has finished.
};

/// What a reader thread and the main thread share. Producer methods are for the reader thread,
/// consumer methods for the main thread, request_stop() for the owner.
class LineChannel {
public:
    /// last_line_ns() before any line since the link was (re)opened.
    static constexpr std::int64_t kNoLine = std::numeric_limits<std::int64_t>::min();

    /// Allocates the ring (options.ring_lines lines). Call init() before use.
    explicit LineChannel(const LiveOptions& options);

    /// Creates the wake-up pipe. False with a reason in `error` when the system refuses.
    bool init(std::string* error);

    // --- reader thread ---------------------------------------------------------------------

    /// True once the owner asked the reader to finish.
    [[nodiscard]] bool stop_requested() const noexcept { return stop_.load(std::memory_order_acquire); }

    /// Waits up to `timeout_ns` for `fd` (ignored when < 0) to become readable or report an error.
    /// Returns its poll() revents (> 0), 0 on timeout or EINTR, or -1 when a stop was requested.
    [[nodiscard]] int wait(int fd, std::int64_t timeout_ns) noexcept;

    /// Sleeps about `duration_ns` unless a stop is requested first; false when it was.
    [[nodiscard]] bool pause(std::int64_t duration_ns) noexcept;

    /// Pushes a complete line into the ring (or counts the overflow) and updates the counters.
    void deliver(const RawLine& line) noexcept;

    /// The link is (re)opened: Connecting until the next line.
    void mark_open() noexcept;
    /// The device vanished: Lost until it is reopened and a line arrives.
    void mark_gone() noexcept;
    /// The stream ended: Closed once every line has been drained. The reader returns after this.
    void mark_ended() noexcept;
    /// Counts a successful reopen after the device vanished.
    void count_reconnect() noexcept { reconnects_.fetch_add(1, std::memory_order_relaxed); }
    /// Counts a datagram rejected for its size.
    void count_oversized() noexcept { oversized_.fetch_add(1, std::memory_order_relaxed); }
    /// The options the source was opened with.
    [[nodiscard]] const LiveOptions& options() const noexcept { return options_; }

    // --- main thread -----------------------------------------------------------------------

    /// Appends up to `max_lines` lines to `out`; returns how many.
    std::size_t drain(std::vector<RawLine>& out, std::size_t max_lines);
    /// The link state at steady-clock time `now_ns`.
    [[nodiscard]] LinkState state(std::int64_t now_ns) const noexcept;
    /// A snapshot of the counters.
    [[nodiscard]] LiveStats stats() const noexcept;

    // --- owner -----------------------------------------------------------------------------

    /// Asks the reader to finish and wakes it from wait()/pause() at once.
    void request_stop() noexcept;

private:
    LiveOptions options_;
    SpscRing<RawLine> ring_;
    UniqueFd wake_read_;
    UniqueFd wake_write_;
    std::atomic<bool> stop_{false};
    std::atomic<LinkPhase> phase_{LinkPhase::Open};
    std::atomic<std::int64_t> last_line_ns_{kNoLine};
    std::atomic<std::uint64_t> lines_{0};
    std::atomic<std::uint64_t> overflows_{0};
    std::atomic<std::uint64_t> truncated_{0};
    std::atomic<std::uint64_t> reconnects_{0};
    std::atomic<std::uint64_t> oversized_{0};
};

/// The transport-specific half of a live source; run() executes on the reader thread.
class LineReader {
public:
    /// Releases the transport (closes its descriptor).
    virtual ~LineReader() = default;
    LineReader(const LineReader&) = delete;             ///< Owns a descriptor: not copyable.
    LineReader& operator=(const LineReader&) = delete;  ///< Owns a descriptor: not copyable.

    /// Reads until channel.stop_requested() (return promptly) or the stream ends (call
    /// channel.mark_ended() first). An exception escaping it is logged and ends the stream.
    virtual void run(LineChannel& channel) = 0;

    /// The LiveSource::describe() text.
    [[nodiscard]] virtual std::string describe() const = 0;

protected:
    /// Only implementations construct one.
    LineReader() = default;
};

/// Starts `reader` on its own thread behind a LiveSource, or returns nullptr with a reason.
[[nodiscard]] std::unique_ptr<LiveSource> start_reader_source(std::unique_ptr<LineReader> reader,
                                                              const LiveOptions& options, std::string* error);

/// Checks `options` (ranges documented on LiveOptions); false with a reason when out of range.
[[nodiscard]] bool validate_options(const LiveOptions& options, std::string* error);

/// Stores `message` in `*error` when error is non-null.
void set_error(std::string* error, std::string message);

}  // namespace bfr::telemetry::detail
