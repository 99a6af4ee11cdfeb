#include "engine/platform/input.hpp"
#include "engine/platform/platform.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

using bfr::platform::Key;

TEST_CASE("every key has a unique name that maps back", "[platform][input]") {
    for (int i = 1; i < static_cast<int>(Key::Count); ++i) {
        const auto key = static_cast<Key>(i);
        const auto name = bfr::platform::key_name(key);
        INFO(name);
        CHECK(name != "Unknown");
        const auto back = bfr::platform::key_from_name(name);
        REQUIRE(back);
        CHECK(*back == key);
    }
    CHECK(bfr::platform::key_from_name("space") == Key::Space);
    CHECK(bfr::platform::key_from_name("f11") == Key::F11);
    CHECK_FALSE(bfr::platform::key_from_name("Hyper"));
    CHECK(bfr::platform::key_name(Key::Count) == "Unknown");
}

TEST_CASE("display_configured follows DISPLAY, WAYLAND_DISPLAY and SDL_VIDEODRIVER", "[platform]") {
    unsetenv("DISPLAY");
    unsetenv("WAYLAND_DISPLAY");
    unsetenv("SDL_VIDEODRIVER");
    CHECK_FALSE(bfr::platform::display_configured());
    setenv("SDL_VIDEODRIVER", "", 1);
    CHECK_FALSE(bfr::platform::display_configured());
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    CHECK(bfr::platform::display_configured());
    unsetenv("SDL_VIDEODRIVER");
    setenv("DISPLAY", ":0", 1);
    CHECK(bfr::platform::display_configured());
    unsetenv("DISPLAY");
}
