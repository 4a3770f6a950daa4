import BatonCore

/// The real-time study's listings for `baton list platforms|scenarios|models`.
public enum RTMMListings {
    /// `topic` is "platforms", "scenarios" or "models".
    public static func table(_ topic: String, library: ModelLibrary) -> ResultTable {
        switch topic {
        case "platforms":
            var table = ResultTable(columns: ["platform", "accelerators", "kinds"])
            for p in library.platforms {
                table.append(row: [.text(p.name), .int(p.accelerators.count), .text(p.accelerators.map(\.kind.key).joined(separator: " "))])
            }
            return table
        case "scenarios":
            var table = ResultTable(columns: ["scenario", "phases", "models"])
            for t in library.timelines {
                let models = Set(t.phases.flatMap { $0.scenario.models.map(\.model) }).sorted()
                table.append(row: [.text(t.name), .int(t.phases.count), .text(models.joined(separator: " "))])
            }
            return table
        default:
            var table = ResultTable(columns: ["model", "accelerator_kind", "layers", "isolated_latency_ms", "energy_mj", "variants"])
            for m in library.models {
                for kind in m.costs.keys.sorted() {
                    let costs = m.costs[kind]!
                    table.append(row: [.text(m.name), .text(kind.key), .int(costs.layerCount),
                                       .double(Double(costs.totalNanoseconds) / 1e6), .double(costs.totalEnergyMillijoules),
                                       .int(m.variants.count)])
                }
            }
            return table
        }
    }
}
