@testable import Display
import HAL
import HALTesting
import Testing

@Suite struct SSD1306Tests {
    /// Commands of the init sequence as (opcode, arguments), the way the datasheet lists them.
    static func decoded(_ bytes: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var index = 0
        while index < bytes.count {
            let count = 1 + SSD1306Command.argumentCount(of: bytes[index])
            result.append(Array(bytes[index..<min(index + count, bytes.count)]))
            index += count
        }
        return result
    }

    @Test(arguments: PanelSize.allCases)
    func initSequenceMatchesTheDatasheetCommandByCommand(_ size: PanelSize) {
        let tall = size == .size128x64
        let expected: [(String, [UInt8])] = [
            ("display off (§10.1.12)", [0xAE]),
            ("clock divide ratio / oscillator, reset value (§10.1.16)", [0xD5, 0x80]),
            ("multiplex ratio = rows - 1 (§10.1.11)", [0xA8, tall ? 0x3F : 0x1F]),
            ("display offset 0 (§10.1.15)", [0xD3, 0x00]),
            ("start line 0 (§10.1.6)", [0x40]),
            ("charge pump on (app. note, Table 2-1)", [0x8D, 0x14]),
            ("page addressing mode (§10.1.3)", [0x20, 0x02]),
            ("segment remap: column 127 → SEG0 (§10.1.8)", [0xA1]),
            ("COM scan COM[N-1] → COM0 (§10.1.14)", [0xC8]),
            ("COM pins: alternative for 64 rows, sequential for 32 (§10.1.18)", [0xDA, tall ? 0x12 : 0x02]),
            ("contrast (§10.1.7)", [0x81, 0xCF]),
            ("pre-charge for the internal charge pump (§10.1.17)", [0xD9, 0xF1]),
            ("VCOMH deselect ≈ 0.77 Vcc (§10.1.19)", [0xDB, 0x20]),
            ("deactivate scroll (§10.2.3)", [0x2E]),
            ("display follows RAM (§10.1.9)", [0xA4]),
            ("normal, not inverse (§10.1.10)", [0xA6]),
        ]
        let commands = Self.decoded(SSD1306Command.initialization(size: size, contrast: 0xCF, rotated180: false))
        #expect(commands.count == expected.count)
        for (command, (meaning, bytes)) in zip(commands, expected) {
            #expect(command == bytes, "\(meaning)")
        }
        let rotated = Self.decoded(SSD1306Command.initialization(size: size, contrast: 0xCF, rotated180: true))
        #expect(rotated[7] == [0xA0] && rotated[8] == [0xC0])
    }

    @Test(arguments: PanelSize.allCases)
    func startLeavesTheEmulatedPanelOnBlankAndConfigured(_ size: PanelSize) throws {
        let bus = I2CRecorder()
        var driver = SSD1306(bus: bus, size: size)
        try driver.start(contrast: 0x40)
        var panel = PanelEmulator()
        panel.gddram = [[UInt8]](repeating: [UInt8](repeating: 0xA5, count: 128), count: 8)  // power-on garbage
        panel.feed(bus.transactions)
        #expect(panel.problems.isEmpty)
        #expect(panel.isOn && panel.chargePump && panel.contrast == 0x40 && panel.mode == .page)
        #expect(panel.multiplexRatio == size.height)
        #expect(panel.framebuffer(size) == Framebuffer(size: size))
        #expect(panel.commands.last == [0xAF], "display on comes last, after GDDRAM is cleared")
        // Every command transaction fits an SMBus block: control byte + at most 32 bytes.
        for transaction in bus.transactions where transaction.bytes.first == 0x00 {
            #expect(transaction.bytes.count <= 33)
        }
    }

    @Test(arguments: PanelSize.allCases, [128, 31, 16])
    func gddramEqualsTheFramebufferAfterEveryFrame(_ size: PanelSize, chunk: Int) throws {
        let bus = I2CRecorder()
        var driver = SSD1306(bus: bus, size: size, maximumDataLength: chunk)
        try driver.start()
        var panel = PanelEmulator()
        for screen in GoldenScreens.cases.filter({ $0.size == size }).prefix(6) {
            bus.removeAll()
            let frame = screen.render()
            try driver.show(frame)
            panel.feed(bus.transactions)
            #expect(panel.problems.isEmpty)
            #expect(panel.framebuffer(size) == frame, "\(screen.name)")
            for transaction in bus.transactions { #expect(transaction.bytes.count <= chunk + 1 || transaction.bytes.first == 0) }
        }
    }

    @Test func onlyChangedPagesAndColumnsAreSent() throws {
        let bus = I2CRecorder()
        var driver = SSD1306(bus: bus, size: .size128x64)
        try driver.start()
        var frame = Framebuffer(size: .size128x64)
        frame.drawText("12", x: 40, y: 26, font: .fixed6x10)  // rows 26-35: pages 3 and 4
        bus.removeAll()
        #expect(try driver.show(frame) == [3, 4])
        var panel = PanelEmulator()
        panel.feed(bus.transactions)
        let dataBytes = bus.transactions.filter { $0.bytes.first == 0x40 }.map { $0.bytes.count - 1 }
        #expect(dataBytes.allSatisfy { $0 <= 12 }, "only columns 40…51 at most: \(dataBytes)")
        #expect(panel.commands.contains([0xB3]) && panel.commands.contains([0xB4]))

        bus.removeAll()
        #expect(try driver.show(frame) == [], "an unchanged frame sends nothing")
        #expect(bus.transactions.isEmpty)
    }

    @Test func rotationRemapsAndResendsEverything() throws {
        let bus = I2CRecorder()
        var driver = SSD1306(bus: bus, size: .size128x32)
        try driver.start()
        var frame = Framebuffer(size: .size128x32)
        frame[0, 0] = true
        try driver.show(frame)
        bus.removeAll()
        try driver.setRotated180(true)
        #expect(try driver.show(frame) == [0, 1, 2, 3])
        var panel = PanelEmulator()
        panel.feed(bus.transactions)
        #expect(!panel.segmentRemapped && !panel.comScanReversed)
    }

    @Test func contrastIsSentOnlyWhenItChanges() throws {
        let bus = I2CRecorder()
        var driver = SSD1306(bus: bus, size: .size128x64)
        try driver.start(contrast: 0x7F)
        bus.removeAll()
        try driver.setContrast(0x7F)
        #expect(bus.transactions.isEmpty)
        try driver.setContrast(0x01)
        try driver.displayOff()
        #expect(bus.transactions.map(\.bytes) == [[0x00, 0x81, 0x01], [0x00, 0xAE]])
    }

    @Test func aFailedWriteMakesTheNextFrameResendEverything() throws {
        let bus = I2CRecorder()
        var driver = SSD1306(bus: bus, size: .size128x32)
        try driver.start()
        var frame = Framebuffer(size: .size128x32)
        frame[5, 5] = true
        bus.failure = HardwareError(.io, device: "test", detail: "nack", hint: "")
        #expect(throws: HardwareError.self) { try driver.show(frame) }
        bus.failure = nil
        #expect(try driver.show(frame) == [0, 1, 2, 3])
    }

    @Test func aFramebufferOfTheWrongSizeIsRefused() throws {
        var driver = SSD1306(bus: I2CRecorder(), size: .size128x32)
        #expect(throws: HardwareError.self) { try driver.show(Framebuffer(size: .size128x64)) }
    }
}
