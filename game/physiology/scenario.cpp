#include "game/physiology/scenario.hpp"

#include <algorithm>
#include <cmath>

namespace bfr::physiology {
namespace {

class Runner {
public:
    Runner(const State& start, const Block& b, const Observer& observer) : s_{start}, b_{b}, observer_{observer} {
        in_.lop_mmHg = b.lop_mmHg;
    }

    void tick(double cuff_mmHg, double activation) {
        in_.cuff_mmHg = cuff_mmHg;
        in_.activation = activation;
        s_ = step(s_, in_, prepared_, kTickS);
        if (observer_) observer_(s_, in_, observe(s_, in_, b_.params));
    }
    void idle(double cuff_mmHg, double seconds) {
        const auto ticks = static_cast<long>(std::lround(seconds / kTickS));
        for (long i = 0; i < ticks; ++i) tick(cuff_mmHg, 0.0);
    }
    /// One rep; false when the concentric phase cannot be completed (task failure).
    bool rep(double cuff_mmHg, bool to_failure, double rpe_out[1]) {
        const double con = activation_for_load(b_.load_pct1rm);
        const auto con_ticks = static_cast<long>(std::lround(b_.concentric_s / kTickS));
        const auto ecc_ticks = static_cast<long>(std::lround(b_.eccentric_s / kTickS));
        for (long i = 0; i < con_ticks; ++i) {
            if (to_failure && !can_sustain(s_, con, b_.params)) return false;
            tick(cuff_mmHg, con);
            if (i == con_ticks / 2) rpe_out[0] = observe(s_, in_, b_.params).rpe;
        }
        for (long i = 0; i < ecc_ticks; ++i) tick(cuff_mmHg, con * b_.eccentric_share);
        return true;
    }
    /// A sustained hold until the activation cannot be produced; its duration.
    double hold(double cuff_mmHg, double activation) {
        long ticks = 0;
        while (can_sustain(s_, activation, b_.params) && ticks < 60L * 60 * 30) {
            tick(cuff_mmHg, activation);
            ++ticks;
        }
        return static_cast<double>(ticks) * kTickS;
    }
    const State& state() const { return s_; }
    Outputs outputs() const { return observe(s_, in_, b_.params); }

private:
    State s_;
    const Block& b_;
    const Observer& observer_;
    Prepared prepared_ = prepare(b_.params);
    Inputs in_;
};

}  // namespace

BlockResult run_block_from(const State& start, const Block& b, const Observer& observer) {
    Runner r{start, b, observer};
    BlockResult result;
    const double cuff = b.cuff_pct_lop / 100.0 * b.lop_mmHg;
    r.idle(cuff, b.cuff_before_s);
    if (b.hold_activation > 0.0) {
        result.hold_s = r.hold(cuff, b.hold_activation);
    } else {
        for (std::size_t set = 0; set < b.set_reps.size(); ++set) {
            const int planned = b.set_reps[set] < 0 ? b.failure_cap : b.set_reps[set];
            int done = 0;
            double rpe = 6.0;
            double rpe_sum = 0.0;
            while (done < planned && r.rep(cuff, b.set_reps[set] < 0, &rpe)) {
                ++done;
                rpe_sum += rpe;
            }
            result.rpe_last = done > 0 ? rpe_sum / done : 6.0;
            result.reps.push_back(done);
            result.at_set_end.push_back(r.state());
            result.out_at_set_end.push_back(r.outputs());
            if (set + 1 < b.set_reps.size()) r.idle(b.cuff_in_rests ? cuff : 0.0, b.rest_s);
        }
    }
    result.at_release = r.state();
    result.out_at_release = r.outputs();
    result.release_s = r.state().t_s;
    return result;
}

BlockResult run_block(const Block& b, const Observer& observer) {
    return run_block_from(rest_state(b.params), b, observer);
}

State rest(const State& s, const Params& p, double lop_mmHg, double cuff_mmHg, double seconds,
           const Observer& observer) {
    Inputs in;
    in.lop_mmHg = lop_mmHg;
    in.cuff_mmHg = cuff_mmHg;
    State out = s;
    const Prepared prepared = prepare(p);
    const auto ticks = static_cast<long>(std::lround(seconds / kTickS));
    for (long i = 0; i < ticks; ++i) {
        out = step(out, in, prepared, kTickS);
        if (observer) observer(out, in, observe(out, in, p));
    }
    return out;
}

}  // namespace bfr::physiology
