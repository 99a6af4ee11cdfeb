# Every dependency is a Debian 12 package; nothing is downloaded. scripts/deps.sh installs them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(fmt CONFIG REQUIRED)                 # libfmt-dev 9.1
find_package(glm CONFIG REQUIRED)                 # libglm-dev 0.9.9.8
find_package(SDL2 CONFIG REQUIRED)                # libsdl2-dev 2.26
find_package(CLI11 CONFIG REQUIRED)               # libcli11-dev 2.1
find_package(nlohmann_json 3 REQUIRED)            # nlohmann-json3-dev 3.11
find_package(SQLite3 REQUIRED)                    # libsqlite3-dev 3.40 (the session history)
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)   # libimgui-dev 1.86 (+ -lstb)
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)       # libstb-dev: stb_image, stb_image_write
pkg_check_modules(EPOXY REQUIRED IMPORTED_TARGET epoxy)   # libepoxy-dev: GL entry points
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo)   # libcairo2-dev 1.16: the PDF/PNG session report
pkg_check_modules(FONTCONFIG REQUIRED IMPORTED_TARGET fontconfig)  # libfontconfig-dev (with libcairo2-dev)

# GLM: keep its headers quiet and its conventions explicit.
if(TARGET glm::glm)
  set_property(TARGET glm::glm APPEND PROPERTY INTERFACE_COMPILE_DEFINITIONS
               GLM_ENABLE_EXPERIMENTAL)
endif()

# Dear ImGui's SDL2 and OpenGL3 backends, compiled from Debian's sources against libepoxy
# instead of ImGui 1.86's own imgl3w loader (which trips UBSan: ocornut/imgui#4830).
set(BFR_IMGUI_BACKEND_SRC /usr/share/doc/libimgui-dev/examples/backends)
add_library(bfr_imgui_backends STATIC
  ${BFR_IMGUI_BACKEND_SRC}/imgui_impl_sdl.cpp
  ${BFR_IMGUI_BACKEND_SRC}/imgui_impl_opengl3.cpp)
target_include_directories(bfr_imgui_backends SYSTEM PUBLIC /usr/include/imgui/backends)
target_link_libraries(bfr_imgui_backends PUBLIC PkgConfig::IMGUI SDL2::SDL2 PkgConfig::EPOXY
                      PRIVATE bfr_sanitizers)
set_source_files_properties(${BFR_IMGUI_BACKEND_SRC}/imgui_impl_opengl3.cpp PROPERTIES
  COMPILE_DEFINITIONS IMGUI_IMPL_OPENGL_LOADER_CUSTOM
  COMPILE_OPTIONS "-include;epoxy/gl.h")
