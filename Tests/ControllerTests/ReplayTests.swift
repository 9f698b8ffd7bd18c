import Foundation
import Testing
import TIC
@testable import Controller

/// End to end through decoder and engine: real captures and simulator scenarios with known switches.
struct ReplayTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("TICTests/Fixtures")

    static func rules(_ body: String) throws -> RuleSet {
        let source = """
        meters:
          main: { port: /dev/ttyAMA0 }
        outputs:
          led: { gpio: { chip: gpiochip0, line: 25 }, initial: off, failsafe: off }
          heater: { gpio: { chip: gpiochip0, line: 17 }, initial: on, failsafe: on }

        """ + body
        let compilation = RulesCompiler.compile(source: source, file: "replay.yaml")
        return try #require(compilation.ruleSet, "\(compilation.diagnostics.oneLines)")
    }

    static let monday = LocalTime(weekday: .monday, hour: 12, minute: 0)

    /// The switch happens when the deciding group's CR arrives, at its time on the wire (1200 Bd:
    /// 10 bits per byte), in frame 0.
    @Test func realHistoricTempoCapture() throws {
        let bytes = CaptureFile.stream(from: Array(try Data(contentsOf: Self.fixtures.appendingPathComponent(
            "pyteleinfo__historic_mono_tempo__captured_frames.bin"))))
        var replay = Replay(rules: try Self.rules("""
        rules:
          - { name: tomorrow red, when: { tempo-tomorrow: red }, then: { led: on } }
          - { name: blue off-peak, when: { period: hc-blue }, then: { heater: off } }
        """), start: Self.monday)
        let events = replay.feed(bytes, meter: "main")
        #expect(events.map(\.change.output) == ["heater", "led"])
        #expect(events.allSatisfy { $0.frame == 0 })
        let ptecEnd = try #require(bytes.firstRange(of: Array("PTEC HCJB C\r".utf8))).upperBound
        let demainEnd = try #require(bytes.firstRange(of: Array("DEMAIN ROUG +\r".utf8))).upperBound
        #expect(events[0].time == .nanoseconds(Int64(ptecEnd) * TICMode.historic.nanosecondsPerByte))
        #expect(events[1].time == .nanoseconds(Int64(demainEnd) * TICMode.historic.nanosecondsPerByte))
        #expect(replay.frames == 10)
    }

    @Test func realStandardCaptureUsesTheMeterClockAndItsSpeed() throws {
        let bytes = CaptureFile.stream(from: Array(try Data(contentsOf: Self.fixtures.appendingPathComponent(
            "ticdecodecpp__continuous_linky_1P_standard_TIC_sample.bin"))))
        // The capture is from Wednesday 2023-03-01, 09:18: a Wednesday-morning rule holds.
        var replay = Replay(rules: try Self.rules("""
        rules:
          - { name: wednesday morning, when: { days: [wed], time: 09:00-10:00 }, then: { led: on } }
        """), start: Self.monday)
        let events = replay.feed(bytes, meter: "main")
        #expect(events.count == 1 && events.first?.change.to == .on)
        #expect(replay.localTime.weekday == .wednesday)
        // 9600 Bd: the whole capture lasts bytes × 1.0417 ms.
        #expect(replay.now == .nanoseconds(Int64(bytes.count) * TICMode.standard.nanosecondsPerByte))
    }

    /// A simulator scenario: the LED follows tomorrow's announced red, then today's red.
    @Test func tempoScenarioSwitchesWhenTheAnnouncementArrives() throws {
        let frames = MeterScenario.tempoBlueToRed.frames(seed: 1)
        var replay = Replay(rules: try Self.rules("""
        rules:
          - { name: red tomorrow, when: { tempo-tomorrow: red }, then: { led: on } }
          - { name: red today, when: { tempo-today: red }, then: { led: on } }
          - { name: no heating in red peak, when: { period: hp-red }, then: { heater: off } }
        """), start: Self.monday)
        var events: [Replay.Event] = []
        for frame in frames { events += replay.feed(frame.bytes, meter: "main") }
        let announced = try #require(frames.firstIndex { $0["DEMAIN"] == "ROUG" })
        let redPeak = try #require(frames.firstIndex { $0["PTEC"] == "HPJR" })
        let led = events.filter { $0.change.output == "led" }
        #expect(led.first?.frame == announced && led.first?.change.to == .on)
        let heater = events.filter { $0.change.output == "heater" }
        #expect(heater.first?.frame == redPeak && heater.first?.change.to == .off)
    }

    @Test func ejpScenarioNoticeThenPeak() throws {
        let frames = MeterScenario.ejpNoticeThenPeak.frames(seed: 1)
        var replay = Replay(rules: try Self.rules("""
        rules:
          - { name: ejp, when: { any: [ { ejp-notice: true }, { ejp-peak: true } ] }, then: { led: on } }
          - { name: no heating in ejp peak, when: { ejp-peak: true }, then: { heater: off } }
        """), start: Self.monday)
        var events: [Replay.Event] = []
        for frame in frames { events += replay.feed(frame.bytes, meter: "main") }
        let notice = try #require(frames.firstIndex { $0["PEJP"] != nil })
        let peak = try #require(frames.firstIndex { $0["PTEC"] == "PM.." })
        #expect(events.first { $0.change.output == "led" }?.frame == notice)
        #expect(events.first { $0.change.output == "heater" }?.frame == peak)
    }

    @Test func overpowerScenarioShedsTheHeater() throws {
        let frames = MeterScenario.overpower.frames(seed: 1)
        var replay = Replay(rules: try Self.rules("""
        rules: []
        shedding: { meter: main, limit: 95%, release: 80%, delay: 1 s, restore-after: 10 s, loads: [heater] }
        """), start: Self.monday)
        var events: [Replay.Event] = []
        for frame in frames { events += replay.feed(frame.bytes, meter: "main") }
        let shed = try #require(events.first { $0.change.output == "heater" })
        #expect(shed.change.to == .off && shed.change.reason.kind == "shedding")
        // It happened on a frame whose power exceeded 95% of the subscription, or that carried ADPS.
        let frame = frames[shed.frame]
        let papp = Int(frame["PAPP"] ?? "0") ?? 0, isousc = Int(frame["ISOUSC"] ?? "0") ?? 0
        #expect(papp * 100 > isousc * 200 * 95 || frame["ADPS"] != nil)
    }

    @Test func silenceDrivesFailsafe() throws {
        var replay = Replay(rules: try Self.rules("""
        rules:
          - { name: blue off-peak, when: { period: hc-blue }, then: { heater: off } }
        """), start: Self.monday)
        let bytes = CaptureFile.stream(from: Array(try Data(contentsOf: Self.fixtures.appendingPathComponent(
            "pyteleinfo__historic_mono_tempo__captured_frames.bin"))))
        _ = replay.feed(bytes, meter: "main")
        let events = replay.advance(by: .seconds(31))
        #expect(events.map(\.change) == [OutputChange(output: "heater", from: .off, to: .on, reason: .failsafe(.signalLost(meter: "main")))])
    }
}
