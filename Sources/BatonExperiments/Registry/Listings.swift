import BatonCore
import BatonPolicies

/// The tables `baton list` prints, built from the registries (and, for the generated
/// documentation, compared with the files in docs/ by a test).
public enum Listings {
    /// One row per policy.
    public static func policies(_ registry: BatonRegistry) -> ResultTable {
        var table = ResultTable(columns: ["policy", "family", "study_set", "parameters", "dysta_artifact_mode", "summary"])
        for d in registry.policies.descriptors {
            table.append(row: [.text(d.name), .text(d.family), .text(d.studies.isEmpty ? "-" : d.studies.joined(separator: " ")),
                               .text(d.parameters.isEmpty ? "-" : d.parameters.map(\.name).joined(separator: " ")),
                               .text(d.supportsArtifactCompatibility ? "yes" : "no"),
                               .text(d.summary + (d.isOracle ? " (oracle)" : ""))])
        }
        return table
    }

    /// One row per declared parameter: the studies' run parameters, then each policy's.
    public static func parameters(_ registry: BatonRegistry) -> ResultTable {
        var table = ResultTable(columns: ["owner", "parameter", "type", "unit", "default", "valid", "help"])
        func add(_ owner: String, _ p: ParameterDeclaration) {
            table.append(row: [.text(owner), .text(p.name), .text(p.typeName), .text(p.unit.isEmpty ? "-" : p.unit),
                               .text(p.defaultValue.description.isEmpty ? "-" : p.defaultValue.description),
                               .text(p.validValues), .text(p.help)])
        }
        for runner in registry.sweepRunners().all {
            for p in runner.parameters { add("study \(runner.study)", p) }
        }
        for d in registry.policies.descriptors {
            for p in d.parameters { add(d.name, p) }
        }
        return table
    }

    /// One row per study.
    public static func studies(_ registry: BatonRegistry) -> ResultTable {
        var table = ResultTable(columns: ["study", "parameters", "summary"])
        for runner in registry.sweepRunners().all {
            table.append(row: [.text(runner.study), .text(runner.parameters.map(\.name).joined(separator: " ")), .text(runner.summary)])
        }
        return table
    }

    /// One row per metric.
    public static func metrics() -> ResultTable {
        var table = ResultTable(columns: ["metric", "unit", "studies", "meaning"])
        for m in MetricCatalog.all {
            table.append(row: [.text(m.name), .text(m.unit.isEmpty ? "-" : m.unit), .text(m.studies), .text(m.meaning)])
        }
        return table
    }

    /// `docs/parameters.md`: generated from the declarations (`baton list parameters --format markdown`).
    public static func parametersDocument(_ registry: BatonRegistry) -> String {
        """
        # Parameters

        Generated from the parameter declarations by `baton list parameters --format markdown`; a test
        fails when this file is stale. Study parameters are sweep keys (and `run`/`rtmm run` flags);
        policy parameters are given with `--param NAME=VALUE` (or `--param POLICY.NAME=VALUE`) and as
        sweep keys. Policies that share a meaning share one declaration.

        \(parameters(registry).markdown())
        ## Policies

        \(policies(registry).markdown())
        """
    }
}
