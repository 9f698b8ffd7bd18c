import GRDB

/// Read-only queries for the web page's energy and power graphs (issue 10). They only read (WAL
/// readers of the ``DatabasePool``: they never wait for the recorder, nor make it wait).
extension HistoryStore {
    /// The meters the history has series for, sorted.
    public func recordedMeters() throws(HistoryError) -> [String] {
        do {
            return try database.read { try String.fetchAll($0, sql: "SELECT DISTINCT meter FROM series ORDER BY meter") }
        } catch {
            throw HistoryError(path: path, doing: "read the meters", error)
        }
    }

    /// Events of `meter` (and those of no meter: switches, reloads) from `from` (ms since 1970, UTC,
    /// included) to `to` (excluded), in order, at most `limit`.
    public func events(meter: String?, from: Int64, to: Int64, limit: Int = 5000) throws(HistoryError) -> [EventRow] {
        do {
            return try database.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT t, meter, kind, detail FROM event
                    WHERE t >= ? AND t < ? AND (? IS NULL OR meter IS NULL OR meter = ?) ORDER BY t, id LIMIT ?
                    """, arguments: [from, to, meter, meter, limit]).map { EventRow(time: $0[0], meter: $0[1], kind: $0[2], detail: $0[3]) }
            }
        } catch {
            throw HistoryError(path: path, doing: "read the events", error)
        }
    }

    /// The tariff period in force over time for `meter`: its snapshots' periods (every quarter hour
    /// and at each change), reduced to the changes, from the last one before `from` to `to`.
    public func periodChanges(meter: String, from: Int64, to: Int64) throws(HistoryError) -> [(time: Int64, period: String)] {
        do {
            return try database.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT t, period FROM (
                      SELECT * FROM (SELECT e.t, e.period FROM energy_snapshot e JOIN series s ON s.id = e.series
                                     WHERE s.meter = ? AND e.t < ? AND e.period IS NOT NULL ORDER BY e.t DESC LIMIT 1)
                      UNION ALL
                      SELECT e.t, e.period FROM energy_snapshot e JOIN series s ON s.id = e.series
                      WHERE s.meter = ? AND e.t >= ? AND e.t < ? AND e.period IS NOT NULL)
                    ORDER BY t
                    """, arguments: [meter, from, meter, from, to])
                var changes: [(time: Int64, period: String)] = []
                for row in rows {
                    let period: String = row[1]
                    if changes.last?.period != period { changes.append((row[0], period)) }
                }
                return changes
            }
        } catch {
            throw HistoryError(path: path, doing: "read the tariff periods", error)
        }
    }
}
