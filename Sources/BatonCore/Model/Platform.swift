/// One accelerator of a platform.
public struct Accelerator: Sendable, Equatable, Codable {
    /// Display name, unique within a platform (e.g. "acc0-ws").
    public var name: String
    /// Dataflow or kind (e.g. "WS", "OS", "RS", "sanger", "eyeriss-v2").
    public var dataflow: String
    /// Processing elements (0 when not modelled).
    public var processingElements: Int

    public init(name: String, dataflow: String, processingElements: Int = 0) {
        self.name = name
        self.dataflow = dataflow
        self.processingElements = processingElements
    }
}

/// The accelerators that share the work, and the cost of moving a job between them.
public struct Platform: Sendable, Equatable {
    /// Name shown in results (e.g. "dual-4k-ws-os").
    public var name: String
    /// The accelerators; cost tables have one column per accelerator, in this order.
    public var accelerators: [Accelerator]
    /// Extra latency charged when a job's next layer runs on a different accelerator than its last.
    public var migrationSeconds: Double

    public init(name: String, accelerators: [Accelerator], migrationSeconds: Double = 0) {
        precondition(!accelerators.isEmpty, "a platform needs at least one accelerator")
        self.name = name
        self.accelerators = accelerators
        self.migrationSeconds = migrationSeconds
    }

    /// A platform of one accelerator.
    public static func single(name: String = "single", dataflow: String = "default") -> Platform {
        Platform(name: name, accelerators: [Accelerator(name: "acc0", dataflow: dataflow)])
    }

    /// Number of accelerators.
    @inlinable public var count: Int { accelerators.count }
}
