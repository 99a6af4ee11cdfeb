#include "game/frontend/feeds.hpp"

#include "engine/core/log.hpp"

#include <fmt/format.h>

#include "game/telemetry/format_v1.hpp"

#include <algorithm>
#include <cmath>

namespace bfr::frontend {

namespace {
constexpr std::int64_t kTempoHalfNs = 1'000'000'000;  // 2 s per rep: 1 s up, 1 s down
}

SimFeed::SimFeed(const sim::SimConfig& config) : sim_{config} {}

void SimFeed::pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) {
    // Emulated auto tempo: switch the contract input at each edge, exactly on time.
    while (tempo_ && tempo_next_ns_ <= t_ns) {
        sim_.advance_to(tempo_next_ns_, out);
        tempo_up_ = !tempo_up_;
        sim_.set_contract(tempo_up_ || held_);
        tempo_next_ns_ += kTempoHalfNs;
    }
    sim_.advance_to(t_ns, out);
    pulled_ns_ = t_ns;
}

void SimFeed::on_command(const session::Command& command) {
    switch (command.kind) {
        case session::CommandKind::ContractDown:
            held_ = true;
            sim_.set_contract(true);
            break;
        case session::CommandKind::ContractUp:
            held_ = false;
            sim_.set_contract(tempo_ && tempo_up_);
            break;
        case session::CommandKind::InjectLeak:
            sim_.inject_leak(command.value > 0.f ? static_cast<double>(command.value) : 20.0);
            break;
        case session::CommandKind::InjectDropout:
            sim_.inject_dropout(static_cast<std::int64_t>((command.value > 0.f ? command.value : 3.f) * 1e9f));
            break;
        case session::CommandKind::SetAutoTempo:
            tempo_ = command.value != 0.f;
            tempo_up_ = false;
            tempo_next_ns_ = pulled_ns_ + 1;  // first lift right away
            if (!tempo_) sim_.set_contract(held_);
            break;
        case session::CommandKind::DeviceTarget:
            if (std::isfinite(command.value)) sim_.set_target_pct_lop(static_cast<double>(command.value));
            break;
        default: break;  // user commands are events (UserEventFeed), not the device's business
    }
}

std::string SimFeed::describe() const {
    return fmt::format("simulated cuff and patient (seed {})", sim_.config().seed);
}

namespace {

telemetry::DecoderOptions decoder_options(telemetry::Format format, bool live) {
    telemetry::DecoderOptions o;
    o.format = format;
    o.live = live;
    o.pressure_column = telemetry_v1::kCuffMmhg;
    if (!live) o.diy_rate_hz = telemetry::kDefaultDiyFileRateHz;
    return o;
}

}  // namespace

FileFeed::FileFeed(telemetry::FileReader reader, std::string path, telemetry::DecoderOptions options)
    : reader_{std::move(reader)}, path_{std::move(path)}, decoder_{telemetry_v1::schema(), options} {}

std::unique_ptr<FileFeed> FileFeed::open(const std::string& path, telemetry::Format format, std::string* error) {
    telemetry::FileReader reader{path};
    if (!reader.ok()) {
        if (error != nullptr) *error = reader.error();
        return nullptr;
    }
    std::unique_ptr<FileFeed> feed(new FileFeed(std::move(reader), path, decoder_options(format, false)));
    // Read until the first usable row (or the end): a file without a t_s column, or without a
    // single usable row, is refused now rather than shown as an empty session.
    while (!feed->eof_ && feed->pending_.empty() && !feed->decoder_.failed()) {
        if (!feed->reader_.read_some(feed->decoder_,
                                     [&](const telemetry::Sample& s) { feed->pending_.push_back(s); })) {
            feed->eof_ = true;
        }
    }
    const auto& report = feed->decoder_.report();
    std::string why;
    if (!feed->reader_.ok())
        why = feed->reader_.error();
    else if (report.failed())
        why = report.error();
    else if (feed->pending_.empty())
        why = "no usable rows";
    if (!why.empty()) {
        if (error != nullptr) {
            *error = fmt::format("'{}': {}", path, why);
            const std::string details = report.to_text();
            if (!details.empty()) error->append("\n").append(details);
        }
        return nullptr;
    }
    return feed;
}

