#pragma once
// The progress screen (ImGui), opened from the set-up screen: the month calendar of sessions
// (with ‹ › to page months), the weekly streak and the last weeks with why each was or was not
// perfect, every badge (earned with its date, or still to earn), personal bests, and the trends
// as small plots with a sentence each. Marks carry words and shapes, never colour alone.

#include "game/presentation/progress_view.hpp"

namespace bfr::ui {
class UiContext;
}

namespace bfr::modes::home {

struct ProgressRequests {
    int month_step = 0;   ///< −1 / +1: show the month before / after.
    bool close = false;   ///< Back to the set-up screen (Close, Escape or the gamepad's B).
};

ProgressRequests draw_progress(const presentation::ProgressViewModel& vm, const ui::UiContext& ui);

}  // namespace bfr::modes::home
