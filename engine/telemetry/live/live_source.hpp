#pragma once
// Live telemetry sources (serial, udp, stdin): raw text lines delivered off the main thread.
//
// Each source owns one reader thread that waits in poll(), assembles bytes into lines
// (line_assembler.hpp), stamps each line with its arrival time and pushes it into a bounded
// lock-free SPSC ring (spsc_ring.hpp). The app's main thread calls drain() once per frame and
// hands the lines to the parser; nothing here parses, and nothing here ever blocks the caller.
// Transport only, game-agnostic; see docs/telemetry.md, "Live sources".

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/telemetry/live/raw_line.hpp"
#include "engine/telemetry/source_spec.hpp"

namespace bfr::telemetry {

/// How a live link is doing, as seen by the app.
enum class LinkState : std::uint8_t {
    Connecting,  ///< Open (bound, device opened, stdin ready) but no line received since it was opened.
    Receiving,   ///< The last line arrived no longer ago than the lost timeout.
    Lost,        ///< No line for longer than the timeout, or the device vanished (a serial source retries).
    Closed,      ///< The stream ended (EOF on stdin, or a fatal read error) and every line was drained.
};

/// "connecting", "receiving", "lost", "closed".
[[nodiscard]] std::string_view link_state_name(LinkState state) noexcept;

/// Counters of a live source since it was opened (monotonic, read with relaxed atomics).
struct LiveStats {
    std::uint64_t lines = 0;                ///< Lines pushed into the ring (drained or still waiting).
    std::uint64_t overflows = 0;            ///< Lines dropped because the ring was full (the consumer lagged).
    std::uint64_t truncated = 0;            ///< Lines longer than kRawLineCapacity (delivered cut and flagged).
    std::uint64_t reconnects = 0;           ///< Serial: times the device was reopened after it vanished.
    std::uint64_t oversized_datagrams = 0;  ///< UDP: datagrams over the size cap, dropped whole.
};

/// Tuning of live sources. The defaults suit the app; tests shrink or inject things.
struct LiveOptions {
    std::size_t ring_lines = 4096;                     ///< Ring capacity in lines (power of two, 2..65536).
    std::int64_t lost_timeout_ns = 2'000'000'000;      ///< No line for longer than this → Lost (interfaces §3).
    std::size_t max_datagram_bytes = 8192;             ///< UDP: larger datagrams are rejected (1..65507).
    std::int64_t reconnect_interval_ns = 500'000'000;  ///< Serial: delay between attempts to reopen (>= 1 ms).
    int stdin_fd = 0;  ///< Stdin: the descriptor to read (tests inject a pipe). Never closed by the source.
};

/// Steady-clock time in ns: the clock of RawLine::arrival_ns and of LiveSource::state()'s `now_ns`
/// (std::chrono::steady_clock, the same clock the app loop reads for its frames). Clock reads:
/// besides the app loop, the live readers' arrival stamps (one per read() or datagram, taken on
/// the reader thread when it completes lines) are the only clock reads in the program; the app
/// converts arrival times to session time.
[[nodiscard]] inline std::int64_t live_clock_now_ns() noexcept {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/// A live source the app polls each frame. It owns its reader thread; the destructor stops and
/// joins it promptly (the reader wakes from poll() through a pipe at once, well under 100 ms),
/// even while the device is silent or being reconnected. All methods are for one (main) thread.
class LiveSource {
public:
    /// Stops and joins the reader thread.
    virtual ~LiveSource() = default;
    LiveSource(const LiveSource&) = delete;             ///< Owns a thread: not copyable.
    LiveSource& operator=(const LiveSource&) = delete;  ///< Owns a thread: not copyable.

    /// Appends up to `max_lines` received lines to `out`, oldest first, and returns how many.
    /// Never blocks. Reserve `out` (e.g. to max_lines) to keep the frame allocation-free.
    virtual std::size_t drain(std::vector<RawLine>& out, std::size_t max_lines) = 0;

    /// The link state at steady-clock time `now_ns` (see live_clock_now_ns()): Lost when the
    /// last line is older than LiveOptions::lost_timeout_ns (default 2 s) or the device is gone.
    [[nodiscard]] virtual LinkState state(std::int64_t now_ns) const = 0;

    /// Counters since the source was opened.
    [[nodiscard]] virtual LiveStats stats() const = 0;

    /// What it listens to, for the UI and logs: "udp 127.0.0.1:9750", "serial /dev/ttyACM0 @115200", "stdin".
    [[nodiscard]] virtual std::string describe() const = 0;

protected:
    /// Only implementations construct one.
    LiveSource() = default;
};

/// Opens the live source `spec` names (Serial, Udp or Stdin) and starts its reader thread.
/// Returns nullptr with a one-line reason in `error` (if non-null) when it cannot: a kind that is
/// not live, a device that does not exist or is not a terminal, an unsupported baud rate, a UDP
/// address that cannot be bound (port in use, not a local address), bad options.
[[nodiscard]] std::unique_ptr<LiveSource> open_live_source(const SourceSpec& spec, const LiveOptions& options,
                                                           std::string* error);

}  // namespace bfr::telemetry
