import TIC

/// The OLED settings of the rules file's `display:` section (validated by the rules compiler).
public struct DisplaySettings: Sendable, Hashable {
    /// The panel is mounted upside down: the driver remaps segments and COM scan (datasheet §10.1.8,
    /// §10.1.14), the framebuffer is unchanged.
    public var rotated180: Bool
    /// Contrast by day, 0…255 (datasheet §10.1.7, command 81h).
    public var contrast: UInt8
    /// Dimming at night: between `from` and `to` (which may span midnight) the contrast is `contrast`.
    public var night: NightDimming?
    /// Burn-in care: the whole picture moves by one pixel every `pixelShiftInterval` minutes, through
    /// four positions (nil: never moves).
    public var pixelShiftInterval: Int?

    public struct NightDimming: Sendable, Hashable {
        /// Local time (``TimeWindow``: start included, end excluded, may span midnight).
        public var window: TimeWindow
        public var contrast: UInt8

        public init(window: TimeWindow, contrast: UInt8 = 0x01) {
            self.window = window
            self.contrast = contrast
        }

        public init(from: TimeOfDay, to: TimeOfDay, contrast: UInt8 = 0x01) {
            self.init(window: TimeWindow(from: from, to: to), contrast: contrast)
        }

        public func contains(_ time: TimeOfDay) -> Bool { window.contains(time) }
    }

    public init(rotated180: Bool = false, contrast: UInt8 = 0x7F, night: NightDimming? = nil, pixelShiftInterval: Int? = 2) {
        self.rotated180 = rotated180
        self.contrast = contrast
        self.night = night
        self.pixelShiftInterval = pixelShiftInterval
    }

    /// The defaults: upright, contrast 0x7F (the reset value), no night dimming, a shift every 2 minutes.
    public static let standard = DisplaySettings()

    /// The contrast to use at `time`: the night one inside the night window.
    public func contrast(at time: TimeOfDay) -> UInt8 {
        if let night, night.contains(time) { return night.contrast }
        return contrast
    }

    /// The burn-in offset for the `minute`-th minute of a monotonic minute counter: (0,0), (1,0),
    /// (1,1), (0,1), each for `pixelShiftInterval` minutes. Layouts keep a free last column and row.
    public func pixelShift(minute: Int) -> (dx: Int, dy: Int) {
        guard let interval = pixelShiftInterval, interval > 0 else { return (0, 0) }
        switch (max(minute, 0) / interval) % 4 {
        case 1: return (1, 0)
        case 2: return (1, 1)
        case 3: return (0, 1)
        default: return (0, 0)
        }
    }
}

/// The animation inputs of one drawing, derived from a monotonic time by the caller (never read from a
/// clock by the renderer): which rotating page, which flash phase, which burn-in minute.
public struct RenderCycle: Sendable, Hashable {
    /// Rotating page counter (meters on a 128x32 panel or past three, several alerts).
    public var page: Int
    /// Flash phase of alert screens: `true` shows the emphasised (inverse) variant.
    public var flash: Bool
    /// Minute counter for the burn-in shift.
    public var minute: Int

    public init(page: Int = 0, flash: Bool = true, minute: Int = 0) {
        self.page = page
        self.flash = flash
        self.minute = minute
    }

    /// From the time since start: pages turn every `pageDuration`, flashing at 1 Hz (half a second each).
    public init(elapsed: Duration, pageDuration: Duration = .seconds(4)) {
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        let pageMilliseconds = max(pageDuration.components.seconds * 1000 + pageDuration.components.attoseconds / 1_000_000_000_000_000, 1)
        self.init(
            page: Int(milliseconds / pageMilliseconds), flash: (milliseconds / 500) % 2 == 0,
            minute: Int(milliseconds / 60_000))
    }
}
