import Controller
@testable import Export
import Foundation
import History
import Testing

/// The PostgreSQL exporter against a real PostgreSQL 15 started by the test (``PostgresServer``):
/// the server's rows are read back with psql and compared with the local history's, after an
/// outage of the server, and with two Pis writing to one server.
@Suite(.serialized) struct PostgresExportTests {
    static func config(_ server: PostgresServer, user: String = "linkyd", database: String = "linky") -> PostgreSQLConfig {
        var config = PostgreSQLConfig(host: "127.0.0.1", port: server.port, user: user, database: database)
        config.tls = .disable
        config.passwordFile = server.passwordFile
        return config
    }

    static func exporter(_ server: PostgresServer, history: String, source: String = "pi-test", config: PostgreSQLConfig? = nil,
                         password: String = PostgresServer.password, log: PostgresLog = PostgresLog(), batchRows: Int = 5_000) -> PostgresExporter {
        PostgresExporter(config: config ?? Self.config(server), password: password, source: source, historyPath: history,
                         logger: log.logger, batchRows: batchRows, pollInterval: .milliseconds(100))
    }

    // MARK: - What the server must hold

    static func cell(_ value: Int?) -> String { value.map(String.init) ?? "" }

    /// The local rows, as psql prints the server's (`|` between columns, NULL empty), in the queries' order.
    static func local(_ store: HistoryStore) throws -> [String: [String]] {
        var minutes: [ExportedPower] = [], hours: [ExportedPower] = [], snapshots: [ExportedSnapshot] = [], events: [ExportedEvent] = []
        while case let more = try store.powerMinutes(after: minutes.last?.id ?? 0), !more.isEmpty { minutes += more }
        while case let more = try store.powerHours(after: hours.last?.id ?? 0), !more.isEmpty { hours += more }
        while case let more = try store.snapshots(after: snapshots.last?.id ?? 0), !more.isEmpty { snapshots += more }
        while case let more = try store.events(after: events.last?.id ?? 0), !more.isEmpty { events += more }
        let power = { (rows: [ExportedPower]) in
            rows.map { ([$0.address, String($0.row.time), String($0.row.samples)] + $0.row.values.map(cell)).joined(separator: "|") }.sorted()
        }
        return [
            "power_minute": power(minutes),
            "power_hour": power(hours),
            "energy_snapshot": snapshots.map {
                ([$0.address, String($0.row.time), String($0.row.localHour), $0.row.period ?? "", $0.row.reason.rawValue] + $0.row.values.map(cell)).joined(separator: "|")
            }.sorted(),
            "event": events.map { [String($0.row.time), $0.row.meter ?? "", $0.row.kind, $0.row.detail].joined(separator: "|") }.sorted(),
        ]
    }

    static func server(_ server: PostgresServer, addresses: [String]? = nil, source: String? = nil) throws -> [String: [String]] {
        let power = HistoryStore.powerColumnNames.joined(separator: ", ")
        let indexes = HistoryStore.indexColumnNames.joined(separator: ", ")
        let address = addresses.map { "WHERE address IN (\($0.map { "'\($0)'" }.joined(separator: ", ")))" } ?? ""
        let ms = { (column: String) in "(extract(epoch from \(column)) * 1000)::bigint" }
        return [
            "power_minute": try server.lines("SELECT address, (extract(epoch from minute) / 60)::bigint, samples, \(power) FROM power_minute \(address)").sorted(),
            "power_hour": try server.lines("SELECT address, (extract(epoch from hour) / 3600)::bigint, samples, \(power) FROM power_hour \(address)").sorted(),
            "energy_snapshot": try server.lines("SELECT address, \(ms("t")), local_hour, period, reason, \(indexes) FROM energy_snapshot \(address)").sorted(),
            "event": try server.lines("SELECT \(ms("t")), meter, kind, detail FROM event \(source.map { "WHERE source = '\($0)'" } ?? "")").sorted(),
        ]
    }

    static func expectSame(_ local: [String: [String]], _ remote: [String: [String]], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for table in PostgresExporter.streams {
            let mine = local[table] ?? [], theirs = remote[table] ?? []
            #expect(theirs.count == mine.count, "\(table): \(theirs.count) rows on the server, \(mine.count) in the history", sourceLocation: sourceLocation)
            #expect(theirs == mine, "\(table): first difference \(zip(theirs, mine).first { $0 != $1 }.map { "\($0) vs \($1)" } ?? "in length")", sourceLocation: sourceLocation)
        }
    }

