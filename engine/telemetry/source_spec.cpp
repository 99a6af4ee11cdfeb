#include "engine/telemetry/source_spec.hpp"

#include <fmt/format.h>

#include <charconv>

namespace bfr::telemetry {
namespace {

template <class T>
std::optional<T> parse_unsigned(std::string_view text) {
    T value{};
    if (text.empty()) return std::nullopt;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end) return std::nullopt;
    return value;
}

std::optional<SourceSpec> fail(std::string* error, std::string message) {
    if (error != nullptr) *error = std::move(message);
    return std::nullopt;
}

}  // namespace

std::optional<SourceSpec> parse_source_spec(std::string_view text, std::string* error) {
    SourceSpec spec;
    const auto colon = text.find(':');
    const std::string_view head = text.substr(0, colon);
    const std::string_view rest = colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
    const bool has_rest = colon != std::string_view::npos;
    constexpr const char* kForms = "expected sim, file:PATH, serial:DEVICE[@BAUD], udp:HOST:PORT or stdin";
    if (head == "sim" || head == "stdin") {
        if (has_rest) return fail(error, fmt::format("source '{}' takes no argument ({})", head, kForms));
        spec.kind = head == "sim" ? SourceSpec::Kind::Sim : SourceSpec::Kind::Stdin;
        return spec;
    }
    if (head == "file") {
        if (rest.empty()) return fail(error, "source 'file:' needs a path, e.g. file:session.csv");
        spec.kind = SourceSpec::Kind::File;
        spec.path = std::string(rest);
        return spec;
    }
    if (head == "serial") {
        const auto at = rest.rfind('@');
        const std::string_view device = rest.substr(0, at);
        if (device.empty()) return fail(error, "source 'serial:' needs a device, e.g. serial:/dev/ttyACM0@115200");
        spec.kind = SourceSpec::Kind::Serial;
        spec.path = std::string(device);
        if (at != std::string_view::npos) {
            const auto baud = parse_unsigned<std::uint32_t>(rest.substr(at + 1));
            if (!baud || *baud < 50 || *baud > 4'000'000) {
                return fail(error, fmt::format("bad baud rate '{}' in '{}' (a whole number from 50 to 4000000)",
                                               rest.substr(at + 1), text));
            }
            spec.baud = *baud;
        }
        return spec;
    }
    if (head == "udp") {
        const auto last = rest.rfind(':');
        if (last == std::string_view::npos)
            return fail(error, fmt::format("source '{}' needs HOST:PORT, e.g. udp:127.0.0.1:9750", text));
        std::string_view host = rest.substr(0, last);
        if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
            host = host.substr(1, host.size() - 2);  // [::1]
        const auto port = parse_unsigned<std::uint32_t>(rest.substr(last + 1));
        if (host.empty()) return fail(error, fmt::format("source '{}' needs a host, e.g. udp:127.0.0.1:9750", text));
        if (!port || *port == 0 || *port > 65535) {
            return fail(error, fmt::format("bad port '{}' in '{}' (1 to 65535)", rest.substr(last + 1), text));
        }
        spec.kind = SourceSpec::Kind::Udp;
        spec.host = std::string(host);
        spec.port = static_cast<std::uint16_t>(*port);
        return spec;
    }
    return fail(error, fmt::format("unknown source '{}' ({})", text, kForms));
}

std::string_view kind_name(SourceSpec::Kind kind) noexcept {
    switch (kind) {
        case SourceSpec::Kind::Sim: return "sim";
        case SourceSpec::Kind::File: return "file";
        case SourceSpec::Kind::Serial: return "serial";
        case SourceSpec::Kind::Udp: return "udp";
        case SourceSpec::Kind::Stdin: return "stdin";
    }
    return "sim";
}

std::string to_string(const SourceSpec& spec) {
    switch (spec.kind) {
        case SourceSpec::Kind::File: return "file:" + spec.path;
        case SourceSpec::Kind::Serial: return fmt::format("serial:{}@{}", spec.path, spec.baud);
        case SourceSpec::Kind::Udp:
            return spec.host.find(':') != std::string::npos ? fmt::format("udp:[{}]:{}", spec.host, spec.port)
                                                            : fmt::format("udp:{}:{}", spec.host, spec.port);
        case SourceSpec::Kind::Sim:
        case SourceSpec::Kind::Stdin: break;
    }
    return std::string(kind_name(spec.kind));
}

}  // namespace bfr::telemetry
