#pragma once
// The `--source SPEC` vocabulary of interfaces.md §2: where telemetry comes from.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bfr::telemetry {

/// A parsed source specification.
struct SourceSpec {
    enum class Kind : std::uint8_t { Sim, File, Serial, Udp, Stdin };
    Kind kind = Kind::Sim;
    std::string path;             ///< File: the file; Serial: the device.
    std::uint32_t baud = 115200;  ///< Serial: the baud rate.
    std::string host;             ///< Udp: the address to bind (loopback unless named).
    std::uint16_t port = 0;       ///< Udp: the port.

    /// True for sources whose samples arrive in real time from outside (serial, udp, stdin).
    [[nodiscard]] bool is_live() const noexcept {
        return kind == Kind::Serial || kind == Kind::Udp || kind == Kind::Stdin;
    }
};

/// Parses `sim`, `file:PATH`, `serial:DEVICE[@BAUD]`, `udp:HOST:PORT` or `stdin`. Returns nullopt
/// and a one-line reason in `error` for anything else (empty path, bad port, bad baud rate…).
[[nodiscard]] std::optional<SourceSpec> parse_source_spec(std::string_view text, std::string* error);

/// The spec written back in its canonical form (e.g. "serial:/dev/ttyACM0@115200").
[[nodiscard]] std::string to_string(const SourceSpec& spec);

/// "sim", "file", "serial", "udp", "stdin".
[[nodiscard]] std::string_view kind_name(SourceSpec::Kind kind) noexcept;

}  // namespace bfr::telemetry
