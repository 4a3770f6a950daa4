// swift-tools-version: 6.1
// An example package that extends Baton with its own policy, workload family and study parameter.
import Foundation
import PackageDescription

// Baton is the package two folders up; a path dependency's identity is its folder's name.
let batonPath = "../.."
let batonIdentity = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent(batonPath).standardizedFileURL.lastPathComponent.lowercased()

let package = Package(
    name: "MyBaton",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: batonPath)],
    targets: [
        // The additions: a policy, a workload family (as a study) with its parameter, one registration.
        .target(name: "MyPolicies", dependencies: [.product(name: "Baton", package: batonIdentity)]),
        // `my-baton`: Baton's whole command tree with the additions.
        .executableTarget(name: "my-baton", dependencies: ["MyPolicies", .product(name: "BatonCommandLine", package: batonIdentity)]),
    ]
)
