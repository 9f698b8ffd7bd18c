import Controller
import Foundation
import GRDB
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
        var keepMinutes = HistoryConfig.defaultKeepMinutes
        var count = 0
        var failure: (any Error)?

        mutating func take(_ event: ControllerEvent) {
            recorder.record(event)
            count += 1
            guard count % every == 0 else { return }
            do { try store.write(recorder.takeBatch(), keepMinutes: keepMinutes, calendar: paris) } catch { failure = error }
        }
    }

    static func household(committingEvery every: Int, keepMinutes: Duration = HistoryConfig.defaultKeepMinutes) throws -> HistoryStore {
        let path = try temporaryDirectory().appendingPathComponent("history.sqlite").path
        let store = try HistoryStore.open(path: path)
        var sink = CommittingRecorder(recorder: HistoryRecorder(calendar: paris, resume: try store.resumePoints(meters: ["main"])),
                                      store: store, every: every, keepMinutes: keepMinutes)
        var house = SimulatedHousehold(mode: .historic, contract: .tempo, load: [1000, 2300, 400], start: MeterClock(year: 2025, month: 1, day: 30),
                                       tariff: SimulatedHousehold.tempo(colours: [30: .blue, 31: .white, 1: .red, 2: .blue]))
        house.run(hours: 40, step: 90, into: &sink)
        house.silence(hours: 3)
        house.run(hours: 45, step: 90, into: &sink)
        if let failure = sink.failure { throw failure }
        try store.write(sink.recorder.takeBatch(final: true), keepMinutes: keepMinutes, calendar: paris)
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
        try store.thinAllSnapshots()
        let after = try store.count("energy_snapshot")
        #expect(after < before / 2, "\(before) → \(after) snapshots")
        #expect(try store.energy(by: .hour).map { "\($0.date) \($0.energy)" } == hours)
        #expect(try store.energyFromSnapshots(by: .day).map(\.energy) == days)
        #expect(try store.energy(by: .day).map(\.energy) == days)
    }

    /// With a short keep-minutes, commits thin the snapshots of the local hours that passed it (one
    /// quarter snapshot left per hour), keep the recent ones whole, drop the old minute rows, and
    /// change no hour's energy.
    @Test func commitsThinWhatPassedKeepMinutes() throws {
        let reference = try Self.household(committingEvery: 37)
        let store = try Self.household(committingEvery: 37, keepMinutes: .seconds(86_400))
        #expect(try store.energy(by: .hour).map { "\($0.date) \($0.energy)" } == reference.energy(by: .hour).map { "\($0.date) \($0.energy)" })
        #expect(try store.energy(by: .day).map(\.energy) == reference.energy(by: .day).map(\.energy))
        let (last, quarters, minutes) = try store.database.read { db in
            let last = try Int64.fetchOne(db, sql: "SELECT MAX(t) FROM energy_snapshot") ?? 0
            let quarters = try Row.fetchAll(db, sql: "SELECT local_hour, COUNT(*) AS n FROM energy_snapshot WHERE reason = 'quarter' GROUP BY local_hour")
                .map { (hour: $0["local_hour"] as Int, count: $0["n"] as Int) }
            let minutes = try Int64.fetchOne(db, sql: "SELECT MIN(minute) FROM power_minute") ?? 0
            return (last, quarters, minutes)
        }
        let cutoff = paris.localHour(last - 86_400_000 - 3_600_000)
        let old = quarters.filter { $0.hour < cutoff }, recent = quarters.filter { $0.hour > paris.localHour(last - 86_400_000 + 3_600_000) }
        #expect(old.count > 40 && old.allSatisfy { $0.count == 1 }, "older than keep-minutes: one per hour")
        #expect(recent.count > 20 && recent.filter { $0.count == 4 }.count > recent.count / 2, "recent hours keep their quarters")
        #expect(minutes * 60_000 >= last - 86_400_000 - 120_000, "minute rows older than keep-minutes deleted")
        #expect(try reference.count("energy_snapshot") > store.count("energy_snapshot") + 100)
    }
}
