import BatonCore

/// The parameters of `dysta-hw`, the model of Dysta's hardware scheduler (docs/dysta-hardware.md).
///
/// Declared once, in `DystaHardwareParameters.declarations` (`ParameterDeclaration`s: name, kind,
/// unit, default, valid values, help), so they reach `baton run --param dysta-hw.clock_mhz=500`,
/// sweep keys, `baton list parameters` and docs/parameters.md. `init(_:)` reads validated values;
/// a value set in code is checked by `validate()` against the same declarations.
public struct DystaHardwareParameters: Sendable, Equatable {
    /// Beta: the intended 0.01, or the artifact's as-written +0.0 (a real `localparam` used as a
    /// bit vector becomes integer 0).
    public enum BetaMode: String, Sendable, Equatable, CaseIterable {
        case intended
        case asWritten = "as-written"

        /// The host constant.
        public var value: Double { self == .intended ? 0.01 : 0 }
    }

    /// Which of Baton's observed ratios stands for "the output density of the layer that ran".
    public enum OutputDensity: String, Sendable, Equatable, CaseIterable {
        /// The ratio recorded for the layer that ran (Sanger traces: the layer's attention density
        /// is the density of its own sparse output).
        case ownLayer = "own-layer"
        /// The ratio recorded for the next layer (Eyeriss-V2 traces record each layer's
        /// input-activation sparsity, and layer k's output is layer k+1's input).
        case nextLayerInput = "next-layer-input"
    }

    /// What happens to a layer index at or beyond `maxLayers` in the LUT address.
    public enum LayerOverflow: String, Sendable, Equatable, CaseIterable {
        /// The address arithmetic `((block * maxLayers + layer) mod lutEntries)` is followed: the
        /// read lands in the next block (or in unwritten entries, which hold 0). Counted.
        case alias
        /// Requests of models with more layers than the LUT holds are refused (dropped at the
        /// next decision). Counted.
        case refuse
    }

    /// Score format (`SCORE_BITWIDTH`); also fixes W (32 or 16) and F (18 or 8).
    public var format: ScoreFormat = .fp32
    /// Queue depth D: the queue holds 2^D - 1 requests.
    public var queueDepth: Int = 9
    /// Scheduler clock, in MHz.
    public var clockMHz: Double = 200
    /// Fixed-to-float conversion latency Lc, in cycles (nil: 6).
    public var convertLatency: Int? = nil
    /// Floating-point multiply latency Lm, in cycles (nil: the format's, FP32 8, FP16 6).
    public var multiplyLatency: Int? = nil
    /// Floating-point add latency La, in cycles (nil: 11).
    public var addLatency: Int? = nil
    /// Cycles per time tick of the W-bit time arithmetic (nil: the format's, FP32 1, FP16 4096).
    public var cyclesPerTick: Int? = nil
    /// Beta mode.
    public var beta: BetaMode = .intended
    /// Model-pattern blocks the LUTs hold.
    public var maxBlocks: Int = 20
    /// Layers per model-pattern block.
    public var maxLayers: Int = 50
    /// Entries of each LUT (the address is reduced modulo this).
    public var lutEntries: Int = 1024
    /// Which observed ratio the monitor reads.
    public var outputDensity: OutputDensity = .ownLayer
    /// Layers beyond `maxLayers`.
    public var layerOverflow: LayerOverflow = .alias
    /// Charge the scheduling cycles to the accelerator (false: decisions take no time, for the
    /// ideal comparison).
    public var chargesOverhead: Bool = true

    /// The defaults (the artifact's FP32 scheduler at 200 MHz, D = 9).
    public init() {}

    /// The hardware's formula without the hardware's limits: float64 (no flushing, 64-bit time),
    /// no scheduling overhead, unbounded queue and LUTs. The property tests check it ranks tasks
    /// like a float64 reference; the experiment compares the real formats with it.
    public static var ideal: DystaHardwareParameters {
        var p = DystaHardwareParameters()
        p.format = .fp64
        p.chargesOverhead = false
        p.queueDepth = 20
        p.maxBlocks = 1024
        p.maxLayers = 1024
        p.lutEntries = 1 << 20
        return p
    }

