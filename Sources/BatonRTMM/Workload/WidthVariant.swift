/// Derives narrower sub-networks (width multipliers) of a model from its layer shapes.
///
/// A width multiplier `m` scales every layer's output channels `K` and input channels `C` by `m`
/// (rounded to whole channels, at least 1), except the first layer's input channels (the sensor
/// input) and the last layer's output channels (the result). Each layer's MAESTRO latency and
/// energy are scaled by the layer's MAC ratio, `(K' * C') / (K * C)`. MAESTRO's costs are not exactly
/// linear in MACs (utilisation changes with shape), so this is a first-order estimate; see docs/rtmm.md.
public enum WidthVariant {
    /// Per-layer cost factors for width multiplier `multiplier`.
    public static func factors(shapes: [LayerShape], multiplier: Double) -> [Double] {
        precondition(multiplier > 0 && multiplier <= 1, "a width multiplier lies in (0, 1]")
        func narrow(_ channels: Int) -> Int { max(1, Int(saturating: Double(channels) * multiplier, rounding: .toNearestOrAwayFromZero)) }
        let last = shapes.count - 1
        return shapes.enumerated().map { index, shape in
            let k = index == last ? shape.k : narrow(shape.k)
            let c = index == 0 ? shape.c : narrow(shape.c)
            return (Double(k) * Double(c)) / (Double(shape.k) * Double(shape.c))
        }
    }

    /// The variant of `model` at width `multiplier`, or nil if the model has no layer shapes.
    public static func derive(from model: RTModel, name: String, multiplier: Double,
                              relativeAccuracy: Double) -> RTModelVariant? {
        guard let shapes = model.shapes else { return nil }
        let scale = factors(shapes: shapes, multiplier: multiplier)
        var costs: [AcceleratorKind: LayerCosts] = [:]
        for (kind, table) in model.costs { costs[kind] = table.scaled(by: scale) }
        return RTModelVariant(name: name, relativeAccuracy: relativeAccuracy, costs: costs)
    }

    /// Built-in variants: 0.75 and 0.5 width, with relative accuracy 0.97 and 0.90. The accuracy
    /// figures are assumptions (no accuracy data ships with XRBench), taken from the ratios of
    /// MobileNet's ImageNet top-1 at width 1.0 / 0.75 / 0.5 (70.6 / 68.4 / 63.7; Howard et al., 2017).
    public static let builtIn: [(name: String, multiplier: Double, relativeAccuracy: Double)] = [
        ("w75", 0.75, 0.97), ("w50", 0.5, 0.90),
    ]

    /// XRBench models that get the built-in variants: the costly vision models of the five
    /// scenarios DREAM evaluated (the keyword, speech, action-segmentation and eye-segmentation
    /// models stay single-variant).
    public static let modelsWithVariants: Set<String> = [
        "GE_FBNet_C", "HT_hand_graph_cnn_half", "DE_midas_v21_small", "PD_Plane_RCNN_Quarter",
        "OD_D2go_FasterRCNN", "D2go_FastRCNN", "SS_HRViT_b1", "DR_RGBd_200",
    ]
}
