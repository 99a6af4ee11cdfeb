#include "engine/ui/reference_frames.hpp"

#include <SDL.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>
#include <epoxy/gl.h>
#include <imgui.h>

#include <chrono>

namespace bfr::ui {

std::vector<double> imgui_demo_frame_times(void* sdl_window, void* gl_context, int width, int height,
                                           std::uint32_t frames, std::uint32_t warmup) {
    std::vector<double> ms;
    auto* window = static_cast<SDL_Window*>(sdl_window);
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ImGuiContext* context = ImGui::CreateContext();
    ImGui::SetCurrentContext(context);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    ImGui::StyleColorsDark();
    const bool sdl_up = ImGui_ImplSDL2_InitForOpenGL(window, gl_context);
    const bool gl_up = sdl_up && ImGui_ImplOpenGL3_Init("#version 330 core");
    if (gl_up) {
        ms.reserve(frames);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        for (std::uint32_t f = 0; f < frames + warmup; ++f) {
            const auto start = std::chrono::steady_clock::now();
            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplSDL2_NewFrame();
            io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
            io.DisplayFramebufferScale = ImVec2(1.f, 1.f);
            io.DeltaTime = 1.f / 60.f;
            ImGui::NewFrame();
            ImGui::SetNextWindowPos(ImVec2(40.f, 40.f), ImGuiCond_Always);
            ImGui::SetNextWindowSize(ImVec2(560.f, 620.f), ImGuiCond_Always);
            ImGui::ShowDemoWindow();
            ImGui::Render();
            glViewport(0, 0, width, height);
            glClearColor(0.06f, 0.08f, 0.12f, 1.f);
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            glFinish();
            const auto end = std::chrono::steady_clock::now();
            if (f >= warmup) ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
            SDL_GL_SwapWindow(window);
        }
    }
    if (gl_up) ImGui_ImplOpenGL3_Shutdown();
    if (sdl_up) ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext(context);
    ImGui::SetCurrentContext(previous);
    return ms;
}

}  // namespace bfr::ui
