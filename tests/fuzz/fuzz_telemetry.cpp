// libFuzzer target: the telemetry decoder must take any bytes, in any chunking, in every mode
// and format, without a crash, a hang, an exception escaping or unbounded memory, and keep its
// invariants:
//   - every line is counted once: lines == used + skipped + other (unless the input failed);
//   - the decoder counts exactly the lines the bytes hold (an independent count here);
//   - samples delivered == rows used; their times never decrease; every value present is
//     finite and inside its schema range, and values not present are NaN; events are clean text;
//   - the same bytes fed in one piece and in the fuzzer's chunks give the same samples and report;
//   - decode_line() over the same lines agrees with feed() (DIY formats with a fixed rate).
//
// Input: byte 0 picks the format and mode (and live/strict), byte 1 seeds the chunk sizes, the
// rest is the stream.

#include "engine/telemetry/decoder.hpp"
#include "engine/telemetry/text.hpp"
#include "game/telemetry/format_v1.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using bfr::telemetry::Decoder;
using bfr::telemetry::DecoderOptions;
using bfr::telemetry::Format;
using bfr::telemetry::Mode;
using bfr::telemetry::Sample;

struct Digest {
    std::uint64_t count = 0;
    std::uint64_t hash = 1469598103934665603ULL;
    void mix(std::uint64_t v) {
        hash ^= v;
        hash *= 1099511628211ULL;
    }
};

struct Checker {
    const bfr::telemetry::Schema* schema;
    Digest digest;
    bool any = false;
    std::int64_t last_t = 0;

    void operator()(const Sample& s) {
        if (any && s.t_ns < last_t) __builtin_trap();
        any = true;
        last_t = s.t_ns;
        const std::size_t n = schema->columns.size();
        if ((s.present >> n) != 0) __builtin_trap();
        for (std::size_t i = 0; i < n; ++i) {
            const double v = s.values[i];
            if (s.has(i)) {
                if (!std::isfinite(v) || v < schema->columns[i].min || v > schema->columns[i].max) __builtin_trap();
            } else if (!std::isnan(v)) {
                __builtin_trap();
            }
        }
        if (!bfr::telemetry::is_clean_text(s.event)) __builtin_trap();
        digest.count += 1;
        digest.mix(static_cast<std::uint64_t>(s.t_ns));
        digest.mix(s.present);
        for (std::size_t i = 0; i < n; ++i) {
            if (s.has(i)) {
                std::uint64_t bits = 0;
                __builtin_memcpy(&bits, &s.values[i], sizeof bits);
                digest.mix(bits);
            }
        }
        for (const char c : s.event) digest.mix(static_cast<unsigned char>(c));
    }
};

/// Lines in `bytes` as a splitter must see them: one per '\n', plus a last one without it.
std::uint64_t count_lines(std::string_view bytes) {
    std::uint64_t n = 0;
    for (const char c : bytes) n += c == '\n' ? 1 : 0;
    if (!bytes.empty() && bytes.back() != '\n') ++n;
    return n;
}

void check_report(const Decoder& d, std::string_view bytes, const Digest& digest) {
    const auto& r = d.report();
    if (digest.count != r.rows_used()) __builtin_trap();
    if (r.failed()) return;  // the decoder stopped counting at the error
    if (r.lines() != r.rows_used() + r.rows_skipped() + r.lines_other()) __builtin_trap();
    if (r.lines() != count_lines(bytes)) __builtin_trap();
    if (r.problems().size() > d.options().kept_problems) __builtin_trap();
    if (r.warnings().size() > bfr::telemetry::ParseReport::kMaxWarnings + 1) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const std::uint8_t config = data[0];
    std::uint32_t seed = data[1];
    const std::string_view bytes(reinterpret_cast<const char*>(data + 2), size - 2);
    const auto& schema = bfr::telemetry_v1::schema();

    DecoderOptions options;
    options.format = static_cast<Format>(config % 4);
    options.mode = static_cast<Mode>((config / 4) % 3);
    options.live = ((config / 12) & 1) != 0;
    options.max_line_bytes = ((config / 24) & 1) != 0 ? 64 : 4096;  // small caps reach the long-line paths
    options.kept_problems = ((config / 48) & 1) != 0 ? 1 : 5;
    options.pressure_column = bfr::telemetry_v1::kCuffMmhg;
    options.diy_rate_hz = 50.0;

    // One piece.
    Decoder whole(schema, options);
    Checker whole_check{&schema, {}, false, 0};
    whole.feed(bytes, whole_check, 0);
    whole.finish(whole_check, 0);
    check_report(whole, bytes, whole_check.digest);

    // Chunks of pseudo-random sizes (1..64 bytes) seeded by byte 1.
    Decoder chunked(schema, options);
    Checker chunked_check{&schema, {}, false, 0};
    std::size_t at = 0;
    while (at < bytes.size()) {
        seed = seed * 1103515245U + 12345U;
        const std::size_t n = 1 + (seed >> 16) % 64;
        chunked.feed(bytes.substr(at, n), chunked_check, 0);
        at += n;
    }
    chunked.finish(chunked_check, 0);
    check_report(chunked, bytes, chunked_check.digest);

    if (whole_check.digest.count != chunked_check.digest.count || whole_check.digest.hash != chunked_check.digest.hash)
        __builtin_trap();
    const auto& a = whole.report();
    const auto& b = chunked.report();
    if (a.rows_used() != b.rows_used() || a.rows_skipped() != b.rows_skipped() || a.lines() != b.lines() ||
        a.to_text() != b.to_text() || a.error() != b.error() || a.warnings() != b.warnings())
        __builtin_trap();

    // Line by line through decode_line() (lines cut at '\n' here): the same samples.
    Decoder lines(schema, options);
    Checker lines_check{&schema, {}, false, 0};
    std::size_t start = 0;
    while (start < bytes.size() && !lines.failed()) {
        const std::size_t nl = bytes.find('\n', start);
        const std::size_t end = nl == std::string_view::npos ? bytes.size() : nl + 1;
        if (const Sample* s = lines.decode_line(bytes.substr(start, end - start), 0)) lines_check(*s);
        start = end;
    }
    if (!a.failed() && !lines.failed() &&
        (lines_check.digest.count != whole_check.digest.count || lines_check.digest.hash != whole_check.digest.hash ||
         lines.report().to_text() != a.to_text()))
        __builtin_trap();
    return 0;
}
