#pragma once
// Telemetry file format version 1 (interfaces.md §4): the columns, their units and physical
// ranges, as a Schema for the engine's parsers, and the `event` vocabulary.

#include "engine/telemetry/schema.hpp"

#include <cstddef>

namespace bfr::telemetry_v1 {

/// Column indices into telemetry::Sample::values (the order of kSchema.columns).
enum Column : std::size_t {
    kCuffMmhg = 0,
    kTargetMmhg,
    kLopMmhg,
    kLoadPct1rm,
    kEffort,
    kAxG,
    kAyG,
    kAzG,
    kGxDps,
    kGyDps,
    kGzDps,
    kAngleDeg,
    kColumnCount
};

/// The v1 schema: names as in the header, ranges beyond which a row cannot be used
/// (pressures 0..500 mmHg; other limits generous but physical, documented in docs/telemetry.md).
[[nodiscard]] const telemetry::Schema& schema();

}  // namespace bfr::telemetry_v1
