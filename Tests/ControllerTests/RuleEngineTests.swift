import Testing
import TIC
@testable import Controller

/// The engine, driven through rules files compiled by the real compiler, with meter states built
/// from decoded frames and time passed in as values.
struct RuleEngineTests {
    static let header = """
    meters:
      main: { port: /dev/ttyAMA0 }
    outputs:
      led: { gpio: { chip: gpiochip0, line: 25 }, initial: off, failsafe: off }
      heater: { gpio: { chip: gpiochip0, line: 17 }, initial: on, failsafe: on, min-on: 2 min, min-off: 5 min }
      radiators: { gpio: { chip: gpiochip0, line: 27 }, initial: on, failsafe: on }

    """

    static func ruleSet(_ body: String) throws -> RuleSet {
        let compilation = RulesCompiler.compile(source: header + body, file: "test.yaml")
        return try #require(compilation.ruleSet, "\(compilation.diagnostics.items.map(\.oneLine))")
    }

    /// A historic meter state from label/value pairs (one complete frame).
    static func meter(_ groups: [(String, String)], standard: Bool = false) -> MeterState {
        var state = MeterState()
        state.apply(Frame(groups: groups.map {
            Group(mode: standard ? .standard : .historic, label: Label($0.0) ?? "X", data: $0.1)
        }))
        return state
    }

    static let monday10h = LocalTime(weekday: .monday, hour: 10, minute: 0)

    /// Evaluates with `main` fresh at `now`.
    static func run(_ engine: inout RuleEngine, _ state: MeterState, at seconds: Int, local: LocalTime = monday10h) -> Decision {
        let now = Duration.seconds(seconds)
        return engine.evaluate(["main": MeterReading(state: state, lastValidGroup: now)], at: now, local: local)
    }

    static func state(_ decision: Decision, _ output: String) -> OutputState? {
        decision.outputs.first { $0.name == output }?.state
    }

    static let blueHC = meter([("OPTARIF", "BBR("), ("PTEC", "HCJB"), ("DEMAIN", "----"), ("PAPP", "01000"), ("ISOUSC", "30")])
    static let redHP = meter([("OPTARIF", "BBR("), ("PTEC", "HPJR"), ("DEMAIN", "BLEU"), ("PAPP", "01000"), ("ISOUSC", "30")])

    @Test func outputsStartInTheirDeclaredStateAndReturnToIt() throws {
        var engine = RuleEngine(rules: try Self.ruleSet("""
        rules:
          - name: red led
            when: { tempo-today: red }
            then: { led: on }
        """), at: .zero)
        #expect(engine.statuses.map(\.state) == [.off, .on, .on])
        var d = Self.run(&engine, Self.blueHC, at: 1)
        #expect(d.changes.isEmpty && Self.state(d, "led") == .off)
        d = Self.run(&engine, Self.redHP, at: 2)
        #expect(d.changes == [OutputChange(output: "led", from: .off, to: .on, reason: .rule("red led"))])
        d = Self.run(&engine, Self.blueHC, at: 3)
        #expect(d.changes == [OutputChange(output: "led", from: .on, to: .off, reason: .initial)])
    }

    @Test func laterRuleWins() throws {
        var engine = RuleEngine(rules: try Self.ruleSet("""
        rules:
          - name: first
            when: { period: hp-red }
            then: { led: on }
          - name: second
            when: { tempo-today: red }
            then: { led: off }
        """), at: .zero)
        let d = Self.run(&engine, Self.redHP, at: 1)
        #expect(Self.state(d, "led") == .off)
        #expect(d.outputs.first?.reason == .rule("second"))
    }

    /// One rule per condition kind: the LED is on exactly when the condition holds.
    @Test(arguments: [
        ("{ period: hp-red }", redHP, true), ("{ period: hp-red }", blueHC, false),
        ("{ period: [hc-blue, hp-blue] }", blueHC, true),
        ("{ tempo-tomorrow: blue }", redHP, true), ("{ tempo-tomorrow: blue }", blueHC, false),
        ("{ apparent-power: { above: 900 VA } }", blueHC, true), ("{ apparent-power: { above: 1 kVA } }", blueHC, false),
        ("{ apparent-power: { below: 20% } }", blueHC, true),   // 1000 VA < 20% of 6000 VA
        ("{ apparent-power: { above: 10% } }", blueHC, true),
        ("{ not: { period: hp-red } }", blueHC, true),
        ("{ any: [ { period: hp-red }, { tempo-tomorrow: red } ] }", blueHC, false),
        ("{ all: [ { period: hp-red }, { tempo-tomorrow: blue } ] }", redHP, true),
        ("{ time: 09:00-11:00 }", blueHC, true), ("{ time: 22:00-06:00 }", blueHC, false),
        ("{ days: weekend }", blueHC, false), ("{ days: [mon] }", blueHC, true),
        ("{ ejp-notice: true }", meter([("OPTARIF", "EJP."), ("PTEC", "HN.."), ("PEJP", "30")]), true),
        ("{ ejp-peak: true }", meter([("OPTARIF", "EJP."), ("PTEC", "PM..")]), true),
        ("{ ejp-peak: true }", meter([("OPTARIF", "EJP."), ("PTEC", "HN..")]), false),
        ("{ overpower: true }", meter([("IINST", "032"), ("ADPS", "032")]), true),
        ("{ current: { above: 30 A } }", meter([("IINST", "032")]), true),
        ("{ relay-2: closed }", meter([("RELAIS", "002")], standard: true), true),
        ("{ relay-1: closed }", meter([("RELAIS", "002")], standard: true), false),
        ("{ dry-contact: closed }", meter([("STGE", "003A0000")], standard: true), true),
        ("{ injected-power: { above: 500 VA } }", meter([("SINSTI", "01253")], standard: true), true),
    ])
    func conditionKinds(_ when: String, _ state: MeterState, _ expected: Bool) throws {
        var engine = RuleEngine(rules: try Self.ruleSet("""
        rules:
          - name: test
            when: \(when)
            then: { led: on }
        """), at: .zero)
        #expect(Self.state(Self.run(&engine, state, at: 1), "led") == (expected ? .on : .off))
    }

