#pragma once
// Wall-clock times as the history stores them: ISO 8601 in UTC to the second with a "Z"
// ("2025-03-01T09:30:05Z"), so they sort as text and carry their time zone (FHIR dateTime).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bfr::history {

/// `unix_s` (seconds since 1970-01-01T00:00:00Z) as "YYYY-MM-DDTHH:MM:SSZ".
[[nodiscard]] std::string iso8601_utc(std::int64_t unix_s);

/// The current time as "YYYY-MM-DDTHH:MM:SSZ".
[[nodiscard]] std::string now_iso8601_utc();

/// Seconds since the epoch of "YYYY-MM-DDTHH:MM:SS[.fraction]Z" (the fraction is dropped);
/// nullopt for anything else (another format, another time zone, an impossible date).
[[nodiscard]] std::optional<std::int64_t> parse_iso8601_utc(std::string_view text);

}  // namespace bfr::history
