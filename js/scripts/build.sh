#!/usr/bin/env bash
# Builds js/dist: the engine (size profile, wasm-bindgen --target web, wasm-opt -Oz until it stops
# shrinking (--converge: -0.6 % gzipped), from the npm `binaryen` package: Debian's binaryen 108
# produced a module Chromium refused) and the wrapper.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/.tools/bin:$PATH"
# Panic locations name their source files: as `crate-1.0/src/x.rs`, not this machine's paths
# (the build machine's home and registry folders stay out of the download, and it shrinks).
remap="--remap-path-prefix=$(rustc --print sysroot)/lib/rustlib/src/rust/="
shopt -s nullglob
for registry in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do remap+=" --remap-path-prefix=$registry="; done
RUSTFLAGS="$remap" cargo build --quiet -p modelgates-wasm --target wasm32-unknown-unknown --profile wasm-size
rm -rf js/dist && mkdir -p js/dist/wasm
wasm-bindgen --target web --no-typescript --out-dir js/dist/wasm --out-name modelgates_wasm \
  target/wasm32-unknown-unknown/wasm-size/modelgates_wasm.wasm
js/node_modules/.bin/wasm-opt -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  js/dist/wasm/modelgates_wasm_bg.wasm -o js/dist/wasm/modelgates_wasm_bg.wasm
# The JS as a browser downloads it: minified (names kept, for stack traces and console output),
# each file on its own (imports stay imports), with a source map holding the original text.
# Unminified, its comments and long names were half of the JS bytes.
minify() { js/node_modules/.bin/esbuild "$@" --minify --keep-names --sourcemap --format=esm --log-level=warning; }
minify js/src/*.js --outdir=js/dist
# wasm-bindgen's glue names its one snippet file twice in the imports object (the same module
# namespace both times): harmless, so esbuild's warning about it is silenced.
for glue in js/dist/wasm/modelgates_wasm.js $(find js/dist/wasm/snippets -name '*.js'); do
  minify "$glue" --outfile="$glue" --allow-overwrite --log-override:duplicate-object-key=silent
done
cp js/src/*.d.ts js/dist/
# The licence texts live once, at the repository root; the tarball carries them at its root.
cp LICENSE-MIT LICENSE-APACHE js/
