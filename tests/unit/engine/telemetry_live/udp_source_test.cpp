#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "engine/core/log.hpp"
#include "engine/telemetry/live/live_source.hpp"
#include "engine/telemetry/live/udp_source.hpp"
#include "unit/engine/telemetry_live/live_test_util.hpp"

using namespace bfr::telemetry;
using bfr::telemetry::test::collect;
using bfr::telemetry::test::texts;
using bfr::telemetry::test::time_to_destroy;
using bfr::telemetry::test::wait_until;

namespace {

/// A UDP socket that sends to 127.0.0.1 (or ::1) at a given port.
class Sender {
public:
    Sender(int family, std::uint16_t port) : family_{family}, fd_{::socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0)} {
        if (family == AF_INET) {
            v4_.sin_family = AF_INET;
            v4_.sin_port = htons(port);
            v4_.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        } else {
            v6_.sin6_family = AF_INET6;
            v6_.sin6_port = htons(port);
            v6_.sin6_addr = in6addr_loopback;
        }
    }
    ~Sender() { ::close(fd_); }
    Sender(const Sender&) = delete;
    Sender& operator=(const Sender&) = delete;

    bool send(const std::string& datagram) const {
        const auto* to =
            family_ == AF_INET ? reinterpret_cast<const sockaddr*>(&v4_) : reinterpret_cast<const sockaddr*>(&v6_);
        const socklen_t size = family_ == AF_INET ? sizeof v4_ : sizeof v6_;
        return ::sendto(fd_, datagram.data(), datagram.size(), 0, to, size) == static_cast<ssize_t>(datagram.size());
    }

private:
    int family_;
    int fd_;
    sockaddr_in v4_{};
    sockaddr_in6 v6_{};
};

/// A socket bound to an ephemeral port on 127.0.0.1 (to make that port "in use").
struct BoundProbe {
    int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    std::uint16_t port = 0;
    BoundProbe() {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0) {
            socklen_t size = sizeof a;
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &size);
            port = ntohs(a.sin_port);
        }
    }
    ~BoundProbe() { ::close(fd); }
    BoundProbe(const BoundProbe&) = delete;
    BoundProbe& operator=(const BoundProbe&) = delete;
};

}  // namespace

