#include "engine/ui/ui_context.hpp"

#include "engine/platform/platform.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace bfr::ui {

struct UiContext::Impl {
    ImGuiContext* context = nullptr;
    UiDesc desc;
    std::string ini_path;  // kept alive: ImGui stores the pointer
    float scale = 1.f;
    bool fonts_dirty = false;
    ImFont* body = nullptr;
    ImFont* heading = nullptr;
    ImFont* display = nullptr;
    bool backends_up = false;

    ImVector<ImWchar> glyph_ranges;  // kept alive: the atlas reads it when it builds

    /// Latin (with Latin Extended-A for European languages), general punctuation (dashes,
    /// quotes, ellipsis, bullets), arrows, and a few symbols the HUD uses (°, ±, −, ≤, ≥).
    void build_glyph_ranges() {
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());
        static const ImWchar kExtra[] = {0x0100, 0x017F, 0x2010, 0x205E, 0x2190, 0x21FF, 0x2212,
                                         0x2212, 0x2264, 0x2265, 0x25A0, 0x25CF, 0};
        builder.AddRanges(kExtra);
        glyph_ranges.clear();
        builder.BuildRanges(&glyph_ranges);
    }

    /// Rebuilds the font atlas at the current scale. Returns a warning when a font is missing.
    std::string build_fonts() {
        ImGuiIO& io = ImGui::GetIO();
        io.Fonts->Clear();
        if (glyph_ranges.empty()) build_glyph_ranges();
        std::string warning;
        const float body_px = std::round(desc.body_px * scale);
        auto load = [&](const std::string& path, float px, const ImWchar* ranges, int oversample) -> ImFont* {
            std::error_code ec;
            if (!path.empty() && std::filesystem::is_regular_file(path, ec)) {
                ImFontConfig cfg;
                cfg.OversampleH = oversample;
                cfg.OversampleV = oversample;
                if (ImFont* f = io.Fonts->AddFontFromFileTTF(path.c_str(), px, &cfg, ranges)) return f;
            }
            if (warning.empty()) {
                warning =
                    fmt::format("font '{}' not found; using ImGui's built-in font (install fonts-dejavu-core)", path);
            }
            ImFontConfig cfg;
            cfg.SizePixels = std::max(13.f, std::round(px));
            return io.Fonts->AddFontDefault(&cfg);
        };
        const std::string regular = desc.font_path.empty() ? kDefaultFontPath : desc.font_path;
        const std::string bold = desc.bold_font_path.empty() ? kDefaultBoldFontPath : desc.bold_font_path;
        body = load(regular, body_px, glyph_ranges.Data, 2);
        heading = load(bold, std::round(body_px * 1.35f), glyph_ranges.Data, 2);
        // The display size shows figures (reps, timers): Basic Latin and a few signs are enough,
        // and at that size oversampling adds nothing. This keeps the atlas (an RGBA texture every
        // glyph of every frame samples) a quarter of the size.
        static const ImWchar kDisplayRanges[] = {0x0020, 0x007E, 0x00B0, 0x00B7, 0x2212, 0x2212, 0};
        display = load(bold, std::round(body_px * 3.2f), kDisplayRanges, 1);
        io.FontDefault = body;
        apply_theme(scale);
        fonts_dirty = false;
        return warning;
    }
};

UiContext::UiContext(std::unique_ptr<Impl> impl) : impl_{std::move(impl)} {}

