import Controller
import Foundation
import History
import Testing
import TIC

/// Hand-checked reports: a constant 1000 VA load is 1000 Wh per hour, so each day's energy per
/// period is the hours of that period (HC 22:00-06:00; Tempo days start at 06:00).
@Suite struct EnergyReportTests {
    /// Records `drive` into a fresh database and returns the store.
    static func record(_ drive: (inout HistoryRecorder) -> Void) throws -> HistoryStore {
        let path = try temporaryDirectory().appendingPathComponent("history.sqlite").path
        let store = try HistoryStore.open(path: path)
        var recorder = HistoryRecorder(calendar: paris, resume: try store.resumePoints(meters: ["main"]))
        drive(&recorder)
        try store.write(recorder.takeBatch(final: true))
        return store
    }

    static let januaryPrices = PriceSchedule(entries: [
        PriceEntry(from: CalendarDate(year: 2025, month: 1, day: 1), subscriptionPerDay: 0.5,
                   energy: ["hc-blue": 0.1, "hp-blue": 0.2, "hc-white": 0.3, "hp-white": 0.4, "hc-red": 0.5, "hp-red": 1.0]),
        // A price change on the third day: that day and after at double prices, a monthly subscription.
        PriceEntry(from: CalendarDate(year: 2025, month: 1, day: 16), subscriptionPerDay: 15.24 * 12 / 365,
                   energy: ["hc-blue": 0.2, "hp-blue": 0.4, "hc-white": 0.6, "hp-white": 0.8, "hc-red": 1.0, "hp-red": 2.0]),
    ])

    static func tempoDays(mode: TICMode) throws -> HistoryStore {
        try record { recorder in
            var house = SimulatedHousehold(mode: mode, contract: .tempo, load: [1000], start: MeterClock(year: 2025, month: 1, day: 14),
                                           tariff: SimulatedHousehold.tempo(colours: [14: .blue, 15: .white, 16: .red]))
            house.run(hours: 72, into: &recorder)
            house.frame(into: &recorder)
            house.frame(into: &recorder)
        }
    }

    @Test(arguments: [TICMode.historic, .standard])
    func tempoOverThreeDaysWithColourChanges(mode: TICMode) throws {
        let store = try Self.tempoDays(mode: mode)
        let days = try store.energy(from: CalendarDate(year: 2025, month: 1, day: 14), to: CalendarDate(year: 2025, month: 1, day: 16), by: .day)
            .map { $0.priced(by: Self.januaryPrices) }
        #expect(days.map(\.date) == ["2025-01-14", "2025-01-15", "2025-01-16"])
        #expect(days[0].energy == ["hc-blue": 8000, "hp-blue": 16000])
        #expect(days[1].energy == ["hc-blue": 6000, "hp-white": 16000, "hc-white": 2000])
        #expect(days[2].energy == ["hc-white": 6000, "hp-red": 16000, "hc-red": 2000])
        // 8 × 0.1 + 16 × 0.2 + 0.5; 6 × 0.1 + 16 × 0.4 + 2 × 0.3 + 0.5; 6 × 0.6 + 16 × 2 + 2 × 1 + 15.24 × 12 / 365.
        #expect(abs((days[0].total ?? 0) - 4.5) < 1e-9)
        #expect(abs((days[1].total ?? 0) - 8.1) < 1e-9)
        #expect(String(format: "%.4f", days[2].total ?? 0) == "38.1010")
        #expect(days[2].unpriced.isEmpty)

        let month = try store.energy(by: .month).map { $0.priced(by: Self.januaryPrices) }
        #expect(month.count == 1)
        #expect(month[0].date == "2025-01")
        #expect(month[0].totalEnergy == 72_000)
        #expect(month[0].subscriptionDays.count == 3)
        // 4.0 + 7.6 + 37.6 of energy, each day at its own prices, + 0.5 + 0.5 + 15.24 × 12 / 365.
        #expect(String(format: "%.4f", month[0].total ?? 0) == "50.7010")
    }

