#pragma once
// The streaming telemetry decoder: bytes (in any chunks) or whole lines in, Samples out, with a
// ParseReport of what could not be used. Game-agnostic: it applies the Schema it is given.
//
//   Decoder decoder(schema);                              // format v1, CSV/NDJSON per line
//   decoder.feed(chunk, [&](const Sample& s) { ... });    // as often as bytes arrive
//   decoder.finish([&](const Sample& s) { ... });         // at the end of the stream
//   decoder.report().rows_used(), .rows_skipped(), .to_text(), .warnings(), .error()
//
// Live sources may hand over lines instead: `if (const Sample* s = decoder.decode_line(text,
// arrival_ns)) use(*s);`. Per line: `#` comments and blank lines are skipped (not counted as
// rows); in Mode::Auto a line starting with `{` is NDJSON, any other is CSV (the first one is
// the header). Times never decrease among the samples delivered: a row whose time is before the
// previous used row's is skipped. No exception escapes on any input (only std::bad_alloc could),
// and memory stays bounded (lines are capped at max_line_bytes).

#include "engine/telemetry/csv_parser.hpp"
#include "engine/telemetry/device_clock.hpp"
#include "engine/telemetry/diy_formats.hpp"
#include "engine/telemetry/line_splitter.hpp"
#include "engine/telemetry/ndjson_parser.hpp"
#include "engine/telemetry/parse_report.hpp"
#include "engine/telemetry/sample.hpp"
#include "engine/telemetry/sample_sink.hpp"
#include "engine/telemetry/schema.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace bfr::telemetry {

/// How format v1 lines are told apart.
enum class Mode : std::uint8_t {
    Auto,    ///< Per line: `{` starts NDJSON, anything else is CSV after a header.
    Csv,     ///< Every line is CSV (the first is the header).
    Ndjson,  ///< Every line is a JSON object.
};

/// "no column": DecoderOptions::pressure_column unset.
inline constexpr std::size_t kNoColumn = std::numeric_limits<std::size_t>::max();

/// How a Decoder reads its input.
struct DecoderOptions {
    Format format = Format::V1;  ///< v1 or a DIY line format (diy_formats.hpp).
    Mode mode = Mode::Auto;      ///< For Format::V1.
    /// Live stream: a CSV header that cannot be used (a boot message, garbage) is a skipped row
    /// and the decoder keeps waiting for a usable header, instead of failing the whole input.
    bool live = false;
    std::size_t max_line_bytes = LineSplitter::kDefaultMaxLineBytes;  ///< Longer lines are skipped.
    std::size_t kept_problems = ParseReport::kDefaultKeptProblems;    ///< Problems kept with reasons.
    /// DIY formats: the schema column that receives the cuff pressure (mmHg). Required for them.
    std::size_t pressure_column = kNoColumn;
    /// DIY formats without a device clock: > 0 times line k at k / rate seconds (a file has no
    /// arrival times); 0 uses the arrival times given to feed()/decode_line().
    double diy_rate_hz = 0.0;
};

/// Streaming decoder of telemetry lines into Samples.
class Decoder {
public:
    /// A decoder applying `schema` (copied). An unusable configuration (too many schema columns,
    /// a DIY format without pressure_column) makes report().failed() true at once.
    explicit Decoder(const Schema& schema, DecoderOptions options = {});

    /// Feeds the next bytes of the stream (any chunking gives the same result); `sink` receives
    /// every sample the completed lines hold. `arrival_ns` is the arrival time of these bytes
    /// (used only by DIY formats without a device clock). Does nothing once failed().
    void feed(std::string_view bytes, SampleSink sink, std::int64_t arrival_ns = 0);

    /// Ends the stream: decodes a last line that had no line end.
    void finish(SampleSink sink, std::int64_t arrival_ns = 0);

    /// Decodes one complete line (a trailing "\n" or "\r\n" is ignored) that arrived at
    /// `arrival_ns`. Returns the sample it holds (valid until the next call), or nullptr when it
    /// holds none (comment, header, blank, or a skipped row: see report()). Text holding several
    /// lines (a datagram) belongs in feed(), which splits it.
    [[nodiscard]] const Sample* decode_line(std::string_view line, std::int64_t arrival_ns = 0);

    /// What was decoded so far.
    [[nodiscard]] const ParseReport& report() const noexcept { return report_; }
    /// True when the input cannot be used at all (report().error() says why); nothing more is read.
    [[nodiscard]] bool failed() const noexcept { return report_.failed(); }
    /// The options in use.
    [[nodiscard]] const DecoderOptions& options() const noexcept { return options_; }
    /// True once a CSV header has been accepted.
    [[nodiscard]] bool has_csv_header() const noexcept { return csv_.has_header(); }

private:
    /// Decodes one line; true when `sample_` holds a new sample to deliver.
    bool on_line(const Line& line, std::int64_t arrival_ns);
    bool on_v1_line(std::string_view text, std::uint64_t number);
    bool on_diy_line(std::string_view text, std::uint64_t number, std::int64_t arrival_ns);
    /// Counts a skipped row; `reason_` holds why when the report wanted one.
    void skip(std::uint64_t number);
    /// `reason_` as an out-parameter when the report still keeps reasons, else null.
    std::string* reason_slot() noexcept;
    /// Checks time order, counts the row used; false (and skipped) when time went backwards.
    bool accept(std::uint64_t number);

    DecoderOptions options_;
    ParseReport report_;
    LineSplitter splitter_;
    CsvParser csv_;
    NdjsonParser ndjson_;
    DeviceClock clock_;
    Sample sample_;
    std::string reason_;              // scratch for a skipped row's reason
    std::int64_t last_t_ns_ = 0;      // time of the last used row
    bool any_used_ = false;           // a row has been used (last_t_ns_ is meaningful)
    bool any_rows_ = false;           // a sample row (not header/comment/blank) has been seen
    std::uint64_t diy_lines_ = 0;     // DIY data lines seen (for diy_rate_hz)
    std::uint64_t direct_lines_ = 0;  // lines given to decode_line()
};

}  // namespace bfr::telemetry
