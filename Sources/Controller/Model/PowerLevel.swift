import TIC

/// A power threshold: absolute (`8500 VA`, `8.5 kVA`) or relative to the subscribed power (`95%`).
public enum PowerLevel: Sendable, Hashable, CustomStringConvertible {
    case voltAmperes(VoltAmperes)
    case percentOfSubscribed(Int)

    /// The threshold in VA, given the meter's subscribed power (nil when a percentage meets a meter
    /// that has not sent its subscription yet).
    public func resolved(subscribed: VoltAmperes?) -> VoltAmperes? {
        switch self {
        case .voltAmperes(let value): value
        case .percentOfSubscribed(let percent): subscribed.map { VoltAmperes($0.value * percent / 100) }
        }
    }

    public var description: String {
        switch self {
        case .voltAmperes(let value): value.description
        case .percentOfSubscribed(let percent): "\(percent)%"
        }
    }
}
