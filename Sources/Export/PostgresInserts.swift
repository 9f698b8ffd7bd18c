import History
import PostgresNIO

/// The statements the PostgreSQL exporter sends (issue 11): one multi-row `INSERT … SELECT FROM
/// unnest(arrays) ON CONFLICT DO NOTHING` per table and batch, so a batch of thousands of rows is one
/// round trip with a fixed statement, and a row the server already has (re-sent after a lost
/// COMMIT acknowledgement, or by a restart before the cursor was saved) is skipped.
///
/// postgres-nio's arrays carry no NULL element, so a missing integer travels as `Int64.min` and a
/// missing text as `''`, turned back into NULL by `NULLIF` (no reading is ever `Int64.min`; no
/// period, tariff or meter name is empty). Times go as the history's integers and are converted by
/// the server exactly (`to_timestamp(0) + n * interval`).
enum PostgresInserts {
    static let missing = Int64.min
    private static let null = "'-9223372036854775808'::bigint"

    static func timestamp(_ column: String, unit: String) -> String { "to_timestamp(0) + \(column) * interval '1 \(unit)'" }

    /// `(series, server id)`: inserts the series or updates its tariff option (learnt after it
    /// started), its meter name and source; returns the server's id either way.
    static func upsertSeries(_ series: SeriesRow, source: String) -> PostgresQuery {
        var binds = PostgresBindings(capacity: 6)
        binds.append(series.address)
        binds.append(series.mode)
        binds.append(series.started)
        binds.append(series.tariff ?? "")
        binds.append(series.meter)
        binds.append(source)
        return PostgresQuery(unsafeSQL: """
            INSERT INTO series (address, mode, started, tariff, meter, source)
            VALUES ($1, $2, \(timestamp("$3::bigint", unit: "millisecond")), NULLIF($4, ''), $5, $6)
            ON CONFLICT (address, mode, started) DO UPDATE
              SET tariff = COALESCE(EXCLUDED.tariff, series.tariff), meter = EXCLUDED.meter, source = EXCLUDED.source
            RETURNING id
            """, binds: binds)
    }

    /// `power_minute` or `power_hour` rows; `serverSeries` maps the history's series ids to the server's.
    static func power(_ rows: [ExportedPower], table: String, serverSeries: [Int64: Int64]) -> PostgresQuery {
        let time = table == "power_hour" ? "hour" : "minute"
        let columns = HistoryStore.powerColumnNames
        var binds = PostgresBindings(capacity: 4 + columns.count)
        binds.append(rows.map(\.address))
        binds.append(rows.map { serverSeries[$0.row.series] ?? 0 })
        binds.append(rows.map(\.row.time))
        binds.append(rows.map { Int64($0.row.samples) })
        for index in columns.indices {
            binds.append(rows.map { $0.row.values[index].map(Int64.init) ?? missing })
        }
        let names = (0..<columns.count).map { "c\($0)" }
        return PostgresQuery(unsafeSQL: """
            INSERT INTO \(table) (address, series, \(time), samples, \(columns.joined(separator: ", ")))
            SELECT a, s, \(timestamp("t", unit: time)), n, \(names.map { "NULLIF(\($0), \(null))" }.joined(separator: ", "))
            FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], \((0..<columns.count).map { "$\($0 + 5)::bigint[]" }.joined(separator: ", ")))
              AS u(a, s, t, n, \(names.joined(separator: ", ")))
            ON CONFLICT DO NOTHING
            """, binds: binds)
    }

    static func snapshots(_ rows: [ExportedSnapshot], serverSeries: [Int64: Int64]) -> PostgresQuery {
        let columns = HistoryStore.indexColumnNames
        var binds = PostgresBindings(capacity: 6 + columns.count)
        binds.append(rows.map(\.address))
        binds.append(rows.map { serverSeries[$0.row.series] ?? 0 })
        binds.append(rows.map(\.row.time))
        binds.append(rows.map { Int64($0.row.localHour) })
        binds.append(rows.map { $0.row.period ?? "" })
        binds.append(rows.map(\.row.reason.rawValue))
        for index in columns.indices {
            binds.append(rows.map { $0.row.values[index].map(Int64.init) ?? missing })
        }
        let names = (0..<columns.count).map { "c\($0)" }
        return PostgresQuery(unsafeSQL: """
            INSERT INTO energy_snapshot (address, series, t, local_hour, period, reason, \(columns.joined(separator: ", ")))
            SELECT a, s, \(timestamp("t", unit: "millisecond")), h, NULLIF(p, ''), r, \(names.map { "NULLIF(\($0), \(null))" }.joined(separator: ", "))
            FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::text[], \((0..<columns.count).map { "$\($0 + 7)::bigint[]" }.joined(separator: ", ")))
              AS u(a, s, t, h, p, r, \(names.joined(separator: ", ")))
            ON CONFLICT DO NOTHING
            """, binds: binds)
    }

    static func events(_ rows: [ExportedEvent], source: String) -> PostgresQuery {
        var binds = PostgresBindings(capacity: 5)
        binds.append(source)
        binds.append(rows.map(\.row.time))
        binds.append(rows.map { $0.row.meter ?? "" })
        binds.append(rows.map(\.row.kind))
        binds.append(rows.map(\.row.detail))
        return PostgresQuery(unsafeSQL: """
            INSERT INTO event (source, t, meter, kind, detail)
            SELECT $1, \(timestamp("t", unit: "millisecond")), m, k, d
            FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[]) AS u(t, m, k, d)
            ON CONFLICT DO NOTHING
            """, binds: binds)
    }
}
