/// The artifact's trace file names (spec section 1): `load_balance_<model>_<dataset>_<seq>.csv`
/// for Sanger, `<model>_<pattern>_sparse20.csv` for Eyeriss-V2. A model is named by its file stem.
public enum TraceNaming {
    /// Pattern name given to Sanger models (their weights are dense; only attention is sparse).
    public static let sangerPattern = "attention"

    /// The sequence length named by a Sanger stem: its last underscore-separated part, if it is a
    /// positive whole number (e.g. 384 in `load_balance_bert_squad_384`).
    public static func sequenceLength(stem: String) -> Int? {
        guard let last = stem.split(separator: "_", omittingEmptySubsequences: false).last,
              let value = Int(last), value > 0 else { return nil }
        return value
    }

    /// Architecture and pattern of an Eyeriss-V2 stem: the part before the first underscore, and
    /// the rest (e.g. `resnet50` and `unstructured_sparse20`). Without an underscore the whole stem
    /// is the architecture and the pattern is empty.
    public static func eyerissArchitecture(stem: String) -> (architecture: String, pattern: String) {
        guard let cut = stem.firstIndex(of: "_") else { return (stem, "") }
        return (String(stem[..<cut]), String(stem[stem.index(after: cut)...]))
    }

    /// The file stem of a trace file name (the name without a trailing `.csv`).
    public static func stem(fileName: String) -> String {
        var name = Substring(fileName)
        if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        if name.lowercased().hasSuffix(".csv") { name = name.dropLast(4) }
        return String(name)
    }
}
