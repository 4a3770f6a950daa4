/// Conversions from `Double` to integers that never trap. `Int(someDouble)` traps (SIGILL) on
/// NaN, infinities and values outside `Int`'s range; any value derived from user data goes
/// through these instead. This is their one home (see docs/robustness.md).
extension Int {
    /// `value` rounded by `rule`, or nil when it is NaN, infinite or outside `Int`'s range.
    @inlinable
    public init?(checking value: Double, rounding rule: FloatingPointRoundingRule = .towardZero) {
        let whole = value.rounded(rule)
        // 2^63 is exact in Double; every Double below it (and at or above -2^63) converts.
        guard whole.isFinite, whole >= -9_223_372_036_854_775_808.0, whole < 9_223_372_036_854_775_808.0 else { return nil }
        self.init(whole)
    }

    /// `value` rounded by `rule`, or `Int.min`/`Int.max` when outside the range (NaN gives 0).
    /// For display and counting where saturation is the right answer.
    @inlinable
    public init(saturating value: Double, rounding rule: FloatingPointRoundingRule = .towardZero) {
        if value.isNaN { self = 0; return }
        if let exact = Int(checking: value, rounding: rule) { self = exact; return }
        self = value < 0 ? .min : .max
    }
}

extension InputError {
    /// `value` rounded by `rule` as an `Int`, or `error` (a located `InputError`) when it is not
    /// finite or outside `Int`'s range.
    public static func checkedInt(_ value: Double, rounding rule: FloatingPointRoundingRule = .towardZero,
                                  orThrow error: @autoclosure () -> InputError) throws -> Int {
        guard let result = Int(checking: value, rounding: rule) else { throw error() }
        return result
    }
}
