import GRDB

extension HistoryStore {
    /// Snapshots of the local hours in `hours` (`YYYYMMDDHH` keys, lower bound included) are thinned
    /// to one per hour (the first of each local hour and series) plus those taken at a period change,
    /// a start or a flush: the energy of every hour and every period stays exact (indexes are
    /// cumulative: the quarter-hour deltas of an hour add up to the hour's), only the quarter-hour
    /// detail of old data goes. `energy_day` is kept at each commit, so it never reads thinned
    /// snapshots. Whole local hours only, read through the `local_hour` index: a commit thins the
    /// hours that passed `keep-minutes` since the two days before (older ones were thinned by earlier
    /// commits), whatever the size of the file.
    static func thinSnapshots(hours: Range<Int>, in db: Database) throws {
        try db.execute(sql: """
            DELETE FROM energy_snapshot
            WHERE local_hour >= ?1 AND local_hour < ?2 AND reason = 'quarter'
              AND id NOT IN (SELECT MIN(id) FROM energy_snapshot WHERE local_hour >= ?1 AND local_hour < ?2
                             GROUP BY series, local_hour)
            """, arguments: [hours.lowerBound, hours.upperBound])
    }

    /// The local hours a commit at `cutoff` (ms since 1970: now − keep-minutes) thins.
    static func thinningHours(before cutoff: Int64, calendar: LocalCalendar, window: Int64 = 2 * 86_400_000) -> Range<Int> {
        calendar.localHour(cutoff - window)..<calendar.localHour(cutoff)
    }

    /// Thins every snapshot (benchmarks, tools: as if all of them were older than keep-minutes).
    public func thinAllSnapshots() throws(HistoryError) {
        do {
            try database.write { db in try Self.thinSnapshots(hours: Int.min..<Int.max, in: db) }
        } catch {
            throw HistoryError(path: path, doing: "thin the old snapshots", error)
        }
    }
}
