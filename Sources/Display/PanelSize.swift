/// The two SSD1306 panel sizes sold on small I2C modules. Both are 128 columns wide; the height sets
/// the multiplex ratio and COM pin configuration (SSD1306 datasheet §10.1.11 and §10.1.18).
public enum PanelSize: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case size128x64 = "128x64"
    case size128x32 = "128x32"

    public var width: Int { 128 }
    public var height: Int { self == .size128x64 ? 64 : 32 }
    /// GDDRAM pages in use: one per 8 rows (datasheet §8.7, Figure 8-13).
    public var pages: Int { height / 8 }

    /// `128x64` or `128x32`.
    public init?(parsing text: String) { self.init(rawValue: text.lowercased()) }

    public var description: String { rawValue }
}
