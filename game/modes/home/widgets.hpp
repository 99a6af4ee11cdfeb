#pragma once
// Small pieces the home mode's panels share (guided_panels, progress_panel): the window flags of
// a panel placed by code, the centre of the screen, and a heading in the heading font.

#include "engine/ui/ui_context.hpp"

#include <imgui.h>

namespace bfr::modes::home {

/// A panel placed and sized by code: no title bar, not movable or resizable, never saved.
inline constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                                ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                                ImGuiWindowFlags_NoCollapse;

[[nodiscard]] inline ImVec2 center_of(const ImGuiViewport* v) {
    return ImVec2(v->WorkPos.x + v->WorkSize.x * 0.5f, v->WorkPos.y + v->WorkSize.y * 0.5f);
}

/// `text` in the heading font.
inline void heading(const ui::UiContext& ui, const char* text) {
    ImGui::PushFont(ui.font(ui::FontRole::Heading));
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

}  // namespace bfr::modes::home
