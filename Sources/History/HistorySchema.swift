import GRDB

/// The history's tables (issue 9) and their migrations (GRDB's ``DatabaseMigrator``).
///
/// Every table has an `INTEGER PRIMARY KEY AUTOINCREMENT` id: ids only grow, even after old minute
/// rows are deleted, so an exporter (issue 11) can read "every row after id X, in order" with one
/// range scan of the primary key and keep X as its cursor.
///
/// | table | one row per | kept |
/// |---|---|---|
/// | `series` | meter × address × mode × tariff option (a meter reset starts a new one) | for ever |
/// | `power_minute` | series × UTC minute: mean/min/max apparent power (total, per phase), injected, estimated injection, mean currents (dA), min/max voltages | `keep-minutes` |
/// | `power_hour` | the same, rolled up per UTC hour once the hour is complete | for ever |
/// | `energy_snapshot` | index snapshot every 15 min and at each period change: every index that passed the plausibility gate | for ever |
/// | `event` | period changes, Tempo/EJP notices, overpower, switches, signal, reloads, resets, rejected indexes | for ever |
///
/// `energy_snapshot.local_hour` is the local hour (history's time zone) as `YYYYMMDDHH`, so a
/// report groups by `local_hour / 100` (day), `/ 10000` (month), `/ 1000000` (year) inside SQLite.
public enum HistorySchema {
    /// The index columns of `energy_snapshot`, in ``EnergyIndex`` order.
    static let indexColumns = EnergyIndex.allCases.map(\.column)

    /// Power columns shared by `power_minute` and `power_hour` (after the time column and `samples`).
    static let powerColumns = [
        "p_mean", "p_min", "p_max",
        "p1_mean", "p1_min", "p1_max", "p2_mean", "p2_min", "p2_max", "p3_mean", "p3_min", "p3_max",
        "inj_mean", "inj_min", "inj_max", "inj_est_mean",
        "i1_mean_da", "i2_mean_da", "i3_mean_da",
        "u1_min", "u1_max", "u2_min", "u2_max", "u3_min", "u3_max",
    ]

    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE series (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  meter TEXT NOT NULL, address TEXT NOT NULL, mode TEXT NOT NULL, tariff TEXT,
                  started INTEGER NOT NULL);
                CREATE INDEX series_meter ON series(meter);
                """)
            for (table, time) in [("power_minute", "minute"), ("power_hour", "hour")] {
                let columns = powerColumns.map { "\($0) INTEGER" }.joined(separator: ", ")
                try db.execute(sql: """
                    CREATE TABLE \(table) (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      series INTEGER NOT NULL REFERENCES series(id),
                      \(time) INTEGER NOT NULL, samples INTEGER NOT NULL, \(columns),
                      UNIQUE(series, \(time)));
                    """)
            }
            let indexes = indexColumns.map { "\($0) INTEGER" }.joined(separator: ", ")
            try db.execute(sql: """
                CREATE TABLE energy_snapshot (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  series INTEGER NOT NULL REFERENCES series(id),
                  t INTEGER NOT NULL, local_hour INTEGER NOT NULL, period TEXT, reason TEXT NOT NULL, \(indexes));
                CREATE INDEX energy_snapshot_local_hour ON energy_snapshot(local_hour);
                CREATE INDEX energy_snapshot_series_t ON energy_snapshot(series, t);
                CREATE TABLE event (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  t INTEGER NOT NULL, meter TEXT, kind TEXT NOT NULL, detail TEXT NOT NULL);
                CREATE INDEX event_t ON event(t);
                """)
        }
        // v2: energy per series and local day, kept at every commit (reports by day, month, year).
        migrator.registerMigration("v2") { db in
            try db.execute(sql: EnergyDays.createTable)
            try EnergyDays.add(snapshotsAfter: 0, in: db)
        }
        // v3: an index on the series alone (its rowid is the index's second column): a commit finds each
        // series' last snapshot and its new ones with index seeks instead of scanning (series, t).
        // Thinning reads `local_hour` ranges. Smaller, and a commit's cost no longer grows with the file.
        migrator.registerMigration("v3") { db in
            try db.execute(sql: """
                DROP INDEX energy_snapshot_series_t;
                CREATE INDEX energy_snapshot_series ON energy_snapshot(series);
                """)
        }
        return migrator
    }
}