    @Test func outputStateCondition() throws {
        var engine = RuleEngine(rules: try Self.ruleSet("""
        rules:
          - name: heater off in red
            when: { period: hp-red }
            then: { heater: off }
          - name: led shows the heater is off
            when: { output: { heater: off } }
            then: { led: on }
        """), at: .zero)
        var d = Self.run(&engine, Self.redHP, at: 1)
        #expect(Self.state(d, "heater") == .off && Self.state(d, "led") == .off) // reads the state before this step
        d = Self.run(&engine, Self.redHP, at: 2)
        #expect(Self.state(d, "led") == .on)
    }

    @Test func sustainedConditionWaitsAndResets() throws {
        var engine = RuleEngine(rules: try Self.ruleSet("""
        rules:
          - name: red for a while
            when: { period: hp-red, for: 30 s }
            then: { led: on }
        """), at: .zero)
        #expect(Self.state(Self.run(&engine, Self.redHP, at: 10), "led") == .off)
        #expect(Self.state(Self.run(&engine, Self.redHP, at: 39), "led") == .off)
        #expect(Self.state(Self.run(&engine, Self.redHP, at: 40), "led") == .on)
        #expect(Self.state(Self.run(&engine, Self.blueHC, at: 41), "led") == .off)
        #expect(Self.state(Self.run(&engine, Self.redHP, at: 42), "led") == .off) // timer restarted
        #expect(Self.state(Self.run(&engine, Self.redHP, at: 72), "led") == .on)
    }

    @Test func minimumOnAndOffTimesDelaySwitches() throws {
        var engine = RuleEngine(rules: try Self.ruleSet("""
        rules:
          - name: no heating in red
            when: { period: hp-red }
            then: { heater: off }
        """), at: .zero)
        // The first switch is not delayed: how long the heater was on before linkyd started is unknown.
        var d = Self.run(&engine, Self.redHP, at: 10)
        #expect(Self.state(d, "heater") == .off)
        // min-off 5 min: back on only at 310 s.
        d = Self.run(&engine, Self.blueHC, at: 20)
        #expect(Self.state(d, "heater") == .off && d.changes.isEmpty)
        let pending = try #require(d.outputs.first { $0.name == "heater" }?.pending)
        #expect(pending.state == .on && pending.allowedAt == .seconds(310))
        #expect(Self.state(Self.run(&engine, Self.blueHC, at: 309), "heater") == .off)
        d = Self.run(&engine, Self.blueHC, at: 310)
        #expect(d.changes == [OutputChange(output: "heater", from: .off, to: .on, reason: .initial)])
        // min-on 2 min: a red flash at 311 s cannot switch it off before 430 s.
        #expect(Self.state(Self.run(&engine, Self.redHP, at: 311), "heater") == .on)
        #expect(Self.state(Self.run(&engine, Self.redHP, at: 430), "heater") == .off)
    }

