// swift-tools-version: 6.1
// The in-process benchmarks, with thresholds, kept out of the product's package as swift-nio keeps its own: run
// them with `swift package benchmark` from this folder (Benchmarks/README.md, docs/performance.md). The benchmarks
// that start whole nodes are `lantern-bench`, an executable of the product's package.
import Foundation
import PackageDescription

// A package at a path is known by its folder's name, whatever the checkout is called.
let node = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "LanternBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // Reading and writing JSON on the hot paths: a received body, a canonical body, an imported draft line.
        .executableTarget(
            name: "WireBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "LanternCore", package: node),
                .product(name: "LanternSync", package: node),
                .product(name: "LanternWire", package: node),
                .product(name: "LanternTesting", package: node),
            ],
            path: "Benchmarks/Wire",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The matchers: PDQ within a Hamming distance, keywords in text, exact hashes.
        .executableTarget(
            name: "MatchingBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "LanternCore", package: node),
                .product(name: "LanternMatch", package: node),
                .product(name: "LanternTesting", package: node),
            ],
            path: "Benchmarks/Matching",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // A full sync's batch, stage by stage: served from the origin's store, read, verified and applied.
        .executableTarget(
            name: "ReceiveBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "LanternCore", package: node),
                .product(name: "LanternStore", package: node),
                .product(name: "LanternSync", package: node),
                .product(name: "LanternTesting", package: node),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Benchmarks/Receive",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
