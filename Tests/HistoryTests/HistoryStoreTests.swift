import Controller
import Foundation
import GRDB
import History
import Synchronization
import Testing
import TIC

/// The database on a real SQLite file: restarts continue a series, complete hours roll up, a newer
/// or corrupt file is refused with a hint, a writer that cannot open its file keeps going.
@Suite struct HistoryStoreTests {
    static func config(_ path: String) -> HistoryConfig { HistoryConfig(path: path, commitEvery: .seconds(300)) }

    @Test func restartContinuesTheSeriesAndCountsTheGap() throws {
        let path = try temporaryDirectory().appendingPathComponent("sub/history.sqlite").path
        var house = PlausibilityTests.house()
        var first = HistoryWriter(config: Self.config(path), meters: ["main"], logger: nil)
        house.run(hours: 12, into: &first)
        first.commit(final: true)
        #expect(first.committed > 100)  // every 5 min of controller time
        // linkyd stopped for two hours, then starts again (a new controller clock).
        house.silence(hours: 2)
        house.at = .zero
        var second = HistoryWriter(config: Self.config(path), meters: ["main"], logger: nil)
        house.run(hours: 10, into: &second)
        house.frame(into: &second)
        house.frame(into: &second)
        second.commit(final: true)
        let store = try HistoryStore.open(path: path)
        #expect(try store.count("series") == 1)
        #expect(try store.integrityCheck() == "ok")
        let day = try #require(try store.energy(by: .day).first)
        #expect(day.energy == ["hc": 8000, "hp": 16000])
        // Complete hours rolled up (22 recorded hours), minute rows kept.
        #expect(try store.count("power_hour") == 22)
        let hours = try store.power(from: CalendarDate(year: 2025, month: 2, day: 5), to: CalendarDate(year: 2025, month: 2, day: 5), step: .hour, calendar: paris)
        #expect(hours.first?.values.first == 1000)  // p_mean: the constant load
        #expect(hours.first?.samples == 60)
        let days = try store.power(from: CalendarDate(year: 2025, month: 2, day: 5), to: CalendarDate(year: 2025, month: 2, day: 5), step: .day, calendar: paris)
        #expect(days.count == 1 && days[0].samples == 22 * 60)
    }

    @Test func newerSchemaIsRefused() throws {
        let path = try temporaryDirectory().appendingPathComponent("history.sqlite").path
        _ = try HistoryStore.open(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        try queue.close()
        #expect {
            try HistoryStore.open(path: path)
        } throws: { error in
            let error = error as? HistoryError
            return error?.problem.contains("newer linkyd") == true && error?.hint.contains("upgrade linkyd") == true
        }
    }

    @Test func corruptFileIsReportedWithAHint() throws {
        let path = try temporaryDirectory().appendingPathComponent("history.sqlite").path
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: path))
        #expect {
            try HistoryStore.open(path: path)
        } throws: { error in
            (error as? HistoryError)?.hint.contains("move it away") == true
        }
    }

    @Test func unwritableHistoryKeepsTheRecorderGoing() throws {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent("history.sqlite").path
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: path))
        var writer = HistoryWriter(config: Self.config(path), meters: ["main"], logger: nil)
        var house = PlausibilityTests.house()
        house.run(hours: 1, into: &writer)
        writer.commit(final: true)
        #expect(writer.failure != nil)
        #expect(writer.committed == 0)
        // The file is moved away: the next commit opens a new history and records again.
        try FileManager.default.removeItem(atPath: path)
        house.run(hours: 1, into: &writer)
        writer.commit(final: true)
        #expect(writer.failure == nil)
        #expect(try HistoryStore.open(path: path).count("power_minute") > 0)
    }

    /// The recorder, the exporters and the web page each open the same file with their own
    /// connections, at the same moment when linkyd starts: on a new (or older) file they all find
    /// migrations to apply, and every open must succeed, whoever applies them.
    @Test func openersRacingToMigrateAllSucceed() throws {
        for round in 0..<20 {
            let path = try temporaryDirectory().appendingPathComponent("race-\(round).sqlite").path
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do { _ = try HistoryStore.open(path: path) } catch { failures.withLock { $0.append("\(error)") } }
            }
            #expect(failures.withLock { $0 }.isEmpty, "round \(round)")
        }
    }
}
