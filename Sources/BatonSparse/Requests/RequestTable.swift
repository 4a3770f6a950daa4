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
        var table = ResultTable(columns: RequestTable.header)
        table.rows.reserveCapacity(rows.count)
        for row in rows {
            table.append(row: [.double(row.arrivalSeconds), .text(row.model), .double(row.priority),
                               .int(row.input), .double(row.deadlineSeconds)])
        }
        return table.csv()
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

    /// Reads and validates a request table against `workload`.
    /// - Throws: `InputError` naming file, line and field: missing or extra columns, non-numbers,
    ///   negative or unsorted arrivals, unknown models (with a suggestion), inputs out of range,
    ///   non-positive priorities, deadlines before arrivals.
    public static func read(path: String, workload: SparseWorkload) throws -> RequestTable {
        try parse(text: try InputFile.text(path), source: path, workload: workload)
    }

    /// Parses CSV text (see `read(path:workload:)`). Leading `#` lines are the table's provenance
    /// (`RequestProvenance`), not rows; error line numbers count them.
    public static func parse(text: String, source: String, workload: SparseWorkload) throws -> RequestTable {
        let (comments, body) = RequestProvenance.splitLeadingComments(text)
        do {
            return try parse(try CSVTable.parse(text: String(body), source: source, required: header), workload: workload)
        } catch var error as InputError {
            if let line = error.line { error.line = line + comments.count }
            throw error
        }
    }

    static func parse(_ table: CSVTable, workload: SparseWorkload) throws -> RequestTable {
        guard table.rows.count <= SimulationLimits.maxRequests else {
            throw InputError(.limit, file: table.source, "\(table.rows.count) requests exceed the limit of \(SimulationLimits.maxRequests)")
        }
        var rows: [RequestRow] = []
        rows.reserveCapacity(table.rows.count)
        var previousArrival = 0.0
        for r in 0..<table.rows.count {
            let arrival = try table.double(r, "arrival_s", in: 0...Double.greatestFiniteMagnitude,
                                           requirement: "arrival times are seconds >= 0")
            guard arrival <= SimulationLimits.maxTimeSeconds else {
                var error = table.error(r, "arrival_s",
                                        "arrival \(ResultValue.format(arrival)) s is beyond the limit of \(ResultValue.format(SimulationLimits.maxTimeSeconds)) s",
                                        hint: "see docs/limits.md")
                error.kind = .limit
                throw error
            }
            if r > 0, arrival < previousArrival {
                throw table.error(r, "arrival_s",
                                  "arrival \(ResultValue.format(arrival)) s is earlier than the previous row's \(ResultValue.format(previousArrival)) s",
                                  hint: "sort the table by arrival time")
            }
            previousArrival = arrival
            let name = try table.string(r, "model")
            guard let m = workload.modelIndex(named: name) else {
                throw unknownNameError("model", name, known: workload.modelNames, kind: .file,
                                       file: table.source, line: table.lineNumbers[r], field: "model")
            }
            let priority = try table.double(r, "priority")
            guard priority > 0 else {
                throw table.error(r, "priority", "priority \(ResultValue.format(priority)) is not positive")
            }
            let inputs = workload.models[m].inputCount
            let input = try table.int(r, "input")
            guard input >= 0, input < inputs else {
                throw table.error(r, "input", "input \(input) is out of range for model '\(name)' (0...\(inputs - 1))")
            }
            let deadline = try table.double(r, "deadline_s")
            guard deadline >= arrival else {
                throw table.error(r, "deadline_s",
                                  "deadline \(ResultValue.format(deadline)) s is before the arrival \(ResultValue.format(arrival)) s")
            }
            rows.append(RequestRow(arrivalSeconds: arrival, model: name, priority: priority, input: input,
                                   deadlineSeconds: deadline))
        }
        return RequestTable(rows: rows)
    }
}
