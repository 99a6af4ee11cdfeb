#pragma once
// The window a platform backend provides. Implemented by sdl/sdl_platform.cpp; the loop in
// engine/app and the composition root use only this interface.

#include "engine/platform/input.hpp"

#include <functional>
#include <string>
#include <vector>

namespace bfr::platform {

/// How to open the window. Zero/empty fields take the defaults shown.
struct WindowDesc {
    std::string title = "BFR Coach";
    int width_px = 1280;
    int height_px = 720;
    bool fullscreen = false;  ///< Borderless desktop fullscreen.
    bool vsync = true;
    bool hidden = false;   ///< Offscreen shots: never shown (render into framebuffers only).
    int msaa_samples = 0;  ///< Default framebuffer MSAA; the renderer does its own MSAA in FBOs.
    /// Comma-separated video drivers to try ("x11,wayland") when the user did not choose one with
    /// SDL_VIDEODRIVER; empty = SDL's own order (which ends with the invisible offscreen driver).
    std::string video_drivers;
};

/// A hook that sees every native event before the engine maps it (ImGui gets first refusal).
/// It receives the backend's native event (an `SDL_Event*` for SDL) and returns true when it
/// consumed the event, which then does not become an InputEvent.
using NativeEventHook = std::function<bool(const void* native_event)>;

/// A window with a GL 3.3 core context.
class Window {
public:
    virtual ~Window() = default;
    /// Drains pending OS events into `out` (appends). A close request from the OS arrives as
    /// InputEvent::Kind::QuitRequested; what to do with it is the application's decision.
    virtual void pump_events(std::vector<InputEvent>& out) = 0;
    /// Presents the back buffer.
    virtual void swap() = 0;
    /// Drawable size in pixels (may differ from the window size on high-DPI screens).
    [[nodiscard]] virtual int drawable_width() const = 0;
    [[nodiscard]] virtual int drawable_height() const = 0;
    virtual void set_fullscreen(bool on) = 0;
    [[nodiscard]] virtual bool fullscreen() const = 0;
    /// Returns false when the driver refuses the requested swap interval.
    virtual bool set_vsync(bool on) = 0;
    [[nodiscard]] virtual bool vsync() const = 0;
    virtual void set_native_event_hook(NativeEventHook hook) = 0;
    /// Backend handles for the UI layer (SDL_Window*, SDL_GLContext).
    [[nodiscard]] virtual void* native_window() const = 0;
    [[nodiscard]] virtual void* native_gl_context() const = 0;
    /// Name of the video driver in use ("x11", "wayland", "offscreen").
    [[nodiscard]] virtual std::string video_driver() const = 0;
    /// GL_RENDERER / GL_VERSION strings of the context.
    [[nodiscard]] virtual std::string gl_description() const = 0;
};

/// True when a display server is reachable or a video driver was chosen explicitly: DISPLAY,
/// WAYLAND_DISPLAY or SDL_VIDEODRIVER is set (the contract's rule for `run`).
[[nodiscard]] bool display_configured() noexcept;

}  // namespace bfr::platform
