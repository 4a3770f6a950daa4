import BatonCore

/// One accelerator of a real-time platform.
public struct RTAccelerator: Sendable, Equatable {
    /// Display name, unique within the platform (e.g. "acc0-ws").
    public var name: String
    /// Dataflow, PE count and bandwidth: selects the cost row.
    public var kind: AcceleratorKind

    public init(name: String, kind: AcceleratorKind) {
        self.name = name
        self.kind = kind
    }
}

/// A multi-accelerator platform for real-time workloads.
///
/// Built-in platforms follow XRBench's hardware configurations (1 GHz, off-chip bandwidth 128):
/// Single 4K is one 4096-PE accelerator whose NoC bandwidth is 256 (cost row `P4096_BW256`); Dual 4K is
/// two 2048-PE accelerators and Quad 4K four 1024-PE accelerators, both with NoC bandwidth 128 (cost
/// rows `P2048_BW128` and `P1024_BW128`), as in XRBench's `hw_configs` files.
public struct RTPlatform: Sendable, Equatable {
    /// Name used on the command line and in results.
    public var name: String
    /// The accelerators; cost tables have one column per accelerator, in this order.
    public var accelerators: [RTAccelerator]
    /// Extra latency when a job's next layer runs on another accelerator than its last, seconds.
    public var migrationSeconds: Double

    public init(name: String, accelerators: [RTAccelerator], migrationSeconds: Double = 0) {
        precondition(!accelerators.isEmpty, "a platform needs an accelerator")
        self.name = name
        self.accelerators = accelerators
        self.migrationSeconds = migrationSeconds
    }

    /// A platform of accelerators of the given kinds, named `acc<i>-<dataflow>`.
    public init(name: String, kinds: [AcceleratorKind], migrationSeconds: Double = 0) {
        self.init(name: name, accelerators: kinds.enumerated().map {
            RTAccelerator(name: "acc\($0.offset)-\($0.element.dataflow.lowercased())", kind: $0.element)
        }, migrationSeconds: migrationSeconds)
    }

    /// Number of accelerators.
    public var count: Int { accelerators.count }

    /// The engine's view of this platform.
    public var corePlatform: Platform {
        Platform(name: name, accelerators: accelerators.map {
            Accelerator(name: $0.name, dataflow: $0.kind.dataflow, processingElements: $0.kind.processingElements)
        }, migrationSeconds: migrationSeconds)
    }

    /// The built-in platforms (command-line names).
    public static let builtIn: [RTPlatform] = {
        func kinds(_ dataflows: [String], pes: Int, bandwidth: Int) -> [AcceleratorKind] {
            dataflows.map { AcceleratorKind(dataflow: $0, processingElements: pes, bandwidth: bandwidth) }
        }
        return [
            RTPlatform(name: "single-4k-ws", kinds: kinds(["WS"], pes: 4096, bandwidth: 256)),
            RTPlatform(name: "single-4k-os", kinds: kinds(["OS"], pes: 4096, bandwidth: 256)),
            RTPlatform(name: "single-4k-rs", kinds: kinds(["RS"], pes: 4096, bandwidth: 256)),
            RTPlatform(name: "dual-4k-ws-os", kinds: kinds(["WS", "OS"], pes: 2048, bandwidth: 128)),
            RTPlatform(name: "dual-4k-ws", kinds: kinds(["WS", "WS"], pes: 2048, bandwidth: 128)),
            RTPlatform(name: "quad-4k-ws-os", kinds: kinds(["WS", "OS", "WS", "OS"], pes: 1024, bandwidth: 128)),
            RTPlatform(name: "quad-4k-ws", kinds: kinds(["WS", "WS", "WS", "WS"], pes: 1024, bandwidth: 128)),
        ]
    }()
}
