/// The cost tables of a model's cheaper variants (up to `capacity`), stored inline so that jobs
/// stay plain data (no reference counting when the engine copies them).
public struct VariantTables: Sendable, Equatable, ExpressibleByArrayLiteral, RandomAccessCollection {
    /// Most variants a model may have (`SimulationLimits.maxVariantsPerModel`).
    public static let capacity = 4
    private var slots: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)
    /// Number of variants.
    public private(set) var count: Int = 0

    public init() {}

    /// Variants from a list of cost-table indices (at most `capacity`).
    public init(_ tables: [Int]) {
        precondition(tables.count <= VariantTables.capacity, "at most \(VariantTables.capacity) variants per model")
        for table in tables { append(table) }
    }

    public init(arrayLiteral tables: Int...) { self.init(tables) }

    private mutating func append(_ table: Int) {
        switch count {
        case 0: slots.0 = Int32(table)
        case 1: slots.1 = Int32(table)
        case 2: slots.2 = Int32(table)
        default: slots.3 = Int32(table)
        }
        count += 1
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// Cost-table index of variant `index` (0-based: the first, largest variant below the full model).
    public subscript(index: Int) -> Int {
        precondition(index >= 0 && index < count, "variant index out of range")
        switch index {
        case 0: return Int(slots.0)
        case 1: return Int(slots.1)
        case 2: return Int(slots.2)
        default: return Int(slots.3)
        }
    }

    public static func == (lhs: VariantTables, rhs: VariantTables) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }
}
