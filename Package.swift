// swift-tools-version: 6.2
import PackageDescription

/// Shared by every target of ours: Swift 6 mode, `any` spelled out, warnings are errors.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "dunning",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dunning", targets: ["dunning"]),
        .executable(name: "dunning-bench", targets: ["dunning-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // Pure domain: money, dates, records, policies, costs, interest, the planner. No I/O.
        .target(name: "DunningCore", swiftSettings: swiftSettings),
        // simdjson (C++) behind an extern "C" API: the ledger's fast line parser.
        .target(
            name: "CLedgerJSON",
            linkerSettings: [.linkedLibrary("simdjson")]
        ),
        // Files: the ledger store, the config loader (Yams), CSV import.
        .target(
            name: "DunningStore",
            dependencies: [
                "DunningCore", "CLedgerJSON",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "dunning",
            dependencies: [
                "DunningCore", "DunningStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "dunning-bench",
            dependencies: ["DunningCore", "DunningStore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TestSupport",
            dependencies: ["DunningCore", "DunningStore"],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "DunningCoreTests", dependencies: ["DunningCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "DunningStoreTests",
            dependencies: ["DunningCore", "DunningStore", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["DunningCore", "DunningStore", "TestSupport"],
            swiftSettings: swiftSettings
        ),
    ],
    cxxLanguageStandard: .cxx17
)
