/// The kind of an accelerator as far as costs go: its dataflow, PE count and NoC bandwidth.
///
/// XRBench's MAESTRO cost rows are named `P{PEs}_BW{bandwidth}` (e.g. `P4096_BW256`); the key
/// used in Baton's YAML files is `{dataflow}-{PEs}-{bandwidth}` (e.g. `WS-4096-256`).
public struct AcceleratorKind: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Dataflow, upper case: "WS" (weight-stationary), "OS" (output-stationary), "RS" (row-stationary),
    /// or any name a user model gives costs for.
    public var dataflow: String
    /// Processing elements.
    public var processingElements: Int
    /// NoC bandwidth (XRBench's `top_noc_bw`, elements per cycle).
    public var bandwidth: Int

    public init(dataflow: String, processingElements: Int, bandwidth: Int) {
        self.dataflow = dataflow.uppercased()
        self.processingElements = processingElements
        self.bandwidth = bandwidth
    }

    /// XRBench's cost-row name, e.g. `P2048_BW128`.
    public var costRow: String { "P\(processingElements)_BW\(bandwidth)" }

    /// Baton's key, e.g. `WS-2048-128`.
    public var key: String { "\(dataflow)-\(processingElements)-\(bandwidth)" }

    public var description: String { key }

    /// Parses a key such as `WS-2048-128`.
    public init?(key: String) {
        let parts = key.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, let pes = Int(parts[1]), let bw = Int(parts[2]),
              pes > 0, bw > 0 else { return nil }
        self.init(dataflow: String(parts[0]), processingElements: pes, bandwidth: bw)
    }

    public static func < (lhs: AcceleratorKind, rhs: AcceleratorKind) -> Bool {
        (lhs.dataflow, lhs.processingElements, lhs.bandwidth) < (rhs.dataflow, rhs.processingElements, rhs.bandwidth)
    }
}
