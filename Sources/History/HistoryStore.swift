import Foundation
import Controller
import GRDB

/// The history database (issue 9): one SQLite file in WAL mode (GRDB ``DatabasePool``), its schema
/// migrated by ``HistorySchema/migrator``. A file written by a newer linkyd (migrations this one does
/// not know) is refused, never downgraded. Writes come in batches, one transaction each
/// (``write(_:keepMinutes:)``); reports read concurrently.
public final class HistoryStore: Sendable {
    public let path: String
    let database: any DatabaseWriter

    private init(path: String, database: any DatabaseWriter) {
        self.path = path
        self.database = database
    }

    /// Opens (creating it and its directory when `create`) and migrates the history at `path`.
    public static func open(path: String, create: Bool = true) throws(HistoryError) -> HistoryStore {
        if !create, !FileManager.default.fileExists(atPath: path) {
            throw HistoryError(path: path, problem: "no history file", hint: "`linkyd run` records to history: path: (default \(Controller.HistoryConfig.defaultPath)); `linkyd simulate --record FILE` makes one from captures")
        }
        let directory = (path as NSString).deletingLastPathComponent
        if create, !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw HistoryError(path: path, problem: "cannot create the directory \(directory): \(error.localizedDescription)",
                                   hint: "create it and give linkyd write access, or set history: path:")
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.label = "linkyd.history"
        var pool: DatabasePool?
        for attempt in 1... {
            do {
                pool = try DatabasePool(path: path, configuration: configuration)
                break
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < 5 {
                // Openers of a new file race to set it to WAL (an exclusive moment the busy timeout
                // does not cover): the next try finds it done.
                usleep(20_000)
            } catch {
                throw HistoryError(path: path, doing: "open", error)
            }
        }
        guard let pool else { throw HistoryError(path: path, problem: "cannot be opened", hint: "check the file and its directory") }
        let migrator = HistorySchema.migrator
        do {
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                let known = Set(migrator.migrations)
                let applied = try pool.read { try migrator.appliedIdentifiers($0) }
                throw HistoryError(path: path, problem: "written by a newer linkyd (schema \(applied.subtracting(known).sorted().joined(separator: ", ")))",
                                   hint: "upgrade linkyd, or move the file away to start a new history")
            }
            // Another opener of the same file (the recorder, an exporter, the web page: each has its
            // own connections) may apply a migration between this one's check and its transaction:
            // this one's is rolled back, and trying again continues from what the other applied.
            for attempt in 1... {
                do {
                    try migrator.migrate(pool)
                    break
                } catch {
                    if try pool.read({ try migrator.hasCompletedMigrations($0) }) { break }
                    if attempt == 5 { throw error }
                    usleep(20_000)
                }
            }
        } catch let error as HistoryError {
            throw error
        } catch {
            throw HistoryError(path: path, doing: "read its schema", error)
        }
        return HistoryStore(path: path, database: pool)
    }

    /// Where each meter's last series stopped, and the next free series id.
    public func resumePoints(meters: [String]) throws(HistoryError) -> HistoryResume {
        do {
            return try database.read { db in
                let maxID = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM series") ?? 0
                let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'series'") ?? 0
                var resume = HistoryResume(nextSeriesID: max(maxID, sequence) + 1)
                for meter in meters {
                    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM series WHERE meter = ? ORDER BY id DESC LIMIT 1", arguments: [meter]) else { continue }
                    let series = SeriesRow(id: row["id"], meter: row["meter"], address: row["address"], mode: row["mode"],
                                           tariff: row["tariff"], started: row["started"])
                    guard let snapshot = try Row.fetchOne(db, sql: "SELECT * FROM energy_snapshot WHERE series = ? ORDER BY id DESC LIMIT 1",
                                                          arguments: [series.id]) else { continue }
                    let values: [Int?] = HistorySchema.indexColumns.map { snapshot[$0] }
                    resume.lastSeries[meter] = ResumePoint(series: series, values: values, time: snapshot["t"])
                }
                return resume
            }
        } catch {
            throw HistoryError(path: path, doing: "read where the history stopped", error)
        }
    }

