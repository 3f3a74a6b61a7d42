#!/usr/bin/env bash
# Runs every suite through `just`, keeps going past failures, logs each to target/test-logs/,
# and ends with one line "N passed, N failed" summing every suite. Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
logs=target/test-logs
rm -rf "$logs" && mkdir -p "$logs"
passed=0 failed=0

# suite NAME FORMAT RECIPE: FORMAT tells scripts/tally.py how to count the log
# (cargo: sum of "test result" lines; check: the recipe is one test, passed if it exits 0).
suite() {
  local name=$1 format=$2 recipe=$3
  echo "=== $name (just $recipe)"
  just "$recipe" 2>&1 | tee "$logs/$name.log"
  local rc=${PIPESTATUS[0]}
  read -r p f < <(python3 scripts/tally.py "$format" "$logs/$name.log" "$rc")
  echo "--- $name: $p passed, $f failed"
  passed=$((passed + p)) failed=$((failed + f))
}

suite fmt check fmt-check
suite clippy check clippy
suite clippy-wasm check clippy-wasm
suite docs check doc-check
suite core-deps check check-core-deps
suite core-wasm check check-core-wasm
suite vectors-format check check-vectors
suite generated check check-generated
suite rust cargo test-rust
suite rust-contract cargo test-rust-contract
suite prism-canary summary test-prism-canary
suite schemathesis check test-schemathesis
suite fuzz summary fuzz
suite demo check test-demo
suite js summary test-js
suite python summary test-py
suite release summary release-check
suite uniffi-rust cargo test-uniffi-rust
suite kotlin summary test-kotlin
suite mobile-std cargo test-mobile-std
suite kotlin-mobile summary test-kotlin-mobile
suite swift summary check-swift
suite android summary check-android

echo
python3 scripts/audit.py
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
