import GRDB

/// `energy_day`: each series' energy per local day and supplier index, kept up to date at every
/// commit, so a report by day, month or year reads one row per meter and day (a 5-year report by
/// month: ~1 800 rows) instead of every quarter-hour snapshot.
///
/// The numbers are exactly those of the snapshot query (``HistoryStore/energy(meter:from:to:by:)``
/// with `--by hour`): the difference of each index between a snapshot and the next one of its series,
/// counted on the local day of the earlier snapshot. A commit adds the pairs whose later snapshot is
/// new, so each pair is counted once, whatever the commit boundaries (tested against the snapshots).
enum EnergyDays {
    static let deltaColumns = (1...10).map { "d\($0)" } + ["dinj"]

    static let createTable = """
        CREATE TABLE energy_day (
          series INTEGER NOT NULL REFERENCES series(id),
          day INTEGER NOT NULL,
          \(deltaColumns.map { "\($0) INTEGER" }.joined(separator: ", ")),
          has_inj INTEGER NOT NULL,
          PRIMARY KEY (series, day)) WITHOUT ROWID;
        CREATE INDEX energy_day_day ON energy_day(day);
        """

    /// Adds the deltas of every pair of consecutive snapshots whose later one has an id above
    /// `after` (0: every pair, for the migration that creates the table).
    static func add(snapshotsAfter after: Int64, in db: Database) throws {
        let deltas = (1...10).map { "LEAD(s\($0)) OVER w - s\($0) AS d\($0)" } + ["LEAD(eait) OVER w - eait AS dinj"]
        let sums = deltaColumns.map { "SUM(\($0))" }
        let merge = deltaColumns.map {
            "\($0) = CASE WHEN excluded.\($0) IS NULL THEN \($0) ELSE COALESCE(\($0), 0) + excluded.\($0) END"
        }
        // Each touched series from its last snapshot before the new ones (the pair that spans the commit).
        // Every access is a seek: the new rows by rowid (NOT INDEXED: else SQLite scans the whole series
        // index for them), each series' last older snapshot by `energy_snapshot_series` (v3), so a
        // commit costs what it adds, however large the file.
        try db.execute(sql: """
            INSERT INTO energy_day (series, day, \(deltaColumns.joined(separator: ", ")), has_inj)
            SELECT series, day, \(sums.joined(separator: ", ")), MAX(has_inj)
            FROM (SELECT series, local_hour / 100 AS day, eait IS NOT NULL AS has_inj, LEAD(id) OVER w AS next,
                         \(deltas.joined(separator: ", "))
                  FROM energy_snapshot
                  WHERE series IN (SELECT series FROM energy_snapshot NOT INDEXED WHERE id > ?1)
                    AND id >= COALESCE((SELECT MIN((SELECT MAX(e.id) FROM energy_snapshot e WHERE e.series = t.series AND e.id <= ?1))
                                        FROM (SELECT DISTINCT series FROM energy_snapshot NOT INDEXED WHERE id > ?1) t), 0)
                  WINDOW w AS (PARTITION BY series ORDER BY id))
            WHERE next > ?1
            GROUP BY series, day
            ON CONFLICT (series, day) DO UPDATE SET \(merge.joined(separator: ", ")), has_inj = MAX(has_inj, excluded.has_inj)
            """, arguments: [after])
    }
}
