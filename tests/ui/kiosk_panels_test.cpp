// The kiosk's panels (game/modes/kiosk/kiosk_panels) drawn headless: Dear ImGui with its own font
// atlas and no backend (no SDL, no GL), every state in every shipped language at three window
// sizes. Checks: the frames complete (Begin/End and Push/Pop pairs balance), every panel lies on
// screen, display panels let clicks and touches through to the game, the buttons are big enough
// and answer a click. One CTest test (not discovered at build time, like the GL tests).

#include "game/modes/kiosk/kiosk_panels.hpp"
#include "game/modes/kiosk/kiosk_runtime.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>
#include <imgui_internal.h>

#include <filesystem>
#include <string>
#include <vector>

using namespace bfr::modes::kiosk;

namespace {

/// An ImGui context with the UI's fonts (DejaVu, or ImGui's own when it is not installed).
class Headless {
public:
    Headless() {
        IMGUI_CHECKVERSION();
        ctx_ = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.LogFilename = nullptr;
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
        static const ImWchar kExtra[] = {0x0100, 0x017F, 0x2010, 0x205E, 0x2190, 0x21FF, 0x2212,
                                         0x2212, 0x2264, 0x2265, 0x25A0, 0x25CF, 0};
        builder.AddRanges(kExtra);
        builder.BuildRanges(&ranges_);
        static const ImWchar kDisplayRanges[] = {0x0020, 0x007E, 0x00B0, 0x00B7, 0x2212, 0x2212, 0};
        const char* regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        const char* bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
        const float body = 31.f;  // 22 px × the kiosk's 1.4
        if (std::filesystem::exists(regular) && std::filesystem::exists(bold)) {
            fonts_.body = io.Fonts->AddFontFromFileTTF(regular, body, nullptr, ranges_.Data);
            fonts_.heading = io.Fonts->AddFontFromFileTTF(bold, body * 1.35f, nullptr, ranges_.Data);
            fonts_.display = io.Fonts->AddFontFromFileTTF(bold, body * 3.2f, nullptr, kDisplayRanges);
        } else {
            fonts_.body = io.Fonts->AddFontDefault();
        }
        unsigned char* pixels = nullptr;
        int w = 0;
        int h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        io.Fonts->SetTexID(nullptr);
        ImGui::StyleColorsDark();
        ImGui::GetStyle().FramePadding = ImVec2(20.f, 13.f);  // the theme at the kiosk's scale
        ImGui::GetStyle().WindowPadding = ImVec2(25.f, 20.f);
    }
    ~Headless() { ImGui::DestroyContext(ctx_); }
    Headless(const Headless&) = delete;
    Headless& operator=(const Headless&) = delete;

    /// One frame of the panels at `w`×`h`; the mouse at `mouse` (held when `down`).
    KioskRequests frame(const KioskView& v, float w, float h, ImVec2 mouse = ImVec2(-1.f, -1.f), bool down = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(w, h);
        io.DeltaTime = 1.f / 60.f;
        io.MousePos = mouse;
        io.MouseDown[0] = down;
        ImGui::NewFrame();
        const KioskRequests r = draw_kiosk(v, fonts_);
        ImGui::Render();
        return r;
    }
    /// The kiosk panels drawn in the latest frame.
    std::vector<ImGuiWindow*> drawn() const {
        std::vector<ImGuiWindow*> out;
        for (ImGuiWindow* win : ctx_->Windows) {
            if (win->WasActive && std::string(win->Name).find("##kiosk") != std::string::npos) out.push_back(win);
        }
        return out;
    }
    ImGuiWindow* window(const char* name) const {
        for (ImGuiWindow* win : drawn()) {
            if (std::string(win->Name) == name) return win;
        }
        return nullptr;
    }

private:
    ImGuiContext* ctx_ = nullptr;
    ImVector<ImWchar> ranges_;
    KioskFonts fonts_;
};

KioskRuntimeConfig config() {
    KioskRuntimeConfig c;
    c.settings = load_kiosk_settings(std::filesystem::path(BFR_SOURCE_DIR) / "assets" / "kiosk" / "kiosk.json").settings;
    c.signalled = [] { return false; };
    return c;
}

KioskTexts texts() {
    std::vector<std::string> problems;
    return load_kiosk_texts(std::filesystem::path(BFR_SOURCE_DIR) / "assets" / "kiosk" / "lang", problems);
}

/// The views of every state, from the runtime itself (as the window gets them).
std::vector<KioskView> views_in(const std::string& lang) {
    KioskRuntime rt{config(), texts()};
    REQUIRE(rt.select_language(lang));
    std::vector<KioskView> out;
    auto snap = [&] {
        KioskView v;
        rt.make_view(v);
        out.push_back(v);
    };
    auto ticks = [&](int n) {
        for (int i = 0; i < n; ++i) rt.step();
    };
    ticks(60 * 20);
    snap();  // attract
    bfr::platform::InputEvent e;
    e.kind = bfr::platform::InputEvent::Kind::KeyDown;
    e.key = bfr::platform::Key::Space;
    rt.handle_event(e);
    ticks(30);
    snap();  // play, held, with a sound's caption
    for (int r = 0; r < 12 && rt.flow().state() == KioskState::Play; ++r) {
        e.kind = bfr::platform::InputEvent::Kind::KeyUp;
        rt.handle_event(e);
        ticks(60);
        if (r == 3) snap();  // play, released
        e.kind = bfr::platform::InputEvent::Kind::KeyDown;
        rt.handle_event(e);
        ticks(60);
    }
    e.kind = bfr::platform::InputEvent::Kind::KeyUp;
    rt.handle_event(e);
    ticks(150);
    snap();  // result
    e.kind = bfr::platform::InputEvent::Kind::KeyDown;
    rt.handle_event(e);
    e.kind = bfr::platform::InputEvent::Kind::KeyUp;
    rt.handle_event(e);
    ticks(60 * 21);
    snap();  // still there
    return out;
}

}  // namespace

