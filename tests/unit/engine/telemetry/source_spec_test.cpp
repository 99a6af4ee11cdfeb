#include "engine/telemetry/source_spec.hpp"

#include <catch2/catch.hpp>

using bfr::telemetry::parse_source_spec;
using Kind = bfr::telemetry::SourceSpec::Kind;

TEST_CASE("source specs of the contract parse and print back", "[telemetry][spec]") {
    std::string why;
    const auto sim = parse_source_spec("sim", &why);
    REQUIRE(sim);
    CHECK(sim->kind == Kind::Sim);
    CHECK_FALSE(sim->is_live());
    const auto file = parse_source_spec("file:/tmp/a b.csv", &why);
    REQUIRE(file);
    CHECK(file->path == "/tmp/a b.csv");
    const auto serial = parse_source_spec("serial:/dev/ttyACM0@9600", &why);
    REQUIRE(serial);
    CHECK(serial->path == "/dev/ttyACM0");
    CHECK(serial->baud == 9600);
    CHECK(serial->is_live());
    CHECK(bfr::telemetry::to_string(*serial) == "serial:/dev/ttyACM0@9600");
    const auto serial_default = parse_source_spec("serial:/dev/ttyUSB1", &why);
    REQUIRE(serial_default);
    CHECK(serial_default->baud == 115200);
    const auto udp = parse_source_spec("udp:127.0.0.1:9750", &why);
    REQUIRE(udp);
    CHECK(udp->host == "127.0.0.1");
    CHECK(udp->port == 9750);
    const auto udp6 = parse_source_spec("udp:[::1]:9750", &why);
    REQUIRE(udp6);
    CHECK(udp6->host == "::1");
    CHECK(bfr::telemetry::to_string(*udp6) == "udp:[::1]:9750");
    const auto in = parse_source_spec("stdin", &why);
    REQUIRE(in);
    CHECK(in->kind == Kind::Stdin);
}

TEST_CASE("malformed source specs are refused with a reason", "[telemetry][spec]") {
    for (const char* bad : {"", "simulator", "sim:1", "file:", "serial:", "serial:@9600", "serial:/dev/x@",
                            "serial:/dev/x@0", "serial:/dev/x@fast", "udp:", "udp:9750", "udp::9750", "udp:host:0",
                            "udp:host:65536", "udp:host:-1", "stdin:x", "ble:aa:bb"}) {
        INFO(bad);
        std::string why;
        CHECK_FALSE(parse_source_spec(bad, &why));
        CHECK_FALSE(why.empty());
    }
}