    @Test func hourlyReportSplitsThePeriods() throws {
        let store = try Self.tempoDays(mode: .historic)
        let hours = try store.energy(from: CalendarDate(year: 2025, month: 1, day: 15), to: CalendarDate(year: 2025, month: 1, day: 15), by: .hour)
        #expect(hours.count == 24)
        #expect(hours[5].key.hour == 5 && hours[5].energy == ["hc-blue": 1000])
        #expect(hours[6].energy == ["hp-white": 1000])
        #expect(hours[22].energy == ["hc-white": 1000])
        let priced = hours[0].priced(by: Self.januaryPrices)
        #expect(abs((priced.subscription ?? 0) - 0.5 / 24) < 1e-12)
    }

    static func offPeak(_ mode: TICMode = .historic) -> @Sendable (inout SimulatedMeter) -> Void {
        { m in m.isOffPeak = m.clock.hour >= 22 || m.clock.hour < 6 }
    }

    @Test(arguments: [
        (SimulatedMeter.Contract.base, TICMode.historic, 1, ["base": 24000]),
        (.offPeak, .historic, 1, ["hc": 8000, "hp": 16000]),
        (.offPeak, .standard, 1, ["hc": 8000, "hp": 16000]),
        (.ejp, .historic, 1, ["hn": 24000]),
        (.base, .historic, 3, ["base": 72000]),
        (.base, .standard, 3, ["base": 72000]),
    ])
    func contractsOverTwoDays(contract: SimulatedMeter.Contract, mode: TICMode, phases: Int, expected: [String: Int]) throws {
        let store = try Self.record { recorder in
            var house = SimulatedHousehold(mode: mode, contract: contract, phases: phases, load: Array(repeating: 1000, count: phases),
                                           start: MeterClock(year: 2025, month: 2, day: 5), tariff: Self.offPeak())
            house.run(hours: 48, into: &recorder)
            house.frame(into: &recorder)
            house.frame(into: &recorder)
        }
        let days = try store.energy(from: CalendarDate(year: 2025, month: 2, day: 5), to: CalendarDate(year: 2025, month: 2, day: 6), by: .day)
        #expect(days.map(\.energy) == [expected, expected])
    }

    @Test func ejpPeakDayIsCountedInPM() throws {
        let store = try Self.record { recorder in
            var house = SimulatedHousehold(mode: .historic, contract: .ejp, load: [1000], start: MeterClock(year: 2025, month: 1, day: 20)) { m in
                // Mobile peak 07:00 → 01:00 the next night (tic-protocol.md §7.1).
                let hour = m.clock.hour, day = m.clock.date.day
                m.isEJPNotice = day == 20 && hour == 6 && m.clock.minute >= 30
                m.isEJPPeak = (day == 20 && hour >= 7) || (day == 21 && hour < 1)
            }
            house.run(hours: 48, into: &recorder)
            house.frame(into: &recorder)
            house.frame(into: &recorder)
        }
        let days = try store.energy(by: .day)
        #expect(days.map(\.energy) == [["hn": 7000, "pm": 17000], ["hn": 23000, "pm": 1000]])
        #expect(try store.count("event") >= 4)  // notice start/end, peak start/end, period changes
    }

    @Test func producerInjectionIsReported() throws {
        let store = try Self.record { recorder in
            var house = SimulatedHousehold(mode: .standard, contract: .base, producer: true, load: [500],
                                           start: MeterClock(year: 2025, month: 6, day: 1), tariff: { _ in })
            house.run(hours: 24, into: &recorder)
            house.frame(into: &recorder)
            house.frame(into: &recorder)
        }
        let day = try #require(try store.energy(by: .day).first)
        #expect(day.energy == ["base": 12000])
        // The simulator's constant meter injects nothing (its injection follows a per-frame jitter);
        // the index is there, so injected is 0, not nil.
        #expect(day.injected == 0)
        let priced = day.priced(by: PriceSchedule(entries: [PriceEntry(from: CalendarDate(year: 2025, month: 1, day: 1), energy: ["base": 0.2])]))
        #expect(abs((priced.total ?? 0) - 2.4) < 1e-9)
    }
}
