#!/usr/bin/env bash
# Builds the release wheels pip installs on manylinux2014 (glibc 2.17) and later: maturin's
# `--zig` links against glibc 2.17 with the zig from PyPI's `ziglang` (no old Linux image
# needed). Then `auditwheel show` must find each wheel consistent with manylinux_2_17.
#   build-wheels.sh OUT_DIR [x86_64|aarch64 ...]   (default: both)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(realpath -m "$1"); shift
[ $# -gt 0 ] || set -- x86_64 aarch64
venv=$PWD/target/py-venv
for arch in "$@"; do
  target=$arch-unknown-linux-gnu
  rustup target list --installed | grep -qx "$target" || rustup target add "$target"
  (cd python && PATH="$venv/bin:$PATH" "$venv/bin/maturin" build --release --quiet --zig \
    --compatibility manylinux2014 --target "$target" --out "$out")
  wheel=$(ls -t "$out"/modelgates-*manylinux_2_17_"$arch".whl | head -1)
  report=$("$venv/bin/auditwheel" show "$wheel")
  if ! grep -q "consistent with the following platform tag:" <<<"$report" \
     || ! tr -d '\n' <<<"$report" | grep -q "\"manylinux_2_17_$arch\""; then
    echo "auditwheel: $(basename "$wheel") is not manylinux_2_17_$arch:"; echo "$report"; exit 1
  fi
  echo "built $(basename "$wheel"): auditwheel says manylinux_2_17_$arch"
done
