#pragma once
// Scenarios: a virtual subject performing an exercise block on the model, tick by tick at 60 Hz,
// the way the literature's protocols were run. Used by `bfr-coach validate`, the tests and the
// benchmarks. Pure: no I/O, deterministic.

#include "game/physiology/model.hpp"

#include <functional>
#include <vector>

namespace bfr::physiology {

/// An exercise block: sets of dynamic reps (or a sustained hold) under a cuff.
struct Block {
    Params params;
    double lop_mmHg = 170.0;        ///< LOP measured before the block.
    double cuff_pct_lop = 50.0;     ///< Cuff pressure during the block (0: no cuff).
    double load_pct1rm = 30.0;
    /// Reps per set; -1: to failure. Fixed sets are completed whatever the fatigue (the virtual
    /// patient of interfaces.md §3); sets to failure end at the first rep the muscle cannot lift.
    std::vector<int> set_reps = {30, 15, 15, 15};
    int failure_cap = 90;           ///< Most reps in a set to failure (studies capped them).
    double rest_s = 30.0;
    bool cuff_in_rests = true;
    double cuff_before_s = 30.0;    ///< Cuff inflated (at rest) before the first set.
    double concentric_s = 1.0;
    double eccentric_s = 1.0;
    double eccentric_share = 0.6;   ///< Eccentric activation as a share of the concentric.
    double hold_activation = 0.0;   ///< > 0: one sustained isometric hold at this activation, to failure.
};

/// What happened, with the state at the moments the literature measures.
struct BlockResult {
    std::vector<int> reps;                ///< Completed reps per set.
    std::vector<State> at_set_end;        ///< State at the end of each set.
    std::vector<Outputs> out_at_set_end;  ///< Outputs at the end of each set (cuff still on).
    State at_release;                     ///< State when the cuff came off (end of the block).
    Outputs out_at_release;
    double release_s = 0.0;               ///< Time of release.
    double hold_s = 0.0;                  ///< Duration of the sustained hold (hold blocks).
    double rpe_last = 6.0;                ///< RPE of the last set: the mean over its reps (rated after the set).
};

/// Called after every tick: time, state, the tick's inputs and outputs.
using Observer = std::function<void(const State&, const Inputs&, const Outputs&)>;

/// Runs the block from the resting state (or `start`), ending at the cuff's release.
[[nodiscard]] BlockResult run_block(const Block& block, const Observer& observer = {});
[[nodiscard]] BlockResult run_block_from(const State& start, const Block& block, const Observer& observer = {});

/// Rest after a block with the cuff at `cuff_mmHg` (0: deflated) for `seconds`.
[[nodiscard]] State rest(const State& s, const Params& p, double lop_mmHg, double cuff_mmHg, double seconds,
                         const Observer& observer = {});

/// The tick of every scenario (the program's).
inline constexpr double kTickS = 1.0 / 60.0;

}  // namespace bfr::physiology
