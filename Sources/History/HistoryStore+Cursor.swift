import GRDB

/// A snapshot as an exporter reads it: the row, its id (the cursor) and its series.
public struct ExportedSnapshot: Sendable, Hashable {
    public var id: Int64
    public var meter: String
    public var address: String
    public var mode: String
    public var tariff: String?
    public var row: SnapshotRow
}

/// A minute (or hour) of power as an exporter reads it.
public struct ExportedPower: Sendable, Hashable {
    public var id: Int64
    public var meter: String
    public var address: String
    public var row: PowerRow
}

/// An event as an exporter reads it.
public struct ExportedEvent: Sendable, Hashable {
    public var id: Int64
    public var row: EventRow
}

/// Reading "every row after id X, in order" (issue 11: each exporter keeps its own cursor into the
/// history, so an outage loses nothing and sends nothing twice). Ids only grow (``HistorySchema``);
/// only committed rows are read, so only values that passed the plausibility gate.
extension HistoryStore {
    /// Up to `limit` index snapshots with an id above `after`, in id order.
    public func snapshots(after: Int64, limit: Int = 1000) throws(HistoryError) -> [ExportedSnapshot] {
        do {
            return try database.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT e.*, s.meter AS s_meter, s.address AS s_address, s.mode AS s_mode, s.tariff AS s_tariff
                    FROM energy_snapshot e JOIN series s ON s.id = e.series WHERE e.id > ? ORDER BY e.id LIMIT ?
                    """, arguments: [after, limit]).map { row in
                    let reason = SnapshotRow.Reason(rawValue: row["reason"]) ?? .quarter
                    let snapshot = SnapshotRow(series: row["series"], time: row["t"], localHour: row["local_hour"], period: row["period"],
                                               reason: reason, values: HistorySchema.indexColumns.map { row[$0] })
                    return ExportedSnapshot(id: row["id"], meter: row["s_meter"], address: row["s_address"], mode: row["s_mode"],
                                            tariff: row["s_tariff"], row: snapshot)
                }
            }
        } catch {
            throw HistoryError(path: path, doing: "read the snapshots after id \(after)", error)
        }
    }

    /// Up to `limit` minute rows with an id above `after`, in id order.
    public func powerMinutes(after: Int64, limit: Int = 5000) throws(HistoryError) -> [ExportedPower] {
        do {
            return try database.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT p.*, s.meter AS s_meter, s.address AS s_address
                    FROM power_minute p JOIN series s ON s.id = p.series WHERE p.id > ? ORDER BY p.id LIMIT ?
                    """, arguments: [after, limit]).map { row in
                    ExportedPower(id: row["id"], meter: row["s_meter"], address: row["s_address"],
                                  row: PowerRow(series: row["series"], time: row["minute"], samples: row["samples"],
                                                values: HistorySchema.powerColumns.map { row[$0] }))
                }
            }
        } catch {
            throw HistoryError(path: path, doing: "read the minute rows after id \(after)", error)
        }
    }

    /// Up to `limit` events with an id above `after`, in id order.
    public func events(after: Int64, limit: Int = 1000) throws(HistoryError) -> [ExportedEvent] {
        do {
            return try database.read { db in
                try Row.fetchAll(db, sql: "SELECT id, t, meter, kind, detail FROM event WHERE id > ? ORDER BY id LIMIT ?",
                                 arguments: [after, limit]).map {
                    ExportedEvent(id: $0[0], row: EventRow(time: $0[1], meter: $0[2], kind: $0[3], detail: $0[4]))
                }
            }
        } catch {
            throw HistoryError(path: path, doing: "read the events after id \(after)", error)
        }
    }

    /// The highest id of `table` (0 when empty): where a new exporter starts when told not to back-fill.
    public func lastID(of table: String) throws(HistoryError) -> Int64 {
        do {
            return try database.read { try Int64.fetchOne($0, sql: "SELECT MAX(id) FROM \(table)") ?? 0 }
        } catch {
            throw HistoryError(path: path, doing: "read the last id of \(table)", error)
        }
    }
}
