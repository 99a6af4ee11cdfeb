#pragma once
// The replay theatre (docs/therapist.md): a patient's recording with the limb, the plots and the
// rep markers in sync on one timeline.
//
// Opening a recording runs it once headless through exactly the pipeline of `replay`
// (replay::FileSource + replay::Replayer): that pass gives the duration, every counted rep, the
// sets, the alarms, the plots of every model variable and the captions. Showing moment t then
// replays the file from its start to t (seeking forward just steps on), so the limb at t is the
// session's own state at t, and the same moment always shows the same state. Pure: no SDL, GL or
// ImGui.

#include "engine/core/time.hpp"
#include "engine/telemetry/diy_formats.hpp"
#include "game/modes/therapist/captions.hpp"
#include "game/modes/therapist/traces.hpp"
#include "game/protocol/protocol.hpp"
#include "game/replay/replayer.hpp"
#include "game/session/components.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bfr::replay {
class FileSource;
}

namespace bfr::modes::therapist {

struct TheatreOptions {
    std::string path;
    telemetry::Format format = telemetry::Format::V1;
    session::LimbKind limb = session::LimbKind::Arm;
    std::optional<protocol::Protocol> protocol;
};

/// The limb a recording shows when the command line does not say: "leg" in the file's name (the
/// recorder names files `session-…-leg.csv`; the demo recordings `leg-…`) means the leg.
[[nodiscard]] session::LimbKind limb_from_file_name(const std::string& path) noexcept;

class Theatre {
public:
    /// Opens and indexes the recording (the full pass). nullptr with the reason (naming the file)
    /// when it cannot be read or holds no usable row.
    [[nodiscard]] static std::unique_ptr<Theatre> open(const TheatreOptions& options, std::string* error);
    ~Theatre();
    Theatre(const Theatre&) = delete;
    Theatre& operator=(const Theatre&) = delete;

    /// The moment shown (the session's tick) and the recording's last tick.
    [[nodiscard]] core::Tick now() const noexcept;
    [[nodiscard]] core::Tick end() const noexcept { return end_tick_; }
    /// Shows moment `t` (clamped to the recording): forward by stepping, back by replaying from the start.
    void seek(core::Tick t);
    /// Moves forward `ticks` ticks (playing), stopping at the end.
    void advance(core::Tick ticks);

    [[nodiscard]] const session::Session& session() const noexcept;
    /// Every variable over the whole recording (from the full pass).
    [[nodiscard]] const Trace& trace() const noexcept { return trace_; }
    [[nodiscard]] const CaptionDirector& captions() const noexcept { return captions_; }
    /// What the full pass found (reps, sets, alarms, warnings, LOP, load).
    [[nodiscard]] const replay::ReplayResult& result() const noexcept { return result_; }
    [[nodiscard]] const TheatreOptions& options() const noexcept { return options_; }

    /// The tick at which counted rep i (0-based) was committed.
    [[nodiscard]] core::Tick rep_tick(std::size_t i) const noexcept;
    /// Reps committed at or before `t`.
    [[nodiscard]] std::size_t reps_at(core::Tick t) const noexcept;
    /// The next rep's commit after `t`, the previous one before it (nullopt: none).
    [[nodiscard]] std::optional<core::Tick> next_rep(core::Tick t) const noexcept;
    [[nodiscard]] std::optional<core::Tick> previous_rep(core::Tick t) const noexcept;
    /// The set holding moment `t` (1-based) and its span, if any.
    [[nodiscard]] std::optional<std::size_t> set_at(core::Tick t) const noexcept;

    /// Ticks replayed again by seeking back (tests, the log).
    [[nodiscard]] std::uint64_t resimulated_ticks() const noexcept { return resimulated_; }

private:
    explicit Theatre(TheatreOptions options);
    [[nodiscard]] bool reopen(std::string* error);

    TheatreOptions options_;
    std::unique_ptr<replay::FileSource> source_;
    std::unique_ptr<replay::Replayer> replayer_;
    Trace trace_;
    CaptionDirector captions_;
    replay::ReplayResult result_;
    core::Tick end_tick_ = 0;
    std::uint64_t resimulated_ = 0;
};

/// What the captions hear of a recorded session's phase.
[[nodiscard]] StageObservation stage_of(const session::Session& session);

}  // namespace bfr::modes::therapist
