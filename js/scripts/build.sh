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
# A 512 KiB stack instead of 1 MiB: the static data after it then starts below 2^20, so each of
# its ~760 addresses in the code is a 3-byte constant, not 4 (-89 B gzipped). The deepest
# recursion is a JSON value's 127 levels, which pass with 64 KiB (js/test/suite.js: "answers
# nested to and past ..."); the syntax scan keeps its own stack (json_syntax.rs).
stack="-C link-arg=-zstack-size=524288"
# Without the `std` feature: the engine links no `std` (bindings/wasm/Cargo.toml).
RUSTFLAGS="$remap $stack" cargo build --quiet -p modelgates-wasm --target wasm32-unknown-unknown --profile wasm-size \
  --no-default-features
# The wrapper's modules and wasm-bindgen's output side by side, as the wrapper imports them
# (`./wasm/modelgates_wasm.js`), in a staging folder: the bundles below are made from it.
stage=target/js-stage
rm -rf "$stage" js/dist && mkdir -p "$stage" js/dist
cp js/src/*.js "$stage"/
wasm-bindgen --target web --no-typescript --out-dir "$stage/wasm" --out-name modelgates_wasm \
  target/wasm32-unknown-unknown/wasm-size/modelgates_wasm.wasm
# The `producers` and `target_features` sections say how it was built; no engine reads them.
features="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue"
# A function with one caller is inlined only when small (at most 20 binaryen nodes): gzip finds
# more repeats among separate functions than inside a few large ones (-2.0 KB gzipped; no
# LLVM inlining setting did as well). --low-memory-unused: the first KB of memory is never read or
# written (the shadow stack fills 0..512 KiB from the top down, the data starts above it), so a
# pointer plus a constant folds into the load's offset (-275 B gzipped). (Not
# --ignore-implicit-traps: it may move a load ahead of the check that guards it.)
# First, one round of the Relooper over the flattened code and -O4: the control flow rebuilt
# from scratch leaves -Oz less to undo (-258 B gzipped; -O3 or -Os in its place did less, a
# second round nothing).
js/node_modules/.bin/wasm-opt --low-memory-unused --flatten --rereloop -O4 -Oz --converge \
  --one-caller-inline-max-function-size=20 $features \
  --strip-producers --strip-target-features \
  "$stage/wasm/modelgates_wasm_bg.wasm" -o "$stage/optimized.wasm"
# Import and export names one or two letters long, and the glue renamed to match: wasm-bindgen's
# names carry hashes no minifier can touch (-650 B gzipped in the .wasm alone).
js/node_modules/.bin/wasm-opt $features --minify-imports-and-exports-and-modules \
  "$stage/optimized.wasm" -o js/dist/modelgates_wasm_bg.wasm > "$stage/boundary.json"
node js/scripts/minify-boundary.mjs "$stage/boundary.json" "$stage/wasm/modelgates_wasm.js"
# Function bodies that look alike placed side by side, within gzip's window (-1.2 KB gzipped;
# the script says how they are chosen). Binaryen's own orders did worse: by call count +1.1 KB,
# by name +0.9 KB.
node js/scripts/order-functions.mjs js/dist/modelgates_wasm_bg.wasm
# The JS as a browser downloads it: one module per entry, minified, with a source map holding the
# original text. One file instead of nine gzips 1.5 KB smaller (each file its own dictionary) and
# loads without a chain of imports. Names are not kept (--keep-names: +690 B gzipped): the public
# classes name themselves (`static name`), which is what consoles show; stack frames map back
# through the source map.
# wasm-bindgen's glue finds the .wasm beside the module (`new URL(..., import.meta.url)`),
# hence the .wasm at the top of dist/. Its glue names its one snippet file twice in the imports
# object (the same module namespace both times): harmless, so esbuild's warning is silenced.
bundle() {
  js/node_modules/.bin/esbuild "$@" --bundle --format=esm --minify --sourcemap \
    --log-level=warning --log-override:duplicate-object-key=silent
}
bundle "$stage/index.js" --outfile=js/dist/index.js
# Node's entry (Node, Deno, Bun, SSR): the same modules, and `node:` imports left to the runtime.
bundle "$stage/node.js" --outfile=js/dist/node.js --platform=node
cp js/src/*.d.ts js/dist/
# The licence texts live once, at the repository root; the tarball carries them at its root.
cp LICENSE-MIT LICENSE-APACHE js/
