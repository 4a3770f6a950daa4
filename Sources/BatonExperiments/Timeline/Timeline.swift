/// A schedule to draw: rows (accelerators), bars (layers run) and markers (misses, drops).
/// Built by `ChromeTraceRecorder.timeline()` or read from a trace file by `ChromeTraceReader`.
public struct Timeline: Sendable, Equatable {
    /// One row of the chart (an accelerator, i.e. one trace thread).
    public struct Row: Sendable, Equatable {
        public var name: String
        public init(name: String) { self.name = name }
    }

    /// One layer (or run of layers) on one row.
    public struct Bar: Sendable, Equatable {
        /// Index into `rows`.
        public var row: Int
        public var startSeconds: Double
        public var endSeconds: Double
        /// Model name (chooses the colour).
        public var model: String
        /// Job identifier (request id), -1 if unknown.
        public var job: Int
        /// Layer index, -1 if unknown.
        public var layer: Int

        public init(row: Int, startSeconds: Double, endSeconds: Double, model: String, job: Int = -1, layer: Int = -1) {
            self.row = row
            self.startSeconds = startSeconds
            self.endSeconds = endSeconds
            self.model = model
            self.job = job
            self.layer = layer
        }
    }

    /// A point event.
    public struct Marker: Sendable, Equatable {
        public enum Kind: String, Sendable { case deadlineMiss = "deadline miss", drop, arrival }
        public var kind: Kind
        /// Row index for events on an accelerator (misses), nil for job events (drops, arrivals).
        public var row: Int?
        public var timeSeconds: Double
        public var model: String
        public var job: Int

        public init(kind: Kind, row: Int?, timeSeconds: Double, model: String, job: Int) {
            self.kind = kind
            self.row = row
            self.timeSeconds = timeSeconds
            self.model = model
            self.job = job
        }
    }

    public var title: String
    public var rows: [Row]
    public var bars: [Bar]
    public var markers: [Marker]

    public init(title: String = "schedule", rows: [Row], bars: [Bar] = [], markers: [Marker] = []) {
        self.title = title
        self.rows = rows
        self.bars = bars
        self.markers = markers
    }

    /// Earliest and latest time of any bar or marker (0...0 when empty).
    public var timeRange: ClosedRange<Double> {
        var low = Double.infinity, high = -Double.infinity
        for bar in bars { low = min(low, bar.startSeconds); high = max(high, bar.endSeconds) }
        for marker in markers { low = min(low, marker.timeSeconds); high = max(high, marker.timeSeconds) }
        return low <= high ? low...high : 0...0
    }

    /// Model names in order of first appearance.
    public var models: [String] {
        var seen = Set<String>()
        var names: [String] = []
        for bar in bars where seen.insert(bar.model).inserted { names.append(bar.model) }
        for marker in markers where seen.insert(marker.model).inserted { names.append(marker.model) }
        return names
    }
}
