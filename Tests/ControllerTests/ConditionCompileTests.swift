import Controller
import TIC
import Testing

/// Every condition kind, as written in a rules file, and what it compiles to.
@Suite struct ConditionCompileTests {
    static func meter(_ test: MeterTest) -> Condition { .meter(test, meter: "main") }

    static let cases: [(String, Condition)] = [
        ("{ period: hc }", meter(.period([.hc]))),
        ("{ period: [hp-white, HP-RED] }", meter(.period([.hpWhite, .hpRed]))),
        ("{ period: pm }", meter(.period([.pm]))),
        ("{ tempo-today: red }", meter(.tempoToday([.red]))),
        ("{ tempo-tomorrow: [white, red] }", meter(.tempoTomorrow([.white, .red]))),
        ("{ ejp-notice: true }", meter(.ejpNotice(true))),
        ("{ ejp-peak: false }", meter(.ejpPeak(false))),
        ("{ relay-1: closed }", meter(.relay(1, closed: true))),
        ("{ relay-8: open }", meter(.relay(8, closed: false))),
        ("{ dry-contact: closed }", meter(.dryContact(closed: true))),
        ("{ overpower: true }", meter(.overpower(true))),
        ("{ apparent-power: { above: 6 kVA } }", meter(.apparentPower(Bounds(above: .voltAmperes(VoltAmperes(6000)))))),
        ("{ apparent-power: { above: 8.5 kVA } }", meter(.apparentPower(Bounds(above: .voltAmperes(VoltAmperes(8500)))))),
        ("{ apparent-power: { below: 500 VA } }", meter(.apparentPower(Bounds(below: .voltAmperes(VoltAmperes(500)))))),
        ("{ apparent-power: { above: 95% } }", meter(.apparentPower(Bounds(above: .percentOfSubscribed(95))))),
        ("{ apparent-power: { above: 3 kVA, below: 6000 VA } }",
         meter(.apparentPower(Bounds(above: .voltAmperes(VoltAmperes(3000)), below: .voltAmperes(VoltAmperes(6000)))))),
        ("{ injected-power: { above: 1500 VA } }", meter(.injectedPower(Bounds(above: .voltAmperes(VoltAmperes(1500)))))),
        ("{ current: { above: 25 A } }", meter(.current(Bounds(above: .amperes(Amperes(25)))))),
        ("{ current: { above: 90 % } }", meter(.current(Bounds(above: .percentOfSubscribed(90))))),
        ("{ time: 22:30-06:30 }", .time(TimeWindow(start: 1350, end: 390))),
        ("{ time: 08:00 - 24:00 }", .time(TimeWindow(start: 480, end: 0))),
        ("{ time: [12:00-14:00, 22:00-23:00] }", .any([.time(TimeWindow(start: 720, end: 840)), .time(TimeWindow(start: 1320, end: 1380))])),
        ("{ days: weekend }", .days([.saturday, .sunday])),
        ("{ days: [mon, Friday] }", .days([.monday, .friday])),
        ("{ days: weekdays }", .days(Weekday.weekdays)),
        ("{ output: { led: on } }", .output("led", is: .on)),
        ("{ output: { led: off, heater: on } }", .all([.output("led", is: .off), .output("heater", is: .on)])),
        ("{ period: hc, days: weekend }", .all([meter(.period([.hc])), .days(Weekday.weekend)])),
        ("{ all: [ { period: hc }, { overpower: false } ] }", .all([meter(.period([.hc])), meter(.overpower(false))])),
        ("{ any: [ { ejp-notice: true }, { tempo-today: red } ] }", .any([meter(.ejpNotice(true)), meter(.tempoToday([.red]))])),
        ("{ not: { period: hc } }", .not(meter(.period([.hc])))),
        ("{ period: hc, for: 30 s }", .sustained(meter(.period([.hc])), for: .seconds(30))),
        ("{ overpower: true, for: 2 min }", .sustained(meter(.overpower(true)), for: .seconds(120))),
        ("{ overpower: true, for: 1 h }", .sustained(meter(.overpower(true)), for: .seconds(3600))),
        ("{ overpower: true, for: 500 ms }", .sustained(meter(.overpower(true)), for: .milliseconds(500))),
        ("{ meter: main, period: hc }", meter(.period([.hc]))),
    ]

    @Test(arguments: cases)
    func compiles(_ snippet: String, _ expected: Condition) {
        let (condition, diagnostics) = RulesFixture.condition(snippet)
        #expect(!diagnostics.hasErrors, "\(diagnostics.oneLines)")
        #expect(condition == expected)
    }

