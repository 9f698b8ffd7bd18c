import HAL

/// A driver for the SSD1306 OLED controller on an I2C bus (Solomon Systech datasheet Rev 1.1).
///
/// - ``start(contrast:rotated180:)`` sends the datasheet's initialisation sequence for the panel
///   height, clears GDDRAM and switches the display on.
/// - ``show(_:)`` sends, in page addressing mode (§10.1.3), only the pages that differ from what the
///   panel holds, and within a page only the columns from the first to the last changed one.
/// - ``displayOff()`` on shutdown (AEh, §10.1.12: the panel sleeps, GDDRAM is kept).
///
/// Every write is one I2C transaction: a control byte (§8.1.5.2) then commands or data. Command
/// transactions carry whole commands, at most 32 bytes after the control byte (an SMBus block).
/// After any error the driver forgets what the panel holds, so the next `show` resends everything.
public struct SSD1306<Bus: I2CBus>: Sendable {
    public let bus: Bus
    public let address: I2CAddress
    public let size: PanelSize
    /// The most display bytes in one data transaction (after the control byte). 128 sends a whole page
    /// at once; some I2C adapters need less.
    public var maximumDataLength: Int
    /// What GDDRAM holds, as far as the driver knows (nil: unknown, everything is resent).
    public private(set) var shown: Framebuffer?
    public private(set) var contrast: UInt8?
    public private(set) var rotated180 = false
    public private(set) var isOn = false

    public init(bus: Bus, address: I2CAddress = .ssd1306, size: PanelSize, maximumDataLength: Int = 128) {
        self.bus = bus
        self.address = address
        self.size = size
        self.maximumDataLength = max(maximumDataLength, 1)
    }

    /// Initialises the controller, clears its memory and switches the display on.
    public mutating func start(contrast: UInt8 = 0x7F, rotated180: Bool = false) throws(HardwareError) {
        shown = nil
        isOn = false
        try command(SSD1306Command.initialization(size: size, contrast: contrast, rotated180: rotated180))
        self.contrast = contrast
        self.rotated180 = rotated180
        try show(Framebuffer(size: size))
        try command([SSD1306Command.displayOn])
        isOn = true
    }

    /// Sends the parts of `frame` that changed since the last frame; returns the pages sent.
    @discardableResult
    public mutating func show(_ frame: Framebuffer) throws(HardwareError) -> [Int] {
        guard frame.size == size else {
            throw HardwareError(.unsupported, device: "\(bus.name) \(address)",
                                detail: "a \(frame.size) picture for a \(size) panel",
                                hint: "set the display size in the rules file to the panel's (128x64 or 128x32)")
        }
        var sent: [Int] = []
        for page in 0..<size.pages {
            let new = frame.page(page)
            var first = new.startIndex, last = new.endIndex - 1
            if let old = shown?.page(page) {
                guard let firstChange = new.indices.first(where: { new[$0] != old[$0] }),
                      let lastChange = new.indices.last(where: { new[$0] != old[$0] })
                else { continue }
                first = firstChange
                last = lastChange
            }
            let column = first - new.startIndex
            do throws(HardwareError) {
                try command([SSD1306Command.pageStart | UInt8(page),
                             SSD1306Command.lowerColumn | UInt8(column & 0x0F),
                             SSD1306Command.higherColumn | UInt8(column >> 4)])
                var start = first
                while start <= last {
                    let end = min(start + maximumDataLength, last + 1)
                    try bus.write([SSD1306Command.dataStream] + new[start..<end], to: address)
                    start = end
                }
            } catch {
                shown = nil
                throw error
            }
            sent.append(page)
        }
        shown = frame
        return sent
    }

    /// Sets the contrast (81h, §10.1.7) if it differs from the current one.
    public mutating func setContrast(_ value: UInt8) throws(HardwareError) {
        guard value != contrast else { return }
        try command([SSD1306Command.setContrast, value])
        contrast = value
    }

    /// Turns the picture by 180 degrees in hardware: segment remap (§10.1.8) and COM scan direction
    /// (§10.1.14). The remap applies only to data written afterwards, so the next `show` resends all.
    public mutating func setRotated180(_ value: Bool) throws(HardwareError) {
        guard value != rotated180 else { return }
        try command([value ? SSD1306Command.segmentNormal : SSD1306Command.segmentRemapped,
                     value ? SSD1306Command.comScanNormal : SSD1306Command.comScanRemapped])
        rotated180 = value
        shown = nil
    }

    /// Switches the panel off (AEh, sleep mode, §10.1.12); call on shutdown.
    public mutating func displayOff() throws(HardwareError) {
        try command([SSD1306Command.displayOff])
        isOn = false
    }

    /// One command transaction: control byte 00h and `bytes` (whole commands, at most 32 bytes).
    private mutating func command(_ bytes: [UInt8]) throws(HardwareError) {
        do throws(HardwareError) {
            try bus.write([SSD1306Command.commandStream] + bytes, to: address)
        } catch {
            shown = nil
            throw error
        }
    }
}
