import Controller
import Foundation
@testable import History
import Testing
import TIC

/// `energy_day` is kept at every commit; it must say exactly what the snapshots say, whatever the
/// commit boundaries (a pair of snapshots spanning two commits is counted once).
@Suite struct EnergyDaysTests {
    /// Commits every `every` events: boundaries fall everywhere, between any two snapshots.
    struct CommittingRecorder: EventSink {
        var recorder: HistoryRecorder
        let store: HistoryStore
        let every: Int
        var count = 0
        var failure: (any Error)?

        mutating func take(_ event: ControllerEvent) {
            recorder.record(event)
            count += 1
            guard count % every == 0 else { return }
            do { try store.write(recorder.takeBatch()) } catch { failure = error }
        }
    }

    static func household(committingEvery every: Int) throws -> HistoryStore {
        let path = try temporaryDirectory().appendingPathComponent("history.sqlite").path
        let store = try HistoryStore.open(path: path)
        var sink = CommittingRecorder(recorder: HistoryRecorder(calendar: paris, resume: try store.resumePoints(meters: ["main"])),
                                      store: store, every: every)
        var house = SimulatedHousehold(mode: .historic, contract: .tempo, load: [1000, 2300, 400], start: MeterClock(year: 2025, month: 1, day: 30),
                                       tariff: SimulatedHousehold.tempo(colours: [30: .blue, 31: .white, 1: .red, 2: .blue]))
        house.run(hours: 40, step: 90, into: &sink)
        house.silence(hours: 3)
        house.run(hours: 45, step: 90, into: &sink)
        if let failure = sink.failure { throw failure }
        try store.write(sink.recorder.takeBatch(final: true))
        return store
    }

    @Test(arguments: [1, 7, 37, 1000])
    func daysAgreeWithTheSnapshots(every: Int) throws {
        let store = try Self.household(committingEvery: every)
        for step in [ReportStep.day, .month, .year] {
            let fromDays = try store.energy(by: step)
            let fromSnapshots = try store.energyFromSnapshots(by: step)
            #expect(fromDays.map(\.date) == fromSnapshots.map(\.date), "\(step)")
            #expect(fromDays.map(\.energy) == fromSnapshots.map(\.energy), "\(step), commits every \(every) events")
            #expect(fromDays.map(\.injected) == fromSnapshots.map(\.injected))
        }
        // Over a month boundary, and not nothing.
        let days = try store.energy(by: .day)
        #expect(days.map(\.date).contains("2025-01-31") && days.map(\.date).contains("2025-02-01"))
        #expect(days.reduce(0) { $0 + $1.totalEnergy } > 50_000)
        // A range: the same days, cut the same way.
        let range = try store.energy(from: CalendarDate(year: 2025, month: 1, day: 31), to: CalendarDate(year: 2025, month: 2, day: 1), by: .day)
        let rangeFromSnapshots = try store.energyFromSnapshots(from: CalendarDate(year: 2025, month: 1, day: 31),
                                                               to: CalendarDate(year: 2025, month: 2, day: 1), by: .day)
        #expect(range.map(\.energy) == rangeFromSnapshots.map(\.energy))
        #expect(range.count == 2)
    }

    /// A database written before `energy_day` existed (schema v1) gets it filled by the migration.
    @Test func theMigrationFillsTheDaysFromExistingSnapshots() throws {
        let store = try Self.household(committingEvery: 50)
        let expected = try store.energy(by: .day).map(\.energy)
        try store.database.write { db in
            try db.execute(sql: "DELETE FROM energy_day")
            try EnergyDays.add(snapshotsAfter: 0, in: db)
        }
        #expect(try store.energy(by: .day).map(\.energy) == expected)
    }

    /// Old snapshots thinned to hourly: every hour's and every day's energy per period is unchanged,
    /// about a quarter of the snapshots remain.
    @Test func thinningKeepsEveryHoursEnergy() throws {
        let store = try Self.household(committingEvery: 200)
        let hours = try store.energy(by: .hour).map { "\($0.date) \($0.energy)" }
        let days = try store.energy(by: .day).map(\.energy)
        let before = try store.count("energy_snapshot")
        try store.thinSnapshots(before: Int64.max / 2)
        let after = try store.count("energy_snapshot")
        #expect(after < before / 2, "\(before) → \(after) snapshots")
        #expect(try store.energy(by: .hour).map { "\($0.date) \($0.energy)" } == hours)
        #expect(try store.energyFromSnapshots(by: .day).map(\.energy) == days)
        #expect(try store.energy(by: .day).map(\.energy) == days)
    }
}
