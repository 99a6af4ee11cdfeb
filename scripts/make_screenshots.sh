#!/usr/bin/env bash
# Renders the screenshots in docs/images/ from the demo recordings (assets/recordings), offscreen:
# arm and leg at rest, mid-set, after set 4 and after deflation, plus the x-ray view.
#   scripts/make_screenshots.sh [path/to/bfr-coach]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
exe=${1:-$here/build/bfr-coach}
out=$here/docs/images
mkdir -p "$out"
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen} SDL_AUDIODRIVER=dummy
shoot() {  # limb recording time name [extra args]
  local limb=$1 rec=$2 at=$3 name=$4; shift 4
  "$exe" shot --limb "$limb" --source "file:$here/assets/recordings/$rec" --at "$at" --frames 1 \
    --size 1280x720 --out "$out/$name.png" "$@" >/dev/null
  echo "docs/images/$name.png"
}
for limb in arm leg; do
  if [[ $limb == arm ]]; then rec=arm-30-15-15-15-50pct-lop.csv; else rec=leg-30-15-15-15-60pct-lop.csv; fi
  shoot $limb $rec 4 "$limb-1-rest"              # before the cuff goes on
  shoot $limb $rec 41 "$limb-2-mid-set"          # set 1, rep 16, halfway up
  shoot $limb $rec 251 "$limb-3-after-set-4"     # the block done, cuff still on
  shoot $limb $rec 272 "$limb-4-after-deflation" # 20 s after the cuff came off
  shoot $limb $rec 251 "$limb-5-xray-after-set-4" --xray
done
