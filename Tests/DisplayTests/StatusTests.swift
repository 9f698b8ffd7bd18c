@testable import Display
import HAL
import HALTesting
import TIC
import Testing

@Suite struct StatusTests {
    @Test func alertsComeMostSeriousFirst() {
        var state = GoldenScreens.ejp
        state.historicPeriod = .pm
        state.overSubscriptionCurrent = Amperes(61)
        let status = DisplayStatus(
            meters: [.init(name: "a", state: state), .init(name: "b", state: GoldenScreens.tempo, signal: .lost(since: .seconds(90)))],
            outputs: [.init(name: "chauffe-eau", isOn: false, reason: .shedding)], messages: ["hello"],
            reloadError: "bad", localTime: TimeOfDay(hour: 0, minute: 0))
        #expect(status.alerts == [
            .signalLost(meter: "b", since: .seconds(90)),
            .overpower(meter: "a", power: VoltAmperes(4120), subscribed: VoltAmperes(12_000)),
            .shedding(outputs: ["chauffe-eau"]), .ejpPeak(meter: "a"), .reloadError("bad"), .message("hello"),
        ])
    }

    @Test func tempoRedTakesOverOnlyInPeakHours() {
        var state = GoldenScreens.tempo
        state.historicPeriod = .hcRed
        #expect(GoldenScreens.one(state).alerts.isEmpty)
        state.historicPeriod = .hpRed
        #expect(GoldenScreens.one(state).alerts == [.tempoRed(meter: "maison")])
    }

    @Test func textFormats() {
        #expect(DisplayText.number(1_234_567) == "1 234 567")
        #expect(DisplayText.number(999) == "999")
        #expect(DisplayText.number(nil) == "----")
        #expect(DisplayText.duration(.seconds(42)) == "42 s")
        #expect(DisplayText.duration(.seconds(725)) == "12 min")
        #expect(DisplayText.duration(.seconds(3 * 3600 + 300)) == "3 h 05")
        #expect(DisplayText.duration(.seconds(5 * 86_400)) == "5 j")
        #expect(DisplayText.truncated("chauffe-eau", to: 6) == "chauf…")
        #expect(DisplayText.wrapped("un deux trois quatre", width: 9, maxLines: 2) == ["un deux", "trois …"])
    }

    @Test func nightDimmingSpansMidnight() {
        let settings = DisplaySettings(contrast: 0xCF, night: .init(from: TimeOfDay(hour: 22, minute: 30), to: TimeOfDay(hour: 6, minute: 0), contrast: 2))
        #expect(settings.contrast(at: TimeOfDay(hour: 22, minute: 29)) == 0xCF)
        #expect(settings.contrast(at: TimeOfDay(hour: 23, minute: 0)) == 2)
        #expect(settings.contrast(at: TimeOfDay(hour: 5, minute: 59)) == 2)
        #expect(settings.contrast(at: TimeOfDay(hour: 6, minute: 0)) == 0xCF)
    }

    @Test func pixelShiftCyclesThroughFourPositions() {
        let settings = DisplaySettings(pixelShiftInterval: 3)
        let offsets = stride(from: 0, to: 15, by: 3).map { settings.pixelShift(minute: $0) }
        #expect(offsets.map(\.dx) == [0, 1, 1, 0, 0] && offsets.map(\.dy) == [0, 0, 1, 1, 0])
        #expect(DisplaySettings(pixelShiftInterval: nil).pixelShift(minute: 7) == (0, 0))
    }

    @Test func renderCycleFromElapsedTime() {
        let cycle = RenderCycle(elapsed: .milliseconds(125_700), pageDuration: .seconds(4))
        #expect(cycle.page == 31 && cycle.minute == 2 && cycle.flash == false)
        #expect(RenderCycle(elapsed: .zero).flash)
    }

    @Test func timeOfDayParsesAndWraps() {
        #expect(TimeOfDay(parsing: "7:05")?.description == "07:05")
        #expect(TimeOfDay(parsing: "24:00") == nil)
        #expect(TimeOfDay(hour: 25, minute: 70) == TimeOfDay(hour: 2, minute: 10))
    }

    @Test func recorderPlaybackFailsOnMismatchAndReportsLeftovers() throws {
        let transcript = try #require(I2CRecorder.parse(transcript: "# start\n0x3C: 00 AE\n0x3C: 00 AF\n"))
        let bus = I2CRecorder(expecting: transcript)
        try bus.write([0x00, 0xAE], to: .ssd1306)
        #expect(bus.leftover == [I2CTransaction(address: .ssd1306, bytes: [0x00, 0xAF])])
        #expect(throws: HardwareError.self) { try bus.write([0x00, 0xA5], to: .ssd1306) }
        #expect(bus.mismatches.count == 1)
        #expect(I2CAddress(parsing: "0x3d") == .ssd1306Alternate && I2CAddress(0x78) == nil)
    }
}

@Suite struct AlertTextTests {
    /// 6x10 lines hold 21 characters on 128 pixels, 5x7 details 25: nothing may be cut at the edges.
    @Test(arguments: GoldenScreens.cases.filter { $0.size == .size128x64 })
    func alertTextsFitTheirLines(_ screen: GoldenScreen) {
        for alert in screen.status.alerts {
            let content = Dashboard.content(of: alert, status: screen.status)
            #expect(content.title.count <= 19, "\(content.title)")
            #expect(content.lines.allSatisfy { $0.count <= 21 }, "\(content.lines)")
            #expect(content.details.allSatisfy { $0.count <= 25 }, "\(content.details)")
            #expect((content.compactLine ?? "").count <= 21)
        }
    }
}
