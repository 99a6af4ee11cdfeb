#include <catch2/catch.hpp>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "engine/core/log.hpp"
#include "engine/telemetry/live/live_source.hpp"
#include "engine/telemetry/live/serial_source.hpp"
#include "unit/engine/telemetry_live/live_test_util.hpp"

using namespace bfr::telemetry;
using bfr::telemetry::test::collect;
using bfr::telemetry::test::texts;
using bfr::telemetry::test::time_to_destroy;
using bfr::telemetry::test::wait_until;

namespace {

/// A pseudo-terminal: the test is the device on the master side; the source opens the slave.
class Pty {
public:
    Pty() : master_{::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)} {
        char name[128] = {};
        if (master_ >= 0 && ::grantpt(master_) == 0 && ::unlockpt(master_) == 0 &&
            ::ptsname_r(master_, name, sizeof name) == 0) {
            slave_path_ = name;
        }
    }
    ~Pty() { unplug(); }
    Pty(const Pty&) = delete;
    Pty& operator=(const Pty&) = delete;

    [[nodiscard]] bool ok() const { return master_ >= 0 && !slave_path_.empty(); }
    [[nodiscard]] const std::string& slave_path() const { return slave_path_; }

    /// Writes `text` to the master: the "device" sends it.
    bool send(const std::string& text) const {
        return ::write(master_, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    }

    /// Closes the master: the slave side gets a hang-up, like an unplugged USB adapter.
    void unplug() {
        if (master_ >= 0) ::close(master_);
        master_ = -1;
    }

private:
    int master_;
    std::string slave_path_;
};

/// A fresh directory under /tmp, removed with its symlink at the end.
class TempDir {
public:
    TempDir() {
        char pattern[] = "/tmp/bfr-live-test-XXXXXX";
        if (::mkdtemp(pattern) != nullptr) path_ = pattern;
    }
    ~TempDir() {
        if (path_.empty()) return;
        ::unlink((path_ + "/ttyTEST").c_str());
        ::unlink((path_ + "/ttyTEST.new").c_str());
        ::unlink((path_ + "/plain.txt").c_str());
        ::rmdir(path_.c_str());
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::string& path() const { return path_; }

private:
    std::string path_;
};

/// Points `link` at `target` atomically (a new symlink renamed over the old one).
bool point_link(const std::string& link, const std::string& target) {
    const std::string temp = link + ".new";
    ::unlink(temp.c_str());
    return ::symlink(target.c_str(), temp.c_str()) == 0 && std::rename(temp.c_str(), link.c_str()) == 0;
}

SourceSpec serial_spec(const std::string& path, std::uint32_t baud = 115200) {
    SourceSpec spec;
    spec.kind = SourceSpec::Kind::Serial;
    spec.path = path;
    spec.baud = baud;
    return spec;
}

}  // namespace

TEST_CASE("serial: lines from a pseudo-terminal at 115200", "[telemetry_live][serial]") {
    Pty pty;
    REQUIRE(pty.ok());
    std::string error;
    auto source = open_live_source(serial_spec(pty.slave_path()), LiveOptions{}, &error);
    REQUIRE(source != nullptr);
    CHECK(source->describe() == "serial " + pty.slave_path() + " @115200");
    CHECK(source->state(live_clock_now_ns()) == LinkState::Connecting);

    REQUIRE(pty.send("t_s,cuff_mmHg\n0.00,12.5\r\n0.0"));
    REQUIRE(pty.send("1,13.0\n"));
    std::vector<RawLine> lines;
    REQUIRE(collect(*source, lines, 3));
    CHECK(texts(lines) == std::vector<std::string>{"t_s,cuff_mmHg", "0.00,12.5", "0.01,13.0"});
    CHECK(lines[0].arrival_ns <= lines[2].arrival_ns);
    CHECK(source->state(lines.back().arrival_ns) == LinkState::Receiving);
}

TEST_CASE("serial: unplug makes it Lost, replug by path reconnects", "[telemetry_live][serial]") {
    const bfr::core::ScopedLogLevel quiet(bfr::core::LogLevel::Error);
    TempDir dir;
    REQUIRE(!dir.path().empty());
    const std::string link = dir.path() + "/ttyTEST";
    auto first = std::make_unique<Pty>();
    REQUIRE(first->ok());
    REQUIRE(point_link(link, first->slave_path()));

    LiveOptions options;
    options.reconnect_interval_ns = 20'000'000;  // the app's default is 500 ms; keep the test quick
    std::string error;
    auto source = open_live_source(serial_spec(link), options, &error);
    REQUIRE(source != nullptr);
    REQUIRE(first->send("before\n"));
    std::vector<RawLine> lines;
    REQUIRE(collect(*source, lines, 1));
    CHECK(lines[0].view() == "before");

    // Unplug mid-line: the link is Lost at once (well within the 2 s timeout) and stays Lost.
    REQUIRE(first->send("half a li"));
    first->unplug();
    REQUIRE(wait_until([&] { return source->state(live_clock_now_ns()) == LinkState::Lost; },
                       std::chrono::milliseconds{2000}));
    CHECK(source->stats().reconnects == 0);

    // Replug: a new device appears at the same path.
    Pty second;
    REQUIRE(second.ok());
    REQUIRE(point_link(link, second.slave_path()));
    REQUIRE(wait_until([&] { return source->stats().reconnects >= 1; }));
    CHECK(source->state(live_clock_now_ns()) == LinkState::Connecting);
    REQUIRE(second.send("ne\nafter\n"));
    REQUIRE(collect(*source, lines, 3));
    const std::vector<std::string> got = texts(lines);
    CHECK(got[1] == "ne");  // the half line from before the unplug was discarded, not glued on
    CHECK(got[2] == "after");
    CHECK(source->state(lines.back().arrival_ns) == LinkState::Receiving);
    CHECK(source->stats().lines == 3);
}

TEST_CASE("serial: the destructor joins at once, silent or reconnecting", "[telemetry_live][serial]") {
    const bfr::core::ScopedLogLevel quiet(bfr::core::LogLevel::Error);
    Pty pty;
    REQUIRE(pty.ok());
    std::string error;
    auto silent = open_live_source(serial_spec(pty.slave_path()), LiveOptions{}, &error);
    REQUIRE(silent != nullptr);
    CHECK(time_to_destroy(silent).count() < 100);

    auto reconnecting = open_live_source(serial_spec(pty.slave_path()), LiveOptions{}, &error);
    REQUIRE(reconnecting != nullptr);
    pty.unplug();  // the reader now waits 500 ms between attempts to reopen
    REQUIRE(wait_until([&] { return reconnecting->state(live_clock_now_ns()) == LinkState::Lost; }));
    CHECK(time_to_destroy(reconnecting).count() < 100);
}

TEST_CASE("serial: clear errors for a missing device, a plain file and a bad baud rate", "[telemetry_live][serial]") {
    std::string error;
    CHECK(open_live_source(serial_spec("/dev/ttyBFRmissing0"), LiveOptions{}, &error) == nullptr);
    CHECK_THAT(error,
               Catch::Contains("cannot open serial device /dev/ttyBFRmissing0") && Catch::Contains("No such file"));

    TempDir dir;
    const std::string plain = dir.path() + "/plain.txt";
    std::ofstream(plain) << "not a tty\n";
    CHECK(open_live_source(serial_spec(plain), LiveOptions{}, &error) == nullptr);
    CHECK_THAT(error, Catch::Contains("not a serial device"));

    Pty pty;
    REQUIRE(pty.ok());
    CHECK(open_live_source(serial_spec(pty.slave_path(), 12345), LiveOptions{}, &error) == nullptr);
    CHECK_THAT(error, Catch::Contains("unsupported baud rate 12345") && Catch::Contains("115200"));

    CHECK(is_supported_baud(9600));
    CHECK(is_supported_baud(115200));
    CHECK(is_supported_baud(921600));
    CHECK(is_supported_baud(4000000));
    CHECK_FALSE(is_supported_baud(12345));
    auto fast = open_live_source(serial_spec(pty.slave_path(), 921600), LiveOptions{}, &error);
    CHECK(fast != nullptr);
}
