/// Baton's version, printed by `baton --version` and recorded in result manifests and reports.
public enum BatonVersion {
    public static let current = "0.1.0"
}
