/// Comparing two thresholds at compile time, when their units allow it (VA with VA, % with %; a
/// percentage against an absolute value depends on the subscription, known only at run time).
protocol LevelOrdering: CustomStringConvertible {
    /// Whether `self` ≥ `other`, definitely; false when the units differ.
    func isAtLeast(_ other: Self) -> Bool
}

extension PowerLevel: LevelOrdering {
    func isAtLeast(_ other: PowerLevel) -> Bool {
        switch (self, other) {
        case let (.voltAmperes(a), .voltAmperes(b)): a >= b
        case let (.percentOfSubscribed(a), .percentOfSubscribed(b)): a >= b
        default: false
        }
    }
}

extension CurrentLevel: LevelOrdering {
    func isAtLeast(_ other: CurrentLevel) -> Bool {
        switch (self, other) {
        case let (.amperes(a), .amperes(b)): a >= b
        case let (.percentOfSubscribed(a), .percentOfSubscribed(b)): a >= b
        default: false
        }
    }
}
