// DIY cuff line formats (product.md §3b): names, messy spacing and units, device clocks.

#include "decode_helpers.hpp"
#include "engine/telemetry/device_clock.hpp"
#include "engine/telemetry/diy_formats.hpp"

#include <catch2/catch.hpp>

#include <string>

using bfr::telemetry::Decoder;
using bfr::telemetry::DecoderOptions;
using bfr::telemetry::DeviceClock;
using bfr::telemetry::DiyReading;
using bfr::telemetry::Format;
using bfr::telemetry::Sample;
using bfr::telemetry::test::decode;
using bfr::telemetry::test::problem;
namespace v1 = bfr::telemetry_v1;

namespace {

DecoderOptions diy(Format format, double rate_hz = 0.0) {
    DecoderOptions o;
    o.format = format;
    o.pressure_column = v1::kCuffMmhg;
    o.diy_rate_hz = rate_hz;
    o.kept_problems = 10;
    return o;
}

double pressure_of(Format format, std::string_view line) {
    DiyReading r;
    std::string why;
    if (!bfr::telemetry::parse_diy_line(format, line, r, &why)) return -1.0;
    return r.pressure_mmhg;
}

}  // namespace

TEST_CASE("format names parse and list", "[telemetry][diy]") {
    CHECK(bfr::telemetry::parse_format_name("v1") == Format::V1);
    CHECK(bfr::telemetry::parse_format_name("pressure-line") == Format::PressureLine);
    CHECK(bfr::telemetry::parse_format_name("mmhg-number") == Format::MmhgNumber);
    CHECK(bfr::telemetry::parse_format_name("mprls") == Format::Mprls);
    CHECK_FALSE(bfr::telemetry::parse_format_name("MPRLS"));
    CHECK_FALSE(bfr::telemetry::parse_format_name(""));
    CHECK(bfr::telemetry::format_names().size() == 4);
    CHECK(bfr::telemetry::format_names_text() == "v1, pressure-line, mmhg-number, mprls");
    for (const auto name : bfr::telemetry::format_names())
        CHECK(bfr::telemetry::format_name(*bfr::telemetry::parse_format_name(name)) == name);
}

TEST_CASE("pressure-line accepts messy spacing, case and kPa", "[telemetry][diy]") {
    CHECK(pressure_of(Format::PressureLine, "Pressure: 182.4 mmHg") == 182.4);
    CHECK(pressure_of(Format::PressureLine, "Pressure:182.4mmHg") == 182.4);
    CHECK(pressure_of(Format::PressureLine, "  pressure :  90   MMHG  ") == 90.0);
    CHECK(pressure_of(Format::PressureLine, "PRESSURE: 12 mm Hg") == 12.0);
    CHECK(pressure_of(Format::PressureLine, "Pressure: 20 kPa") == Approx(150.0124));
    CHECK(pressure_of(Format::PressureLine, "Pressure: 2.0 psi") == Approx(103.4298));
    CHECK(pressure_of(Format::PressureLine, "Pressure: 77") == 77.0);
    CHECK(pressure_of(Format::PressureLine, "Pressure: 7 bar") == -1.0);
    CHECK(pressure_of(Format::PressureLine, "State: ARMED") == -1.0);
    CHECK(pressure_of(Format::PressureLine, "Pressure: abc mmHg") == -1.0);
    CHECK(pressure_of(Format::PressureLine, "Pressure: nan mmHg") == -1.0);
}

TEST_CASE("mmhg-number accepts a number and mm Hg with any spacing", "[telemetry][diy]") {
    CHECK(pressure_of(Format::MmhgNumber, "123.45 mm Hg ") == 123.45);
    CHECK(pressure_of(Format::MmhgNumber, "123.45mmHg") == 123.45);
    CHECK(pressure_of(Format::MmhgNumber, "\t40  mm   hg") == 40.0);
    CHECK(pressure_of(Format::MmhgNumber, "55") == 55.0);
    CHECK(pressure_of(Format::MmhgNumber, "1.5 kpa") == Approx(11.25093));
    CHECK(pressure_of(Format::MmhgNumber, "mm Hg") == -1.0);
    CHECK(pressure_of(Format::MmhgNumber, "12 mm Hg extra") == -1.0);
}