std::unique_ptr<UiContext> UiContext::create(platform::Window& window, const UiDesc& desc, std::string* error,
                                             std::string* warning) {
    auto impl = std::make_unique<Impl>();
    impl->desc = desc;
    impl->scale = std::clamp(std::isfinite(desc.scale) ? desc.scale : 1.f, 0.5f, 3.f);
    IMGUI_CHECKVERSION();
    impl->context = ImGui::CreateContext();
    ImGui::SetCurrentContext(impl->context);
    ImGuiIO& io = ImGui::GetIO();
    impl->ini_path = desc.ini_path;
    io.IniFilename = impl->ini_path.empty() ? nullptr : impl->ini_path.c_str();
    io.LogFilename = nullptr;
    // Keyboard navigation of panels, but a focused panel does not swallow the game's keys (the
    // contract key, F11…): ImGui keeps keys only while a widget is active (typing, dragging).
    // The gamepad navigates panels too (D-pad, A to press): forms and questions must work with a
    // gamepad alone. Its buttons also reach the game; the game ignores them while a panel waits
    // for an answer.
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard | ImGuiConfigFlags_NavNoCaptureKeyboard |
                      ImGuiConfigFlags_NavEnableGamepad;
    auto* sdl_window = static_cast<SDL_Window*>(window.native_window());
    if (!ImGui_ImplSDL2_InitForOpenGL(sdl_window, window.native_gl_context())) {
        if (error != nullptr) *error = "could not start the ImGui SDL2 backend";
        ImGui::DestroyContext(impl->context);
        return nullptr;
    }
    if (!ImGui_ImplOpenGL3_Init("#version 330 core")) {
        if (error != nullptr) *error = "could not start the ImGui OpenGL3 backend";
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext(impl->context);
        return nullptr;
    }
    impl->backends_up = true;
    const std::string font_warning = impl->build_fonts();
    if (warning != nullptr) *warning = font_warning;
    return std::unique_ptr<UiContext>(new UiContext(std::move(impl)));
}

UiContext::~UiContext() {
    ImGui::SetCurrentContext(impl_->context);
    if (impl_->backends_up) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplSDL2_Shutdown();
    }
    ImGui::DestroyContext(impl_->context);
}

bool UiContext::process_native_event(const void* native_event) {
    const auto* ev = static_cast<const SDL_Event*>(native_event);
    ImGui_ImplSDL2_ProcessEvent(ev);
    const ImGuiIO& io = ImGui::GetIO();
    switch (ev->type) {
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEWHEEL:
        case SDL_MOUSEMOTION:
        case SDL_FINGERDOWN: return io.WantCaptureMouse;
        case SDL_KEYDOWN:
        case SDL_TEXTINPUT: return io.WantCaptureKeyboard || io.WantTextInput;
        default: return false;  // releases and everything else always reach the game too
    }
}

void UiContext::begin_frame(float dt_s, int width_px, int height_px) {
    ImGui::SetCurrentContext(impl_->context);
    if (impl_->fonts_dirty) {
        impl_->build_fonts();
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    if (dt_s > 0.f) io.DeltaTime = dt_s;
    if (width_px > 0 && height_px > 0) {
        io.DisplaySize = ImVec2(static_cast<float>(width_px), static_cast<float>(height_px));
        io.DisplayFramebufferScale = ImVec2(1.f, 1.f);
    }
    ImGui::NewFrame();
}

void UiContext::end_frame() {
    ImGui::Render();
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void UiContext::set_scale(float scale) {
    const float clamped = std::clamp(std::isfinite(scale) ? scale : 1.f, 0.5f, 3.f);
    if (clamped == impl_->scale) return;
    impl_->scale = clamped;
    impl_->fonts_dirty = true;
}

float UiContext::scale() const {
    return impl_->scale;
}

ImFont* UiContext::font(FontRole role) const {
    switch (role) {
        case FontRole::Heading: return impl_->heading;
        case FontRole::Display: return impl_->display;
        case FontRole::Body: break;
    }
    return impl_->body;
}

bool UiContext::wants_keyboard() const {
    return ImGui::GetIO().WantCaptureKeyboard;
}
bool UiContext::wants_mouse() const {
    return ImGui::GetIO().WantCaptureMouse;
}
bool UiContext::popup_open() const {
    return ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
}
void UiContext::close_popups() {
    if (ImGui::GetCurrentContext() != nullptr && !ImGui::GetCurrentContext()->OpenPopupStack.empty()) {
        ImGui::ClosePopupToLevel(0, true);
    }
}

}  // namespace bfr::ui
