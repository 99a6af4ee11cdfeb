#!/usr/bin/env bash
# The README's second command: installs what is missing, builds, and runs every test.
# Usage: scripts/test.sh [--sanitize]   (--sanitize: the same suite under ASan + UBSan)
# Needs no display and no GPU: GL tests use SDL's offscreen (EGL) driver on Mesa's llvmpipe.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh --test
dir=build
if [[ ${1:-} == --sanitize ]]; then
  scripts/build.sh --sanitize
  dir=build-asan
else
  scripts/build.sh
fi
export SDL_AUDIODRIVER=dummy
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd "$dir"
ctest -j"$(nproc)" --output-on-failure --timeout 300
