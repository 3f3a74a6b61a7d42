#!/usr/bin/env bash
# Every check of the Python package, continuing past failures (run from the repo root by
# `just test-py`, after `just build-py`):
#   1. pytest in target/py-venv: every conformance vector (sync and async), the sandbox end to
#      end (sync and async, faults, cancellation), the secret scan, the package surface;
#   2. stubtest of the native module's stubs, mypy --strict on the package and on the example;
#   3. the release wheel for manylinux2014 (python/scripts/build-wheels.sh: maturin --zig, checked
#      by auditwheel) installed into a fresh virtualenv, and the same pytest suite run there
#      against the installed wheel;
#   4. that wheel's tests again on every other supported CPython (3.9, the abi3 floor, to 3.13),
#      from pyenv when present.
# Ends with one line "N passed, N failed": pytest's counts plus one per other check.
set -uo pipefail
venv=target/py-venv
export MYPY_CACHE_DIR="$PWD/target/py-mypy-cache"
logs=target/test-logs/python
mkdir -p "$logs"
passed=0 failed=0

# pytest's final line, e.g. "== 427 passed, 1 skipped in 3.1s ==", added to the totals.
count_pytest() {
  local log=$1 rc=$2 tail p f
  tail=$(grep -E '[0-9]+ (passed|failed|errors?)\b.* in [0-9.]+s' "$log" | tail -1)
  p=$(grep -oE '[0-9]+ passed' <<<"$tail" | awk '{s += $1} END {print s + 0}')
  f=$(grep -oE '[0-9]+ (failed|errors?)' <<<"$tail" | awk '{s += $1} END {print s + 0}')
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p)) failed=$((failed + f))
}

check() {
  local name=$1; shift
  if "$@" >"$logs/$name.log" 2>&1; then
    echo "ok   $name"; passed=$((passed + 1))
  else
    echo "FAIL $name"; cat "$logs/$name.log"; failed=$((failed + 1))
  fi
}

echo "=== pytest (development build)"
"$venv/bin/python" -m pytest python/tests -q -p no:cacheprovider 2>&1 | tee "$logs/pytest.log"
count_pytest "$logs/pytest.log" "${PIPESTATUS[0]}"

echo "=== types"
check stubtest bash -c "cd python && ../$venv/bin/python -m mypy.stubtest modelgates._native"
check mypy-package bash -c "cd python && ../$venv/bin/python -m mypy --strict modelgates"
check mypy-example "$venv/bin/python" -m mypy --strict python/examples/tour.py

echo "=== the release wheel in a fresh virtualenv"
wheels=target/py-wheels
fresh=target/py-wheel-venv
rm -rf "$wheels" "$fresh"
if python/scripts/build-wheels.sh "$wheels" x86_64 >"$logs/wheel-build.log" 2>&1 \
  && python3 -m venv "$fresh" \
  && "$fresh/bin/python" -m pip install --quiet --disable-pip-version-check "$wheels"/modelgates-*.whl \
       "$(grep '^pytest==' python/requirements-dev.txt)" >"$logs/wheel-install.log" 2>&1; then
  echo "installed $(basename "$wheels"/modelgates-*.whl) into $fresh"
  # bin/pytest from the repo root: sys.path holds python/tests but not python/, so `import
  # modelgates` can only find the installed wheel (a test checks that).
  MODELGATES_EXPECT_INSTALLED=1 "$fresh/bin/pytest" python/tests -q -p no:cacheprovider 2>&1 | tee "$logs/pytest-wheel.log"
  count_pytest "$logs/pytest-wheel.log" "${PIPESTATUS[0]}"
else
  echo "FAIL wheel build or install"; cat "$logs"/wheel-*.log; failed=$((failed + 1))
fi

# The wheel is abi3 for CPython 3.9+: run the same tests on every other supported CPython this
# machine has (pyenv's builds), when there are any.
echo "=== the release wheel on other CPython versions"
pyenv_root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
for minor in 3.9 3.10 3.12 3.13; do
  python=$(ls -d "$pyenv_root"/versions/"$minor".*/bin/python3 2>/dev/null | sort -V | tail -1)
  if [ -z "$python" ]; then
    echo "CPython $minor is not installed here: not tested"
    continue
  fi
  venv_dir=target/py-wheel-venv-$minor
  rm -rf "$venv_dir"
  # pytest 8.4 is the last to support 3.9.
  if "$python" -m venv "$venv_dir" \
    && "$venv_dir/bin/python" -m pip install --quiet --disable-pip-version-check "$wheels"/modelgates-*.whl \
         pytest==8.4.2 >"$logs/wheel-install-$minor.log" 2>&1; then
    echo "CPython $("$venv_dir/bin/python" -c 'import platform; print(platform.python_version())')"
    MODELGATES_EXPECT_INSTALLED=1 "$venv_dir/bin/pytest" python/tests -q -p no:cacheprovider 2>&1 | tee "$logs/pytest-wheel-$minor.log"
    count_pytest "$logs/pytest-wheel-$minor.log" "${PIPESTATUS[0]}"
  else
    echo "FAIL wheel install on CPython $minor"; cat "$logs/wheel-install-$minor.log"; failed=$((failed + 1))
  fi
done

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
