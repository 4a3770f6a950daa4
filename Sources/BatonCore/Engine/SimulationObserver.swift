/// Receives the schedule as it happens (for timelines, traces and debugging).
/// All times are simulated seconds.
public protocol SimulationObserver: AnyObject {
    /// A job entered the system.
    func jobAdmitted(_ job: JobState, at time: Double)
    /// Accelerator `accelerator` ran layer `layer` of `job` from `start` to `end`.
    func layerRan(_ job: JobState, layer: Int, accelerator: Int, start: Double, end: Double)
    /// A job finished its last layer.
    func jobFinished(_ job: JobState, at time: Double)
    /// A job was dropped.
    func jobDropped(_ spec: JobSpec, serial: Int, at time: Double)
}

extension SimulationObserver {
    public func jobAdmitted(_ job: JobState, at time: Double) {}
    public func layerRan(_ job: JobState, layer: Int, accelerator: Int, start: Double, end: Double) {}
    public func jobFinished(_ job: JobState, at time: Double) {}
    public func jobDropped(_ spec: JobSpec, serial: Int, at time: Double) {}
}

/// Forwards every event to several observers, in order (e.g. a study's own statistics and a
/// Chrome trace recorder).
public final class ObserverFanOut: SimulationObserver {
    public let observers: [any SimulationObserver]

    public init(_ observers: [any SimulationObserver]) { self.observers = observers }

    public func jobAdmitted(_ job: JobState, at time: Double) { for o in observers { o.jobAdmitted(job, at: time) } }
    public func layerRan(_ job: JobState, layer: Int, accelerator: Int, start: Double, end: Double) {
        for o in observers { o.layerRan(job, layer: layer, accelerator: accelerator, start: start, end: end) }
    }
    public func jobFinished(_ job: JobState, at time: Double) { for o in observers { o.jobFinished(job, at: time) } }
    public func jobDropped(_ spec: JobSpec, serial: Int, at time: Double) { for o in observers { o.jobDropped(spec, serial: serial, at: time) } }
}
