#pragma once
// Test helpers: decode a whole text with the v1 schema, in one piece or in given chunks.

#include "engine/telemetry/decoder.hpp"
#include "game/telemetry/format_v1.hpp"

#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bfr::telemetry::test {

/// Samples and report of one decode.
struct Decoded {
    std::vector<Sample> samples;
    ParseReport report;
};

/// Decodes `text` in chunks of `chunk` bytes (0 = one piece).
inline Decoded decode(std::string_view text, DecoderOptions options = {}, std::size_t chunk = 0) {
    Decoder decoder(telemetry_v1::schema(), options);
    Decoded out;
    auto sink = [&](const Sample& s) { out.samples.push_back(s); };
    if (chunk == 0) chunk = text.size() + 1;
    for (std::size_t at = 0; at < text.size(); at += chunk) decoder.feed(text.substr(at, chunk), sink);
    decoder.finish(sink);
    out.report = decoder.report();
    return out;
}

/// Decodes `text` split at the given byte positions (ascending).
inline Decoded decode_split(std::string_view text, const std::vector<std::size_t>& cuts, DecoderOptions options = {}) {
    Decoder decoder(telemetry_v1::schema(), options);
    Decoded out;
    auto sink = [&](const Sample& s) { out.samples.push_back(s); };
    std::size_t at = 0;
    for (const std::size_t cut : cuts) {
        decoder.feed(text.substr(at, cut - at), sink);
        at = cut;
    }
    decoder.feed(text.substr(at), sink);
    decoder.finish(sink);
    out.report = decoder.report();
    return out;
}

/// Same time, same present bits, same values (NaN == NaN), same event.
inline bool same_sample(const Sample& a, const Sample& b) {
    if (a.t_ns != b.t_ns || a.present != b.present || a.event != b.event) return false;
    for (std::size_t i = 0; i < kMaxColumns; ++i) {
        const bool an = std::isnan(a.values[i]);
        const bool bn = std::isnan(b.values[i]);
        if (an != bn || (!an && a.values[i] != b.values[i])) return false;
    }
    return true;
}

/// Same samples and the same report (counts, problems, warnings, error).
inline bool same_result(const Decoded& a, const Decoded& b) {
    if (a.samples.size() != b.samples.size()) return false;
    for (std::size_t i = 0; i < a.samples.size(); ++i) {
        if (!same_sample(a.samples[i], b.samples[i])) return false;
    }
    return a.report.to_text() == b.report.to_text() && a.report.rows_used() == b.report.rows_used() &&
           a.report.rows_skipped() == b.report.rows_skipped() && a.report.lines() == b.report.lines() &&
           a.report.warnings() == b.report.warnings() && a.report.error() == b.report.error();
}

/// The first problem's line number and reason as "N: reason" (or "" when none).
inline std::string problem(const Decoded& d, std::size_t index = 0) {
    const auto& p = d.report.problems();
    if (index >= p.size()) return {};
    return std::to_string(p[index].line) + ": " + p[index].reason;
}

}  // namespace bfr::telemetry::test
