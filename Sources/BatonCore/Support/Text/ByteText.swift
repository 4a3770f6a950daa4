/// Text built as UTF-8 bytes, for the writers of large files (traces, request tables, result
/// tables, Chrome traces): numbers are formatted straight into the buffer, without a `String`
/// per number, which made the writers about twice as slow.
///
/// Numbers are written as `ResultValue.format` and `String(_:)` write them; this type is the home
/// of that format (`ResultValue.format` calls `append(_: Double)`).
public struct ByteText: TextOutputStream {
    /// The text so far, UTF-8.
    @inlinable public var bytes: [UInt8] { storage }
    @usableFromInline var storage: [UInt8] = []

    /// An empty text with room for `capacity` bytes.
    public init(capacity: Int = 0) { storage.reserveCapacity(capacity) }

    /// Number of bytes so far.
    @inlinable public var count: Int { storage.count }

    /// The text as a `String`.
    public var string: String { String(decoding: storage, as: UTF8.self) }

    /// Empties the text, keeping its storage.
    public mutating func removeAll() { storage.removeAll(keepingCapacity: true) }

    /// Appends `string` (`TextOutputStream`).
    public mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { storage.append(contentsOf: $0) }
    }

    /// Receives the digits of a floating-point number from the standard library (a requirement of
    /// `TextOutputStream` with a default that would make a `String` of them).
    public mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        storage.append(contentsOf: buffer)
    }

    /// Appends `string`.
    public mutating func append(_ string: String) { write(string) }

    /// Appends one ASCII byte (e.g. `UInt8(ascii: ",")`).
    @inlinable public mutating func append(byte: UInt8) { storage.append(byte) }

    /// Appends other bytes.
    public mutating func append(_ other: ByteText) { storage.append(contentsOf: other.storage) }

    /// Appends `value` in decimal, as `String(value)`.
    public mutating func append(_ value: Int) {
        if value < 0 {
            storage.append(UInt8(ascii: "-"))
            appendDigits(value.magnitude)
        } else {
            appendDigits(UInt(value))
        }
    }

    private mutating func appendDigits(_ value: UInt) {
        if value < 10 {
            storage.append(UInt8(truncatingIfNeeded: value) &+ 48)
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                count += 1
                buffer[24 - count] = UInt8(truncatingIfNeeded: rest % 10) &+ 48
                rest /= 10
            }
            storage.append(contentsOf: buffer[(24 - count)...])
        }
    }

    /// Appends `value` with `digits` decimals (rounded half away from zero; "-" only when the
    /// rounded value is not 0), or in full precision (`append(_: Double)`) when it is too large for
    /// that (9e15 or more once scaled). Deterministic on every platform (no Foundation).
    public mutating func appendFixed(_ value: Double, digits: Int) {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else {
            append(value)
            return
        }
        if value < 0 && scaled > 0 { storage.append(UInt8(ascii: "-")) }
        let whole = Int(scaled) / Int(scale)
        let fraction = Int(scaled) % Int(scale)
        append(whole)
        guard digits > 0 else { return }
        storage.append(UInt8(ascii: "."))
        var width = 1
        var rest = fraction / 10
        while rest > 0 {
            width += 1
            rest /= 10
        }
        for _ in width..<max(width, digits) { storage.append(UInt8(ascii: "0")) }
        append(fraction)
    }

    /// Appends `value` in full precision: "nan", "inf" and "-inf" spelled out, a whole number
    /// below 1e15 in magnitude without a fraction ("3", not "3.0"), otherwise the shortest text
    /// that reads back as the same number (Swift's `description`).
    public mutating func append(_ value: Double) {
        if value.isNaN {
            append("nan")
        } else if value.isInfinite {
            append(value > 0 ? "inf" : "-inf")
        } else if value == value.rounded(), abs(value) < 1e15 {
            append(Int(value))
        } else {
            value.write(to: &self)
        }
    }
}
