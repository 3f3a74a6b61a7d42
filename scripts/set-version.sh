#!/usr/bin/env bash
# Sets every package's version (`just set-version 0.2.0`): the workspace's, which the crates, the
# wheel (maturin reads it) and the Kotlin/Swift binding take; the workspace's requirements on its
# own crates; the npm package and the lock files. Then checks that they all agree.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:?usage: set-version.sh X.Y.Z}
if ! [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
  echo "not a semantic version: $version" >&2
  exit 1
fi

python3 - "$version" <<'EOF'
import re, sys
from pathlib import Path
version = sys.argv[1]
path = Path("Cargo.toml")
text = path.read_text()
# [workspace.package] version, and `version = "..."` on the workspace's path dependencies.
text, n = re.subn(r'(\[workspace\.package\]\nversion = )"[^"]*"', rf'\1"{version}"', text)
assert n == 1, "Cargo.toml: no [workspace.package] version"
text = re.sub(r'^(modelgates-[a-z-]+ = \{ path = "[^"]+", version = )"[^"]*"', rf'\1"{version}"', text, flags=re.M)
path.write_text(text)
EOF
cargo update --workspace --offline --quiet
(cd js && npm version "$version" --no-git-tag-version --allow-same-version >/dev/null)
(cd js/examples/dashboard && npm install --package-lock-only --no-audit --no-fund --silent)
python3 scripts/check-versions.py
