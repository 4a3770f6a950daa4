/// A kinetic tournament: the minimum, at a clock that only moves forward, over a set of lines
/// `value(t) = base + slope * (t - anchor)` (one per slot), with insertion, replacement and
/// removal in O(log n) and a pruned search for every slot whose line could be near the minimum.
/// Equal values are ordered by the line's `tie` key, then by the slot's payload (a job's serial,
/// i.e. admission order), so that a tree of static keys yields exactly the scan's "first best".
///
/// A complete binary tree over the slots: each internal node keeps a copy of the line (and payload)
/// that is lowest at the current time among its leaves (its winner) and the time until which that stays so
/// (`expires`: the earliest of its children's and of the time the other child's winner crosses
/// it). Advancing the clock recomputes only the nodes whose certificate has expired (Agarwal et
/// al.'s kinetic tournament). A line with slope 0 is a static key. Lines are anchored at a time of
/// the caller's choice (e.g. when a job last ran), so that `slope * (t - anchor)` stays accurate
/// late in a long run. A node holds its winner's line itself, so that recomputing a node reads its
/// two children (adjacent in memory) and not two lines elsewhere: at thousands of slots each of
/// those reads was a cache miss. Winners are found with floating-point arithmetic, so a node's value can
/// be a few units in the last place above the true minimum near a crossing: searches that prune
/// by it must allow a relative margin (see `search`).
struct KineticTournament {
    struct Line {
        var base: Double
        var slope: Double
        var anchor: Double
        /// Orders equal values (e.g. EDF's arrival between equal deadlines); 0 if unused.
        var tie: Double = 0

        @inline(__always) func value(at t: Double) -> Double { base + slope * (t - anchor) }

        /// Whether `other` has the same bits in every field.
        @inline(__always) func isIdentical(to other: Line) -> Bool {
            base.bitPattern == other.base.bitPattern && slope.bitPattern == other.slope.bitPattern
                && anchor.bitPattern == other.anchor.bitPattern && tie.bitPattern == other.tie.bitPattern
        }
    }

    /// One node of the tree: its winner's line and payload (-1: an empty subtree, or an empty
    /// slot at a leaf) and the time its certificate expires (+infinity at a leaf).
    struct Node {
        var line: Line
        var payload: Int
        var expires: Double

        static let empty = Node(line: Line(base: 0, slope: 0, anchor: 0), payload: -1, expires: .infinity)
    }

    /// Leaves (slots) in the tree; a power of two.
    private(set) var capacity = 0
    /// Nodes 1..<2*capacity (node 0 unused); slot `s` is the leaf `capacity + s`.
    private var nodes: [Node] = []
    private var freeSlots: [Int] = []
    /// The clock of the last `advance`.
    private(set) var now = -Double.infinity
    /// Occupied slots.
    private(set) var count = 0
    /// Reused by `search`.
    private var stack: [Int32] = []
    /// Whether a line with a non-zero slope was stored since the last reset (if not, every
    /// certificate is permanent and the clock may move either way for free).
    private var sloped = false
    /// Static maxima kept per node besides the lines (`setAuxiliary`): `auxiliaryWidth` values in
    /// [0, 1] a slot, and per node the highest of each over its subtree's occupied slots (0 where
    /// none). They never change with the clock. Each is kept as a byte, rounded up to a multiple
    /// of 1/255 (`quantized`): a maximum read back is never below the true one, and a node's
    /// values take a few bytes, not cache lines. 0 wide (the default): none kept.
    private(set) var auxiliaryWidth = 0
    private var auxiliary: [UInt8] = []

    /// `value` (in [0, 1]) rounded up to a multiple of 1/255, as that multiple.
    @inline(__always)
    private static func quantized(_ value: Double) -> UInt8 {
        guard value > 0 else { return 0 }
        guard value < 1 else { return 255 }
        return UInt8(Swift.min(255, Int(value * 255) + 1))
    }

