import Foundation
import BatonCore

/// The real-time schedulers by command-line name.
public enum RTMMSchedulers {
    /// The baselines, in the order results list them.
    public static let baselines = ["fcfs", "edf", "xrbench", "herald", "prema", "planaria", "sdrm3"]
    /// DREAM and its ablations.
    public static let dreamVariants = DreamParameters.Variant.allCases.map(\.rawValue)
    /// Every name `make` accepts.
    public static let names = baselines + ["herald-edp"] + dreamVariants

    /// The scheduler called `name`; DREAM variants start from `dream`.
    /// - Throws: `InputError` (.flag) for an unknown name, with a suggestion.
    public static func make(_ name: String, dream: DreamParameters = DreamParameters()) throws -> any Scheduler {
        switch name {
        case "fcfs": return RTFCFS()
        case "edf": return RTEDF()
        case "xrbench": return XRBenchDefaultScheduler()
        case "herald": return HeraldScheduler(affinity: .latency)
        case "herald-edp": return HeraldScheduler(affinity: .energyDelay)
        case "prema": return RTPREMA()
        case "planaria": return RTPlanaria()
        case "sdrm3": return RTSDRM3()
        default:
            if let variant = DreamParameters.Variant(rawValue: name) {
                return DreamScheduler(parameters: dream, variant: variant)
            }
            throw unknownNameError("scheduler", name, known: names)
        }
    }

    /// Parses a comma-separated list of names (e.g. "fcfs,edf,dream"), checking each.
    public static func parseList(_ text: String) throws -> [String] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty, !names.contains(where: \.isEmpty) else {
            throw InputError(.flag, field: "schedulers", "expected a comma-separated list of schedulers",
                             hint: "known schedulers: \(self.names.joined(separator: ", "))")
        }
        for name in names where !self.names.contains(name) {
            throw unknownNameError("scheduler", name, known: self.names, field: "schedulers")
        }
        return names
    }
}
