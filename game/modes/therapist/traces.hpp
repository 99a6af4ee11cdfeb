#pragma once
// Every model variable of a session over time, for the therapist's plots: one point per 1/10 s of
// simulation time (ticks 0, 6, 12, …) for the whole run, so rewinding never has to recompute a
// plot and the same moment always plots the same values. Pure (no ImGui): the panels draw it.

#include "engine/core/time.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace bfr::session {
class Session;
}

namespace bfr::modes::therapist {

/// The plotted variables: the cuff, then every output of the physiology model (docs/physiology.md).
enum class Var : std::uint8_t {
    CuffMmhg,      ///< Measured cuff pressure (negative: no reading).
    TargetMmhg,    ///< The prescribed pressure (the device's target; negative: none) — the band, not a plot.
    PctLop,        ///< Cuff pressure, % of the LOP now.
    Lop,           ///< The LOP now (drifts up with blood pressure during exercise).
    ArterialInflow,
    VenousOutflow,
    VenousPressure,
    Pooled,
    Interstitial,
    CellSwell,
    Swelling,
    Metabolite,    ///< 0..100 % (the model's 0..1 load).
    Pcr,
    Pi,
    Ph,
    Lactate,
    BloodLactate,
    Smo2,
    AtpDemand,
    Oxidative,
    Glycolytic,
    Activation,    ///< % of MVC.
    Recruitment,
    Fatigue,
    Capacity,      ///< % of fresh MVC.
    Discomfort,
    Rpe,
    Occlusion,     ///< Continuous time under occlusion, s.
    Count
};
inline constexpr std::size_t kVarCount = static_cast<std::size_t>(Var::Count);

struct VarInfo {
    const char* name;    ///< "Venous outflow".
    const char* unit;    ///< "% of rest" ("" when none).
    const char* what;    ///< One plain line: what it is.
    float min_top;       ///< The plot's scale reaches at least this high.
    float fixed_bottom;  ///< The plot's bottom (0 for most; pH and RPE start higher).
    int decimals;        ///< Digits after the point in readouts.
};
[[nodiscard]] const VarInfo& var_info(Var v) noexcept;

using TracePoint = std::array<float, kVarCount>;

/// Every variable of the session after its latest tick.
[[nodiscard]] TracePoint trace_point(const session::Session& session);

/// Points every kTraceTicks ticks (10 Hz) from tick 0.
inline constexpr core::Tick kTraceTicks = core::kTickHz / 10;

class Trace {
public:
    /// Records the session's state when its tick is a multiple of kTraceTicks (slots skipped since
    /// the last recorded one get this point too, so the plot has no holes); other ticks do nothing.
    void record(const session::Session& session);
    /// The same with a point already taken (tests).
    void record(core::Tick tick, const TracePoint& point);
    [[nodiscard]] std::size_t size() const noexcept { return points_.size(); }
    [[nodiscard]] bool empty() const noexcept { return points_.empty(); }
    [[nodiscard]] const TracePoint& operator[](std::size_t i) const noexcept { return points_[i]; }
    [[nodiscard]] std::span<const TracePoint> points() const noexcept { return points_; }
    /// Tick of point i.
    [[nodiscard]] static constexpr core::Tick tick_of(std::size_t i) noexcept { return i * kTraceTicks; }
    /// The index of the latest point at or before `tick` (size() when there is none).
    [[nodiscard]] std::size_t index_at(core::Tick tick) const noexcept;
    /// Highest value of `v` over points [first, last] (negative values ignored; 0 when none).
    [[nodiscard]] float max_in(Var v, std::size_t first, std::size_t last) const noexcept;
    void reserve(std::size_t points) { points_.reserve(points); }

private:
    std::vector<TracePoint> points_;
};

/// A page of plots.
struct PlotPage {
    const char* title;
    std::array<Var, 7> vars;
    std::size_t count;
};
/// The pages, in order; together they hold every variable (the target as the cuff's band).
[[nodiscard]] std::span<const PlotPage> plot_pages() noexcept;

/// The top of a plot's scale: the smallest 1, 2, 2.5 or 5 × 10^k at or above max(value, min_top).
[[nodiscard]] float plot_top(float value, float min_top) noexcept;

/// A plot's vertical scale for a variable whose highest value in view is `max_value`: from 0 (or
/// the variable's fixed bottom: pH, RPE) to plot_top (or, above a fixed bottom, the next 0.1).
struct PlotRange {
    float bottom = 0.f;
    float top = 1.f;
};
[[nodiscard]] PlotRange plot_range(Var v, float max_value) noexcept;

}  // namespace bfr::modes::therapist
