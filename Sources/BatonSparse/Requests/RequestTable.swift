import BatonCore
import Foundation

/// One request of a sparse workload: an inference of `model` on input `input`.
public struct RequestRow: Sendable, Equatable {
    /// Arrival time in seconds.
    public var arrivalSeconds: Double
    /// Model (trace file stem).
    public var model: String
    /// Priority (the study draws 1, 3 or 9).
    public var priority: Double
    /// Input index into the model's trace (file order, 0-based).
    public var input: Int
    /// Absolute deadline in seconds.
    public var deadlineSeconds: Double

    public init(arrivalSeconds: Double, model: String, priority: Double, input: Int, deadlineSeconds: Double) {
        self.arrivalSeconds = arrivalSeconds
        self.model = model
        self.priority = priority
        self.input = input
        self.deadlineSeconds = deadlineSeconds
    }
}

/// A request table: the same table is replayed for every scheduler of one seed, and can be
/// written to and read from CSV (`arrival_s,model,priority,input,deadline_s`) so that runs can be
/// compared row for row with another tool.
public struct RequestTable: Sendable, Equatable {
    /// The CSV header, exactly.
    public static let header = ["arrival_s", "model", "priority", "input", "deadline_s"]

    /// Requests in arrival order.
    public var rows: [RequestRow]

    public init(rows: [RequestRow]) { self.rows = rows }

    /// CSV text with the header; numbers in shortest round-trip form (full precision).
    public func csv() -> String {
        var out = ByteText(capacity: 64 + rows.count * 72)
        out.append(RequestTable.header.joined(separator: ",") + "\n")
        for row in rows {
            RequestTable.appendLine(arrivalSeconds: row.arrivalSeconds, model: row.model, priority: row.priority,
                                    input: row.input, deadlineSeconds: row.deadlineSeconds, to: &out)
        }
        return out.string
    }

    /// Appends one CSV line (with its line feed) in the table's format.
    public static func appendLine(arrivalSeconds: Double, model: String, priority: Double, input: Int,
                                  deadlineSeconds: Double, to out: inout ByteText) {
        let comma = UInt8(ascii: ",")
        out.append(arrivalSeconds)
        out.append(byte: comma)
        out.append(ResultTable.csvField(model))
        out.append(byte: comma)
        out.append(priority)
        out.append(byte: comma)
        out.append(input)
        out.append(byte: comma)
        out.append(deadlineSeconds)
        out.append(byte: 0x0A)
    }

    /// Writes the CSV text to `path` atomically (`AtomicFile`: complete or not at all).
    /// - Throws: `InputError` (kind `.flag`) naming the path if it cannot be written.
    public func write(to path: String) throws {
        try AtomicFile.write(csv(), to: path)
    }

    /// The same requests with deadlines recomputed as `arrival + sloMultiplier x SLO base`.
    /// - Throws: `InputError` for an unknown model or a non-positive multiplier.
    public func withSLOMultiplier(_ sloMultiplier: Double, workload: SparseWorkload) throws -> RequestTable {
        try RequestGenerator.checkMultiplier(sloMultiplier)
        var out = self
        for i in out.rows.indices {
            guard let m = workload.modelIndex(named: out.rows[i].model) else {
                throw unknownNameError("model", out.rows[i].model, known: workload.modelNames, kind: .flag)
            }
            out.rows[i].deadlineSeconds = out.rows[i].arrivalSeconds + workload.models[m].sloBaseSeconds * sloMultiplier
        }
        return out
    }

    /// Reads and validates a request table against `workload` (see `RequestTableReader` for the
    /// checks; to replay without holding the rows, use `RequestTableSource`).
    /// - Throws: `InputError` naming file, line and field: missing or extra columns, non-numbers,
    ///   negative or unsorted arrivals, unknown models (with a suggestion), inputs out of range,
    ///   non-positive priorities, deadlines before arrivals.
    public static func read(path: String, workload: SparseWorkload) throws -> RequestTable {
        try collect(RequestTableReader(path: path, workload: workload), workload: workload)
    }

    /// Parses CSV text (see `read(path:workload:)`). Leading `#` lines are the table's provenance
    /// (`RequestProvenance`), not rows; error line numbers count them.
    public static func parse(text: String, source: String, workload: SparseWorkload) throws -> RequestTable {
        try collect(RequestTableReader(text: text, source: source, workload: workload), workload: workload)
    }

    static func collect(_ reader: RequestTableReader, workload: SparseWorkload) throws -> RequestTable {
        var rows: [RequestRow] = []
        while let row = try reader.next() {
            rows.append(RequestRow(arrivalSeconds: row.arrivalSeconds, model: workload.models[row.model].name,
                                   priority: row.priority, input: row.input, deadlineSeconds: row.deadlineSeconds))
        }
        return RequestTable(rows: rows)
    }
}
