# cmake -DSOURCE_DIR=<repo> -P cmake/BfrLayering.cmake
# Fails when a folder includes what its layer must not (docs/architecture.md, "Dependency rule"):
#  - engine/ never includes game/;
#  - engine/{core,ecs,telemetry,app} and the game's domain folders never include SDL, GL or ImGui;
#  - only engine/render/gl includes GL (epoxy), only engine/platform/sdl and engine/ui include SDL.
if(NOT SOURCE_DIR)
  message(FATAL_ERROR "pass -DSOURCE_DIR=<repository root>")
endif()
set(_failures "")

function(_bfr_check folder pattern why)
  file(GLOB_RECURSE _files "${SOURCE_DIR}/${folder}/*.hpp" "${SOURCE_DIR}/${folder}/*.cpp")
  foreach(_f IN LISTS _files)
    file(STRINGS "${_f}" _hits REGEX "${pattern}")
    if(_hits)
      file(RELATIVE_PATH _rel "${SOURCE_DIR}" "${_f}")
      list(GET _hits 0 _first)
      set(_failures "${_failures}\n  ${_rel}: ${why}: ${_first}" PARENT_SCOPE)
    endif()
  endforeach()
endfunction()

set(_gfx "#include [<\"](SDL|GL/|epoxy/|imgui|backends/)")
_bfr_check(engine "#include [<\"]game/" "engine must not include game/")
foreach(_folder engine/core engine/ecs engine/telemetry engine/app engine/platform/input.hpp
        game/session game/presentation game/cli)
  _bfr_check(${_folder} "${_gfx}" "no SDL/GL/ImGui here")
endforeach()
file(GLOB _render_top "${SOURCE_DIR}/engine/render/*.hpp" "${SOURCE_DIR}/engine/render/*.cpp")
foreach(_f IN LISTS _render_top)
  file(STRINGS "${_f}" _hits REGEX "${_gfx}")
  if(_hits)
    set(_failures "${_failures}\n  ${_f}: only engine/render/gl includes GL")
  endif()
endforeach()

if(_failures)
  message(FATAL_ERROR "layering violations:${_failures}")
endif()
message(STATUS "layering: ok")
