#include "engine/platform/sdl/sdl_platform.hpp"

#include <SDL.h>
#include <epoxy/gl.h>

#include <fmt/format.h>

#include "engine/core/interrupt.hpp"

#include <array>
#include <utility>
#include <vector>

namespace bfr::platform::sdl {
namespace {

Key translate_key(SDL_Keycode code) noexcept {
    if (code >= SDLK_a && code <= SDLK_z) return static_cast<Key>(static_cast<int>(Key::A) + (code - SDLK_a));
    if (code >= SDLK_0 && code <= SDLK_9) return static_cast<Key>(static_cast<int>(Key::Num0) + (code - SDLK_0));
    if (code >= SDLK_F1 && code <= SDLK_F12) return static_cast<Key>(static_cast<int>(Key::F1) + (code - SDLK_F1));
    switch (code) {
        case SDLK_SPACE: return Key::Space;
        case SDLK_RETURN:
        case SDLK_KP_ENTER: return Key::Enter;
        case SDLK_ESCAPE: return Key::Escape;
        case SDLK_TAB: return Key::Tab;
        case SDLK_BACKSPACE: return Key::Backspace;
        case SDLK_LEFT: return Key::Left;
        case SDLK_RIGHT: return Key::Right;
        case SDLK_UP: return Key::Up;
        case SDLK_DOWN: return Key::Down;
        case SDLK_PAGEUP: return Key::PageUp;
        case SDLK_PAGEDOWN: return Key::PageDown;
        case SDLK_HOME: return Key::Home;
        case SDLK_END: return Key::End;
        case SDLK_MINUS:
        case SDLK_KP_MINUS: return Key::Minus;
        case SDLK_EQUALS:
        case SDLK_PLUS:
        case SDLK_KP_PLUS: return Key::Equals;
        default: return Key::Unknown;
    }
}

std::uint8_t translate_mods(Uint16 mod) noexcept {
    std::uint8_t out = kModNone;
    if ((mod & KMOD_SHIFT) != 0) out |= kModShift;
    if ((mod & KMOD_CTRL) != 0) out |= kModCtrl;
    if ((mod & KMOD_ALT) != 0) out |= kModAlt;
    return out;
}

GamepadButton translate_button(Uint8 button) noexcept {
    switch (static_cast<SDL_GameControllerButton>(button)) {
        case SDL_CONTROLLER_BUTTON_A: return GamepadButton::A;
        case SDL_CONTROLLER_BUTTON_B: return GamepadButton::B;
        case SDL_CONTROLLER_BUTTON_X: return GamepadButton::X;
        case SDL_CONTROLLER_BUTTON_Y: return GamepadButton::Y;
        case SDL_CONTROLLER_BUTTON_BACK: return GamepadButton::Back;
        case SDL_CONTROLLER_BUTTON_GUIDE: return GamepadButton::Guide;
        case SDL_CONTROLLER_BUTTON_START: return GamepadButton::Start;
        case SDL_CONTROLLER_BUTTON_LEFTSTICK: return GamepadButton::LeftStick;
        case SDL_CONTROLLER_BUTTON_RIGHTSTICK: return GamepadButton::RightStick;
        case SDL_CONTROLLER_BUTTON_LEFTSHOULDER: return GamepadButton::LeftShoulder;
        case SDL_CONTROLLER_BUTTON_RIGHTSHOULDER: return GamepadButton::RightShoulder;
        case SDL_CONTROLLER_BUTTON_DPAD_UP: return GamepadButton::DpadUp;
        case SDL_CONTROLLER_BUTTON_DPAD_DOWN: return GamepadButton::DpadDown;
        case SDL_CONTROLLER_BUTTON_DPAD_LEFT: return GamepadButton::DpadLeft;
        case SDL_CONTROLLER_BUTTON_DPAD_RIGHT: return GamepadButton::DpadRight;
        default: return GamepadButton::Unknown;
    }
}

MouseButton translate_mouse(Uint8 button) noexcept {
    switch (button) {
        case SDL_BUTTON_LEFT: return MouseButton::Left;
        case SDL_BUTTON_MIDDLE: return MouseButton::Middle;
        case SDL_BUTTON_RIGHT: return MouseButton::Right;
        default: return MouseButton::Other;
    }
}

/// SDL is initialised once per process and shut down with the last window.
class SdlWindow final : public Window {
public:
    SdlWindow(SDL_Window* window, SDL_GLContext context, bool vsync)
        : window_{window}, context_{context}, vsync_{vsync} {}
    SdlWindow(const SdlWindow&) = delete;
    SdlWindow& operator=(const SdlWindow&) = delete;
    ~SdlWindow() override {
        for (SDL_GameController* pad : pads_) SDL_GameControllerClose(pad);
        SDL_GL_DeleteContext(context_);
        SDL_DestroyWindow(window_);
        SDL_Quit();
    }

