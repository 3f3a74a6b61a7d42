// swift-tools-version:5.10
// 5.10: the generated bindings use `nonisolated(unsafe)`, which 5.9 does not know.
// The ModelGates SDK for iOS and macOS. Run ./build-xcframework.sh on a Mac first: it builds
// build/ModelGatesFFI.xcframework (the Rust library) and generates
// Sources/ModelGates/ModelGates.swift and ModelGatesCore.swift (the uniffi bindings); none of
// them is committed.
import PackageDescription

let package = Package(
    name: "ModelGates",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [
        .library(name: "ModelGates", targets: ["ModelGates"]),
    ],
    targets: [
        .binaryTarget(name: "ModelGatesFFI", path: "build/ModelGatesFFI.xcframework"),
        .target(name: "ModelGates", dependencies: ["ModelGatesFFI"], path: "Sources/ModelGates"),
    ]
)
