#!/usr/bin/env bash
# Usage: scripts/with-sandbox.sh COMMAND...
# Starts the sandbox on a free port of 127.0.0.1, exports MODELGATES_BASE_URL and
# MODELGATES_API_KEY (and MODELGATES_RESTRICTED_KEY) for COMMAND, runs it, and stops the sandbox however COMMAND ends.
set -euo pipefail
cd "$(dirname "$0")/.."
sandbox=target/debug/modelgates-sandbox
cargo build --quiet -p modelgates-sandbox
state=$(mktemp -d)
key="sk-mg-sandbox-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
restricted="sk-mg-restricted-$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
MODELGATES_SANDBOX_MANAGEMENT_KEY="$key" MODELGATES_SANDBOX_RESTRICTED_KEY="$restricted" "$sandbox" --port 0 --url-file "$state/url" >"$state/out" 2>&1 &
pid=$!
stop() { kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$state"; }
trap stop EXIT
for _ in $(seq 100); do [ -s "$state/url" ] && break; sleep 0.1; done
[ -s "$state/url" ] || { echo "the sandbox did not start:" >&2; cat "$state/out" >&2; exit 1; }
# MODELGATES_RESTRICTED_KEY: a valid key without management rights (the sandbox answers 403).
export MODELGATES_BASE_URL="$(cat "$state/url")" MODELGATES_API_KEY="$key" MODELGATES_RESTRICTED_KEY="$restricted"
echo "sandbox listening at $MODELGATES_BASE_URL"
"$@"
