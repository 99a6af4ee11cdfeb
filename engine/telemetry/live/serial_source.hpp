#pragma once
// `serial:DEVICE[@BAUD]`: telemetry lines from a serial device (USB CDC ttyACM, USB-serial ttyUSB,
// on-board UART, or a pseudo-terminal), through termios in raw mode. No library beyond libc.

#include <cstdint>
#include <memory>
#include <string>

#include "engine/telemetry/live/live_source.hpp"

namespace bfr::telemetry {

/// True when `baud` is a rate open_serial_source() accepts (1200 … 4000000, the standard Bxxx
/// rates of Linux termios).
[[nodiscard]] bool is_supported_baud(std::uint32_t baud) noexcept;

/// Opens `path` (O_NOCTTY | O_NONBLOCK, 8N1 raw, no flow control) at `baud` and starts reading
/// lines. Returns nullptr with a reason in `error` when the rate is unsupported, the device
/// cannot be opened (missing, no permission) or is not a terminal. Once open it survives unplug
/// and replug: when the device reports a hang-up or an error the link is Lost, the partial line
/// is discarded, and the path is reopened every options.reconnect_interval_ns (counted in
/// LiveStats::reconnects) until the device is back.
[[nodiscard]] std::unique_ptr<LiveSource> open_serial_source(const std::string& path, std::uint32_t baud,
                                                             const LiveOptions& options, std::string* error);

}  // namespace bfr::telemetry
