/// Physical quantities as the meter reports them: whole numbers in the unit of the specification.
/// Distinct types so a rule comparing power cannot be handed a current (ARCHITECTURE.md, units).
public protocol Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    var value: Int { get }
    init(_ value: Int)
    static var symbol: String { get }
}

extension Quantity {
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }
    public var description: String { "\(value) \(Self.symbol)" }
}

/// Apparent power, VA (PAPP, SINSTS, SINSTI, SMAXSN…).
public struct VoltAmperes: Quantity { public let value: Int; public init(_ value: Int) { self.value = value }; public static let symbol = "VA" }
/// RMS current, A (IINST, IRMS1, ADPS…).
public struct Amperes: Quantity { public let value: Int; public init(_ value: Int) { self.value = value }; public static let symbol = "A" }
/// RMS voltage, V (URMS1, UMOY1…).
public struct Volts: Quantity { public let value: Int; public init(_ value: Int) { self.value = value }; public static let symbol = "V" }
/// Active power, W (CCASN, CCAIN).
public struct Watts: Quantity { public let value: Int; public init(_ value: Int) { self.value = value }; public static let symbol = "W" }
/// Active energy, Wh (BASE, HCHC, EAST, EASF01…).
public struct WattHours: Quantity { public let value: Int; public init(_ value: Int) { self.value = value }; public static let symbol = "Wh" }
/// Reactive energy, VArh (ERQ1-4).
public struct VoltAmpereReactiveHours: Quantity { public let value: Int; public init(_ value: Int) { self.value = value }; public static let symbol = "VArh" }
