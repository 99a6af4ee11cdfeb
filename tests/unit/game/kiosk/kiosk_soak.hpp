#pragma once
// The kiosk's soak (docs/kiosk.md, "Runs for days"): KioskRuntime — the flow over the real
// simulated cuff, patient and session, stepped at the window's 60 Hz tick — driven for hours of
// simulation time by scripted visitors: idle attract stretches, rounds played to the end (and
// again), rounds abandoned (the "still there?" countdown runs out), visitors who come back in
// the countdown, touch/mouse/gamepad visitors, language fiddlers, a stuck button, key mashers.
// It records what must not grow: the heap in use at the start of every attract cycle (the same
// moment of the same fresh simulation, so any growth is a leak or an ever-growing buffer), the
// largest session containers, and the runtime's own buffers, hour by hour.

#include "kiosk_test_support.hpp"

#include "game/session/guidance.hpp"
#include "game/session/session.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "live_bytes.hpp"

namespace bfr::modes::kiosk::test {

/// Bytes of heap in use now (every operator new not yet deleted; live_bytes.hpp).
inline std::size_t heap_in_use() {
    return live_heap_bytes();
}

/// Resident memory (KiB), for the report only (the allocator keeps freed pages; not a leak test).
inline std::size_t resident_kib() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0;
    std::size_t resident = 0;
    statm >> pages >> resident;
    return resident * 4;
}

/// What one simulated hour showed.
struct SoakHour {
    std::size_t heap_min = SIZE_MAX;  ///< Heap in use at the start of an attract cycle (min, max over the hour).
    std::size_t heap_max = 0;
    std::size_t cycle_starts = 0;     ///< Attract cycles started in the hour (samples).
    std::size_t rep_log_max = 0;      ///< Largest RepLog of a session in the hour.
    std::size_t protocol_log_max = 0;
    std::size_t batch_capacity_max = 0;  ///< TelemetryBatch's capacity (samples of one tick).
    std::size_t entities_max = 0;
    std::size_t resident_kib = 0;     ///< At the end of the hour.
};

struct SoakReport {
    double hours = 0.0;
    double wall_s = 0.0;
    FlowCounters counters;
    std::uint64_t sessions = 0;
    std::uint64_t visits = 0;
    std::array<std::uint64_t, 8> visits_by_kind{};
    std::vector<SoakHour> by_hour;
    std::size_t pending_sounds_max = 0;
    std::size_t view_capacity_max = 0;  ///< The reused view's largest string capacity (it must settle).
    bool exited = false;

    [[nodiscard]] std::string summary() const {
        std::string s;
        char line[256];
        std::snprintf(line, sizeof line,
                      "soak: %.1f simulated hours in %.1f s wall; %llu sessions, %llu visits "
                      "(complete %llu, abandon %llu, return %llu, devices %llu, language %llu, stuck %llu, "
                      "masher %llu, again %llu)\n",
                      hours, wall_s, static_cast<unsigned long long>(sessions), static_cast<unsigned long long>(visits),
                      static_cast<unsigned long long>(visits_by_kind[0]), static_cast<unsigned long long>(visits_by_kind[1]),
                      static_cast<unsigned long long>(visits_by_kind[2]), static_cast<unsigned long long>(visits_by_kind[3]),
                      static_cast<unsigned long long>(visits_by_kind[4]), static_cast<unsigned long long>(visits_by_kind[5]),
                      static_cast<unsigned long long>(visits_by_kind[6]), static_cast<unsigned long long>(visits_by_kind[7]));
        s += line;
        std::snprintf(line, sizeof line,
                      "flow: %llu attract cycles, %llu rounds (%llu completed, %llu timed out), %llu 'still there?' "
                      "(%llu resumed, %llu abandoned)\n",
                      static_cast<unsigned long long>(counters.attract_cycles),
                      static_cast<unsigned long long>(counters.rounds_started),
                      static_cast<unsigned long long>(counters.rounds_completed),
                      static_cast<unsigned long long>(counters.rounds_timed_out),
                      static_cast<unsigned long long>(counters.still_there),
                      static_cast<unsigned long long>(counters.resumed),
                      static_cast<unsigned long long>(counters.abandoned));
        s += line;
        for (std::size_t h = 0; h < by_hour.size(); ++h) {
            const SoakHour& x = by_hour[h];
            std::snprintf(line, sizeof line,
                          "hour %2zu: heap at cycle start %zu..%zu B (%zu samples), rep log max %zu, protocol log max "
                          "%zu, batch capacity max %zu, entities %zu, resident %zu KiB\n",
                          h + 1, x.heap_min == SIZE_MAX ? 0 : x.heap_min, x.heap_max, x.cycle_starts, x.rep_log_max,
                          x.protocol_log_max, x.batch_capacity_max, x.entities_max, x.resident_kib);
            s += line;
        }
        return s;
    }
};

