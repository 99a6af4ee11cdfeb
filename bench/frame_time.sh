#!/usr/bin/env bash
# Frame time of the scene: runs `bfr-coach shot` offscreen (SDL's EGL driver, Mesa llvmpipe here)
# over several configurations and prints mean and p99 CPU+GPU time per frame (glFinish each frame).
# Usage: bench/frame_time.sh [path/to/bfr-coach] [frames]
set -euo pipefail
exe=${1:-build/bfr-coach}
frames=${2:-300}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen} SDL_AUDIODRIVER=dummy
printf '%-34s %10s %10s %10s\n' configuration mean_ms p99_ms triangles
run() {
  local name=$1; shift
  local figures
  figures=$("$exe" shot --frames "$frames" --out "$out/s.png" "$@" 2>/dev/null)
  printf '%-34s %10s %10s %10s\n' "$name" \
    "$(sed -n 's/^mean_frame_ms: //p' <<<"$figures")" "$(sed -n 's/^p99_frame_ms: //p' <<<"$figures")" \
    "$(sed -n 's/^triangles: //p' <<<"$figures")"
}
run "arm 1280x720 HUD"                     --size 1280x720
run "arm 1280x720 no UI"                   --size 1280x720 --no-ui
run "arm 1280x720 HUD MSAA 4x"             --size 1280x720 --msaa 4
run "leg 1280x720 HUD"                     --size 1280x720 --limb leg
run "arm 1920x1080 HUD"                    --size 1920x1080
