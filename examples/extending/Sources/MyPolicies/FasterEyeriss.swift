import BatonSparse

/// A cost model: Baton's Eyeriss-V2 model of the CNN pool's layers, clocked at 400 MHz instead of
/// 200 MHz (every layer twice as fast), for asking how a faster accelerator changes the schedule.
public enum FasterEyeriss {
    public static let model = CNNCostModel(
        name: "eyeriss-v2-400mhz", summary: "Eyeriss-V2 as in the Dysta study, clocked at 400 MHz."
    ) { layers in
        let base = CNNCostModel.eyerissV2.prepare(layers)
        return { layer, weightDensity, inputDensity in base(layer, weightDensity, inputDensity) / 2 }
    }
}
