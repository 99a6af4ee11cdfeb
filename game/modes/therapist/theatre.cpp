#include "game/modes/therapist/theatre.hpp"

#include "game/replay/file_source.hpp"
#include "game/session/session.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

namespace bfr::modes::therapist {
namespace {

replay::ReplayConfig replay_config(const TheatreOptions& o) {
    replay::ReplayConfig c;
    c.limb = o.limb;
    c.protocol = o.protocol;
    return c;
}

core::Tick tick_of_seconds(double s) noexcept {
    return core::tick_at_ns(static_cast<core::Nanos>(std::llround(std::max(0.0, s) * 1e9)));
}

}  // namespace

session::LimbKind limb_from_file_name(const std::string& path) noexcept {
    std::string name = std::filesystem::path(path).filename().string();
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return name.find("leg") != std::string::npos ? session::LimbKind::Leg : session::LimbKind::Arm;
}

StageObservation stage_of(const session::Session& session) {
    StageObservation st;
    const auto* ph = session.world().find<session::SessionPhase>(session.limb());
    if (ph == nullptr) return st;
    st.in_set = ph->kind == session::PhaseKind::Set;
    st.in_rest = ph->kind == session::PhaseKind::Rest;
    st.rest_cuff_on = ph->cuff_on;
    st.finished = ph->kind == session::PhaseKind::Done;
    return st;
}

Theatre::Theatre(TheatreOptions options) : options_{std::move(options)}, captions_{"The patient", ""} {}

Theatre::~Theatre() = default;

bool Theatre::reopen(std::string* error) {
    // The new source first: if the file went away, the moment shown stays as it is.
    auto source = replay::FileSource::open(options_.path, options_.format, error);
    if (!source) return false;
    replayer_.reset();
    source_ = std::move(source);
    replayer_ = std::make_unique<replay::Replayer>(*source_, replay_config(options_));
    return true;
}

std::unique_ptr<Theatre> Theatre::open(const TheatreOptions& options, std::string* error) {
    std::unique_ptr<Theatre> t(new Theatre(options));
    // The full pass: the index, the plots and the captions of the whole recording.
    if (!t->reopen(error)) return nullptr;
    const LimbObservation absent;
    auto observe = [&] {
        const session::Session& s = t->replayer_->session();
        t->trace_.record(s);
        t->captions_.observe(s.tick(), observe_limb(s, true), absent, stage_of(s));
    };
    observe();
    while (t->replayer_->step()) observe();
    observe();
    t->result_ = t->replayer_->result();
    t->result_.file = options.path;
    t->end_tick_ = t->replayer_->session().tick();
    // The moment shown starts at 0:00.
    if (!t->reopen(error)) return nullptr;
    return t;
}

core::Tick Theatre::now() const noexcept {
    return replayer_->session().tick();
}

const session::Session& Theatre::session() const noexcept {
    return replayer_->session();
}

void Theatre::seek(core::Tick t) {
    t = std::min(t, end_tick_);
    if (t < now()) {
        std::string ignored;
        if (!reopen(&ignored)) return;  // the file went away: the moment shown stays
        while (now() < t && replayer_->step()) ++resimulated_;
        return;
    }
    while (now() < t && replayer_->step()) {
    }
}

void Theatre::advance(core::Tick ticks) {
    seek(std::min(end_tick_, now() + ticks));
}

core::Tick Theatre::rep_tick(std::size_t i) const noexcept {
    return i < result_.reps.size() ? tick_of_seconds(result_.reps[i].commit_s) : 0;
}

std::size_t Theatre::reps_at(core::Tick t) const noexcept {
    std::size_t n = 0;
    while (n < result_.reps.size() && rep_tick(n) <= t) ++n;
    return n;
}

std::optional<core::Tick> Theatre::next_rep(core::Tick t) const noexcept {
    for (std::size_t i = 0; i < result_.reps.size(); ++i) {
        if (rep_tick(i) > t) return rep_tick(i);
    }
    return std::nullopt;
}

std::optional<core::Tick> Theatre::previous_rep(core::Tick t) const noexcept {
    std::optional<core::Tick> found;
    for (std::size_t i = 0; i < result_.reps.size(); ++i) {
        if (rep_tick(i) < t) found = rep_tick(i);
    }
    return found;
}

std::optional<std::size_t> Theatre::set_at(core::Tick t) const noexcept {
    for (std::size_t i = 0; i < result_.sets.size(); ++i) {
        if (t >= tick_of_seconds(result_.sets[i].start_s) && t <= tick_of_seconds(result_.sets[i].end_s)) return i + 1;
    }
    return std::nullopt;
}

}  // namespace bfr::modes::therapist
