// swift-tools-version: 6.1
// Baton: scheduling many DNN inferences that share accelerators.
import PackageDescription

/// Release builds optimise across modules, so the generic simulator is specialised for each
/// scheduler type used from another module (measured in `baton bench`).
let optimized: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "Baton",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Baton", targets: ["BatonCore", "BatonSparse", "BatonRTMM", "BatonExperiments"]),
        .executable(name: "baton", targets: ["BatonCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Model, engine, scheduler protocol, streaming metrics, seeded randomness, diagnostics.
        .target(
            name: "BatonCore",
            dependencies: [
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: optimized
        ),
        // The sparse multi-DNN study (Dysta, MICRO 2023): cost models, benchmark, requests, schedulers, predictors.
        .target(
            name: "BatonSparse",
            dependencies: ["BatonCore", .product(name: "HeapModule", package: "swift-collections")],
            resources: [.copy("Resources/layers")],
            swiftSettings: optimized
        ),
        // The real-time multi-model study (DREAM, ASPLOS 2023): XRBench workloads, platforms, baselines, DREAM.
        .target(
            name: "BatonRTMM",
            dependencies: ["BatonCore", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/xrbench")],
            swiftSettings: optimized
        ),
        // Experiments, sweeps, result formats, plots, reports and timelines.
        .target(
            name: "BatonExperiments",
            dependencies: ["BatonCore", "BatonSparse", "BatonRTMM", .product(name: "Yams", package: "Yams")],
            swiftSettings: optimized
        ),
        // The thin `baton` command.
        .executableTarget(
            name: "BatonCLI",
            dependencies: [
                "BatonCore", "BatonSparse", "BatonRTMM", "BatonExperiments",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: optimized
        ),
        .testTarget(
            name: "BatonCoreTests",
            dependencies: ["BatonCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "BatonSparseTests",
            dependencies: ["BatonCore", "BatonSparse", .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "BatonRTMMTests",
            dependencies: ["BatonCore", "BatonRTMM", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "BatonExperimentsTests",
            dependencies: ["BatonCore", "BatonSparse", "BatonRTMM", "BatonExperiments"],
            exclude: ["Golden"]
        ),
    ]
)
