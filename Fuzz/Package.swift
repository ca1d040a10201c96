// swift-tools-version: 6.1
// Coverage-guided fuzzing of every decoder that reads bytes from outside a node. Kept out of the product's package:
// `--sanitize=fuzzer` replaces `main`. Build and run with Fuzz/run.sh (see docs/threat-model.md).
import Foundation
import PackageDescription

// A package at a path is known by its folder's name, whatever the checkout is called.
let node = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "LanternFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
    ],
    targets: [
        .executableTarget(
            name: "LanternFuzz",
            dependencies: [
                .product(name: "LanternCore", package: node),
                .product(name: "LanternSync", package: node),
                .product(name: "LanternPKI", package: node),
                .product(name: "LanternWire", package: node),
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    ],
    swiftLanguageModes: [.v6]
)
