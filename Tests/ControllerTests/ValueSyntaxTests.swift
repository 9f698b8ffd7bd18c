@testable import Controller
import TIC
import Testing

/// Units and the other scalar syntaxes, valid and invalid, with their hints.
@Suite struct ValueSyntaxTests {
    @Test(arguments: [
        ("30 s", Duration.seconds(30)), ("5s", .seconds(5)), ("2 min", .seconds(120)), ("1 h", .seconds(3600)),
        ("1.5 min", .seconds(90)), ("500 ms", .milliseconds(500)), ("0 s", .zero), ("3 minutes", .seconds(180)),
    ])
    func durations(_ text: String, _ expected: Duration) throws {
        #expect(try ValueSyntax.duration(text).get() == expected)
    }

    @Test(arguments: [
        ("30", "duration '30' has no unit", "write 30 s or 30 min"),
        ("2 m", "'2 m' is not a duration", "'m' is ambiguous: write 2 min (minutes)"),
        ("-5 s", "duration '-5 s' is negative", "a duration is 0 s or more"),
        ("soon", "'soon' is not a duration", "write a number and a unit: 30 s, 2 min, 1 h"),
    ])
    func invalidDurations(_ text: String, _ message: String, _ hint: String) {
        #expect(ValueSyntax.duration(text).problem == ValueProblem(message, hint: hint))
    }

    @Test(arguments: [
        ("6000 VA", PowerLevel.voltAmperes(VoltAmperes(6000))), ("6 kVA", .voltAmperes(VoltAmperes(6000))),
        ("8.5 kVA", .voltAmperes(VoltAmperes(8500))), ("12kva", .voltAmperes(VoltAmperes(12000))),
        ("95%", .percentOfSubscribed(95)), ("80 %", .percentOfSubscribed(80)),
    ])
    func powers(_ text: String, _ expected: PowerLevel) throws {
        #expect(try ValueSyntax.power(text).get() == expected)
    }

    @Test(arguments: [
        ("6", "power '6' has no unit", "write 6000 VA or 6 kVA"),
        ("6000", "power '6000' has no unit", "write 6000 VA or 6 kVA"),
        ("8.5", "power '8.5' has no unit", "write 8500 VA or 8.5 kVA"),
        ("3 kW", "the meter reports apparent power in VA, not 'kW'", "write 3000 VA or 3 kVA"),
        ("0%", "percentage '0%' is not a whole number from 1% to 100%", "a percentage of the subscribed value, e.g. 95%"),
    ])
    func invalidPowers(_ text: String, _ message: String, _ hint: String) {
        #expect(ValueSyntax.power(text).problem == ValueProblem(message, hint: hint))
    }

    @Test func currents() throws {
        #expect(try ValueSyntax.current("25 A").get() == .amperes(Amperes(25)))
        #expect(try ValueSyntax.current("90%").get() == .percentOfSubscribed(90))
        #expect(ValueSyntax.current("30").problem == ValueProblem("current '30' has no unit", hint: "write 30 A"))
        #expect(ValueSyntax.current("2.5 A").problem?.message == "the meter reports whole amperes, not '2.5 A'")
    }

    @Test func timeWindows() throws {
        #expect(try ValueSyntax.timeWindow("22:30-06:30").get() == TimeWindow(start: 1350, end: 390))
        #expect(ValueSyntax.timeWindow("0:00-24:00").problem?.message == "time window '0:00-24:00' is empty")
        #expect(ValueSyntax.timeWindow("22:30").problem?.message == "'22:30' is not a time window")
        #expect(ValueSyntax.timeWindow("12:60-13:00").problem?.message == "'12:60-13:00' is not a time window")
    }

    @Test func statesFlagsAndContacts() throws {
        #expect(try ValueSyntax.state("on").get() == .on)
        #expect(try ValueSyntax.state("OFF").get() == .off)
        #expect(ValueSyntax.state("true").problem?.hint == "write on")
        #expect(try ValueSyntax.flag("false").get() == false)
        #expect(ValueSyntax.flag("no").problem?.hint == "write false")
        #expect(try ValueSyntax.contact("closed").get() == true)
        #expect(try ValueSyntax.contact("open").get() == false)
    }

    @Test func suggestions() {
        #expect(Suggestion.closest(to: "chauffe_eau", among: ["chauffe-eau", "radiators"]) == "chauffe-eau")
        #expect(Suggestion.closest(to: "mim-on", among: RulesCompiler.outputKeys) == "min-on")
        #expect(Suggestion.closest(to: "hc-bleu", among: TariffPeriod.allCases.map(\.rawValue)) == "hc-blue")
        #expect(Suggestion.closest(to: "restore", among: RulesCompiler.sheddingKeys) == "restore-after")
        #expect(Suggestion.closest(to: "zzz", among: ["period", "days"]) == nil)
        #expect(Suggestion.list(["a", "b", "c"]) == "'a', 'b' or 'c'")
    }
}

extension Result {
    var problem: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
