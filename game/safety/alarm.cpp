#include "game/safety/alarm.hpp"

#include <charconv>

namespace bfr::safety {

const char* kind_name(AlarmKind kind) noexcept {
    switch (kind) {
        case AlarmKind::PressureAboveLop: return "pressure_above_lop";
        case AlarmKind::PressureCeiling: return "pressure_ceiling";
        case AlarmKind::PressureOutOfBand: return "pressure_out_of_band";
        case AlarmKind::OcclusionTime: return "occlusion_time";
        case AlarmKind::SensorLost: return "sensor_lost";
        case AlarmKind::Discomfort: return "discomfort";
    }
    return "unknown";
}

const char* action_name(Action action) noexcept {
    switch (action) {
        case Action::Deflate: return "deflate";
        case Action::Lower10: return "lower_10_mmHg";
        case Action::Stop: return "stop";
    }
    return "unknown";
}

std::optional<int> discomfort_level(std::string_view event) noexcept {
    constexpr std::string_view kPrefix = "discomfort:";
    if (event.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
    const std::string_view digits = event.substr(kPrefix.size());
    int level = -1;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), level);
    if (ec != std::errc{} || end != digits.data() + digits.size() || level < 0 || level > 10) return std::nullopt;
    return level;
}

}  // namespace bfr::safety
