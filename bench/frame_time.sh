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
last_mean=""
run() {
  local name=$1; shift
  local figures
  figures=$("$exe" shot --frames "$frames" --out "$out/s.png" "$@" 2>/dev/null)
  last_mean=$(sed -n 's/^mean_frame_ms: //p' <<<"$figures")
  printf '%-34s %10s %10s %10s\n' "$name" \
    "$last_mean" "$(sed -n 's/^p99_frame_ms: //p' <<<"$figures")" \
    "$(sed -n 's/^triangles: //p' <<<"$figures")"
}
run "arm 1280x720 HUD"                     --size 1280x720
scene_mean=$last_mean
run "arm 1280x720 no UI"                   --size 1280x720 --no-ui
run "arm 1280x720 HUD MSAA 4x"             --size 1280x720 --msaa 4
run "leg 1280x720 HUD"                     --size 1280x720 --limb leg
run "arm 1920x1080 HUD"                    --size 1920x1080

# The budget's reference, measured now on the same machine: a bare SDL2 + OpenGL 3 window with
# ImGui's demo window only (bench_imgui_demo, beside this program's build). The full scene with
# its HUD may cost at most 3x it.
demo=$(dirname "$exe")/bench/bench_imgui_demo
if [[ -x $demo ]]; then
  figures=$("$demo" --frames "$frames" --size 1280x720 2>/dev/null)
  demo_mean=$(sed -n 's/^demo_mean_frame_ms: //p' <<<"$figures")
  printf '%-34s %10s %10s %10s\n' "ImGui demo only 1280x720 (reference)" "$demo_mean" \
    "$(sed -n 's/^demo_p99_frame_ms: //p' <<<"$figures")" "-"
  awk -v s="$scene_mean" -v d="$demo_mean" \
    'BEGIN { if (d > 0) printf "scene / reference: %.2fx (budget 3x)\n", s / d }'
else
  echo "($demo not built: no reference)"
fi
