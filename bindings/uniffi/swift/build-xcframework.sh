#!/usr/bin/env bash
# Builds the Swift package's binary part on macOS (Xcode command-line tools and rustup needed):
#   build/ModelGatesFFI.xcframework     static libraries for iOS, the iOS simulator and macOS
#   Sources/ModelGates/ModelGates.swift, ModelGatesCore.swift   the generated bindings
# Never run on these Linux machines: there is no Swift toolchain or xcodebuild here.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "$root"

targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin)
rustup target add "${targets[@]}"
rustup component add rust-src
# std rebuilt without its backtrace symbolizer (see the script sourced here).
source bindings/uniffi/scripts/mobile-std.sh
for target in "${targets[@]}"; do
  RUSTC_BOOTSTRAP=1 cargo build --profile mobile -p modelgates-uniffi --target "$target" "${mobile_std[@]}"
done

# The bindings come from the host build's metadata, with the bindgen pinned in the crate.
cargo build -p modelgates-uniffi
cargo build -p modelgates-uniffi --features cli --bin uniffi-bindgen
out="$here/build"
rm -rf "$out"
mkdir -p "$out/headers"
target/debug/uniffi-bindgen generate --library target/debug/libmodelgates_uniffi.dylib \
  --language swift --out-dir "$out/generated"
python3 bindings/uniffi/scripts/swift-error-cases.py "$out/generated/ModelGates.swift"
# Two uniffi namespaces (the binding's and the core's models): both Swift files go into the one
# ModelGates module, both C headers into the XCFramework under one module map.
cp "$out/generated/ModelGatesFFI.h" "$out/generated/ModelGatesCoreFFI.h" "$out/headers/"
cat "$out/generated/ModelGatesFFI.modulemap" "$out/generated/ModelGatesCoreFFI.modulemap" \
  > "$out/headers/module.modulemap"
cp "$out/generated/ModelGates.swift" "$out/generated/ModelGatesCore.swift" "$here/Sources/ModelGates/"

lib=libmodelgates_uniffi.a
lipo -create target/aarch64-apple-ios-sim/mobile/$lib target/x86_64-apple-ios/mobile/$lib \
  -output "$out/ios-simulator-$lib"
lipo -create target/aarch64-apple-darwin/mobile/$lib target/x86_64-apple-darwin/mobile/$lib \
  -output "$out/macos-$lib"
xcodebuild -create-xcframework \
  -library "target/aarch64-apple-ios/mobile/$lib" -headers "$out/headers" \
  -library "$out/ios-simulator-$lib" -headers "$out/headers" \
  -library "$out/macos-$lib" -headers "$out/headers" \
  -output "$out/ModelGatesFFI.xcframework"
echo "built $out/ModelGatesFFI.xcframework; now: swift build --package-path $here"
