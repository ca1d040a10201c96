// swift-tools-version: 6.1
// The in-process benchmarks, with thresholds, kept out of the product's package as swift-nio keeps its own: run
// them with `swift package benchmark` from this folder (Benchmarks/README.md, docs/performance.md). The benchmarks
// that start whole nodes are `lantern-bench`, an executable of the product's package.
import Foundation
import PackageDescription

// A package at a path is known by its folder's name, whatever the checkout is called.
let node = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

/// A suite: an executable under `Benchmarks/<folder>` with the plugin, the shared configuration, fixtures and
/// the product's modules it measures.
func suite(_ name: String, folder: String, measuring modules: [String], _ more: [Target.Dependency] = []) -> Target {
    .executableTarget(
        name: name,
        dependencies: [
            .product(name: "Benchmark", package: "benchmark"), "BenchmarkSupport", .product(name: "LanternTesting", package: node),
        ] + modules.map { .product(name: $0, package: node) } + more,
        path: "Benchmarks/\(folder)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "LanternBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // What every suite shares: its configuration.
        .target(name: "BenchmarkSupport", dependencies: [.product(name: "Benchmark", package: "benchmark")]),
        // Reading and writing JSON on the hot paths: a received body, a canonical body, an imported draft line.
        suite("WireBenchmarks", folder: "Wire", measuring: ["LanternCore", "LanternSync", "LanternWire"]),
        // The matchers: PDQ within a Hamming distance, keywords in text, exact hashes.
        suite("MatchingBenchmarks", folder: "Matching", measuring: ["LanternCore", "LanternMatch"]),
        // A full sync's batch, stage by stage: served from the origin's store, read, verified and applied.
        suite(
            "ReceiveBenchmarks", folder: "Receive", measuring: ["LanternCore", "LanternStore", "LanternSync"],
            [.product(name: "Crypto", package: "swift-crypto")]),
        // What the audit log adds to a change and to a read: one batch stored with and without a record.
        suite("AuditBenchmarks", folder: "Audit", measuring: ["LanternCore", "LanternStore"]),
        // What the UI's pages read with a million signals held: dashboard figures, searches, a detail view.
        // With 5,000 signals added at that size, and on request an index on values, to cost one.
        suite(
            "PagesBenchmarks", folder: "Pages", measuring: ["LanternCore", "LanternStore", "LanternServer"],
            [.product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
