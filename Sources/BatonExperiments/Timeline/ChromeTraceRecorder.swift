import BatonCore
import Foundation

/// Records a simulation's schedule in Chrome's trace event format (open the file in Perfetto,
/// ui.perfetto.dev, or chrome://tracing).
///
/// Layout: one process; thread 0 ("jobs") carries job events, thread a + 1 is accelerator a
/// (named "name (dataflow)" by `thread_name` metadata). Every layer is a complete event
/// (`"ph":"X"`, named after its model) with args `job` (request id), `model`, `frame`, `layer`,
/// `deadline`. Instant events (`"ph":"i"`, thread scope) mark arrivals and drops on the jobs
/// track and deadline misses (at the late finish) on the accelerator that ran the job's last
/// layer. All times (`ts`, `dur`, `deadline`, `late_by`) are in microseconds of simulated time.
///
/// Attach it with `simulator.observer = recorder`. Per layer it appends one small value to an
/// array (amortised, no other allocation).
public final class ChromeTraceRecorder: SimulationObserver {
    private struct Event {
        enum Kind: UInt8 { case layer, arrival, drop, miss }
        var kind: Kind
        var track: Int32
        var model: Int32
        var layer: Int32
        var job: Int
        var frame: Int
        var start: Double
        var end: Double
        var deadline: Double
    }

    private let modelNames: [String]
    private let platform: Platform
    private var events: [Event] = []
    /// Record arrival instants (on by default; they can dominate large traces).
    public var recordsArrivals: Bool

    /// - Parameters:
    ///   - modelNames: labels for model indices (`WorkloadCatalog.modelNames`).
    ///   - platform: names the accelerator tracks.
    public init(modelNames: [String], platform: Platform, recordsArrivals: Bool = true) {
        self.modelNames = modelNames
        self.platform = platform
        self.recordsArrivals = recordsArrivals
        events.reserveCapacity(1024)
    }

    /// Number of layer events recorded.
    public var layerCount: Int { events.lazy.filter { $0.kind == .layer }.count }

    public func jobAdmitted(_ job: JobState, at time: Double) {
        guard recordsArrivals else { return }
        events.append(Event(kind: .arrival, track: 0, model: Int32(job.spec.model), layer: -1, job: job.spec.requestID,
                            frame: job.spec.frameIndex, start: time, end: time, deadline: job.deadlineSeconds))
    }

    public func layerRan(_ job: JobState, layer: Int, accelerator: Int, start: Double, end: Double) {
        events.append(Event(kind: .layer, track: Int32(accelerator + 1), model: Int32(job.spec.model), layer: Int32(layer),
                            job: job.spec.requestID, frame: job.spec.frameIndex, start: start, end: end,
                            deadline: job.deadlineSeconds))
    }

    public func jobFinished(_ job: JobState, at time: Double) {
        guard time > job.deadlineSeconds else { return }
        events.append(Event(kind: .miss, track: Int32(max(0, job.lastAccelerator) + 1), model: Int32(job.spec.model),
                            layer: -1, job: job.spec.requestID, frame: job.spec.frameIndex, start: time, end: time,
                            deadline: job.deadlineSeconds))
    }

    public func jobDropped(_ spec: JobSpec, serial: Int, at time: Double) {
        events.append(Event(kind: .drop, track: 0, model: Int32(spec.model), layer: -1, job: spec.requestID,
                            frame: spec.frameIndex, start: time, end: time, deadline: spec.deadlineSeconds))
    }

    private func modelName(_ index: Int32) -> String {
        modelNames.indices.contains(Int(index)) ? modelNames[Int(index)] : "model\(index)"
    }

    /// Microseconds with three decimals (nanosecond resolution), deterministic text.
    static func micros(_ seconds: Double) -> String {
        var text = ByteText(capacity: 24)
        appendMicros(seconds, to: &text)
        return text.string
    }

    /// Appends `micros(seconds)`.
    static func appendMicros(_ seconds: Double, to text: inout ByteText) {
        guard seconds.isFinite else {
            text.append("null")
            return
        }
        text.appendFixed(seconds * 1e6, digits: 3)
    }

