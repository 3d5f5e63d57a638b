// swift-tools-version: 6.1
import PackageDescription

// Swift 6 language mode already implies complete strict concurrency checking; a
// warning in aish's own code fails the build (a clean-clone CI run then catches one
// that an incremental build no longer shows).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .unsafeFlags(["-warnings-as-errors"]),
]

// How aish (and the hello world its start is compared with) are linked on Linux:
// by lld, without exporting the program's own 55,000 symbols (the runtime's crash
// handler looks its path up with `dladdr`, which reads every one of them), and with
// packed relative relocations (the loader's table of them goes from 3.7 MB to 30 KB)
// where the C library reads them: glibc 2.36 and later, checked here because lld
// would pack them for an older one too. `aish --version` peaks at about 18 MB
// instead of 24 (BENCHMARKS.md, "Linking"); the symbol table stays in the file.
#if os(Linux)
    import Glibc

    let readsPackedRelocations: Bool = {
        var text = [CChar](repeating: 0, count: 64)  // "glibc 2.36"
        guard confstr(Int32(_CS_GNU_LIBC_VERSION), &text, text.count) > 0 else { return false }
        let name = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let version = name.split(separator: " ").last?.split(separator: ".").compactMap { Int($0) } ?? []
        return version.count >= 2 && (version[0], version[1]) >= (2, 36)
    }()
#else
    let readsPackedRelocations = false
#endif

let executableLinking: [LinkerSetting] = [
    .unsafeFlags(
        ["-use-ld=lld", "-Xlinker", "--no-export-dynamic"]
            + (readsPackedRelocations ? ["-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"] : []),
        .when(platforms: [.linux]))
]

// A release aish lays its code out in the order Linking/aish.order gives: the
// functions the commonest commands run, together (`make link-order` writes it with
// valgrind). A 20,000-token one-shot chat then maps 27 MB instead of 34.
let codeOrder: [LinkerSetting] = [
    .unsafeFlags(
        [
            "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Linking/aish.order",
            "-Xlinker", "--no-warn-symbol-ordering",
        ],
        .when(platforms: [.linux], configuration: .release))
]

let package = Package(
    name: "aish",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "aish", targets: ["aish"]),
        .library(name: "AishKit", targets: ["AishKit"]),
        .library(name: "AishMockServer", targets: ["AishMockServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        // config.yaml and AISH_* variables (the YAML trait brings Yams).
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: ["YAML"]),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        // The PostgreSQL session store (session.store: postgres://…).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // Two glibc calls for starting child processes (Platform/SpawnedProcess).
        .target(name: "CSpawn"),
        // The program's zero-initialised data mapped writable in one call (Platform/ZeroedData).
        .target(name: "CStartup"),
        // One variadic SQLite call (the session store's connections keep their WAL at close).
        .target(name: "CSQLite", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "AishKit",
            dependencies: [
                "CSpawn",
                "CSQLite",
                "CStartup",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // For NIOConnectionError, to tell "connection refused" from other failures.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                // https and wss, with a private CA (--cacert).
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AishMockServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "aish",
            dependencies: [
                "AishKit",
                "AishMockServer",
                "CLibEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict,
            linkerSettings: executableLinking + codeOrder
        ),
        .executableTarget(
            name: "AishBench",
            dependencies: [
                "AishKit",
                // A throwaway PostgreSQL cluster for the PostgreSQL store's benchmark.
                "AishTestSupport",
                "AishMockServer",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/AishBench",
            swiftSettings: strict
        ),
        // A Swift hello world, built like aish, for the startup benchmark to compare with.
        .executableTarget(
            name: "BenchHello", path: "Benchmarks/BenchHello", swiftSettings: strict, linkerSettings: executableLinking),
        // What several test targets share: a throwaway PostgreSQL cluster.
        .target(
            name: "AishTestSupport", dependencies: ["AishKit"], path: "Tests/AishTestSupport",
            swiftSettings: strict),
        .testTarget(
            name: "AishKitTests",
            dependencies: [
                "AishKit",
                "AishTestSupport",
                // The session store's tests look inside the database.
                .product(name: "GRDB", package: "GRDB.swift"),
                // A scripted WebSocket server for the WebSocket transport's tests.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AishMockServerTests",
            dependencies: [
                "AishMockServer",
                "AishKit",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AishEndToEndTests",
            dependencies: [
                "AishKit",
                "AishTestSupport",
                "AishMockServer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // A certificate authority made at test time, for https and wss.
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
