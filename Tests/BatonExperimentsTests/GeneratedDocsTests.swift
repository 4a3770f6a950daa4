import BatonExperiments
import BatonPolicies
import BatonStudies
import BatonRTMM
import BatonSparse
import Foundation
import Testing

/// docs/parameters.md is generated from the parameter declarations; it must not go stale.
@Suite("Generated documentation")
struct GeneratedDocsTests {
    @Test func parametersDocumentIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("docs/parameters.md").path
        let onDisk = try String(contentsOfFile: path, encoding: .utf8)
        #expect(onDisk == Listings.parametersDocument(.builtIn),
                "docs/parameters.md is stale: regenerate it with `baton list parameters --format markdown` (see the file's header)")
    }
}
