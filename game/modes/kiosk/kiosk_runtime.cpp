#include "game/modes/kiosk/kiosk_runtime.hpp"

#include "engine/core/interrupt.hpp"
#include "engine/core/log.hpp"
#include "engine/core/time.hpp"
#include "game/presentation/scene.hpp"
#include "game/session/session.hpp"
#include "game/sim/sim_source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace bfr::modes::kiosk {
namespace {

/// The simulated cuff and patient for one kiosk session: the attract loop's patient performs
/// one set by itself; the play round's follows the visitor's ContractDown/ContractUp.
class KioskSimFeed final : public session::SampleFeed {
public:
    explicit KioskSimFeed(const sim::SimConfig& config) : sim_{config} {}
    void pull_until(std::int64_t t_ns, std::vector<telemetry::Sample>& out) override { sim_.advance_to(t_ns, out); }
    void on_command(const session::Command& command) override {
        switch (command.kind) {
            case session::CommandKind::ContractDown: sim_.set_contract(true); break;
            case session::CommandKind::ContractUp: sim_.set_contract(false); break;
            case session::CommandKind::DeviceTarget:
                if (std::isfinite(command.value)) sim_.set_target_pct_lop(static_cast<double>(command.value));
                break;
            default: break;
        }
    }
    [[nodiscard]] std::string describe() const override {
        return fmt::format("simulated cuff and patient (seed {})", sim_.config().seed);
    }

private:
    sim::SimSource sim_;
};

std::string number_text(double value, int decimals, const std::string& separator) {
    std::string s = decimals > 0 ? fmt::format("{:.{}f}", value, decimals) : fmt::format("{:.0f}", value);
    if (separator != ".") {
        if (const auto dot = s.find('.'); dot != std::string::npos) s.replace(dot, 1, separator);
    }
    return s;
}

int ceil_seconds(double s) {
    return static_cast<int>(std::ceil(std::max(0.0, s) - 1e-9));
}

}  // namespace

KioskRuntime::KioskRuntime(KioskRuntimeConfig config, KioskTexts texts)
    : config_{std::move(config)},
      texts_{std::move(texts)},
      flow_{config_.settings.timings, static_cast<std::uint32_t>(std::max<std::size_t>(1, texts_.caption_count()))},
      admin_{config_.settings.admin_exit} {
    if (config_.signalled == nullptr) config_.signalled = &core::interrupt_requested;
    if (const auto d = texts_.find(config_.settings.default_language)) {
        texts_.set_default(*d);
        texts_.reset();
    }
    effects_.reserve(16);
    actions_.reserve(16);
    new_session(FeedPurpose::Attract);
}

KioskRuntime::~KioskRuntime() {
    session_.reset();  // before the feed it reads from
    feed_.reset();
}

bool KioskRuntime::select_language(std::string_view code_or_locale) {
    const auto i = texts_.find(code_or_locale);
    if (!i) return false;
    texts_.set_default(*i);
    texts_.select(*i);
    return true;
}

void KioskRuntime::new_session(FeedPurpose purpose) {
    session_.reset();
    feed_.reset();
    if (config_.feed_factory) feed_ = config_.feed_factory(purpose);
    if (!feed_) {
        sim::SimConfig c;
        c.limb = config_.limb == session::LimbKind::Leg ? sim::Limb::Leg : sim::Limb::Arm;
        c.seed = config_.seed;
        c.profile = config_.loose_cuff ? sim::Profile::Loose : sim::Profile::Tight;
        c.measure_lop = false;  // the limb's default LOP: the cuff is on within seconds
        c.wait_for_target = false;
        c.auto_tempo = purpose == FeedPurpose::Attract;
        c.set_reps = {std::max<std::uint32_t>(1, config_.settings.attract_reps)};
        feed_ = std::make_unique<KioskSimFeed>(c);
    }
    session::SessionConfig sc;
    sc.limb = config_.limb;
    session_ = std::make_unique<session::Session>(sc, feed_.get());
    ++generation_;
}

void KioskRuntime::queue_sound(Effect e) {
    if (sound_count_ < sounds_.size()) sounds_[sound_count_++] = e;  // nobody takes them: the newest are dropped
    caption_sound_ = e;
    caption_until_ns_ = flow_.time_ns() + kSoundCaptionNs;
    if (e == Effect::SoundCountdown) caption_seconds_ = ceil_seconds(flow_.countdown_remaining_s());
}

void KioskRuntime::take_sounds(std::vector<Effect>& out) {
    out.insert(out.end(), sounds_.begin(), sounds_.begin() + static_cast<std::ptrdiff_t>(sound_count_));
    sound_count_ = 0;
}