    void pump_events(std::vector<InputEvent>& out) override {
        if (core::interrupt_requested() && !interrupt_reported_) {
            interrupt_reported_ = true;  // SIGINT/SIGTERM: the application decides what quitting means
            out.push_back(make(InputEvent::Kind::QuitRequested));
        }
        SDL_Event ev;
        while (SDL_PollEvent(&ev) != 0) {
            if (hook_ && hook_(&ev)) {
                if (ev.type == SDL_QUIT) out.push_back(make(InputEvent::Kind::QuitRequested));
                continue;
            }
            translate(ev, out);
        }
    }

    void swap() override { SDL_GL_SwapWindow(window_); }
    int drawable_width() const override { return drawable_size().first; }
    int drawable_height() const override { return drawable_size().second; }

    void set_fullscreen(bool on) override {
        const Uint32 flags = on ? static_cast<Uint32>(SDL_WINDOW_FULLSCREEN_DESKTOP) : 0u;
        if (SDL_SetWindowFullscreen(window_, flags) == 0) fullscreen_ = on;
    }
    bool fullscreen() const override { return fullscreen_; }

    bool set_vsync(bool on) override {
        if (SDL_GL_SetSwapInterval(on ? 1 : 0) != 0) return false;
        vsync_ = on;
        return true;
    }
    bool vsync() const override { return vsync_; }

    void set_native_event_hook(NativeEventHook hook) override { hook_ = std::move(hook); }
    void* native_window() const override { return window_; }
    void* native_gl_context() const override { return context_; }
    std::string video_driver() const override {
        const char* name = SDL_GetCurrentVideoDriver();
        return name != nullptr ? name : "unknown";
    }
    std::string gl_description() const override {
        const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
        const auto* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
        return fmt::format("{} / {}", renderer != nullptr ? renderer : "?", version != nullptr ? version : "?");
    }

    void set_fullscreen_flag(bool on) { fullscreen_ = on; }

private:
    std::pair<int, int> drawable_size() const {
        int w = 0;
        int h = 0;
        SDL_GL_GetDrawableSize(window_, &w, &h);
        return {w, h};
    }

    static InputEvent make(InputEvent::Kind kind) {
        InputEvent e;
        e.kind = kind;
        return e;
    }

    void translate(const SDL_Event& ev, std::vector<InputEvent>& out) {
        switch (ev.type) {
            case SDL_QUIT: out.push_back(make(InputEvent::Kind::QuitRequested)); break;
            case SDL_KEYDOWN:
            case SDL_KEYUP: {
                InputEvent e = make(ev.type == SDL_KEYDOWN ? InputEvent::Kind::KeyDown : InputEvent::Kind::KeyUp);
                e.key = translate_key(ev.key.keysym.sym);
                e.mods = translate_mods(ev.key.keysym.mod);
                e.repeat = ev.key.repeat != 0;
                out.push_back(e);
                break;
            }
            case SDL_MOUSEBUTTONDOWN:
            case SDL_MOUSEBUTTONUP: {
                if (ev.button.which == SDL_TOUCH_MOUSEID) break;  // touch arrives as finger events
                InputEvent e =
                    make(ev.type == SDL_MOUSEBUTTONDOWN ? InputEvent::Kind::MouseDown : InputEvent::Kind::MouseUp);
                e.mouse = translate_mouse(ev.button.button);
                e.x = static_cast<float>(ev.button.x);
                e.y = static_cast<float>(ev.button.y);
                out.push_back(e);
                break;
            }
            case SDL_MOUSEMOTION: {
                if (ev.motion.which == SDL_TOUCH_MOUSEID) break;
                InputEvent e = make(InputEvent::Kind::MouseMove);
                e.x = static_cast<float>(ev.motion.x);
                e.y = static_cast<float>(ev.motion.y);
                e.dx = static_cast<float>(ev.motion.xrel);
                e.dy = static_cast<float>(ev.motion.yrel);
                out.push_back(e);
                break;
            }
            case SDL_MOUSEWHEEL: {
                if (ev.wheel.which == SDL_TOUCH_MOUSEID) break;
                InputEvent e = make(InputEvent::Kind::MouseWheel);
                const float flip = ev.wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -1.f : 1.f;
                e.dx = ev.wheel.preciseX * flip;
                e.dy = ev.wheel.preciseY * flip;
                out.push_back(e);
                break;
            }
            case SDL_FINGERDOWN:
            case SDL_FINGERUP:
            case SDL_FINGERMOTION: {
                int w = 0;
                int h = 0;
                SDL_GetWindowSize(window_, &w, &h);
                InputEvent e = make(ev.type == SDL_FINGERDOWN ? InputEvent::Kind::TouchDown
                                    : ev.type == SDL_FINGERUP ? InputEvent::Kind::TouchUp
                                                              : InputEvent::Kind::TouchMove);
                e.finger = static_cast<std::int64_t>(ev.tfinger.fingerId);
                e.x = ev.tfinger.x * static_cast<float>(w);
                e.y = ev.tfinger.y * static_cast<float>(h);
                e.dx = ev.tfinger.dx * static_cast<float>(w);
                e.dy = ev.tfinger.dy * static_cast<float>(h);
                out.push_back(e);
                break;
            }
            case SDL_CONTROLLERDEVICEADDED: {
                if (SDL_GameController* pad = SDL_GameControllerOpen(ev.cdevice.which)) pads_.push_back(pad);
                break;
            }
            case SDL_CONTROLLERDEVICEREMOVED: {
                for (auto it = pads_.begin(); it != pads_.end(); ++it) {
                    if (SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(*it)) == ev.cdevice.which) {
                        SDL_GameControllerClose(*it);
                        pads_.erase(it);
                        out.push_back(make(InputEvent::Kind::GamepadRemoved));
                        break;
                    }
                }
                break;
            }
            case SDL_CONTROLLERBUTTONDOWN:
            case SDL_CONTROLLERBUTTONUP: {
                InputEvent e = make(ev.type == SDL_CONTROLLERBUTTONDOWN ? InputEvent::Kind::GamepadDown
                                                                        : InputEvent::Kind::GamepadUp);
                e.button = translate_button(ev.cbutton.button);
                out.push_back(e);
                break;
            }
            case SDL_CONTROLLERAXISMOTION: {
                InputEvent e = make(InputEvent::Kind::GamepadAxis);
                e.axis = ev.caxis.axis;
                e.x = static_cast<float>(ev.caxis.value) / 32767.f;
                out.push_back(e);
                break;
            }
            case SDL_WINDOWEVENT: {
                if (ev.window.event == SDL_WINDOWEVENT_FOCUS_LOST) {
                    out.push_back(make(InputEvent::Kind::FocusLost));
                } else if (ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
                    InputEvent e = make(InputEvent::Kind::WindowResized);
                    const auto [w, h] = drawable_size();
                    e.x = static_cast<float>(w);
                    e.y = static_cast<float>(h);
                    out.push_back(e);
                }
                break;
            }
            default: break;
        }
    }