    @Test func meterIsInheritedBelowAndRequiredWithSeveralMeters() {
        let (condition, diagnostics) = RulesFixture.condition(
            "{ any: [ { meter: pool, overpower: true }, { meter: main, all: [ { period: hc } ] } ] }",
            meters: RulesFixture.twoMeters)
        #expect(!diagnostics.hasErrors, "\(diagnostics.oneLines)")
        #expect(condition == .any([.meter(.overpower(true), meter: "pool"), .meter(.period([.hc]), meter: "main")]))

        let (missing, errors) = RulesFixture.condition("{ period: hc, time: 08:00-09:00 }", meters: RulesFixture.twoMeters)
        #expect(missing == nil)
        #expect(errors.errors.map(\.message) == ["'period' needs 'meter:' when several meters are declared"])
        #expect(errors.errors.first?.hint == "add meter: main (declared: main, pool)")
    }

    /// Scalars stay strings (Resolver.basic): `on`, `010`, `22:30` are read as written.
    @Test func scalarsAreNotConverted() throws {
        let source = RulesFixture.file(when: "{ time: 22:30-06:30 }")
            .replacingOccurrences(of: "line: 25", with: "line: 010")
        let ruleSet = try #require(RulesFixture.compile(source).ruleSet)
        #expect(ruleSet.output(named: "led")?.gpio.line == .offset(10))
        #expect(ruleSet.rules[0].actions.map(\.state) == [.on, .on])
    }

    static let errors: [(String, String)] = [
        ("{ period: hx }", "unknown period 'hx'"),
        ("{ tempo-today: bleu }", "unknown Tempo colour 'bleu'"),
        ("{ relay-9: closed }", "unknown key 'relay-9' in a condition"),
        ("{ relay-2: on }", "'on' is not a contact state"),
        ("{ ejp-peak: yes }", "'yes' is not true or false"),
        ("{ apparent-power: 6 kVA }", "'apparent-power' expects above: and/or below:, found '6 kVA'"),
        ("{ apparent-power: {} }", "'apparent-power' needs above: or below:"),
        ("{ current: { above: 25 mA } }", "unknown current unit 'mA'"),
        ("{ days: mondays }", "unknown day 'mondays'"),
        ("{ time: 22:30-22:30 }", "time window '22:30-22:30' is empty"),
        ("{ time: 25:00-06:00 }", "'25:00-06:00' is not a time window"),
        ("{ output: { lamp: on } }", "unknown output 'lamp'"),
        ("{ all: [] }", "'all' has no condition"),
        ("{ not: [ { period: hc } ] }", "expected a condition, found a list"),
        ("{ overpower: true, for: 2 days }", "'2 days' is not a duration"),
        ("{ meter: pool, period: hc }", "unknown meter 'pool'"),
        ("{ ejp-peak: true, not: { ejp-peak: true }, all: [ { ejp-peak: false } ] }",
         "this condition can never hold: 'ejp-peak: false' excludes 'ejp-peak: true' (line 8)"),
        ("{ relay-3: closed, all: [ { relay-3: open } ] }", "this condition can never hold: 'relay-3: open' excludes 'relay-3: closed' (line 8)"),
        ("{ output: { led: on }, all: [ { output: { led: off } } ] }",
         "this condition can never hold: 'output: { led: off }' excludes 'output: { led: on }' (line 8)"),
        ("{ current: { above: 30 A }, all: [ { current: { below: 20 A } } ] }",
         "this condition can never hold: 'current: { below: 20 A }' excludes 'current: { above: 30 A }' (line 8)"),
    ]

    @Test(arguments: errors)
    func reports(_ snippet: String, _ message: String) {
        let (condition, diagnostics) = RulesFixture.condition(snippet)
        #expect(condition == nil)
        #expect(diagnostics.errors.map(\.message).contains(message), "\(diagnostics.oneLines)")
    }

    /// Satisfiable combinations are not flagged.
    @Test(arguments: [
        "{ period: [hc, hp], all: [ { period: hc } ] }",
        "{ period: hc, tempo-today: red }",
        "{ time: 22:00-06:00, all: [ { time: 05:00-07:00 } ] }",
        "{ apparent-power: { above: 90% }, all: [ { apparent-power: { below: 6000 VA } } ] }",
        "{ any: [ { period: hc }, { period: hp } ] }",
        "{ period: hc, not: { period: hc } }",
    ])
    func acceptsSatisfiable(_ snippet: String) {
        let (condition, diagnostics) = RulesFixture.condition(snippet)
        #expect(condition != nil, "\(diagnostics.oneLines)")
    }
}
