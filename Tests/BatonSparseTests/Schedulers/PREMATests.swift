@testable import BatonSparse
import Testing

@Suite("PREMA")
struct PREMATests {
    /// A (arr 0, p 1, 1+1+1+1, E 4), B (arr 0.5, p 9, 4+4, E 8), C (arr 0.5, p 3, 1, E 1).
    static let mixed = [
        TestJob(arrival: 0, layers: [1, 1, 1, 1], priority: 1),
        TestJob(arrival: 0.5, layers: [4, 4], priority: 9),
        TestJob(arrival: 0.5, layers: [1], priority: 3),
    ]

    /// Baton's semantics: tokens start at p on admission (counted at once); each decision adds
    /// p * (now - max(lastRun, last update)) / E, so each wait is counted once; a token at 9 or
    /// more stops growing.
    /// t=0: A 1 -> thr 1 -> A0 [0,1). t=0.5: B, C admitted with tokens 9, 3.
    /// t=1: A 1; B 9 (stays); C 3 + 3*0.5/1 = 4.5 -> max 9, thr 9 -> only B: B0 [1,5).
    /// t=5: A 1 + 1*(5-1)/4 = 2; B 9; C 4.5 + 3*(5-1)/1 = 16.5 -> thr 9,
    ///      candidates B (rem 4), C (rem 1) -> C0 [5,6).
    /// t=6: A 2 + 1/4 = 2.25; B 9 -> thr 9 -> B1 [6,10).
    /// t=10: A 2.25 + 4/4 = 3.25 -> thr 3 -> A1 [10,11), A2 [11,12), A3 [12,13) (token stays 3.25).
    @Test func tokensThresholdsAndShortestCandidate() throws {
        let (result, log) = try runSchedule("prema", Self.mixed)
        #expect(log.order == "A0 B0 C0 B1 A1 A2 A3")
        #expect(log.scratch == [1, 9, 16.5, 9, 3.25, 3.25, 3.25])
        #expect(log.finishes == [13, 10, 6])
        // ANTT = (13/4 + 9.5/8 + 5.5/1) / 3
        #expect(approx(result.metrics.antt, (13.0 / 4 + 9.5 / 8 + 5.5) / 3))
        // Decisions: A alone at 0 has not waited (one block, up to B's arrival: A0); B0, C0, B1;
        // A alone at 10 has waited since 1, so A1 is decided (its token is stored); at 11 it has
        // not waited: A2 and A3 run as one block. 6, where deciding every layer takes 7.
        #expect(result.metrics.decisions == 6)
    }

    /// The artifact (7.4): new tokens are not counted in the maximum (which starts at 0), and a
    /// seen token adds p * (now - lastRun) / E at every decision (waiting re-added each time).
    /// Clock 0: only A admitted (system empty): new token 1, max 0 -> thr 1 -> A0 [0,1).
    /// Clock 1: B, C admitted (arrived before 1). A 1 + 0 = 1 (max 1); B new 9, C new 3 (not
    ///   counted) -> thr 1 -> all candidates, rem A 3, B 8, C 1 -> C0 [1,2).
    /// Clock 2: A 1 + (2-1)/4 = 1.25; B 9 + 9*(2-0.5)/8 = 10.6875 -> thr 9 -> B0 [2,6).
    /// Clock 6: A 1.25 + (6-1)/4 = 2.5 (the 1 s already counted is added again); B 10.6875 -> B1 [6,10).
    /// Clock 10: A 2.5 + (10-1)/4 = 4.75 -> A1 [10,11), A2, A3 (+0 each time).
    @Test func artifactTokenQuirks() throws {
        let (_, log) = try runSchedule("prema", Self.mixed, options: artifact())
        #expect(log.order == "A0 C0 B0 B1 A1 A2 A3")
        #expect(log.scratch == [1, 3, 10.6875, 10.6875, 4.75, 4.75, 4.75])
        #expect(log.finishes == [13, 10, 2])
    }

    /// Threshold 3: A (p 3, 4 s) and B (p 1, 1 s) both at 0: max token 3 -> thr 3 -> only A,
    /// although B is shorter: A [0,4), then B (token 1 + 4/1 = 5) [4,5).
    /// Threshold 9 likewise with A p 9, B p 3. With both at p 1: thr 1 -> shorter B first.
    @Test func thresholdsOf9And3And1() throws {
        for (high, low, order) in [(3.0, 1.0, "A0 B0"), (9.0, 3.0, "A0 B0"), (1.0, 1.0, "B0 A0")] {
            let jobs = [TestJob(arrival: 0, layers: [4], priority: high), TestJob(arrival: 0, layers: [1], priority: low)]
            let (_, log) = try runSchedule("prema", jobs)
            #expect(log.order == order, "priorities \(high), \(low)")
        }
    }

