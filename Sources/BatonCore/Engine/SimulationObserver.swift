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
