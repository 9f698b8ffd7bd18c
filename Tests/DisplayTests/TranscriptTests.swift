import Display
import Foundation
import HAL
import HALTesting
import Testing

/// The exact I2C traffic of a start and a first frame, per panel size, in Golden/NAME.i2c (one
/// transaction a line). Played back through I2CRecorder(expecting:), which fails on any mismatch or
/// leftover. `LINKYD_REGENERATE_GOLDEN=1` rewrites them.
@Suite struct TranscriptTests {
    @Test(arguments: PanelSize.allCases)
    func startAndFirstFramePlayBackExactly(_ size: PanelSize) throws {
        let name = "start-\(size).i2c"
        let screen = try #require(GoldenScreens.cases.first { $0.size == size })
        if GoldenScreenTests.regenerating {
            let recorder = I2CRecorder()
            var driver = SSD1306(bus: recorder, size: size)
            try driver.start(contrast: 0xCF)
            try driver.show(screen.render())
            let text = "# SSD1306 \(size): start(contrast: 0xCF), then the \(screen.name) screen\n" + recorder.transcript
            try text.write(to: GoldenScreenTests.sourceDirectory.appendingPathComponent(name), atomically: true, encoding: .utf8)
            return
        }
        let text = try #require(GoldenScreenTests.bundled(name), "regenerate with LINKYD_REGENERATE_GOLDEN=1")
        let transcript = try #require(I2CRecorder.parse(transcript: text))
        let playback = I2CRecorder(expecting: transcript)
        var driver = SSD1306(bus: playback, size: size)
        try driver.start(contrast: 0xCF)
        try driver.show(screen.render())
        #expect(playback.mismatches.isEmpty)
        #expect(playback.leftover.isEmpty)
    }
}