    SDL_Window* window_;
    SDL_GLContext context_;
    bool vsync_;
    bool fullscreen_ = false;
    NativeEventHook hook_;
    std::vector<SDL_GameController*> pads_;
    bool interrupt_reported_ = false;
};

}  // namespace

std::unique_ptr<Window> create_window(const WindowDesc& desc, std::string* error) {
    auto fail = [&](const char* what) -> std::unique_ptr<Window> {
        if (error != nullptr) *error = fmt::format("{}: {}", what, SDL_GetError());
        return nullptr;
    };
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    // SIGINT/SIGTERM are core::interrupt's (installed by main); pump_events reports them.
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    // The SDL_VIDEODRIVER environment variable, when set, still wins over this hint.
    SDL_SetHint(SDL_HINT_VIDEODRIVER, desc.video_drivers.empty() ? nullptr : desc.video_drivers.c_str());
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_GAMECONTROLLER) != 0) {
        // Game controllers are optional: try video alone before giving up.
        if (SDL_Init(SDL_INIT_VIDEO) != 0) return fail("could not initialise SDL video");
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 24);
    SDL_GL_SetAttribute(SDL_GL_FRAMEBUFFER_SRGB_CAPABLE, 0);
    if (desc.msaa_samples > 0) {
        SDL_GL_SetAttribute(SDL_GL_MULTISAMPLEBUFFERS, 1);
        SDL_GL_SetAttribute(SDL_GL_MULTISAMPLESAMPLES, desc.msaa_samples);
    }
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_RESIZABLE;
    if (desc.hidden) flags |= SDL_WINDOW_HIDDEN;
    if (desc.fullscreen && !desc.hidden) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    const int w = desc.width_px > 0 ? desc.width_px : 1280;
    const int h = desc.height_px > 0 ? desc.height_px : 720;
    SDL_Window* window =
        SDL_CreateWindow(desc.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (window == nullptr) {
        auto result = fail("could not open a window");
        SDL_Quit();
        return result;
    }
    SDL_SetWindowMinimumSize(window, 320, 200);
    SDL_GLContext context = SDL_GL_CreateContext(window);
    if (context == nullptr) {
        auto result = fail("could not create an OpenGL 3.3 core context");
        SDL_DestroyWindow(window);
        SDL_Quit();
        return result;
    }
    SDL_GL_MakeCurrent(window, context);
    if (epoxy_gl_version() < 33) {
        if (error != nullptr)
            *error = fmt::format("OpenGL 3.3 is required, the driver offers {}.{}", epoxy_gl_version() / 10,
                                 epoxy_gl_version() % 10);
        SDL_GL_DeleteContext(context);
        SDL_DestroyWindow(window);
        SDL_Quit();
        return nullptr;
    }
    const bool vsync = desc.vsync && !desc.hidden && SDL_GL_SetSwapInterval(1) == 0;
    if (!vsync) SDL_GL_SetSwapInterval(0);
    auto result = std::make_unique<SdlWindow>(window, context, vsync);
    result->set_fullscreen_flag(desc.fullscreen && !desc.hidden);
    return result;
}

}  // namespace bfr::platform::sdl
