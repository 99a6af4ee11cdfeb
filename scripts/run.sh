#!/usr/bin/env bash
# The README's first command: installs what is missing, builds Release and starts BFR Coach on
# the built-in simulated cuff. Arguments go to the program (e.g. scripts/run.sh --limb leg).
# With no display it says so and renders build/shot.png instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh bfr-coach
status=0
build/bfr-coach "$@" || status=$?
if ((status == 3)) && [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} && -z ${SDL_VIDEODRIVER:-} ]]; then
  # No display: bfr-coach said why; show the scene as a picture instead.
  echo "run: no display here, so rendering a picture instead: build/shot.png"
  exec build/bfr-coach shot --out build/shot.png
fi
exit "$status"
