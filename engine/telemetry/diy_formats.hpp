#pragma once
// The line formats of do-it-yourself cuff firmware (product.md §3b), chosen by name (`--format`),
// besides the project's own format v1. Each DIY line carries one cuff pressure and, for some
// devices, the device's millisecond clock; none carries a time column.
//
//   v1             the telemetry format v1 (CSV after a header, or NDJSON; detected per line)
//   pressure-line  `Pressure: 182.4 mmHg` (desproplayer/smart-tourniquet-system); also
//                  `Pressure:182.4mmHg`, `pressure = 24.3 kPa`; unit mmHg (default), kPa or psi
//   mmhg-number    a number followed by `mm Hg`/`mmHg` with any spacing (jjbel/pressure_cuff
//                  prints `123.45 mm Hg `); kPa and psi accepted too, a bare number is mmHg
//   mprls          the whitespace-separated `status raw raw raw counts %FS pressure temp millis`
//                  of Hyancinth/SelfRegulatingTourniquet (also the 7-field form with the raw
//                  bytes joined, and the host's 5-field CSV `counts,%FS,pressure,temp,millis`);
//                  pressure is read as mmHg, millis is the device clock

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bfr::telemetry {

/// A telemetry line format.
enum class Format : std::uint8_t {
    V1,            ///< Telemetry format v1 (interfaces.md §4), CSV or NDJSON.
    PressureLine,  ///< `Pressure: 182.4 mmHg`.
    MmhgNumber,    ///< `123.45 mm Hg`.
    Mprls,         ///< `status raw3 counts %FS pressure temp millis`.
};

/// mmHg per kPa.
inline constexpr double kMmhgPerKpa = 7.50062;
/// mmHg per psi.
inline constexpr double kMmhgPerPsi = 51.7149;

/// The names `--format` accepts, in the order of the Format enum: v1, pressure-line,
/// mmhg-number, mprls.
[[nodiscard]] const std::array<std::string_view, 4>& format_names() noexcept;

/// The name of a format ("v1", "pressure-line", ...).
[[nodiscard]] std::string_view format_name(Format format) noexcept;

/// The format with this name (exact, lower case), nullopt for any other text.
[[nodiscard]] std::optional<Format> parse_format_name(std::string_view name) noexcept;

/// The names joined for a usage message: "v1, pressure-line, mmhg-number, mprls".
[[nodiscard]] std::string format_names_text();

/// What one DIY line says.
struct DiyReading {
    double pressure_mmhg = 0.0;   ///< Cuff pressure, converted to mmHg (finite).
    bool has_device_ms = false;   ///< The line carried the device's millisecond clock.
    std::uint64_t device_ms = 0;  ///< That clock (mprls: Arduino millis()).
};

/// Parses one line of a DIY `format` (not Format::V1). Returns false when the line carries no
/// reading (a boot message, garbage, an unknown unit); then, if `reason` is not null, it
/// receives why. No range check here: the decoder applies the schema's range.
[[nodiscard]] bool parse_diy_line(Format format, std::string_view line, DiyReading& out, std::string* reason);

}  // namespace bfr::telemetry