    /// Equal tokens and equal remaining estimates: the earlier admission runs first.
    @Test func tiesGoToEarlierAdmission() throws {
        let jobs = [TestJob(arrival: 0, layers: [2]), TestJob(arrival: 0, layers: [2])]
        let (_, log) = try runSchedule("prema", jobs)
        #expect(log.order == "A0 B0")
    }

    /// A (arr 0, p 1): 1+1+1, ratios 4 (gamma 4 after A0). B (arr 0.5): 3. C (arr 0.5): 5. E: 3, 3, 5.
    /// prema-sparse, Baton: t=0 A0 [0,1). t=1: tokens A 1, B 1 + 0.5/(1*3), C 1 + 0.5/5, thr 1;
    ///   own-gamma keys: A 4*2 = 8, B 3, C 5 -> B0 [1,4). t=4: A 1 + 3/(4*3) = 1.25, C 1.1 + 3/5;
    ///   keys A 8, C 5 -> C0 [4,9). Then A1, A2.
    /// prema-sparse, artifact: clock 1: A seen (token 1), B, C new; thr 1; keys use the gamma of
    ///   the last job visited (C, gamma 1): A 2, B 3, C 5 -> A1 [1,2). Clock 2: A 1, B 1.5, C 1.3;
    ///   keys A 1, B 3, C 5 -> A2 [2,3). Then B [3,6), C [6,11).
    @Test func sparseGammaOwnVersusLastVisited() throws {
        let jobs = [
            TestJob(arrival: 0, layers: [1, 1, 1], ratios: [4, 4, 4]),
            TestJob(arrival: 0.5, layers: [3]),
            TestJob(arrival: 0.5, layers: [5]),
        ]
        let (_, baton) = try runSchedule("prema-sparse", jobs)
        #expect(baton.order == "A0 B0 C0 A1 A2")
        #expect(approx(baton.scratch[2], 1.1 + 0.6))
        let (_, compat) = try runSchedule("prema-sparse", jobs, options: artifact())
        #expect(compat.order == "A0 A1 A2 B0 C0")
        // Plain PREMA has no monitor: same order as the artifact's sparse variant here.
        let (_, plain) = try runSchedule("prema", jobs)
        #expect(plain.order == "A0 A1 A2 B0 C0")
    }

    /// The artifact multiplies EVERY candidate's rem by the gamma of the last job its token loop
    /// visited. Z (last admitted) gets gamma 1.7e308 after Z0, so every key overflows to +inf and
    /// the first candidate in admission order wins, whatever its rem.
    /// W (arr 0): 1+1; X (0.25): 3; Y (0.5): 2; Z (0.75): 0.25+1.25, ratios [1.7e308, 1]. All p 1.
    /// Clock 0: W0 [0,1). Clock 1: X, Y, Z admitted; keys W 1, X 3, Y 2, Z 1.5 -> W1 [1,2).
    /// Clock 2: tokens X 1.583, Y 1.75, Z 1.833, thr 1; last gamma 1: X 3, Y 2, Z 1.5 -> Z0 [2,2.25).
    /// Clock 2.25: tokens X 2.25, Y 2.625, Z 1.833 (idle 0), thr 1; last gamma 1.7e308: all keys
    ///   +inf -> X (first) [2.25,5.25). (Own gamma: Y; plain rem: Z.)
    /// Clock 5.25: Y 2.625 + 4.75/2 = 5 -> thr 3; Z 1.833 + 3/inf stays below -> Y [5.25,7.25). Z1 last.
    /// Baton's own-gamma keys instead give W0 W1 Z0 Y0 X0 Z1 (at 2.25: X 3, Y 2, Z inf).
    @Test func artifactUsesGammaOfLastVisitedJob() throws {
        let jobs = [
            TestJob(arrival: 0, layers: [1, 1]),
            TestJob(arrival: 0.25, layers: [3]),
            TestJob(arrival: 0.5, layers: [2]),
            TestJob(arrival: 0.75, layers: [0.25, 1.25], ratios: [1.7e308, 1]),
        ]
        let (_, compat) = try runSchedule("prema-sparse", jobs, options: artifact())
        #expect(compat.order == "W0 W1 Z0 X0 Y0 Z1".replacingLetters())
        #expect(compat.starts == [0, 1, 2, 2.25, 5.25, 7.25])
        let (_, baton) = try runSchedule("prema-sparse", jobs)
        #expect(baton.order == "W0 W1 Z0 Y0 X0 Z1".replacingLetters())
    }
}

private extension String {
    /// Maps the readable letters W, X, Y, Z of a test to the log's A, B, C, D.
    func replacingLetters() -> String {
        String(map { c in
            switch c {
            case "W": "A"
            case "X": "B"
            case "Y": "C"
            case "Z": "D"
            default: c
            }
        })
    }
}
