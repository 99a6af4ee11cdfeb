#include "game/session/guidance.hpp"

#include "engine/ecs/world.hpp"
#include "game/session/components.hpp"
#include "game/session/session.hpp"
#include "game/session/systems.hpp"
#include "game/telemetry/format_v1.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>

namespace bfr::session {
namespace {

namespace v1 = telemetry_v1;

/// The cuff counts as at pressure for the start once what it holds reaches this share of the target.
constexpr double kStartAtShareOfTarget = 0.9;
/// Without a measured cuff pressure for this long after `command:start` (an IMU-only source),
/// the set begins anyway; with one, it begins at the latest this long after the request.
constexpr std::int64_t kStartWithoutCuffNs = 3'000'000'000;
constexpr std::int64_t kStartLatestNs = 20'000'000'000;

template <typename T>
std::optional<T> parse_int(std::string_view text) noexcept {
    T value{};
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
    return value;
}

void ask_device(ecs::World& world, double pct_lop) {
    (void)world.ctx().get<SessionCommands>().push(Command{CommandKind::DeviceTarget, static_cast<float>(pct_lop)});
}

}  // namespace

void feed_counted_reps(ecs::World& world) {
    auto& ps = world.ctx().get<ProtocolState>();
    const auto& log = world.ctx().get<RepLog>();
    if (!ps.runner) {
        ps.reps_fed = log.times_s.size();
        return;
    }
    protocol::ProtocolRunner& runner = *ps.runner;
    for (; ps.reps_fed < log.times_s.size(); ++ps.reps_fed) {
        const auto commit_ns = static_cast<std::int64_t>(std::llround(log.times_s[ps.reps_fed] * 1e9));
        const auto start_ns = static_cast<std::int64_t>(std::llround(log.start_s[ps.reps_fed] * 1e9));
        if (runner.stage() == protocol::Stage::Ready) {
            if (ps.start != ProtocolStart::Automatic) {
                ++ps.warmup_reps;
                continue;
            }
            runner.start(std::min(start_ns, commit_ns));
        }
        if (runner.stage() == protocol::Stage::Done) {
            // A rep at tempo right after the last set's target is that set's overshoot (how a last
            // set beats its target for the progression rule); the runner tells it from an extra.
            const std::uint32_t extras_before = runner.extra_reps();
            runner.on_rep(commit_ns);
            ps.extra_reps += runner.extra_reps() - extras_before;
            continue;
        }
        runner.on_rep(commit_ns);
    }
}

std::optional<long> acknowledged_alarm(std::string_view event) noexcept {
    constexpr std::string_view kPrefix = "command:acknowledge:";
    if (event.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
    const std::string_view arg = event.substr(kPrefix.size());
    if (arg == "all") return -1;
    const auto id = parse_int<long>(arg);
    if (!id || *id < 0) return std::nullopt;
    return id;
}

safety::Limits limits_of(const protocol::Protocol& p) {
    safety::Limits l;
    l.ceiling_mmHg = p.limits.ceiling_mmHg;
    l.band_fraction = p.limits.band_fraction;
    l.out_of_band_tolerance_s = p.limits.out_of_band_tolerance_s;
    l.occlusion_warning_s = p.limits.occlusion_warning_s;
    l.occlusion_limit_s = p.limits.occlusion_limit_s;
    l.session_occlusion_limit_s = p.limits.session_occlusion_limit_s;
    l.sensor_timeout_s = p.limits.sensor_timeout_s;
    l.discomfort_stop_above = p.limits.discomfort_stop_above;
    return l;
}

void run_protocol(ecs::World& world, const ecs::TickContext& tick) {
    auto& ps = world.ctx().get<ProtocolState>();
    ps.tick_events.clear();
    if (!ps.runner) return;
    protocol::ProtocolRunner& runner = *ps.runner;
    const auto& batch = world.ctx().get<TelemetryBatch>();
    for (const telemetry::Sample& s : batch.samples) {
        if (s.event.empty()) continue;
        const std::string_view e = s.event;
        if (e == "command:start") {
            // A guided session's own start (a live one, or its recording): reps before the cuff is
            // at pressure are warm-up, as they were live.
            ps.start = ProtocolStart::OnCommand;
            if (runner.stage() == protocol::Stage::Ready && !ps.start_requested) {
                ps.start_requested = true;
                ps.start_requested_ns = s.t_ns;
                ask_device(world, runner.target_pct_lop(s.t_ns));
            }
        } else if (e == "set_start") {
            if (runner.stage() == protocol::Stage::Ready && ps.start == ProtocolStart::Automatic) runner.start(s.t_ns);
        } else if (e == "command:end_set") {
            runner.end_set(s.t_ns);
        } else if (e == "command:skip_rest") {
            runner.skip_rest(s.t_ns);
        } else if (e == "command:stop") {
            if (runner.stage() != protocol::Stage::Done) runner.stop(s.t_ns);  // SessionCompleted deflates
            ps.start_requested = false;
        }
    }
    // The cuff is at pressure (or cannot say): the first set begins.
    if (ps.start_requested && runner.stage() == protocol::Stage::Ready) {
        world.view<const LimbPhysiology>().each([&](const LimbPhysiology& phys) {
            const auto& state = world.ctx().get<TelemetryState>();
            const double target = runner.target_pct_lop(tick.tick_end_ns) * 0.01 * phys.inputs.lop_mmHg;
            const bool cuff_measured = state.latest.has(v1::kCuffMmhg);
            const std::int64_t waited = tick.tick_end_ns - ps.start_requested_ns;
            const bool at_pressure = cuff_measured && phys.cuff_held_mmHg >= kStartAtShareOfTarget * target;
            if (at_pressure || (!cuff_measured && waited >= kStartWithoutCuffNs) || waited >= kStartLatestNs) {
                runner.start(tick.tick_end_ns);
            }
        });
    }
    feed_counted_reps(world);
    runner.update(tick.tick_end_ns);
    ps.tick_events = runner.take_events();
    const bool release = runner.protocol().cuff_in_rest == protocol::CuffInRest::Release;
    for (const protocol::RunnerEvent& ev : ps.tick_events) {
        ps.log.push_back(ev);
        switch (ev.kind) {
            case protocol::RunnerEventKind::RestStarted:
                if (release) ask_device(world, 0.0);
                break;
            case protocol::RunnerEventKind::RestEnded:  // also after a rest cut short
                if (release && runner.stage() != protocol::Stage::Done) ask_device(world, runner.target_pct_lop(ev.t_ns));
                break;
            case protocol::RunnerEventKind::SessionCompleted: ask_device(world, 0.0); break;
            default: break;
        }
    }
}

void enforce_limits(ecs::World& world, const ecs::TickContext& tick) {
    auto& ss = world.ctx().get<SafetyState>();
    ss.tick_alarms.clear();
    const auto& batch = world.ctx().get<TelemetryBatch>();
    const auto& ps = world.ctx().get<ProtocolState>();
    world.view<const LimbRig, const LimbPhysiology>().each([&](const LimbRig& rig, const LimbPhysiology& phys) {
        const double lop = phys.inputs.lop_mmHg;
        ss.monitor.set_lop(lop);
        // The prescribed target: the device's own (the recording's column) wins, then the protocol's.
        auto prescribed = [&](std::int64_t t_ns) {
            if (ps.runner) return ps.runner->target_pct_lop(t_ns) * 0.01 * lop;
            return default_target_pct_lop(rig.kind) * 0.01 * lop;
        };
        for (const telemetry::Sample& s : batch.samples) {
            if (s.has(v1::kTargetMmhg)) {
                ss.target_from_telemetry = true;
                ss.target_mmHg = s.values[v1::kTargetMmhg];
            } else if (!ss.target_from_telemetry) {
                ss.target_mmHg = prescribed(s.t_ns);
            }
            ss.monitor.set_target(ss.target_mmHg >= kCuffOnMmhg ? ss.target_mmHg : 0.0);
            const std::string_view e = s.event;
            if (!e.empty()) ss.monitor.on_event(s.t_ns, e);  // discomfort, inflate/deflate, an LOP measurement
            // Every device row proves the sensor alive; a row that only carries the user's own
            // command or answer (UserEventFeed) does not.
            const bool user_row = s.present == 0 && (e.rfind("command:", 0) == 0 || e.rfind("discomfort:", 0) == 0);
            if (!user_row) ss.monitor.on_sample(s.t_ns, s.get(v1::kCuffMmhg));
            if (e.empty()) continue;
            if (const auto level = discomfort_level(e)) {
                ++ss.discomfort_reports;
                ss.discomfort_last = *level;
                ss.discomfort_last_ns = s.t_ns;
                ss.discomfort_max = std::max(ss.discomfort_max, *level);
            } else if (const auto id = acknowledged_alarm(e)) {
                if (*id < 0) {
                    ss.monitor.acknowledge_all(s.t_ns);
                } else {
                    (void)ss.monitor.acknowledge(static_cast<std::uint32_t>(*id), s.t_ns);
                }
            }
        }
        if (!ss.target_from_telemetry) {
            ss.target_mmHg = prescribed(tick.tick_end_ns);
            ss.monitor.set_target(ss.target_mmHg >= kCuffOnMmhg ? ss.target_mmHg : 0.0);
        }
    });
    ss.monitor.update(tick.tick_end_ns);
    ss.tick_alarms = ss.monitor.take_new();
    for (const safety::Alarm& a : ss.tick_alarms) {
        if (a.action != safety::Action::Lower10) continue;
        // Lower the cuff by 10 mmHg (the simulated cuff obeys; a real one is lowered by the patient).
        world.view<const LimbPhysiology>().each([&](const LimbPhysiology& phys) {
            const double lop = phys.inputs.lop_mmHg;
            if (lop > 0.0 && ss.target_mmHg > 10.0) ask_device(world, 100.0 * (ss.target_mmHg - 10.0) / lop);
        });
    }
    const bool deflate = ss.monitor.must_deflate();
    if (deflate && !ss.deflate_asked) ask_device(world, 0.0);
    ss.deflate_asked = deflate;
}

void assess_final_reps(ecs::World& world) {
    auto& pf = world.ctx().get<PressureFidelity>();
    const auto& log = world.ctx().get<RepLog>();
    for (; pf.reps_seen < log.times_s.size(); ++pf.reps_seen) {
        pf.tracker.on_rep(static_cast<std::int64_t>(std::llround(log.start_s[pf.reps_seen] * 1e9)),
                          static_cast<std::int64_t>(std::llround(log.times_s[pf.reps_seen] * 1e9)));
    }
}

void assess_pressure(ecs::World& world, const ecs::TickContext& tick) {
    auto& pf = world.ctx().get<PressureFidelity>();
    const auto& batch = world.ctx().get<TelemetryBatch>();
    for (const telemetry::Sample& s : batch.samples) {
        if (s.present != 0) pf.last_sample_ns = std::max(pf.last_sample_ns, s.t_ns);
    }
    const auto& latest = world.ctx().get<TelemetryState>().latest;
    const auto& ss = world.ctx().get<SafetyState>();
    const bool protocol = world.ctx().get<ProtocolState>().runner.has_value();
    const double dt_s = static_cast<double>(tick.tick_ns) * 1e-9;
    const bool live = pf.last_sample_ns >= 0 && tick.tick_end_ns - pf.last_sample_ns <= kSensorLostNs;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double cuff = live && latest.has(v1::kCuffMmhg) ? latest.values[v1::kCuffMmhg] : nan;
    // The target: the recording's column, else the protocol's (none in a released rest), else
    // (no protocol) the tracker's default prescription.
    double target = latest.has(v1::kTargetMmhg) ? latest.values[v1::kTargetMmhg] : nan;
    if (std::isnan(target) && protocol) target = ss.target_mmHg;
    world.view<const LimbPhysiology>().each([&](const LimbPhysiology& phys) {
        pf.tracker.observe_tick(tick.tick_end_ns, dt_s, cuff, target, phys.inputs.lop_mmHg);
    });
    assess_final_reps(world);
}

void score_reps(ecs::World& world, const ecs::TickContext& tick) {
    auto& gs = world.ctx().get<GameState>();
    const auto& ps = world.ctx().get<ProtocolState>();
    const auto& ss = world.ctx().get<SafetyState>();
    const auto& log = world.ctx().get<RepLog>();
    const safety::SafetyStatus status = ss.monitor.status();
    const bool in_band = !status.assessed || status.in_band;  // no band to judge: no gate
    if (!ps.runner) {
        gs.reps_seen = log.events.size();
        return;
    }
    const protocol::ProtocolRunner& runner = *ps.runner;
    const protocol::Tempo& tempo = runner.protocol().tempo;
    using gamification::CueKind;
    for (const protocol::RunnerEvent& e : ps.tick_events) {
        if (e.kind == protocol::RunnerEventKind::SetCompleted) {
            gs.score.end_set();
            gs.doser.offer(gamification::make_cue(CueKind::SetComplete), e.t_ns);
        }
    }
    for (; gs.reps_seen < log.events.size(); ++gs.reps_seen) {
        // Reps in a set (or its overshoot) score; warm-ups and extras do not.
        if (runner.stage() == protocol::Stage::Ready || runner.total_reps() == 0) continue;
        const reps::RepEvent& rep = log.events[gs.reps_seen];
        auto judgement = gamification::judge_rep(rep, tempo.concentric_s + tempo.eccentric_s, in_band);
        // On tempo: the time since the previous rep of the set against the guide's cycle. (Each
        // counter times a different part of the movement — the effort counter the contraction
        // only — but every counter commits once per cycle, so the interval is comparable.)
        const double cycle_s = tempo.concentric_s + tempo.eccentric_s + tempo.pause_s;
        const std::int64_t set_start_ns =
            tick.tick_end_ns - static_cast<std::int64_t>(std::llround(runner.stage_elapsed_s(tick.tick_end_ns) * 1e9));
        const bool first_of_set = gs.last_commit_ns < 0 || gs.last_commit_ns < set_start_ns ||
                                  runner.stage() != protocol::Stage::Set || runner.reps_in_set() <= 1;
        if (!first_of_set) {
            judgement.on_tempo = gamification::on_tempo(static_cast<double>(rep.commit_ns - gs.last_commit_ns) * 1e-9, cycle_s);
        } else {
            judgement.on_tempo = true;
        }
        gs.last_commit_ns = rep.commit_ns;
        const bool goal_before = gs.score.goal_reached();
        gs.last = gs.score.add_rep(judgement);
        gs.any_rep = true;
        if (gs.last.combo_after == 5) gs.doser.offer(gamification::make_cue(CueKind::ComboX5), tick.tick_end_ns);
        if (gs.last.combo_after == 10) gs.doser.offer(gamification::make_cue(CueKind::ComboX10), tick.tick_end_ns);
        if (!goal_before && gs.score.goal_reached()) {
            gs.doser.offer(gamification::make_cue(CueKind::GoalReached), tick.tick_end_ns);
        }
        if (!judgement.on_tempo) gs.doser.offer(gamification::make_cue(CueKind::KeepTheTempo), tick.tick_end_ns);
        if (!judgement.full_range) gs.doser.offer(gamification::make_cue(CueKind::FullRange), tick.tick_end_ns);
    }
    if (status.assessed) {
        if (gs.was_out_of_band && status.in_band) {
            gs.doser.offer(gamification::make_cue(CueKind::BackInTheBand), tick.tick_end_ns);
        }
        gs.was_out_of_band = !status.in_band;
    }
    const auto shown = gs.doser.current(tick.tick_end_ns);
    gs.cue = shown ? std::string(shown->text) : std::string();
}

}  // namespace bfr::session
