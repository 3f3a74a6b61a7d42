#!/usr/bin/env bash
# Builds the Android AAR: libmodelgates_uniffi.so for arm64-v8a, armeabi-v7a and x86_64 with the
# NDK (cargo-ndk for API 26, the module's minSdk; profile `mobile`: LTO, one codegen unit,
# opt-level s, stripped, std rebuilt without its backtrace symbolizer (scripts/mobile-std.sh);
# relative relocations packed), the Kotlin bindings generated from the host build (the same
# uniffi metadata; catches widened to Throwable, exception messages made readable, call
# statuses reused, as for the JVM), then Gradle's release AAR and, with `publish`, the local
# Maven repository (~/.m2).
#
# Needs: the Android SDK (ANDROID_HOME) with an NDK (ANDROID_NDK_HOME, r26 or later), JDK 17,
# and Gradle 8.9+ (`gradle`, or a wrapper made with `gradle wrapper`). None of these exist on the
# project's CI machines; there `just check-android` checks what can be checked.
#
#   bindings/uniffi/android/build-aar.sh [publish]
set -euo pipefail
cd "$(dirname "$0")/../../.."
android=bindings/uniffi/android
out=$android/build/generated

: "${ANDROID_NDK_HOME:?set ANDROID_NDK_HOME to an NDK (r26 or later)}"
rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android
rustup component add rust-src
source bindings/uniffi/scripts/mobile-std.sh
command -v cargo-ndk >/dev/null || cargo install --locked cargo-ndk@4.1.2

rm -rf "$out"
# Packed relocations (Android's own format, loaded from API 23): about 6 % of the library is
# otherwise relocation entries, 24 bytes each (measured on x86_64 Linux, `just bench-kotlin`).
packed="-C link-arg=-Wl,--pack-dyn-relocs=android"
# 16 KB pages: Android 15+ devices may use them, and Google Play refuses arm64-v8a and x86_64
# libraries whose LOAD segments are aligned for 4 KB only. NDK r28 links so by default; r26 and
# r27 need the flag (checked below either way).
pages16k="-C link-arg=-Wl,-z,max-page-size=16384"
export CARGO_TARGET_AARCH64_LINUX_ANDROID_RUSTFLAGS="$packed $pages16k"
export CARGO_TARGET_ARMV7_LINUX_ANDROIDEABI_RUSTFLAGS="$packed"
export CARGO_TARGET_X86_64_LINUX_ANDROID_RUSTFLAGS="$packed $pages16k"
RUSTC_BOOTSTRAP=1 cargo ndk --platform 26 -t arm64-v8a -t armeabi-v7a -t x86_64 -o "$out/jniLibs" \
  build --profile mobile -p modelgates-uniffi "${mobile_std[@]}"
readelf=$(ls "$ANDROID_NDK_HOME"/toolchains/llvm/prebuilt/*/bin/llvm-readelf | head -1)
for abi in arm64-v8a x86_64; do
  if ! "$readelf" -lW "$out/jniLibs/$abi/libmodelgates_uniffi.so" |
    awk '$1 == "LOAD" { n++; if ($NF != "0x4000") bad = 1 } END { exit (bad || n == 0) }'; then
    echo "$abi: libmodelgates_uniffi.so has a LOAD segment not aligned to 16 KB" >&2
    exit 1
  fi
done

# The bindings come from the library's uniffi metadata, the same on every target: generate them
# from a host build, as `just generate-uniffi` does for the JVM.
cargo build --quiet -p modelgates-uniffi
cargo build --quiet -p modelgates-uniffi --features cli --bin uniffi-bindgen
target/debug/uniffi-bindgen generate --library target/debug/libmodelgates_uniffi.so --language kotlin --out-dir "$out/uniffi" --no-format
python3 bindings/uniffi/scripts/catch-throwable.py $(find "$out/uniffi" -name '*.kt')
python3 bindings/uniffi/scripts/readable-messages.py $(find "$out/uniffi" -name '*.kt')
python3 bindings/uniffi/scripts/reuse-call-status.py $(find "$out/uniffi" -name '*.kt')

cd "$android"
gradle --no-daemon assembleRelease
ls -l build/outputs/aar/
if [ "${1:-}" = publish ]; then
  gradle --no-daemon publishToMavenLocal
fi