TEST_CASE("mprls reads pressure and millis from 9, 7 and 5 field lines", "[telemetry][diy]") {
    DiyReading r;
    std::string why;
    REQUIRE(bfr::telemetry::parse_diy_line(Format::Mprls,
                                           " 40\t 14  26 1b\t 1320571.0\t 7.871\t 121.5\t 50.000\t 7683 ", r, &why));
    CHECK(r.pressure_mmhg == 121.5);
    CHECK(r.has_device_ms);
    CHECK(r.device_ms == 7683);
    REQUIRE(bfr::telemetry::parse_diy_line(Format::Mprls, "40 14261b 1320571.0 7.871 99.25 50.000 7704", r, &why));
    CHECK(r.pressure_mmhg == 99.25);
    CHECK(r.device_ms == 7704);
    REQUIRE(bfr::telemetry::parse_diy_line(Format::Mprls, "1320571.0,7.871,88,50.000,7725", r, &why));
    CHECK(r.pressure_mmhg == 88.0);
    CHECK(r.device_ms == 7725);
    CHECK_FALSE(bfr::telemetry::parse_diy_line(
        Format::Mprls, "Status Register, 24 - bit Sensor data, Digital Pressure Counts,", r, &why));
    CHECK_FALSE(bfr::telemetry::parse_diy_line(Format::Mprls, "40 14 26 1b 1320571.0 7.871 99 50.000 -5", r, &why));
    CHECK(why == "'-5' is not a whole number of milliseconds (MPRLS millis)");
    CHECK_FALSE(bfr::telemetry::parse_diy_line(Format::Mprls, "zz 14 26 1b 1320571.0 7.871 99 50.000 5", r, &why));
}