TEST_CASE("udp: lines from datagrams with one or several lines, LF or CRLF", "[telemetry_live][udp]") {
    std::string error;
    std::uint16_t port = 0;
    auto source = open_udp_source("127.0.0.1", 0, LiveOptions{}, &error, &port);
    REQUIRE(source != nullptr);
    REQUIRE(port != 0);
    CHECK(source->describe() == "udp 127.0.0.1:" + std::to_string(port));
    CHECK(source->state(live_clock_now_ns()) == LinkState::Connecting);

    Sender sender(AF_INET, port);
    REQUIRE(sender.send("t_s,cuff_mmHg\n"));
    REQUIRE(sender.send("0.0,10\n0.1,11\n0.2,12"));  // the last line of a datagram needs no newline
    REQUIRE(sender.send("{\"t_s\":0.3}\r\n{\"t_s\":0.4}\r\n"));
    std::vector<RawLine> lines;
    REQUIRE(collect(*source, lines, 6));
    CHECK(texts(lines) ==
          std::vector<std::string>{"t_s,cuff_mmHg", "0.0,10", "0.1,11", "0.2,12", "{\"t_s\":0.3}", "{\"t_s\":0.4}"});
    for (std::size_t i = 1; i < lines.size(); ++i) CHECK(lines[i].arrival_ns >= lines[i - 1].arrival_ns);
    const std::int64_t last = lines.back().arrival_ns;
    CHECK(source->state(last) == LinkState::Receiving);
    CHECK(source->state(last + 2'000'000'000) == LinkState::Receiving);
    CHECK(source->state(last + 2'000'000'001) == LinkState::Lost);  // interfaces §3: lost after 2 s
    CHECK(source->stats().lines == 6);
    CHECK(source->stats().overflows == 0);
}

TEST_CASE("udp: oversized datagrams are dropped whole and counted, junk does not stop it", "[telemetry_live][udp]") {
    const bfr::core::ScopedLogLevel quiet(bfr::core::LogLevel::Error);
    LiveOptions options;
    options.max_datagram_bytes = 8192;
    std::string error;
    std::uint16_t port = 0;
    auto source = open_udp_source("localhost", 0, options, &error, &port);
    REQUIRE(source != nullptr);
    Sender sender(AF_INET, port);

    std::string at_cap = "big\n" + std::string(8192 - 4, 'a');  // exactly the cap: accepted
    REQUIRE(at_cap.size() == 8192);
    REQUIRE(sender.send("1,1\n" + std::string(9000, 'x') + "\n2,2\n"));  // over the cap: none of it
    REQUIRE(sender.send(at_cap));
    std::string junk;
    for (int i = 0; i < 600; ++i) junk.push_back(static_cast<char>((i * 37 + 11) % 256));
    REQUIRE(sender.send(junk));
    REQUIRE(sender.send(std::string(1, '\0')));
    REQUIRE(sender.send("after\n"));

    std::vector<RawLine> lines;
    REQUIRE(wait_until([&] {
        source->drain(lines, 64);
        return !lines.empty() && lines.back().view() == "after";
    }));
    CHECK(source->stats().oversized_datagrams == 1);
    for (const RawLine& line : lines) {
        CHECK(line.view() != "1,1");
        CHECK(line.view() != "2,2");
        CHECK(line.length <= kRawLineCapacity);
    }
    CHECK(lines.front().view() == "big");
    CHECK(lines[1].length == kRawLineCapacity);  // the 8188 'a's, cut and flagged
    CHECK(lines[1].truncated);
    CHECK(source->stats().truncated >= 1);
}

TEST_CASE("udp: a full ring drops the newest lines and counts them", "[telemetry_live][udp]") {
    const bfr::core::ScopedLogLevel quiet(bfr::core::LogLevel::Error);
    LiveOptions options;
    options.ring_lines = 4;
    std::string error;
    std::uint16_t port = 0;
    auto source = open_udp_source("127.0.0.1", 0, options, &error, &port);
    REQUIRE(source != nullptr);
    Sender sender(AF_INET, port);
    REQUIRE(sender.send("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"));
    REQUIRE(wait_until([&] {
        const LiveStats s = source->stats();
        return s.lines + s.overflows == 10;
    }));
    CHECK(source->stats().lines == 4);
    CHECK(source->stats().overflows == 6);
    std::vector<RawLine> lines;
    CHECK(source->drain(lines, 100) == 4);
    CHECK(texts(lines) == std::vector<std::string>{"1", "2", "3", "4"});  // the oldest are kept
}

TEST_CASE("udp: IPv6 loopback", "[telemetry_live][udp]") {
    std::string error;
    std::uint16_t port = 0;
    auto source = open_udp_source("::1", 0, LiveOptions{}, &error, &port);
    if (source == nullptr) {
        WARN("no IPv6 loopback here: " << error);
        return;
    }
    CHECK(source->describe() == "udp [::1]:" + std::to_string(port));
    Sender sender(AF_INET6, port);
    REQUIRE(sender.send("v6\n"));
    std::vector<RawLine> lines;
    REQUIRE(collect(*source, lines, 1));
    CHECK(lines[0].view() == "v6");
}

TEST_CASE("udp: a port in use is a clear error, not a crash", "[telemetry_live][udp]") {
    BoundProbe probe;
    REQUIRE(probe.port != 0);
    SourceSpec spec;
    spec.kind = SourceSpec::Kind::Udp;
    spec.host = "127.0.0.1";
    spec.port = probe.port;
    std::string error;
    CHECK(open_live_source(spec, LiveOptions{}, &error) == nullptr);
    CHECK_THAT(error, Catch::Contains("udp 127.0.0.1:" + std::to_string(probe.port)) && Catch::Contains("in use"));
}

TEST_CASE("udp: an address that is not this machine's is a clear error", "[telemetry_live][udp]") {
    std::string error;
    CHECK(open_udp_source("192.0.2.1", 0, LiveOptions{}, &error) == nullptr);  // TEST-NET-1
    CHECK_THAT(error, Catch::Contains("192.0.2.1") && Catch::Contains("not an address of this machine"));
}

TEST_CASE("udp: the destructor joins at once while nothing arrives", "[telemetry_live][udp]") {
    std::string error;
    auto source = open_udp_source("127.0.0.1", 0, LiveOptions{}, &error);
    REQUIRE(source != nullptr);
    CHECK(time_to_destroy(source).count() < 100);
}

TEST_CASE("open_live_source: only serial, udp and stdin are live", "[telemetry_live]") {
    std::string error;
    SourceSpec spec;
    spec.kind = SourceSpec::Kind::Sim;
    CHECK(open_live_source(spec, LiveOptions{}, &error) == nullptr);
    CHECK_THAT(error, Catch::Contains("'sim' is not a live source"));
    spec.kind = SourceSpec::Kind::File;
    spec.path = "x.csv";
    CHECK(open_live_source(spec, LiveOptions{}, &error) == nullptr);
    CHECK_THAT(error, Catch::Contains("file:x.csv"));
    spec.kind = SourceSpec::Kind::Udp;
    spec.host = "127.0.0.1";
    LiveOptions bad;
    bad.ring_lines = 1;
    CHECK(open_live_source(spec, bad, &error) == nullptr);
    CHECK_THAT(error, Catch::Contains("ring size"));
    CHECK(link_state_name(LinkState::Lost) == "lost");
}