    static func wait(until condition: () throws -> Bool, seconds: Double = 60) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? condition()) == true { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try condition()
    }

    // MARK: - Tests

    @Test func theServerGetsTheHistorysRowsOnceWithItsSchema() async throws {
        let server = try PostgresServer()
        let path = server.directory.appendingPathComponent("history.sqlite").path
        var meter = RecordedMeter(path: path, address: "042261123456")
        meter.record(hours: 3)
        let store = try HistoryStore.open(path: path)
        let local = try Self.local(store)
        #expect(local["power_minute"]!.count >= 170 && !local["energy_snapshot"]!.isEmpty && !local["event"]!.isEmpty && !local["power_hour"]!.isEmpty)

        let exporter = Self.exporter(server, history: path, batchRows: 100)
        let sent = try await exporter.drain()
        #expect(sent == local.values.map(\.count).reduce(0, +))
        #expect(await exporter.transactions > 1)  // batches of 100 rows
        Self.expectSame(local, try Self.server(server))
        #expect(try server.psql("SELECT version FROM linkyd_schema") == "\(PostgresSchema.version)")
        let series = try #require(try store.allSeries().first)
        #expect(series.tariff != nil)
        #expect(try server.psql("SELECT address, mode, tariff, meter, source, (extract(epoch from started) * 1000)::bigint FROM series")
                == "042261123456|\(series.mode)|\(series.tariff ?? "")|main|pi-test|\(series.started)")
        // The cursor moved after each COMMIT: a new exporter on the same history has nothing to send.
        #expect(ExportCursor.load(path: path + ".postgresql-cursor")?["power_minute"] == (try store.lastID(of: "power_minute")))
        #expect(try await Self.exporter(server, history: path).drainOnce() == 0)
        // A lost cursor sends everything again: the server skips every row it has (primary keys).
        try FileManager.default.removeItem(atPath: path + ".postgresql-cursor")
        #expect(try await Self.exporter(server, history: path).drainOnce() == sent)
        Self.expectSame(local, try Self.server(server))
        // energy_day (a view) gives the local energy_day's numbers: every Wh of the supplier indexes.
        let energy = try server.psql("SELECT SUM(d1) + SUM(d2) FROM energy_day")
        let first = try #require(try store.snapshots(after: 0).first), last = try #require(try store.snapshots(after: 0, limit: 100_000).last)
        #expect(energy == String((last.row.values[0]! + last.row.values[1]!) - (first.row.values[0]! + first.row.values[1]!)))
        await exporter.disconnect()
    }

    @Test func aServerDownForAWhileIsBackFilledWithNothingMissingOrTwice() async throws {
        let server = try PostgresServer()
        let path = server.directory.appendingPathComponent("history.sqlite").path
        var meter = RecordedMeter(path: path, address: "042261123456")
        meter.record(hours: 2)
        let store = try HistoryStore.open(path: path)
        let log = PostgresLog()
        let exporter = Self.exporter(server, history: path, log: log, batchRows: 500)
        let running = Task { await exporter.run() }
        defer { running.cancel() }
        let minutes = { try server.psql("SELECT COUNT(*) FROM power_minute") }
        #expect(try await Self.wait { try minutes() == String(try store.count("power_minute")) })

        server.stop()
        meter.record(hours: 4)   // recorded while the server is down
        try await Task.sleep(for: .seconds(3))
        let outage = log.warnings
        #expect(outage.count == 1, "\(outage)")   // reported once, not at every retry
        #expect(outage.first?.contains("postgres://linkyd@127.0.0.1:\(server.port)/linky") == true, "\(outage)")
        #expect(outage.first.map { $0.contains("closed the connection") || $0.contains("cannot connect: connection refused") } == true, "\(outage)")

        try server.start()
        let local = try Self.local(store)
        #expect(try await Self.wait { try Self.server(server)["power_minute"]?.count == local["power_minute"]?.count && Self.server(server)["event"]?.count == local["event"]?.count })
        Self.expectSame(local, try Self.server(server))
        #expect(log.infos.filter { $0.contains("connected to") && $0.contains("again") }.count == 1, "\(log.infos)")
        #expect(log.warnings.count == 1, "\(log.warnings)")
        running.cancel()
        _ = await running.value
    }

    @Test func twoPisWithTheirMetersWriteToOneServer() async throws {
        let server = try PostgresServer()
        var histories: [(String, String, String)] = []
        for (n, address) in ["042261000001", "042261000002"].enumerated() {
            let path = server.directory.appendingPathComponent("pi\(n).sqlite").path
            var meter = RecordedMeter(path: path, address: address, start: 1_764_543_600_000 + Int64(n) * 7_000)
            meter.record(hours: 2)
            histories.append((path, address, "pi-\(n)"))
        }
        // Both at once: the schema is created once (advisory lock), the rows interleave.
        try await withThrowingTaskGroup(of: Int.self) { group in
            for (path, _, source) in histories {
                group.addTask { try await Self.exporter(server, history: path, source: source, batchRows: 50).drainOnce() }
            }
            for try await sent in group { #expect(sent > 0) }
        }
        #expect(try server.psql("SELECT COUNT(*) FROM series") == "2")
        #expect(try server.lines("SELECT DISTINCT source FROM event ORDER BY 1") == ["pi-0", "pi-1"])
        for (path, address, source) in histories {
            Self.expectSame(try Self.local(try HistoryStore.open(path: path)), try Self.server(server, addresses: [address], source: source))
        }
    }

    @Test func aWrongPasswordIsReportedWithWhatTheServerAnswered() async throws {
        let server = try PostgresServer()
        let path = server.directory.appendingPathComponent("history.sqlite").path
        var meter = RecordedMeter(path: path, address: "042261123456")
        meter.record(hours: 0.5)
        let log = PostgresLog()
        let exporter = Self.exporter(server, history: path, password: "not-the-password", log: log)
        let error = await #expect(throws: ExportError.self) { try await exporter.drainOnce() }
        let text = error?.description ?? ""
        #expect(text.contains("postgres://linkyd@127.0.0.1:\(server.port)/linky"), "\(text)")
        #expect(text.contains("SQLSTATE 28P01") && text.contains("password authentication failed"), "\(text)")
        #expect(!text.contains("not-the-password") && !text.contains(PostgresServer.password))
        // run() logs it once, whatever the number of retries.
        let running = Task { await exporter.run() }
        try await Task.sleep(for: .seconds(4))
        running.cancel()
        _ = await running.value
        #expect(log.warnings.count == 1 && log.warnings[0].contains("28P01"), "\(log.warnings)")
        #expect(!log.lines.map(\.1).joined().contains("not-the-password"))
        #expect(try server.psql("SELECT COUNT(*) FROM pg_tables WHERE tablename = 'series'") == "0")
    }

    @Test func aMissingDatabaseOrAMissingRightIsReported() async throws {
        let server = try PostgresServer()
        let path = server.directory.appendingPathComponent("history.sqlite").path
        var meter = RecordedMeter(path: path, address: "042261123456")
        meter.record(hours: 0.5)
        let missing = Self.exporter(server, history: path, config: Self.config(server, database: "nope"))
        let noDatabase = await #expect(throws: ExportError.self) { try await missing.drainOnce() }
        #expect(noDatabase?.description.contains("SQLSTATE 3D000") == true, "\(String(describing: noDatabase))")
        #expect(noDatabase?.hint?.contains("createdb -O linkyd nope") == true)
        // PostgreSQL 15: only the database's owner may create tables in public.
        try server.psql("CREATE ROLE reader LOGIN PASSWORD '\(PostgresServer.password)'")
        let reader = Self.exporter(server, history: path, config: Self.config(server, user: "reader"))
        let noRight = await #expect(throws: ExportError.self) { try await reader.drainOnce() }
        #expect(noRight?.description.contains("SQLSTATE 42501") == true && noRight?.description.contains("permission denied") == true,
                "\(String(describing: noRight))")
        // Nothing moved: the cursor waits for a server that takes the rows.
        #expect(ExportCursor.load(path: path + ".postgresql-cursor") == nil)
    }

    @Test func tlsRequireAndVerifyFull() async throws {
        let server = try PostgresServer(tls: true)
        let path = server.directory.appendingPathComponent("history.sqlite").path
        var meter = RecordedMeter(path: path, address: "042261123456")
        meter.record(hours: 0.5)
        var config = Self.config(server)
        config.tls = .require
        let exporter = Self.exporter(server, history: path, config: config)
        #expect(try await exporter.drain() > 0)
        #expect(try server.psql("SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.application_name = 'linkyd'") == "t")
        await exporter.disconnect()

        // verify-full: the self-signed certificate as the CA, for the host 127.0.0.1 it names.
        config.tls = .verifyFull
        config.caFile = server.certificate
        #expect(try await Self.exporter(server, history: path, config: config).drainOnce() == 0)
        // Without it, the system's CAs do not know the certificate: refused, and said so.
        config.caFile = nil
        try? FileManager.default.removeItem(atPath: path + ".postgresql-cursor")
        let error = await #expect(throws: ExportError.self) { try await Self.exporter(server, history: path, config: config).drainOnce() }
        #expect(error?.description.contains("TLS failed") == true && error?.description.contains("CERTIFICATE_VERIFY_FAILED") == true, "\(String(describing: error))")
        #expect(error?.hint?.contains("ca-file") == true)
        // A server without TLS, with tls: require: refused before any password is sent.
        let plain = try PostgresServer()
        var plainConfig = Self.config(plain)
        plainConfig.tls = .require
        let refused = await #expect(throws: ExportError.self) { try await Self.exporter(plain, history: path, config: plainConfig).drainOnce() }
        #expect(refused?.description.contains("does not offer TLS") == true, "\(String(describing: refused))")
    }
}

extension PostgresExporter {
    /// ``drain()``, then the connection closed whatever happened (postgres-nio asserts a connection
    /// is closed before it is released).
    func drainOnce() async throws(ExportError) -> Int {
        do {
            let sent = try await drain()
            await disconnect()
            return sent
        } catch {
            await disconnect()
            throw error
        }
    }
}
