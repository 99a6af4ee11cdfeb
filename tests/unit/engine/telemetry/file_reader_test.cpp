// Files: streamed in chunks, clear errors with the path and the system's reason, constant memory.

#include "engine/telemetry/file_reader.hpp"
#include "decode_helpers.hpp"

#include <unistd.h>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

using bfr::telemetry::decode_file;
using bfr::telemetry::DecoderOptions;
using bfr::telemetry::FileReader;
using bfr::telemetry::Format;
using bfr::telemetry::Sample;
namespace fs = std::filesystem;
namespace v1 = bfr::telemetry_v1;

namespace {

fs::path temp_dir() {
    const fs::path dir = fs::temp_directory_path() / fmt::format("bfr-telemetry-test-{}", ::getpid());
    fs::create_directories(dir);
    return dir;
}

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

/// Resident set size of this process in KiB (Linux), 0 if unknown.
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

}  // namespace

TEST_CASE("a missing file is an error naming the path and the reason", "[telemetry][file]") {
    const fs::path path = temp_dir() / "does-not-exist.csv";
    const auto report = decode_file(path, v1::schema(), {}, {});
    REQUIRE(report.failed());
    CHECK(report.error() == fmt::format("cannot open '{}': No such file or directory", path.string()));
    CHECK(report.rows_used() == 0);
}

TEST_CASE("a directory is an error naming the path", "[telemetry][file]") {
    const fs::path dir = temp_dir();
    const auto report = decode_file(dir, v1::schema(), {}, {});
    REQUIRE(report.failed());
    CHECK(report.error() == fmt::format("cannot read '{}': Is a directory", dir.string()));
}

TEST_CASE("an unreadable file is an error naming the path", "[telemetry][file]") {
    if (::geteuid() == 0) return;  // root reads anything
    const fs::path path = temp_dir() / "secret.csv";
    write_file(path, "t_s\n0\n");
    fs::permissions(path, fs::perms::none);
    const auto report = decode_file(path, v1::schema(), {}, {});
    fs::permissions(path, fs::perms::owner_all);
    REQUIRE(report.failed());
    CHECK(report.error() == fmt::format("cannot open '{}': Permission denied", path.string()));
}

TEST_CASE("a file decodes exactly like the same bytes in memory", "[telemetry][file]") {
    std::string text = "# rec\r\nt_s,cuff_mmHg,event\r\n";
    for (int i = 0; i < 20'000; ++i)
        text += fmt::format("{}.{:02},{},{}\r\n", i / 100, i % 100, 50 + i % 200, i % 997 == 0 ? "set_start" : "");
    text += "oops\n123";
    const fs::path path = temp_dir() / "rec.csv";
    write_file(path, text);
    std::vector<Sample> got;
    const auto report = decode_file(path, v1::schema(), {}, [&](const Sample& s) { got.push_back(s); });
    const auto expected = bfr::telemetry::test::decode(text);
    CHECK_FALSE(report.failed());
    CHECK(report.rows_used() == 20'000);
    CHECK(report.rows_skipped() == 2);
    CHECK(report.to_text() == expected.report.to_text());
    REQUIRE(got.size() == expected.samples.size());
    for (std::size_t i = 0; i < got.size(); ++i) CHECK(bfr::telemetry::test::same_sample(got[i], expected.samples[i]));
    fs::remove(path);
}

TEST_CASE("a DIY file without a device clock is timed at 50 Hz", "[telemetry][file]") {
    const fs::path path = temp_dir() / "diy.txt";
    write_file(path, "Pressure: 10 mmHg\nPressure: 11 mmHg\nPressure: 12 mmHg\n");
    DecoderOptions o;
    o.format = Format::PressureLine;
    o.pressure_column = v1::kCuffMmhg;
    std::vector<std::int64_t> times;
    const auto report = decode_file(path, v1::schema(), o, [&](const Sample& s) { times.push_back(s.t_ns); });
    CHECK(report.rows_used() == 3);
    CHECK(times == std::vector<std::int64_t>{0, 20'000'000, 40'000'000});
    fs::remove(path);
}

TEST_CASE("memory does not grow with the length of a file", "[telemetry][file]") {
    // ~37 MB of 7-column rows plus a 1 MB line: the reader holds one 64 KiB chunk and at most
    // one capped line, so RSS stays flat while the whole file streams through.
    const fs::path path = temp_dir() / "big.csv";
    {
        std::FILE* f = std::fopen(path.c_str(), "wb");
        REQUIRE(f != nullptr);
        std::fputs("t_s,cuff_mmHg,target_mmHg,lop_mmHg,ax_g,ay_g,az_g\n", f);
        std::string row;
        for (int i = 0; i < 1'000'000; ++i) {
            row = fmt::format("{}.{:03},{}.5,90,180,0.01,-0.98,0.11\n", i / 1000, i % 1000, 80 + i % 40);
            std::fwrite(row.data(), 1, row.size(), f);
            if (i == 500'000) {
                const std::string huge(1 << 20, '9');
                std::fwrite(huge.data(), 1, huge.size(), f);
                std::fputc('\n', f);
            }
        }
        std::fclose(f);
    }
    const long before = rss_kib();
    long peak = before;
    std::uint64_t n = 0;
    const auto report = decode_file(path, v1::schema(), {}, [&](const Sample&) {
        if (++n % 50'000 == 0) peak = std::max(peak, rss_kib());
    });
    fs::remove(path);
    CHECK(report.rows_used() == 1'000'000);
    CHECK(report.rows_skipped() == 1);
    INFO("RSS before " << before << " KiB, peak while decoding " << peak << " KiB");
    CHECK(peak - before < 8 * 1024);
}
