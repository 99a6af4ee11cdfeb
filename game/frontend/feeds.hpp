#pragma once
// The session's telemetry feeds: the simulated cuff and patient, and a recorder that writes
// whatever another feed delivers.

#include "engine/telemetry/decoder.hpp"
#include "engine/telemetry/file_reader.hpp"
#include "engine/telemetry/live/live_source.hpp"
#include "engine/telemetry/source_spec.hpp"
#include "game/session/sample_feed.hpp"
#include "game/sim/sim_source.hpp"
#include "game/telemetry/recorder.hpp"

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bfr::frontend {

/// `--source sim`: the simulated cuff and virtual patient. The user's contract input drives the
/// patient; "auto tempo" (T in the window) makes it contract by itself, 1 s up and 1 s down.
class SimFeed final : public session::SampleFeed {
public:
    explicit SimFeed(const sim::SimConfig& config);
    void pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) override;
    void on_command(const session::Command& command) override;
    [[nodiscard]] std::string describe() const override;
    [[nodiscard]] const sim::SimSource& source() const noexcept { return sim_; }

private:
    sim::SimSource sim_;
    bool held_ = false;      ///< The user holds the contract input.
    bool tempo_ = false;     ///< Auto tempo emulated here (the sim's own script is off).
    bool tempo_up_ = false;  ///< The tempo's current half: lifting.
    std::int64_t pulled_ns_ = 0;
    std::int64_t tempo_next_ns_ = 0;  ///< Next tempo edge.
};

/// `--source file:PATH`: a recording, read chunk by chunk in step with the session (every row,
/// in order: deterministic). Session time 0 is the recording's t_s origin; after the last row
/// the session keeps the last state.
class FileFeed final : public session::SampleFeed {
public:
    /// Opens the file; nullptr with a reason (path and system error) when it cannot be read.
    [[nodiscard]] static std::unique_ptr<FileFeed> open(const std::string& path, telemetry::Format format,
                                                        std::string* error);
    void pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) override;
    [[nodiscard]] std::string describe() const override;
    [[nodiscard]] const telemetry::ParseReport& report() const noexcept { return decoder_.report(); }
    [[nodiscard]] bool finished() const noexcept { return eof_ && pending_.empty(); }
    /// Time of the next sample not delivered yet, if one has been read (after open(): the first).
    [[nodiscard]] std::optional<std::int64_t> next_sample_ns() const noexcept {
        if (pending_.empty()) return std::nullopt;
        return pending_.front().t_ns;
    }
    /// "PATH: N rows used, M skipped" and the report's first problems (for the end of a session).
    [[nodiscard]] std::string summary() const;

private:
    FileFeed(telemetry::FileReader reader, std::string path, telemetry::DecoderOptions options);
    telemetry::FileReader reader_;
    std::string path_;
    telemetry::Decoder decoder_;
    std::deque<telemetry::Sample> pending_;  ///< Decoded, not yet due (at most one chunk's worth).
    bool eof_ = false;
};

/// `--source serial:…|udp:…|stdin`: lines from a reader thread, decoded on the main thread and
/// delivered at the tick they arrive in. A v1 line's own t_s is mapped onto session time by the
/// offset of its first sample; lines without a time (DIY formats) take their arrival time.
/// Samples never go back in time and never run ahead of the tick they are delivered in.
class LiveFeed final : public session::SampleFeed {
public:
    /// Opens the device or socket; nullptr with a reason when it cannot be opened.
    [[nodiscard]] static std::unique_ptr<LiveFeed> open(const telemetry::SourceSpec& spec, telemetry::Format format,
                                                        std::string* error);
    void pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) override;
    [[nodiscard]] std::string describe() const override { return source_->describe(); }
    /// The link right now (the wall clock: a live link is about real time).
    [[nodiscard]] telemetry::LinkState link_state() const;
    [[nodiscard]] const telemetry::ParseReport& report() const noexcept { return decoder_.report(); }
    [[nodiscard]] telemetry::LiveStats stats() const { return source_->stats(); }
    /// Lines, rows used and skipped, ring overflows, reconnects, and the first problems.
    [[nodiscard]] std::string summary() const;

private:
    LiveFeed(std::unique_ptr<telemetry::LiveSource> source, telemetry::DecoderOptions options);
    std::unique_ptr<telemetry::LiveSource> source_;
    telemetry::Decoder decoder_;
    std::vector<telemetry::RawLine> lines_;
    std::int64_t start_wall_ns_;  ///< Steady-clock time the session's t = 0 corresponds to.
    bool have_offset_ = false;
    std::int64_t device_offset_ns_ = 0;  ///< session time = device time + offset.
    std::int64_t last_t_ns_ = 0;
};

/// Writes every sample the inner feed delivers to a telemetry v1 recording, so the session
/// replays identically; syncs to disk at each `set_end`.
class RecordingFeed final : public session::SampleFeed {
public:
    RecordingFeed(session::SampleFeed& inner, telemetry_v1::Recorder& recorder);
    void pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) override;
    void on_command(const session::Command& command) override { inner_.on_command(command); }
    [[nodiscard]] std::string describe() const override;

private:
    session::SampleFeed& inner_;
    telemetry_v1::Recorder& recorder_;
    bool reported_ = false;
};

}  // namespace bfr::frontend
