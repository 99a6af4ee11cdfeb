#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined) and runs each
# for SECONDS (default 60) from its seed corpus. Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
scripts/deps.sh --test
generator=()
command -v ninja >/dev/null && [[ ! -f build-fuzz/CMakeCache.txt ]] && generator=(-G Ninja)
cmake -S . -B build-fuzz "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DBFR_FUZZ=ON -DBFR_BUILD_TESTS=OFF -DBFR_BUILD_BENCH=OFF >/dev/null
targets=(fuzz_cli fuzz_telemetry fuzz_protocol fuzz_kiosk_texts)
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]}"
for t in "${targets[@]}"; do
  corpus=$(mktemp -d)
  cp -r "tests/fuzz/corpus/$t/." "$corpus/"
  echo "fuzz: $t for ${seconds}s"
  "build-fuzz/tests/fuzz/$t" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "$corpus" 2>&1 | tail -n 12
  rm -rf "$corpus"
done