    @Test func signalLossDrivesFailsafeThenRecovers() throws {
        var engine = RuleEngine(rules: try Self.ruleSet("""
        rules:
          - name: no heating in red
            when: { period: hp-red }
            then: { heater: off }
          - name: red led
            when: { period: hp-red }
            then: { led: on }
        """), at: .zero)
        _ = Self.run(&engine, Self.redHP, at: 10)
        // Frames stop after 10 s; the default timeout is 30 s.
        let reading = ["main": MeterReading(state: Self.redHP, lastValidGroup: .seconds(10))]
        var d = engine.evaluate(reading, at: .seconds(40), local: Self.monday10h)
        #expect(d.changes.isEmpty && d.lostMeters.isEmpty)
        d = engine.evaluate(reading, at: .seconds(41), local: Self.monday10h)
        #expect(d.lostMeters == ["main"])
        // The heater goes on at once despite its 5 min minimum off time: fail-safe bypasses minimums.
        #expect(Set(d.changes) == [
            OutputChange(output: "heater", from: .off, to: .on, reason: .failsafe(.signalLost(meter: "main"))),
            OutputChange(output: "led", from: .on, to: .off, reason: .failsafe(.signalLost(meter: "main"))),
        ])
        d = Self.run(&engine, Self.redHP, at: 50)
        #expect(d.lostMeters.isEmpty && Self.state(d, "led") == .on)
        #expect(Self.state(d, "heater") == .on) // coming back from fail-safe respects min-on (2 min)
        #expect(Self.state(Self.run(&engine, Self.redHP, at: 161), "heater") == .off)
    }

    @Test func noFrameAtAllCountsAsLostAfterTheTimeout() throws {
        var engine = RuleEngine(rules: try Self.ruleSet("rules: []\n"), at: .seconds(100))
        let none: [String: MeterReading] = [:]
        #expect(engine.evaluate(none, at: .seconds(130), local: Self.monday10h).lostMeters.isEmpty)
        let d = engine.evaluate(none, at: .seconds(131), local: Self.monday10h)
        #expect(d.lostMeters == ["main"] && d.changes.isEmpty) // every failsafe equals its initial here
        #expect(d.outputs.allSatisfy { $0.reason == .failsafe(.signalLost(meter: "main")) })
    }

    @Test func stoppingDrivesEveryOutputToFailsafe() throws {
        var engine = RuleEngine(rules: try Self.ruleSet("""
        rules:
          - { name: led, when: { period: hp-red }, then: { led: on, heater: off } }
        """), at: .zero)
        _ = Self.run(&engine, Self.redHP, at: 1)
        let d = engine.stop(at: .seconds(2))
        #expect(Set(d.changes.map(\.output)) == ["led", "heater"])
        #expect(d.outputs.map(\.state) == [.off, .on, .on])
        #expect(d.outputs.allSatisfy { $0.reason == .failsafe(.stopping) })
    }

    @Test func reloadKeepsStatesAndMinimumTimes() throws {
        var engine = RuleEngine(rules: try Self.ruleSet("""
        rules:
          - { name: old, when: { period: hp-red }, then: { heater: off } }
        """), at: .zero)
        _ = Self.run(&engine, Self.redHP, at: 10)
        engine.reload(try Self.ruleSet("rules: []\n"), at: .seconds(11))
        #expect(engine.statuses.first { $0.name == "heater" }?.state == .off)
        // No rule now: back to initial, but not before min-off (5 min after the switch at 10 s).
        #expect(Self.state(Self.run(&engine, Self.redHP, at: 12), "heater") == .off)
        #expect(Self.state(Self.run(&engine, Self.redHP, at: 310), "heater") == .on)
    }
}

/// Several meters on one Pi: each output depends on the meters its rules read (and shedding's), and
/// only those take it to fail-safe.
struct SeveralMetersTests {
    static let rules = """
    meters:
      house: { port: /dev/ttyAMA0 }
      workshop: { port: /dev/tic-workshop }
    outputs:
      led: { gpio: { chip: gpiochip0, line: 25 }, initial: off, failsafe: off }
      compressor: { gpio: { chip: gpiochip0, line: 22 }, initial: on, failsafe: off }
      spare: { gpio: { chip: gpiochip0, line: 23 }, initial: on, failsafe: off }
    rules:
      - { name: red at home, when: { meter: house, tempo-today: red }, then: { led: on } }
      - { name: workshop peak, when: { meter: workshop, period: hp }, then: { compressor: off } }
    """

    @Test func onlyTheOutputsOfTheLostMeterGoToFailsafe() throws {
        let compilation = RulesCompiler.compile(source: Self.rules, file: "m.yaml")
        var engine = RuleEngine(rules: try #require(compilation.ruleSet, "\(compilation.diagnostics.oneLines)"), at: .zero)
        let workshopHC = RuleEngineTests.meter([("OPTARIF", "HC.."), ("PTEC", "HC..")])
        let house = ["house": MeterReading(state: RuleEngineTests.redHP, lastValidGroup: .seconds(40)),
                     "workshop": MeterReading(state: workshopHC, lastValidGroup: .seconds(5))]
        let d = engine.evaluate(house, at: .seconds(40), local: RuleEngineTests.monday10h)
        #expect(d.lostMeters == ["workshop"])
        #expect(RuleEngineTests.state(d, "led") == .on)                       // house is fine
        let compressor = try #require(d.outputs.first { $0.name == "compressor" })
        #expect(compressor.state == .off && compressor.reason == .failsafe(.signalLost(meter: "workshop")))
        // An output no rule names depends on every meter.
        #expect(d.outputs.first { $0.name == "spare" }?.reason.kind == "failsafe")
    }
}
