#include "engine/ui/ui_context.hpp"

#include <imgui.h>

namespace bfr::ui {
namespace {

ImVec4 rgb(int r, int g, int b, float a = 1.f) {
    return ImVec4(static_cast<float>(r) / 255.f, static_cast<float>(g) / 255.f, static_cast<float>(b) / 255.f, a);
}

}  // namespace

void apply_theme(float scale) {
    ImGuiStyle style;  // start from defaults so repeated calls do not compound the scale
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 10.f;
    style.ChildRounding = 8.f;
    style.FrameRounding = 8.f;
    style.GrabRounding = 8.f;
    style.PopupRounding = 8.f;
    style.ScrollbarRounding = 8.f;
    style.TabRounding = 8.f;
    style.WindowBorderSize = 0.f;
    style.FrameBorderSize = 0.f;
    style.WindowPadding = ImVec2(18.f, 14.f);
    style.FramePadding = ImVec2(14.f, 9.f);
    style.ItemSpacing = ImVec2(12.f, 10.f);
    style.ItemInnerSpacing = ImVec2(10.f, 8.f);
    style.ScrollbarSize = 18.f;
    style.GrabMinSize = 22.f;
    style.TouchExtraPadding = ImVec2(4.f, 4.f);  // finger-sized hit targets
    style.WindowTitleAlign = ImVec2(0.f, 0.5f);

    // High-contrast dark theme; accents from the Okabe-Ito palette (colour-blind safe):
    // blue #0072B2, sky blue #56B4E9, orange #E69F00, vermillion #D55E00.
    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = rgb(240, 242, 245);
    c[ImGuiCol_TextDisabled] = rgb(150, 156, 166);
    c[ImGuiCol_WindowBg] = rgb(18, 22, 30, 0.88f);
    c[ImGuiCol_ChildBg] = rgb(26, 31, 41, 0.6f);
    c[ImGuiCol_PopupBg] = rgb(22, 26, 35, 0.97f);
    c[ImGuiCol_Border] = rgb(70, 80, 96, 0.6f);
    c[ImGuiCol_FrameBg] = rgb(40, 47, 60);
    c[ImGuiCol_FrameBgHovered] = rgb(52, 62, 80);
    c[ImGuiCol_FrameBgActive] = rgb(60, 72, 94);
    c[ImGuiCol_TitleBg] = rgb(18, 22, 30);
    c[ImGuiCol_TitleBgActive] = rgb(0, 84, 132);
    c[ImGuiCol_Button] = rgb(0, 114, 178);
    c[ImGuiCol_ButtonHovered] = rgb(30, 140, 205);
    c[ImGuiCol_ButtonActive] = rgb(86, 180, 233);
    c[ImGuiCol_Header] = rgb(0, 114, 178, 0.55f);
    c[ImGuiCol_HeaderHovered] = rgb(0, 114, 178, 0.8f);
    c[ImGuiCol_HeaderActive] = rgb(86, 180, 233);
    c[ImGuiCol_CheckMark] = rgb(86, 180, 233);
    c[ImGuiCol_SliderGrab] = rgb(86, 180, 233);
    c[ImGuiCol_SliderGrabActive] = rgb(230, 159, 0);
    c[ImGuiCol_PlotLines] = rgb(86, 180, 233);
    c[ImGuiCol_PlotHistogram] = rgb(230, 159, 0);
    c[ImGuiCol_Separator] = rgb(70, 80, 96);
    c[ImGuiCol_NavHighlight] = rgb(230, 159, 0);  // keyboard/gamepad focus: orange, thick
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace bfr::ui
