import GRDB

/// What the PostgreSQL exporter (issue 11) reads besides ``snapshots(after:limit:)``,
/// ``powerMinutes(after:limit:)`` and ``events(after:limit:)``: the series (a few rows per meter,
/// read whole: a series' tariff option can be learnt after it started) and the hour rows (kept
/// for ever, so a server that was away longer than `keep-minutes` still gets every hour).
extension HistoryStore {
    /// Every series, in id order.
    public func allSeries() throws(HistoryError) -> [SeriesRow] {
        do {
            return try database.read { db in
                try Row.fetchAll(db, sql: "SELECT id, meter, address, mode, tariff, started FROM series ORDER BY id").map {
                    SeriesRow(id: $0["id"], meter: $0["meter"], address: $0["address"], mode: $0["mode"], tariff: $0["tariff"], started: $0["started"])
                }
            }
        } catch {
            throw HistoryError(path: path, doing: "read the series", error)
        }
    }

    /// Up to `limit` hour rows with an id above `after`, in id order (`row.time` in UTC hours).
    public func powerHours(after: Int64, limit: Int = 5000) throws(HistoryError) -> [ExportedPower] {
        do {
            return try database.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT p.*, s.meter AS s_meter, s.address AS s_address
                    FROM power_hour p JOIN series s ON s.id = p.series WHERE p.id > ? ORDER BY p.id LIMIT ?
                    """, arguments: [after, limit]).map { row in
                    ExportedPower(id: row["id"], meter: row["s_meter"], address: row["s_address"],
                                  row: PowerRow(series: row["series"], time: row["hour"], samples: row["samples"],
                                                values: HistorySchema.powerColumns.map { row[$0] }))
                }
            }
        } catch {
            throw HistoryError(path: path, doing: "read the hour rows after id \(after)", error)
        }
    }

    /// The power columns, in ``PowerRow/values`` order (for an exporter's own table).
    public static var powerColumnNames: [String] { HistorySchema.powerColumns }
    /// The index columns, in ``SnapshotRow/values`` (``EnergyIndex``) order.
    public static var indexColumnNames: [String] { HistorySchema.indexColumns }
}
