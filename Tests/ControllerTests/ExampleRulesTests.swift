import Controller
import Foundation
import Testing

/// Every example users start from compiles with no error and no warning.
@Suite struct ExampleRulesTests {
    static let examples = ["ejp-tempo-led", "tempo-red-shedding", "overpower-shedding", "hc-water-heater", "three-meters"]

    static func load(_ name: String) throws -> String {
        let url = RulesFixture.repositoryRoot.appendingPathComponent("rules/\(name).yaml")
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test(arguments: examples)
    func compilesCleanly(_ name: String) throws {
        let source = try Self.load(name)
        let compilation = RulesFixture.compile(source, file: "rules/\(name).yaml")
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics.rendered(source: source))")
        let ruleSet = try #require(compilation.ruleSet)
        #expect(!ruleSet.rules.isEmpty)
        #expect(!ruleSet.outputs.isEmpty)
    }

    @Test func everyFileInRulesIsAnExample() throws {
        let directory = RulesFixture.repositoryRoot.appendingPathComponent("rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        #expect(names == Self.examples.sorted())
    }

    @Test func tempoRedSheddingCompilesToTheExpectedModel() throws {
        let ruleSet = try #require(RulesFixture.compile(try Self.load("tempo-red-shedding")).ruleSet)
        #expect(ruleSet.meters == [MeterConfig(name: "main", port: "/dev/ttyAMA0", mode: .auto, location: .init(line: 8, column: 3))])
        let heater = try #require(ruleSet.output(named: "water-heater"))
        #expect(heater.gpio == GPIOLineAddress(chip: "gpiochip0", line: .name("GPIO17")))
        #expect(!heater.activeLow && heater.initial == .on && heater.failsafe == .on)  // normally-closed wiring
        #expect(heater.minOn == .seconds(120) && heater.minOff == .seconds(300))
        #expect(ruleSet.rules.map(\.name) == [
            "no water heating in red peak hours", "no water heating in white weekday peak hours",
            "radiators off in red peak hours, once the price has held for a while",
        ])
        #expect(ruleSet.rules[0].condition == .meter(.period([.hpRed]), meter: "main"))
        #expect(ruleSet.rules[1].condition == .all([.meter(.period([.hpWhite]), meter: "main"), .days(Weekday.weekdays)]))
        #expect(ruleSet.rules[2].condition == .sustained(.meter(.period([.hpRed]), meter: "main"), for: .seconds(60)))
        #expect(ruleSet.shedding == Shedding(
            meter: "main", limit: .percentOfSubscribed(95), release: .percentOfSubscribed(80), delay: .seconds(5),
            restoreAfter: .seconds(180), loads: ["radiators", "water-heater"], location: .init(line: 47, column: 1)))
        #expect(ruleSet.signalLossTimeout == .seconds(30))
    }

    @Test func threeMetersResolvesEachMeter() throws {
        let ruleSet = try #require(RulesFixture.compile(try Self.load("three-meters")).ruleSet)
        #expect(ruleSet.meters.map(\.name) == ["house", "workshop", "solar"])
        #expect(ruleSet.meters[1].parity == .none8N1MaskBit7 && ruleSet.meters[1].mode == .historic)
        #expect(ruleSet.rules[3].condition.meterNames == ["house", "workshop"])
        #expect(ruleSet.signalLossTimeout == .seconds(45))
        #expect(ruleSet.shedding?.meter == "house")
    }
}
