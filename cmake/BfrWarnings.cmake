# Warnings travel on an INTERFACE target: link bfr_warnings PRIVATE to every target we own.
add_library(bfr_warnings INTERFACE)
target_compile_options(bfr_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wcast-align
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough
  $<$<BOOL:${BFR_WARNINGS_AS_ERRORS}>:-Werror>)
# Not -Wnull-dereference: gcc 12 reports it at -O2 through inlined std::vector and our checked
# ctx().get<T>() accessors (false positives that change with the optimiser's mood).
