// bench_parse: telemetry decoding throughput (no asserts; run a Release build).
//
//   parse_csv_7col      a generated 7-column v1 CSV (t_s + 6 values), 1'000'000 rows in memory,
//                       fed through telemetry::Decoder in 64 KiB chunks
//   parse_ndjson_7col   the same rows as NDJSON objects
//   parse_auto_csv      the CSV again in Mode::Auto (the default for files)
//
//   bench_parse --file MB   also writes a CSV of about MB megabytes to the temp folder, decodes it
//                           with decode_file() and prints its throughput and the process's RSS
//                           growth (constant memory: it should stay near 0 whatever MB is)
//
// Each figure is the best of 5 passes; a checksum of the decoded values is printed so no work
// can be optimized out.

#include "engine/telemetry/decoder.hpp"
#include "engine/telemetry/file_reader.hpp"
#include "game/telemetry/format_v1.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace {

using Clock = std::chrono::steady_clock;
namespace telemetry = bfr::telemetry;

constexpr std::size_t kRows = 1'000'000;
constexpr std::size_t kChunk = 64 * 1024;
constexpr int kPasses = 5;

/// Row i of the generated recording: 50 Hz, values that look like a session.
void append_csv_row(std::string& out, std::size_t i) {
    const double t = static_cast<double>(i) / 50.0;
    fmt::format_to(std::back_inserter(out), "{:.2f},{:.1f},90,180,{:.3f},{:.3f},{:.3f}\n", t,
                   80.0 + static_cast<double>(i % 400) * 0.1, 0.01 * static_cast<double>(i % 7),
                   -0.98 + 0.001 * static_cast<double>(i % 13), 0.11);
}

std::string make_csv(std::size_t rows) {
    std::string out = "t_s,cuff_mmHg,target_mmHg,lop_mmHg,ax_g,ay_g,az_g\n";
    out.reserve(rows * 44);
    for (std::size_t i = 0; i < rows; ++i) append_csv_row(out, i);
    return out;
}

std::string make_ndjson(std::size_t rows) {
    std::string out;
    out.reserve(rows * 110);
    for (std::size_t i = 0; i < rows; ++i) {
        const double t = static_cast<double>(i) / 50.0;
        fmt::format_to(std::back_inserter(out),
                       "{{\"t_s\":{:.2f},\"cuff_mmHg\":{:.1f},\"target_mmHg\":90,\"lop_mmHg\":180,\"ax_g\":{:.3f},"
                       "\"ay_g\":{:.3f},\"az_g\":{:.3f}}}\n",
                       t, 80.0 + static_cast<double>(i % 400) * 0.1, 0.01 * static_cast<double>(i % 7),
                       -0.98 + 0.001 * static_cast<double>(i % 13), 0.11);
    }
    return out;
}

struct Result {
    double seconds = 0.0;
    std::uint64_t rows = 0;
    double checksum = 0.0;
};

Result decode_once(std::string_view text, telemetry::Mode mode) {
    telemetry::DecoderOptions options;
    options.mode = mode;
    telemetry::Decoder decoder(bfr::telemetry_v1::schema(), options);
    double sum = 0.0;
    auto sink = [&](const telemetry::Sample& s) { sum += s.get(bfr::telemetry_v1::kCuffMmhg); };
    const Clock::time_point start = Clock::now();
    for (std::size_t at = 0; at < text.size(); at += kChunk) decoder.feed(text.substr(at, kChunk), sink);
    decoder.finish(sink);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return {seconds, decoder.report().rows_used(), sum};
}

void run(const char* label, std::string_view text, telemetry::Mode mode) {
    Result best;
    best.seconds = 1e30;
    for (int pass = 0; pass < kPasses; ++pass) {
        const Result r = decode_once(text, mode);
        if (r.seconds < best.seconds) best = r;
    }
    std::printf("%s: %.2f M rows/s (%.0f MB/s)  rows %llu  checksum %.1f\n", label,
                static_cast<double>(best.rows) / best.seconds / 1e6,
                static_cast<double>(text.size()) / best.seconds / 1e6, static_cast<unsigned long long>(best.rows),
                best.checksum);
}

long rss_kib() {
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmRSS:") {
            long kib = 0;
            status >> kib;
            return kib;
        }
        status.ignore(4096, '\n');
    }
    return 0;
}

void run_file(std::size_t megabytes) {
    const auto path = std::filesystem::temp_directory_path() / fmt::format("bfr-parse-bench-{}.csv", ::getpid());
    {
        std::FILE* f = std::fopen(path.c_str(), "wb");
        if (f == nullptr) {
            std::printf("cannot create %s\n", path.c_str());
            return;
        }
        std::fputs("t_s,cuff_mmHg,target_mmHg,lop_mmHg,ax_g,ay_g,az_g\n", f);
        std::string block;
        std::size_t written = 0;
        std::size_t i = 0;
        while (written < megabytes * 1'000'000) {
            block.clear();
            for (int k = 0; k < 10'000; ++k) append_csv_row(block, i++);
            std::fwrite(block.data(), 1, block.size(), f);
            written += block.size();
        }
        std::fclose(f);
    }
    const auto bytes = std::filesystem::file_size(path);
    const long before = rss_kib();
    long peak = before;
    std::uint64_t n = 0;
    const Clock::time_point start = Clock::now();
    const auto report = telemetry::decode_file(path, bfr::telemetry_v1::schema(), {}, [&](const telemetry::Sample&) {
        if ((++n & 0xFFFFF) == 0) peak = std::max(peak, rss_kib());
    });
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::filesystem::remove(path);
    std::printf("%s: %.2f M rows/s (%.0f MB/s)  rows %llu  file %.0f MB  RSS %ld KiB -> peak %ld KiB (+%ld KiB)\n",
                "parse_file_csv", static_cast<double>(report.rows_used()) / seconds / 1e6,
                static_cast<double>(bytes) / seconds / 1e6, static_cast<unsigned long long>(report.rows_used()),
                static_cast<double>(bytes) / 1e6, before, peak, peak - before);
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t file_mb = 0;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--file") == 0 && i + 1 < argc) file_mb = std::strtoul(argv[++i], nullptr, 10);
    }
    const std::string csv = make_csv(kRows);
    const std::string ndjson = make_ndjson(kRows);
    run("parse_csv_7col", csv, telemetry::Mode::Csv);
    run("parse_auto_csv", csv, telemetry::Mode::Auto);
    run("parse_ndjson_7col", ndjson, telemetry::Mode::Ndjson);
    if (file_mb > 0) run_file(file_mb);
    return 0;
}
