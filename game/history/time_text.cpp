#include "game/history/time_text.hpp"

#include <fmt/format.h>

#include <chrono>

namespace bfr::history {
namespace {

constexpr std::int64_t kSecondsPerDay = 86'400;

/// Reads `count` digits at `pos`; nullopt when any is not a digit.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t count) {
    if (pos + count > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace

std::string iso8601_utc(std::int64_t unix_s) {
    using namespace std::chrono;
    std::int64_t day_count = unix_s / kSecondsPerDay;
    std::int64_t rest = unix_s % kSecondsPerDay;
    if (rest < 0) {
        rest += kSecondsPerDay;
        --day_count;
    }
    const year_month_day ymd{sys_days{std::chrono::days{day_count}}};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), rest / 3600,
                       (rest / 60) % 60, rest % 60);
}

std::string now_iso8601_utc() {
    const auto now = std::chrono::system_clock::now();
    return iso8601_utc(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
}

std::optional<std::int64_t> parse_iso8601_utc(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SS then an optional fraction, then Z.
    if (text.size() < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
        text[16] != ':') {
        return std::nullopt;
    }
    const auto year = digits(text, 0, 4);
    const auto month = digits(text, 5, 2);
    const auto day = digits(text, 8, 2);
    const auto hour = digits(text, 11, 2);
    const auto minute = digits(text, 14, 2);
    const auto second = digits(text, 17, 2);
    if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
    std::size_t pos = 19;
    if (text[pos] == '.') {
        ++pos;
        const std::size_t first = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        if (pos == first) return std::nullopt;
    }
    if (pos + 1 != text.size() || text[pos] != 'Z') return std::nullopt;
    if (*hour > 23 || *minute > 59 || *second > 59) return std::nullopt;
    using namespace std::chrono;
    const year_month_day ymd{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                             std::chrono::day{static_cast<unsigned>(*day)}};
    if (!ymd.ok()) return std::nullopt;
    const std::int64_t day_count = sys_days{ymd}.time_since_epoch().count();
    return day_count * kSecondsPerDay + *hour * 3600 + *minute * 60 + *second;
}

}  // namespace bfr::history
