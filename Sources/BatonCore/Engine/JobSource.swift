/// Where jobs come from: a request table, a Poisson stream, periodic frames, cascades.
///
/// The engine pulls jobs in order of `readySeconds` and tells the source when a job leaves the
/// system, so that cascaded sources can release (or drop) the jobs that depend on it.
public protocol JobSource {
    /// When the next job becomes ready, or nil if the source has no more spontaneous jobs. The
    /// engine reads it again only after calling one of the mutating methods: it must not change
    /// otherwise.
    func nextReadyTime() -> Double?
    /// Removes and returns the next job (the one `nextReadyTime` announced).
    mutating func next() -> JobSpec?
    /// A job finished at `time`: append any jobs it releases (ready at `time`) to `released`.
    mutating func jobFinished(_ job: JobState, at time: Double, released: inout [JobSpec])
    /// A job was dropped at `time`: append to `released` any dependants to drop with it (with
    /// `droppedOnArrival` set) and any jobs it releases (admitted as usual, e.g. a replacement).
    mutating func jobDropped(_ spec: JobSpec, at time: Double, released: inout [JobSpec])
}

extension JobSource {
    public mutating func jobFinished(_ job: JobState, at time: Double, released: inout [JobSpec]) {}
    public mutating func jobDropped(_ spec: JobSpec, at time: Double, released: inout [JobSpec]) {}
}

/// A fixed list of jobs, replayed in order of ready time (stable for equal times).
public struct ListSource: JobSource, Sendable {
    private let jobs: [JobSpec]
    private var position = 0

    public init(_ jobs: [JobSpec]) {
        self.jobs = jobs.enumerated().sorted {
            ($0.element.readySeconds, $0.offset) < ($1.element.readySeconds, $1.offset)
        }.map(\.element)
    }

    public func nextReadyTime() -> Double? { position < jobs.count ? jobs[position].readySeconds : nil }

    public mutating func next() -> JobSpec? {
        guard position < jobs.count else { return nil }
        defer { position += 1 }
        return jobs[position]
    }

    /// Number of jobs in the list.
    public var count: Int { jobs.count }
}

/// Any job source behind one concrete type, so that a simulator specialised for a policy needs no
/// second generic parameter (`Scheduler.simulateSpecialized`). Each call forwards to the source.
public struct AnyJobSource: JobSource {
    @usableFromInline var base: any JobSource

    @inlinable public init(_ base: any JobSource) { self.base = base }

    @inlinable public func nextReadyTime() -> Double? { base.nextReadyTime() }
    @inlinable public mutating func next() -> JobSpec? { base.next() }
    @inlinable public mutating func jobFinished(_ job: JobState, at time: Double, released: inout [JobSpec]) {
        base.jobFinished(job, at: time, released: &released)
    }
    @inlinable public mutating func jobDropped(_ spec: JobSpec, at time: Double, released: inout [JobSpec]) {
        base.jobDropped(spec, at: time, released: &released)
    }
}
