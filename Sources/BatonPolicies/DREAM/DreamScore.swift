import BatonCore

/// The terms of DREAM's MapScore (a reconstruction from DREAM's public description; see docs/dream.md).
public enum DreamScore {
    /// Smallest slack and layer latency used as divisors, seconds.
    public static let epsilonSeconds = 1e-9

    /// `urgency = min(1, rem / max(slack, eps))`, 1 once the deadline has passed; `rem` is the
    /// estimated remaining latency with every layer on its fastest accelerator.
    @inlinable public static func urgency(_ job: JobState, now: Double) -> Double {
        urgency(remainingSeconds: job.remainingEstimateSeconds, deadlineSeconds: job.deadlineSeconds, now: now)
    }

    /// `urgency(_:now:)` from the two figures it reads (the one expression of the term).
    @inlinable public static func urgency(remainingSeconds: Double, deadlineSeconds: Double, now: Double) -> Double {
        let slack = deadlineSeconds - now
        guard slack > 0 else { return 1 }
        return min(1, remainingSeconds / max(slack, epsilonSeconds))
    }

    /// `fairness = idle / next_layer_latency`: time since the frame last ran a layer (or arrived)
    /// over its next layer's estimated latency (fastest accelerator).
    @inlinable public static func fairness(_ job: JobState, now: Double) -> Double {
        fairness(lastRunSeconds: job.lastRunSeconds, nextLayerEstimateSeconds: job.nextLayerEstimateSeconds, now: now)
    }

    /// `fairness(_:now:)` from the two figures it reads (the one expression of the term).
    @inlinable public static func fairness(lastRunSeconds: Double, nextLayerEstimateSeconds: Double, now: Double) -> Double {
        max(0, now - lastRunSeconds) / max(nextLayerEstimateSeconds, epsilonSeconds)
    }

    /// What "suits a layer" means for the preference term.
    public enum PreferenceMetric: String, Sendable, Equatable, CaseIterable {
        /// Energy of the layer.
        case energy
        /// Energy x latency of the layer.
        case energyDelay = "energy-delay"
    }

    /// `preference in (0, 1]`: the best metric of job `index`'s next layer over all accelerators,
    /// divided by its metric on `accelerator` (1 on the best one; 1 when the metric is 0).
    @inlinable public static func preference(_ index: Int, on accelerator: Int, metric: PreferenceMetric,
                                             context: SchedulingContext) -> Double {
        preference(table: context.jobs[index].estimateTable, layer: context.jobs[index].nextLayer, on: accelerator,
                   metric: metric, context: context)
    }

    /// `preference(_:on:metric:context:)` of a layer of estimate table `table` (the one expression
    /// of the term).
    @inlinable public static func preference(table: Int, layer: Int, on accelerator: Int, metric: PreferenceMetric,
                                             context: SchedulingContext) -> Double {
        var best = Double.infinity
        var here = 0.0
        for a in 0..<context.platform.count {
            var value = context.catalog.energy(table: table, layer: layer, accelerator: a)
            if metric == .energyDelay { value *= context.catalog.latency(table: table, layer: layer, accelerator: a) }
            best = min(best, value)
            if a == accelerator { here = value }
        }
        return here > 0 ? best / here : 1
    }

    /// `MapScore = urgency + alpha * fairness + beta * preference`.
    @inlinable public static func mapScore(_ index: Int, on accelerator: Int, alpha: Double, beta: Double,
                                           metric: PreferenceMetric, context: SchedulingContext) -> Double {
        let job = context.jobs[index]
        var score = urgency(job, now: context.now) + alpha * fairness(job, now: context.now)
        if beta != 0 { score += beta * preference(index, on: accelerator, metric: metric, context: context) }
        return score
    }
}
