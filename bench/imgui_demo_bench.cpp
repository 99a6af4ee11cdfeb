// The reference for the scene's frame budget (the living-limb issue: the full scene with HUD may
// cost at most 3x this): a bare SDL2 + OpenGL 3.3 window showing only ImGui's demo window, timed
// the way `bfr-coach shot` times its frames (CPU + GPU, glFinish every frame): the workload is
// engine/ui/reference_frames.cpp, which `shot` also runs after its own frames.
//
//   SDL_VIDEODRIVER=offscreen build/bench/bench_imgui_demo [--frames N] [--size WxH]
// Prints `demo_frames: N`, `demo_mean_frame_ms: X`, `demo_p99_frame_ms: Y`.

#include <SDL.h>
#include <epoxy/gl.h>

#include "engine/app/app.hpp"
#include "engine/ui/reference_frames.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>
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
    std::vector<double> ms = bfr::ui::imgui_demo_frame_times(window, gl, width, height, static_cast<std::uint32_t>(frames));
    if (ms.empty()) {
        std::fprintf(stderr, "bench_imgui_demo: the ImGui backends did not start\n");
        SDL_GL_DeleteContext(gl);
        SDL_DestroyWindow(window);
        SDL_Quit();
        return 3;
    }
    // Summarised exactly as `shot` summarises its frames.
    const auto t = bfr::app::summarize_frame_times(std::move(ms));
    std::printf("demo_frames: %zu\ndemo_mean_frame_ms: %.3f\ndemo_p99_frame_ms: %.3f\n", t.frame_ms.size(), t.mean_ms,
                t.p99_ms);
    std::printf("renderer: %s\n", reinterpret_cast<const char*>(glGetString(GL_RENDERER)));

    SDL_GL_DeleteContext(gl);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return 0;
}
