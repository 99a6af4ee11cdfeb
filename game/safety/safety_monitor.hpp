#pragma once
// The safety monitor: decides when the patient is told to deflate, lower the pressure or stop
// (product.md §4 rules 1–6, interfaces.md §5 `alarms`; docs/safety.md has every rule, its default,
// its source and the words shown). Pure, streaming and deterministic: it sees every telemetry
// sample in order, the events and the ticks' times, never a clock of its own, so the same inputs
// always give the same alarms at the same times.
//
// Feeding it from a tick loop (interfaces.md §3):
//
//   SafetyMonitor monitor(limits);
//   per sample row, in order:   monitor.set_lop(lop in use); monitor.set_target(target now);
//                               if (row has an event) monitor.on_event(row.t_ns, row.event);
//                               monitor.on_sample(row.t_ns, row cuff_mmHg or NaN);
//   per tick, after its rows:   monitor.update(tick_end_ns);
//                               for (Alarm& a : monitor.take_new()) show(a);
//                               for (Notice& n : monitor.take_new_notices()) show(n);
//                               cuff.release_if(monitor.must_deflate());
//
// Rules (each alarm raised once per episode; it stays in alarms() forever and becomes inactive
// with cleared_ns when its condition has ended; the condition returning raises a new alarm):
//  - pressure_ceiling: a sample above ceiling_mmHg → deflate, at once.
//  - pressure_above_lop: at or above the LOP on every sample for above_lop_hold_s → deflate.
//  - pressure_out_of_band: the held level (the pressure between contractions) outside
//    target ± band_fraction for longer than out_of_band_tolerance_s of assessed time (inflated,
//    a target set, not ramping, not settling, not deflating) → above: lower_10_mmHg; below:
//    stop (the set; re-pump). Neither releases the cuff (must_deflate).
//  - occlusion_time: continuous occlusion in this exercise ≥ occlusion_limit_s (a notice at
//    occlusion_warning_s), or all occlusion in the session ≥ session_occlusion_limit_s → deflate.
//  - sensor_lost: no sample for longer than sensor_timeout_s → stop (raised at the last sample +
//    the timeout; cleared by the next sample).
//  - discomfort: a report above discomfort_stop_above → stop (cleared by a lower report).
// Pressure conditions clear after clear_after_s without them on the samples.

#include "game/safety/alarm.hpp"
#include "game/safety/limits.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string_view>
#include <vector>

namespace bfr::safety {

/// The monitor's view of the cuff now (for the screen and the tests).
struct SafetyStatus {
    double occlusion_run_s = 0.0;      ///< Occlusion in the current exercise (restarts after an exercise break).
    double occlusion_session_s = 0.0;  ///< All occlusion since the start.
    bool inflated = false;             ///< Latest measured pressure at or above occluded_from_mmHg.
    bool in_band = false;              ///< The band is judged now and the held level is within it.
    bool assessed = false;             ///< The band is judged now (inflated, target, not ramping/settling/deflating).
    bool sensor_live = false;          ///< A sample has arrived and no sensor_lost alarm is active.
    bool measuring_lop = false;        ///< An LOP measurement is under way (above-LOP and band rules suspended).
    double held_mmHg = 0.0;  ///< The held level (what the cuff holds between contractions); 0 before any pressure.
};

/// Watches one session's cuff and patient reports and raises alarms and notices.
class SafetyMonitor {
public:
    /// A monitor enforcing `limits`, with no LOP and no target yet (above-LOP and band rules idle).
    explicit SafetyMonitor(const Limits& limits = {});

    /// The LOP in use (mmHg; it may change at any time). NaN or <= 0: none known (no above-LOP rule).
    void set_lop(double lop_mmHg) noexcept;
    /// The prescribed target now (mmHg). <= 0 or NaN: none (cuff released or deflating: no band
    /// check). A move by more than the band while inflated restarts the settling time. Call it
    /// before the on_sample of the row that carries it.
    void set_target(double target_mmHg) noexcept;

