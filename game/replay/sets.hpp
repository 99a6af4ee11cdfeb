#pragma once
// Sets found from a recording (interfaces.md §5 `sets`, when no protocol is given):
//
// - from its `set_start` / `set_end` events when it has any: a set_start opens a set (closing an
//   open one there), a set_end closes the open one (a set_end with none open makes a set from
//   the previous set's end, or the recording's start); a set still open at the end closes at the
//   last sample. A rep belongs to the first set its span [contraction start, commit] overlaps.
// - else from the rests between groups of reps: a gap between two reps' commits longer than
//   max(10 s, 3 × the median interval between consecutive reps) starts a new set. A set runs
//   from its first rep's contraction start to its last rep's commit.

#include <cstdint>
#include <vector>

namespace bfr::replay {

/// One counted rep: when its contraction began and when the counter committed it.
struct RepTimes {
    double start_s = 0.0;
    double commit_s = 0.0;
};

enum class SetMarkerKind : std::uint8_t { Start, End };
struct SetMarker {
    SetMarkerKind kind = SetMarkerKind::Start;
    double t_s = 0.0;
};

struct SetSpan {
    double start_s = 0.0;
    double end_s = 0.0;
    std::uint32_t reps = 0;
};

struct RestRule {
    double min_rest_s = 10.0;
    double interval_factor = 3.0;
};

/// Sets from `set_start`/`set_end` markers (in time order), with the reps they hold.
[[nodiscard]] std::vector<SetSpan> sets_from_markers(const std::vector<SetMarker>& markers,
                                                     const std::vector<RepTimes>& reps, double duration_s);
/// The gap between two reps' commits that separates sets: max(min_rest_s, factor × median interval).
[[nodiscard]] double rest_threshold_s(const std::vector<RepTimes>& reps, const RestRule& rule = {});
/// Sets from the rests between groups of reps (reps in commit order).
[[nodiscard]] std::vector<SetSpan> sets_from_rests(const std::vector<RepTimes>& reps, const RestRule& rule = {});

}  // namespace bfr::replay
