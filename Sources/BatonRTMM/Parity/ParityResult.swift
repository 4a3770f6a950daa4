import BatonCore

/// One counted frame of a parity run (XRBench's schedule log row).
public struct ParityFrameRecord: Sendable, Equatable {
    /// Model name.
    public var model: String
    /// Frame index j.
    public var frame: Int
    /// Accelerator that ran it, or -1 if it was dropped.
    public var accelerator: Int
    /// Due time j x period, ns.
    public var dueNanoseconds: Int64
    /// Event time at which it was injected, ns.
    public var injectionNanoseconds: Int64
    /// Dispatch time (drop time for a dropped frame), ns.
    public var dispatchNanoseconds: Int64
    /// Deadline (j + 1) x period, ns.
    public var deadlineNanoseconds: Int64
    /// Completion time (drop time for a dropped frame), ns.
    public var completionNanoseconds: Int64
    /// Energy in XRBench units (0 for a dropped frame).
    public var energyMillijoules: Double
    /// Whether the frame was dropped.
    public var dropped: Bool
}

/// Per-model figures of a parity run, as XRBench's summary lists them.
public struct ParityModelResult: Sendable, Equatable {
    /// Model name.
    public var name: String
    /// Frames counted (completed + dropped), completed, dropped, late; energy; sum of RT x EN.
    public var stats: ModelStats
    /// Mean real-time score over completed frames.
    public var realTimeScore: Double
    /// Mean energy score over completed frames.
    public var energyScore: Double
    /// User-experience score 1 - dropped / frames.
    public var userExperienceScore: Double
    /// Whole-model latency on each accelerator, ns.
    public var latencyNanoseconds: [Int64]
}

/// The outcome of an XRBench parity run.
public struct ParityResult: Sendable {
    /// Scenario and platform names.
    public var scenario: String, platform: String
    /// Seed of the cascade draws.
    public var seed: UInt64
    /// The counted frames in the order they were logged (completions, then drops, per event).
    public var records: [ParityFrameRecord]
    /// Per model with counted frames, in the scenario's order.
    public var models: [ParityModelResult]
    /// XRBench's overall score: 100 x mean over models with counted frames of S_m.
    public var score: Double
    /// Time of the last event, ns.
    public var endNanoseconds: Int64
}
