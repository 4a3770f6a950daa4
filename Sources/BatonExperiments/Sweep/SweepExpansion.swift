extension SweepSpec {
    /// Every parameter name of the sweep, sorted.
    public var parameterNames: [String] {
        (fixed.map(\.name) + grid.map(\.name)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Number of points (the product of the grid's list lengths; 1 for an empty grid).
    public var pointCount: Int { grid.reduce(1) { $0 * $1.values.count } }

    /// The points in their deterministic order: grid parameters sorted by name, the first name
    /// varying slowest, each parameter's values in file order (like nested loops over the sorted
    /// names). Fixed parameters are part of every point (and of its key).
    public func points() -> [SweepPoint] {
        let axes = grid.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        let total = pointCount
        var result: [SweepPoint] = []
        result.reserveCapacity(total)
        var digits = [Int](repeating: 0, count: axes.count)
        for index in 0..<total {
            var parameters = fixed
            for (axis, digit) in zip(axes, digits) { parameters.append(axis.values[digit]) }
            result.append(SweepPoint(index: index, parameters: parameters, source: source))
            var position = axes.count - 1
            while position >= 0 {
                digits[position] += 1
                if digits[position] < axes[position].values.count { break }
                digits[position] = 0
                position -= 1
            }
        }
        return result
    }
}
