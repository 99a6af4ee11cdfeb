#include "engine/telemetry/live/udp_source.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <algorithm>
#include <cerrno>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "engine/core/log.hpp"
#include "engine/telemetry/live/line_assembler.hpp"
#include "engine/telemetry/live/reader_thread.hpp"

namespace bfr::telemetry {
namespace {

using detail::errno_text;
using detail::LineChannel;
using detail::set_error;
using detail::UniqueFd;

constexpr std::int64_t kPollNs = 250'000'000;  // the wake pipe stops us at once; this only bounds a wait
constexpr int kMaxDatagramsPerWake = 256;      // then look at the stop flag again

std::string endpoint_text(const std::string& host, std::uint16_t port) {
    return host.find(':') != std::string::npos ? fmt::format("[{}]:{}", host, port) : fmt::format("{}:{}", host, port);
}

std::uint16_t local_port(int fd) noexcept {
    sockaddr_storage address{};
    socklen_t size = sizeof address;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) return 0;  // NOLINT
    if (address.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
    if (address.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
    return 0;
}

std::string bind_hint(int err) {
    switch (err) {
        case EADDRINUSE: return " (another program is using this port: close it or choose another port)";
        case EADDRNOTAVAIL:
            return " (not an address of this machine: use 127.0.0.1, ::1 or a local interface's address)";
        case EACCES: return " (ports below 1024 need privileges: choose a port from 1024 to 65535)";
        default: return "";
    }
}

/// Reads datagrams from a bound socket on the reader thread.
class UdpReader final : public detail::LineReader {
public:
    UdpReader(UniqueFd socket, std::string label, std::size_t max_datagram)
        : socket_{std::move(socket)}, label_{std::move(label)}, buffer_(max_datagram + 1) {}

    void run(LineChannel& channel) override {
        channel.mark_open();  // bound: Connecting until the first line
        const auto deliver = [&channel](const RawLine& line) { channel.deliver(line); };
        const std::size_t cap = buffer_.size() - 1;
        bool warned_oversized = false;
        for (;;) {
            const int events = channel.wait(socket_.get(), kPollNs);
            if (events < 0) return;
            if (events == 0) continue;
            if ((events & POLLNVAL) != 0) {
                core::log_error("{}: the socket was closed unexpectedly; no more telemetry from it", label_);
                channel.mark_ended();
                return;
            }
            for (int i = 0; i < kMaxDatagramsPerWake; ++i) {
                // MSG_TRUNC: the return value is the datagram's real size even when it is larger
                // than the buffer, so an oversized datagram is recognised and dropped whole.
                const ssize_t got = ::recv(socket_.get(), buffer_.data(), buffer_.size(), MSG_DONTWAIT | MSG_TRUNC);
                if (got < 0) {
                    const int err = errno;
                    if (err == EINTR) continue;
                    if (err != EAGAIN && err != EWOULDBLOCK) {
                        core::log_warn("{}: receive failed: {}", label_, errno_text(err));
                    }
                    break;
                }
                // The arrival clock: besides the app loop's frame clock, the reader threads'
                // steady_clock reads are the only clock reads in the program.
                const std::int64_t now = live_clock_now_ns();
                const auto size = static_cast<std::size_t>(got);
                if (size > cap) {
                    channel.count_oversized();
                    if (!warned_oversized) {
                        warned_oversized = true;
                        core::log_warn(
                            "{}: dropped a {}-byte datagram (the limit is {} bytes); further ones are "
                            "only counted",
                            label_, size, cap);
                    }
                    continue;
                }
                // Every datagram stands alone: its last line ends with it, newline or not.
                assembler_.feed(std::string_view{buffer_.data(), size}, now, deliver);
                assembler_.finish(now, deliver);
            }
        }
    }

    [[nodiscard]] std::string describe() const override { return label_; }

private:
    UniqueFd socket_;
    std::string label_;
    std::vector<char> buffer_;  // one byte more than the cap, to tell "exactly the cap" from "larger"
    LineAssembler assembler_;
};

}  // namespace

std::unique_ptr<LiveSource> open_udp_source(const std::string& host, std::uint16_t port, const LiveOptions& options,
                                            std::string* error, std::uint16_t* bound_port) {
    if (!detail::validate_options(options, error)) return nullptr;
    const std::string wanted = "udp " + endpoint_text(host, port);
    if (host.empty()) {
        set_error(error, "udp source needs a host to listen on, e.g. udp:127.0.0.1:9750");
        return nullptr;
    }

    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_protocol = IPPROTO_UDP;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(port);
    const int gai = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found);
    if (gai != 0) {
        set_error(error, fmt::format("cannot listen on {}: unknown address '{}' ({})", wanted, host,
                                     gai == EAI_SYSTEM ? errno_text(errno) : std::string(::gai_strerror(gai))));
        return nullptr;
    }
    // IPv4 first, so "localhost" listens where most senders send (127.0.0.1).
    std::vector<const addrinfo*> candidates;
    for (const addrinfo* a = found; a != nullptr; a = a->ai_next) candidates.push_back(a);
    std::stable_sort(candidates.begin(), candidates.end(), [](const addrinfo* a, const addrinfo* b) {
        return a->ai_family == AF_INET && b->ai_family != AF_INET;
    });

    UniqueFd socket;
    int last_error = EADDRNOTAVAIL;
    for (const addrinfo* a : candidates) {
        UniqueFd s{::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol)};
        if (!s.valid()) {
            last_error = errno;
            continue;
        }
        // No SO_REUSEADDR: a port another program listens on must be an error, not shared.
        if (::bind(s.get(), a->ai_addr, a->ai_addrlen) != 0) {
            last_error = errno;
            continue;
        }
        socket = std::move(s);
        break;
    }
    ::freeaddrinfo(found);
    if (!socket.valid()) {
        set_error(error,
                  fmt::format("cannot listen on {}: {}{}", wanted, errno_text(last_error), bind_hint(last_error)));
        return nullptr;
    }
    // A roomier kernel buffer rides out a slow frame; best effort (the kernel may cap it).
    const int receive_buffer = 1 << 20;
    ::setsockopt(socket.get(), SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);

    const std::uint16_t actual = local_port(socket.get());
    if (bound_port != nullptr) *bound_port = actual;
    auto reader = std::make_unique<UdpReader>(std::move(socket), "udp " + endpoint_text(host, actual),
                                              options.max_datagram_bytes);
    return detail::start_reader_source(std::move(reader), options, error);
}

}  // namespace bfr::telemetry
