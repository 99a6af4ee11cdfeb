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

# The budget: the full scene with its HUD may cost at most 3x a bare SDL2 + OpenGL 3 window showing
# only ImGui's demo window. `shot` measures that reference itself, right after its own frames, in
# the same process and window (engine/ui/reference_frames.cpp; bench_imgui_demo runs the same
# workload standalone). Machines drift, so take three rounds and report the median ratio.
ratios=()
for round in 1 2 3; do
  figures=$("$exe" shot --frames "$frames" --out "$out/s.png" --size 1280x720 2>/dev/null)
  ref=$(sed -n 's/^reference_mean_frame_ms: //p' <<<"$figures")
  ratio=$(sed -n 's/^frame_over_reference: //p' <<<"$figures")
  printf '%-34s %10s %10s %10s\n' "ImGui demo only 1280x720 (ref, $round)" "$ref" \
    "$(sed -n 's/^reference_p99_frame_ms: //p' <<<"$figures")" "-"
  ratios+=("$ratio")
done
median=$(printf '%s\n' "${ratios[@]}" | sort -g | sed -n 2p)
echo "scene with HUD / reference: ${ratios[*]} -> median ${median}x (budget 3x)"
demo=$(dirname "$exe")/bench/bench_imgui_demo
if [[ -x $demo ]]; then
  printf '%-34s %10s\n' "bench_imgui_demo standalone" \
    "$("$demo" --frames "$frames" --size 1280x720 2>/dev/null | sed -n 's/^demo_mean_frame_ms: //p')"
fi
