#include "game/safety/alarm.hpp"

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

}  // namespace bfr::safety
