/// `above:` and/or `below:` of a measured quantity. With both, the value must lie between them.
/// Comparisons are strict: `above: 6 kVA` does not hold at exactly 6000 VA.
public struct Bounds<Level: Sendable & Hashable>: Sendable, Hashable {
    public var above: Level?
    public var below: Level?

    public init(above: Level? = nil, below: Level? = nil) {
        self.above = above
        self.below = below
    }
}