void KioskRuntime::apply_effects() {
    // Effects that replace the session come first in each batch: commands after them go to the new one.
    for (const Effect e : effects_) {
        switch (e) {
            case Effect::NewAttractCycle: new_session(FeedPurpose::Attract); break;
            case Effect::StartRound: new_session(FeedPurpose::Play); break;
            case Effect::ContractDown: (void)session_->push({session::CommandKind::ContractDown}); break;
            case Effect::ContractUp: (void)session_->push({session::CommandKind::ContractUp}); break;
            case Effect::EndRound:
                // The round is over: relax, and the cuff comes off (the result shows the washout).
                (void)session_->push({session::CommandKind::ContractUp});
                (void)session_->push({session::CommandKind::DeviceTarget, 0.f});
                break;
            case Effect::ResetVisitor:
                texts_.reset();
                text_scale_ = 1.f;
                break;
            case Effect::SoundStart:
            case Effect::SoundRep:
            case Effect::SoundRoundDone:
            case Effect::SoundCountdown: queue_sound(e); break;
        }
    }
}

void KioskRuntime::on_action(KioskActionKind kind) {
    switch (kind) {
        case KioskActionKind::ContractDown: flow_.contract_down(effects_); break;
        case KioskActionKind::ContractUp: flow_.contract_up(effects_); break;
        case KioskActionKind::Press: flow_.press(effects_); break;
        case KioskActionKind::NextLanguage:
            texts_.next();
            flow_.activity(effects_);
            break;
        case KioskActionKind::TextSize:
            text_scale_ = text_scale_ < 1.2f ? 1.25f : (text_scale_ < 1.4f ? 1.5f : 1.f);
            flow_.activity(effects_);
            break;
        case KioskActionKind::QuitRequested:
            if (config_.signalled()) {
                exit_ = ExitReason::Signal;
            } else {
                core::log_debug("kiosk: the window's close request is ignored (the admin's chord ends the kiosk)");
            }
            break;
    }
}

void KioskRuntime::handle_event(const platform::InputEvent& event) {
    admin_.on_event(event, flow_.time_ns());
    actions_.clear();
    mapper_.map(event, actions_);
    effects_.clear();
    for (const KioskAction& a : actions_) on_action(a.kind);
    apply_effects();
    if (admin_.update(flow_.time_ns()) && exit_ == ExitReason::None) exit_ = ExitReason::AdminChord;
}

void KioskRuntime::apply(const KioskRequests& requests) {
    effects_.clear();
    if (requests.next_language) on_action(KioskActionKind::NextLanguage);
    if (requests.text_size) on_action(KioskActionKind::TextSize);
    if (requests.still_here) flow_.press(effects_);
    apply_effects();
}

void KioskRuntime::step() {
    session_->step();
    ++ticks_;
    Observation obs;
    obs.reps = static_cast<std::uint32_t>(session_->last_tick_reps().size());
    const auto& out = session_->physiology().out;
    obs.fill_01 = presentation::metabolite_fill_level(static_cast<float>(out.metabolite));
    obs.swelling_pct = static_cast<float>(out.swelling_pct);
    effects_.clear();
    flow_.tick(core::tick_end_ns(ticks_) - core::tick_end_ns(ticks_ - 1), obs, effects_);
    apply_effects();
    if (admin_.update(flow_.time_ns()) && exit_ == ExitReason::None) exit_ = ExitReason::AdminChord;
    if (exit_ == ExitReason::None && config_.signalled()) exit_ = ExitReason::Signal;
}

bool KioskRuntime::cuff_ready() const {
    const auto& in = session_->physiology().inputs;
    const double target = in.lop_mmHg * session::default_target_pct_lop(config_.limb) / 100.0;
    return target > 0.0 && in.cuff_mmHg >= 0.9 * target;
}

