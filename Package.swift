// swift-tools-version: 6.1
// Baton: scheduling many DNN inferences that share accelerators.
import PackageDescription

let package = Package(
    name: "Baton",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Baton", targets: ["BatonCore", "BatonPolicies", "BatonExperiments", "BatonSparse", "BatonRTMM", "BatonStudies"]),
        .library(name: "BatonCommandLine", targets: ["BatonCommandLine"]),
        .executable(name: "baton", targets: ["BatonCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Model, engine, scheduler protocol, streaming metrics, seeded randomness, diagnostics.
        .target(
            name: "BatonCore",
            dependencies: [.product(name: "HeapModule", package: "swift-collections")]
        ),
        // Every scheduling policy, written once for every study, with its registry and parameter declarations.
        .target(
            name: "BatonPolicies",
            dependencies: ["BatonCore", .product(name: "HeapModule", package: "swift-collections"),
                           .product(name: "DequeModule", package: "swift-collections")]
        ),
        // Generic machinery on the kernel: sweeps (parallel, resumable, shardable), the registry of
        // policies and studies, plots, reports, timelines, progress.
        .target(
            name: "BatonExperiments",
            dependencies: ["BatonCore", "BatonPolicies", .product(name: "Yams", package: "Yams")]
        ),
        // The sparse multi-DNN study (Dysta, MICRO 2023): cost models, benchmark, requests, predictors,
        // and its glue (runs, sweep runner, experiments, benchmarks).
        .target(
            name: "BatonSparse",
            dependencies: ["BatonCore", "BatonPolicies", "BatonExperiments"],
            resources: [.copy("Resources/layers")]
        ),
        // The real-time multi-model study (DREAM, ASPLOS 2023): XRBench workloads, platforms, configs,
        // metrics, parity, and its glue (runs, sweep runner, experiments, benchmarks).
        .target(
            name: "BatonRTMM",
            dependencies: ["BatonCore", "BatonPolicies", "BatonExperiments", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/xrbench")]
        ),
        // The built-in studies wired together: the registry with every study, the experiment catalog,
        // the cross-study experiment.
        .target(
            name: "BatonStudies",
            dependencies: ["BatonCore", "BatonPolicies", "BatonExperiments", "BatonSparse", "BatonRTMM"]
        ),
        // The command tree as a library: `Baton.main(extensions:)` runs it with a package's additions.
        .target(
            name: "BatonCommandLine",
            dependencies: [
                "BatonCore", "BatonPolicies", "BatonExperiments", "BatonSparse", "BatonRTMM", "BatonStudies",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The thin `baton` command.
        .executableTarget(name: "BatonCLI", dependencies: ["BatonCommandLine"]),
        // Scratch folders for the tests (one root per test process, removed at exit). Not a product.
        .target(name: "BatonTestSupport", path: "Tests/BatonTestSupport"),
        .testTarget(
            name: "BatonCoreTests",
            dependencies: ["BatonCore", "BatonTestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "BatonSparseTests",
            dependencies: ["BatonCore", "BatonPolicies", "BatonExperiments", "BatonSparse", "BatonTestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "BatonRTMMTests",
            dependencies: ["BatonCore", "BatonPolicies", "BatonExperiments", "BatonRTMM", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "BatonExperimentsTests",
            dependencies: ["BatonCore", "BatonPolicies", "BatonSparse", "BatonRTMM", "BatonExperiments", "BatonStudies",
                           "BatonCommandLine", "BatonTestSupport"],
            exclude: ["Golden"]
        ),
    ]
)
