#include "game/replay/sets.hpp"

#include <algorithm>

namespace bfr::replay {

std::vector<SetSpan> sets_from_markers(const std::vector<SetMarker>& markers, const std::vector<RepTimes>& reps,
                                       double duration_s) {
    std::vector<SetSpan> sets;
    std::vector<bool> unmatched;  // a `set_end` without a `set_start`: kept only if it holds reps
    bool open = false;
    double open_at = 0.0;
    double previous_end = 0.0;
    for (const SetMarker& m : markers) {
        if (m.kind == SetMarkerKind::Start) {
            if (open) {
                sets.push_back(SetSpan{open_at, m.t_s, 0});
                unmatched.push_back(false);
            }
            open = true;
            open_at = m.t_s;
        } else {
            const double start = open ? open_at : std::min(previous_end, m.t_s);
            sets.push_back(SetSpan{start, m.t_s, 0});
            unmatched.push_back(!open);
            previous_end = m.t_s;
            open = false;
        }
    }
    if (open) {
        sets.push_back(SetSpan{open_at, std::max(open_at, duration_s), 0});
        unmatched.push_back(false);
    }
    for (const RepTimes& r : reps) {
        for (SetSpan& s : sets) {
            if (r.start_s <= s.end_s && r.commit_s >= s.start_s) {
                ++s.reps;
                break;
            }
        }
    }
    std::vector<SetSpan> kept;
    kept.reserve(sets.size());
    for (std::size_t i = 0; i < sets.size(); ++i) {
        if (!unmatched[i] || sets[i].reps > 0) kept.push_back(sets[i]);
    }
    return kept;
}

double rest_threshold_s(const std::vector<RepTimes>& reps, const RestRule& rule) {
    if (reps.size() < 2) return rule.min_rest_s;
    std::vector<double> intervals;
    intervals.reserve(reps.size() - 1);
    for (std::size_t i = 1; i < reps.size(); ++i) intervals.push_back(reps[i].commit_s - reps[i - 1].commit_s);
    const std::size_t mid = intervals.size() / 2;
    std::nth_element(intervals.begin(), intervals.begin() + static_cast<std::ptrdiff_t>(mid), intervals.end());
    double median = intervals[mid];
    if (intervals.size() % 2 == 0) {
        const double below = *std::max_element(intervals.begin(), intervals.begin() + static_cast<std::ptrdiff_t>(mid));
        median = 0.5 * (median + below);
    }
    return std::max(rule.min_rest_s, rule.interval_factor * median);
}

std::vector<SetSpan> sets_from_rests(const std::vector<RepTimes>& reps, const RestRule& rule) {
    std::vector<SetSpan> sets;
    if (reps.empty()) return sets;
    const double threshold = rest_threshold_s(reps, rule);
    SetSpan current{reps.front().start_s, reps.front().commit_s, 1};
    for (std::size_t i = 1; i < reps.size(); ++i) {
        if (reps[i].commit_s - reps[i - 1].commit_s > threshold) {
            sets.push_back(current);
            current = SetSpan{reps[i].start_s, reps[i].commit_s, 0};
        }
        current.end_s = reps[i].commit_s;
        ++current.reps;
    }
    sets.push_back(current);
    return sets;
}

}  // namespace bfr::replay