TEST_CASE("kiosk panels: every state, every language, three sizes: on screen, balanced, big targets", "[kiosk][ui]") {
    Headless ui;
    for (const char* lang : {"en", "de", "es"}) {
        const auto views = views_in(lang);
        REQUIRE(views.size() == 5);
        CHECK(views[0].state == KioskState::Attract);
        CHECK(views[1].state == KioskState::Play);
        CHECK(views[3].state == KioskState::Result);
        CHECK(views[4].state == KioskState::StillThere);
        for (const ImVec2 size : {ImVec2(1280.f, 720.f), ImVec2(1920.f, 1080.f), ImVec2(1080.f, 1920.f)}) {
            for (const KioskView& v : views) {
                INFO(lang << " " << state_name(v.state) << " at " << size.x << "x" << size.y);
                // Two frames: auto-sized panels know their size from the second one.
                (void)ui.frame(v, size.x, size.y);
                (void)ui.frame(v, size.x, size.y);
                const auto windows = ui.drawn();
                CHECK(windows.size() >= 3);
                for (const ImGuiWindow* w : windows) {
                    INFO(w->Name << " at " << w->Pos.x << "," << w->Pos.y << " size " << w->Size.x << "x" << w->Size.y);
                    CHECK(w->Pos.x >= -0.5f);
                    CHECK(w->Pos.y >= -0.5f);
                    CHECK(w->Pos.x + w->Size.x <= size.x + 0.5f);
                    CHECK(w->Pos.y + w->Size.y <= size.y + 0.5f);
                }
                const ImGuiWindow* controls = ui.window("##kiosk_controls");
                if (v.state != KioskState::StillThere) {  // behind the dialog: none
                    REQUIRE(controls != nullptr);
                    CHECK(controls->Size.y >= 2 * 48.f);
                }
                // No panel hides another (but the "still there?" dialog, over the dimmed round).
                if (v.state != KioskState::StillThere) {
                    for (std::size_t i = 0; i < windows.size(); ++i) {
                        for (std::size_t j = i + 1; j < windows.size(); ++j) {
                            const ImRect a = windows[i]->Rect();
                            const ImRect b = windows[j]->Rect();
                            INFO(windows[i]->Name << " (" << a.Min.x << "," << a.Min.y << ")-(" << a.Max.x << ","
                                                  << a.Max.y << ") overlaps " << windows[j]->Name << " (" << b.Min.x
                                                  << "," << b.Min.y << ")-(" << b.Max.x << "," << b.Max.y << ")");
                            CHECK_FALSE(a.Overlaps(b));
                        }
                    }
                }
            }
        }
    }
}

TEST_CASE("kiosk panels: displays let a touch through, buttons answer a click", "[kiosk][ui]") {
    Headless ui;
    const auto views = views_in("en");
    const KioskView& attract = views[0];
    (void)ui.frame(attract, 1280.f, 720.f);
    (void)ui.frame(attract, 1280.f, 720.f);
    // Over the caption: the game gets the press (it starts a round).
    const ImGuiWindow* caption = ui.window("##kiosk_caption");
    REQUIRE(caption != nullptr);
    const ImVec2 on_caption(caption->Pos.x + caption->Size.x * 0.5f, caption->Pos.y + caption->Size.y * 0.5f);
    (void)ui.frame(attract, 1280.f, 720.f, on_caption, true);
    CHECK_FALSE(ImGui::GetIO().WantCaptureMouse);
    (void)ui.frame(attract, 1280.f, 720.f, on_caption, false);

    // The language button: a click (press, release) asks for the next language.
    const ImGuiWindow* controls = ui.window("##kiosk_controls");
    REQUIRE(controls != nullptr);
    const ImVec2 on_button(controls->Pos.x + controls->Size.x * 0.5f, controls->Pos.y + controls->Size.y * 0.3f);
    (void)ui.frame(attract, 1280.f, 720.f, on_button, false);
    (void)ui.frame(attract, 1280.f, 720.f, on_button, true);
    CHECK(ImGui::GetIO().WantCaptureMouse);
    const KioskRequests r = ui.frame(attract, 1280.f, 720.f, on_button, false);
    CHECK(r.next_language);
    CHECK_FALSE(r.text_size);
    // The text size button, under it.
    const ImVec2 on_size(controls->Pos.x + controls->Size.x * 0.5f, controls->Pos.y + controls->Size.y * 0.75f);
    (void)ui.frame(attract, 1280.f, 720.f, on_size, false);
    (void)ui.frame(attract, 1280.f, 720.f, on_size, true);
    const KioskRequests t = ui.frame(attract, 1280.f, 720.f, on_size, false);
    CHECK(t.text_size);
    CHECK_FALSE(t.next_language);

    // "I'm still here".
    const KioskView& still = views[4];
    (void)ui.frame(still, 1280.f, 720.f);
    (void)ui.frame(still, 1280.f, 720.f);
    const ImGuiWindow* dialog = ui.window("##kiosk_still");
    REQUIRE(dialog != nullptr);
    const ImVec2 on_still(dialog->Pos.x + dialog->Size.x * 0.5f, dialog->Pos.y + dialog->Size.y - 40.f);
    (void)ui.frame(still, 1280.f, 720.f, on_still, false);
    (void)ui.frame(still, 1280.f, 720.f, on_still, true);
    const KioskRequests s = ui.frame(still, 1280.f, 720.f, on_still, false);
    CHECK(s.still_here);
}
