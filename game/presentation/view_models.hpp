#pragma once
// What the panels show, read from the world: plain data, so panels never hold state of their own.

#include "engine/core/time.hpp"
#include "game/session/components.hpp"
#include "game/session/systems.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bfr::session {
class Session;
}

namespace bfr::presentation {

/// No sample for longer than this (interfaces.md §3: 2 s) and the sensor counts as lost: the
/// session's constant, so the HUD, replay and the model agree.
using session::kSensorLostNs;

/// How long the rep counter lights up after a rep (0.5 s).
inline constexpr unsigned kRepFlashTicks = 30;

// --- Set and rest timer ----------------------------------------------------------------------------

/// How the timer is coloured (always paired with its words: never colour alone).
enum class TimerTone : std::uint8_t { Neutral, Set, Rest, RestOver, Done };

/// The set/rest timer: a large figure with a small two-line label beside it, and the same as one line.
struct PhaseTimer {
    std::string big;     ///< Drawn large: "0:14", "0:16", "+0:05", "Cuff off", "Done".
    std::string label;   ///< First small line: "SET 2", "REST", "CUFF ON"; may be empty.
    std::string detail;  ///< Second small line: "7 reps", "left of 0:30", "over 0:30"; may be empty.
    std::string line;    ///< All of it in one line: "Set 2 · 0:14", "Rest · 0:16 left", "Rest · +0:05".
    TimerTone tone = TimerTone::Neutral;
};

/// The timer of a phase `elapsed_s` after it started. A set counts up ("Set 2 · 0:14"); a rest
/// counts down to `rest_target_s` ("Rest · 0:16 left", rounded up so 0:00 shows only at the
/// end), then up past it ("Rest · +0:05"); the cuff on before the first set counts up ("Cuff on ·
/// 0:04"); "Cuff off" before the session, "Done" after it. `reps_in_set` goes into the set's
/// detail, `set_number` and `reps_in_sets` (all sets) into Done's ("4 sets · 75 reps").
[[nodiscard]] PhaseTimer phase_timer(session::PhaseKind kind, std::uint32_t set_number, std::uint32_t reps_in_set,
                                     std::uint32_t reps_in_sets, double elapsed_s, double rest_target_s);

// --- Honesty about scale, the cell view ---------------------------------------------------------------

/// "drawn true to scale" when the limb's swelling is drawn as the model says (exaggeration 1),
/// otherwise "drawn ×N" (N with up to 3 significant digits).
[[nodiscard]] std::string swelling_scale_text(float exaggeration);

/// The cell view's exaggeration of a muscle cell's width change: the width change of a cell of
/// fixed length is tiny (+1.1 % for the arm's +2.3 % cell volume at the end of 30-15-15-15), so
/// the inset draws it 20 times larger and says so.
inline constexpr float kCellViewExaggeration = 20.f;
/// The inset never draws a cell wider than this many times its resting width.
inline constexpr float kCellViewMaxWidthScale = 1.6f;
/// The true width change of a cell of fixed length whose volume grew by `cell_swell_pct` %:
/// √(1 + ΔV/V) − 1 (a fraction; 0.011 = +1.1 %).
[[nodiscard]] float cell_true_width_gain(float cell_swell_pct) noexcept;
/// The drawn width of the cell view's cell, as a multiple of its resting width:
/// 1 + kCellViewExaggeration × the true gain, at most kCellViewMaxWidthScale.
[[nodiscard]] float cell_view_width_scale(float cell_swell_pct) noexcept;

/// The stretch sensors drawn on the cell's membrane.
inline constexpr int kStretchSensors = 8;
/// Sensor i (0-based) fades in while the cell volume rises from i × step to (i + 1) × step: all
/// 8 are lit at +2 %, which a standard arm 30-15-15-15 session reaches around the end of its third
/// set (peak +2.3 %).
inline constexpr float kStretchSensorStepPct = 0.25f;
/// How lit sensor `index` is, 0..1, for a cell volume increase of `cell_swell_pct` %.
[[nodiscard]] float stretch_sensor_glow(int index, float cell_swell_pct) noexcept;
/// How many sensors are fully lit.
[[nodiscard]] int stretch_sensors_lit(float cell_swell_pct) noexcept;

/// Linear RGB (the scene's colours) to sRGB (what ImGui draws), each channel clamped to 0..1.
[[nodiscard]] std::array<float, 3> srgb_from_linear(float r, float g, float b) noexcept;

struct HudViewModel {
    const char* limb_name = "arm";     ///< "arm" / "leg".
    const char* joint_name = "elbow";  ///< "elbow" / "knee".
    std::uint32_t reps_performed = 0;  ///< Reps counted from the telemetry (or, with none, the virtual patient's tally).
    std::string reps_text;             ///< What the rep figure shows instead, if set ("12/30" in a guided set).
    const char* reps_counted_from = "";  ///< The signal the count comes from ("effort", "angle", …; "" = the tally).
    float joint_angle_deg = 0.f;
    float activation_01 = 0.f;
    bool contract_held = false;
    bool auto_tempo = false;
    double sim_time_s = 0.0;
    double cuff_mmhg = -1.0;    ///< Latest measured cuff pressure; negative: none yet.
    double target_mmhg = -1.0;  ///< Pressure the device regulates toward; negative: unknown.
    double lop_mmhg = -1.0;     ///< Limb occlusion pressure in use; negative: unknown.
    bool sensor_lost = false;   ///< Samples had been arriving, but none for longer than kSensorLostNs.
    double lop_in_use_mmhg = -1.0;  ///< The LOP the model uses (recording's, or the limb's default).
    bool lop_is_default = true;     ///< No LOP came from the telemetry: the limb's default is in use.
    float metabolite_01 = 0.f;      ///< The model's metabolite load (docs/physiology.md §3.8).
    float swelling_pct = 0.f;       ///< The model's muscle thickness increase, %.
    float rep_flash_01 = 0.f;   ///< 1 when a rep just completed, fading to 0 over kRepFlashTicks.
    // The session's phase (session::SessionPhase).
    session::PhaseKind phase = session::PhaseKind::CuffOff;
    std::uint32_t set_number = 0;         ///< 1-based; 0: no set yet.
    std::uint32_t reps_in_set = 0;        ///< Of the current set (in a rest and after: of the last set).
    std::uint32_t reps_in_sets = 0;       ///< All reps done inside sets so far.
    double phase_elapsed_s = 0.0;         ///< Simulation time since the phase started.
    double rest_target_s = 30.0;          ///< The prescribed rest.
    PhaseTimer timer;                     ///< phase_timer() of the above.
    // Honesty about scale, and the cell view.
    std::string swelling_scale = "drawn true to scale";  ///< swelling_scale_text(kSwellingExaggeration).
    float cell_swell_pct = 0.f;                   ///< The model's cell volume increase, % (physiology §3.9).
    float cell_width_scale = 1.f;                 ///< cell_view_width_scale(cell_swell_pct).
    std::array<float, 3> metabolite_srgb{1.f, 1.f, 1.f};  ///< metabolite_color(metabolite_01), in sRGB.
};

// --- The guided session (protocol, safety, pressure fidelity) ---------------------------------

/// One alarm as the banner shows it.
struct AlarmView {
    std::uint32_t id = 0;
    std::string kind;     ///< interfaces.md §5 name ("pressure_above_lop", ...).
    std::string title;    ///< Plain words: "Cuff above your LOP".
    std::string message;  ///< The monitor's sentence (figures, reason, what to do).
    std::string action;   ///< "deflate", "lower_10_mmHg", "stop".
    double t_s = 0.0;
    bool acknowledged = false;
    bool active = true;
};

/// What the guided session's panels show (game/session/guidance.hpp), read from the world.
struct GuidedViewModel {
    bool has_protocol = false;
    std::string protocol_name;
    std::string protocol_title;
    enum class Stage : std::uint8_t { Ready, Starting, Set, Rest, Done } stage = Stage::Ready;
    std::uint32_t set_number = 0;  ///< 1-based; 0 before set 1.
    std::uint32_t sets_total = 0;
    std::uint32_t reps_in_set = 0;
    std::uint32_t target_reps = 0;  ///< 0: to failure.
    bool to_failure = false;
    std::uint32_t reps_total = 0;   ///< In the protocol's sets.
    std::uint32_t reps_prescribed = 0;
    double rest_remaining_s = 0.0;
    double rest_s = 0.0;
    double stage_elapsed_s = 0.0;
    bool cuff_released_in_rest = false;
    /// The tempo guide.
    enum class Cue : std::uint8_t { None, Up, Down, Hold } cue = Cue::None;
    float cue_progress_01 = 0.f;
    double concentric_s = 1.0;
    double eccentric_s = 1.0;
    double target_pct_lop = 0.0;
    double target_mmhg = 0.0;
    /// Pressure fidelity, live.
    std::optional<double> last_rep_peak_pct_lop;
    std::optional<double> last_rep_valley_pct_lop;
    std::optional<double> time_in_band_pct;
    std::optional<double> peak_pct_lop_mean;
    std::optional<double> valley_pct_lop_mean;
    /// Safety.
    std::vector<AlarmView> alarms;  ///< Every alarm, oldest first.
    std::size_t unacknowledged = 0;
    std::vector<std::string> notices;  ///< The monitor's notices, oldest first.
    double occlusion_run_s = 0.0;
    double occlusion_limit_s = 1200.0;
    double occlusion_warning_s = 600.0;
    bool inflated = false;
    bool in_band = false;
    bool must_deflate = false;
    /// The cuff is down while the protocol wants it on (in a set or a rest with the cuff kept on)
    /// and no alarm asks for it to stay down: the patient may inflate it again.
    bool cuff_down = false;
    /// Discomfort: asked once per rest (and at the end) until reported.
    bool discomfort_wanted = false;
    int discomfort_last = -1;
    int discomfort_max = -1;
    int discomfort_stop_above = 7;
    /// The sets so far (for the summary).
    struct SetRow {
        std::uint32_t reps = 0;
        std::uint32_t target_reps = 0;
        bool to_failure = false;
        bool ended_early = false;
        double duration_s = 0.0;
    };
    std::vector<SetRow> sets;
    std::uint32_t warmup_reps = 0;
    /// Peak physiology so far (the summary).
    float metabolite_peak_01 = 0.f;
    float swelling_peak_pct = 0.f;
    /// The game layer.
    std::uint32_t points = 0;
    std::uint32_t combo = 0;
    std::uint32_t multiplier_pct = 100;  ///< The next good rep's multiplier (x1, x1.5, x2).
    std::uint32_t best_combo = 0;
    std::uint32_t last_rep_points = 0;
    bool last_rep_gated = false;          ///< The latest rep earned nothing: the cuff was out of its band.
    double good_rep_share_01 = 0.0;
    std::uint32_t goal_reps = 0;
    std::uint32_t goal_done = 0;
    std::string cheer;                    ///< The celebratory or form cue on screen now (empty: none).
    double load_pct1rm = 30.0;
    std::string load_advice;
    double load_advice_pct1rm = 30.0;
    bool load_increase = false;
};

/// Reads the guided session's data from the session.
[[nodiscard]] GuidedViewModel make_guided_view_model(const session::Session& session);

/// Plain words for an alarm kind ("Cuff above your LOP"); the kind itself if unknown.
[[nodiscard]] std::string alarm_title(std::string_view kind);

/// Reads the HUD's data from the session (alpha-interpolated pose, like the 3-D view).
[[nodiscard]] HudViewModel make_hud_view_model(const session::Session& session, float alpha);

/// The UI scale for a viewport: the user's scale times the viewport's size relative to 1280x720
/// (the smaller ratio), kept within 0.55..2.5 and rounded to 0.05 so that resizing a window does
/// not rebuild the font atlas every frame. Text stays readable from across a room on a large
/// screen and the HUD stays clear of the limb in a small window.
[[nodiscard]] float hud_scale_for(int width_px, int height_px, float user_scale);

// --- Plot history -------------------------------------------------------------------------------------

/// A fixed-capacity ring buffer: push() overwrites the oldest element once full; [i] is the i-th
/// oldest (0 = oldest, size() - 1 = newest). Never allocates.
template <typename T, std::size_t N>
class RingBuffer {
    static_assert(N > 0);

public:
    void push(const T& value) noexcept {
        data_[(head_ + size_) % N] = value;
        if (size_ < N) {
            ++size_;
        } else {
            head_ = (head_ + 1) % N;
        }
    }
    void clear() noexcept {
        head_ = 0;
        size_ = 0;
    }
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
    [[nodiscard]] static constexpr std::size_t capacity() noexcept { return N; }
    [[nodiscard]] const T& operator[](std::size_t i) const noexcept { return data_[(head_ + i) % N]; }
    [[nodiscard]] const T& back() const noexcept { return (*this)[size_ - 1]; }

private:
    std::array<T, N> data_{};
    std::size_t head_ = 0;
    std::size_t size_ = 0;
};

/// The HUD's plots show the last 60 s of simulation time, one point per 1/10 s.
inline constexpr unsigned kHistoryHz = 10;
inline constexpr unsigned kHistorySeconds = 60;
inline constexpr std::size_t kHistoryPoints = std::size_t{kHistoryHz} * kHistorySeconds;
/// Ticks per point (60 Hz / 10 Hz).
inline constexpr core::Tick kHistoryTicks = core::kTickHz / kHistoryHz;

/// One point of the plots.
struct HistoryPoint {
    float cuff_mmhg = -1.f;    ///< Latest cuff pressure; negative: no reading yet.
    float target_mmhg = -1.f;  ///< The pressure prescribed (the device's target); negative: none.
    float metabolite_01 = 0.f;
    float swelling_pct = 0.f;
};

/// The last minute of the session for the HUD's plots. It follows simulation time (a point at
/// each tick that is a multiple of kHistoryTicks), never the wall clock, so `shot` is
/// deterministic; the frontend feeds it after every simulation step.
class HudHistory {
public:
    using Points = RingBuffer<HistoryPoint, kHistoryPoints>;
    /// Records `point` for tick `tick`: the first call in each 1/10 s slot (tick / kHistoryTicks)
    /// records it; later calls in the same or an earlier slot do nothing; slots skipped since the
    /// last recorded one get `point` too (the plot has no holes).
    void record(core::Tick tick, const HistoryPoint& point) noexcept;
    /// Records the session's state after its latest tick.
    void observe(const session::Session& session);
    [[nodiscard]] const Points& points() const noexcept { return points_; }
    /// The slot (tick / kHistoryTicks) of the newest point; point i is at slot newest_slot() − (size − 1 − i).
    [[nodiscard]] core::Tick newest_slot() const noexcept { return last_slot_; }

private:
    Points points_;
    core::Tick last_slot_ = 0;
};

/// The smallest 1, 2 or 5 × 10^k at or above `value` (the top of a plot's scale); 1 for
/// values ≤ 0 or not finite.
[[nodiscard]] float nice_ceiling(float value) noexcept;

/// "m:ss" for a duration in seconds (negative and non-finite values show as 0:00).
[[nodiscard]] std::string format_clock(double seconds);

}  // namespace bfr::presentation
