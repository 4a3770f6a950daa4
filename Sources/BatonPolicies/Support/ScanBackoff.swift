/// When an index should scan instead of searching: after its searches were wide (compared many
/// jobs: bounds that do not separate them, e.g. a burst of identical jobs), a scan costs less for
/// a while. The next `penalty` decisions scan (64 at first, doubling up to 4,096 while wide
/// searches recur), then the index is rebuilt and tried again; narrow searches bring the penalty
/// back to 64. Both paths give the same choice, so this only bounds the cost at about that of the
/// scan. Shared by `WaitingJobIndex` and `SoftwareDystaShadow`, which judge "wide" each in their
/// own way.
struct ScanBackoff {
    private var scansLeft = 0
    private var penalty = 64

    /// Whether this decision scans (counted against the decisions left to scan).
    mutating func scansNow() -> Bool {
        guard scansLeft > 0 else { return false }
        scansLeft -= 1
        return true
    }

    /// The searches were wide: the next `penalty` decisions scan, and the penalty doubles.
    mutating func searchesWereWide() {
        scansLeft = penalty
        penalty = min(2 * penalty, 4096)
    }

    /// The searches were narrow: the penalty returns to 64.
    mutating func searchesWereNarrow() {
        penalty = 64
    }
}