    /// Every telemetry sample, in order (a sample earlier than the previous one is ignored). NaN:
    /// pressure not measured in this row (it still proves the sensor alive).
    void on_sample(std::int64_t t_ns, double cuff_mmHg);
    /// A `discomfort:N` report, N in 0..10 (anything else is ignored).
    void on_discomfort(std::int64_t t_ns, int level_0_10);
    /// An explicit `deflate` event: the pressure is expected to fall (no band or leak judgement
    /// until the cuff is down, the next inflation or Limits::deflate_expected_s); also ends an
    /// LOP measurement.
    void on_deflate(std::int64_t t_ns) noexcept;
    /// An explicit `inflate` event: a deflation announced before is over.
    void on_inflate(std::int64_t t_ns) noexcept;
    /// An LOP measurement starts (`running` true: the cuff is about to be taken to and past the
    /// LOP on purpose) or ends. While it runs (at most Limits::lop_measurement_max_s) the
    /// above-LOP and band rules neither raise nor clear; the ceiling, occlusion and sensor rules apply.
    void on_lop_measurement(std::int64_t t_ns, bool running) noexcept;
    /// Any `event` cell (interfaces.md §4): `discomfort:N`, `deflate`, `inflate`, the simulator's
    /// `note:lop_measurement` (an LOP measurement starts), `lop_measured:N` and
    /// `note:lop_not_found` (it ends) are acted on; everything else is ignored. The LOP itself is
    /// set with set_lop.
    void on_event(std::int64_t t_ns, std::string_view event);
    /// Time passes: called once per tick with the tick's end, after its samples (the sensor
    /// timeout, the occlusion clocks). A time earlier than the previous update is ignored.
    void update(std::int64_t now_ns);

    /// The patient saw alarm `id` (the first acknowledgement's time is kept); false if unknown.
    /// Acknowledging never clears an active condition.
    bool acknowledge(std::uint32_t id, std::int64_t t_ns) noexcept;
    /// Acknowledges every alarm not yet acknowledged.
    void acknowledge_all(std::int64_t t_ns) noexcept;

    /// Every alarm ever raised, in the order raised (ids 1, 2, 3 ...).
    [[nodiscard]] const std::vector<Alarm>& alarms() const noexcept { return alarms_; }
    /// The alarms raised since the last call (copies, as they are now: for UI events).
    [[nodiscard]] std::vector<Alarm> take_new();
    /// Alarms not yet acknowledged (active or not).
    [[nodiscard]] std::size_t unacknowledged() const noexcept;
    /// Every notice, in order.
    [[nodiscard]] const std::vector<Notice>& notices() const noexcept { return notices_; }
    /// The notices since the last call.
    [[nodiscard]] std::vector<Notice> take_new_notices();
    /// The cuff now.
    [[nodiscard]] SafetyStatus status() const noexcept;
    /// An active alarm asks for the cuff to be released now (every deflate or stop alarm but a
    /// pressure below the band; the simulated cuff obeys). A lower_10_mmHg alarm does not: act on
    /// it once, when take_new() hands it over.
    [[nodiscard]] bool must_deflate() const noexcept;
    /// The limits in force.
    [[nodiscard]] const Limits& limits() const noexcept { return limits_; }

private:
    /// The conditions behind the alarms (each has at most one active episode).
    enum Condition : std::size_t {
        kCeiling,
        kAboveLop,
        kBandAbove,
        kBandBelow,
        kOcclusion,
        kSensor,
        kDiscomfort,
        kConditionCount
    };
    /// How the band is judged at the latest pressure sample.
    enum class BandState : std::uint8_t { NotApplicable, Paused, InBand, Above, Below };
    /// One active episode per condition.
    struct Episode {
        bool active = false;
        std::size_t index = 0;        // into alarms_
        std::int64_t absent_ns = -1;  // since when the condition has been absent (clear hold); -1: present
    };
    /// A point of the leak window (a monotonic deque keeps the window's highest level in front).
    struct HeldPoint {
        std::int64_t t_ns;
        double level_mmHg;
    };

