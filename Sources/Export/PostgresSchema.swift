import History

/// The PostgreSQL exporter's tables (issue 11): the local history's schema (``History/HistorySchema``)
/// on a server that several Pis and several meters write to.
///
/// | table | one row per | key (a re-sent row is a no-op) |
/// |---|---|---|
/// | `series` | meter address × mode × start (a meter reset starts a new one), with its tariff option, the meter's name and the `source` (the linkyd) that wrote it | `id` (server's own); unique `(address, mode, started)` |
/// | `power_minute` | series × UTC minute: the local columns | `(address, minute, series)` |
/// | `power_hour` | series × UTC hour | `(address, hour, series)` |
/// | `energy_snapshot` | index snapshot (every 15 min, period changes, starts, flushes) | `(address, t, series, reason)` |
/// | `event` | event of one linkyd | `(source, t, kind, meter, detail)`; `meter` is `''` for the Pi's own events |
/// | `energy_day` (a view) | series × local day: each supplier index's energy, from consecutive snapshots, as the local `energy_day` | — |
///
/// Times are `timestamptz` (the local integers converted exactly: minutes, hours, ms since 1970 UTC);
/// `local_hour` stays `YYYYMMDDHH` in the recording Pi's time zone, so `local_hour / 100` is its day.
///
/// Versioned: `linkyd_schema(version)` lists the migrations applied. ``migrate`` runs in one
/// transaction behind an advisory lock (two Pis starting at once), with `CREATE … IF NOT EXISTS`;
/// a server whose schema is newer than this linkyd's is refused, never downgraded.
enum PostgresSchema {
    static let version = 1
    /// `pg_advisory_xact_lock` key: "linkyd" in ASCII.
    static let lockKey: Int64 = 0x6C_69_6E_6B_79_64

    static let createVersionTable = """
        CREATE TABLE IF NOT EXISTS linkyd_schema (
          version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())
        """

    /// Migration `n` is `migrations[n - 1]`: statements run in order.
    static let migrations: [[String]] = [v1]

    static var v1: [String] {
        let power = HistoryStore.powerColumnNames.map { "\($0) integer" }.joined(separator: ", ")
        let indexes = HistoryStore.indexColumnNames.map { "\($0) bigint" }.joined(separator: ", ")
        var statements = [
            """
            CREATE TABLE IF NOT EXISTS series (
              id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              address text NOT NULL, mode text NOT NULL, started timestamptz NOT NULL,
              tariff text, meter text NOT NULL, source text NOT NULL,
              UNIQUE (address, mode, started))
            """,
        ]
        for (table, time) in [("power_minute", "minute"), ("power_hour", "hour")] {
            statements.append("""
                CREATE TABLE IF NOT EXISTS \(table) (
                  address text NOT NULL, series bigint NOT NULL REFERENCES series(id),
                  \(time) timestamptz NOT NULL, samples integer NOT NULL, \(power),
                  PRIMARY KEY (address, \(time), series))
                """)
        }
        statements += [
            """
            CREATE TABLE IF NOT EXISTS energy_snapshot (
              address text NOT NULL, series bigint NOT NULL REFERENCES series(id),
              t timestamptz NOT NULL, local_hour integer NOT NULL, period text, reason text NOT NULL, \(indexes),
              PRIMARY KEY (address, t, series, reason))
            """,
            "CREATE INDEX IF NOT EXISTS energy_snapshot_local_hour ON energy_snapshot (local_hour)",
            """
            CREATE TABLE IF NOT EXISTS event (
              source text NOT NULL, t timestamptz NOT NULL, meter text NOT NULL, kind text NOT NULL, detail text NOT NULL,
              PRIMARY KEY (source, t, kind, meter, detail))
            """,
            "CREATE INDEX IF NOT EXISTS event_t ON event (t)",
            energyDayView,
        ]
        return statements
    }

    /// Energy per series and local day, as the local `energy_day` (``History/EnergyDays``): the
    /// difference of each index between a snapshot and the next one of its series, counted on the
    /// local day of the earlier one. `d1…d10` supplier indexes, `dinj` injection (Wh).
    static var energyDayView: String {
        let deltas = (1...10).map { "LEAD(s\($0)) OVER w - s\($0) AS d\($0)" } + ["LEAD(eait) OVER w - eait AS dinj"]
        let sums = ((1...10).map { "d\($0)" } + ["dinj"]).map { "SUM(\($0))::bigint AS \($0)" }
        return """
            CREATE OR REPLACE VIEW energy_day AS
            SELECT address, series, day, to_date(day::text, 'YYYYMMDD') AS date, \(sums.joined(separator: ", "))
            FROM (SELECT address, series, local_hour / 100 AS day, LEAD(t) OVER w AS next, \(deltas.joined(separator: ", "))
                  FROM energy_snapshot WINDOW w AS (PARTITION BY series ORDER BY t, reason)) pairs
            WHERE next IS NOT NULL
            GROUP BY address, series, day
            """
    }
}