TEST_CASE("DIY lines without a clock are timed by arrival, or by the file rate", "[telemetry][diy]") {
    Decoder live(v1::schema(), diy(Format::PressureLine));
    const Sample* s = live.decode_line("Pressure: 100 mmHg", 5'000'000'000);
    REQUIRE(s != nullptr);
    CHECK(s->t_ns == 0);
    CHECK(s->get(v1::kCuffMmhg) == 100.0);
    CHECK(s->present == (1U << v1::kCuffMmhg));
    CHECK(live.decode_line("State: ARMED", 5'010'000'000) == nullptr);
    s = live.decode_line("Pressure: 101 mmHg\r\n", 5'020'000'000);
    REQUIRE(s != nullptr);
    CHECK(s->t_ns == 20'000'000);
    // Arrival going backwards never makes time go backwards.
    s = live.decode_line("Pressure: 102 mmHg", 5'000'000'000);
    REQUIRE(s != nullptr);
    CHECK(s->t_ns == 20'000'000);
    CHECK(live.report().rows_used() == 3);
    CHECK(live.report().rows_skipped() == 1);
    CHECK(live.report().problems()[0].line == 2);
    CHECK(live.report().problems()[0].reason == "not a 'Pressure: N mmHg' line: 'State: ARMED'");

    const auto file = decode("123.45 mm Hg \r\n124 mm Hg \r\nboot\r\n126 mm Hg\r\n", diy(Format::MmhgNumber, 50.0));
    REQUIRE(file.samples.size() == 3);
    CHECK(file.samples[0].t_ns == 0);
    CHECK(file.samples[1].t_ns == 20'000'000);
    CHECK(file.samples[2].t_ns == 60'000'000);  // the bad line keeps its slot
    CHECK(problem(file) == "3: not a 'N mm Hg' line: 'boot'");
}

TEST_CASE("DIY pressures outside the schema range are skipped, a small negative offset reads 0", "[telemetry][diy]") {
    const auto d = decode("Pressure: -2 mmHg\nPressure: -30 mmHg\nPressure: 80 kPa\n", diy(Format::PressureLine, 50.0));
    CHECK(d.report.rows_used() == 1);
    CHECK(d.samples[0].get(v1::kCuffMmhg) == 0.0);
    CHECK(problem(d, 0) == "2: -30 mmHg is outside 0..500 (cuff_mmHg)");
    CHECK(problem(d, 1) == "3: 600.05 mmHg is outside 0..500 (cuff_mmHg)");
}

TEST_CASE("mprls uses the device clock, relative to the first line", "[telemetry][diy]") {
    const auto d = decode(
        "Status Register, 24 - bit Sensor data, Digital Pressure Counts, Percentage of full scale pressure\n"
        "40 14 26 1b 1320571.0 7.871 121.5 50.000 7683\n"
        "40 14 26 1b 1320571.0 7.871 122.5 50.000 7704\n"
        "40 14 26 1b 1320571.0 7.871 123.5 50.000 7725\n",
        diy(Format::Mprls, 50.0));
    CHECK(d.report.rows_used() == 3);
    CHECK(d.report.rows_skipped() == 1);
    REQUIRE(d.samples.size() == 3);
    CHECK(d.samples[0].t_ns == 0);
    CHECK(d.samples[1].t_ns == 21'000'000);
    CHECK(d.samples[2].t_ns == 42'000'000);
    CHECK(d.samples[2].get(v1::kCuffMmhg) == 123.5);
}

TEST_CASE("the device clock follows a 32-bit wrap and survives a reset", "[telemetry][diy]") {
    DeviceClock clock(20'000'000);
    CHECK(clock.from_device_ms(4'294'967'000ULL, 0) == 0);
    CHECK(clock.from_device_ms(4'294'967'290ULL, 0) == 290'000'000);
    // Wrap: 4294967290 -> 10 is 16 ms later.
    CHECK(clock.from_device_ms(10, 0) == 306'000'000);
    CHECK(clock.resets() == 0);
    // Reset (device restarted): time continues by the arrival step, here none -> the fallback.
    CHECK(clock.from_device_ms(3, 0) == 326'000'000);
    CHECK(clock.resets() == 1);
    CHECK(clock.from_device_ms(13, 0) == 336'000'000);
    // An implausible leap forward (> 10 min) is a reset too, using the arrival step.
    CHECK(clock.from_device_ms(13 + 3'600'000, 1'000'000'000) == 1'336'000'000);
    CHECK(clock.resets() == 2);
    // Arrival-only lines never go backwards.
    DeviceClock arrivals;
    CHECK(arrivals.from_arrival(-50) == 0);
    CHECK(arrivals.from_arrival(100) == 150);
    CHECK(arrivals.from_arrival(0) == 150);
}

TEST_CASE("a device clock reset is reported once as a warning", "[telemetry][diy]") {
    const auto d = decode(
        "40 14 26 1b 1 2 100 25 5000\n40 14 26 1b 1 2 100 25 5020\n40 14 26 1b 1 2 100 25 12\n"
        "40 14 26 1b 1 2 100 25 32\n",
        diy(Format::Mprls, 50.0));
    REQUIRE(d.samples.size() == 4);
    CHECK(d.samples[2].t_ns == 40'000'000);  // 20 ms (the file rate) after the previous sample
    CHECK(d.samples[3].t_ns == 60'000'000);
    REQUIRE(d.report.warnings().size() == 1);
    CHECK(d.report.warnings()[0].find("line 3") != std::string::npos);
}

TEST_CASE("a DIY format without a pressure column is a configuration error", "[telemetry][diy]") {
    DecoderOptions o;
    o.format = Format::Mprls;
    Decoder decoder(v1::schema(), o);
    CHECK(decoder.failed());
    CHECK(decoder.decode_line("40 14 26 1b 1 2 100 25 5000") == nullptr);
}
