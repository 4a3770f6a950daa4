import BatonTestSupport
import Foundation
import Testing
@testable import BatonExperiments
import BatonPolicies
import BatonStudies
import BatonRTMM
import BatonSparse

/// A fresh, empty temporary directory for one test.
func makeTemporaryDirectory(_ label: String = "baton-test") throws -> String {
    try ScratchSpace.uniqueDirectory(label)
}

func readText(_ path: String) throws -> String {
    let data = try #require(FileManager.default.contents(atPath: path))
    return try #require(String(data: data, encoding: .utf8))
}

func writeText(_ text: String, _ path: String) throws {
    try #require(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
}

/// Tests/BatonExperimentsTests in the source tree (golden files live in its Golden folder).
func testSourceDirectory() -> String {
    (String(describing: #filePath) as NSString).deletingLastPathComponent
}