void KioskRuntime::make_view(KioskView& v) const {
    const Language& lang = texts_.current();
    const std::string& sep = lang.decimal_separator;
    const KioskTimings& t = flow_.timings();
    const RoundStats& round = flow_.round();
    const KioskState state = flow_.state();
    v.state = state;
    v.caption.clear();
    v.caption_lines.clear();
    v.result_lines.clear();
    v.caption_index = flow_.caption_index();
    v.caption_count = texts_.caption_count();
    v.contract_held = flow_.contract_held();
    v.can_play_again = false;

    // The round's figures (shown in Play, behind StillThere).
    const std::string reps = std::to_string(round.reps);
    const std::string goal = std::to_string(round.goal);
    v.reps = round.reps;
    v.goal = round.goal;
    v.count_text = fill_in(lang.get(Text::PlayCount), {{"reps", reps}, {"goal", goal}});
    v.progress_01 = round.goal > 0 ? std::min(1.f, static_cast<float>(round.reps) / static_cast<float>(round.goal)) : 0.f;
    v.status = lang.get(cuff_ready() ? Text::PlayCuffOn : Text::PlayCuffFilling);
    v.time_left = fill_in(lang.get(Text::PlayTimeLeft),
                          {{"seconds", std::to_string(ceil_seconds(t.round_max_s - round.elapsed_s))}});
    const auto& out = session_->physiology().out;
    v.fill_label = lang.get(Text::PlayFillLabel);
    v.fill_01 = presentation::metabolite_fill_level(static_cast<float>(out.metabolite));
    v.fill_text = fmt::format("{} %", number_text(std::round(static_cast<double>(v.fill_01) * 100.0), 0, sep));
    v.swelling_label = lang.get(Text::PlaySwellingLabel);
    v.swelling_pct = std::isfinite(out.swelling_pct) ? static_cast<float>(std::max(0.0, out.swelling_pct)) : 0.f;
    v.swelling_text = fmt::format("+{} %", number_text(static_cast<double>(v.swelling_pct), 1, sep));

    const double left = flow_.countdown_remaining_s();
    v.countdown_s = ceil_seconds(left);
    v.countdown_text = fill_in(lang.get(Text::StillCountdown), {{"seconds", std::to_string(v.countdown_s)}});
    v.countdown_01 = t.countdown_s > 0.0 ? static_cast<float>(left / t.countdown_s) : 0.f;
    v.still_button = lang.get(Text::StillButton);
    const double back = flow_.result_remaining_s();
    v.back_text = fill_in(lang.get(Text::ResultBack), {{"seconds", std::to_string(ceil_seconds(back))}});
    v.back_01 = t.result_s > 0.0 ? static_cast<float>(back / t.result_s) : 0.f;

    switch (state) {
        case KioskState::Attract:
            v.title = lang.get(Text::AttractTitle);
            v.prompt = lang.get(Text::AttractPrompt);
            v.caption = texts_.caption(v.caption_index);
            v.caption_lines = wrap_caption(v.caption);
            break;
        case KioskState::Play:
            v.title = fill_in(lang.get(Text::PlayGoal), {{"goal", goal}});
            v.prompt = lang.get(v.contract_held ? Text::PlayRelease : Text::PlayHold);
            break;
        case KioskState::StillThere:
            v.title = lang.get(Text::StillTitle);
            v.prompt = lang.get(Text::StillBody);
            break;
        case KioskState::Result: {
            v.title = lang.get(round.completed ? Text::ResultTitleDone : Text::ResultTitleTime);
            v.can_play_again = flow_.can_play_again();
            v.prompt = v.can_play_again ? lang.get(Text::ResultAgain) : std::string();
            v.result_lines.push_back(fill_in(
                lang.get(Text::ResultReps),
                {{"reps", reps}, {"seconds", std::to_string(static_cast<long>(std::lround(round.elapsed_s)))}}));
            v.result_lines.push_back(fill_in(
                lang.get(Text::ResultFill), {{"fill", number_text(std::round(static_cast<double>(round.fill_peak_01) * 100.0), 0, sep)}}));
            v.result_lines.push_back(
                fill_in(lang.get(Text::ResultSwelling), {{"swelling", number_text(static_cast<double>(round.swelling_peak_pct), 1, sep)}}));
            v.result_lines.push_back(lang.get(Text::ResultWashout));
            break;
        }
    }

    v.sound_caption.clear();
    if (flow_.time_ns() < caption_until_ns_) {
        switch (caption_sound_) {
            case Effect::SoundStart: v.sound_caption = lang.get(Text::SoundStart); break;
            case Effect::SoundRep: v.sound_caption = lang.get(Text::SoundRep); break;
            case Effect::SoundRoundDone: v.sound_caption = lang.get(Text::SoundDone); break;
            case Effect::SoundCountdown:
                v.sound_caption = fill_in(lang.get(Text::SoundCountdown), {{"seconds", std::to_string(caption_seconds_)}});
                break;
            default: break;
        }
    }
    v.sound_note = lang.get(Text::SoundNote);
    v.language_label = lang.get(Text::UiLanguage);
    v.language_name = lang.name;
    v.language_count = texts_.size();
    v.text_size_label = lang.get(Text::UiTextSize);
    v.text_scale = text_scale_;
}

}  // namespace bfr::modes::kiosk
