import BatonCore

extension PolicyRegistry {
    /// Baton's built-in policies, in the order listings and results use: the simple baselines,
    /// the Dysta study's, the DREAM study's, then Dysta and DREAM with their variants.
    public static let builtIn = PolicyRegistry(BuiltInPolicies.all)
}

/// The built-in policies' descriptors (one line of registration each; the policies themselves
/// are one file each).
enum BuiltInPolicies {
    typealias P = PolicyParameters
    static let sparse = "sparse"
    static let rtmm = "rtmm"

    static var all: [PolicyDescriptor] {
        [
            PolicyDescriptor(name: "fcfs", summary: "First come, first served, layer-granular.", studies: [sparse, rtmm],
                             parameters: [P.index], supportsArtifactCompatibility: true) { FCFS(compatibility: $0.compatibility, indexed: $0.indexed) },
            PolicyDescriptor(name: "edf", summary: "Earliest deadline first, layer-granular.", studies: [rtmm],
                             parameters: [P.index]) { EDF(indexed: $0.indexed) },
            PolicyDescriptor(name: "llf", summary: "Least laxity first: deadline - now - estimated remaining latency.",
                             parameters: [P.llfLateJobs, P.index]) {
                LLF(lateJobsLast: $0.parameters.text("late_jobs") == "rank-last", indexed: $0.indexed)
            },
            PolicyDescriptor(name: "sjf", summary: "Shortest estimated remaining latency first.", studies: [sparse],
                             parameters: [P.index], supportsArtifactCompatibility: true) {
                SJF(sparse: false, compatibility: $0.compatibility, indexed: $0.indexed)
            },
            PolicyDescriptor(name: "sjf-sparse", summary: "SJF with pattern-aware estimates and the run-time monitor.",
                             parameters: [P.predictor, P.index], supportsArtifactCompatibility: true) {
                SJF(sparse: true, predictor: try $0.predictor(), compatibility: $0.compatibility, indexed: $0.indexed)
            },
            PolicyDescriptor(name: "xrbench", summary: "XRBench's default: per-model FIFO, non-preemptive, latency-greedy.", studies: [rtmm],
                             parameters: [P.index]) {
                XRBenchDefaultScheduler(indexed: $0.indexed)
            },
            PolicyDescriptor(name: "herald", summary: "Herald-style: each layer to the accelerator with the lowest latency.", studies: [rtmm],
                             parameters: [P.index]) {
                HeraldScheduler(affinity: .latency, indexed: $0.indexed)
            },
            PolicyDescriptor(name: "herald-edp", summary: "Herald-style with energy x latency affinity.", parameters: [P.index]) {
                HeraldScheduler(affinity: .energyDelay, indexed: $0.indexed)
            },
            PolicyDescriptor(name: "prema", summary: "PREMA (HPCA 2020): token thresholds, then shortest remaining.", studies: [sparse, rtmm],
                             parameters: [P.premaIdle, P.index], supportsArtifactCompatibility: true) {
                PREMA(sparse: false, compatibility: $0.compatibility, idleBelowThreshold: $0.parameters.flag("idle_below_threshold"),
                      indexed: $0.indexed)
            },
            PolicyDescriptor(name: "prema-sparse", summary: "PREMA with pattern-aware estimates and the run-time monitor.",
                             parameters: [P.predictor, P.premaIdle, P.index], supportsArtifactCompatibility: true) {
                PREMA(sparse: true, predictor: try $0.predictor(), compatibility: $0.compatibility,
                      idleBelowThreshold: $0.parameters.flag("idle_below_threshold"), indexed: $0.indexed)
            },
            PolicyDescriptor(name: "planaria", summary: "Planaria's temporal scheduling (MICRO 2020): priority / slack.", studies: [sparse, rtmm],
                             parameters: [P.planariaLateJobs, P.index], supportsArtifactCompatibility: true) {
                Planaria(compatibility: $0.compatibility, lateJobs: Planaria.LateJobs(rawValue: $0.parameters.text("late_jobs")) ?? .rankLast,
                         indexed: $0.indexed)
            },
            PolicyDescriptor(name: "sdrm3", summary: "SDRM3 (early DREAM): urgency + alpha x fairness.", studies: [sparse, rtmm],
                             parameters: [P.sdrm3Alpha, P.index], supportsArtifactCompatibility: true) {
                SDRM3(sparse: false, alpha: $0.parameters.double("alpha"), compatibility: $0.compatibility, indexed: $0.indexed)
            },
            PolicyDescriptor(name: "sdrm3-sparse", summary: "SDRM3 with pattern-aware estimates and the run-time monitor.",
                             parameters: [P.sdrm3Alpha, P.predictor, P.index], supportsArtifactCompatibility: true) {
                SDRM3(sparse: true, alpha: $0.parameters.double("alpha"), predictor: try $0.predictor(), compatibility: $0.compatibility,
                      indexed: $0.indexed)
            },
            dysta("dysta", .standard, "Dysta (MICRO 2023): static and dynamic sparsity-aware scheduling.", monitor: true, studies: [sparse]),
            dysta("dysta-naive", .naive, "Dysta without its static and dynamic levels."),
            dysta("dysta-oracle", .oracle, "Dysta with the true remaining latencies (an oracle).", oracle: true),
            dysta("dysta-static", .staticOnly, "Dysta with its static level only (pattern-aware estimates)."),
            dysta("dysta-dynamic", .dynamicOnly, "Dysta with its dynamic level only (run-time monitor).", monitor: true),
            PolicyDescriptor(name: "dysta-hw", summary: "Dysta's hardware scheduler, bit-accurate (FP32/FP16 scores, scheduling cycles, bounded queue).",
                             family: "dysta", parameters: DystaHardwareParameters.declarations + [P.index]) {
                try DystaHardware(parameters: DystaHardwareParameters($0.parameters), indexed: $0.indexed)
            },
        ] + DreamParameters.Variant.allCases.map(dream)
    }

    static func dysta(_ name: String, _ variant: Dysta.Variant, _ summary: String, monitor: Bool = false,
                      oracle: Bool = false, studies: [String] = []) -> PolicyDescriptor {
        PolicyDescriptor(name: name, summary: summary, family: "dysta", studies: studies,
                         parameters: (monitor ? [P.dystaBeta, P.predictor] : [P.dystaBeta]) + [P.index],
                         supportsArtifactCompatibility: true, isOracle: oracle) {
            Dysta(variant, beta: $0.parameters.double("beta"), predictor: monitor ? try $0.predictor() : .average,
                  compatibility: $0.compatibility, indexed: $0.indexed)
        }
    }

    static func dream(_ variant: DreamParameters.Variant) -> PolicyDescriptor {
        let summary: String
        switch variant {
        case .full: summary = "DREAM (ASPLOS 2023): MapScore, frame drop, variants, online tuning."
        case .noDrop: summary = "DREAM without frame drop."
        case .noPreference: summary = "DREAM without the preference term."
        case .fixed: summary = "DREAM without online tuning."
        case .noVariants: summary = "DREAM without model variants."
        }
        return PolicyDescriptor(name: variant.rawValue, summary: summary, family: "dream",
                                studies: variant == .full ? [rtmm] : [], parameters: PolicyParameters.dream + [P.index]) {
            DreamScheduler(parameters: PolicyParameters.dreamParameters($0.parameters, seed: $0.seed), variant: variant, indexed: $0.indexed)
        }
    }
}
