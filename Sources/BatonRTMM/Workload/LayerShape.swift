/// The shape of one convolution layer as XRBench lists it (fully connected layers are 1x1 convs).
///
/// MAESTRO reads `Y, X` as the input size and computes the output as `Y - R + 1, X - S + 1`, so
/// `macs = N * K * C * R * S * (Y - R + 1) * (X - S + 1)` (stride and padding are not modelled).
public struct LayerShape: Sendable, Equatable {
    public var n: Int, k: Int, c: Int, y: Int, x: Int, r: Int, s: Int

    public init(n: Int, k: Int, c: Int, y: Int, x: Int, r: Int, s: Int) {
        self.n = n; self.k = k; self.c = c; self.y = y; self.x = x; self.r = r; self.s = s
    }

    /// Multiply-accumulates as MAESTRO counts them (0 if the filter is larger than the input).
    public var macs: Double {
        let outY = max(0, y - r + 1), outX = max(0, x - s + 1)
        return Double(n) * Double(k) * Double(c) * Double(r) * Double(s) * Double(outY) * Double(outX)
    }

    /// The layer with `k` and `c` replaced.
    public func withChannels(k: Int, c: Int) -> LayerShape {
        LayerShape(n: n, k: k, c: c, y: y, x: x, r: r, s: s)
    }
}