    /// Writes a batch in one transaction, rolls up the complete hours, deletes minute rows older
    /// than `keepMinutes` (their hours are rolled up) and thins the snapshots of the local hours (in
    /// `calendar`, the one the batch's `local_hour`s were computed in) that passed `keepMinutes`. All
    /// or nothing: a crash leaves the last commit.
    public func write(_ batch: HistoryBatch, keepMinutes: Duration = Controller.HistoryConfig.defaultKeepMinutes,
                      calendar: LocalCalendar = LocalCalendar(zone: .gmt)) throws(HistoryError) {
        guard !batch.isEmpty else { return }
        do {
            try database.write { db in
                for series in batch.series {
                    try db.execute(sql: "INSERT INTO series (id, meter, address, mode, tariff, started) VALUES (?, ?, ?, ?, ?, ?)",
                                   arguments: [series.id, series.meter, series.address, series.mode, series.tariff, series.started])
                }
                for change in batch.tariffChanges {
                    try db.execute(sql: "UPDATE series SET tariff = ? WHERE id = ?", arguments: [change.tariff, change.id])
                }
                try Self.insertPower(batch.power, into: db)
                let lastSnapshot = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM energy_snapshot") ?? 0
                try Self.insertSnapshots(batch.snapshots, into: db)
                if !batch.snapshots.isEmpty { try EnergyDays.add(snapshotsAfter: lastSnapshot, in: db) }
                let event = try db.cachedStatement(sql: "INSERT INTO event (t, meter, kind, detail) VALUES (?, ?, ?, ?)")
                for row in batch.events { try event.execute(arguments: [row.time, row.meter, row.kind, row.detail]) }
                try Self.rollUp(before: batch.now, in: db)
                let (seconds, _) = keepMinutes.components
                let cutoff = (batch.now / 1000 - seconds) / 60
                try db.execute(sql: "DELETE FROM power_minute WHERE series IN (SELECT id FROM series) AND minute < ?", arguments: [cutoff])
                try Self.thinSnapshots(hours: Self.thinningHours(before: cutoff * 60_000, calendar: calendar), in: db)
            }
        } catch {
            throw HistoryError(path: path, doing: "write \(batch.power.count + batch.snapshots.count + batch.events.count) rows", error)
        }
    }

    static func insertPower(_ rows: [PowerRow], into db: Database) throws {
        guard !rows.isEmpty else { return }
        let columns = ["series", "minute", "samples"] + HistorySchema.powerColumns
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO power_minute (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))")
        for row in rows {
            let values: [(any DatabaseValueConvertible)?] = [row.series, row.time, row.samples] + row.values.map { $0 }
            try statement.execute(arguments: StatementArguments(values))
        }
    }

    static func insertSnapshots(_ rows: [SnapshotRow], into db: Database) throws {
        guard !rows.isEmpty else { return }
        let columns = ["series", "t", "local_hour", "period", "reason"] + HistorySchema.indexColumns
        let statement = try db.cachedStatement(sql: "INSERT INTO energy_snapshot (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))")
        for row in rows {
            let values: [(any DatabaseValueConvertible)?] = [row.series, row.time, row.localHour, row.period, row.reason.rawValue] + row.values.map { $0 }
            try statement.execute(arguments: StatementArguments(values))
        }
    }

    /// Rolls complete UTC hours (before the hour of `now`) of minute rows up into `power_hour`, from a
    /// day before the last hour rolled up: idempotent, and only complete hours, so an hour row never
    /// changes after it is written (an exporter's cursor stays valid).
    static func rollUp(before now: Int64, in db: Database) throws {
        let currentHour = now / 3_600_000
        // Per series through the (series, hour) and (series, minute) keys: seeks, not scans of every
        // row ever written, so a commit's cost does not grow with the file.
        let lastRolled = try Int64.fetchOne(db, sql: "SELECT MAX((SELECT MAX(hour) FROM power_hour p WHERE p.series = s.id)) FROM series s") ?? 0
        let aggregates = HistorySchema.powerColumns.map { column in
            if column.hasSuffix("_min") { return "MIN(\(column))" }
            if column.hasSuffix("_max") { return "MAX(\(column))" }
            return "CAST(ROUND(SUM(\(column) * samples) * 1.0 / SUM(CASE WHEN \(column) IS NOT NULL THEN samples END)) AS INTEGER)"
        }
        try db.execute(sql: """
            INSERT OR IGNORE INTO power_hour (series, hour, samples, \(HistorySchema.powerColumns.joined(separator: ", ")))
            SELECT series, minute / 60, SUM(samples), \(aggregates.joined(separator: ", "))
            FROM power_minute WHERE series IN (SELECT id FROM series) AND minute >= ? AND minute < ? GROUP BY series, minute / 60
            """, arguments: [max(0, lastRolled - 24) * 60, currentHour * 60])
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file.
    public func integrityCheck() throws(HistoryError) -> String {
        do {
            return try database.read { try String.fetchAll($0, sql: "PRAGMA integrity_check").joined(separator: "\n") }
        } catch {
            throw HistoryError(path: path, doing: "check its integrity", error)
        }
    }

    /// Rows per table, for tests and `linkyd report --json`'s readers.
    public func count(_ table: String) throws(HistoryError) -> Int {
        do {
            return try database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
        } catch {
            throw HistoryError(path: path, doing: "count \(table)", error)
        }
    }
}

extension HistoryStore {
    /// Events of `kind` (or all), in order.
    public func events(kind: String? = nil) throws(HistoryError) -> [EventRow] {
        do {
            return try database.read { db in
                try Row.fetchAll(db, sql: "SELECT t, meter, kind, detail FROM event WHERE (? IS NULL OR kind = ?) ORDER BY id",
                                 arguments: [kind, kind]).map { EventRow(time: $0[0], meter: $0[1], kind: $0[2], detail: $0[3]) }
            }
        } catch {
            throw HistoryError(path: path, doing: "read the events", error)
        }
    }
}
