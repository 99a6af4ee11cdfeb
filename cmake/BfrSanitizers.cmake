# ASan + UBSan on an INTERFACE target. With BFR_SANITIZE=ON every target we own links it, and
# so does every executable (the runtime must be linked into the program).
add_library(bfr_sanitizers INTERFACE)
if(BFR_SANITIZE)
  set(_bfr_san -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_compile_options(bfr_sanitizers INTERFACE ${_bfr_san})
  target_link_options(bfr_sanitizers INTERFACE ${_bfr_san})
endif()

# bfr_options = warnings + sanitizers: what every first-party target links PRIVATE.
add_library(bfr_options INTERFACE)
target_link_libraries(bfr_options INTERFACE bfr_warnings bfr_sanitizers)
