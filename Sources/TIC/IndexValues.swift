/// A fixed number (at most 10) of optional values stored inline: a meter's energy indexes
/// (supplier 1…10, distributor 1…4, reactive Q1…Q4). Unlike an `Array` it holds no reference: a
/// ``MeterState`` shared with a status is copied at the next group without a second allocation, and
/// setting an index never reallocates (the historic indexes change every frame).
public struct IndexValues<Value: Sendable & Hashable>: RandomAccessCollection, MutableCollection, Sendable, Hashable {
    public static var capacity: Int { 10 }
    private var storage = InlineArray<10, Value?>(repeating: nil)
    public let count: Int

    /// `count` values, all nil. `count` is at most ``capacity``.
    public init(count: Int) {
        precondition((0...Self.capacity).contains(count), "IndexValues holds at most \(Self.capacity) values")
        self.count = count
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Value? {
        get {
            precondition(position >= 0 && position < count, "index \(position) out of 0..<\(count)")
            return storage[position]
        }
        set {
            precondition(position >= 0 && position < count, "index \(position) out of 0..<\(count)")
            storage[position] = newValue
        }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.count == rhs.count && lhs.indices.allSatisfy { lhs[$0] == rhs[$0] }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for value in self { hasher.combine(value) }
    }
}
