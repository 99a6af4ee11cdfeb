#include "engine/telemetry/live/serial_source.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "engine/core/log.hpp"
#include "engine/telemetry/live/line_assembler.hpp"
#include "engine/telemetry/live/reader_thread.hpp"

namespace bfr::telemetry {
namespace {

using detail::errno_text;
using detail::LineChannel;
using detail::set_error;
using detail::UniqueFd;

constexpr std::int64_t kPollNs = 250'000'000;  // the wake pipe stops us at once; this only bounds a wait

struct BaudRate {
    std::uint32_t baud;
    speed_t speed;
};

constexpr std::array<BaudRate, 21> kBaudRates{{
    {1200, B1200},       {2400, B2400},       {4800, B4800},       {9600, B9600},       {19200, B19200},
    {38400, B38400},     {57600, B57600},     {115200, B115200},   {230400, B230400},   {460800, B460800},
    {500000, B500000},   {576000, B576000},   {921600, B921600},   {1000000, B1000000}, {1152000, B1152000},
    {1500000, B1500000}, {2000000, B2000000}, {2500000, B2500000}, {3000000, B3000000}, {3500000, B3500000},
    {4000000, B4000000},
}};

const BaudRate* find_baud(std::uint32_t baud) noexcept {
    for (const BaudRate& rate : kBaudRates) {
        if (rate.baud == baud) return &rate;
    }
    return nullptr;
}

std::string open_hint(int err) {
    switch (err) {
        case ENOENT: return " (is the device plugged in? list candidates with: ls /dev/ttyACM* /dev/ttyUSB*)";
        case EACCES:
        case EPERM: return " (no permission: add your user to the 'dialout' group, then log in again)";
        case EBUSY: return " (another program has the device open)";
        default: return "";
    }
}

/// Opens and configures the device; an invalid UniqueFd and a reason when it cannot.
UniqueFd open_serial(const std::string& path, speed_t speed, std::string* reason) {
    UniqueFd fd{::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)};
    if (!fd.valid()) {
        const int err = errno;
        *reason = errno_text(err) + open_hint(err);
        return fd;
    }
    if (::isatty(fd.get()) == 0) {
        *reason = "not a serial device (a terminal was expected)";
        return UniqueFd{};
    }
    // Exclusive use: a second reader would steal half the bytes. Later opens by other programs
    // fail with EBUSY (root is exempt); best effort, a pty or driver may not support it.
    ::ioctl(fd.get(), TIOCEXCL);
    termios tio{};
    if (::tcgetattr(fd.get(), &tio) != 0) {
        *reason = "cannot read its settings: " + errno_text(errno);
        return UniqueFd{};
    }
    ::cfmakeraw(&tio);  // 8 data bits, no parity, no echo, no line editing or CR/LF translation
    tio.c_cflag |= static_cast<tcflag_t>(CLOCAL | CREAD);
    tio.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | CRTSCTS);
    tio.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY);
    tio.c_cc[VMIN] = 0;
    tio.c_cc[VTIME] = 0;
    if (::cfsetispeed(&tio, speed) != 0 || ::cfsetospeed(&tio, speed) != 0 ||
        ::tcsetattr(fd.get(), TCSANOW, &tio) != 0) {
        *reason = "cannot set raw mode at this baud rate: " + errno_text(errno);
        return UniqueFd{};
    }
    return fd;
}

/// Reads a serial device on the reader thread, reopening it after unplug.
class SerialReader final : public detail::LineReader {
public:
    SerialReader(UniqueFd fd, std::string path, std::uint32_t baud, speed_t speed)
        : fd_{std::move(fd)}, path_{std::move(path)}, baud_{baud}, speed_{speed} {}

    void run(LineChannel& channel) override {
        channel.mark_open();
        const auto deliver = [&channel](const RawLine& line) { channel.deliver(line); };
        for (;;) {
            if (!fd_.valid() && !reconnect(channel)) return;
            const int events = channel.wait(fd_.get(), kPollNs);
            if (events < 0) return;
            if (events == 0) continue;
            std::string gone;  // why the device is gone; empty while it is fine
            if ((events & POLLNVAL) != 0) {
                gone = "the descriptor became invalid";
            } else {
                const ssize_t got = ::read(fd_.get(), buffer_.data(), buffer_.size());
                if (got > 0) {
                    // The arrival clock: besides the app loop's frame clock, the reader threads'
                    // steady_clock reads are the only clock reads in the program.
                    assembler_.feed(std::string_view{buffer_.data(), static_cast<std::size_t>(got)},
                                    live_clock_now_ns(), deliver);
                } else if (got == 0) {
                    gone = "hang-up";  // a terminal reads 0 bytes once it is hung up
                } else if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) {
                    gone = errno_text(errno);  // EIO when a USB adapter or a pty master goes away
                } else if ((events & (POLLHUP | POLLERR)) != 0) {
                    gone = "hang-up";
                }
            }
            if (!gone.empty()) lose(channel, gone);
        }
    }

    [[nodiscard]] std::string describe() const override { return fmt::format("serial {} @{}", path_, baud_); }

private:
    void lose(LineChannel& channel, const std::string& why) {
        assembler_.discard();  // half a line from before the unplug must never join one from after
        fd_.reset();
        channel.mark_gone();
        core::log_warn("serial {}: device lost ({}); retrying every {} ms", path_, why,
                       channel.options().reconnect_interval_ns / 1'000'000);
    }

    bool reconnect(LineChannel& channel) {
        std::string reason;
        std::string last_reason;
        while (channel.pause(channel.options().reconnect_interval_ns)) {
            UniqueFd fd = open_serial(path_, speed_, &reason);
            if (fd.valid()) {
                fd_ = std::move(fd);
                channel.count_reconnect();
                channel.mark_open();
                core::log_info("serial {}: device back, reading again", path_);
                return true;
            }
            if (reason != last_reason) core::log_debug("serial {}: not yet: {}", path_, reason);
            last_reason = reason;
        }
        return false;
    }

    UniqueFd fd_;
    std::string path_;
    std::uint32_t baud_;
    speed_t speed_;
    std::array<char, 4096> buffer_{};
    LineAssembler assembler_;
};

std::string supported_list() {
    std::string list;
    for (const BaudRate& rate : kBaudRates) {
        if (!list.empty()) list += ", ";
        list += std::to_string(rate.baud);
    }
    return list;
}

}  // namespace

bool is_supported_baud(std::uint32_t baud) noexcept {
    return find_baud(baud) != nullptr;
}

std::unique_ptr<LiveSource> open_serial_source(const std::string& path, std::uint32_t baud, const LiveOptions& options,
                                               std::string* error) {
    if (!detail::validate_options(options, error)) return nullptr;
    const BaudRate* rate = find_baud(baud);
    if (rate == nullptr) {
        set_error(error,
                  fmt::format("serial {}: unsupported baud rate {} (use one of {})", path, baud, supported_list()));
        return nullptr;
    }
    std::string reason;
    UniqueFd fd = open_serial(path, rate->speed, &reason);
    if (!fd.valid()) {
        set_error(error, fmt::format("cannot open serial device {}: {}", path, reason));
        return nullptr;
    }
    return detail::start_reader_source(std::make_unique<SerialReader>(std::move(fd), path, baud, rate->speed), options,
                                       error);
}

}  // namespace bfr::telemetry
