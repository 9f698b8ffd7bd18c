import HAL
import TIC
import Yams

extension RulesCompiler {
    static let displayKeys = ["bus", "address", "size", "rotate", "contrast", "night", "pixel-shift"]
    static let nightKeys = ["time", "contrast"]

    /// `display: { bus, address, size, rotate, contrast, night: { time, contrast }, pixel-shift }`.
    mutating func compileDisplay(_ node: Node, key: Node) -> DisplayConfig? {
        guard let fields = fields(of: node, in: "'display'", allowed: Self.displayKeys) else { return nil }
        var config = DisplayConfig(location: Self.location(of: key))
        var failed = false
        if let entry = fields["bus"] {
            if let bus = value(entry.value, expected: "an I2C bus such as /dev/i2c-1", Self.bus) { config.bus = bus } else { failed = true }
        }
        if let entry = fields["address"] {
            if let address = value(entry.value, expected: "an I2C address", Self.address) { config.address = address } else { failed = true }
        }
        if let entry = fields["size"] {
            if let size = value(entry.value, expected: "128x64 or 128x32", Self.size) { config.size = size } else { failed = true }
        }
        if let entry = fields["rotate"] {
            if let rotate = value(entry.value, expected: "0 or 180", Self.rotation) { config.rotated180 = rotate } else { failed = true }
        }
        if let entry = fields["contrast"] {
            if let contrast = value(entry.value, expected: "a contrast", Self.contrast) { config.contrast = contrast } else { failed = true }
        }
        if let entry = fields["pixel-shift"] {
            if entry.value.scalar?.string == "off" {
                config.pixelShift = nil
            } else if let shift = durationValue(entry.value) {
                if shift < .seconds(60) {
                    error(at: entry.value, "a pixel shift more often than once a minute makes the picture dance",
                          hint: "write 2 min (the default) or more, or off")
                    failed = true
                } else {
                    config.pixelShift = shift
                }
            } else {
                failed = true
            }
        }
        if let entry = fields["night"] {
            if let night = compileNight(entry.value) { config.night = night } else { failed = true }
        }
        return failed ? nil : config
    }

    private mutating func compileNight(_ node: Node) -> (window: TimeWindow, contrast: Int)? {
        guard let fields = fields(of: node, in: "'night' of 'display'", allowed: Self.nightKeys) else { return nil }
        guard let time = fields["time"], let contrast = fields["contrast"] else {
            error(at: node, "'night' needs both 'time' and 'contrast'", hint: "e.g. night: { time: 22:00-07:00, contrast: 5% }")
            return nil
        }
        guard let window = value(time.value, expected: "a time window such as 22:00-07:00", ValueSyntax.timeWindow),
              let level = value(contrast.value, expected: "a contrast", Self.contrast) else { return nil }
        return (window, level)
    }

    static func bus(_ text: String) -> Result<String, ValueProblem> {
        if let number = Int(text), number >= 0 { return .success("/dev/i2c-\(number)") }
        if text.hasPrefix("/dev/") { return .success(text) }
        return .failure(ValueProblem("'\(text)' is not an I2C bus", hint: "write /dev/i2c-1 (the Raspberry Pi header's bus) or just 1"))
    }

    static func address(_ text: String) -> Result<I2CAddress, ValueProblem> {
        guard let parsed = I2CAddress(parsing: text) else {
            return .failure(ValueProblem("'\(text)' is not a 7-bit I2C address", hint: "SSD1306 modules answer at 0x3C, or 0x3D with the address jumper moved; `i2cdetect -y 1` shows it"))
        }
        if parsed != .ssd1306 && parsed != .ssd1306Alternate {
            return .failure(ValueProblem("an SSD1306 answers at 0x3C or 0x3D, not \(text)", hint: "`i2cdetect -y 1` shows the address"))
        }
        return .success(parsed)
    }

    static func size(_ text: String) -> Result<DisplayConfig.Size, ValueProblem> {
        DisplayConfig.Size(rawValue: text.lowercased()).map { .success($0) }
            ?? .failure(ValueProblem("unknown panel size '\(text)'", hint: "write 128x64 (0.96\" modules) or 128x32 (0.91\")"))
    }

    static func rotation(_ text: String) -> Result<Bool, ValueProblem> {
        switch text {
        case "0": .success(false)
        case "180": .success(true)
        default: .failure(ValueProblem("the panel turns by 0 or 180 degrees, not \(text)", hint: "write rotate: 180 for a panel mounted upside down"))
        }
    }

    /// `50%` of the full range, or a raw 0…255.
    static func contrast(_ text: String) -> Result<Int, ValueProblem> {
        if text.hasSuffix("%"), let percent = Int(text.dropLast().trimmingCharacters(in: .whitespaces)), (0...100).contains(percent) {
            return .success(percent * 255 / 100)
        }
        if let raw = Int(text), (0...255).contains(raw) { return .success(raw) }
        return .failure(ValueProblem("contrast '\(text)' is not a percentage or 0…255", hint: "write 50% or 127"))
    }
}
