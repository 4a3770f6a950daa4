/// Latency of one attention layer on a Sanger-like accelerator (Lu et al., "Sanger: A Co-Design
/// Framework for Enabling Sparse Attention using Reconfigurable Architecture", MICRO 2021), as the
/// Dysta study costs it (MICRO 2023; artifact SamsungLabs/Sparse-Multi-DNN-Scheduling).
///
/// One "layer" is one multi-head attention block: the dense Q/K/V projection, the sparse attention
/// (score-stationary SDDMM + SpMM over the packed-and-split sub-rows) and the output projection,
/// which the study speeds up with the attention density. Hidden width 768, a 64 x 64 PE array with
/// 16 PEs per row, 1 GHz, and a bandwidth coefficient of 1 (128 GB/s is enough for the access skew).
public enum SangerCostModel {
    /// Hidden width W of the attention models (BERT-base, GPT-2 small, BART-base).
    public static let hiddenWidth = 768
    /// PE array height and width.
    public static let arrayRows = 64
    public static let arrayColumns = 64
    /// PEs per row used by the dense GEMMs.
    public static let processingElementsPerRow = 16
    /// Clock in Hz.
    public static let clockHertz = 1e9
    /// Dense throughput in GOPS: 64 x 16 PEs x 1 GHz x 2 ops per MAC = 2048.
    public static let linearGigaOps = 2048.0
    /// Memory-transfer coefficient: 1, since 64 x 2 B x 1 GHz = 128 GB/s does not exceed the
    /// 128 GB/s of the modelled memory.
    public static let bandwidthCoefficient = 1.0

    /// Latency in seconds of one attention layer at attention density `density` (fraction of
    /// scores kept, in (0, 1]), load balance `loadBalance` (PE utilisation of the split sub-rows,
    /// the trace column `50%-skip`, in (0, 1]) and sequence length `sequenceLength`.
    ///
    /// - `t_lin = 6 L W^2 / (1e9 * 2048)` (dense Q/K/V projection)
    /// - `t_proj = 2 L W^2 / (1e9 * 2048 / d * b)` (output projection, sped up by sparsity)
    /// - `rows = d / b / 0.25 * L`; `cycles = (rows / 64) * ((W + 64) + (rows + 64)) * (L / 64)`
    ///
    /// The operations are evaluated in the same order as the artifact's `calc_sanger_latency`, so
    /// the result is bit-identical to it for the same inputs.
    public static func layerLatencySeconds(density: Double, loadBalance: Double, sequenceLength: Int) -> Double {
        let d = density, b = loadBalance
        let l = Double(sequenceLength)
        let w = hiddenWidth
        // Average number of sub-rows after pack & split.
        let subrows = d / b / 0.25 * l
        let projectionGigaOps = linearGigaOps / d * b
        // The integer products are exact in Double as well (they stay far below 2^53).
        let linearSeconds = Double(sequenceLength * w * w * 2 * 3) / 1e9 / linearGigaOps
        let projectionSeconds = Double(sequenceLength * w * w * 2) / 1e9 / projectionGigaOps
        // Q tile x K tile: pipeline depth W plus the access skew of TW.
        let qkCycles = Double(w + arrayColumns)
        // S tile x V tile: pipeline depth = sub-rows, plus the skew.
        let svCycles = subrows + Double(arrayColumns)
        let tileCycles = qkCycles + svCycles
        let rowBandCycles = tileCycles * (l / Double(arrayColumns)) * bandwidthCoefficient
        let attentionCycles = (subrows / Double(arrayRows)) * rowBandCycles
        return linearSeconds + attentionCycles / clockHertz + projectionSeconds
    }
}
