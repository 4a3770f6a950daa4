import BatonCore

/// A request table read one validated row at a time (streamed: memory does not grow with the
/// number of rows). Both `RequestTable.read` and the streaming replay (`RequestTableSource`) read
/// through it, so a table is validated the same way whichever reads it.
///
/// Checks, each naming file, line and field: the header (`RequestTable.header`), numbers, arrivals
/// non-negative, within `SimulationLimits.maxTimeSeconds` and sorted, models known (with a
/// suggestion), priorities within `SimulationLimits.priorities`, inputs in range, deadlines not before arrivals, at most
/// `SimulationLimits.maxRequests` rows and at least one.
public final class RequestTableReader {
    /// One validated row.
    public struct Row: Sendable, Equatable {
        /// Index of the model in the workload.
        public var model: Int
        public var arrivalSeconds: Double
        public var priority: Double
        public var input: Int
        public var deadlineSeconds: Double
    }

    /// Where the table is read from.
    public var source: String { stream.source }
    /// The line of the row read last (1-based, counting comment and header lines).
    public var line: Int { stream.line }
    /// Rows read so far.
    public private(set) var count = 0
    /// The latest arrival read so far (seconds).
    public private(set) var lastArrivalSeconds = 0.0

    let stream: CSVStream
    let workload: SparseWorkload
    private let lookup: ModelNameLookup
    private let inputCounts: [Int]
    private let columns: (arrival: Int, model: Int, priority: Int, input: Int, deadline: Int)

    /// Opens a request-table file (after `InputFile.checkReadable`) and reads its header.
    public convenience init(path: String, workload: SparseWorkload) throws {
        try self.init(stream: InputFile.csvStream(path, expected: "a request table (CSV)"), workload: workload)
    }

    /// Reads in-memory text; `source` labels it in errors.
    public convenience init(text: String, source: String, workload: SparseWorkload) throws {
        try self.init(stream: CSVStream(text: text, source: source), workload: workload)
    }

    init(stream: CSVStream, workload: SparseWorkload) throws {
        self.stream = stream
        self.workload = workload
        lookup = ModelNameLookup(workload.modelNames)
        inputCounts = workload.models.map(\.inputCount)
        try stream.readHeader(required: RequestTable.header)
        columns = (stream.column("arrival_s")!, stream.column("model")!, stream.column("priority")!,
                   stream.column("input")!, stream.column("deadline_s")!)
    }

    /// The next row, or nil after the last one.
    /// - Throws: `InputError` for the first invalid row (or an empty table).
    public func next() throws -> Row? {
        guard try stream.next() else {
            if count == 0 { throw InputError(.file, file: source, "file has a header but no data rows") }
            return nil
        }
        guard count < SimulationLimits.maxRequests else {
            throw InputError(.limit, file: source, line: stream.line,
                             "more than \(SimulationLimits.maxRequests) requests exceed the limit",
                             hint: "see docs/limits.md")
        }
        let arrival = try stream.double(columns.arrival, "arrival_s", in: 0...Double.greatestFiniteMagnitude,
                                        requirement: "arrival times are seconds >= 0")
        guard arrival <= SimulationLimits.maxTimeSeconds else {
            var error = stream.error("arrival_s",
                                     "arrival \(ResultValue.format(arrival)) s is beyond the limit of \(ResultValue.format(SimulationLimits.maxTimeSeconds)) s",
                                     hint: "see docs/limits.md")
            error.kind = .limit
            throw error
        }
        if count > 0, arrival < lastArrivalSeconds {
            throw stream.error("arrival_s",
                               "arrival \(ResultValue.format(arrival)) s is earlier than the previous row's \(ResultValue.format(lastArrivalSeconds)) s",
                               hint: "sort the table by arrival time")
        }
        let model = try modelIndex()
        let priority = try stream.double(columns.priority, "priority")
        guard SimulationLimits.priorities.contains(priority) else {  // one declared range
            throw stream.error("priority", "priority \(ResultValue.format(priority)) is outside [\(ResultValue.format(SimulationLimits.priorities.lowerBound)), \(ResultValue.format(SimulationLimits.priorities.upperBound))]")
        }
        let inputs = inputCounts[model]
        let input = try stream.int(columns.input, "input")
        guard input >= 0, input < inputs else {
            throw stream.error("input", "input \(input) is out of range for model '\(workload.models[model].name)' (0...\(inputs - 1))")
        }
        let deadline = try stream.double(columns.deadline, "deadline_s")
        guard deadline >= arrival else {
            throw stream.error("deadline_s",
                               "deadline \(ResultValue.format(deadline)) s is before the arrival \(ResultValue.format(arrival)) s")
        }
        count += 1
        lastArrivalSeconds = arrival
        return Row(model: model, arrivalSeconds: arrival, priority: priority, input: input, deadlineSeconds: deadline)
    }

    private func modelIndex() throws -> Int {
        if let index = stream.withBytes(columns.model, { lookup.index(of: $0) }) { return index }
        let name = try stream.string(columns.model, "model")
        throw unknownNameError("model", name, known: workload.modelNames, kind: .file,
                               file: source, line: stream.line, field: "model")
    }
}

/// Model names looked up from raw bytes, without building a string per row.
struct ModelNameLookup {
    private let names: [[UInt8]]
    private let byHash: [UInt64: [Int]]

    init(_ names: [String]) {
        self.names = names.map { Array($0.utf8) }
        var byHash: [UInt64: [Int]] = [:]
        for (index, name) in self.names.enumerated() {
            byHash[name.withUnsafeBufferPointer(Self.hash), default: []].append(index)
        }
        self.byHash = byHash
    }

    /// FNV-1a over the bytes.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }

    func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let candidates = byHash[Self.hash(bytes)] else { return nil }
        for index in candidates where names[index].elementsEqual(bytes) { return index }
        return nil
    }
}
