import Foundation
import Testing
import TIC
@testable import Controller

/// The core evaluates after a group only when an input changed or a deadline came
/// (``RuleEngine/nextDeadline(after:readings:)``). That must decide exactly what evaluating after
/// every group decides: same switches, same reasons, same times, on real captures and on the
/// simulator's scenarios (with their jumps in time), for rules with `for:`, minimum times, time
/// windows, `output:` conditions and shedding.
struct EvaluationSkippingTests {
    static let timed = """
    meters:
      main: { port: /dev/ttyAMA0 }
    outputs:
      led: { gpio: { chip: gpiochip0, line: 25 }, initial: off, failsafe: off, min-on: 20 s }
      heater: { gpio: { chip: gpiochip0, line: 17 }, initial: on, failsafe: on, min-off: 40 s }
      pump: { gpio: { chip: gpiochip0, line: 22 }, initial: off, failsafe: off }
    rules:
      - { name: power held, when: { apparent-power: { above: 300 VA }, for: 5 s }, then: { led: on } }
      - { name: noon, when: { time: 12:01-12:03 }, then: { pump: on } }
      - { name: follows, when: { output: { led: on }, for: 2 s }, then: { heater: off } }
      - { name: not low, when: { not: { apparent-power: { below: 200 VA }, for: 3 s } }, then: { pump: on } }
    shedding: { meter: main, limit: 60%, release: 40%, delay: 2 s, restore-after: 5 s, loads: [heater, pump] }
    signal-loss-timeout: 3 s
    """

    static func ruleFiles() throws -> [(String, RuleSet)] {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rules")
        var files: [(String, RuleSet)] = []
        for name in ["ejp-tempo-led.yaml", "hc-water-heater.yaml", "overpower-shedding.yaml", "tempo-red-shedding.yaml"] {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            files.append((name, try #require(RulesCompiler.compile(source: text, file: name).ruleSet)))
        }
        files.append(("timed", try #require(RulesCompiler.compile(source: timed, file: "timed.yaml").ruleSet)))
        return files.map { ($0.0, Self.singleMeter($0.1)) }
    }

    /// The first meter only, named as the capture is fed.
    static func singleMeter(_ rules: RuleSet) -> RuleSet { rules }

    static func switches(_ rules: RuleSet, always: Bool, feed: (inout Replay, String) -> [Replay.Event]) -> [String] {
        var replay = Replay(rules: rules, start: LocalTime(weekday: .monday, hour: 11, minute: 59))
        replay.alwaysEvaluate = always
        let meter = rules.meters[0].name
        return feed(&replay, meter).map { "\($0.frame) \($0.time) \($0.change)" }
    }

    @Test func realCapturesDecideTheSame() throws {
        let fixtures = ReplayTests.fixtures
        let names = ["pyteleinfo__historic_mono_tempo__captured_frames.bin", "ticdecodecpp__continuous_linky_1P_standard_TIC_sample.bin",
                     "teleinfo-nom__stream_standard_raw.txt", "ticdecodecpp__continuous_linky_3P_historical_TIC_sample.bin"]
        for (file, rules) in try Self.ruleFiles() {
            for name in names {
                let bytes = CaptureFile.stream(from: Array(try Data(contentsOf: fixtures.appendingPathComponent(name))))
                let feed: (inout Replay, String) -> [Replay.Event] = { replay, meter in
                    // Twice, with a silence between: signal loss and return too.
                    var events = replay.feed(bytes, meter: meter)
                    events += replay.advance(by: .seconds(5))
                    events += replay.feed(bytes, meter: meter)
                    return events
                }
                #expect(Self.switches(rules, always: false, feed: feed) == Self.switches(rules, always: true, feed: feed), "\(file) on \(name)")
            }
        }
    }

    @Test func simulatorScenariosDecideTheSame() throws {
        for (file, rules) in try Self.ruleFiles() {
            let feed: (inout Replay, String) -> [Replay.Event] = { replay, meter in
                var demo = MeterDemo(scenarios: MeterScenario.allCases)
                var events: [Replay.Event] = []
                var previous: SimulatedFrame?
                for _ in 0..<400 {
                    let frame = demo.nextFrame()
                    if let previous, frame.scenario == previous.scenario {
                        let gap = Duration.nanoseconds(frame.time.nanoseconds - previous.time.nanoseconds - previous.wireDuration)
                        if gap > .zero { events += replay.skip(by: gap) }
                    }
                    events += replay.feed(frame.bytes, meter: meter)
                    previous = frame
                }
                return events
            }
            let skipping = Self.switches(rules, always: false, feed: feed)
            #expect(skipping == Self.switches(rules, always: true, feed: feed), "\(file)")
            if file == "timed" || file == "overpower-shedding.yaml" { #expect(!skipping.isEmpty, "\(file) switches something") }
        }
    }
}
