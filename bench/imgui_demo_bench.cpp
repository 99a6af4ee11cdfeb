// The reference for the scene's frame budget (the living-limb issue: the full scene with HUD may
// cost at most 3x this): a bare SDL2 + OpenGL 3.3 window showing only ImGui's demo window, timed
// the way `bfr-coach shot` times its frames (CPU + GPU, glFinish every frame).
//
//   SDL_VIDEODRIVER=offscreen build/bench/bench_imgui_demo [--frames N] [--size WxH]
// Prints `demo_frames: N`, `demo_mean_frame_ms: X`, `demo_p99_frame_ms: Y`.

#include <SDL.h>
#include <epoxy/gl.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

int main(int argc, char** argv) {
    int frames = 300;
    int width = 1280;
    int height = 720;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--frames") == 0) {
            frames = std::max(1, std::atoi(argv[i + 1]));
        } else if (std::strcmp(argv[i], "--size") == 0) {
            if (std::sscanf(argv[i + 1], "%dx%d", &width, &height) != 2 || width < 64 || height < 64) {
                std::fprintf(stderr, "bench_imgui_demo: --size wants WxH\n");
                return 2;
            }
        } else {
            std::fprintf(stderr, "bench_imgui_demo: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        std::fprintf(stderr, "bench_imgui_demo: SDL_Init: %s (try SDL_VIDEODRIVER=offscreen)\n", SDL_GetError());
        return 3;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_Window* window = SDL_CreateWindow("bench_imgui_demo", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, width,
                                          height, SDL_WINDOW_OPENGL | SDL_WINDOW_HIDDEN);
    SDL_GLContext gl = window != nullptr ? SDL_GL_CreateContext(window) : nullptr;
    if (gl == nullptr) {
        std::fprintf(stderr, "bench_imgui_demo: no OpenGL 3.3 context: %s\n", SDL_GetError());
        if (window != nullptr) SDL_DestroyWindow(window);
        SDL_Quit();
        return 3;
    }
    SDL_GL_SetSwapInterval(0);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::StyleColorsDark();
    ImGui_ImplSDL2_InitForOpenGL(window, gl);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    std::vector<double> ms;
    ms.reserve(static_cast<std::size_t>(frames));
    const int warmup = 10;
    for (int f = 0; f < frames + warmup; ++f) {
        const auto start = std::chrono::steady_clock::now();
        SDL_Event e;
        while (SDL_PollEvent(&e)) ImGui_ImplSDL2_ProcessEvent(&e);
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplSDL2_NewFrame();
        ImGui::GetIO().DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(40.f, 40.f), ImGuiCond_Always);
        ImGui::SetNextWindowSize(ImVec2(560.f, 620.f), ImGuiCond_Always);
        ImGui::ShowDemoWindow();
        ImGui::Render();
        glViewport(0, 0, width, height);
        glClearColor(0.06f, 0.08f, 0.12f, 1.f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        SDL_GL_SwapWindow(window);
        glFinish();
        const double t = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (f >= warmup) ms.push_back(t);
    }
    double sum = 0.0;
    for (double v : ms) sum += v;
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const std::size_t p99 = std::min(sorted.size() - 1, static_cast<std::size_t>(0.99 * static_cast<double>(sorted.size())));
    std::printf("demo_frames: %zu\ndemo_mean_frame_ms: %.3f\ndemo_p99_frame_ms: %.3f\n", ms.size(),
                sum / static_cast<double>(ms.size()), sorted[p99]);
    std::printf("renderer: %s\n", reinterpret_cast<const char*>(glGetString(GL_RENDERER)));

    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_GL_DeleteContext(gl);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return 0;
}
