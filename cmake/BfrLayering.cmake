# cmake -DSOURCE_DIR=<repo> -P cmake/BfrLayering.cmake
# Fails when a file includes what its layer must not (docs/architecture.md, "Modules"):
#  - nothing under engine/ includes game/;
#  - engine/{core,ecs,telemetry,app}, engine/render (but render/gl), engine/platform (but
#    platform/sdl), engine/audio (but audio/sdl) and the game's domain folders include no SDL,
#    GL or ImGui header.
if(NOT SOURCE_DIR)
  message(FATAL_ERROR "pass -DSOURCE_DIR=<repository root>")
endif()

set(_violations "")
set(_gfx "#include[ \t]*[<\"](SDL|GL/|epoxy/|imgui|backends/)")

# Checks every .hpp/.cpp under `folder` (recursively) except under the `except` sub-folder.
macro(_bfr_check folder pattern why except)
  file(GLOB_RECURSE _files "${SOURCE_DIR}/${folder}/*.hpp" "${SOURCE_DIR}/${folder}/*.cpp")
  foreach(_f IN LISTS _files)
    if(NOT "${except}" STREQUAL "" AND _f MATCHES "^${SOURCE_DIR}/${folder}/${except}/")
      continue()
    endif()
    file(STRINGS "${_f}" _hits REGEX "${pattern}")
    foreach(_hit IN LISTS _hits)
      file(RELATIVE_PATH _rel "${SOURCE_DIR}" "${_f}")
      list(APPEND _violations "${_rel}: ${why}: ${_hit}")
    endforeach()
  endforeach()
endmacro()

_bfr_check(engine "#include[ \t]*[<\"]game/" "engine must not include game/" "")
foreach(_folder engine/core engine/ecs engine/telemetry engine/app game/session game/presentation game/cli
                game/reps game/replay game/protocol game/safety game/gamification game/history)
  _bfr_check(${_folder} "${_gfx}" "no SDL/GL/ImGui here" "")
endforeach()
_bfr_check(engine/render "${_gfx}" "only engine/render/gl includes GL" "gl")
# The kiosk's flow, input, texts and runtime are pure (unit-tested headless); only its panels
# (and its window, the composition) draw.
file(GLOB _kiosk_files "${SOURCE_DIR}/game/modes/kiosk/*.hpp" "${SOURCE_DIR}/game/modes/kiosk/*.cpp")
foreach(_f IN LISTS _kiosk_files)
  if(_f MATCHES "/kiosk_(panels|palette|window)\\.[hc]pp$")
    continue()
  endif()
  file(STRINGS "${_f}" _hits REGEX "${_gfx}")
  foreach(_hit IN LISTS _hits)
    file(RELATIVE_PATH _rel "${SOURCE_DIR}" "${_f}")
    list(APPEND _violations "${_rel}: only kiosk_panels draws (no SDL/GL/ImGui here): ${_hit}")
  endforeach()
endforeach()
_bfr_check(engine/platform "${_gfx}" "only engine/platform/sdl includes SDL" "sdl")
_bfr_check(engine/audio "${_gfx}" "only engine/audio/sdl includes SDL" "sdl")

if(_violations)
  list(LENGTH _violations _count)
  list(JOIN _violations "\n  " _text)
  message(FATAL_ERROR "${_count} layering violation(s):\n  ${_text}")
endif()
message(STATUS "layering: ok")
