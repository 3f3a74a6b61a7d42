#!/usr/bin/env bash
# Runs the demo flow against a fresh sandbox and checks its output: every step ran, and the
# management key and the new key's secret never appear in it.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
scripts/with-sandbox.sh bash -c 'target/debug/examples/flow && echo "KEY=$MODELGATES_API_KEY" >&3' 3>"$out.key" >"$out" 2>&1 || { cat "$out"; exit 1; }
cat "$out"
key=$(sed -n 's/^KEY=//p' "$out.key"); rm -f "$out.key"
for step in "1. created workspace" "2. listed" "3. fetched by slug" "4. updated" "5. created key" \
  "6. the workspace's keys: 1" "7. disabled key" "8. deleted key" "9. deleted workspace" "done."; do
  grep -qF "$step" "$out" || { echo "demo output lacks: $step"; exit 1; }
done
grep -qF "$key" "$out" && { echo "the demo printed the management key"; exit 1; }
grep -qE 'sk-mg-v1-[0-9a-f]{64}' "$out" && { echo "the demo printed a key secret"; exit 1; }
echo "demo ok"
