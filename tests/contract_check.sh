#!/bin/bash
# Runs ../shared/checks/contract-check.sh and fails only on checks that belong to what has landed:
# lines marked WRONG always fail; MISSING is allowed for subcommands that say "not available yet".
set -u
script=$1; exe=$2
out=$(cd "$(dirname "$exe")" && bash "$script" "$exe" 2>&1); rc=$?
echo "$out"
if echo "$out" | grep -q '^WRONG'; then exit 1; fi
for must in "--help exits 0" "--version prints a version" "unknown flag exits 2" "shot writes a 320x200 PNG" "shot prints mean_frame_ms"; do
  echo "$out" | grep -q "^ok *$must" || { echo "missing required check: $must"; exit 1; }
done
exit 0
