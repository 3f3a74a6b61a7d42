# The standard library of the library apps ship; sourced by everything that builds it
# (bindings/uniffi/tasks.just, android/build-aar.sh, swift/build-xcframework.sh):
#
#   RUSTC_BOOTSTRAP=1 cargo build --profile mobile -p modelgates-uniffi --target T "${mobile_std[@]}"
#
# Prebuilt std keeps its backtrace symbolizer (gimli, addr2line, miniz_oxide and their code)
# for as long as panics unwind, and they must unwind: uniffi turns a panic into an error for
# Kotlin and Swift instead of ending the app. So std is rebuilt with the library
# (its LTO and opt-level) without the `backtrace` feature: a panic still unwinds and still
# becomes an error (bindings/uniffi/tests/panics.rs, run so by `just test-mobile-std`); only
# the symbolized backtrace a debug console could print is gone. cargo's -Zbuild-std is
# unstable: RUSTC_BOOTSTRAP=1 lets this stable toolchain take it, for those cargo calls only.
# It needs the toolchain's std sources (`rustup component add rust-src`) and an explicit
# --target. Left out, the library builds as before, larger by 211 KB on x86_64 and 133 KB on
# arm64 (`just bench-mobile-size`).
mobile_std=(-Zbuild-std=std,panic_unwind -Zbuild-std-features=panic-unwind)
# This machine's target triple: -Zbuild-std needs one, also for a build for the machine itself.
host_target=$(rustc -vV | sed -n 's/^host: //p')
