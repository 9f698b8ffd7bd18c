import HAL
import TIC

/// The OLED under `display:` (optional: without it, linkyd drives no display).
///
/// ```yaml
/// display:
///   bus: /dev/i2c-1          # default
///   address: 0x3C            # or 0x3D (the module's address jumper)
///   size: 128x64             # or 128x32
///   rotate: 180              # mounted upside down (default 0)
///   contrast: 50%            # or 0…255
///   night: { time: 22:00-07:00, contrast: 5% }
///   pixel-shift: 2 min       # burn-in care, or off
/// ```
public struct DisplayConfig: Sendable, Hashable {
    public enum Size: String, Sendable, Hashable, CaseIterable {
        case wide = "128x64"
        case slim = "128x32"
    }

    public var bus: String
    /// 0x3C or 0x3D (the compiler accepts nothing else).
    public var address: I2CAddress
    public var size: Size
    public var rotated180: Bool
    /// 0…255 (SSD1306 command 81h).
    public var contrast: Int
    /// Dimmer at night: the window, and the contrast inside it.
    public var night: (window: TimeWindow, contrast: Int)?
    /// How often the picture moves by one pixel (nil: never).
    public var pixelShift: Duration?
    public var location: SourceLocation

    public init(
        bus: String = "/dev/i2c-1", address: I2CAddress = .ssd1306, size: Size = .wide, rotated180: Bool = false,
        contrast: Int = 0x7F, night: (window: TimeWindow, contrast: Int)? = nil, pixelShift: Duration? = .seconds(120),
        location: SourceLocation = .start
    ) {
        self.bus = bus
        self.address = address
        self.size = size
        self.rotated180 = rotated180
        self.contrast = contrast
        self.night = night
        self.pixelShift = pixelShift
        self.location = location
    }

    public static func == (lhs: DisplayConfig, rhs: DisplayConfig) -> Bool {
        lhs.bus == rhs.bus && lhs.address == rhs.address && lhs.size == rhs.size && lhs.rotated180 == rhs.rotated180
            && lhs.contrast == rhs.contrast && lhs.night?.window == rhs.night?.window
            && lhs.night?.contrast == rhs.night?.contrast && lhs.pixelShift == rhs.pixelShift && lhs.location == rhs.location
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(bus)
        hasher.combine(address)
        hasher.combine(size)
        hasher.combine(contrast)
    }
}
