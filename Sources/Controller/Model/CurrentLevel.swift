import TIC

/// A current threshold: absolute (`25 A`) or relative to the subscribed current per phase (`90%`).
public enum CurrentLevel: Sendable, Hashable, CustomStringConvertible {
    case amperes(Amperes)
    case percentOfSubscribed(Int)

    /// The threshold in A, given the subscribed current per phase.
    public func resolved(subscribed: Amperes?) -> Amperes? {
        switch self {
        case .amperes(let value): value
        case .percentOfSubscribed(let percent): subscribed.map { Amperes($0.value * percent / 100) }
        }
    }

    public var description: String {
        switch self {
        case .amperes(let value): value.description
        case .percentOfSubscribed(let percent): "\(percent)%"
        }
    }
}