/// xorshift64*: the visitors' dice (fixed seed: the same soak every run).
struct SoakRng {
    std::uint64_t s;
    std::uint64_t next() {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        return s * 2685821657736338717ULL;
    }
    std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(next() % n); }
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * static_cast<double>(next() >> 11) / 9007199254740992.0;
    }
};

class SoakDriver final : public Driver {
public:
    SoakDriver(KioskRuntime& rt, double hours, std::uint64_t seed)
        : Driver(rt), end_tick_{static_cast<std::uint64_t>(hours * 3600.0 * core::kTickHz)}, rng_{seed} {
        report_.hours = hours;
        report_.by_hour.resize(static_cast<std::size_t>(std::ceil(hours)));
        sounds_.reserve(kMaxPendingSounds);
        last_generation_ = rt.session_generation();
    }

    SoakReport run() {
        const auto t0 = std::chrono::steady_clock::now();
        while (tick() < end_tick_ && !runtime().exit_requested()) visit();
        report_.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        report_.counters = runtime().flow().counters();
        report_.sessions = runtime().sessions_built();
        report_.exited = runtime().exit_requested();
        return report_;
    }

protected:
    void on_tick() override {
        KioskRuntime& rt = runtime();
        const session::Session& s = rt.session();
        SoakHour& hour = current_hour();
        // The session about to be replaced, and every session as it runs: its containers.
        const auto& log = s.world().ctx().get<session::RepLog>();
        hour.rep_log_max = std::max({hour.rep_log_max, log.times_s.size(), log.start_s.size(), log.events.size()});
        const auto& ps = s.world().ctx().get<session::ProtocolState>();
        hour.protocol_log_max = std::max(hour.protocol_log_max, ps.log.size());
        hour.batch_capacity_max =
            std::max(hour.batch_capacity_max, s.world().ctx().get<session::TelemetryBatch>().samples.capacity());
        hour.entities_max = std::max(hour.entities_max, s.world().entity_count());
        // The window draws the panels at every frame and plays the sounds: so does the soak.
        if (tick() % 6 == 0) {
            rt.make_view(view_);
            report_.view_capacity_max = std::max({report_.view_capacity_max, view_.title.capacity(),
                                                  view_.prompt.capacity(), view_.caption_lines.capacity(),
                                                  view_.result_lines.capacity()});
            sounds_.clear();
            rt.take_sounds(sounds_);
            report_.pending_sounds_max = std::max(report_.pending_sounds_max, sounds_.size());
        }
        // A new attract cycle: the same fresh simulation every time, the moment to weigh the heap.
        if (rt.session_generation() != last_generation_) {
            last_generation_ = rt.session_generation();
            if (rt.flow().state() == KioskState::Attract && rt.session().tick() <= 1) {
                const std::size_t heap = heap_in_use();
                hour.heap_min = std::min(hour.heap_min, heap);
                hour.heap_max = std::max(hour.heap_max, heap);
                ++hour.cycle_starts;
            }
        }
        if (tick() % (60 * core::kTickHz) == 0) hour.resident_kib = resident_kib();  // the hour's last minute stays
    }

private:
    SoakHour& current_hour() {
        const std::size_t h = static_cast<std::size_t>(tick() / (3600ULL * core::kTickHz));
        return report_.by_hour[std::min(h, report_.by_hour.size() - 1)];
    }

