import BatonCore
import BatonExperiments

/// Wall-clock benchmark of the real-time study's experiment (issue 5's DREAM figure).
public enum DreamBenchmarks {
    /// The DREAM five-scenario UXCost experiment end to end (two platforms, every baseline and
    /// DREAM, the experiment's seeds and duration), single-threaded.
    public static func uxcost(quick: Bool) throws -> ResultTable {
        var output: DreamExperimentOutput?
        let seconds = try MonotonicClock.measure { output = try DreamExperiments.uxcost(quick: quick) }
        let runs = output!.table.rows.count
        var table = ResultTable(columns: ["benchmark", "rows", "seconds"])
        table.append(row: [.text("dream-uxcost (5 scenarios x 2 platforms x 8 schedulers\(quick ? ", quick" : ""))"),
                           .int(runs), .double(seconds)])
        return table
    }
}
