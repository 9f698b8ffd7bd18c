@testable import Controller
import Testing
import TIC

/// The rules file's `display:` section: defaults, every key, and clear errors.
struct DisplayConfigTests {
    static let head = """
    meters:
      main: { port: /dev/ttyAMA0 }
    outputs:
      led: { gpio: { chip: gpiochip0, line: 25 }, initial: off, failsafe: off }
    rules:
      - { name: red, when: { tempo-today: red }, then: { led: on } }

    """

    static func compile(_ display: String) -> Compilation {
        RulesCompiler.compile(source: head + display, file: "d.yaml")
    }

    @Test func noSectionNoDisplay() {
        #expect(Self.compile("").ruleSet?.display == nil)
    }

    @Test func defaults() throws {
        let display = try #require(Self.compile("display: {}\n").ruleSet?.display)
        #expect(display.bus == "/dev/i2c-1" && display.address == .ssd1306 && display.size == .wide)
        #expect(!display.rotated180 && display.contrast == 0x7F && display.night == nil && display.pixelShift == .seconds(120))
    }

    @Test func everyKey() throws {
        let display = try #require(Self.compile("""
        display:
          bus: 0
          address: 0x3D
          size: 128x32
          rotate: 180
          contrast: 50%
          night: { time: 22:00-07:00, contrast: 5 }
          pixel-shift: off
        """).ruleSet?.display)
        #expect(display.bus == "/dev/i2c-0" && display.address == .ssd1306Alternate && display.size == .slim && display.rotated180)
        #expect(display.contrast == 127 && display.night?.window == TimeWindow(start: 22 * 60, end: 7 * 60))
        #expect(display.night?.contrast == 5 && display.pixelShift == nil)
    }

    @Test(arguments: [
        ("display: { address: 0x27 }", "an SSD1306 answers at 0x3C or 0x3D"),
        ("display: { size: 128x128 }", "unknown panel size"),
        ("display: { rotate: 90 }", "0 or 180 degrees"),
        ("display: { contrast: 300 }", "not a percentage or 0…255"),
        ("display: { bus: i2c }", "is not an I2C bus"),
        ("display: { night: { time: 22:00-07:00 } }", "needs both 'time' and 'contrast'"),
        ("display: { pixel-shift: 10 s }", "more often than once a minute"),
        ("display: { brightness: 10 }", "unknown key"),
    ])
    func errors(_ display: String, _ message: String) {
        let compilation = Self.compile(display + "\n")
        #expect(compilation.ruleSet == nil)
        #expect(compilation.diagnostics.errors.contains { $0.message.contains(message) }, "\(compilation.diagnostics.oneLines)")
        #expect(compilation.diagnostics.errors.allSatisfy { $0.location.line == 7 })
    }
}
