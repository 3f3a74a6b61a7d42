#!/usr/bin/env bash
# Usage: scripts/with-sandbox.sh tests/contract/prism-canary.sh   (just test-prism-canary)
# Shows that scripts/with-prism.sh, which every binding's suite runs under, can fail: each case
# runs it around one curl and checks its exit code and the counts it prints from its own grep
# of Prism's log. An on-spec request must pass; an off-spec request and an off-spec response
# (the sandbox's HTML error page where the spec says a JSON envelope) must fail it with the
# violation counted; a proxy that receives no request must fail it too. The logs go to
# target/test-logs/prism/canary/, apart from the suites' logs. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
: "${MODELGATES_BASE_URL:?run inside scripts/with-sandbox.sh}"
export MODELGATES_PRISM_LOG_DIR=target/test-logs/prism/canary
mkdir -p "$MODELGATES_PRISM_LOG_DIR"
rm -f "$MODELGATES_PRISM_LOG_DIR"/shell-*
passed=0 failed=0 caught=0

# check NAME WANT (pass|fail) LINE_REGEX SCRIPT: runs SCRIPT (bash, sees the proxy as
# $MODELGATES_BASE_URL) under scripts/with-prism.sh; with-prism.sh must exit 0 for `pass` and
# non-zero for `fail`, and print a line matching LINE_REGEX.
check() {
  local name=$1 want=$2 line=$3 script=$4 out rc
  out=$(scripts/with-prism.sh "shell-$name" bash -c "$script" 2>&1)
  rc=$?
  if { [ "$want" = pass ] && [ "$rc" -eq 0 ]; } || { [ "$want" = fail ] && [ "$rc" -ne 0 ]; }; then
    if grep -qE "$line" <<<"$out"; then
      passed=$((passed + 1))
      caught=$((caught + $(sed -nE 's/^prism: [0-9]+ requests validated, ([0-9]+) violations$/\1/p' <<<"$out")))
      echo "ok   $name: with-prism.sh exit $rc, $(grep -E "^prism: [0-9]+ requests" <<<"$out")"
      return
    fi
  fi
  failed=$((failed + 1))
  echo "FAIL $name: wanted with-prism.sh to $want with a line matching /$line/, got exit $rc:"
  sed 's/^/     /' <<<"$out"
}

get='curl -sS -o /dev/null -w "%{http_code}\n" -H "authorization: Bearer $MODELGATES_API_KEY"'
check on-spec pass '^prism: 1 requests validated, 0 violations$' \
  "$get \"\$MODELGATES_BASE_URL/workspaces\""
check off-spec-request fail '^prism: 1 requests validated, [1-9][0-9]* violations$' \
  "$get \"\$MODELGATES_BASE_URL/workspaces?limit=500\""
check off-spec-response fail '^prism: 1 requests validated, [1-9][0-9]* violations$' \
  "$get -H 'x-sandbox-fault: status=502;body=html' \"\$MODELGATES_BASE_URL/workspaces\""
check unused-proxy fail 'the proxy received no request' 'true'

if [ "$failed" -eq 0 ]; then
  echo "prism-canary with-prism.sh: 2 off-spec + 1 on-spec exchanges and 1 unused proxy, $caught violations caught" \
    >"$MODELGATES_PRISM_LOG_DIR/shell.txt"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