    /// The trace as JSON text: `{"traceEvents": [...], "displayTimeUnit": "ms", "otherData": {...}}`,
    /// one event per line, in the order they happened.
    public func json() -> String {
        var lines: [String] = []
        lines.reserveCapacity(events.count + platform.count + 3)
        let pname = ResultValue.jsonString("baton: \(platform.name)")
        lines.append("{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"tid\":0,\"args\":{\"name\":\(pname)}}")
        lines.append("{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":0,\"args\":{\"name\":\"jobs\"}}")
        lines.append("{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":0,\"args\":{\"sort_index\":0}}")
        for (a, accelerator) in platform.accelerators.enumerated() {
            let label = ResultValue.jsonString("\(accelerator.name) (\(accelerator.dataflow))")
            lines.append("{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":\(a + 1),\"args\":{\"name\":\(label)}}")
            lines.append("{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":\(a + 1),\"args\":{\"sort_index\":\(a + 1)}}")
        }
        // Events are appended to one string (no text per event beyond the numbers); model names
        // are escaped once per model.
        var modelJSON: [Int32: String] = [:]
        var out = ByteText(capacity: 256 + events.count * 230)
        out.append("{\"traceEvents\":[\n" + lines.joined(separator: ",\n"))
        for event in events {
            let model: String
            if let known = modelJSON[event.model] {
                model = known
            } else {
                model = ResultValue.jsonString(modelName(event.model))
                modelJSON[event.model] = model
            }
            out.append(",\n{\"name\":")
            switch event.kind {
            case .layer: out.append(model); out.append(",\"cat\":\"layer\",\"ph\":\"X\",")
            case .arrival: out.append("\"arrival\",\"cat\":\"job\",\"ph\":\"i\",\"s\":\"t\",")
            case .drop: out.append("\"drop\",\"cat\":\"job\",\"ph\":\"i\",\"s\":\"t\",")
            case .miss: out.append("\"deadline miss\",\"cat\":\"job\",\"ph\":\"i\",\"s\":\"t\",")
            }
            out.append("\"pid\":1,\"tid\":"); out.append(Int(event.track))
            out.append(",\"ts\":"); ChromeTraceRecorder.appendMicros(event.start, to: &out)
            if event.kind == .layer { out.append(",\"dur\":"); ChromeTraceRecorder.appendMicros(event.end - event.start, to: &out) }
            out.append(",\"args\":{\"job\":"); out.append(event.job)
            out.append(",\"model\":"); out.append(model)
            out.append(",\"frame\":"); out.append(event.frame)
            if event.kind == .layer { out.append(",\"layer\":"); out.append(Int(event.layer)) }
            out.append(",\"deadline\":"); ChromeTraceRecorder.appendMicros(event.deadline, to: &out)
            if event.kind == .miss { out.append(",\"late_by\":"); ChromeTraceRecorder.appendMicros(event.start - event.deadline, to: &out) }
            out.append("}}")
        }
        let models = modelNames.map(ResultValue.jsonString).joined(separator: ",")
        out.append("\n],\n\"displayTimeUnit\":\"ms\",\n"
            + "\"otherData\":{\"baton_version\":\(ResultValue.jsonString(BatonVersion.current)),\"platform\":\(ResultValue.jsonString(platform.name)),\"models\":[\(models)]}}\n")
        return out.string
    }

    /// Writes the trace to a file.
    public func write(to path: String) throws {
        try writeTextFileAtomically(json(), to: path)
    }

    /// The recorded schedule as a `Timeline` (rows = accelerators).
    public func timeline(title: String? = nil) -> Timeline {
        var timeline = Timeline(title: title ?? platform.name,
                                rows: platform.accelerators.map { Timeline.Row(name: "\($0.name) (\($0.dataflow))") })
        for event in events {
            let model = modelName(event.model)
            switch event.kind {
            case .layer:
                timeline.bars.append(Timeline.Bar(row: Int(event.track) - 1, startSeconds: event.start, endSeconds: event.end,
                                                  model: model, job: event.job, layer: Int(event.layer)))
            case .miss:
                timeline.markers.append(Timeline.Marker(kind: .deadlineMiss, row: Int(event.track) - 1,
                                                        timeSeconds: event.start, model: model, job: event.job))
            case .drop:
                timeline.markers.append(Timeline.Marker(kind: .drop, row: nil, timeSeconds: event.start, model: model, job: event.job))
            case .arrival:
                timeline.markers.append(Timeline.Marker(kind: .arrival, row: nil, timeSeconds: event.start, model: model, job: event.job))
            }
        }
        return timeline
    }
}
