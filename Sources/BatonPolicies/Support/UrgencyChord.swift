/// The bound by which SDRM3 and DREAM search their indexes: an upper bound, from the time it is
/// drawn on, of `urgency + fairness`, as one line in the clock.
///
/// `urgency = min(1, rem / (deadline - t))` (1 once late) grows, convex, until it reaches 1 at
/// `t* = deadline - rem`, and stays 1 after. The chord from `(now, urgency now)` to `(t*, 1)` lies
/// above the curve up to `t*` and above 1 after, so it bounds the urgency at every time from `now`;
/// drawn again later it is tighter (a chord from a later point of a convex curve lies below).
/// Where `t*` is not clearly ahead (late frames, or within a relative 1e-6) the bound is the
/// constant 1, which is exact from then on. The fairness term is a line itself,
/// `fairnessPerSecond * (t - lastRun)`; the bound is their sum. A policy whose urgency is at most
/// this one (DREAM's divisor floor only lowers it) may use the same bound.
enum UrgencyChord {
    /// Minus the bound (the tournaments keep minima), drawn at `now` for a frame with these figures.
    @inline(__always)
    static func minusBound(remainingSeconds remaining: Double, deadlineSeconds deadline: Double, fairnessPerSecond: Double,
                           lastRunSeconds lastRun: Double, now: Double) -> KineticTournament.Line {
        let span = (deadline - remaining) - now
        guard remaining >= 0, span > 1e-6 * max(1, abs(now)), span.isFinite else {
            return .init(base: -1, slope: -fairnessPerSecond, anchor: lastRun)
        }
        let urgency = remaining / (deadline - now)
        return .init(base: -(urgency + fairnessPerSecond * (now - lastRun)), slope: -((1 - urgency) / span + fairnessPerSecond),
                     anchor: now)
    }
}
