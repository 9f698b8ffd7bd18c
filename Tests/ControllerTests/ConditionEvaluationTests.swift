import Controller
import TIC
import Testing

/// The pure leaf evaluation the engine reuses: meter tests on a MeterState, time on a LocalTime.
@Suite struct ConditionEvaluationTests {
    static var historicTempoRed: MeterState {
        var state = MeterState()
        state.mode = .historic
        state.historicPeriod = .hpRed
        state.historicTomorrow = .white
        state.apparentPower = VoltAmperes(7200)
        state.subscribedCurrent = Amperes(45)      // 9000 VA single-phase
        state.currents = PhaseValues(Amperes(31))
        return state
    }

    @Test(arguments: [
        (MeterTest.period([.hpRed]), true), (.period([.hcRed, .hc]), false),
        (.tempoToday([.red]), true), (.tempoToday([.blue]), false),
        (.tempoTomorrow([.white, .red]), true), (.ejpNotice(false), true), (.ejpPeak(true), false),
        (.overpower(false), true), (.relay(1, closed: true), false), (.dryContact(closed: false), false),
        (.apparentPower(Bounds(above: .voltAmperes(VoltAmperes(7000)))), true),
        (.apparentPower(Bounds(above: .voltAmperes(VoltAmperes(7200)))), false),
        (.apparentPower(Bounds(above: .percentOfSubscribed(80))), false),       // 80% of 9000 VA = 7200 VA: strict
        (.apparentPower(Bounds(above: .percentOfSubscribed(79), below: .percentOfSubscribed(81))), true),
        (.injectedPower(Bounds(below: .voltAmperes(VoltAmperes(100)))), false), // not sent: unknown is false
        (.current(Bounds(above: .amperes(Amperes(30)))), true),
        (.current(Bounds(above: .percentOfSubscribed(70))), false),             // 70% of 45 A = 31 A
    ])
    func meterTests(_ test: MeterTest, _ expected: Bool) {
        #expect(test.holds(in: Self.historicTempoRed) == expected)
    }

    @Test func relaysAndDryContact() {
        var state = MeterState()
        state.relays = Relays(rawValue: 0b0000_0101)
        #expect(MeterTest.relay(1, closed: true).holds(in: state))
        #expect(MeterTest.relay(2, closed: false).holds(in: state))
        #expect(MeterTest.relay(3, closed: true).holds(in: state))
        #expect(MeterTest.dryContact(closed: true).holds(in: state))
    }

    @Test func wholeConditionsWithTimeOutputsAndSustained() {
        let inputs = Condition.Inputs(
            meters: ["main": Self.historicTempoRed], time: LocalTime(weekday: .saturday, hour: 23, minute: 15),
            outputs: ["heater": .on])
        let night: Condition = .time(TimeWindow(start: 22 * 60 + 30, end: 6 * 60 + 30))
        let condition: Condition = .all([
            .meter(.tempoToday([.red]), meter: "main"), night, .days(Weekday.weekend), .output("heater", is: .on),
            .not(.meter(.ejpPeak(true), meter: "main")),
        ])
        #expect(condition.holds(in: inputs) { _, inner, _ in inner })
        #expect(!Condition.meter(.period([.hpRed]), meter: "pool").holds(in: inputs) { _, inner, _ in inner })
        #expect(Condition.days(Weekday.weekdays).leafHolds(in: inputs) == false)
        #expect(condition.leafHolds(in: inputs) == nil)

        var seen: [[Int]] = []
        let sustained: Condition = .any([.meter(.overpower(true), meter: "main"), .sustained(night, for: .seconds(30))])
        let holds = sustained.holds(in: inputs) { path, inner, duration in
            seen.append(path)
            return inner && duration == .seconds(30)
        }
        #expect(holds && seen == [[1]])
    }

    @Test func localTimeWrapsAndPrints() {
        #expect(LocalTime(weekday: .monday, minuteOfDay: 1440 + 75).minuteOfDay == 75)
        #expect(LocalTime(weekday: .sunday, hour: 6, minute: 5).description == "sun 06:05")
        #expect(Weekday(isoNumber: 7) == .sunday && Weekday.monday.isoNumber == 1)
    }
}
