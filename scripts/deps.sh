#!/usr/bin/env bash
# Installs the Debian 12 packages BFR Coach needs that are not installed yet (nothing else is
# downloaded, ever). Uses sudo when not run as root. Usage: scripts/deps.sh [--test]
#   --test  also the packages the test suite needs (clang + libFuzzer runtime, python3, Xvfb)
set -euo pipefail

packages=(
  cmake ninja-build pkg-config g++
  libsdl2-dev libimgui-dev libstb-dev libglm-dev libepoxy-dev libfmt-dev libcli11-dev nlohmann-json3-dev libsqlite3-dev
  libcairo2-dev
  libgl-dev libegl-dev libgl1-mesa-dri libegl-mesa0 fonts-dejavu-core
  catch2
)
if [[ ${1:-} == --test ]]; then
  packages+=(clang libclang-rt-14-dev python3 xvfb xauth)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "deps: all ${#packages[@]} packages are installed"
  exit 0
fi

sudo=()
if [[ $(id -u) != 0 ]]; then
  command -v sudo >/dev/null || { echo "deps: run as root or install sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: done"
