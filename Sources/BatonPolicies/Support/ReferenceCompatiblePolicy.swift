import BatonCore

/// A policy that can follow a reference tool's semantics (`--compat dysta-artifact`) instead of
/// Baton's own. The simulation must run in the same mode (`runPolicy` checks it).
public protocol ReferenceCompatiblePolicy: Scheduler {
    /// `.none` for Baton's semantics, `.dystaArtifact` for the Dysta artifact's.
    var compatibility: SimulationSettings.Compatibility { get }
}

/// The Dysta artifact's "highest wins" test for Planaria and SDRM3 (spec 7.5): replace the best
/// if there is none, if its score is negative, or if `score >= bestScore`; but on an equal score
/// keep a best that arrived strictly earlier. The first job always becomes the best, even with a
/// score of exactly -1, where the artifact fails (its equal-score check reads a best that does not
/// exist yet).
@inline(__always)
func artifactReplaces(best: Int, bestScore: Double, score: Double, bestArrival: Double, arrival: Double) -> Bool {
    if best < 0 { return true }
    guard bestScore < 0 || bestScore <= score else { return false }
    return !(bestScore == score && bestArrival < arrival)
}