    /// The payload stored in slot `slot` (-1: empty).
    func payload(ofSlot slot: Int) -> Int { nodes[capacity + slot].payload }

    /// Empties the tournament and sets its clock to `t`.
    mutating func reset(at t: Double, capacity wanted: Int = 64) {
        var size = 64
        while size < wanted { size *= 2 }
        capacity = size
        nodes = [Node](repeating: .empty, count: 2 * size)
        if auxiliaryWidth > 0 { auxiliary = [UInt8](repeating: 0, count: 2 * size * auxiliaryWidth) }
        freeSlots = Array((0..<size).reversed())
        count = 0
        sloped = false
        now = t
    }

    /// Empties the tournament, sets its clock to `t` and fills slots 0..<n with `lines` and
    /// `payloads` in O(n).
    mutating func build(at t: Double, count n: Int, line: (Int) -> Line, payload: (Int) -> Int) {
        reset(at: t, capacity: 2 * n)
        for k in 0..<n {
            let stored = line(k)
            if stored.slope != 0 { sloped = true }
            nodes[capacity + k] = Node(line: stored, payload: payload(k), expires: .infinity)
        }
        freeSlots = Array((n..<capacity).reversed())
        count = n
        for node in stride(from: capacity - 1, through: 1, by: -1) { recompute(node) }
    }

    /// Sets the auxiliary values of slots 0..<n (`value(slot, k)`, in [0, 1]) and every
    /// node's maxima in O(n), after `build`.
    mutating func buildAuxiliary(count n: Int, _ value: (_ slot: Int, _ k: Int) -> Double) {
        let width = auxiliaryWidth
        guard width > 0 else { return }
        for slot in 0..<n {
            for k in 0..<width { auxiliary[(capacity + slot) * width + k] = Self.quantized(value(slot, k)) }
        }
        recomputeAuxiliary()
    }

    /// Moves the clock to `t` and restores every winner. A clock moving backwards recomputes every
    /// node (O(n)).
    mutating func advance(to t: Double) {
        if capacity == 0 { reset(at: t) }
        if t < now {
            now = t
            guard sloped else { return }
            for node in stride(from: capacity - 1, through: 1, by: -1) { recompute(node) }
            return
        }
        now = t
        if nodes[1].expires <= t { advance(node: 1) }
    }

    private mutating func advance(node: Int) {
        guard node < capacity else { return }
        if nodes[2 * node].expires <= now { advance(node: 2 * node) }
        if nodes[2 * node + 1].expires <= now { advance(node: 2 * node + 1) }
        recompute(node)
    }

    /// Recomputes node `node` from its children (valid at `now`).
    @inline(__always)
    private mutating func recompute(_ node: Int) {
        let left = nodes[2 * node], right = nodes[2 * node + 1]
        let childExpiry = min(left.expires, right.expires)
        if left.payload < 0 || right.payload < 0 {
            nodes[node] = Node(line: left.payload < 0 ? right.line : left.line,
                               payload: left.payload < 0 ? right.payload : left.payload, expires: childExpiry)
            return
        }
        let a = left.line, b = right.line
        let va = a.value(at: now), vb = b.value(at: now)
        let leftWins = va < vb || (va == vb && (a.tie < b.tie || (a.tie == b.tie && left.payload <= right.payload)))
        let (winner, loser, vw, vl) = leftWins ? (a, b, va, vb) : (b, a, vb, va)
        // The loser overtakes when its line drops below the winner's: only if it falls faster.
        var crossing = Double.infinity
        if loser.slope < winner.slope {
            crossing = now + (vl - vw) / (winner.slope - loser.slope)
            if !(crossing > now) { crossing = now.nextUp }  // never expire in the past
        }
        nodes[node] = Node(line: winner, payload: leftWins ? left.payload : right.payload,
                           expires: min(childExpiry, crossing))
    }

