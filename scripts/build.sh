#!/usr/bin/env bash
# Configures and builds. Usage: scripts/build.sh [--sanitize] [TARGET...]
#   (default)   build/       Release, warnings as errors: the program is build/bfr-coach
#   --sanitize  build-asan/  ASan + UBSan (RelWithDebInfo -O1)
#   TARGET...   only these targets (default: everything, tests and benchmarks included)
set -euo pipefail
cd "$(dirname "$0")/.."
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
sanitize=0
if [[ ${1:-} == --sanitize ]]; then sanitize=1; shift; fi
targets=()
for t in "$@"; do [[ -n $t ]] && targets+=(--target "$t"); done
if ((sanitize)); then
  dir=build-asan
  flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DBFR_SANITIZE=ON -DBFR_BUILD_BENCH=OFF)
else
  dir=build
  flags=(-DCMAKE_BUILD_TYPE=Release)
fi
if [[ -f $dir/CMakeCache.txt ]]; then generator=(); fi   # keep the generator the folder was made with
cmake -S . -B "$dir" "${generator[@]}" -DBFR_WARNINGS_AS_ERRORS=ON "${flags[@]}" >/dev/null
cmake --build "$dir" -j"$(nproc)" "${targets[@]}"
