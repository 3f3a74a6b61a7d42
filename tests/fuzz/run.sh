#!/usr/bin/env bash
# Usage: tests/fuzz/run.sh SECONDS
# Runs each cargo-fuzz target for SECONDS from the committed seeds (new inputs go to
# target/fuzz-corpus, never into the repository), with libFuzzer's memory limits on so an
# unbounded allocation fails. Stable rustc runs cargo-fuzz's -Z flags with RUSTC_BOOTSTRAP=1:
# no other toolchain can be fetched on these machines.
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-45}
export RUSTC_BOOTSTRAP=1 PATH="$PWD/.tools/bin:$PATH"
logs=target/test-logs/fuzz
mkdir -p "$logs"
targets=$(cargo fuzz list --fuzz-dir tests/fuzz)
if [ -z "$targets" ]; then
  echo "fuzz: cargo fuzz list found no target in tests/fuzz"
  echo "0 passed, 1 failed"
  exit 1
fi
passed=0 failed=0
for target in $targets; do
  corpus=target/fuzz-corpus/$target
  mkdir -p "$corpus"
  cargo fuzz run --fuzz-dir tests/fuzz "$target" "$corpus" "tests/fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=1024 -malloc_limit_mb=256 -timeout=10 \
    >"$logs/$target.log" 2>&1
  rc=$?
  runs=$(grep -oE 'Done [0-9]+ runs' "$logs/$target.log" | awk '{print $2}' | tail -1)
  if [ "$rc" -eq 0 ] && [ -n "$runs" ]; then
    passed=$((passed + 1))
    echo "fuzz $target: $runs executions in ${seconds}s, no failure"
  else
    failed=$((failed + 1))
    echo "fuzz $target: FAILED (exit $rc), last lines of $logs/$target.log:"
    tail -30 "$logs/$target.log"
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
