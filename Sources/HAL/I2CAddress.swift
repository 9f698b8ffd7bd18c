/// A 7-bit I2C target address (0x03…0x77 are the usable ones; 0x00-0x02 and 0x78-0x7F are reserved
/// by the I2C specification). Written `0x3C` in configuration files and logs.
public struct I2CAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let value: UInt8

    /// `nil` unless `value` is a 7-bit address outside the reserved ranges.
    public init?(_ value: Int) {
        guard (0x03...0x77).contains(value) else { return nil }
        self.value = UInt8(value)
    }

    /// An SSD1306 with SA0 (D/C#) tied low: 0x3C, the usual address of the small modules.
    public static let ssd1306 = I2CAddress(unchecked: 0x3C)
    /// An SSD1306 with SA0 tied high (the module's address jumper or resistor moved): 0x3D.
    public static let ssd1306Alternate = I2CAddress(unchecked: 0x3D)

    private init(unchecked value: UInt8) { self.value = value }

    /// Reads `0x3C`, `0X3c` or `60`.
    public init?(parsing text: String) {
        let lower = text.lowercased()
        let number = lower.hasPrefix("0x") ? Int(lower.dropFirst(2), radix: 16) : Int(lower)
        guard let number else { return nil }
        self.init(number)
    }

    public static func < (lhs: I2CAddress, rhs: I2CAddress) -> Bool { lhs.value < rhs.value }

    /// `0x3C`.
    public var description: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "0x" + (hex.count < 2 ? "0" + hex : hex)
    }
}
