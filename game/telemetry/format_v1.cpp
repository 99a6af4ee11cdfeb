#include "game/telemetry/format_v1.hpp"

namespace bfr::telemetry_v1 {

const telemetry::Schema& schema() {
    static const telemetry::Schema kSchema = [] {
        telemetry::Schema s;
        s.time_column = "t_s";
        s.event_column = "event";
        s.columns = {
            {"cuff_mmHg", 0.0, 500.0},     {"target_mmHg", 0.0, 500.0},   {"lop_mmHg", 0.0, 500.0},
            {"load_pct1rm", 0.0, 100.0},   {"effort", 0.0, 1.0},          {"ax_g", -64.0, 64.0},
            {"ay_g", -64.0, 64.0},         {"az_g", -64.0, 64.0},         {"gx_dps", -10000.0, 10000.0},
            {"gy_dps", -10000.0, 10000.0}, {"gz_dps", -10000.0, 10000.0}, {"angle_deg", -360.0, 360.0},
        };
        return s;
    }();
    return kSchema;
}

}  // namespace bfr::telemetry_v1
