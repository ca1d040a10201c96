// swift-tools-version: 6.1
import PackageDescription

// Every target: `any` spelled out; an import is internal unless marked public, and a member is visible only
// where its module is imported, so an import a file relies on is written in that file (as Hummingbird builds).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "LanternNode",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lantern", targets: ["lantern"]),
        .executable(name: "lantern-bench", targets: ["LanternBench"]),
        .library(name: "LanternApp", targets: ["LanternApp"]),
        .library(name: "LanternClient", targets: ["LanternClient"]),
        .library(name: "LanternCore", targets: ["LanternCore"]),
        .library(name: "LanternStore", targets: ["LanternStore"]),
        .library(name: "LanternServer", targets: ["LanternServer"]),
        .library(name: "LanternPKI", targets: ["LanternPKI"]),
        .library(name: "LanternSync", targets: ["LanternSync"]),
        .library(name: "LanternMatch", targets: ["LanternMatch"]),
        .library(name: "LanternAPI", targets: ["LanternAPI"]),
        .library(name: "LanternWire", targets: ["LanternWire"]),
        .library(name: "LanternUI", targets: ["LanternUI"]),
        // Linked by the tests, the fuzz targets and the benchmarks only; `.ci/run` checks the product binary lacks it.
        .library(name: "LanternTesting", targets: ["LanternTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    ],
    targets: [
        // JSON bytes on hot paths, below everything: a strict scanner, UTF-8 text, repeated keys, escaped strings and
        // numbers, and the canonical signal body's layout. No domain types, no I/O.
        .target(
            name: "LanternWire",
            swiftSettings: strict
        ),
        // The domain: value types and rules, no I/O.
        .target(
            name: "LanternCore",
            dependencies: ["LanternWire"],
            swiftSettings: strict
        ),
        // SQLite's process-wide options, set before the first connection: a variadic C call Swift cannot make.
        .target(
            name: "CSQLiteSetup",
            linkerSettings: [.linkedLibrary("sqlite3")]
        ),
        // SQLite storage through GRDB.
        .target(
            name: "LanternStore",
            dependencies: [
                "CSQLiteSetup",
                "LanternCore",
                "LanternSync",
                "LanternWire",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // The program CA, participant certificates and the signed participant registry.
        .target(
            name: "LanternPKI",
            dependencies: [
                "LanternCore",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // The peer protocol's logic: scopes, hash-chained events, version vectors; state machines without I/O.
        .target(
            name: "LanternSync",
            dependencies: ["LanternCore", "LanternWire", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        // The local API's wire types, defined once: the server encodes them, the CLI and the benchmarks decode them.
        .target(
            name: "LanternAPI",
            swiftSettings: strict
        ),
        // Matching indexes over signal values: PDQ within a Hamming distance, and the others to come. No I/O.
        .target(
            name: "LanternMatch",
            dependencies: ["LanternCore"],
            swiftSettings: strict
        ),
        // The local HTTP API and background services.
        .target(
            name: "LanternServer",
            dependencies: [
                "LanternAPI",
                "LanternMatch",
                "LanternCore",
                "LanternStore",
                "LanternPKI",
                "LanternSync",
                "LanternWire",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // The investigators' web UI: pages from swift-mustache templates (embedded at build time from `Templates/`),
        // sessions with a second factor, CSRF and browser safety headers. Calls the use cases, never the store.
        .target(
            name: "LanternUI",
            dependencies: [
                "LanternAPI",
                "LanternCore",
                "LanternServer",
                "LanternStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["Templates"],
            swiftSettings: strict
        ),
        // The node as a library: `LanternNode` assembles a node from its home and runs it as one service.
        .target(
            name: "LanternApp",
            dependencies: [
                "LanternCore",
                "LanternUI",
                "LanternStore",
                "LanternServer",
                "LanternPKI",
                "LanternSync",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // What talks to a running node from outside: the local API client, streamed imports, backlog matching.
        .target(
            name: "LanternClient",
            dependencies: [
                "LanternAPI",
                "LanternCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // The `lantern` command: parses arguments and calls the libraries.
        .executableTarget(
            name: "lantern",
            dependencies: [
                "LanternAPI",
                "LanternApp",
                "LanternClient",
                "LanternCore",
                "LanternStore",
                "LanternServer",
                "LanternPKI",
                "LanternSync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: strict
        ),
        // `lantern-bench`: the benchmarks, apart from the product binary; they start `lantern` processes beside it.
        .executableTarget(
            name: "LanternBench",
            dependencies: [
                "LanternAPI",
                "LanternApp",
                "LanternClient",
                "LanternCore",
                "LanternStore",
                "LanternServer",
                "LanternPKI",
                "LanternSync",
                "LanternMatch",
                "LanternTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // Helpers shared by the test suites: temporary homes, fixtures, process launchers.
        .target(
            name: "LanternTesting",
            dependencies: ["LanternCore", "LanternStore", "LanternSync", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LanternMatchTests",
            dependencies: ["LanternMatch", "LanternCore", "LanternTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LanternUITests",
            dependencies: [
                "LanternUI", "LanternCore", "LanternServer", "LanternStore", "LanternTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LanternWireTests",
            dependencies: ["LanternWire"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LanternCoreTests",
            dependencies: ["LanternCore", "LanternTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LanternStoreTests",
            dependencies: [
                "LanternCore", "LanternStore", "LanternSync", "LanternTesting", "LanternWire",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LanternServerTests",
            dependencies: [
                "LanternAPI",
                "LanternCore", "LanternStore", "LanternServer", "LanternTesting", "LanternPKI", "LanternSync",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LanternPKITests",
            dependencies: [
                "LanternCore", "LanternPKI", "LanternTesting",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LanternSyncTests",
            dependencies: ["LanternCore", "LanternSync", "LanternTesting", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LanternAppTests",
            dependencies: [
                "LanternApp", "LanternClient", "LanternCore", "LanternStore", "LanternServer", "LanternPKI", "LanternTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LanternCLITests",
            dependencies: [
                "lantern", "LanternCore", "LanternStore", "LanternPKI", "LanternServer", "LanternTesting",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
