#include "game/modes/home/progress_panel.hpp"

#include "engine/ui/ui_context.hpp"
#include "game/modes/home/palette.hpp"
#include "game/modes/home/widgets.hpp"

#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <array>

namespace bfr::modes::home {
namespace {

using presentation::ProgressViewModel;

void wrapped(const ImVec4& color, const std::string& text) {
    ImGui::PushTextWrapPos(0.f);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
}

/// "●●" for completed sessions, "○" for the others (more than 3: "●4").
std::string marks(std::uint32_t completed, std::uint32_t incomplete) {
    std::string s;
    if (completed > 3) {
        s = fmt::format("\xe2\x97\x8f{}", completed);
    } else {
        for (std::uint32_t i = 0; i < completed; ++i) s += "\xe2\x97\x8f";
    }
    if (incomplete > 2) {
        s += fmt::format("\xe2\x97\x8b{}", incomplete);
    } else {
        for (std::uint32_t i = 0; i < incomplete; ++i) s += "\xe2\x97\x8b";
    }
    return s;
}

void calendar(const ProgressViewModel& vm, const ui::UiContext& ui, ProgressRequests& req) {
    if (ImGui::ArrowButton("##prev", ImGuiDir_Left)) req.month_step = -1;
    ImGui::SameLine();
    ImGui::PushFont(ui.font(ui::FontRole::Heading));
    ImGui::TextUnformatted(vm.month_title.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    if (ImGui::ArrowButton("##next", ImGuiDir_Right)) req.month_step = +1;

    static constexpr std::array<const char*, 7> kDays = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
    const float cell = ImGui::GetFontSize() * 2.5f;
    if (ImGui::BeginTable("##calendar", 8, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit)) {
        for (const char* d : kDays) ImGui::TableSetupColumn(d, ImGuiTableColumnFlags_WidthFixed, cell);
        ImGui::TableSetupColumn("week", ImGuiTableColumnFlags_WidthFixed,
                                ImGui::CalcTextSize("perfect").x + ImGui::GetFontSize() * 0.5f);
        ImGui::TableHeadersRow();
        const std::size_t n = vm.days.size();
        std::size_t slot = 0;
        for (std::size_t row = 0; row < vm.row_perfect.size(); ++row) {
            ImGui::TableNextRow();
            for (std::size_t col = 0; col < 7; ++col, ++slot) {
                ImGui::TableNextColumn();
                if (slot < vm.first_weekday || slot - vm.first_weekday >= n) continue;
                const auto& day = vm.days[slot - vm.first_weekday];
                const bool today = day.day == vm.today;
                const ImVec2 top_left = ImGui::GetCursorScreenPos();
                ImGui::TextColored(today ? ImVec4(1.f, 1.f, 1.f, 1.f) : kMuted, "%u", day.day);
                const std::string m = marks(day.completed, day.incomplete);
                if (!m.empty()) {
                    ImGui::SameLine(0.f, ImGui::GetFontSize() * 0.25f);
                    ImGui::TextColored(day.completed > 0 ? kGreen : kMuted, "%s", m.c_str());
                }
                if (today) {
                    const float h = ImGui::GetTextLineHeightWithSpacing();
                    ImGui::GetWindowDrawList()->AddRect(ImVec2(top_left.x - 2.f, top_left.y - 1.f),
                                                        ImVec2(top_left.x + cell - 2.f, top_left.y + h - 2.f),
                                                        ImGui::GetColorU32(kSkyBlue), 3.f, 0, 2.f);
                }
            }
            ImGui::TableNextColumn();
            if (vm.row_perfect[row]) ImGui::TextColored(kGreen, "perfect");
        }
        ImGui::EndTable();
    }
    ImGui::TextColored(kMuted, "\xe2\x97\x8f completed  \xe2\x97\x8b not completed  \xe2\x96\xa1 today");
}

void streak(const ProgressViewModel& vm, const ui::UiContext& ui) {
    heading(ui, "Weekly streak");
    ImGui::PushFont(ui.font(ui::FontRole::Heading));
    ImGui::TextColored(vm.streak_weeks > 0 ? kGreen : kMuted, "%u", vm.streak_weeks);
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::Text("perfect week%s in a row  (best %u, %u in all)", vm.streak_weeks == 1 ? "" : "s", vm.best_streak_weeks,
                vm.perfect_weeks);
    wrapped(kMuted, "A perfect week: 2 or 3 completed sessions, at least 36 h apart. Muscles grow while you rest.");
    wrapped(ImVec4(1.f, 1.f, 1.f, 1.f), vm.this_week);
    if (vm.weeks.empty() || !ImGui::BeginTable("##weeks", 3, ImGuiTableFlags_SizingFixedFit)) return;
    ImGui::TableSetupColumn("week of");
    ImGui::TableSetupColumn("sessions");
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
    for (const auto& w : vm.weeks) {
        ImGui::TableNextColumn();
        ImGui::TextColored(kMuted, "%s", w.label.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%u", w.sessions);
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(0.f);
        ImGui::TextColored(w.perfect ? kGreen : w.in_progress ? kSkyBlue : kOrange, "%s", w.state.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::EndTable();
}

void badges(const ProgressViewModel& vm, const ui::UiContext& ui) {
    const auto earned = static_cast<std::size_t>(
        std::count_if(vm.badges.begin(), vm.badges.end(), [](const auto& b) { return b.earned; }));
    heading(ui, fmt::format("Badges  {} of {}", earned, vm.badges.size()).c_str());
    ImGui::SameLine();
    ImGui::TextColored(kMuted, "  \xe2\x97\x8f earned  \xe2\x97\x8b to earn");
    if (!ImGui::BeginTable("##badges", 2, ImGuiTableFlags_SizingStretchSame)) return;
    for (const auto& b : vm.badges) {
        ImGui::TableNextColumn();
        if (b.earned) {
            ImGui::TextColored(kYellow, "\xe2\x97\x8f %s", b.title.c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\nEarned %s", b.description.c_str(), b.earned_on.c_str());
        } else {
            ImGui::TextColored(kMuted, "\xe2\x97\x8b %s", b.title.c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\nNot earned yet", b.description.c_str());
        }
    }
    ImGui::EndTable();
}

void bests_and_trends(const ProgressViewModel& vm, const ui::UiContext& ui) {
    heading(ui, "Personal bests");
    if (vm.bests.empty()) {
        ImGui::TextColored(kMuted, "none yet: complete a session");
    } else {
        for (const auto& b : vm.bests) ImGui::TextUnformatted(b.c_str());
    }
    heading(ui, "Trends");
    if (!ImGui::BeginTable("##trends", 2, ImGuiTableFlags_SizingStretchSame)) return;
    for (const auto& t : vm.trends) {
        ImGui::TableNextColumn();
        ImGui::PushID(t.title.c_str());
        const std::string title = t.values.empty() ? t.title
                                  : fmt::format("{}  {:.0f} {}", t.title, static_cast<double>(t.values.back()), t.unit);
        if (t.values.size() >= 2) {
            // The title over the plot (ImGui draws it centred at the top).
            ImGui::PushStyleColor(ImGuiCol_PlotLines, kSkyBlue);
            ImGui::PlotLines("##plot", t.values.data(), static_cast<int>(t.values.size()), 0, title.c_str(), t.lo, t.hi,
                             ImVec2(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 0.5f,
                                    ImGui::GetFontSize() * 2.0f));
            ImGui::PopStyleColor();
        } else {
            ImGui::TextUnformatted(title.c_str());
        }
        ImGui::PushTextWrapPos(0.f);
        ImGui::TextColored(kMuted, "%s", t.summary.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopID();
    }
    ImGui::EndTable();
}

}  // namespace

ProgressRequests draw_progress(const ProgressViewModel& vm, const ui::UiContext& ui) {
    ProgressRequests req;
    const ImGuiViewport* v = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(center_of(v), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(v->WorkSize.x * 0.96f, ImGui::GetFontSize() * 62.f), v->WorkSize.y * 0.97f),
                             ImGuiCond_Always);
    ImGui::SetNextWindowBgAlpha(0.95f);
    if (ImGui::Begin("##progress", nullptr, kPanelFlags)) {
        heading(ui, "Your progress");
        ImGui::SameLine();
        ImGui::TextColored(kMuted, "  %u session%s, %u completed", vm.sessions, vm.sessions == 1 ? "" : "s", vm.completed);
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::GetFontSize() * 7.f);
        if (ImGui::Button("Close (Esc)", ImVec2(ImGui::GetFontSize() * 7.f, 0.f))) req.close = true;
        ImGui::Separator();
        if (vm.sessions == 0) {
            wrapped(kMuted, "No sessions yet. Your calendar, weekly streak, badges and bests fill in as you train.");
        }
        const bool two_columns = ImGui::GetContentRegionAvail().x >= ImGui::GetFontSize() * 44.f;
        if (two_columns && ImGui::BeginTable("##progress_columns", 2, ImGuiTableFlags_SizingStretchSame)) {
            ImGui::TableNextColumn();
            calendar(vm, ui, req);
            ImGui::Spacing();
            streak(vm, ui);
            ImGui::TableNextColumn();
            badges(vm, ui);
            bests_and_trends(vm, ui);
            ImGui::EndTable();
        } else {
            calendar(vm, ui, req);
            streak(vm, ui);
            badges(vm, ui);
            bests_and_trends(vm, ui);
        }
    }
    ImGui::End();
    return req;
}

}  // namespace bfr::modes::home
