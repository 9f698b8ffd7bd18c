import GRDB

extension HistoryStore {
    /// Snapshots older than `keep-minutes` are thinned to one per hour (the first of each local hour)
    /// plus those taken at a period change, a start or a flush: the energy of every hour and every
    /// period stays exact (indexes are cumulative: the quarter-hour deltas of an hour add up to the
    /// hour's), only the quarter-hour detail of old data goes. `energy_day` is kept at each commit, so
    /// it never reads thinned snapshots. Bounded to the two days before `cutoff`: older ones were
    /// thinned by earlier commits.
    static func thinSnapshots(before cutoff: Int64, in db: Database, window: Int64 = 2 * 86_400_000) throws {
        try db.execute(sql: """
            DELETE FROM energy_snapshot
            WHERE t < ?1 AND t >= ?1 - ?2 AND reason = 'quarter'
              AND id NOT IN (SELECT MIN(id) FROM energy_snapshot WHERE t < ?1 AND t >= ?1 - ?2 - 3600000
                             GROUP BY series, local_hour)
            """, arguments: [cutoff, window])
    }

    /// Thins every snapshot older than `cutoff` (ms since 1970), whatever its age (benchmarks, tools).
    public func thinSnapshots(before cutoff: Int64) throws(HistoryError) {
        do {
            try database.write { db in try Self.thinSnapshots(before: cutoff, in: db, window: cutoff) }
        } catch {
            throw HistoryError(path: path, doing: "thin the old snapshots", error)
        }
    }
}
