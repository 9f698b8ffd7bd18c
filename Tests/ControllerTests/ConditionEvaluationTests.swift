@testable import Controller
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

    /// `condition` compiled against meter `main` (index 0) and output `heater` (index 0), evaluated
    /// on a Saturday 23:15 with the heater on.
    static func holds(_ condition: Condition, at seconds: Int = 0, sustained: inout [Duration?]) -> Bool {
        var slots = 0
        let program = ConditionProgram(condition, meters: ["main": 0], outputs: ["heater": 0], slots: &slots)
        if sustained.count < slots { sustained += Array(repeating: nil, count: slots - sustained.count) }
        let readings = [MeterReading(state: historicTempoRed)]
        return readings.withUnsafeBufferPointer { meters in
            let inputs = ConditionProgram.Inputs(
                meters: meters, missing: [],
                time: LocalTime(weekday: .saturday, hour: 23, minute: 15), outputs: [.on], now: .seconds(seconds))
            return program.holds(inputs, sustained: &sustained)
        }
    }

    @Test func wholeConditionsWithTimeOutputsAndSustained() {
        var none: [Duration?] = []
        let night: Condition = .time(TimeWindow(start: 22 * 60 + 30, end: 6 * 60 + 30))
        let condition: Condition = .all([
            .meter(.tempoToday([.red]), meter: "main"), night, .days(Weekday.weekend), .output("heater", is: .on),
            .not(.meter(.ejpPeak(true), meter: "main")),
        ])
        #expect(Self.holds(condition, sustained: &none))
        #expect(!Self.holds(.meter(.period([.hpRed]), meter: "pool"), sustained: &none))   // not declared: false
        #expect(!Self.holds(.days(Weekday.weekdays), sustained: &none))
        #expect(!Self.holds(.output("heater", is: .off), sustained: &none))

        var slots: [Duration?] = []
        let sustained: Condition = .any([.meter(.overpower(true), meter: "main"), .sustained(night, for: .seconds(30))])
        #expect(!Self.holds(sustained, at: 100, sustained: &slots))
        #expect(slots == [.seconds(100)])                                  // the for: node's slot
        #expect(Self.holds(sustained, at: 130, sustained: &slots))
    }

    @Test func localTimeWrapsAndPrints() {
        #expect(LocalTime(weekday: .monday, minuteOfDay: 1440 + 75).minuteOfDay == 75)
        #expect(LocalTime(weekday: .sunday, hour: 6, minute: 5).description == "sun 06:05")
        #expect(Weekday(isoNumber: 7) == .sunday && Weekday.monday.isoNumber == 1)
    }
}
