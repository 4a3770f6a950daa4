import BatonCore
import Foundation

/// Reads a Chrome trace event file (Baton's, or any with complete `X` events) into a `Timeline`.
///
/// Accepts the object form (`{"traceEvents": [...]}`) and the bare array form. Each (pid, tid)
/// with complete events becomes a row, named by its `thread_name` metadata, ordered by pid then
/// `thread_sort_index` then tid. A bar's model is its `args.model`, else the event name. Instant
/// events named "deadline miss" and "drop" become markers. Times are converted from microseconds.
public enum ChromeTraceReader {
    /// Largest trace file read, in bytes. Foundation's JSON objects take about 45 bytes of memory
    /// per byte of trace (a 57 MB trace peaked at 2.4 GB); at this bound a trace of 119,000 layer
    /// events is drawn in about 3 s and 750 MB (docs/limits.md).
    public static let maxTraceBytes = 16 << 20

    public static func read(path: String) throws -> Timeline {
        if case .file(let size) = InputFile.status(path), size > maxTraceBytes {
            throw InputError(.limit, file: path, "the trace file has \(size) bytes, beyond the limit of \(maxTraceBytes) (16 MiB) for a timeline",
                             hint: "trace a shorter run (--duration-ms), or one run per file (--trace FOLDER)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(.file, file: path, "cannot read trace file (missing or unreadable)")
        }
        return try parse(data: data, source: path)
    }

    public static func parse(data: Data, source: String) throws -> Timeline {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            // Foundation says only "not in the correct format": find the place and the cause.
            if let failure = JSONSyntax.firstError(in: data) {
                throw InputError(.file, file: source, line: failure.line,
                                 "not a JSON trace file: column \(failure.column): \(failure.cause)")
            }
            throw InputError(.file, file: source, "not a JSON trace file: \(error.localizedDescription)")
        }
        let events: [Any]
        var title = (source as NSString).lastPathComponent
        if let object = root as? [String: Any] {
            guard let list = object["traceEvents"] as? [Any] else {
                throw InputError(.file, file: source, field: "traceEvents", "missing the traceEvents array")
            }
            events = list
            if let other = object["otherData"] as? [String: Any], let platform = other["platform"] as? String {
                title = platform
            }
        } else if let list = root as? [Any] {
            events = list
        } else {
            throw InputError(.file, file: source, "a trace is a JSON object with traceEvents, or an array of events")
        }

        struct Track: Hashable { var pid: Int; var tid: Int }
        var names: [Track: String] = [:]
        var sortIndex: [Track: Int] = [:]
        var bars: [(Track, Timeline.Bar)] = []
        var markers: [(Track?, Timeline.Marker)] = []
        for (position, item) in events.enumerated() {
            guard let event = item as? [String: Any] else {
                throw InputError(.file, file: source, field: "traceEvents[\(position)]", "event is not an object")
            }
            let phase = event["ph"] as? String ?? ""
            let track = Track(pid: intValue(event["pid"]) ?? 0, tid: intValue(event["tid"]) ?? 0)
            let args = event["args"] as? [String: Any] ?? [:]
            let name = event["name"] as? String ?? ""
            switch phase {
            case "M":
                if name == "thread_name", let label = args["name"] as? String { names[track] = label }
                if name == "thread_sort_index", let index = intValue(args["sort_index"]) { sortIndex[track] = index }
            case "X":
                guard let ts = doubleValue(event["ts"]), let dur = doubleValue(event["dur"]) else {
                    throw InputError(.file, file: source, field: "traceEvents[\(position)]", "complete event without ts or dur")
                }
                let model = args["model"] as? String ?? name
                bars.append((track, Timeline.Bar(row: -1, startSeconds: ts * 1e-6, endSeconds: (ts + dur) * 1e-6, model: model,
                                                 job: intValue(args["job"]) ?? -1, layer: intValue(args["layer"]) ?? -1)))
            case "i", "I":
                guard let ts = doubleValue(event["ts"]) else { continue }
                let kind: Timeline.Marker.Kind
                switch name {
                case "deadline miss": kind = .deadlineMiss
                case "drop": kind = .drop
                case "arrival": kind = .arrival
                default: continue
                }
                let model = args["model"] as? String ?? ""
                markers.append((kind == .deadlineMiss ? track : nil,
                                Timeline.Marker(kind: kind, row: nil, timeSeconds: ts * 1e-6, model: model, job: intValue(args["job"]) ?? -1)))
            default:
                continue
            }
        }
        let tracks = Set(bars.map(\.0)).union(markers.compactMap(\.0)).sorted {
            ($0.pid, sortIndex[$0] ?? $0.tid, $0.tid) < ($1.pid, sortIndex[$1] ?? $1.tid, $1.tid)
        }
        var rowOf: [Track: Int] = [:]
        for (i, track) in tracks.enumerated() { rowOf[track] = i }
        var timeline = Timeline(title: title, rows: tracks.map { Timeline.Row(name: names[$0] ?? "thread \($0.tid)") })
        timeline.bars = bars.map { track, bar in
            var bar = bar
            bar.row = rowOf[track] ?? 0
            return bar
        }
        timeline.markers = markers.map { track, marker in
            var marker = marker
            marker.row = track.flatMap { rowOf[$0] }
            return marker
        }
        return timeline
    }

    private static func intValue(_ any: Any?) -> Int? {
        if let number = any as? NSNumber { return number.intValue }
        if let text = any as? String { return Int(text) }
        return nil
    }

    private static func doubleValue(_ any: Any?) -> Double? {
        if let number = any as? NSNumber { return number.doubleValue }
        if let text = any as? String { return Double(text) }
        return nil
    }
}
