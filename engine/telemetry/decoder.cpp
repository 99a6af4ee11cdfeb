#include "engine/telemetry/decoder.hpp"

#include "engine/telemetry/number.hpp"
#include "engine/telemetry/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>

namespace bfr::telemetry {

namespace {

/// A DIY reading this little below zero is a sensor offset at atmospheric pressure: read as 0.
constexpr double kDiyZeroToleranceMmhg = 5.0;

/// The step a DeviceClock falls back to: the DIY rate when one is set, else 20 ms (50 Hz).
std::int64_t fallback_step_ns(const DecoderOptions& options) noexcept {
    if (options.diy_rate_hz > 0.0 && std::isfinite(options.diy_rate_hz)) {
        const double step = 1e9 / options.diy_rate_hz;
        if (step >= 1.0 && step < 1e12) return std::llround(step);
    }
    return 20'000'000;
}

}  // namespace

Decoder::Decoder(const Schema& schema, DecoderOptions options)
    : options_{options},
      report_{options.kept_problems},
      splitter_{options.max_line_bytes},
      csv_{schema},
      ndjson_{schema},
      clock_{fallback_step_ns(options)} {
    sample_.clear();
    options_.max_line_bytes = splitter_.max_line_bytes();  // (at least 1)
    if (schema.columns.size() > kMaxColumns) {
        report_.set_error(
            fmt::format("the schema has {} columns; at most {} are supported", schema.columns.size(), kMaxColumns));
    }
    if (options_.format != Format::V1 && options_.pressure_column >= std::min(schema.columns.size(), kMaxColumns)) {
        report_.set_error(fmt::format("format '{}' needs the schema column that receives the cuff pressure",
                                      format_name(options_.format)));
    }
}

std::string* Decoder::reason_slot() noexcept {
    return report_.wants_reason() ? &reason_ : nullptr;
}

void Decoder::skip(std::uint64_t number) {
    if (report_.wants_reason()) {
        report_.add_skipped(number, reason_);
    } else {
        report_.add_skipped(number, {});
    }
}

bool Decoder::accept(std::uint64_t number) {
    if (any_used_ && sample_.t_ns < last_t_ns_) {
        if (std::string* reason = reason_slot()) {
            reason->clear();
            *reason += "time goes backwards: ";
            *reason += csv_.schema().time_column;
            *reason += ' ';
            append_seconds(*reason, sample_.t_ns);
            *reason += " is before ";
            append_seconds(*reason, last_t_ns_);
            *reason += " (the previous row's)";
        }
        skip(number);
        return false;
    }
    any_used_ = true;
    last_t_ns_ = sample_.t_ns;
    report_.count_used();
    return true;
}

void Decoder::feed(std::string_view bytes, SampleSink sink, std::int64_t arrival_ns) {
    if (failed()) return;
    splitter_.feed(bytes, [&](const Line& line) {
        if (!failed() && on_line(line, arrival_ns)) sink(sample_);
    });
}

void Decoder::finish(SampleSink sink, std::int64_t arrival_ns) {
    if (failed()) return;
    splitter_.finish([&](const Line& line) {
        if (!failed() && on_line(line, arrival_ns)) sink(sample_);
    });
}

const Sample* Decoder::decode_line(std::string_view text, std::int64_t arrival_ns) {
    if (failed()) return nullptr;
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    Line line;
    line.number = splitter_.lines() + ++direct_lines_;
    line.length = text.size();
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.size() > options_.max_line_bytes) {
        line.too_long = true;
    } else {
        if (line.number == 1 && text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.remove_prefix(3);
        line.text = text;
    }
    return on_line(line, arrival_ns) ? &sample_ : nullptr;
}

bool Decoder::on_line(const Line& line, std::int64_t arrival_ns) {
    report_.count_line();
    if (line.too_long) {
        const bool header_expected = options_.format == Format::V1 && options_.mode != Mode::Ndjson &&
                                     !csv_.has_header() && !any_rows_ && !options_.live;
        if (header_expected) {
            report_.set_error(fmt::format("line {} is too long to be a header ({} bytes; the limit is {})", line.number,
                                          line.length, options_.max_line_bytes));
            return false;
        }
        any_rows_ = true;
        if (std::string* reason = reason_slot()) {
            reason->clear();
            fmt::format_to(std::back_inserter(*reason), "line too long ({} bytes; the limit is {})", line.length,
                           options_.max_line_bytes);
        }
        skip(line.number);
        return false;
    }
    const std::string_view trimmed = trim_blanks(line.text);
    if (trimmed.empty() || trimmed.front() == '#') {
        report_.count_other();
        return false;
    }
    if (options_.format == Format::V1) return on_v1_line(line.text, line.number);
    return on_diy_line(trimmed, line.number, arrival_ns);
}

bool Decoder::on_v1_line(std::string_view text, std::uint64_t number) {
    const std::string_view trimmed = trim_blanks(text);
    const bool json = options_.mode == Mode::Ndjson || (options_.mode == Mode::Auto && trimmed.front() == '{');
    if (!json && !csv_.has_header()) {
        std::string error;
        if (csv_.read_header(text, number, report_, error)) {
            report_.count_other();
            return false;
        }
        if (options_.live || any_rows_) {
            // Keep waiting for a usable header: this line is a row that could not be used.
            any_rows_ = true;
            if (std::string* reason = reason_slot()) *reason = "no usable header yet: " + error;
            skip(number);
            return false;
        }
        report_.set_error(std::move(error));
        return false;
    }
    any_rows_ = true;
    if (const void* nul = std::memchr(text.data(), '\0', text.size()); nul != nullptr) {
        if (std::string* reason = reason_slot()) {
            reason->clear();
            fmt::format_to(std::back_inserter(*reason), "binary data (a NUL byte at byte {})",
                           static_cast<const char*>(nul) - text.data() + 1);
        }
        skip(number);
        return false;
    }
    const bool ok =
        json ? ndjson_.read_row(text, sample_, reason_slot(), report_) : csv_.read_row(text, sample_, reason_slot());
    if (!ok) {
        skip(number);
        return false;
    }
    return accept(number);
}

bool Decoder::on_diy_line(std::string_view text, std::uint64_t number, std::int64_t arrival_ns) {
    any_rows_ = true;
    ++diy_lines_;
    if (const void* nul = std::memchr(text.data(), '\0', text.size()); nul != nullptr) {
        if (std::string* reason = reason_slot()) *reason = "binary data (a NUL byte)";
        skip(number);
        return false;
    }
    DiyReading reading;
    if (!parse_diy_line(options_.format, text, reading, reason_slot())) {
        skip(number);
        return false;
    }
    double mmhg = reading.pressure_mmhg;
    if (mmhg < 0.0 && mmhg >= -kDiyZeroToleranceMmhg) mmhg = 0.0;
    const ColumnSpec& spec = csv_.schema().columns[options_.pressure_column];
    if (!std::isfinite(mmhg) || mmhg < spec.min || mmhg > spec.max) {
        if (std::string* reason = reason_slot()) {
            reason->clear();
            fmt::format_to(std::back_inserter(*reason), "{:g} mmHg is outside {}..{} ({})", mmhg, spec.min, spec.max,
                           spec.name);
        }
        skip(number);
        return false;
    }
    std::int64_t arrival = arrival_ns;
    if (options_.diy_rate_hz > 0.0) {
        const double t = static_cast<double>(diy_lines_ - 1) * 1e9 / options_.diy_rate_hz;
        arrival = t < 9e18 ? std::llround(t) : static_cast<std::int64_t>(9e18);
    }
    const std::uint64_t resets_before = clock_.resets();
    const std::int64_t t_ns =
        reading.has_device_ms ? clock_.from_device_ms(reading.device_ms, arrival) : clock_.from_arrival(arrival);
    if (clock_.resets() != resets_before && resets_before == 0) {
        report_.add_warning(
            fmt::format("the device clock jumped on line {} (millis {}): times continue from the "
                        "previous sample (more jumps are not reported)",
                        number, reading.device_ms));
    }
    sample_.t_ns = t_ns;
    sample_.present = 0;
    std::fill_n(sample_.values.begin(), std::min(csv_.schema().columns.size(), kMaxColumns),
                std::numeric_limits<double>::quiet_NaN());
    sample_.event.clear();
    sample_.set(options_.pressure_column, mmhg);
    return accept(number);
}

}  // namespace bfr::telemetry
