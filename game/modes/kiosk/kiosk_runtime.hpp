#pragma once
// The kiosk, headless (docs/kiosk.md): the mode's state machine (KioskFlow), the visitor's input
// (KioskInputMapper), the admin's way out (AdminExitChord), the texts, and the simulation the
// window shows — a fresh session for every attract cycle and every round, so nothing of a visitor
// survives them and nothing grows however long the kiosk runs. No SDL, no GL, no ImGui: the window
// (game/frontend) feeds it events and ticks, draws `session()` and the panels of `make_view()`.
//
// Per frame:  for each input event the UI did not keep:  runtime.handle_event(e)
//             runtime.apply(draw_kiosk(view, fonts))      (the panels' buttons)
//             if (runtime.exit_requested()) end the loop
// Per tick:   runtime.step()                              (instead of session.step())
// Drawing:    runtime.session() (re-read every frame: it is replaced at each cycle and round),
//             runtime.make_view(view); runtime.take_sounds(cues) → play them.

#include "game/modes/kiosk/kiosk_flow.hpp"
#include "game/modes/kiosk/kiosk_input.hpp"
#include "game/modes/kiosk/kiosk_texts.hpp"
#include "game/modes/kiosk/kiosk_view.hpp"
#include "game/session/components.hpp"
#include "game/session/sample_feed.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace bfr::session {
class Session;
}

namespace bfr::modes::kiosk {

/// Which simulation a feed is for.
enum class FeedPurpose : std::uint8_t {
    Attract,  ///< Exercises by itself (the attract loop).
    Play,     ///< The visitor drives it (ContractDown/ContractUp commands).
};

struct KioskRuntimeConfig {
    KioskSettings settings;                  ///< Timings, attract reps, the admin's chord (assets/kiosk/kiosk.json).
    session::LimbKind limb = session::LimbKind::Arm;
    std::uint64_t seed = 1;                  ///< The simulated patient's seed (every session uses it).
    bool loose_cuff = false;                 ///< The simulated cuff's profile (--sim-profile loose).
    /// Where a session's telemetry comes from; empty: the simulated cuff and patient. (A recording
    /// could loop in the attract cycle; a play round needs a source that obeys ContractDown.)
    std::function<std::unique_ptr<session::SampleFeed>(FeedPurpose)> feed_factory;
    /// SIGINT/SIGTERM arrived (the window's close button alone never ends a kiosk).
    bool (*signalled)() = nullptr;           ///< nullptr: core::interrupt_requested.
};

enum class ExitReason : std::uint8_t { None, AdminChord, Signal };

/// The sound cues not yet taken (at most this many are kept).
inline constexpr std::size_t kMaxPendingSounds = 8;
/// How long a sound's caption stays on screen.
inline constexpr std::int64_t kSoundCaptionNs = 2'500'000'000;

class KioskRuntime {
public:
    KioskRuntime(KioskRuntimeConfig config, KioskTexts texts);
    ~KioskRuntime();
    KioskRuntime(const KioskRuntime&) = delete;
    KioskRuntime& operator=(const KioskRuntime&) = delete;

    /// One input event (after the UI's first refusal): the visitor's actions, the admin's chord.
    void handle_event(const platform::InputEvent& event);
    /// The panels' buttons.
    void apply(const KioskRequests& requests);
    /// One simulation tick (1/60 s): the session, then the flow and what it asks for.
    void step();

    [[nodiscard]] bool exit_requested() const noexcept { return exit_ != ExitReason::None; }
    [[nodiscard]] ExitReason exit_reason() const noexcept { return exit_; }

    /// The simulation now. Replaced at every attract cycle and round: never keep the reference
    /// across a step() or handle_event().
    [[nodiscard]] session::Session& session() noexcept { return *session_; }
    [[nodiscard]] const session::Session& session() const noexcept { return *session_; }
    /// Changes whenever session() is a new one (reset plots and interpolation that follow it).
    [[nodiscard]] std::uint64_t session_generation() const noexcept { return generation_; }

    /// What the panels show now (reuses `out`'s strings).
    void make_view(KioskView& out) const;
    /// Appends the sounds since the last call (Effect::Sound*), oldest first, and forgets them.
    void take_sounds(std::vector<Effect>& out);

    [[nodiscard]] const KioskFlow& flow() const noexcept { return flow_; }
    [[nodiscard]] const KioskTexts& texts() const noexcept { return texts_; }
    /// Selects the starting language (--lang, a locale); false (nothing changes) if the kiosk lacks it.
    /// It also becomes the language every new visitor gets.
    bool select_language(std::string_view code_or_locale);
    [[nodiscard]] const AdminExitChord& admin_chord() const noexcept { return admin_; }
    [[nodiscard]] float text_scale() const noexcept { return text_scale_; }
    /// The cuff holds 90 % of its target (the round's "cuff on").
    [[nodiscard]] bool cuff_ready() const;
    /// Sessions built so far (attract cycles + rounds + the first one).
    [[nodiscard]] std::uint64_t sessions_built() const noexcept { return generation_; }
    /// The effects of the latest step()/handle_event() (tests).
    [[nodiscard]] const std::vector<Effect>& last_effects() const noexcept { return effects_; }

private:
    void new_session(FeedPurpose purpose);
    void apply_effects();
    void on_action(KioskActionKind kind);
    void queue_sound(Effect e);

    KioskRuntimeConfig config_;
    KioskTexts texts_;
    KioskFlow flow_;
    KioskInputMapper mapper_;
    AdminExitChord admin_;
    std::unique_ptr<session::SampleFeed> feed_;
    std::unique_ptr<session::Session> session_;
    std::uint64_t generation_ = 0;
    std::uint64_t ticks_ = 0;
    std::vector<Effect> effects_;
    std::vector<KioskAction> actions_;
    std::array<Effect, kMaxPendingSounds> sounds_{};
    std::size_t sound_count_ = 0;
    Effect caption_sound_ = Effect::SoundStart;
    std::int64_t caption_until_ns_ = -1;
    int caption_seconds_ = 0;
    float text_scale_ = 1.f;
    ExitReason exit_ = ExitReason::None;
};

}  // namespace bfr::modes::kiosk
