#pragma once
// Dear ImGui's lifetime, fonts and theme. The only place that includes imgui_impl_* headers.
// Panels elsewhere use plain ImGui calls between begin_frame() and end_frame().

#include <memory>
#include <string>

struct ImFont;

namespace bfr::platform {
class Window;
}

namespace bfr::ui {

/// Font roles the theme provides. Body is the default font.
enum class FontRole { Body, Heading, Display };

/// Creation options; empty/zero fields take the defaults shown.
struct UiDesc {
    std::string font_path;       ///< TTF for text; empty = DejaVu Sans from fonts-dejavu-core.
    std::string bold_font_path;  ///< TTF for headings and big numbers; empty = DejaVu Sans Bold.
    float body_px = 22.f;        ///< Body text height at scale 1 (readable at 2 m on a laptop).
    float scale = 1.f;           ///< UI scale (0.5..3); also applied to padding and rounding.
    std::string ini_path;        ///< Where ImGui keeps window positions; empty = never write imgui.ini.
};

/// Font paths tried when UiDesc leaves them empty (Debian's fonts-dejavu-core).
inline constexpr const char* kDefaultFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
inline constexpr const char* kDefaultBoldFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

class UiContext {
public:
    /// Creates the ImGui context for `window` (SDL2 + OpenGL3 backends). Returns nullptr and fills
    /// `error` when a backend cannot start. A missing font is not an error: ImGui's built-in font
    /// is used, scaled up, and `warning` says so.
    [[nodiscard]] static std::unique_ptr<UiContext> create(platform::Window& window, const UiDesc& desc,
                                                           std::string* error, std::string* warning);
    ~UiContext();
    UiContext(const UiContext&) = delete;
    UiContext& operator=(const UiContext&) = delete;

    /// Offers a native event to ImGui. Returns true when ImGui keeps it (it wants the mouse or
    /// keyboard); releases (key up, mouse up, finger up) always go on to the game as well, so a
    /// held "contract" input can never get stuck.
    bool process_native_event(const void* native_event);
    /// Starts a UI frame. `dt_s` > 0 overrides the wall-clock delta (deterministic shots);
    /// `width_px`/`height_px` > 0 override the display size (shots whose image is larger than
    /// the window a display server allows).
    void begin_frame(float dt_s = 0.f, int width_px = 0, int height_px = 0);
    /// Renders the frame's draw data into the currently bound framebuffer.
    void end_frame();
    /// Changes the UI scale (clamped to 0.5..3); fonts are rebuilt before the next frame.
    void set_scale(float scale);
    [[nodiscard]] float scale() const;
    [[nodiscard]] ImFont* font(FontRole role) const;
    [[nodiscard]] bool wants_keyboard() const;
    [[nodiscard]] bool wants_mouse() const;
    /// True while a popup (a menu, a settings panel) is open: Escape closes it, not the screen.
    [[nodiscard]] bool popup_open() const;
    /// Closes every open popup (Escape).
    void close_popups();

private:
    struct Impl;
    explicit UiContext(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// Applies the BFR Coach theme (dark, high contrast, Okabe-Ito accents, large hit targets) to the
/// current ImGui style at `scale`.
void apply_theme(float scale);

}  // namespace bfr::ui