    KioskState state() { return runtime().flow().state(); }
    bool in(KioskState s) { return state() == s; }

    /// Reps with the big input until the round is over (or `max` reps).
    void play_round(int max = 30) {
        for (int i = 0; i < max && (in(KioskState::Play) || in(KioskState::StillThere)); ++i) {
            rep(rng_.uniform(0.8, 1.3), rng_.uniform(0.6, 1.5));
        }
    }
    void leave() { (void)until([&] { return in(KioskState::Attract); }, 200.0); }

    void visit() {
        // The kiosk alone for a while: the attract loop (cycles restart by themselves).
        seconds(rng_.uniform(20.0, 600.0));
        const std::uint32_t roll = rng_.below(100);
        const std::uint32_t kind = roll < 30 ? 0 : roll < 50 ? 1 : roll < 65 ? 2 : roll < 77 ? 3 : roll < 87 ? 4
                                   : roll < 92                                                     ? 5
                                                                                                   : 6;
        ++report_.visits;
        ++report_.visits_by_kind[kind];
        switch (kind) {
            case 0: {  // plays a round to the end; sometimes again; then walks away
                key(platform::Key::Space, true);
                seconds(1.0);
                key(platform::Key::Space, false);
                seconds(1.0);
                play_round();
                if (in(KioskState::Result) && rng_.below(100) < 40) {
                    seconds(2.0);  // past the guard
                    ++report_.visits_by_kind[7];
                    key(platform::Key::Space, true);
                    seconds(1.0);
                    key(platform::Key::Space, false);
                    play_round();
                }
                leave();
                break;
            }
            case 1: {  // a few reps, then walks away: "still there?" runs out
                const int n = 1 + static_cast<int>(rng_.below(5));
                for (int i = 0; i < n; ++i) rep();
                leave();
                break;
            }
            case 2: {  // walks away, comes back during the countdown, finishes
                rep();
                rep();
                (void)until([&] { return in(KioskState::StillThere); }, 30.0);
                seconds(rng_.uniform(0.0, 8.0));
                if (rng_.below(2) == 0) {
                    KioskRequests r;
                    r.still_here = true;  // the panel's button
                    runtime().apply(r);
                } else {
                    key(platform::Key::Enter, true);
                    key(platform::Key::Enter, false);
                }
                play_round();
                leave();
                break;
            }
            case 3: {  // touch, mouse and gamepad, changing the language on the way
                send(touch_event(platform::InputEvent::Kind::TouchDown, 100 + rng_.below(50)));
                seconds(0.5);
                send(touch_event(platform::InputEvent::Kind::TouchUp, 100 + rng_.below(50)));  // maybe another finger
                send(kind_event(platform::InputEvent::Kind::FocusLost));                      // ... released anyway
                for (int i = 0; i < 30 && (in(KioskState::Play) || in(KioskState::StillThere)); ++i) {
                    const std::uint32_t dev = rng_.below(3);
                    if (i % 4 == 1) {
                        send(pad_event(platform::InputEvent::Kind::GamepadDown, platform::GamepadButton::Back));
                        send(pad_event(platform::InputEvent::Kind::GamepadUp, platform::GamepadButton::Back));
                    }
                    platform::InputEvent down;
                    platform::InputEvent up;
                    if (dev == 0) {
                        down = touch_event(platform::InputEvent::Kind::TouchDown, i);
                        up = touch_event(platform::InputEvent::Kind::TouchUp, i);
                    } else if (dev == 1) {
                        down = kind_event(platform::InputEvent::Kind::MouseDown);
                        up = kind_event(platform::InputEvent::Kind::MouseUp);
                    } else {
                        down = pad_event(platform::InputEvent::Kind::GamepadDown, platform::GamepadButton::A);
                        up = pad_event(platform::InputEvent::Kind::GamepadUp, platform::GamepadButton::A);
                    }
                    send(down);
                    seconds(1.0);
                    send(up);
                    seconds(1.0);
                }
                leave();
                break;
            }
            case 4: {  // reads the captions in another language, larger, and leaves without playing
                const int n = 1 + static_cast<int>(rng_.below(4));
                for (int i = 0; i < n; ++i) {
                    KioskRequests r;
                    r.next_language = rng_.below(2) == 0;
                    r.text_size = !r.next_language;
                    runtime().apply(r);
                    seconds(rng_.uniform(1.0, 15.0));
                }
                seconds(40.0);
                break;
            }
            case 5: {  // something leans on the button for minutes
                key(platform::Key::Space, true);
                seconds(rng_.uniform(100.0, 400.0));
                key(platform::Key::Space, false);
                leave();
                break;
            }
            case 6: {  // mashes everything (no chord: the admin's test is elsewhere)
                const std::uint64_t until_tick =
                    tick() + static_cast<std::uint64_t>(rng_.uniform(10.0, 60.0) * core::kTickHz);
                while (tick() < until_tick) {
                    platform::InputEvent e;
                    switch (rng_.below(6)) {
                        case 0:
                        case 1:
                        case 2:
                            e = key_event(rng_.below(2) == 0 ? platform::InputEvent::Kind::KeyDown
                                                             : platform::InputEvent::Kind::KeyUp,
                                          static_cast<platform::Key>(rng_.below(static_cast<std::uint32_t>(platform::Key::Count))),
                                          static_cast<std::uint8_t>(rng_.below(2) == 0 ? 0 : rng_.below(8)));
                            break;
                        case 3:
                            e = touch_event(rng_.below(2) == 0 ? platform::InputEvent::Kind::TouchDown
                                                               : platform::InputEvent::Kind::TouchUp,
                                            rng_.below(40));
                            break;
                        case 4: e = kind_event(platform::InputEvent::Kind::QuitRequested); break;
                        default:
                            e = pad_event(rng_.below(2) == 0 ? platform::InputEvent::Kind::GamepadDown
                                                             : platform::InputEvent::Kind::GamepadUp,
                                          static_cast<platform::GamepadButton>(
                                              rng_.below(static_cast<std::uint32_t>(platform::GamepadButton::Count))));
                            break;
                    }
                    send(e);
                    ticks(1 + rng_.below(20));
                }
                send(kind_event(platform::InputEvent::Kind::FocusLost));  // whatever is still held
                leave();
                break;
            }
            default: break;
        }
    }

    std::uint64_t end_tick_;
    SoakRng rng_;
    SoakReport report_;
    KioskView view_;
    std::vector<Effect> sounds_;
    std::uint64_t last_generation_ = 0;
};

/// Runs the kiosk for `hours` of simulation time with the shipped settings and texts.
inline SoakReport run_kiosk_soak(double hours, std::uint64_t seed = 0xB10DF10ULL) {
    KioskRuntime rt{shipped_config(), shipped_texts()};
    SoakDriver driver{rt, hours, seed};
    return driver.run();
}

/// Heap growth allowed between the first and any later hour, at the same moment of the same fresh
/// simulation (allocator bookkeeping, a caption string one line longer): far below any leak of a
/// session (~0.5 MB) or a buffer growing per tick (a 24 h run has 5.2 million ticks).
inline constexpr std::size_t kSoakHeapSlackBytes = 64 * 1024;

}  // namespace bfr::modes::kiosk::test