    private mutating func update(leaf slot: Int) {
        var node = (capacity + slot) / 2
        while node >= 1 {
            recompute(node)
            node /= 2
        }
    }

    /// Inserts `line` with `payload` (not negative); returns its slot. Call `advance(to:)` first.
    @discardableResult
    mutating func insert(_ line: Line, payload: Int) -> Int {
        precondition(payload >= 0, "a tournament payload is not negative")
        if capacity == 0 { reset(at: now) }
        if freeSlots.isEmpty { grow() }
        let slot = freeSlots.removeLast()
        if line.slope != 0 { sloped = true }
        nodes[capacity + slot] = Node(line: line, payload: payload, expires: .infinity)
        count += 1
        update(leaf: slot)
        return slot
    }

    /// Replaces slot `slot`'s line. Call `advance(to:)` first. The same line (bit for bit) leaves
    /// the tree as it is (a static key of a job that ran, e.g. FCFS's arrival): O(1).
    mutating func replace(_ slot: Int, with line: Line) {
        if nodes[capacity + slot].line.isIdentical(to: line) { return }
        if line.slope != 0 { sloped = true }
        nodes[capacity + slot].line = line
        update(leaf: slot)
    }

    /// Empties slot `slot`. Call `advance(to:)` first.
    mutating func remove(_ slot: Int) {
        guard nodes[capacity + slot].payload >= 0 else { return }
        nodes[capacity + slot].payload = -1
        freeSlots.append(slot)
        count -= 1
        update(leaf: slot)
        if auxiliaryWidth > 0 { clearAuxiliary(slot) }
    }

    /// Sets an emptied slot's auxiliary values to 0. Out of line: `remove` is on every policy's
    /// hot path, and inlining this walk into it made the callers that inline `remove` slower
    /// (DREAM's index search on one accelerator by a third).
    @inline(never)
    private mutating func clearAuxiliary(_ slot: Int) {
        setAuxiliary(slot) { _ in 0 }
    }

    /// Keeps `width` static values per slot (0: none) and their maxima per node (read by
    /// `auxiliaryMaximum` during `search(pruneAt:visit:)`), from the next `reset` or `build` on. Every `insert`, and
    /// every `replace` that gives a slot to another item, must then be followed by `setAuxiliary`:
    /// a slot's values start at 0, which would make the maxima too low.
    mutating func keepAuxiliary(width: Int) {
        precondition(width >= 0, "a tournament keeps a non-negative number of auxiliary values")
        auxiliaryWidth = width
    }

    /// Sets slot `slot`'s auxiliary values (`value(k)`, `k < auxiliaryWidth`, in [0, 1]) and
    /// the maxima above it; the walk stops where the maxima stay. Call after the slot's line is set.
    mutating func setAuxiliary(_ slot: Int, _ value: (Int) -> Double) {
        let width = auxiliaryWidth
        guard width > 0 else { return }
        var node = capacity + slot
        var changed = false
        for k in 0..<width {
            let v = Self.quantized(value(k))
            if auxiliary[node * width + k] != v { auxiliary[node * width + k] = v; changed = true }
        }
        while changed && node > 1 {
            node /= 2
            changed = false
            for k in 0..<width {
                let m = childrenAuxiliaryMaximum(node, k)
                if auxiliary[node * width + k] != m { auxiliary[node * width + k] = m; changed = true }
            }
        }
    }

    /// Doubles the slots (O(n)), keeping every line in its slot.
    private mutating func grow() {
        let old = capacity
        let oldNodes = nodes
        capacity = max(64, old * 2)
        nodes = [Node](repeating: .empty, count: 2 * capacity)
        for slot in 0..<old { nodes[capacity + slot] = oldNodes[old + slot] }
        freeSlots = Array((old..<capacity).reversed()) + freeSlots
        for node in stride(from: capacity - 1, through: 1, by: -1) { recompute(node) }
        if auxiliaryWidth > 0 {
            let width = auxiliaryWidth, oldAuxiliary = auxiliary
            auxiliary = [UInt8](repeating: 0, count: 2 * capacity * width)
            for slot in 0..<old {
                for k in 0..<width { auxiliary[(capacity + slot) * width + k] = oldAuxiliary[(old + slot) * width + k] }
            }
            recomputeAuxiliary()
        }
    }

