#!/usr/bin/env bash
# What each registry would receive, checked with the registry's own tools (run by
# `just release-check`, after `build-js` and `setup-py`): nothing is uploaded.
#   versions   every package carries the workspace's version (scripts/check-versions.py)
#   crates     `cargo package` of each publishable crate, verified (built from the .crate alone)
#   python     the manylinux2014 wheels (x86_64, aarch64) and the sdist: auditwheel, pip's own
#              platform check, `twine check --strict`, their contents; the sdist built into a
#              wheel on its own, installed in a fresh virtualenv, its tests run
#   npm        `npm pack --dry-run` contents, then the tarball through publint and
#              @arethetypeswrong/cli (ESM; types resolve under node16 and bundler resolution)
# Every artefact's contents are listed and checked (scripts/check-artefacts.py): licences byte for
# byte, README, the files users import, nothing else. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
out=target/release-check
logs=target/test-logs/release-check
rm -rf "$out" && mkdir -p "$out/crates" "$out/python" "$out/python-from-sdist" "$out/npm" "$logs"
venv=target/py-venv
passed=0 failed=0

check() {
  local name=$1; shift
  if "$@" >"$logs/$name.log" 2>&1; then
    echo "ok   $name"; passed=$((passed + 1))
  else
    echo "FAIL $name"; failed=$((failed + 1))
  fi
  sed 's/^/     /' "$logs/$name.log" | grep -vE '^\s+(Compiling|Checking|Downloaded|Downloading|Packaging|Verifying|Updating|Archiving|Locking|Adding) ' | tail -40
}

echo "=== versions"
check versions python3 scripts/check-versions.py

echo "=== crates (cargo package, verified)"
publishable=$(cargo metadata --no-deps --format-version 1 \
  | python3 -c 'import json, sys; print(" ".join(p["name"] for p in json.load(sys.stdin)["packages"] if p["publish"] != []))')
echo "publishable crates: $publishable"
# --allow-dirty: the check also runs on a working tree; a release is cut from a clean tag.
check cargo-package cargo package --allow-dirty $(printf -- '-p %s ' $publishable)
for crate in $publishable; do cp target/package/"$crate"-*.crate "$out/crates/"; done
check crate-contents python3 scripts/check-artefacts.py "$out"/crates/*.crate

echo "=== Python (wheel and sdist)"
# manylinux2014 wheels for x86_64 and aarch64 (auditwheel-checked), and the sdist.
check python-build bash -c "python/scripts/build-wheels.sh $out/python x86_64 aarch64 && cd python && ../$venv/bin/maturin sdist --out ../$out/python"
# pip on a glibc 2.17 system (CentOS 7, RHEL 7, Amazon Linux 2) takes each wheel, even for 3.9.
for arch in x86_64 aarch64; do
  check "pip-accepts-manylinux2014-$arch" "$venv/bin/pip" install --dry-run --quiet --disable-pip-version-check \
    --no-deps --only-binary=:all: --platform "manylinux2014_$arch" --python-version 3.9 \
    --target "$out/pip-dry-run" "$out"/python/modelgates-*_"$arch".whl
done
check twine "$venv/bin/twine" check --strict "$out"/python/*
check python-contents python3 scripts/check-artefacts.py "$out"/python/*
# The sdist alone must build: pip builds it as a user without a wheel for their platform would.
# CARGO_TARGET_DIR shares the compiled dependencies with the wheel build above.
check sdist-build env PATH="$PWD/$venv/bin:$PATH" CARGO_TARGET_DIR="$PWD/target" "$venv/bin/python" -m pip wheel --quiet --no-deps \
  --no-build-isolation --disable-pip-version-check -w "$out/python-from-sdist" "$out"/python/modelgates-*.tar.gz
fresh=target/py-sdist-venv
rm -rf "$fresh"
check sdist-install bash -c "python3 -m venv $fresh && $fresh/bin/python -m pip install --quiet --disable-pip-version-check \
  $out/python-from-sdist/modelgates-*.whl '$(grep '^pytest==' python/requirements-dev.txt)'"
# From the repo root, `import modelgates` can only find the installed wheel (a test checks that).
check sdist-tests env MODELGATES_EXPECT_INSTALLED=1 "$fresh/bin/pytest" python/tests -q -p no:cacheprovider

echo "=== npm"
check npm-pack-dry-run bash -c "cd js && npm pack --dry-run"
check npm-pack bash -c "cd js && npm pack --pack-destination ../$out/npm"
check npm-contents python3 scripts/check-artefacts.py "$out"/npm/*.tgz
check publint js/node_modules/.bin/publint run --strict "$out"/npm/modelgates-*.tgz
# esm-only: the package is ESM by design; require() of it is out of scope (a CommonJS app uses
# `await import("modelgates")`). ./engine.wasm is the engine's bytes for server bundles, not a module.
check attw js/node_modules/.bin/attw --profile esm-only --exclude-entrypoints ./engine.wasm \
  --format table-flipped "$out"/npm/modelgates-*.tgz

echo "=== every artefact carries the version"
check artefact-versions python3 scripts/check-versions.py "$out"/crates/*.crate "$out"/python/* "$out"/npm/*.tgz

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
