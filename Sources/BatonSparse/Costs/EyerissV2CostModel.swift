/// Latency of one CNN layer on an Eyeriss-V2-like accelerator (Chen et al., "Eyeriss v2: A Flexible
/// Accelerator for Emerging Deep Neural Networks on Mobile Devices", JETCAS 2019), as the Dysta study
/// models it (MICRO 2023; artifact SamsungLabs/Sparse-Multi-DNN-Scheduling, `hw_eyerissv2.py`):
/// 192 PEs (8 x 2 clusters of 3 x 4 PEs) at 200 MHz, 8-bit, about 4 cycles per effectual MAC
/// (non-zero weight x non-zero input activation: load weight, compute, write back), plus a
/// sparsity-independent activation address-check term, all spread evenly over the PEs.
///
/// Valid MACs are counted as the artifact does (the fidelity default): a **stride-1, same-padded**
/// convolution over the layer's *input* map, so strided layers are over-counted (by about
/// stride^2). With independent weight and activation masks the expected count is
/// `weightDensity * inputDensity * K * (C / groups) * taps(H, R) * taps(W, S)`, where `taps(H, R)`
/// counts the (output row, kernel row) pairs that fall inside the unpadded input.
/// Fully connected layers are 1 x 1 convolutions over a 1 x 1 map; depthwise layers (groups = C)
/// see one input channel per filter.
public enum EyerissV2CostModel {
    /// How effectual MACs are counted.
    public enum MACCounting: String, Sendable, Equatable, CaseIterable {
        /// The artifact's count (fidelity default): a stride-1, same-padded convolution over the
        /// input map, so strided layers are over-counted.
        case strideOneSamePadded = "stride-one"
        /// The layer's published MAC count (true strides and padding).
        case published
    }

    /// Processing elements.
    public static let processingElements = 192
    /// Clock in Hz (200 MHz).
    public static let clockHertz = 200e6
    /// Cycles per effectual MAC.
    public static let cyclesPerValidMAC = 4.0
    /// Rows of the input-activation scratch pad (a PE holds R x C0 <= 16 activations).
    public static let activationScratchpadRows = 16
    /// Filters processed together in one PE (M0), as in Eyeriss v2's Table III.
    public static let filtersPerProcessingElement = 32

    /// Latency in seconds of `layer` with the given weight and input-activation densities (in [0, 1]).
    public static func layerLatencySeconds(_ layer: LayerShape, weightDensity: Double, inputDensity: Double,
                                           counting: MACCounting = .strideOneSamePadded) -> Double {
        latencySeconds(denseValidMACs: denseValidMACs(layer, counting: counting),
                       addressCheckCycles: addressCheckCycles(layer),
                       weightDensity: weightDensity, inputDensity: inputDensity)
    }

    /// Latency from the layer's precomputed constants (`denseValidMACs`, `addressCheckCycles`):
    /// `floor((4 * dw * da * denseValidMACs + addressCheckCycles) / 192) / 200 MHz`. Cycles are
    /// rounded down to a whole number, as the artifact does.
    @inlinable
    public static func latencySeconds(denseValidMACs: Double, addressCheckCycles: Double,
                                      weightDensity: Double, inputDensity: Double) -> Double {
        let validMACs = weightDensity * inputDensity * denseValidMACs
        let parallelCycles = cyclesPerValidMAC * validMACs + addressCheckCycles
        let cycles = (parallelCycles / Double(processingElements)).rounded(.down)
        return cycles / clockHertz
    }

    /// MACs of the stride-1, same-padded convolution over the input map with all weights and
    /// activations non-zero: `K * (C / groups) * taps(H, R) * taps(W, S)`.
    /// With `.published`, the layer's own MAC count instead.
    public static func denseValidMACs(_ layer: LayerShape, counting: MACCounting = .strideOneSamePadded) -> Double {
        if counting == .published { return Double(layer.macs) }
        let channelsPerGroup = layer.inputChannels / max(1, layer.groups)
        let rows = samePaddedTaps(size: layer.inputHeight, kernel: layer.kernelHeight)
        let columns = samePaddedTaps(size: layer.inputWidth, kernel: layer.kernelWidth)
        return Double(layer.outputChannels) * Double(channelsPerGroup) * Double(rows) * Double(columns)
    }

    /// Number of (output position, kernel tap) pairs of a stride-1 'same' convolution along one
    /// dimension that read a real (not padded) input: PyTorch pads `(k - 1) / 2` before and the rest
    /// after. For odd k and size >= k this is `size * k - p(p + 1)` with `p = (k - 1) / 2`.
    public static func samePaddedTaps(size: Int, kernel: Int) -> Int {
        guard size > 0, kernel > 0 else { return 0 }
        let before = (kernel - 1) / 2
        var total = 0
        for output in 0..<size {
            let first = max(0, before - output)                  // first tap inside the input
            let last = min(kernel - 1, size - 1 - output + before)  // last tap inside the input
            if last >= first { total += last - first + 1 }
        }
        return total
    }

    /// The sparsity-independent activation address-check cycles (Baton's choice, modelled on the
    /// artifact's mapping): one cycle per input activation address read, for every tile of
    /// `M0 = min(32, K / groups)` filters and every kernel column:
    /// `ceil(Kg / M0) * ceil(C / C0) * S * H * W`, with `C0` = the channels a PE holds
    /// (`C` if `C <= 3`, else the largest power of two <= 16 / R, at most C).
    /// It is below 1% of the effectual-MAC cycles for dense (groups = 1) convolutions at the
    /// benchmark's densities and a few percent for depthwise layers, as in the artifact.
    public static func addressCheckCycles(_ layer: LayerShape) -> Double {
        let c = layer.inputChannels
        let filtersPerGroup = max(1, layer.outputChannels / max(1, layer.groups))
        let r = max(1, layer.kernelHeight)
        var c0: Int
        if c <= 3 {
            c0 = max(1, c)
        } else {
            let fit = max(1, activationScratchpadRows / r)
            c0 = 1
            while c0 * 2 <= fit { c0 *= 2 }
            c0 = min(c0, c)
        }
        let m0 = min(filtersPerProcessingElement, filtersPerGroup)
        let filterTiles = (filtersPerGroup + m0 - 1) / m0
        let channelTiles = (c + c0 - 1) / c0
        return Double(filterTiles) * Double(channelTiles) * Double(max(1, layer.kernelWidth))
            * Double(layer.inputHeight) * Double(layer.inputWidth)
    }
}