    /// The auxiliary maxima of every node (`auxiliaryMaximum`), to read during a search.
    var auxiliaryMaxima: [UInt8] { auxiliary }

    /// The highest auxiliary value `k` under `node` in `maxima` (`auxiliaryMaxima`, of a tournament
    /// keeping `width` values a slot), rounded up to a multiple of 1/255.
    @inline(__always)
    static func auxiliaryMaximum(_ maxima: [UInt8], width: Int, node: Int, _ k: Int) -> Double {
        Double(maxima[node * width + k]) / 255
    }

    /// Every node's auxiliary maxima from the slots' values, bottom-up.
    private mutating func recomputeAuxiliary() {
        let width = auxiliaryWidth
        for node in stride(from: capacity - 1, through: 1, by: -1) {
            for k in 0..<width { auxiliary[node * width + k] = childrenAuxiliaryMaximum(node, k) }
        }
    }

    /// The higher of `node`'s two children's auxiliary maxima `k`.
    @inline(__always)
    private func childrenAuxiliaryMaximum(_ node: Int, _ k: Int) -> UInt8 {
        let width = auxiliaryWidth
        return Swift.max(auxiliary[2 * node * width + k], auxiliary[(2 * node + 1) * width + k])
    }

    /// The lowest line's value at `now` (+infinity when empty).
    var minimum: Double {
        guard capacity > 0, nodes[1].payload >= 0 else { return .infinity }
        return nodes[1].line.value(at: now)
    }

    /// Visits occupied slots, lowest lines first along each branch, skipping every subtree whose
    /// winner `prune` rejects; `prune` is asked again as the caller's best improves.
    /// `prune(value, tie, payload)` gets the subtree's least (value, tie, payload) and must only
    /// return true when no slot of the subtree can matter (allowing for rounding: a node's value
    /// can sit slightly above its subtree's least value near a crossing).
    /// `visit(slot, payload, value, tie)` gets a slot's payload and its line's value and tie.
    /// Call `advance(to:)` first.
    @inline(__always)
    mutating func search(prune: (_ value: Double, _ tie: Double, _ payload: Int) -> Bool,
                         visit: (_ slot: Int, _ payload: Int, _ lineValue: Double, _ tie: Double) -> Void) {
        search(pruneAt: { value, tie, payload, _ in prune(value, tie, payload) }, visit: visit)
    }

    /// `search` whose `prune` also gets the node, for `auxiliaryMaximum(_:width:node:_:)`.
    @inline(__always)
    mutating func search(pruneAt prune: (_ value: Double, _ tie: Double, _ payload: Int, _ node: Int) -> Bool,
                         visit: (_ slot: Int, _ payload: Int, _ lineValue: Double, _ tie: Double) -> Void) {
        guard capacity > 0, nodes[1].payload >= 0 else { return }
        stack.removeAll(keepingCapacity: true)
        stack.append(1)
        while let node32 = stack.popLast() {
            let node = Int(node32)
            let here = nodes[node]
            guard here.payload >= 0 else { continue }
            let value = here.line.value(at: now)
            if prune(value, here.line.tie, here.payload, node) { continue }
            if node >= capacity {
                visit(node - capacity, here.payload, value, here.line.tie)
                continue
            }
            // Visit the child holding the winner first (pushed last).
            let left = 2 * node, right = 2 * node + 1
            if nodes[left].payload == here.payload {
                stack.append(Int32(right))
                stack.append(Int32(left))
            } else {
                stack.append(Int32(left))
                stack.append(Int32(right))
            }
        }
    }
}
