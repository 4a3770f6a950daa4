import Testing
import BatonCore
import BatonPolicies
@testable import BatonRTMM

@Suite("Experiments and command line")
struct ExperimentTests {
    @Test func geometricMeanHandCase() {
        #expect(abs(geometricMean([1, 4, 16]) - 4) < 1e-12)
        #expect(geometricMean([]) == 0)
    }

    /// The quick dream-uxcost: every baseline and DREAM on five scenarios and two platforms, one
    /// summary row per baseline with the study's claim beside the two strongest.
    @Test func uxcostQuick() throws {
        let out = try DreamExperiments.uxcost(quick: true, library: builtInLibrary)
        #expect(out.table.rows.count == 5 * 2 * 8)
        #expect(out.summary.rows.count == 7)
        #expect(out.summary.value(0, "paper_claim_pct") == .text("32.2 (up to 80.8)"))
        #expect(out.summary.value(1, "paper_claim_pct") == .text("50.0 (up to 97.6)"))
        #expect(out.markdown.contains("### dream-uxcost"))
        for row in out.table.rows.indices where out.table.value(row, "scheduler") != .text("dream") {
            #expect(out.table.value(row, "drop_rate") == .double(0))
        }
        let ranks = out.summary.rows.indices.compactMap { out.summary.value($0, "geomean_uxcost")?.doubleValue }
        #expect(ranks == ranks.sorted())
    }

    @Test func ablationQuick() throws {
        let out = try DreamExperiments.ablation(quick: true, library: builtInLibrary)
        #expect(out.table.rows.count == 5 * 2 * 5)
        #expect(out.summary.rows.map { $0[0] } == DreamParameters.Variant.allCases.map { .text($0.rawValue) })
        #expect(out.summary.value(0, "geomean_uxcost_vs_dream") == .double(1))
        // Without drop, nothing is dropped.
        for row in out.table.rows.indices where out.table.value(row, "scheduler") == .text("dream-no-drop") {
            #expect(out.table.value(row, "drop_rate") == .double(0))
        }
    }

    @Test func tuningQuick() throws {
        let out = try DreamExperiments.tuning(quick: true, library: builtInLibrary)
        #expect(out.summary.rows.count == 2)  // after the switch, and from a cold start
        #expect(out.table.rows.count >= 2)
        #expect(out.markdown.contains("vr-gaming->social-a"))
        // Window 0 is the centre at the switch; every later window is one the tuner measured.
        #expect(out.table.value(0, "window") == .int(0))
    }

    /// `baton rtmm run --scenario vr-gaming --platform single-4k-ws --schedulers xrbench --xrbench-parity --format json`.
    @Test func parityJSONGolden() throws {
        let request = RTMMRunRequest(scenario: "vr-gaming", platform: "single-4k-ws", schedulers: ["xrbench"], xrbenchParity: true)
        let table = RTMMCommandLine.table(try RTMMCommandLine.summaries(request), perModel: false)
        let json = table.jsonLines()
        #expect(json.hasPrefix(#"{"scenario":"vr-gaming","platform":"single-4k-ws","scheduler":"xrbench-parity","model":"all","seeds":1,"frames":115,"frames_sd":"","#))
        #expect(json.contains(#""drop_rate":0,"drop_rate_sd":"","drop_rate_ci_low":"","drop_rate_ci_high":"","xrbench_score":86.4661277418"#))
        #expect(json.contains(#""violation_rate":0.06956521739130435,"#))  // 8 late HT frames of 115
        #expect(json.split(separator: "\n").count == 1)
        for key in ["scenario", "platform", "scheduler", "seeds", "frames", "uxcost", "energy_mj", "violation_rate", "drop_rate", "xrbench_score"] {
            #expect(table.columns.contains(key))
        }
    }

    /// The default mode's rows: one per scheduler plus per-model rows, averaged over seeds.
    @Test func commandLineRows() throws {
        let request = RTMMRunRequest(scenario: "ar-assistant", platform: "dual-4k-ws-os", schedulers: ["edf", "dream"],
                                     durationMilliseconds: 400, seeds: 2, checkInvariants: true)
        let summaries = try RTMMCommandLine.summaries(request)
        #expect(summaries.map(\.scheduler) == ["edf", "dream"])
        #expect(summaries.allSatisfy { $0.seeds == 2 && $0.perModel.count == 6 })
        let table = RTMMCommandLine.table(summaries, perModel: true)
        #expect(table.rows.count == 2 * 7)
        #expect(table.value(1, "model") == .text("KD_res8_narrow"))
        // Same request, same bytes.
        #expect(RTMMCommandLine.table(try RTMMCommandLine.summaries(request), perModel: true).csv() == table.csv())
    }

    @Test func commandLineErrors() {
        func fails(_ request: RTMMRunRequest, field: String, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
            do {
                _ = try RTMMCommandLine.summaries(request)
                Issue.record("expected an error", sourceLocation: sourceLocation)
            } catch let error as InputError {
                #expect(error.field == field, "\(error)", sourceLocation: sourceLocation)
                #expect(error.description.contains(fragment), "\(error)", sourceLocation: sourceLocation)
            } catch { Issue.record("\(error)", sourceLocation: sourceLocation) }
        }
        fails(RTMMRunRequest(scenario: "vr-gamin", platform: "dual-4k-ws-os", schedulers: ["edf"]), field: "scenario", "did you mean 'vr-gaming'")
        fails(RTMMRunRequest(scenario: "vr-gaming", platform: "dual-4k", schedulers: ["edf"]), field: "platform", "dual-4k-ws")
        fails(RTMMRunRequest(scenario: "vr-gaming", platform: "dual-4k-ws-os", schedulers: ["eddf"]), field: "schedulers", "did you mean 'edf'")
        fails(RTMMRunRequest(scenario: "vr-gaming", platform: "dual-4k-ws-os", schedulers: ["edf"], seeds: 0), field: "seeds", "at least 1")
        fails(RTMMRunRequest(scenario: "vr-gaming", platform: "dual-4k-ws-os", schedulers: ["edf"], durationMilliseconds: -5),
              field: "duration-ms", "positive")
        fails(RTMMRunRequest(scenario: "vr-gaming", platform: "dual-4k-ws-os", schedulers: ["dream"], xrbenchParity: true),
              field: "schedulers", "XRBench's own scheduler")
    }
}
