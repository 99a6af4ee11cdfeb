#pragma once
// `udp:HOST:PORT`: telemetry lines in UDP datagrams.

#include <cstdint>
#include <memory>
#include <string>

#include "engine/telemetry/live/live_source.hpp"

namespace bfr::telemetry {

/// Binds a UDP socket to `host`:`port` (an IPv4 or IPv6 literal or a name such as "localhost";
/// exactly the address given, so a non-loopback address is bound only when the user names it)
/// and starts reading datagrams. Each datagram holds one or more `\n`-separated lines (the last
/// may lack its `\n`); a datagram larger than options.max_datagram_bytes is dropped whole and
/// counted. `port` 0 binds an ephemeral port (tests): its number is stored in `*bound_port`
/// when that is non-null, and describe() shows it. Returns nullptr with a reason in `error` when
/// the address cannot be resolved or bound (e.g. the port is in use).
[[nodiscard]] std::unique_ptr<LiveSource> open_udp_source(const std::string& host, std::uint16_t port,
                                                          const LiveOptions& options, std::string* error,
                                                          std::uint16_t* bound_port = nullptr);

}  // namespace bfr::telemetry