    void raise(Condition c, AlarmKind kind, Action action, bool deflate_cuff, std::int64_t t_ns, double value,
               std::string message);
    void clear(Condition c, std::int64_t t_ns) noexcept;
    /// Clear-hold bookkeeping of an active episode: `present` keeps it, absence for clear_after_s clears it.
    void hold_or_clear(Condition c, bool present, std::int64_t t_ns) noexcept;
    void notice(NoticeKind kind, std::int64_t t_ns, std::string text);
    void check_sensor(std::int64_t now_ns);
    void advance_clocks(std::int64_t to_ns);
    void check_occlusion(std::int64_t t_ns, bool run_first);
    void on_pressure(std::int64_t t_ns, double cuff_mmHg);
    void check_ceiling(std::int64_t t_ns, double cuff_mmHg);
    void check_above_lop(std::int64_t t_ns, double cuff_mmHg);
    void check_band(std::int64_t t_ns, std::int64_t dt_ns);
    void check_leak(std::int64_t t_ns);
    void expire(std::int64_t t_ns) noexcept;
    [[nodiscard]] bool target_set() const noexcept;
    void see(std::int64_t t_ns) noexcept;

    Limits limits_;
    // Limits in integer nanoseconds.
    std::int64_t above_lop_hold_ns_;
    std::int64_t band_tolerance_ns_;
    std::int64_t settle_ns_;
    std::int64_t warning_ns_;
    std::int64_t limit_ns_;
    std::int64_t session_limit_ns_;
    std::int64_t break_ns_;
    std::int64_t sensor_timeout_ns_;
    std::int64_t leak_window_ns_;
    std::int64_t clear_ns_;
    std::int64_t deflate_expected_ns_;
    std::int64_t lop_measurement_max_ns_;

    double lop_mmHg_;
    double target_mmHg_;
    std::int64_t latest_ns_ = 0;  // latest time seen (samples, events, updates)

    // Samples.
    bool have_sample_ = false;
    std::int64_t last_sample_ns_ = 0;
    bool have_update_ = false;
    std::int64_t last_update_ns_ = 0;
    bool have_pressure_ = false;
    std::int64_t last_pressure_ns_ = 0;
    double last_cuff_mmHg_ = 0.0;
    double held_mmHg_ = 0.0;
    double rate_mmHg_s_ = 0.0;
    bool inflated_ = false;
    bool settling_ = false;
    std::int64_t settle_until_ns_ = 0;

    // Announced phases.
    bool deflating_ = false;
    std::int64_t deflate_ns_ = 0;
    bool measuring_lop_ = false;
    std::int64_t measuring_since_ns_ = 0;

    // Above LOP.
    std::int64_t above_lop_since_ns_ = -1;

    // Band.
    BandState band_state_ = BandState::NotApplicable;
    std::int64_t band_above_ns_ = 0;  // assessed time above the band in the current stretch
    std::int64_t band_below_ns_ = 0;

    // Leak.
    double leak_level_mmHg_ = 0.0;  // the held level with the slower rise
    std::deque<HeldPoint> leak_window_;
    bool leak_armed_ = true;
    std::int64_t leak_notice_ns_ = 0;

    // Occlusion clocks.
    bool clocks_started_ = false;
    std::int64_t accounted_ns_ = 0;
    bool occluded_ = false;
    std::int64_t deflated_since_ns_ = 0;
    std::int64_t run_ns_ = 0;
    std::int64_t session_ns_ = 0;
    bool warned_ = false;

    std::array<Episode, kConditionCount> episodes_{};
    std::vector<Alarm> alarms_;
    std::vector<Notice> notices_;
    std::size_t new_alarms_from_ = 0;
    std::size_t new_notices_from_ = 0;
};

}  // namespace bfr::safety
