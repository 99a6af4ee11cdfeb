#include "engine/telemetry/live/live_source.hpp"

#include <fmt/format.h>

#include "engine/telemetry/live/reader_thread.hpp"
#include "engine/telemetry/live/serial_source.hpp"
#include "engine/telemetry/live/stdin_source.hpp"
#include "engine/telemetry/live/udp_source.hpp"

namespace bfr::telemetry {

std::string_view link_state_name(LinkState state) noexcept {
    switch (state) {
        case LinkState::Connecting: return "connecting";
        case LinkState::Receiving: return "receiving";
        case LinkState::Lost: return "lost";
        case LinkState::Closed: return "closed";
    }
    return "closed";
}

std::unique_ptr<LiveSource> open_live_source(const SourceSpec& spec, const LiveOptions& options, std::string* error) {
    switch (spec.kind) {
        case SourceSpec::Kind::Serial: return open_serial_source(spec.path, spec.baud, options, error);
        case SourceSpec::Kind::Udp: return open_udp_source(spec.host, spec.port, options, error);
        case SourceSpec::Kind::Stdin: return open_stdin_source(options, error);
        case SourceSpec::Kind::Sim:
        case SourceSpec::Kind::File: break;
    }
    detail::set_error(
        error, fmt::format("source '{}' is not a live source (live sources: serial, udp, stdin)", to_string(spec)));
    return nullptr;
}

}  // namespace bfr::telemetry