    /// The parameters from validated values of `declarations` (e.g. a `PolicyConfiguration`'s).
    /// A latency of -1 or a `cycles_per_tick` of 0 selects the format's default.
    public init(_ values: ParameterValues) {
        format = ScoreFormat(rawValue: values.text("score_format")) ?? .fp32
        queueDepth = values.int("queue_depth")
        clockMHz = values.double("clock_mhz")
        func latency(_ name: String) -> Int? { values.int(name) < 0 ? nil : values.int(name) }
        convertLatency = latency("convert_cycles")
        multiplyLatency = latency("multiply_cycles")
        addLatency = latency("add_cycles")
        cyclesPerTick = values.int("cycles_per_tick") == 0 ? nil : values.int("cycles_per_tick")
        beta = BetaMode(rawValue: values.text("beta_mode")) ?? .intended
        maxBlocks = values.int("pattern_blocks")
        maxLayers = values.int("max_layers")
        lutEntries = values.int("lut_entries")
        outputDensity = OutputDensity(rawValue: values.text("output_density")) ?? .ownLayer
        layerOverflow = LayerOverflow(rawValue: values.text("layer_overflow")) ?? .alias
        chargesOverhead = values.flag("charge_overhead")
    }

    /// Lc in effect.
    public var effectiveConvertLatency: Int { convertLatency ?? 6 }
    /// Lm in effect.
    public var effectiveMultiplyLatency: Int { multiplyLatency ?? (format == .fp16 ? 6 : 8) }
    /// La in effect.
    public var effectiveAddLatency: Int { addLatency ?? 11 }
    /// Cycles per tick in effect.
    public var effectiveCyclesPerTick: Int { cyclesPerTick ?? (format == .fp16 ? 4096 : 1) }
    /// Queue capacity 2^D - 1.
    public var queueCapacity: Int { (1 << queueDepth) - 1 }
    /// Clock in Hz.
    public var clockHz: Double { clockMHz * 1e6 }

    /// CALC_SPARSE cycles: 4 + Lc + 2 Lm.
    public var calcSparseCycles: Int { 4 + effectiveConvertLatency + 2 * effectiveMultiplyLatency }
    /// SCORING cycles with `queued` tasks: N + 6 + Lc + Lm + La.
    public func scoringCycles(queued: Int) -> Int {
        queued + 6 + effectiveConvertLatency + effectiveMultiplyLatency + effectiveAddLatency
    }
    /// Cycles from IDLE to the NPU's start with `queued` tasks: IDLE 1 + SELECT (N + 1) + 1, the
    /// last being the EXE state's registered start signal (`start_comp_npu`). The spec's phase
    /// list sums to 2N + 12 while its total is 2N + 13; that cycle is counted here.
    public func selectCycles(queued: Int) -> Int { queued + 3 }
    /// All cycles of one layer with the NPU idle: 2N + 13 + 2 Lc + 3 Lm + La.
    public func cyclesPerLayer(queued: Int) -> Int {
        calcSparseCycles + scoringCycles(queued: queued) + selectCycles(queued: queued)
    }

    /// A short label, e.g. "fp32 intended 200MHz D9".
    public var label: String {
        "\(format.rawValue) \(beta.rawValue) \(ResultValue.format(clockMHz))MHz D\(queueDepth)"
    }

    // MARK: Declarations