std::string FileFeed::summary() const {
    const auto& r = decoder_.report();
    std::string text = fmt::format("{}: {} rows used, {} skipped", path_, r.rows_used(), r.rows_skipped());
    if (r.rows_skipped() > 0 || !r.warnings().empty()) text.append("\n").append(r.to_text());
    return text;
}

void FileFeed::pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) {
    // Read on until a decoded sample lies beyond this tick (or the file ends).
    while (!eof_ && (pending_.empty() || pending_.back().t_ns <= t_ns)) {
        if (!reader_.read_some(decoder_, [this](const telemetry::Sample& s) { pending_.push_back(s); })) eof_ = true;
    }
    while (!pending_.empty() && pending_.front().t_ns <= t_ns) {
        out.push_back(std::move(pending_.front()));
        pending_.pop_front();
    }
}

std::string FileFeed::describe() const {
    return "file " + path_;
}

LiveFeed::LiveFeed(std::unique_ptr<telemetry::LiveSource> source, telemetry::DecoderOptions options)
    : source_{std::move(source)},
      decoder_{telemetry_v1::schema(), options},
      start_wall_ns_{telemetry::live_clock_now_ns()} {
    lines_.reserve(256);
}

std::unique_ptr<LiveFeed> LiveFeed::open(const telemetry::SourceSpec& spec, telemetry::Format format,
                                         std::string* error) {
    auto source = telemetry::open_live_source(spec, telemetry::LiveOptions{}, error);
    if (!source) return nullptr;
    return std::unique_ptr<LiveFeed>(new LiveFeed(std::move(source), decoder_options(format, true)));
}

void LiveFeed::pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) {
    lines_.clear();
    source_->drain(lines_, 4096);
    for (const telemetry::RawLine& line : lines_) {
        if (line.truncated) continue;  // the parser would reject it anyway: too long to be a sample
        const std::int64_t arrival = line.arrival_ns - start_wall_ns_;
        const telemetry::Sample* s = decoder_.decode_line(line.view(), arrival);
        if (s == nullptr) continue;
        telemetry::Sample sample = *s;
        if (!have_offset_) {
            device_offset_ns_ = std::min(arrival, t_ns) - sample.t_ns;
            have_offset_ = true;
        }
        // Map onto session time; never backwards, never beyond this tick.
        sample.t_ns = std::clamp(sample.t_ns + device_offset_ns_, last_t_ns_, t_ns);
        last_t_ns_ = sample.t_ns;
        out.push_back(std::move(sample));
    }
}

std::string LiveFeed::summary() const {
    const auto& r = decoder_.report();
    const auto st = source_->stats();
    std::string text =
        fmt::format("{}: {} lines, {} rows used, {} skipped, {} dropped (ring full), {} reconnects",
                    source_->describe(), st.lines, r.rows_used(), r.rows_skipped(), st.overflows, st.reconnects);
    if (r.rows_skipped() > 0) text.append("\n").append(r.to_text());
    return text;
}

telemetry::LinkState LiveFeed::link_state() const {
    return source_->state(telemetry::live_clock_now_ns());
}

RecordingFeed::RecordingFeed(session::SampleFeed& inner, telemetry_v1::Recorder& recorder)
    : inner_{inner}, recorder_{recorder} {}

void RecordingFeed::pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) {
    const std::size_t first = out.size();
    inner_.pull_until(t_ns, out);
    for (std::size_t i = first; i < out.size(); ++i) {
        if (!recorder_.write(out[i])) {
            if (!reported_) core::log_error("{}", recorder_.error());  // the session goes on unrecorded
            reported_ = true;
            return;
        }
        if (out[i].event == "set_end") (void)recorder_.sync();
    }
}

std::string RecordingFeed::describe() const {
    return fmt::format("{}, recorded to {}", inner_.describe(), recorder_.path().string());
}

}  // namespace bfr::frontend
