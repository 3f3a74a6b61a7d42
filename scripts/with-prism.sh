#!/usr/bin/env bash
# Usage: scripts/with-prism.sh SUITE COMMAND...   (inside scripts/with-sandbox.sh)
# Puts Prism's validating proxy (tests/contract, `just setup-contract`) in front of the sandbox
# at $MODELGATES_BASE_URL, so every request COMMAND sends and every response it gets is checked
# against api/openapi.yaml. COMMAND sees:
#   MODELGATES_BASE_URL         the proxy (use it for all contract traffic)
#   MODELGATES_DIRECT_BASE_URL  the sandbox itself (for /_sandbox/counts and for faults that
#                               break HTTP or the spec on purpose: drop, truncate, body=html)
# Fails if COMMAND fails, if Prism logged any violation, or if Prism received no request at all
# (a proxy nobody used proves nothing). The log goes to target/test-logs/prism/SUITE-*.log
# ($MODELGATES_PRISM_LOG_DIR/SUITE-*.log when set), where `just audit` counts requests and
# violations. tests/contract/prism-canary.sh shows both checks fail when they should.
set -euo pipefail
cd "$(dirname "$0")/.."
suite=$1
shift
: "${MODELGATES_BASE_URL:?run inside scripts/with-sandbox.sh}"
prism=tests/contract/node_modules/.bin/prism
[ -x "$prism" ] || { echo "prism is not installed: run just setup-contract" >&2; exit 1; }
dir=${MODELGATES_PRISM_LOG_DIR:-target/test-logs/prism}
mkdir -p "$dir"
log=$dir/$suite-$$.log
# A proxy that exits before listening (its free port was taken in between, on a busy machine:
# Prism logs a bare "fatal") is started again on another port, up to three times.
pid=
trap '[ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; }' EXIT
for attempt in 1 2 3; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$prism" proxy api/openapi.yaml "$MODELGATES_BASE_URL" --errors -h 127.0.0.1 --port "$port" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do
    grep -q "Prism is listening" "$log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  grep -q "Prism is listening" "$log" && break
  echo "prism did not start (try $attempt of 3):" >&2
  cat "$log" >&2
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  pid=
  [ "$attempt" -lt 3 ] || exit 1
done
export MODELGATES_DIRECT_BASE_URL="$MODELGATES_BASE_URL"
export MODELGATES_BASE_URL="http://127.0.0.1:$port"
echo "prism validating proxy at $MODELGATES_BASE_URL (log: $log)"
status=0
"$@" || status=$?
violations=$(grep -cE "Violation:|✖" "$log" || true)
requests=$(grep -c "Request received" "$log" || true)
echo "prism: $requests requests validated, $violations violations"
if [ "$violations" -ne 0 ]; then
  grep -E "Violation:|✖" "$log" | head -20 >&2
  exit 1
fi
if [ "$requests" -eq 0 ]; then
  echo "prism: the proxy received no request, so nothing was validated ($log)" >&2
  exit 1
fi
exit "$status"