    /// Every parameter of `dysta-hw`, declared once (docs/parameters.md is generated from these).
    public static let declarations: [ParameterDeclaration] = [
        ParameterDeclaration("score_format", .choice(ScoreFormat.allCases.map(\.rawValue)), default: "fp32",
                             help: "Score format SCORE_BITWIDTH: fp32 or fp16 (W = 32/16-bit time, penalty slice F = 18/8); fp64 is an idealised reference, not hardware."),
        ParameterDeclaration("queue_depth", .integer(1...20), default: 9, unit: "bits",
                             help: "REQST_DEPTH D: the queue holds 2^D - 1 requests; more wait outside it in arrival order (counted)."),
        ParameterDeclaration("clock_mhz", .real(0.001...1_000_000), default: 200, unit: "MHz",
                             help: "Scheduler clock; the hardware counts time in integer cycles of it."),
        ParameterDeclaration("convert_cycles", .integer(-1...1000), default: -1, unit: "cycles",
                             help: "Lc, fixed-to-float IP latency (-1: 6)."),
        ParameterDeclaration("multiply_cycles", .integer(-1...1000), default: -1, unit: "cycles",
                             help: "Lm, floating-point multiply IP latency (-1: the format's, fp32 8, fp16 6)."),
        ParameterDeclaration("add_cycles", .integer(-1...1000), default: -1, unit: "cycles",
                             help: "La, floating-point add IP latency (-1: 11)."),
        ParameterDeclaration("cycles_per_tick", .integer(0...(1 << 30)), default: 0, unit: "cycles",
                             help: "Time unit of the W-bit time arithmetic and of the latency LUT (0: the format's, fp32 1, fp16 4096, so FP16 can hold latencies)."),
        ParameterDeclaration("beta_mode", .choice(BetaMode.allCases.map(\.rawValue)), default: "intended",
                             help: "Weight of the cost term: intended (0.01) or as-written (+0.0: the published RTL's real BETA becomes integer 0)."),
        ParameterDeclaration("pattern_blocks", .integer(1...1024), default: 20, unit: "blocks",
                             help: "(model, pattern) blocks the LUTs hold; requests of further blocks are refused (dropped, counted)."),
        ParameterDeclaration("max_layers", .integer(1...1024), default: 50, unit: "layers",
                             help: "Layers per LUT block (MAX_LAYER)."),
        ParameterDeclaration("lut_entries", .integer(1...(1 << 20)), default: 1024, unit: "entries",
                             help: "LUT size; an entry's address is ((block x max_layers + layer) mod lut_entries)."),
        ParameterDeclaration("output_density", .choice(OutputDensity.allCases.map(\.rawValue)), default: "own-layer",
                             help: "Which observed ratio the monitor's last-one output density reads (Sanger: own-layer; Eyeriss-V2: next-layer-input)."),
        ParameterDeclaration("layer_overflow", .choice(LayerOverflow.allCases.map(\.rawValue)), default: "alias",
                             help: "Layers beyond max_layers: follow the address arithmetic into another block (counted) or refuse such models' requests."),
        ParameterDeclaration("charge_overhead", .flag, default: "true",
                             help: "Occupy the accelerator for the 2N + 13 + 2Lc + 3Lm + La scheduling cycles of each layer (false: decisions take no time)."),
    ]

    /// These parameters as values of `declarations` (the inverse of `init(_:)`).
    public var values: ParameterValues {
        var values = ParameterValues(Self.declarations)
        func set(_ name: String, _ value: ResultValue) {
            // The declarations accept every value `validate()` accepts.
            try? values.set(name, value, owner: "dysta-hw")
        }
        set("score_format", .text(format.rawValue))
        set("queue_depth", .int(queueDepth))
        set("clock_mhz", .double(clockMHz))
        set("convert_cycles", .int(convertLatency ?? -1))
        set("multiply_cycles", .int(multiplyLatency ?? -1))
        set("add_cycles", .int(addLatency ?? -1))
        set("cycles_per_tick", .int(cyclesPerTick ?? 0))
        set("beta_mode", .text(beta.rawValue))
        set("pattern_blocks", .int(maxBlocks))
        set("max_layers", .int(maxLayers))
        set("lut_entries", .int(lutEntries))
        set("output_density", .text(outputDensity.rawValue))
        set("layer_overflow", .text(layerOverflow.rawValue))
        set("charge_overhead", .text(chargesOverhead ? "true" : "false"))
        return values
    }

    /// Checks every value against its declaration (parameters set in code rather than parsed).
    /// - Throws: `InputError` (kind `.flag`, field = the parameter's name).
    public func validate() throws {
        func check(_ name: String, _ value: ResultValue) throws {
            let declaration = Self.declarations.first { $0.name == name }!
            do {
                _ = try declaration.validate(value)
            } catch var error as InputError {
                error.message = "dysta-hw parameter \(name): \(error.message)"
                throw error
            }
        }
        // In code, nil (not -1 or 0) selects a format's default.
        func present(_ name: String, _ value: Int?, atLeast minimum: Int) throws {
            guard let value else { return }
            guard value >= minimum else {
                throw InputError(.flag, field: name, "dysta-hw parameter \(name) must be at least \(minimum), got \(value)",
                                 hint: "leave it nil for the format's default")
            }
            try check(name, .int(value))
        }
        try check("queue_depth", .int(queueDepth))
        try check("clock_mhz", .double(clockMHz))
        try present("convert_cycles", convertLatency, atLeast: 0)
        try present("multiply_cycles", multiplyLatency, atLeast: 0)
        try present("add_cycles", addLatency, atLeast: 0)
        try present("cycles_per_tick", cyclesPerTick, atLeast: 1)
        try check("pattern_blocks", .int(maxBlocks))
        try check("max_layers", .int(maxLayers))
        try check("lut_entries", .int(lutEntries))
    }
}
