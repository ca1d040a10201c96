#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and AddressSanitizer, then runs them.
#   Fuzz/run.sh                      every target for 20,000 inputs from a fixed seed (what CI runs)
#   Fuzz/run.sh url -runs=1000000    one target with libFuzzer's own options (a by-hand run)
# Each target starts from its seed corpus in Fuzz/Corpus/TARGET; new inputs go to .build-fuzz/corpus/TARGET.
set -euo pipefail
cd "$(dirname "$0")"
swift build -c debug --scratch-path ../.build-fuzz --sanitize=fuzzer --sanitize=address 2>&1 | grep -v "warning: " | tail -n 3
binary=../.build-fuzz/debug/LanternFuzz
targets=(frame signal-wire messages values url registry text draft csv)
run() {
  local target=$1
  shift
  mkdir -p "../.build-fuzz/corpus/$target"
  echo "== fuzz $target $*"
  local log="../.build-fuzz/$target.log" status=0
  # A failing input is kept in .build-fuzz; Swift's own backtracer is off, as it trips AddressSanitizer.
  LANTERN_FUZZ_TARGET=$target SWIFT_BACKTRACE=enable=no "$binary" "../.build-fuzz/corpus/$target" "Corpus/$target" \
    -artifact_prefix=../.build-fuzz/ -rss_limit_mb=4096 -print_final_stats=1 "$@" \
    >"$log" 2>&1 || status=$?
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY|Property failed|Done)|ERROR: libFuzzer|==[0-9]+==ERROR" "$log" || true
  if [ "$status" -ne 0 ]; then tail -n 40 "$log"; fi
  return "$status"
}
if [ $# -gt 0 ]; then
  target=$1
  shift
  run "$target" "$@"
else
  for target in "${targets[@]}"; do run "$target" -seed=1 -runs=20000; done
fi
