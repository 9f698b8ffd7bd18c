import Testing
import TIC
@testable import Controller

/// Shedding steps, restore order, hysteresis, and precedence over rules.
struct SheddingTests {
    static let rules = """
    meters:
      main: { port: /dev/ttyAMA0 }
    outputs:
      radiators: { gpio: { chip: gpiochip0, line: 27 }, initial: on, failsafe: on }
      heater: { gpio: { chip: gpiochip0, line: 17 }, initial: on, failsafe: on }
      dryer: { gpio: { chip: gpiochip0, line: 22 }, initial: on, failsafe: on }
    rules:
      - { name: dryer on, when: { period: hc }, then: { dryer: on } }
    shedding:
      meter: main
      limit: 95%
      release: 80%
      delay: 5 s
      restore-after: 1 min
      loads: [radiators, heater, dryer]
    """

    /// ISOUSC 30 A → 6000 VA subscribed: limit 5700 VA, release 4800 VA.
    static func power(_ va: Int, adps: Bool = false) -> MeterState {
        var groups = [("OPTARIF", "HC.."), ("PTEC", "HC.."), ("ISOUSC", "30"), ("PAPP", fiveDigits(va))]
        if adps { groups.append(("ADPS", "031")) }
        return RuleEngineTests.meter(groups)
    }

    func shed(_ engine: inout RuleEngine, _ va: Int, at seconds: Int, adps: Bool = false) -> [String] {
        RuleEngineTests.run(&engine, Self.power(va, adps: adps), at: seconds).shedLoads
    }

    @Test func shedsOneLoadPerDelayAndRestoresInReverse() throws {
        let set = try #require(RulesCompiler.compile(source: Self.rules, file: "s.yaml").ruleSet)
        var engine = RuleEngine(rules: set, at: .zero)
        #expect(shed(&engine, 3000, at: 0).isEmpty)
        #expect(shed(&engine, 5800, at: 1) == ["radiators"])
        #expect(shed(&engine, 5800, at: 3) == ["radiators"])            // delay not elapsed
        #expect(shed(&engine, 5800, at: 6) == ["radiators", "heater"])
        #expect(shed(&engine, 5000, at: 8) == ["radiators", "heater"])  // between release and limit: hold
        #expect(shed(&engine, 4000, at: 20) == ["radiators", "heater"]) // below release since 20 s
        #expect(shed(&engine, 4000, at: 79) == ["radiators", "heater"])
        #expect(shed(&engine, 4000, at: 80) == ["radiators"])           // heater back first (reverse)
        #expect(shed(&engine, 4000, at: 84) == ["radiators"])
        #expect(shed(&engine, 4000, at: 85) == [])
        let d = RuleEngineTests.run(&engine, Self.power(4000), at: 86)
        #expect(d.outputs.allSatisfy { $0.state == .on })
    }

    @Test func sheddingOverridesRulesAndSaysWhy() throws {
        let set = try #require(RulesCompiler.compile(source: Self.rules, file: "s.yaml").ruleSet)
        var engine = RuleEngine(rules: set, at: .zero)
        _ = shed(&engine, 5800, at: 0)
        _ = shed(&engine, 5800, at: 5)
        let d = RuleEngineTests.run(&engine, Self.power(5800), at: 10)
        #expect(d.shedLoads == ["radiators", "heater", "dryer"])
        let dryer = try #require(d.outputs.first { $0.name == "dryer" })
        #expect(dryer.state == .off && dryer.reason == .shedding(meter: "main", cause: .above(limit: VoltAmperes(5700))))
    }

    @Test func overpowerWarningShedsEvenBelowTheLimit() throws {
        let set = try #require(RulesCompiler.compile(source: Self.rules, file: "s.yaml").ruleSet)
        var engine = RuleEngine(rules: set, at: .zero)
        let d = RuleEngineTests.run(&engine, Self.power(5000, adps: true), at: 0)
        #expect(d.shedLoads == ["radiators"])
        #expect(d.outputs.first?.reason == .shedding(meter: "main", cause: .overpowerWarning))
        #expect(d.outputs.first?.reason.description == "shedding: 'main' overpower warning from the meter")
    }

    @Test func aLoadAlreadyOffIsSkipped() throws {
        let set = try #require(RulesCompiler.compile(source: Self.rules.replacingOccurrences(
            of: "radiators: { gpio: { chip: gpiochip0, line: 27 }, initial: on",
            with: "radiators: { gpio: { chip: gpiochip0, line: 27 }, initial: off"), file: "s.yaml").ruleSet)
        var engine = RuleEngine(rules: set, at: .zero)
        #expect(shed(&engine, 5800, at: 0) == ["heater"])
    }

    @Test func frozenWhileTheSignalIsLost() throws {
        let set = try #require(RulesCompiler.compile(source: Self.rules, file: "s.yaml").ruleSet)
        var engine = RuleEngine(rules: set, at: .zero)
        _ = shed(&engine, 5800, at: 0)
        let stale = ["main": MeterReading(state: Self.power(5800), lastValidGroup: .zero)]
        let d = engine.evaluate(stale, at: .seconds(60), local: RuleEngineTests.monday10h)
        #expect(d.shedLoads == ["radiators"])
        #expect(d.outputs.allSatisfy { $0.state == .on && $0.reason.kind == "failsafe" })
    }
}

/// Zero-padded to 5 digits, as PAPP is sent.
func fiveDigits(_ value: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, 5 - digits.count)) + digits
}
