import BatonCore

/// The figures of a job that a policy's score reads, as a key: equal keys, equal scores.
///
/// A key's hash is one word folded from its figures' bit patterns (`fold`); `TieGroups` finds
/// groups by it in a `SlotTable`, without `Hasher` (a SipHash per look-up cost about a third of
/// a decision). Equality compares every figure.
protocol JobFigures: Equatable {
    init(_ job: JobState)
    /// The figures' bit patterns folded into one word (`fold`): equal keys, equal words.
    var foldedHash: UInt64 { get }
}

extension JobFigures {
    /// Mixes `word` into the running value `hash` (xor, multiply by an odd constant, rotate).
    @inline(__always)
    static func fold(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
        return (mixed << 31) | (mixed >> 33)
    }
}

/// A policy that decides through a `WaitingJobIndex`, its linear scan, or `TieGroups` of jobs
/// with identical figures (Dysta, LLF, SDRM3, Planaria): the choice between the three, and the upkeep of
/// the groups, written once.
protocol TieGroupedPolicy {
    associatedtype Figures: JobFigures
    var index: WaitingJobIndex { get set }
    var groups: TieGroups<Figures> { get set }
    /// The scan's choice from one job per group.
    mutating func selectByGroups(_ context: SchedulingContext) -> Selection?
    /// The linear scan (the reference).
    func selectByScan(_ context: SchedulingContext) -> Selection?
    /// The index's choice.
    mutating func selectIndexed(_ context: SchedulingContext) -> Selection?
}

extension TieGroupedPolicy {
    /// One decision from `indexThreshold` jobs on: the groups decide while the index's searches
    /// cost more than scoring them (see `TieGroups.decides`), otherwise the index, or the scan
    /// while the index's searches are wide (`WaitingJobIndex.scansNow`).
    mutating func selectGroupedOrIndexed(_ context: SchedulingContext) -> Selection? {
        let selection: Selection?
        if groups.decides(context) {
            index.discard()
            selection = selectByGroups(context)
        } else if index.scansNow() {
            selection = selectByScan(context)
            groups.indexSearched(visited: context.jobs.count, jobs: context.jobs.count)
        } else {
            selection = selectIndexed(context)
            groups.indexSearched(visited: index.lastVisited, jobs: context.jobs.count)
        }
        if let selection {
            groups.selected(serial: context.jobs[selection.jobIndex].serial, position: selection.jobIndex,
                            key: Figures(context.jobs[selection.jobIndex]))
        }
        return selection
    }

    /// The selection of the job the groups chose by its serial (-1: none).
    func groupsChoice(serial: Int, _ context: SchedulingContext) -> Selection? {
        guard serial >= 0, let index = context.index(ofSerial: serial) else { return nil }
        return Selection(jobIndex: index)
    }

    /// Below `indexThreshold` jobs, or when the policy scans: forgets the index and the groups.
    mutating func discardIndexAndGroups() {
        index.discard()
        if groups.isBuilt { groups.discard() }
    }

    /// Adds an admitted job to the groups, if they are kept.
    mutating func groupsAdmit(_ jobIndex: Int, context: SchedulingContext) {
        if groups.isBuilt { groups.admit(jobIndex, context: context) }
    }

    /// Takes a job that left the system out of the groups, if they are kept.
    mutating func groupsJobEnded(_ job: JobState) {
        if groups.isBuilt { groups.ended(serial: job.serial, key: Figures(job)) }
    }
}
