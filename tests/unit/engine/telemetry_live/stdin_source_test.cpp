#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "engine/telemetry/live/live_source.hpp"
#include "engine/telemetry/live/stdin_source.hpp"
#include "unit/engine/telemetry_live/live_test_util.hpp"

using namespace bfr::telemetry;
using bfr::telemetry::test::collect;
using bfr::telemetry::test::texts;
using bfr::telemetry::test::time_to_destroy;
using bfr::telemetry::test::wait_until;

namespace {

/// A pipe standing in for standard input.
class Pipe {
public:
    Pipe() {
        int fds[2] = {-1, -1};
        if (::pipe2(fds, O_CLOEXEC) == 0) {
            read_ = fds[0];
            write_ = fds[1];
        }
    }
    ~Pipe() {
        close_write();
        if (read_ >= 0) ::close(read_);
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;

    [[nodiscard]] int read_end() const { return read_; }
    bool send(const std::string& text) const {
        return ::write(write_, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    }
    void close_write() {
        if (write_ >= 0) ::close(write_);
        write_ = -1;
    }

private:
    int read_ = -1;
    int write_ = -1;
};

}  // namespace

TEST_CASE("stdin: lines through a pipe, the last one without a newline, then Closed", "[telemetry_live][stdin]") {
    Pipe pipe;
    REQUIRE(pipe.read_end() >= 0);
    LiveOptions options;
    options.stdin_fd = pipe.read_end();
    std::string error;
    auto source = open_stdin_source(options, &error);
    REQUIRE(source != nullptr);
    CHECK(source->describe() == "stdin (fd " + std::to_string(pipe.read_end()) + ")");
    CHECK(source->state(live_clock_now_ns()) == LinkState::Connecting);

    REQUIRE(pipe.send("t_s,cuff_mmHg\r\n0.0,1"));
    REQUIRE(pipe.send("0\n0.1,11\nlast,row"));
    std::vector<RawLine> lines;
    REQUIRE(collect(*source, lines, 3));
    CHECK(source->state(live_clock_now_ns()) == LinkState::Receiving);
    pipe.close_write();  // EOF
    REQUIRE(collect(*source, lines, 4));
    CHECK(texts(lines) == std::vector<std::string>{"t_s,cuff_mmHg", "0.0,10", "0.1,11", "last,row"});
    REQUIRE(wait_until([&] { return source->state(live_clock_now_ns()) == LinkState::Closed; }));
    CHECK(source->drain(lines, 10) == 0);
}

TEST_CASE("stdin: Closed only after the last line was drained", "[telemetry_live][stdin]") {
    Pipe pipe;
    LiveOptions options;
    options.stdin_fd = pipe.read_end();
    std::string error;
    auto source = open_stdin_source(options, &error);
    REQUIRE(source != nullptr);
    REQUIRE(pipe.send("a\nb\n"));
    pipe.close_write();
    REQUIRE(wait_until([&] { return source->stats().lines == 2; }));
    CHECK(source->state(live_clock_now_ns()) == LinkState::Receiving);  // two lines still waiting
    std::vector<RawLine> lines;
    CHECK(source->drain(lines, 1) == 1);
    CHECK(source->state(live_clock_now_ns()) == LinkState::Receiving);
    CHECK(source->drain(lines, 1) == 1);
    CHECK(source->state(live_clock_now_ns()) == LinkState::Closed);
}

TEST_CASE("stdin: an empty input is Closed at once", "[telemetry_live][stdin]") {
    Pipe pipe;
    pipe.close_write();
    LiveOptions options;
    options.stdin_fd = pipe.read_end();
    std::string error;
    auto source = open_stdin_source(options, &error);
    REQUIRE(source != nullptr);
    REQUIRE(wait_until([&] { return source->state(live_clock_now_ns()) == LinkState::Closed; }));
    CHECK(source->stats().lines == 0);
}

TEST_CASE("stdin: the destructor joins at once while the pipe is silent", "[telemetry_live][stdin]") {
    Pipe pipe;
    LiveOptions options;
    options.stdin_fd = pipe.read_end();
    std::string error;
    auto source = open_stdin_source(options, &error);
    REQUIRE(source != nullptr);
    CHECK(time_to_destroy(source).count() < 100);
}

TEST_CASE("stdin: a descriptor that is not open is a clear error", "[telemetry_live][stdin]") {
    LiveOptions options;
    options.stdin_fd = 1000;
    std::string error;
    CHECK(open_stdin_source(options, &error) == nullptr);
    CHECK_THAT(error, Catch::Contains("descriptor 1000 is not open"));
}
